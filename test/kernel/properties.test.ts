/**
 * Property tests (test taxonomy (d)) of the kernel on random small models.
 *
 * 1. The calendar against a naive reference: for any sequence of pushes (due now or later, any
 *    priority) and pops, the calendar hands out entries in the order of a sort by
 *    `(time, priority, insertion order)` (model-based, `fc.commands`).
 * 2. The same order at the environment level, for callbacks that schedule and cancel callbacks.
 * 3. Random models (processes with timeouts, delays, shared events, waits on other processes,
 *    conditions; triggers at random priorities; random interrupts; random callbacks):
 *    - the clock never goes back;
 *    - the same model gives the same trace (determinism), whether run with run(), step() or in
 *      run(until) chunks;
 *    - `yield* env.delay(d)` and `yield* env.timeout(d)` give the same trace;
 *    - at the end every process has finished or is reported by waiting(), waiting on an event
 *      that nothing has triggered; run() throws a DeadlockError exactly when a non-daemon process
 *      is left.
 *
 * Seeds are fixed so that a failure replays; fast-check prints the seed and path of any failure.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Calendar } from '../../src/kernel/calendar.js';
import {
  DeadlockError,
  Environment,
  Interrupt,
  Priority,
  type Process,
  type SimEvent,
  SimulationError,
} from '../../src/kernel/index.js';

const SEED = 20220413;

// ------------------------------------------------------------------------------------------------
// 1. Calendar vs a naive sorted-array reference

interface RefEntry {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly payload: string;
}

interface CalendarModel {
  entries: RefEntry[];
  current: number;
  nextSeq: number;
}

/** Index of the least entry by (time, priority, seq): the one a correct calendar pops next. */
function leastIndex(entries: readonly RefEntry[]): number {
  let best = -1;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const b = best < 0 ? undefined : entries[best]!;
    if (
      b === undefined ||
      e.time < b.time ||
      (e.time === b.time && (e.priority < b.priority || (e.priority === b.priority && e.seq < b.seq)))
    )
      best = i;
  }
  return best;
}

function checkObservables(model: CalendarModel, real: Calendar): void {
  expect(real.size).toBe(model.entries.length);
  expect(real.nextSeq).toBe(model.nextSeq);
  const i = leastIndex(model.entries);
  expect(real.peekTime(model.current)).toBe(i < 0 ? Number.POSITIVE_INFINITY : model.entries[i]!.time);
}

class PushCommand implements fc.Command<CalendarModel, Calendar> {
  constructor(
    readonly dt: number,
    readonly priority: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: CalendarModel, real: Calendar): void {
    const time = model.current + this.dt;
    const payload = `e${model.nextSeq}`;
    const seq = real.push(time, this.priority, payload, { of: payload }, model.current);
    expect(seq).toBe(model.nextSeq);
    model.entries.push({ time, priority: this.priority, seq, payload });
    model.nextSeq++;
    checkObservables(model, real);
  }
  toString(): string {
    return `push(+${this.dt}, p${this.priority})`;
  }
}

class PopCommand implements fc.Command<CalendarModel, Calendar> {
  check(): boolean {
    return true;
  }
  run(model: CalendarModel, real: Calendar): void {
    const i = leastIndex(model.entries);
    const popped = real.pop(model.current);
    if (i < 0) {
      expect(popped).toBe(false);
      return;
    }
    const [want] = model.entries.splice(i, 1) as [RefEntry];
    expect(popped).toBe(true);
    expect([real.time, real.payload, real.arg, real.poppedSeq]).toEqual([
      want.time,
      want.payload,
      { of: want.payload },
      want.seq,
    ]);
    model.current = want.time;
    checkObservables(model, real);
  }
  toString(): string {
    return 'pop';
  }
}

/** Few distinct offsets, so that ties in time are common; 0 exercises the "due now" ring buffers. */
const offset = fc.oneof(
  fc.constant(0),
  fc.constantFrom(0.5, 1, 2, 3),
  fc.double({ min: 0, max: 10, noNaN: true }),
);
const anyPriority = fc.oneof(
  fc.constantFrom(Priority.URGENT, Priority.RELEASE, Priority.NORMAL, Priority.LATE),
  fc.integer({ min: 0, max: 255 }),
);

const calendarCommands = fc.commands(
  [
    fc.tuple(fc.constant(0), anyPriority).map(([dt, p]) => new PushCommand(dt, p)),
    fc.tuple(offset, anyPriority).map(([dt, p]) => new PushCommand(dt, p)),
    fc.tuple(offset, fc.constantFrom(0, 1, 2, 3)).map(([dt, p]) => new PushCommand(dt, p)),
    fc.constant(new PopCommand()),
  ],
  { maxCommands: 250 },
);

describe('Calendar against a sorted-array reference', () => {
  test.prop([calendarCommands, fc.constantFrom(0, 7.25, 1e6)], { seed: SEED, numRuns: 200 })(
    'push/pop sequences (due now and later, any priority) pop in (time, priority, insertion) order',
    (cmds, start) => {
      fc.modelRun(() => {
        const real = new Calendar();
        real.time = start;
        return { model: { entries: [], current: start, nextSeq: 0 }, real };
      }, cmds);
    },
  );

  test.prop([fc.array(fc.tuple(offset, anyPriority), { minLength: 100, maxLength: 600 }), fc.nat(50)], {
    seed: SEED + 1,
    numRuns: 40,
  })('bulk: hundreds of entries grow the heap and ring buffers without losing order', (pushes, popEvery) => {
    // Same reference as above, but compared once at the end (hundreds of expect() calls per run
    // would dominate the time).
    const real = new Calendar();
    const reference: RefEntry[] = [];
    const got: [number, number, unknown][] = [];
    const want: [number, number, unknown][] = [];
    let current = 0;
    let peak = 0;
    const popBoth = (): void => {
      const [w] = reference.splice(leastIndex(reference), 1) as [RefEntry];
      want.push([w.time, w.seq, w.payload]);
      real.pop(current);
      got.push([real.time, real.poppedSeq, real.payload]);
      current = w.time;
    };
    pushes.forEach(([dt, priority], k) => {
      const time = current + dt;
      const seq = real.push(time, priority, `e${k}`, undefined, current);
      reference.push({ time, priority, seq, payload: `e${k}` });
      peak = Math.max(peak, real.size);
      if (popEvery > 0 && k % popEvery === 0) popBoth();
    });
    while (reference.length > 0) popBoth();
    expect(got).toEqual(want);
    expect([real.size, real.pop(current)]).toEqual([0, false]);
    // Slots are recycled: never more than the most entries waiting at once, plus the one popped
    // last (kept readable until the next pop). And nothing popped is held on to.
    expect(real.slotsAllocated).toBeLessThanOrEqual(peak + 1);
    expect([real.payload, real.arg]).toEqual([undefined, undefined]);
  });
});

// ------------------------------------------------------------------------------------------------
// 2. The environment runs callbacks in (time, priority, insertion) order

interface CallbackPlan {
  readonly delay: number;
  readonly priority: number;
  /** Callbacks this one schedules when it runs (delay 0 lands on the current instant). */
  readonly children: readonly { readonly delay: number; readonly priority: number }[];
  /** Cancel the callback scheduled this many handles earlier, if still pending. */
  readonly cancelBack: number | undefined;
}

const smallDelay = fc.constantFrom(0, 0, 0.5, 1, 2);
const namedPriority = fc.constantFrom(Priority.URGENT, Priority.RELEASE, Priority.NORMAL, Priority.LATE);
const callbackPlan: fc.Arbitrary<CallbackPlan> = fc.record({
  delay: smallDelay,
  priority: namedPriority,
  children: fc.array(fc.record({ delay: smallDelay, priority: namedPriority }), { maxLength: 3 }),
  cancelBack: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
});

describe('Environment callbacks', () => {
  test.prop([fc.array(callbackPlan, { minLength: 1, maxLength: 12 })], { seed: SEED + 2, numRuns: 300 })(
    'each callback that runs is the least pending (time, priority, handle); cancelled ones never run',
    (plans) => {
      const env = new Environment();
      const pending = new Map<number, { time: number; priority: number }>();
      const ran: number[] = [];
      const handles: number[] = [];
      const add = (delay: number, priority: number, depth: number): void => {
        const h = env.schedule(delay, () => visit(h, depth), undefined, priority);
        pending.set(h, { time: env.now + delay, priority });
        handles.push(h);
      };
      const visit = (h: number, depth: number): void => {
        let least = -1;
        for (const [k, e] of pending) {
          const b = least < 0 ? undefined : pending.get(least)!;
          if (
            b === undefined ||
            e.time < b.time ||
            (e.time === b.time && (e.priority < b.priority || (e.priority === b.priority && k < least)))
          )
            least = k;
        }
        expect(h).toBe(least);
        expect(env.now).toBe(pending.get(h)!.time);
        pending.delete(h);
        ran.push(h);
        const plan = plans[h % plans.length]!;
        if (depth < 2) for (const c of plan.children) add(c.delay, c.priority, depth + 1);
        if (plan.cancelBack !== undefined) {
          const victim = handles[handles.length - 1 - plan.cancelBack];
          if (victim !== undefined && pending.has(victim)) {
            env.cancel(victim);
            pending.delete(victim);
          }
        }
      };
      for (const p of plans) add(p.delay, p.priority, 0);
      env.run();
      expect(pending.size).toBe(0);
      expect(new Set(ran).size).toBe(ran.length);
    },
  );
});

// ------------------------------------------------------------------------------------------------
// 3. Random models

type Step =
  | { readonly kind: 'timeout'; readonly delay: number }
  | { readonly kind: 'delay'; readonly delay: number }
  | { readonly kind: 'wait'; readonly event: number }
  | { readonly kind: 'waitProc'; readonly proc: number }
  | { readonly kind: 'any'; readonly delays: readonly number[] }
  | { readonly kind: 'all'; readonly delays: readonly number[] };

interface ModelSpec {
  readonly procs: readonly {
    readonly start: number;
    readonly priority: number;
    readonly daemon: boolean;
    readonly steps: readonly Step[];
  }[];
  /** Succeed shared event `event` at `at` (with a delay and priority), unless already triggered. */
  readonly triggers: readonly {
    readonly event: number;
    readonly at: number;
    readonly delay: number;
    readonly priority: number;
  }[];
  readonly interrupts: readonly { readonly target: number; readonly at: number; readonly priority: number }[];
  readonly callbacks: readonly {
    readonly at: number;
    readonly priority: number;
    readonly followUp: { readonly delay: number; readonly priority: number } | undefined;
  }[];
  /** Strictly increasing times after the start for running the model in run(until) chunks. */
  readonly cuts: readonly number[];
}

const EVENTS = 3;
const MAX_PROCS = 6;
const when = fc.constantFrom(0, 0.5, 1, 2, 3, 5);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('timeout' as const), delay: when }),
  fc.record({ kind: fc.constant('delay' as const), delay: when }),
  fc.record({ kind: fc.constant('wait' as const), event: fc.nat(EVENTS - 1) }),
  fc.record({ kind: fc.constant('waitProc' as const), proc: fc.nat(MAX_PROCS - 1) }),
  fc.record({ kind: fc.constant('any' as const), delays: fc.array(when, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('all' as const), delays: fc.array(when, { maxLength: 3 }) }),
);
const modelSpec: fc.Arbitrary<ModelSpec> = fc.record({
  procs: fc.array(
    fc.record({
      start: when,
      priority: namedPriority,
      daemon: fc.boolean(),
      steps: fc.array(step, { maxLength: 5 }),
    }),
    { minLength: 1, maxLength: MAX_PROCS },
  ),
  triggers: fc.array(
    fc.record({
      event: fc.nat(EVENTS - 1),
      at: when,
      delay: fc.constantFrom(0, 0, 1),
      priority: namedPriority,
    }),
    { maxLength: 4 },
  ),
  interrupts: fc.array(fc.record({ target: fc.nat(MAX_PROCS - 1), at: when, priority: namedPriority }), {
    maxLength: 4,
  }),
  callbacks: fc.array(
    fc.record({
      at: when,
      priority: namedPriority,
      followUp: fc.option(fc.record({ delay: fc.constantFrom(0, 0.5), priority: namedPriority }), {
        nil: undefined,
      }),
    }),
    { maxLength: 4 },
  ),
  cuts: fc
    .uniqueArray(fc.constantFrom(0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 8), { maxLength: 4 })
    .map((c) => [...c].sort((a, b) => a - b)),
});

interface Built {
  readonly env: Environment;
  readonly trace: unknown[][];
  /** Processes by their index in the spec (undefined until created). */
  readonly procs: (Process<number> | undefined)[];
  /** Processes in creation order. */
  readonly created: Process<number>[];
}

/**
 * Build the model on a fresh environment. `delays: 'delay'` runs the 'delay' steps with
 * `env.delay`, `'timeout'` with `env.timeout`. Nothing is run yet.
 */
function build(spec: ModelSpec, options: { delays: 'delay' | 'timeout'; onDeadlock?: 'ignore' }): Built {
  const env = new Environment(options.onDeadlock ? { onDeadlock: options.onDeadlock } : {});
  const trace: unknown[][] = [];
  const log = (...entry: unknown[]) => trace.push([env.now, ...entry]);
  const events = Array.from({ length: EVENTS }, () => env.event<string>());
  const procs: (Process<number> | undefined)[] = new Array(spec.procs.length).fill(undefined);
  const created: Process<number>[] = [];

  function* body(i: number): Generator<SimEvent<any>, number, any> {
    const name = `p${i}`;
    log(name, 'start');
    const steps = spec.procs[i]!.steps;
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k]!;
      try {
        let v: unknown;
        switch (s.kind) {
          case 'timeout':
            v = yield* env.timeout(s.delay, `${name}.${k}`);
            break;
          case 'delay':
            if (options.delays === 'delay') yield* env.delay(s.delay);
            else yield* env.timeout(s.delay);
            break;
          case 'wait':
            v = yield* events[s.event]!;
            break;
          case 'waitProc': {
            const other = procs[s.proc % procs.length];
            v = other === undefined ? 'no such process yet' : yield* other;
            break;
          }
          case 'any':
            v = (yield* env.anyOf(s.delays.map((d, j) => env.timeout(d, j)))).index;
            break;
          case 'all':
            v = yield* env.allOf(s.delays.map((d, j) => env.timeout(d, j)));
            break;
        }
        log(name, 'step', k, v);
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log(name, 'interrupted', k, e.cause, e.time);
      }
    }
    log(name, 'end');
    return i;
  }

  spec.procs.forEach((p, i) => {
    env.schedule(
      p.start,
      () => {
        const proc = env.process(body(i), { name: `p${i}`, daemon: p.daemon });
        procs[i] = proc;
        created.push(proc);
      },
      undefined,
      p.priority,
    );
  });
  spec.triggers.forEach((t, n) => {
    env.schedule(
      t.at,
      () => {
        const ev = events[t.event]!;
        if (ev.triggered) log(`trigger${n}`, 'already triggered');
        else {
          ev.succeed(`ev${t.event}`, t.delay, t.priority);
          log(`trigger${n}`, 'succeed', t.event);
        }
      },
      undefined,
      t.priority,
    );
  });
  spec.interrupts.forEach((x, n) => {
    env.schedule(
      x.at,
      () => {
        const p = procs[x.target % procs.length];
        if (p === undefined) log(`interrupt${n}`, 'no target yet');
        else if (!p.isAlive) {
          // Interrupting a finished process must be refused.
          expect(() => p.interrupt('late')).toThrow(SimulationError);
          log(`interrupt${n}`, 'target finished');
        } else {
          p.interrupt(`cause${n}`);
          log(`interrupt${n}`, 'sent', p.name);
        }
      },
      undefined,
      x.priority,
    );
  });
  spec.callbacks.forEach((c, n) => {
    env.schedule(
      c.at,
      () => {
        log(`cb${n}`);
        if (c.followUp !== undefined)
          env.schedule(c.followUp.delay, () => log(`cb${n}.followUp`), undefined, c.followUp.priority);
      },
      undefined,
      c.priority,
    );
  });
  return { env, trace, procs, created };
}

/** Run to the end, reporting (not throwing) a deadlock. */
function runAll(b: Built): { deadlock: DeadlockError | undefined } {
  try {
    b.env.run();
    return { deadlock: undefined };
  } catch (e) {
    if (e instanceof DeadlockError) return { deadlock: e };
    throw e;
  }
}

describe('random models', () => {
  test.prop([modelSpec], { seed: SEED + 3, numRuns: 300 })(
    'the clock never goes back, step by step, and every trace entry is stamped with the clock',
    (spec) => {
      const b = build(spec, { delays: 'delay' });
      const clock: number[] = [b.env.now];
      const peeked: number[] = [b.env.now];
      const stamps: [number, number][] = [];
      while (b.env.peek() < Number.POSITIVE_INFINITY) {
        peeked.push(b.env.peek());
        b.env.step();
        for (let k = stamps.length; k < b.trace.length; k++)
          stamps.push([b.trace[k]![0] as number, b.env.now]);
        clock.push(b.env.now);
      }
      // step() moves the clock to exactly the time peek() announced, ...
      expect(clock).toEqual(peeked);
      // ... never backwards, ...
      expect(clock).toEqual([...clock].sort((x, y) => x - y));
      // ... and whatever a step logs is stamped with the clock of that step.
      expect(stamps.every(([logged, now]) => logged === now)).toBe(true);
    },
  );

  test.prop([modelSpec], { seed: SEED + 4, numRuns: 300 })(
    'determinism: the same model gives the same trace, with run(), with step() and in run(until) chunks',
    (spec) => {
      const a = build(spec, { delays: 'delay' });
      const ra = runAll(a);
      const again = build(spec, { delays: 'delay' });
      const rAgain = runAll(again);
      expect(again.trace).toEqual(a.trace);
      expect([again.env.now, rAgain.deadlock?.message]).toEqual([a.env.now, ra.deadlock?.message]);

      const stepped = build(spec, { delays: 'delay' });
      while (stepped.env.peek() < Number.POSITIVE_INFINITY) stepped.env.step();
      expect(stepped.trace).toEqual(a.trace);
      expect(stepped.env.now).toBe(a.env.now);

      const chunked = build(spec, { delays: 'delay' });
      for (const t of spec.cuts) {
        chunked.env.run(t);
        expect(chunked.env.now).toBe(t);
        // run(t) processed exactly the entries before t.
        expect(chunked.trace.every((e) => (e[0] as number) < t)).toBe(true);
        expect(chunked.env.peek()).toBeGreaterThanOrEqual(t);
      }
      const rChunked = runAll(chunked);
      expect(chunked.trace).toEqual(a.trace);
      expect(rChunked.deadlock?.message.replace(/^simulation at t=[\d.]+/, '')).toBe(
        ra.deadlock?.message.replace(/^simulation at t=[\d.]+/, ''),
      );
    },
  );

  test.prop([modelSpec], { seed: SEED + 5, numRuns: 300 })(
    'yield* env.delay(d) and yield* env.timeout(d) give the same trace, interrupts included',
    (spec) => {
      const withDelay = build(spec, { delays: 'delay' });
      const withTimeout = build(spec, { delays: 'timeout' });
      runAll(withDelay);
      runAll(withTimeout);
      expect(withDelay.trace).toEqual(withTimeout.trace);
      expect(withDelay.env.now).toBe(withTimeout.env.now);
      expect(withDelay.env.waiting().map((w) => w.name)).toEqual(
        withTimeout.env.waiting().map((w) => w.name),
      );
    },
  );

  test.prop([modelSpec], { seed: SEED + 6, numRuns: 300 })(
    'every process ends finished or is reported by waiting(); a deadlock is raised exactly when a non-daemon is left',
    (spec) => {
      const quiet = build(spec, { delays: 'delay', onDeadlock: 'ignore' });
      quiet.env.run();
      expect(quiet.env.pending).toBe(0);
      const waiting = quiet.env.waiting();
      expect(quiet.created).toHaveLength(spec.procs.length);
      quiet.procs.forEach((p, i) => {
        if (p === undefined) throw new Error(`p${i} was never created`);
        const w = waiting.find((x) => x.process === p);
        if (p.isAlive) {
          // With the calendar empty, it must be stuck on something nothing has triggered.
          expect(w).toBeDefined();
          expect(p.waitingOn).toBeDefined();
          expect(p.waitingOn!.triggered).toBe(false);
        } else {
          expect(w).toBeUndefined();
          expect([p.ok, p.value]).toEqual([true, i]);
        }
      });
      expect(quiet.env.liveProcesses).toBe(waiting.length);
      // Listed in creation order. (Compared by index: deep equality would iterate the events, which
      // are iterable for yield*.)
      expect(waiting.map((w) => quiet.created.indexOf(w.process))).toEqual(
        quiet.created.flatMap((p, k) => (p.isAlive ? [k] : [])),
      );

      const strict = build(spec, { delays: 'delay' });
      const { deadlock } = runAll(strict);
      const stuck = waiting.filter((w) => !w.process.daemon).map((w) => w.name);
      if (stuck.length === 0) expect(deadlock).toBeUndefined();
      else expect(deadlock?.waiting.map((w) => w.name)).toEqual(stuck);
      expect(strict.trace).toEqual(quiet.trace);
    },
  );
});

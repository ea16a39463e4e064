/**
 * Bad input and run-time failures: every error names what was wrong (the object or process, the bad
 * value) and when (the simulated time), so a planner can find the mistake without a debugger.
 *
 * Messages are asserted in full: their wording is part of the interface a modeller reads.
 */
import { describe, expect, test } from 'vitest';
import {
  DeadlockError,
  Environment,
  Interrupt,
  MAX_PRIORITY,
  Priority,
  type Proc,
  type SimEvent,
  SimulationError,
  Timeout,
} from '../../src/kernel/index.js';

/** Whatever `fn` throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}

/** `name: message` of whatever `fn` throws. */
function message(fn: () => unknown): string {
  const e = thrown(fn);
  return e instanceof Error ? `${e.name}: ${e.message}` : `non-error: ${String(e)}`;
}

/** An environment whose clock has reached t=2.5, so messages show a non-zero time. */
function at25(): Environment {
  const env = new Environment();
  env.run(2.5);
  return env;
}

function arrive(): void {}

describe('bad delays', () => {
  test.each([
    [-1, 'delay -1 for timeout(-1) due t=1.5'],
    [Number.NaN, 'delay NaN for timeout(NaN) due t=NaN'],
    [Number.POSITIVE_INFINITY, 'delay Infinity for timeout(Infinity) due t=Infinity'],
  ])('timeout(%s) names the timeout, the value and the time', (delay, what) => {
    const env = at25();
    expect(message(() => env.timeout(delay))).toBe(
      `SimulationError: simulation at t=2.50: negative, NaN or infinite ${what}`,
    );
    expect(env.pending).toBe(0);
  });

  test.each([
    [-1, '-1'],
    [-0.001, '-0.001'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('schedule(%s, fn) names the callback, the value and the time', (delay, shown) => {
    const env = at25();
    expect(message(() => env.schedule(delay, arrive))).toBe(
      `SimulationError: simulation at t=2.50: negative, NaN or infinite delay ${shown} for arrive`,
    );
    expect(message(() => env.schedule(delay, () => {}))).toBe(
      `SimulationError: simulation at t=2.50: negative, NaN or infinite delay ${shown} for callback`,
    );
  });

  test('succeed(value, -1) is refused and leaves the event pending, so it can still be triggered', () => {
    const env = at25();
    const ev = env.event<string>();
    expect(message(() => ev.succeed('x', -1))).toBe(
      'SimulationError: simulation at t=2.50: negative, NaN or infinite delay -1 for event',
    );
    expect(ev.triggered).toBe(false);
    ev.succeed('y', 1);
    env.run();
    expect([ev.value, env.now]).toEqual(['y', 3.5]);
  });

  test('a bad delay inside a process names the process, the time and its step', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.timeout(2);
        env.activeProcess!.step = 'swab';
        yield* env.timeout(-2);
      })(),
      { name: 'swabber#3' },
    );
    const e = thrown(() => env.run());
    expect(e).toBeInstanceOf(SimulationError);
    expect(e.message).toBe(
      'swabber#3 at t=2.00 in [swab]: negative, NaN or infinite delay -2 for timeout(-2) due t=0',
    );
    expect([e.entity, e.time, e.step]).toEqual(['swabber#3', 2, 'swab']);
  });

  test('delay(): a bad value names the process; outside a process it says where it works', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.delay(-1);
      })(),
      { name: 'nurse' },
    );
    expect(message(() => env.run())).toBe(
      'SimulationError: nurse at t=0.00: negative, NaN or infinite delay -1 for delay in nurse',
    );
    expect(message(() => env.delay(1))).toBe(
      'SimulationError: simulation at t=0.00: delay() works only inside a running process (yield* env.delay(t)); use timeout() or schedule() elsewhere',
    );
  });

  test('delay() must be yielded at once', () => {
    const env = new Environment();
    env.process(
      (function* () {
        env.delay(1);
        yield* env.timeout(1);
      })(),
      { name: 'hasty' },
    );
    expect(message(() => env.run())).toBe(
      'SimulationError: hasty at t=0.00: env.delay() was called but not yielded at once (write `yield* env.delay(t)` in one expression)',
    );
  });

  test('delay() must be yielded at once, also when the next yield is an event that already happened', () => {
    // A processed event normally continues the process without suspending it; the pending delay
    // must still be reported rather than left to wake a process that has moved on.
    const env = new Environment();
    const done = env.event<number>();
    env.process(
      (function* () {
        done.succeed(7);
        yield* env.timeout(1);
        env.delay(1);
        yield* done;
      })(),
      { name: 'hasty' },
    );
    expect(message(() => env.run())).toBe(
      'SimulationError: hasty at t=1.00: env.delay() was called but not yielded at once (write `yield* env.delay(t)` in one expression)',
    );
  });
});

describe('bad priorities', () => {
  test.each([
    [1.5, '1.5'],
    [-1, '-1'],
    [MAX_PRIORITY + 1, '256'],
    [Number.NaN, 'NaN'],
  ])('schedule and at with priority %s name the callback, the value and the time', (priority, shown) => {
    const env = at25();
    const expected = `SimulationError: simulation at t=2.50: priority for arrive must be an integer in [0, 255], got ${shown}`;
    expect(message(() => env.schedule(1, arrive, undefined, priority))).toBe(expected);
    expect(message(() => env.at(3, arrive, undefined, priority))).toBe(expected);
    expect(env.pending).toBe(0);
  });

  test('succeed/fail/Timeout with a bad priority name the event; the event stays pending', () => {
    const env = at25();
    const ev = env.event<number>();
    expect(message(() => ev.succeed(1, 0, -1))).toBe(
      'SimulationError: simulation at t=2.50: priority for event must be an integer in [0, 255], got -1',
    );
    expect(message(() => ev.fail(new Error('x'), 1.5))).toBe(
      'SimulationError: simulation at t=2.50: priority for event must be an integer in [0, 255], got 1.5',
    );
    expect(ev.triggered).toBe(false);
    expect(message(() => new Timeout(env, 1, undefined, 300))).toBe(
      'SimulationError: simulation at t=2.50: priority for timeout(1) due t=3.5 must be an integer in [0, 255], got 300',
    );
    expect(env.pending).toBe(0);
  });

  test('every priority from 0 to MAX_PRIORITY is accepted and ordered', () => {
    const env = new Environment();
    const order: number[] = [];
    for (const p of [MAX_PRIORITY, Priority.LATE, 0, 17]) env.schedule(1, () => order.push(p), undefined, p);
    env.event<number>().succeed(1, 0, MAX_PRIORITY);
    env.run();
    expect(order).toEqual([0, Priority.LATE, 17, MAX_PRIORITY]);
  });
});

describe('bad times and callbacks', () => {
  test.each([
    [1, '1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('at(%s) in the past or not finite names the callback, the value and the time', (time, shown) => {
    const env = at25();
    expect(message(() => env.at(time, arrive))).toBe(
      `SimulationError: simulation at t=2.50: at(): time for arrive must be ≥ now (2.5) and finite, got ${shown}`,
    );
  });

  test('schedule and at refuse a callback that is not a function', () => {
    const env = at25();
    expect(message(() => env.schedule(1, 'arrive' as any))).toBe(
      'SimulationError: simulation at t=2.50: schedule() expects a function, got "arrive"',
    );
    expect(message(() => env.schedule(-1, undefined as any))).toBe(
      'SimulationError: simulation at t=2.50: schedule() expects a function, got undefined',
    );
    expect(message(() => env.at(3, 42 as any))).toBe(
      'SimulationError: simulation at t=2.50: at() expects a function, got 42',
    );
    expect(env.pending).toBe(0);
  });

  test('run(until) in the past, at the present or NaN names the value and the time', () => {
    const env = at25();
    expect(message(() => env.run(1))).toBe(
      'SimulationError: simulation at t=2.50: run(until): until must be later than now (t=2.5), got 1',
    );
    expect(message(() => env.run(2.5))).toBe(
      'SimulationError: simulation at t=2.50: run(until): until must be later than now (t=2.5), got 2.5',
    );
    expect(message(() => env.run(Number.NaN))).toBe(
      'SimulationError: simulation at t=2.50: run(until): until must be later than now (t=2.5), got NaN',
    );
  });

  test('a non-finite start time is refused', () => {
    expect(message(() => new Environment({ startTime: Number.NaN }))).toBe(
      'SimulationError: simulation at t=0.00: startTime must be a finite number, got NaN',
    );
  });
});

describe('bad yields and bad process bodies', () => {
  function* helper(env: Environment): Proc<number> {
    yield* env.timeout(1);
    return 1;
  }

  test.each([
    ['a number', (_env: Environment) => 5, 'yielded the number 5'],
    [
      'a generator without yield*',
      (env: Environment) => helper(env),
      'yielded a generator (use yield* to delegate to it)',
    ],
    ['undefined (a bare yield)', (_env: Environment) => undefined, 'yielded undefined'],
    ['a string', (_env: Environment) => 'soon', 'yielded a string'],
  ])('yielding %s stops the run with the process, the time and the step', (_label, bad, what) => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.timeout(1);
        env.activeProcess!.step = 'triage';
        yield bad(env) as any;
      })(),
      { name: 'resident#9' },
    );
    expect(message(() => env.run())).toBe(
      `SimulationError: resident#9 at t=1.00 in [triage]: ${what}, which is not an event (yield an event, e.g. env.timeout(5), or use yield* for helpers)`,
    );
  });

  test('the complaint about a bad yield is thrown at the yield, so the process can catch it', () => {
    const env = new Environment();
    const seen: string[] = [];
    env.process(
      (function* () {
        try {
          yield 5 as any;
        } catch (e) {
          seen.push((e as SimulationError).detail);
        }
        yield* env.timeout(1);
        seen.push(`done at ${env.now}`);
      })(),
    );
    env.run();
    expect(seen).toEqual([
      'yielded the number 5, which is not an event (yield an event, e.g. env.timeout(5), or use yield* for helpers)',
      'done at 1',
    ]);
  });

  test('passing a generator function (not a generator) to process() names the function', () => {
    const env = new Environment();
    function* worker(): Proc {
      yield* env.timeout(1);
    }
    expect(message(() => env.process(worker as any))).toBe(
      'SimulationError: simulation at t=0.00: process() expects a generator object (call your generator function: env.process(worker(...))), got function worker',
    );
    expect(message(() => env.process(undefined as any))).toBe(
      'SimulationError: simulation at t=0.00: process() expects a generator object (call your generator function: env.process(worker(...))), got undefined',
    );
    expect([env.pending, env.liveProcesses]).toEqual([0, 0]);
  });
});

describe('iterators that are not generators', () => {
  test('a hand-written iterator runs as a process: values in, errors thrown into it, its return value out', () => {
    const env = new Environment();
    const seen: unknown[] = [];
    // Waits 2, then a failing event; `throw` receives the failure and the iterator returns a value.
    let step = 0;
    const failing = env.event();
    const iterator: Iterator<SimEvent<any>, string, unknown> = {
      next(value?: unknown) {
        seen.push(['next', value, env.now]);
        step++;
        if (step === 1) return { done: false, value: env.timeout(2, 'two') };
        failing.fail(new Error('lab closed'));
        return { done: false, value: failing };
      },
      throw(error: unknown) {
        seen.push(['throw', (error as Error).message, env.now]);
        return { done: true, value: 'handled' };
      },
    };
    const p = env.process(iterator as unknown as Proc<string>);
    env.run();
    expect(seen).toEqual([
      ['next', undefined, 0],
      ['next', 'two', 2],
      ['throw', 'lab closed', 2],
    ]);
    expect([p.ok, p.value]).toEqual([true, 'handled']);
  });
});

describe('misuse of events', () => {
  test('triggering an event twice names the event and the time', () => {
    const env = at25();
    const ev = env.event<number>();
    ev.succeed(1);
    expect(message(() => ev.succeed(2))).toBe(
      'SimulationError: simulation at t=2.50 in [event]: event has already been triggered',
    );
    expect(message(() => ev.fail(new Error('late')))).toBe(
      'SimulationError: simulation at t=2.50 in [event]: event has already been triggered',
    );
    const t = env.timeout(5);
    expect(message(() => t.succeed())).toBe(
      'SimulationError: simulation at t=2.50 in [timeout(5) due t=7.5]: timeout(5) due t=7.5 has already been triggered',
    );
  });

  test('succeed() and fail() on a process are refused: a process ends by returning or throwing', () => {
    const env = new Environment();
    const got: unknown[] = [];
    const r = env.process(
      (function* (): Proc<string> {
        yield* env.timeout(5);
        return 'real';
      })(),
      { name: 'registrar' },
    );
    env.process(
      (function* () {
        got.push(yield* r, env.now);
      })(),
    );
    env.run(1);
    expect(message(() => r.succeed('fake'))).toBe(
      'SimulationError: simulation at t=1.00: process registrar ends by returning from (or throwing in) its generator; succeed() and fail() cannot be called on it (use interrupt() to stop it early)',
    );
    expect(message(() => r.fail(new Error('fake')))).toBe(
      'SimulationError: simulation at t=1.00: process registrar ends by returning from (or throwing in) its generator; succeed() and fail() cannot be called on it (use interrupt() to stop it early)',
    );
    env.run();
    expect([got, r.value, env.liveProcesses]).toEqual([['real', 5], 'real', 0]);
  });

  test('reading a value before the event is triggered names the event (or process) and the time', () => {
    const env = new Environment();
    const ev = env.event<number>();
    expect(message(() => ev.value)).toBe(
      'SimulationError: simulation at t=0.00 in [event]: value of event read before it was triggered',
    );
    const p = env.process(
      (function* () {
        yield* env.timeout(5);
      })(),
      { name: 'resident#2' },
    );
    env.run(1);
    expect(message(() => p.value)).toBe(
      'SimulationError: simulation at t=1.00 in [waiting on timeout(5) due t=5]: value of process resident#2 read before it was triggered',
    );
  });

  test('events of another environment are refused by yield, allOf/anyOf and run(until)', () => {
    const env = new Environment();
    const other = new Environment();
    env.process(
      (function* () {
        yield* other.timeout(1);
      })(),
      { name: 'lost' },
    );
    expect(message(() => env.run())).toBe(
      'SimulationError: lost at t=0.00: yielded timeout(1) due t=1 from another environment',
    );
    // An event of another environment that has already happened is refused too (it would
    // otherwise continue the process at once).
    const env2 = new Environment();
    const elsewhere = new Environment();
    const done = elsewhere.event<number>();
    done.succeed(1);
    elsewhere.run();
    env2.process(
      (function* () {
        yield* done;
      })(),
      { name: 'lost' },
    );
    expect(message(() => env2.run())).toBe(
      'SimulationError: lost at t=0.00: yielded event from another environment',
    );
    expect(message(() => env.allOf([env.timeout(1), other.event()]))).toBe(
      'SimulationError: simulation at t=0.00: allOf: element [1] (event) belongs to another environment',
    );
    expect(message(() => env.anyOf([other.timeout(2)]))).toBe(
      'SimulationError: simulation at t=0.00: anyOf: element [0] (timeout(2) due t=2) belongs to another environment',
    );
    expect(message(() => env.run(other.event()))).toBe(
      'SimulationError: simulation at t=0.00: run(until) expects a number or an event of this environment, got event from another environment',
    );
  });

  test('conditions refuse non-events, non-arrays and an empty anyOf', () => {
    const env = new Environment();
    expect(message(() => env.anyOf([env.timeout(1), 'x' as any]))).toBe(
      'SimulationError: simulation at t=0.00: anyOf: element [1] is not an event (got "x")',
    );
    expect(message(() => env.allOf('soon' as any))).toBe(
      'SimulationError: simulation at t=0.00: allOf expects an array of events, got "soon"',
    );
    expect(message(() => env.anyOf([]))).toBe(
      'SimulationError: simulation at t=0.00 in [anyOf()]: anyOf needs at least one event',
    );
  });
});

describe('errors during a run', () => {
  test('an error thrown inside a process names the process, the time and the step, and keeps the cause', () => {
    const env = new Environment({ clock: (t) => `08:00:0${t}` });
    const boom = new Error('swab kit missing');
    const p = env.process(
      (function* () {
        env.activeProcess!.step = 'swab';
        yield* env.timeout(2);
        throw boom;
      })(),
      { name: 'resident#3' },
    );
    const e = thrown(() => env.run());
    expect(e).toBeInstanceOf(SimulationError);
    expect(e.message).toBe('resident#3 at t=2.00 (08:00:02) in [swab]: swab kit missing');
    expect([e.entity, e.time, e.clock, e.step, e.detail, e.cause]).toEqual([
      'resident#3',
      2,
      '08:00:02',
      'swab',
      'swab kit missing',
      boom,
    ]);
    expect([p.ok, p.isAlive]).toEqual([false, false]);
  });

  test('without a step, and for thrown non-errors, the message still names the process and the time', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.timeout(1.25);
        throw 'out of reagent';
      })(),
    );
    expect(message(() => env.run())).toBe('SimulationError: process#1 at t=1.25: out of reagent');
  });

  test('an unhandled interrupt ends the process with an error naming it', () => {
    const env = new Environment();
    const p = env.process(
      (function* () {
        yield* env.timeout(10);
      })(),
      { name: 'driver' },
    );
    env.schedule(3, () => p.interrupt('road closed'));
    const e = thrown(() => env.run());
    expect(e.message).toBe(
      'driver at t=3.00: ended by an unhandled interrupt: interrupted at t=3: road closed',
    );
    expect(e.cause).toBeInstanceOf(Interrupt);
  });

  test('an error thrown in a callback names the callback and the time', () => {
    const env = new Environment();
    const boom = new Error('bad arrival table');
    env.schedule(4, function arrivals() {
      throw boom;
    });
    const e = thrown(() => env.run());
    expect(e.message).toBe('simulation at t=4.00 in [arrivals]: callback arrivals threw: bad arrival table');
    expect(e.cause).toBe(boom);
  });

  test('an unhandled failed event stops the run, located at who failed it, the error as cause; a later run goes on', () => {
    const env = new Environment();
    const err = new Error('lab offline');
    const ev = env.event();
    const seen: string[] = [];
    env.schedule(2, function labCheck() {
      ev.fail(err);
    });
    // Due at the same instant, but after the failure's entry (LATE): the run stops before it.
    env.schedule(2, () => seen.push('same instant, late'), undefined, Priority.LATE);
    env.schedule(5, () => seen.push('later'));
    const e = thrown(() => env.run());
    expect([e.name, e.message, e.cause, e.time, e.entity]).toEqual([
      'SimulationError',
      'labCheck at t=2.00: event failed and nobody waited for it or handled it: lab offline',
      err,
      2,
      'labCheck',
    ]);
    expect([env.now, seen]).toEqual([2, []]);
    env.run();
    expect([env.now, seen]).toEqual([5, ['same instant, late', 'later']]);
  });

  test('an unhandled failure from a process carries the clock time, the process and its step; a thrown string is wrapped too', () => {
    const env = new Environment({ clock: (t) => `19:00:0${t}` });
    const pcr = env.timeout(9); // stands for any event: what matters is who fails it
    const run = env.event<number>();
    env.process(
      (function* () {
        yield* env.timeout(3);
        env.activeProcess!.step = 'pcr run';
        run.fail(new Error('PCR machine down'));
        yield* pcr;
      })(),
      { name: 'lab' },
    );
    const first = thrown(() => env.run());
    const text = env.event();
    text.fail('no reagent'); // by top-level code, between runs: nobody to name
    const second = thrown(() => env.run());
    expect([
      [first.message, first.clock, first.entity, first.step, first.cause.message],
      [second.message, second.entity, second.cause],
    ]).toEqual([
      [
        'lab at t=3.00 (19:00:03) in [pcr run]: event failed and nobody waited for it or handled it: PCR machine down',
        '19:00:03',
        'lab',
        'pcr run',
        'PCR machine down',
      ],
      [
        'simulation at t=3.00 (19:00:03): event failed and nobody waited for it or handled it: "no reagent"',
        undefined,
        'no reagent',
      ],
    ]);
  });

  test('a failure that someone handles (a waiter, or defused) does not stop the run', () => {
    const env = new Environment();
    const ev = env.event();
    ev.onProcessed((e) => {
      e.defused = true;
    });
    env.schedule(1, () => ev.fail(new Error('handled')));
    env.run();
    expect([env.now, ev.ok, ev.defused]).toEqual([1, false, true]);
  });

  test('a failed process that nobody waits for stops the run with its located error', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.timeout(1);
        throw new RangeError('queue length -1');
      })(),
      { name: 'monitor' },
    );
    const e = thrown(() => env.run());
    expect([e.name, e.message, e.cause.name]).toEqual([
      'SimulationError',
      'monitor at t=1.00: queue length -1',
      'RangeError',
    ]);
  });
});

describe('deadlocks and waiting processes', () => {
  /** Two stuck residents, a daemon server, and one who finishes. */
  function stuckModel(options: { onDeadlock?: 'error' | 'ignore' } = {}) {
    const env = new Environment(options);
    const neverOpens = env.event<void>();
    const noBeds = env.event<void>();
    const a = env.process(
      (function* () {
        yield* neverOpens;
      })(),
      { name: 'resident#1' },
    );
    const b = env.process(
      (function* () {
        yield* env.timeout(3);
        env.activeProcess!.step = 'transfer';
        yield* env.allOf([noBeds, env.timeout(1)]);
      })(),
      { name: 'resident#2' },
    );
    const server = env.process(
      (function* () {
        for (;;) yield* neverOpens;
      })(),
      { name: 'server', daemon: true },
    );
    env.process(
      (function* () {
        yield* env.timeout(1);
      })(),
      { name: 'resident#3' },
    );
    return { env, a, b, server };
  }

  test('run() throws a DeadlockError listing the stuck processes and what each waits on; daemons are exempt', () => {
    const { env, a, b } = stuckModel();
    const e = thrown(() => env.run());
    expect(e).toBeInstanceOf(DeadlockError);
    expect(e.message).toBe(
      [
        'simulation at t=4.00: no more events, but 2 processes are still waiting on events nothing can trigger (mark long-running server loops with { daemon: true }):',
        '  resident#1: waiting on event',
        '  resident#2: transfer, waiting on allOf(event, timeout(1) due t=4)',
      ].join('\n'),
    );
    expect(e.waiting.map((w: { name: string }) => w.name)).toEqual(['resident#1', 'resident#2']);
    expect(e.waiting[0].process).toBe(a);
    expect(e.waiting[1].process).toBe(b);
    expect(e.time).toBe(4);
  });

  test("onDeadlock: 'ignore' returns quietly; waiting() still lists everyone, daemons included", () => {
    const { env } = stuckModel({ onDeadlock: 'ignore' });
    env.run();
    expect(env.waiting().map((w) => [w.name, w.waitingOn])).toEqual([
      ['resident#1', 'waiting on event'],
      ['resident#2', 'transfer, waiting on allOf(event, timeout(1) due t=4)'],
      ['server', 'waiting on event'],
    ]);
    expect(env.liveProcesses).toBe(3);
  });

  test('a model whose only waiting processes are daemons ends without error', () => {
    const env = new Environment();
    const work = env.event<number>();
    env.process(
      (function* () {
        for (;;) yield* work;
      })(),
      { name: 'server', daemon: true },
    );
    env.schedule(2, () => {});
    env.run();
    expect([env.now, env.liveProcesses]).toEqual([2, 1]);
  });

  test('waiting() after run(until) shows what each process is doing', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.timeout(10);
      })(),
      { name: 'a' },
    );
    env.process(
      (function* () {
        yield* env.delay(7);
      })(),
      { name: 'b' },
    );
    env.process(
      (function* () {
        env.activeProcess!.step = 'queue';
        yield* env.anyOf([env.event(), env.timeout(9)]);
      })(),
      { name: 'c' },
    );
    env.process(
      (function* () {
        yield* env.timeout(1);
      })(),
      { name: 'done' },
    );
    env.run(5);
    expect(env.waiting().map((w) => `${w.name}: ${w.waitingOn}`)).toEqual([
      'a: waiting on timeout(10) due t=10',
      'b: in a delay until t=7',
      'c: queue, waiting on anyOf(event, timeout(9) due t=9)',
    ]);
  });

  test('a deadlock report shows at most ten processes and counts the rest', () => {
    const env = new Environment();
    const never = env.event();
    for (let i = 1; i <= 12; i++)
      env.process(
        (function* () {
          yield* never;
        })(),
        { name: `resident#${i}` },
      );
    const e = thrown(() => env.run());
    const lines = e.message.split('\n');
    expect([lines.length, lines[1], lines[10], lines[11]]).toEqual([
      12,
      '  resident#1: waiting on event',
      '  resident#10: waiting on event',
      '  ... and 2 more',
    ]);
    expect(e.waiting).toHaveLength(12);
  });
});

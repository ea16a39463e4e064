/**
 * Log tests (test taxonomy (a)): tiny processes and callbacks push `[name, now, ...]` into a log, and
 * each test makes ONE assertion on the whole log. The expected log is the specification: it says what
 * happens, in which order and at what simulated time.
 *
 * Ordering rule under test everywhere: calendar entries run by `(time, priority, insertion order)`,
 * where "insertion" is the moment the entry was put on the calendar (a timeout is inserted when it is
 * created, a process start when the process is created, an event when it is triggered).
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  Environment,
  Interrupt,
  Priority,
  type Proc,
  type Process,
  SimEvent,
  SimulationError,
} from '../../src/kernel/index.js';

type Log = unknown[][];

/** The message of whatever `fn` throws (for logging errors as data). */
function caught(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return 'no error';
}

describe('same-time ties: (time, priority, insertion order)', () => {
  test('priorities order entries at one instant; insertion order breaks ties within a priority', () => {
    const env = new Environment();
    const log: Log = [];
    const cb = (name: string) => () => log.push([name, env.now]);
    env.schedule(1, cb('late'), undefined, Priority.LATE);
    env.schedule(1, cb('normal-cb-1'));
    env.process(
      (function* () {
        // This timeout is inserted when process a runs (at t=0, after all top-level code).
        yield* env.timeout(1);
        log.push(['proc-a', env.now]);
      })(),
      { name: 'a' },
    );
    env.schedule(1, cb('release'), undefined, Priority.RELEASE);
    env.schedule(1, cb('urgent'), undefined, Priority.URGENT);
    env.schedule(1, cb('normal-cb-2'));
    env.process(
      (function* () {
        yield* env.timeout(1);
        log.push(['proc-b', env.now]);
      })(),
      { name: 'b' },
    );
    env.run();
    expect(log).toEqual([
      ['urgent', 1],
      ['release', 1],
      ['normal-cb-1', 1],
      ['normal-cb-2', 1],
      ['proc-a', 1],
      ['proc-b', 1],
      ['late', 1],
    ]);
  });

  test('entries added during an instant: same-priority ones queue behind, more urgent ones jump ahead', () => {
    const env = new Environment();
    const log: Log = [];
    env.schedule(1, function first() {
      log.push(['first', env.now]);
      env.schedule(0, () => log.push(['normal-now', env.now]));
      env.schedule(0, () => log.push(['late-now', env.now]), undefined, Priority.LATE);
      env.schedule(0, () => log.push(['urgent-now', env.now]), undefined, Priority.URGENT);
      env.schedule(1, () => log.push(['next-instant', env.now]), undefined, Priority.URGENT);
    });
    // Inserted before `first` ran, landing on the same instant: it precedes normal-now.
    env.schedule(1, () => log.push(['second', env.now]));
    env.schedule(1, () => log.push(['late-earlier', env.now]), undefined, Priority.LATE);
    env.run();
    expect(log).toEqual([
      ['first', 1],
      ['urgent-now', 1],
      ['second', 1],
      ['normal-now', 1],
      ['late-earlier', 1],
      ['late-now', 1],
      ['next-instant', 2],
    ]);
  });

  test('triggered events keep their priority: an URGENT succeed overtakes earlier NORMAL entries', () => {
    const env = new Environment();
    const log: Log = [];
    const normal = env.event<string>();
    const urgent = env.event<string>();
    const late = env.event<string>();
    for (const [name, ev] of [
      ['w-normal', normal],
      ['w-urgent', urgent],
      ['w-late', late],
    ] as const)
      env.process(
        (function* () {
          const v = yield* ev;
          log.push([name, env.now, v]);
        })(),
        { name },
      );
    env.schedule(2, () => {
      late.succeed('l', 0, Priority.LATE);
      normal.succeed('n');
      urgent.succeed('u', 0, Priority.URGENT);
    });
    env.schedule(2, () => log.push(['cb-after', env.now]));
    env.run();
    expect(log).toEqual([
      ['w-urgent', 2, 'u'],
      ['cb-after', 2],
      ['w-normal', 2, 'n'],
      ['w-late', 2, 'l'],
    ]);
  });

  test('succeed with a delay puts the event on the calendar later', () => {
    const env = new Environment();
    const log: Log = [];
    const ev = env.event<string>();
    env.process(
      (function* () {
        const v = yield* ev;
        log.push(['waiter', env.now, v]);
      })(),
    );
    env.schedule(1, () => ev.succeed('three later', 3));
    env.run();
    expect(log).toEqual([['waiter', 4, 'three later']]);
  });
});

describe('process start order', () => {
  test('processes start at creation time with URGENT priority, in creation order; children start after the parent yields', () => {
    const env = new Environment();
    const log: Log = [];
    env.schedule(0, () => log.push(['callback', env.now]));
    env.process(
      (function* () {
        log.push(['p1 start', env.now]);
        env.process(
          (function* () {
            log.push(['child start', env.now]);
            yield* env.timeout(0);
            log.push(['child resumed', env.now]);
          })(),
        );
        log.push(['p1 created child', env.now]);
        yield* env.timeout(0);
        log.push(['p1 resumed', env.now]);
      })(),
    );
    env.process(
      (function* () {
        log.push(['p2 start', env.now]);
        yield* env.timeout(0);
        log.push(['p2 resumed', env.now]);
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['p1 start', 0],
      ['p1 created child', 0],
      ['p2 start', 0],
      ['child start', 0],
      ['callback', 0],
      ['p1 resumed', 0],
      ['p2 resumed', 0],
      ['child resumed', 0],
    ]);
  });

  test('a process created later in the run starts at the clock time of its creation', () => {
    const env = new Environment({ startTime: 100 });
    const log: Log = [];
    env.schedule(5, () =>
      env.process(
        (function* () {
          log.push(['late starter', env.now]);
          yield* env.timeout(2);
          log.push(['late starter done', env.now]);
        })(),
      ),
    );
    env.run();
    expect(log).toEqual([
      ['late starter', 105],
      ['late starter done', 107],
    ]);
  });
});

describe('timeouts and delays', () => {
  test('timeouts resume the process with their value; yield and yield* both wait', () => {
    const env = new Environment();
    const log: Log = [];
    env.process(
      (function* () {
        const a = yield* env.timeout(2, 'swab done');
        log.push(['p', env.now, a]);
        const b: unknown = yield env.timeout(1.5, { kit: 7 });
        log.push(['p', env.now, b]);
        const c = yield* env.timeout(0);
        log.push(['p', env.now, c]);
        yield* env.delay(4);
        log.push(['p', env.now, 'after delay']);
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['p', 2, 'swab done'],
      ['p', 3.5, { kit: 7 }],
      ['p', 3.5, undefined],
      ['p', 7.5, 'after delay'],
    ]);
  });

  test('delay() and timeout() take the same place among same-time entries', () => {
    const env = new Environment();
    const log: Log = [];
    env.process(
      (function* () {
        yield* env.delay(3);
        log.push(['delayer', env.now]);
      })(),
    );
    env.process(
      (function* () {
        yield* env.timeout(3);
        log.push(['timeouter', env.now]);
      })(),
    );
    env.process(
      (function* () {
        yield* env.delay(3);
        log.push(['delayer-2', env.now]);
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['delayer', 3],
      ['timeouter', 3],
      ['delayer-2', 3],
    ]);
  });
});

describe('processes waiting for processes', () => {
  test('a process is an event: waiters get its return value, also after it finished', () => {
    const env = new Environment();
    const log: Log = [];
    const worker = env.process(
      (function* (): Proc<number> {
        yield* env.timeout(3);
        return 42;
      })(),
      { name: 'worker' },
    );
    env.process(
      (function* () {
        const r = yield* worker;
        log.push(['boss', env.now, r]);
      })(),
    );
    env.process(
      (function* () {
        yield* env.timeout(5);
        const r = yield* worker; // finished at t=3: resumes at once
        log.push(['auditor', env.now, r, worker.processed]);
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['boss', 3, 42],
      ['auditor', 5, 42, true],
    ]);
  });

  test('a process that ends with nobody waiting still completes through the calendar (SimPy order)', () => {
    // A, B and C wake at t=1 in that order. A ends with nobody waiting yet; B then waits for A. A's
    // completion is queued behind C's wake-up, so C resumes before B, as in SimPy.
    const env = new Environment();
    const log: Log = [];
    const a: Process<void> = env.process(
      (function* () {
        yield* env.timeout(1);
        const self = env.activeProcess!;
        log.push(['A ends', env.now, self.triggered, self.processed]);
      })(),
      { name: 'A' },
    );
    env.process(
      (function* () {
        yield* env.timeout(1);
        log.push(['B waits for A', env.now, a.triggered, a.processed]);
        yield* a;
        log.push(['B resumes', env.now]);
      })(),
      { name: 'B' },
    );
    env.process(
      (function* () {
        yield* env.timeout(1);
        log.push(['C resumes', env.now]);
      })(),
      { name: 'C' },
    );
    env.run();
    expect(log).toEqual([
      ['A ends', 1, false, false],
      ['B waits for A', 1, true, false],
      ['C resumes', 1],
      ['B resumes', 1],
    ]);
  });

  test("a failure in a process is thrown in its waiter, located at the failing process; the waiter's catch handles it", () => {
    const env = new Environment();
    const log: Log = [];
    const swabber = env.process(
      (function* () {
        yield* env.timeout(2);
        throw new Error('swab kit missing');
      })(),
      { name: 'swabber' },
    );
    env.process(
      (function* () {
        try {
          yield* swabber;
          log.push(['boss', env.now, 'not reached']);
        } catch (e) {
          const err = e as SimulationError;
          log.push([
            'boss',
            env.now,
            err instanceof SimulationError,
            err.entity,
            err.message,
            (err.cause as Error).message,
          ]);
        }
        yield* env.timeout(1);
        log.push(['boss', env.now, 'carries on']);
      })(),
      { name: 'boss' },
    );
    env.run();
    expect(log).toEqual([
      ['boss', 2, true, 'swabber', 'swabber at t=2.00: swab kit missing', 'swab kit missing'],
      ['boss', 3, 'carries on'],
    ]);
  });
});

describe('events already processed when yielded', () => {
  test('resume at once with the value (or the error) of an event that already happened', () => {
    const env = new Environment();
    const log: Log = [];
    const early = env.timeout(1, 'early');
    const failedEarly = env.event<string>();
    failedEarly.onProcessed((e) => {
      e.defused = true; // handled here, so the run goes on
      log.push(['onProcessed', env.now, e.ok]);
    });
    env.schedule(1, () => failedEarly.fail(new Error('spoiled')));
    env.schedule(5, () => log.push(['callback at 5', env.now]));
    env.process(
      (function* () {
        yield* env.timeout(5);
        const v = yield* early;
        log.push(['p', env.now, early.processed, v]);
        try {
          yield* failedEarly;
        } catch (e) {
          log.push(['p', env.now, (e as Error).message]);
        }
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['onProcessed', 1, false],
      ['callback at 5', 5],
      ['p', 5, true, 'early'],
      ['p', 5, 'spoiled'],
    ]);
  });

  test('a triggered but unprocessed event makes the process wait for its calendar entry', () => {
    const env = new Environment();
    const log: Log = [];
    const ev = env.event<string>();
    env.process(
      (function* () {
        ev.succeed('x'); // triggered now, processed after entries already due now
        env.schedule(0, () => log.push(['callback scheduled after the succeed', env.now]));
        log.push(['p', env.now, ev.triggered, ev.processed]);
        const v = yield* ev;
        log.push(['p', env.now, v]);
      })(),
    );
    env.schedule(0, () => log.push(['callback scheduled first', env.now]));
    env.run();
    expect(log).toEqual([
      ['p', 0, true, false],
      ['callback scheduled first', 0],
      ['p', 0, 'x'],
      ['callback scheduled after the succeed', 0],
    ]);
  });
});

describe('yield* keeps value types', () => {
  test('yield* on timeouts, events, processes and conditions gives typed values', () => {
    const env = new Environment();
    const log: Log = [];
    const ready = env.event<{ beds: number }>();
    const child = env.process(
      (function* (): Proc<string> {
        yield* env.timeout(1);
        return 'child-result';
      })(),
    );
    env.process(
      (function* () {
        const n = yield* env.timeout(1, 42);
        expectTypeOf(n).toEqualTypeOf<number>();
        const r = yield* ready;
        expectTypeOf(r).toEqualTypeOf<{ beds: number }>();
        const s = yield* child;
        expectTypeOf(s).toEqualTypeOf<string>();
        const [a, b] = yield* env.allOf([env.timeout(1, 'a'), env.timeout(2, 7)]);
        expectTypeOf(a).toEqualTypeOf<string>();
        expectTypeOf(b).toEqualTypeOf<number>();
        const first = yield* env.anyOf([env.timeout(1, 'x'), env.timeout(1, 2)]);
        expectTypeOf(first.index).toEqualTypeOf<number>();
        expectTypeOf(first.value).toEqualTypeOf<string | number>();
        log.push(['p', env.now, n, r.beds, s, a, b, first.index, first.value]);
      })(),
    );
    env.schedule(2, () => ready.succeed({ beds: 500 }));
    env.run();
    expect(log).toEqual([['p', 5, 42, 500, 'child-result', 'a', 7, 0, 'x']]);
  });
});

describe('conditions: allOf and anyOf', () => {
  test('allOf gives all values in list order when the last one happens; empty allOf succeeds at once with []', () => {
    const env = new Environment();
    const log: Log = [];
    env.process(
      (function* () {
        const done = env.timeout(1, 'done-early');
        yield* env.timeout(2);
        // One child already processed, one pending, one later.
        const vs = yield* env.allOf([env.timeout(3, 'slow'), done, env.timeout(1, 'fast')]);
        log.push(['all', env.now, vs]);
        const none = yield* env.allOf([]);
        log.push(['empty', env.now, none]);
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['all', 5, ['slow', 'done-early', 'fast']],
      ['empty', 5, []],
    ]);
  });

  test('anyOf gives the first event processed: simultaneous events resolve by insertion order, not list order', () => {
    const env = new Environment();
    const log: Log = [];
    env.process(
      (function* () {
        const x = env.timeout(2, 'x');
        const y = env.timeout(2, 'y');
        const a = yield* env.anyOf([y, x]); // x was inserted first, so it wins the tie
        log.push(['tie', env.now, a.index, a.value, a.event === x]);
        const b = yield* env.anyOf([env.timeout(5, 'slow'), env.timeout(1, 'fast')]);
        log.push(['race', env.now, b.index, b.value]);
        const c = yield* env.anyOf([env.timeout(9, 'never'), x]); // x already processed
        log.push(['processed child', env.now, c.index, c.value]);
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['tie', 2, 1, 'x', true],
      ['race', 3, 1, 'fast'],
      ['processed child', 3, 1, 'x'],
    ]);
  });

  test('a failing child fails the condition; the error is thrown in the waiting process', () => {
    const env = new Environment();
    const log: Log = [];
    const supply = env.event<number>();
    env.schedule(2, () => supply.fail(new Error('truck broke down')));
    env.process(
      (function* () {
        try {
          yield* env.allOf([env.timeout(1, 'ok'), supply, env.timeout(10)]);
        } catch (e) {
          log.push(['allOf', env.now, (e as Error).message, supply.defused]);
        }
        const lateFailure = env.event();
        env.schedule(1, () => lateFailure.fail(new Error('second failure')));
        try {
          yield* env.anyOf([env.timeout(4), lateFailure]);
        } catch (e) {
          log.push(['anyOf', env.now, (e as Error).message]);
        }
      })(),
    );
    env.run();
    // The timeouts the conditions no longer watch are still processed, so the run ends at t=10.
    log.push(['end', env.now]);
    expect(log).toEqual([
      ['allOf', 2, 'truck broke down', true],
      ['anyOf', 3, 'second failure'],
      ['end', 10],
    ]);
  });
});

describe('interrupts', () => {
  test('interrupting a process waiting on a timeout: the Interrupt carries the cause and time; the timeout fires unheeded', () => {
    const env = new Environment();
    const log: Log = [];
    const p = env.process(
      (function* () {
        try {
          yield* env.timeout(10);
          log.push(['p', env.now, 'woke']);
        } catch (e) {
          const i = e as Interrupt;
          log.push(['p', env.now, i instanceof Interrupt, i.cause, i.time, i.message]);
        }
        yield* env.timeout(1);
        log.push(['p', env.now, 'done']);
      })(),
      { name: 'p' },
    );
    env.schedule(3, () => p.interrupt('shift change'));
    env.run();
    log.push(['end', env.now]);
    expect(log).toEqual([
      ['p', 3, true, 'shift change', 3, 'interrupted at t=3: shift change'],
      ['p', 4, 'done'],
      ['end', 10],
    ]);
  });

  test('interrupting a process waiting on an event: it stops waiting and can wait again', () => {
    const env = new Environment();
    const log: Log = [];
    const beds = env.event<number>();
    const p = env.process(
      (function* () {
        for (;;) {
          try {
            const n = yield* beds;
            log.push(['p', env.now, 'beds', n]);
            return;
          } catch (e) {
            log.push(['p', env.now, 'interrupted', (e as Interrupt).cause]);
          }
        }
      })(),
    );
    env.schedule(1, () => p.interrupt({ reason: 'status check' }));
    env.schedule(2, () => p.interrupt());
    env.schedule(4, () => beds.succeed(500));
    env.run();
    expect(log).toEqual([
      ['p', 1, 'interrupted', { reason: 'status check' }],
      ['p', 2, 'interrupted', undefined],
      ['p', 4, 'beds', 500],
    ]);
  });

  test('interrupting a process waiting on a condition detaches the condition: children left with no waiter are abandoned', () => {
    const env = new Environment();
    const log: Log = [];
    /** An event that reports being abandoned, as a queued resource request would withdraw. */
    class Request extends SimEvent<string> {
      override _abandon(): void {
        log.push(['request abandoned', this.env.now]);
      }
    }
    const request = new Request(env);
    const p = env.process(
      (function* () {
        try {
          yield* env.anyOf([request, env.timeout(10, 'gave up')]);
        } catch (e) {
          log.push(['p', env.now, 'interrupted', (e as Interrupt).cause]);
        }
        yield* env.timeout(5);
        log.push(['p', env.now, 'request still pending', request.triggered]);
      })(),
    );
    env.schedule(2, () => p.interrupt('called away'));
    env.schedule(3, () => request.succeed('granted')); // processed with no waiter: nothing happens
    env.run();
    expect(log).toEqual([
      ['request abandoned', 2],
      ['p', 2, 'interrupted', 'called away'],
      ['p', 7, 'request still pending', true],
    ]);
  });

  test('interrupting a process in delay() cancels the delay', () => {
    const env = new Environment();
    const log: Log = [];
    const p = env.process(
      (function* () {
        try {
          yield* env.delay(10);
        } catch (e) {
          log.push(['p', env.now, (e as Interrupt).cause]);
        }
        yield* env.delay(1);
        log.push(['p', env.now, 'done']);
      })(),
    );
    env.schedule(4, () => p.interrupt('preempted'));
    env.run();
    // The cancelled wake-up still moves the clock when its time comes, as an abandoned timeout would.
    log.push(['end', env.now]);
    expect(log).toEqual([
      ['p', 4, 'preempted'],
      ['p', 5, 'done'],
      ['end', 10],
    ]);
  });

  test('an interrupt is delivered URGENT: it overtakes NORMAL entries of the same instant inserted before it', () => {
    const env = new Environment();
    const log: Log = [];
    env.schedule(3, () => p.interrupt('first'));
    // Inserted before the interrupt is raised, but delivered after it.
    env.schedule(3, () => log.push(['other normal callback', env.now]));
    const p = env.process(
      (function* () {
        try {
          yield* env.timeout(3);
          log.push(['p', env.now, 'woke normally']);
        } catch (e) {
          log.push(['p', env.now, 'interrupted', (e as Interrupt).cause]);
        }
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['p', 3, 'interrupted', 'first'],
      ['other normal callback', 3],
    ]);
  });

  test('interrupting a finished process is an error; so is a process interrupting itself', () => {
    const env = new Environment();
    const log: Log = [];
    const quick = env.process(
      (function* () {
        yield* env.timeout(1);
      })(),
      { name: 'quick' },
    );
    const selfish: Process<void> = env.process(
      (function* () {
        yield* env.timeout(2);
        log.push(['selfish', env.now, caught(() => selfish.interrupt('me'))]);
      })(),
      { name: 'selfish' },
    );
    env.schedule(2, () => log.push(['callback', env.now, caught(() => quick.interrupt('late'))]));
    env.run();
    // The callback was inserted at top level, before selfish's timeout existed, so it runs first.
    expect(log).toEqual([
      ['callback', 2, 'SimulationError: simulation at t=2.00: quick has finished and cannot be interrupted'],
      ['selfish', 2, 'SimulationError: selfish at t=2.00: a process cannot interrupt itself'],
    ]);
  });

  test('an interrupt that arrives after the process finished in the same instant is ignored', () => {
    const env = new Environment();
    const log: Log = [];
    // (1) interrupted before it even started; it finishes without waiting.
    const sprinter = env.process(
      // biome-ignore lint/correctness/useYield: this process finishes without ever waiting
      (function* () {
        log.push(['sprinter', env.now, 'ran to the end']);
      })(),
    );
    sprinter.interrupt('too late');
    // (2) its event is processed (URGENT, inserted first) just before the interrupt is delivered.
    // A boss waits for it, so at delivery its completion is triggered but not yet processed.
    const ev = env.event<string>();
    const waiter = env.process(
      (function* (): Proc<string> {
        const v = yield* ev;
        log.push(['waiter', env.now, v]);
        return 'waiter-result';
      })(),
    );
    env.process(
      (function* () {
        const r = yield* waiter;
        log.push(['boss', env.now, r]);
      })(),
    );
    env.schedule(1, () => {
      ev.succeed('go', 0, Priority.URGENT);
      waiter.interrupt('also too late');
      log.push(['interrupter', env.now, waiter.isAlive]);
    });
    env.run();
    log.push(['end', env.now, sprinter.isAlive, waiter.isAlive, sprinter.ok, waiter.ok, env.liveProcesses]);
    expect(log).toEqual([
      ['sprinter', 0, 'ran to the end'],
      ['interrupter', 1, true],
      ['waiter', 1, 'go'],
      ['boss', 1, 'waiter-result'],
      ['end', 1, false, false, true, true, 0],
    ]);
  });
});

describe('run(until), step() and peek()', () => {
  test('run(t) processes entries before t, leaves those exactly at t, sets the clock to t; the next run continues; t ≤ now is refused', () => {
    const env = new Environment();
    const log: Log = [];
    for (const t of [4, 5, 7]) env.schedule(t, () => log.push([`at ${t}`, env.now]));
    env.process(
      (function* () {
        for (;;) {
          yield* env.timeout(2.5);
          log.push(['ticker', env.now]);
          if (env.now >= 7.5) return;
        }
      })(),
    );
    env.run(5);
    log.push(['after run(5)', env.now, env.peek()]);
    log.push(['run(5) again', caught(() => env.run(5)), env.now]);
    log.push(['run(4)', caught(() => env.run(4)), env.now]);
    env.run(6);
    log.push(['after run(6)', env.now]);
    env.run();
    log.push(['after run()', env.now, env.peek()]);
    expect(log).toEqual([
      ['ticker', 2.5],
      ['at 4', 4],
      ['after run(5)', 5, 5],
      [
        'run(5) again',
        'SimulationError: simulation at t=5.00: run(until): until must be later than now (t=5), got 5',
        5,
      ],
      [
        'run(4)',
        'SimulationError: simulation at t=5.00: run(until): until must be later than now (t=5), got 4',
        5,
      ],
      ['at 5', 5],
      ['ticker', 5],
      ['after run(6)', 6],
      ['at 7', 7],
      ['ticker', 7.5],
      ['after run()', 7.5, Number.POSITIVE_INFINITY],
    ]);
  });

  test('run(Infinity) runs until the calendar is empty and leaves the clock at the last entry', () => {
    const env = new Environment();
    const log: Log = [];
    env.process(
      (function* () {
        yield* env.timeout(3);
        log.push(['p', env.now]);
      })(),
    );
    env.run(Number.POSITIVE_INFINITY);
    log.push(['after run(Infinity)', env.now, env.peek()]);
    env.schedule(1, () => log.push(['next', env.now]));
    env.run();
    expect(log).toEqual([
      ['p', 3],
      ['after run(Infinity)', 3, Number.POSITIVE_INFINITY],
      ['next', 4],
    ]);
  });

  test('run(event) stops right after the event, returns its value, and leaves the rest for later', () => {
    const env = new Environment();
    const log: Log = [];
    const p = env.process(
      (function* (): Proc<string> {
        yield* env.timeout(3);
        return 'registered';
      })(),
    );
    // Inserted before p's timeout: runs before p finishes.
    env.schedule(3, () => log.push(['same instant, before p', env.now]));
    // LATE: due at the same instant but after p's completion, so run(p) leaves it on the calendar.
    env.schedule(3, () => log.push(['same instant, late', env.now]), undefined, Priority.LATE);
    env.schedule(10, () => log.push(['at 10', env.now]));
    log.push(['run(p)', env.run(p), env.now, env.peek()]);
    log.push(['run(p) again', env.run(p), env.now]);
    env.run();
    expect(log).toEqual([
      ['same instant, before p', 3],
      ['run(p)', 'registered', 3, 3],
      ['run(p) again', 'registered', 3],
      ['same instant, late', 3],
      ['at 10', 10],
    ]);
  });

  test('run(event) throws the error of a failed event, and errors when the calendar runs out first', () => {
    const env = new Environment();
    const log: Log = [];
    const bad = env.event();
    env.schedule(2, () => bad.fail(new Error('lab offline')));
    log.push(['failed', caught(() => env.run(bad)), env.now]);
    const never = env.event();
    env.process(
      (function* () {
        yield* never;
      })(),
      { name: 'hopeful' },
    );
    log.push(['ran out', caught(() => env.run(never)), env.now]);
    expect(log).toEqual([
      ['failed', 'Error: lab offline', 2],
      [
        'ran out',
        'SimulationError: simulation at t=2.00: run(until=event) ran out of events before it happened; still waiting: hopeful (waiting on event)',
        2,
      ],
    ]);
  });

  test('step() processes one entry at a time and peek() shows the time of the next', () => {
    const env = new Environment();
    const log: Log = [];
    env.process(
      (function* () {
        log.push(['p', env.now, 'start']);
        yield* env.timeout(2);
        log.push(['p', env.now, 'end']);
      })(),
    );
    env.schedule(1, () => log.push(['cb', env.now]));
    while (env.peek() < Number.POSITIVE_INFINITY) {
      log.push(['peek', env.peek(), env.pending]);
      env.step();
    }
    log.push(['empty', env.peek(), env.pending, caught(() => env.step())]);
    expect(log).toEqual([
      ['peek', 0, 2],
      ['p', 0, 'start'],
      ['peek', 1, 2],
      ['cb', 1],
      ['peek', 2, 1],
      ['p', 2, 'end'],
      // The process ended with nobody waiting for it: its completion has no entry of its own.
      [
        'empty',
        Number.POSITIVE_INFINITY,
        0,
        'SimulationError: simulation at t=2.00: step(): the calendar is empty',
      ],
    ]);
  });
});

describe('callbacks: schedule, at, cancel, onProcessed', () => {
  test('schedule(delay) and at(time) call fn(arg); cancel() stops a pending callback and is a no-op otherwise', () => {
    const env = new Environment();
    const log: Log = [];
    const arrive = (who: string) => log.push(['arrive', env.now, who]);
    env.schedule(2, arrive, 'resident#1');
    const h2 = env.schedule(3, arrive, 'resident#2');
    const h3 = env.at(4, arrive, 'resident#3');
    env.at(0, arrive, 'resident#0');
    env.cancel(h2);
    env.cancel(h2); // twice: nothing more happens
    env.schedule(3.5, () => {
      env.at(3.5, arrive, 'resident#4, at now');
      env.cancel(h3);
    });
    env.run();
    // A cancelled entry is skipped, but still moves the clock when its time comes (t=4 here).
    log.push(['end of first run', env.now]);
    env.cancel(h3); // after the run: nothing happens
    env.schedule(1, arrive, 'resident#5');
    env.run();
    expect(log).toEqual([
      ['arrive', 0, 'resident#0'],
      ['arrive', 2, 'resident#1'],
      ['arrive', 3.5, 'resident#4, at now'],
      ['end of first run', 4],
      ['arrive', 5, 'resident#5'],
    ]);
  });

  test('onProcessed calls back when the event is processed; on a processed event it calls back via the calendar, not synchronously', () => {
    const env = new Environment();
    const log: Log = [];
    const t = env.timeout(2, 'v');
    t.onProcessed((e) => log.push(['first', env.now, e.value, e === t]));
    t.onProcessed((e) => log.push(['second', env.now, e.processed]));
    env.schedule(5, () => {
      t.onProcessed((e) => log.push(['late subscriber', env.now, e.value]));
      log.push(['subscribed', env.now]);
    });
    env.run();
    expect(log).toEqual([
      ['first', 2, 'v', true],
      ['second', 2, true],
      ['subscribed', 5],
      ['late subscriber', 5, 'v'],
    ]);
  });
});

/**
 * The two watchdogs that keep a run from failing without a word:
 *
 * - the **stall watchdog** finds processes stuck waiting on each other (a wait-for cycle) while a
 *   daemon's events keep the calendar busy, and reports the cycle;
 * - the **zero-delay watchdog** stops a run whose clock stands still for more events than a limit
 *   and names what is due at that instant.
 *
 * The times and counts asserted are worked out by hand in the comments: which calendar entries run,
 * in which order, and when each watchdog looks.
 */
import { describe, expect, test } from 'vitest';
import {
  DeadlockError,
  Environment,
  type EnvironmentOptions,
  Interrupt,
  type Process,
  ZeroDelayLoopError,
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

/**
 * A daemon that ticks every time unit forever, and A and B that end up waiting on each other:
 * A waits for B from t=1, B waits for A from t=2.
 */
function mutualWait(options: EnvironmentOptions) {
  const env = new Environment(options);
  const ticks: number[] = [];
  env.process(
    (function* () {
      for (;;) {
        yield* env.delay(1);
        ticks.push(env.now);
      }
    })(),
    { name: 'monitor', daemon: true },
  );
  const procs: Record<string, Process<void>> = {};
  procs.A = env.process(
    (function* () {
      yield* env.timeout(1);
      try {
        yield* procs.B!;
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
      }
    })(),
    { name: 'A' },
  );
  procs.B = env.process(
    (function* () {
      yield* env.timeout(2);
      yield* procs.A!;
    })(),
    { name: 'B' },
  );
  return { env, ticks, A: procs.A, B: procs.B };
}

describe('stall watchdog', () => {
  test('a daemon hides a deadlock no more: two processes waiting on each other stop the run, with the cycle', () => {
    const { env } = mutualWait({ stallCheckEvery: 10 });
    // Entries that may move the clock (heap pops): #1 monitor t=1, #2 A's timeout t=1, #3 B's timeout
    // t=2, #4 monitor t=2, then monitor at t=3, 4, ...: pop #k is at t=k-2 from k=4. The watchdog looks
    // instead of the 10th pop (after #9, t=7): A and B are stuck. The next look comes after 8 pops per
    // live process (3 live: 24, more than 10), instead of the 24th pop (after #32, t=30); it finds the
    // same two stuck on the same events and stops the run.
    const e = thrown(() => env.run());
    expect([
      e instanceof DeadlockError,
      e.foundBy,
      e.time,
      e.waiting.map((w: { name: string }) => w.name),
      e.cycle,
      e.message,
    ]).toEqual([
      true,
      'stall watchdog',
      30,
      ['A', 'B'],
      [
        { process: 'B', waitsOn: 'process A', owner: 'A' },
        { process: 'A', waitsOn: 'process B', owner: 'B' },
      ],
      'simulation at t=30.00: 2 processes are stuck waiting on each other while other events go on (found by the stall watchdog; see stallCheckEvery):\n' +
        '  A: waiting on process B\n' +
        '  B: waiting on process A\n' +
        'wait-for cycle:\n' +
        '  B waits on process A, owned by A\n' +
        '  A waits on process B, owned by B',
    ]);
  });

  test('an interrupt that breaks the cycle within one watchdog period is not a deadlock', () => {
    const { env, A, B } = mutualWait({ stallCheckEvery: 10 });
    // The first look (t=7) sees A and B stuck; the interrupt at t=8 frees A, which ends, which frees B:
    // at the second look (t=30) nothing is stuck.
    env.schedule(8, () => A.interrupt('supervisor'));
    env.run(30);
    expect([A.processed, B.processed, env.now]).toEqual([true, true, 30]);
  });

  test('processes waiting on a delay, or on an event anyone may trigger, are not stuck', () => {
    const env = new Environment({ stallCheckEvery: 3 });
    env.process(
      (function* () {
        for (;;) yield* env.delay(1);
      })(),
      { name: 'ticker', daemon: true },
    );
    const gate = env.event();
    const slow = env.process(
      (function* () {
        yield* env.delay(50);
      })(),
      { name: 'slow' },
    );
    env.process(
      (function* () {
        yield* slow;
        yield* gate;
      })(),
      { name: 'waiter' },
    );
    env.schedule(80, () => gate.succeed());
    env.run(100);
    expect([env.now, env.liveProcesses]).toEqual([100, 1]);
  });

  test('off with stallCheckEvery: 0 (or onDeadlock: ignore): the run ends at until and the waiters stay', () => {
    for (const options of [{ stallCheckEvery: 0 }, { onDeadlock: 'ignore' as const, stallCheckEvery: 10 }]) {
      const { env, ticks } = mutualWait(options);
      env.run(40);
      expect([env.now, ticks.length, env.waiting().map((w) => w.name)]).toEqual([
        40,
        39,
        ['monitor', 'A', 'B'],
      ]);
    }
  });

  test('an empty calendar reports the wait-for cycle too, through allOf', () => {
    const env = new Environment();
    const procs: Record<string, Process<void>> = {};
    procs.loader = env.process(
      (function* () {
        yield* env.allOf([env.timeout(1), procs.driver!]);
      })(),
      { name: 'loader' },
    );
    procs.driver = env.process(
      (function* () {
        yield* procs.loader!;
      })(),
      { name: 'driver' },
    );
    const e = thrown(() => env.run());
    expect([e.foundBy, e.cycle]).toEqual([
      'empty calendar',
      [
        { process: 'loader', waitsOn: 'allOf(timeout(1) due t=1, process driver)', owner: 'driver' },
        { process: 'driver', waitsOn: 'process loader', owner: 'loader' },
      ],
    ]);
  });

  test('anyOf with a way out is not a cycle: the deadlock is reported without one', () => {
    const env = new Environment();
    const phone = env.event();
    const procs: Record<string, Process<void>> = {};
    procs.a = env.process(
      (function* () {
        yield* env.anyOf([procs.b!, phone]);
      })(),
      { name: 'a' },
    );
    procs.b = env.process(
      (function* () {
        yield* procs.a!;
      })(),
      { name: 'b' },
    );
    const e = thrown(() => env.run());
    expect([e.foundBy, e.cycle, e.waiting.length]).toEqual(['empty calendar', [], 2]);
  });

  test('a bad option is refused before the run, naming it and the value', () => {
    expect(thrown(() => new Environment({ stallCheckEvery: -1 })).message).toBe(
      'stallCheckEvery: expected an integer ≥ 0, got -1',
    );
    expect(thrown(() => new Environment({ maxEventsPerInstant: 1.5 })).message).toBe(
      'maxEventsPerInstant: expected an integer ≥ 0, got 1.5',
    );
  });
});

describe('zero-delay watchdog', () => {
  test('a process that yields timeout(0) forever is stopped after the limit, and named', () => {
    const env = new Environment({ maxEventsPerInstant: 50 });
    let spins = 0;
    env.process(
      (function* () {
        yield* env.timeout(3);
        for (;;) {
          yield* env.timeout(0);
          spins++;
        }
      })(),
      { name: 'spinner' },
    );
    // The count of entries due now starts at the run's start (t=0) with 50 and is checked when it runs
    // out. t=0: the process starts (1 entry, 49 left). t=3: the timeout comes off the heap, then zero
    // timeouts, one spin each: the 49th runs the count out, but the clock has moved since t=0, so it
    // restarts with 50 at t=3 and the spin goes ahead; 49 more spins, and the 50th entry at t=3 runs
    // it out with the clock still at t=3: the run stops before it. 49 + 49 = 98 spins.
    const e = thrown(() => env.run());
    expect([e instanceof ZeroDelayLoopError, spins, e.involved, e.message]).toEqual([
      true,
      98,
      [{ name: 'spinner', entries: 1 }],
      'simulation at t=3.00: 50 events or more at one instant without the clock moving: a zero-delay loop? Due next at this instant: spinner (raise maxEventsPerInstant, or 0 to switch the watchdog off, if the model means it)',
    ]);
  });

  test('two processes waking each other through events, and a callback rescheduling itself, are named', () => {
    const env = new Environment({ maxEventsPerInstant: 1000 });
    const box = { ping: env.event(), pong: env.event() };
    const player = (me: 'ping' | 'pong', other: 'ping' | 'pong') =>
      env.process(
        (function* () {
          for (;;) {
            yield* box[me];
            box[me] = env.event();
            box[other].succeed();
          }
        })(),
        { name: me },
      );
    player('ping', 'pong');
    player('pong', 'ping');
    env.schedule(1, () => box.ping.succeed());
    // t=0: the two starts (998 left of the count). t=1: the callback comes off the heap; then the
    // ball's events alternate, ping's first (odd), pong's (even). The 998th runs the count out with
    // the clock moved: it restarts at 1000 and the event runs; the 1998th runs it out at the same
    // instant and stops the run: pong's event is due.
    const pingPong = thrown(() => env.run());

    const env2 = new Environment({ maxEventsPerInstant: 1000 });
    env2.schedule(2, function tick() {
      env2.schedule(0, tick);
    });
    const tick = thrown(() => env2.run());
    expect([
      [pingPong.time, pingPong.involved],
      [tick.time, tick.involved],
    ]).toEqual([
      [1, [{ name: 'pong', entries: 1 }]],
      [2, [{ name: 'tick', entries: 1 }]],
    ]);
  });

  test('the limit passes, twice the limit is refused; 0 switches the watchdog off', () => {
    const burst = (n: number, limit: number) => {
      const env = new Environment({ maxEventsPerInstant: limit });
      let ran = 0;
      // n callbacks at t=1: the first from the heap, the others scheduled by it with no delay.
      env.schedule(1, () => {
        ran++;
        for (let i = 1; i < n; i++) env.schedule(0, () => ran++);
      });
      try {
        env.run();
        return ran;
      } catch (e) {
        return e instanceof ZeroDelayLoopError ? `stopped after ${ran}` : e;
      }
    };
    // The first callback is a heap entry; the other n-1 are due now and count. With n = 101, 100 are
    // due now: the count (100 from t=0) runs out at the last one, the clock has moved, it restarts
    // and the entry runs. With n = 201 the restarted count runs out again at the 200th entry due now,
    // at the same instant: 1 + 199 have run.
    expect([burst(101, 100), burst(201, 100), burst(20_000, 0)]).toEqual([101, 'stopped after 200', 20_000]);
  });
});

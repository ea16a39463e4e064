/**
 * Log tests of {@link Signal} (taxonomy (a)): tiny processes and callbacks push `[who, now, value]`
 * and each test makes one assertion on the whole log. Rules under test (the module documentation):
 * a condition that holds now completes at once, without yielding control; `set` wakes the waiters
 * whose condition holds, in waiting order, each with the value that satisfied it; callbacks run inside
 * `set`; a `set` made by a woken callback is seen by the waiters checked after it; an interrupted
 * wait is withdrawn; the signal is reusable.
 */
import { describe, expect, test } from 'vitest';
import { Environment, Interrupt, ParameterError, SimulationError } from '../../src/kernel/index.js';
import { Signal } from '../../src/resources/signal.js';

type Log = unknown[][];

describe('Signal', () => {
  test('processes wake when their condition holds, with the value that satisfied it', () => {
    const env = new Environment();
    const level = new Signal(env, 0, { name: 'level' });
    const log: Log = [];
    const waiter = (name: string, start: number, condition: (v: number) => boolean) =>
      env.process(
        (function* () {
          if (start > 0) yield* env.timeout(start);
          log.push([name, 'waits', env.now]);
          const v = yield* level.waitFor(condition);
          log.push([name, 'woken', env.now, v, 'value now', level.value]);
        })(),
      );
    waiter('P1', 0, (v) => v >= 2);
    waiter('P2', 0, (v) => v >= 1);
    waiter('P3', 0, (v) => v === 5);
    waiter('P4', 4, (v) => v >= 2); // at t=4 the value is 3: holds now, goes on at once
    env.schedule(1, () => level.set(1)); // P2
    env.schedule(2, () => {
      level.set(3); // P1 (with 3), even though the value is 0 again when it runs
      level.set(0);
    });
    env.schedule(3, () => level.set(3));
    env.schedule(5, () => level.set(5)); // P3
    env.run();
    expect(log).toEqual([
      ['P1', 'waits', 0],
      ['P2', 'waits', 0],
      ['P3', 'waits', 0],
      ['P2', 'woken', 1, 1, 'value now', 1],
      ['P1', 'woken', 2, 3, 'value now', 0],
      ['P4', 'waits', 4],
      ['P4', 'woken', 4, 3, 'value now', 3],
      ['P3', 'woken', 5, 5, 'value now', 5],
    ]);
  });

  test('several woken by one set resume in the order they started waiting', () => {
    const env = new Environment();
    const site = new Signal(env, 'closed');
    const log: Log = [];
    for (const name of ['C', 'A', 'B'])
      env.process(
        (function* () {
          yield* site.waitFor((s) => s === 'open');
          log.push([name, env.now]);
        })(),
      );
    env.schedule(60, () => site.set('open'));
    env.run();
    expect(log).toEqual([
      ['C', 60],
      ['A', 60],
      ['B', 60],
    ]);
  });

  test('callbacks run now or inside set; a set made by a callback is seen by the waiters after it', () => {
    const env = new Environment();
    const stock = new Signal(env, 10, { name: 'kits' });
    const log: Log = [];
    stock.when(
      (n) => n >= 5,
      (n) => log.push(['now', env.now, n]),
    );
    stock.when(
      (n) => n === 0,
      (n) => {
        log.push(['empty', env.now, n]);
        stock.set(20); // restocked at once
      },
    );
    stock.when(
      (n) => n === 0,
      (n) => log.push(['second empty-watcher: never, the value is 20 when checked', env.now, n]),
    );
    stock.when(
      (n) => n >= 20,
      (n) => log.push(['restocked', env.now, n]),
    );
    env.schedule(7, () => stock.set(0));
    env.run();
    expect([log, stock.waiting]).toEqual([
      [
        ['now', 0, 10],
        ['empty', 7, 0],
        ['restocked', 7, 20],
      ],
      1,
    ]);
  });

  test('an interrupted wait is withdrawn; the signal is reusable', () => {
    const env = new Environment();
    const door = new Signal(env, false, { name: 'door' });
    const log: Log = [];
    const impatient = env.process(
      (function* () {
        try {
          yield* door.waitFor((open) => open);
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(['impatient gave up', env.now, door.waiting]);
        }
      })(),
    );
    env.process(
      (function* () {
        for (let round = 1; round <= 2; round++) {
          yield* door.waitFor((open) => open);
          log.push(['through', env.now, round]);
          yield* door.waitFor((open) => !open);
          log.push(['closed behind', env.now, round]);
        }
      })(),
    );
    env.schedule(1, () => impatient.interrupt('gone'));
    for (const [t, v] of [
      [2, true],
      [3, false],
      [4, true],
      [5, false],
    ] as const)
      env.schedule(t, () => door.set(v));
    env.run();
    expect([log, door.waiting]).toEqual([
      [
        ['impatient gave up', 1, 1],
        ['through', 2, 1],
        ['closed behind', 3, 1],
        ['through', 4, 2],
        ['closed behind', 5, 2],
      ],
      0,
    ]);
  });

  test('bad input: unknown option keys, a condition that is not a function', () => {
    const env = new Environment();
    const s = new Signal(env, 0, { name: 's' });
    const errors = [
      () => new Signal(env, 0, { nmae: 's' } as never),
      () => s.waitFor(3 as never),
      () => s.when((v) => v > 0, 'go' as never),
    ].map((f) => {
      try {
        f();
      } catch (e) {
        return [(e as Error).constructor.name, (e as Error).message];
      }
      return ['none'];
    });
    expect(errors).toEqual([
      [
        ParameterError.name,
        expect.stringContaining('signal.nmae: expected a known option (did you mean "name"?'),
      ],
      [
        SimulationError.name,
        expect.stringContaining('wait on signal s: the condition must be a function of the value, got 3'),
      ],
      [SimulationError.name, expect.stringContaining('when on signal s: fn must be a function, got "go"')],
    ]);
  });
});

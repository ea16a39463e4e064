/**
 * A process that ends while nobody waits for it gets no calendar entry, only a place (see `QUIET` in
 * src/kernel/event.ts). That must change nothing anyone can see but the count of entries: a waiter
 * that comes before the calendar has passed the place resumes where the completion's entry would
 * have been (as in SimPy), one that comes later resumes at once, and `processed` says which.
 *
 * The oracle: a traced run gives every completion its entry (the trace shows it). Each model runs
 * twice, with and without a trace hook, and the two logs must be equal; the hand-worked cases pin
 * what those logs are.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Environment, Priority, type Process } from '../../src/kernel/index.js';

type Log = unknown[][];

/** Run `build` in an environment with quiet ends and in a traced one; both logs, and the trace. */
function both(build: (env: Environment, log: Log) => void): { quiet: Log; entries: Log; ends: number } {
  const quiet: Log = [];
  const q = new Environment();
  build(q, quiet);
  q.run();
  const entries: Log = [];
  let ends = 0;
  const t = new Environment({
    trace: (r) => {
      if (r.kind === 'end') ends++;
    },
  });
  build(t, entries);
  t.run();
  return { quiet, entries, ends };
}

describe('a process that ends while nobody waits', () => {
  test('a waiter at the same instant, before its place, resumes in the place (behind entries due first)', () => {
    // A, B and C wake at t=1 in that order; A ends, B waits for A: A's place is behind C's wake-up.
    const { quiet, entries, ends } = both((env, log) => {
      const a = env.process(
        (function* () {
          yield* env.timeout(1);
        })(),
        { name: 'A' },
      );
      env.process(
        (function* () {
          yield* env.timeout(1);
          log.push(['B waits', env.now, a.processed]);
          yield* a;
          log.push(['B resumes', env.now, a.processed]);
        })(),
      );
      env.process(
        (function* () {
          yield* env.timeout(1);
          log.push(['C', env.now, a.processed]);
        })(),
      );
    });
    expect(quiet).toEqual([
      ['B waits', 1, false],
      ['C', 1, false],
      ['B resumes', 1, true],
    ]);
    expect(quiet).toEqual(entries);
    expect(ends).toBe(3);
  });

  test('a waiter after the place (a LATE entry at that instant, or a later time) resumes at once', () => {
    const { quiet, entries } = both((env, log) => {
      const a = env.process(
        (function* () {
          yield* env.timeout(1);
        })(),
        { name: 'A' },
      );
      const late = () =>
        env.process(
          (function* () {
            log.push(['late waiter starts', env.now, a.processed]);
            yield* a;
            log.push(['late waiter resumes', env.now]);
          })(),
        );
      env.schedule(1, late, undefined, Priority.LATE);
      env.schedule(1, () => log.push(['other LATE entry', env.now]), undefined, Priority.LATE);
      env.schedule(2, late);
    });
    expect(quiet).toEqual([
      ['late waiter starts', 1, true],
      ['late waiter resumes', 1],
      ['other LATE entry', 1],
      ['late waiter starts', 2, true],
      ['late waiter resumes', 2],
    ]);
    expect(quiet).toEqual(entries);
  });

  test('an URGENT entry after the end still comes before the place; a NORMAL one pushed before it too', () => {
    const { quiet, entries } = both((env, log) => {
      let a: Process<string> | null = null;
      env.process(
        (function* () {
          yield* env.timeout(1);
          a = env.process(
            // biome-ignore lint/correctness/useYield: it ends at once, in its start entry (URGENT)
            (function* () {
              return 'a';
            })(),
            { name: 'A' },
          );
          env.schedule(0, () => log.push(['NORMAL pushed before A ends', a!.processed]));
        })(),
      );
      env.schedule(1, () => {
        log.push(['NORMAL due at 1, pushed at 0', a === null ? 'no A yet' : a.processed]);
      });
      env.schedule(
        1,
        () => {
          env.schedule(0, () => log.push(['URGENT after A ended', a!.processed]), undefined, Priority.URGENT);
        },
        undefined,
        Priority.LATE,
      );
    });
    expect(quiet).toEqual([
      ['NORMAL due at 1, pushed at 0', 'no A yet'],
      ['NORMAL pushed before A ends', false],
      ['URGENT after A ended', true],
    ]);
    expect(quiet).toEqual(entries);
  });

  test('conditions, onProcessed and run(until) on an ended process', () => {
    const { quiet, entries } = both((env, log) => {
      const a = env.process(
        // biome-ignore lint/correctness/useYield: it ends at once, in its start entry
        (function* (): Generator<never, string> {
          return 'a';
        })(),
      );
      const b = env.process(
        (function* () {
          yield* env.timeout(2);
          return 'b';
        })(),
      );
      env.process(
        (function* () {
          const values = yield* env.allOf([a, b]);
          log.push(['allOf', env.now, values]);
          const first = yield* env.anyOf([a, env.timeout(5)]);
          log.push(['anyOf', env.now, first.index, first.value]);
        })(),
      );
      env.schedule(1, () => a.onProcessed((e) => log.push(['onProcessed', env.now, e.value])));
    });
    expect(quiet).toEqual([
      ['onProcessed', 1, 'a'],
      ['allOf', 2, ['a', 'b']],
      ['anyOf', 2, 0, 'a'],
    ]);
    expect(quiet).toEqual(entries);
  });

  test('run(until=process) on a process that ended quietly returns its value at once', () => {
    const env = new Environment();
    const p = env.process(
      (function* () {
        yield* env.timeout(1);
        return 7;
      })(),
    );
    env.run(5);
    expect(p.processed).toBe(true);
    expect(env.run(p)).toBe(7);
    expect(env.now).toBe(5);
  });

  test('a process that fails with nobody waiting still stops the run', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield* env.timeout(1);
        throw new Error('no reagent');
      })(),
      { name: 'lab' },
    );
    expect(() => env.run()).toThrow(/lab.*no reagent/);
  });

  test('random models: the same log with quiet ends as with an entry per completion', () => {
    // Processes end at random times; others (started by processes or by callbacks of random
    // priorities) wait for random earlier ones, look at `processed`, or wait on conditions.
    const step = fc.record({
      at: fc.integer({ min: 0, max: 3 }),
      priority: fc.constantFrom(Priority.URGENT, Priority.RELEASE, Priority.NORMAL, Priority.LATE),
      delay: fc.integer({ min: 0, max: 2 }),
      waitFor: fc.array(fc.nat(), { maxLength: 3 }),
      how: fc.constantFrom('yield', 'allOf', 'anyOf', 'look'),
      fromProcess: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const { quiet, entries } = both((env, log) => {
          const procs: Process<number>[] = [];
          // A process waits only for processes started before it: no wait-for cycles.
          const body = (i: number, s: (typeof steps)[number], before: number) =>
            function* (): Generator<any, number> {
              yield* env.timeout(s.delay);
              const targets = before === 0 ? [] : s.waitFor.map((w) => procs[w % before]!);
              log.push([i, 'looks', env.now, targets.map((p) => p.processed)]);
              if (targets.length > 0 && s.how === 'yield') for (const p of targets) yield* p;
              else if (targets.length > 0 && s.how === 'allOf') yield* env.allOf(targets);
              else if (targets.length > 0 && s.how === 'anyOf') yield* env.anyOf(targets);
              log.push([i, 'ends', env.now]);
              return i;
            };
          steps.forEach((s, i) => {
            const start = () => {
              procs.push(env.process(body(i, s, procs.length)(), { name: `p${i}` }));
            };
            if (s.fromProcess)
              env.process(
                (function* () {
                  yield* env.timeout(s.at);
                  start();
                })(),
              );
            else env.schedule(s.at, start, undefined, s.priority);
          });
        });
        expect(quiet).toEqual(entries);
      }),
      { numRuns: 300 },
    );
  });
});

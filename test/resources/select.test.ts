/**
 * Tests of {@link select} against hand-worked traces: each expected pick is derived in the comment
 * from the policy's rule (select.ts module documentation), on fixed states and on a small run where
 * people choose the shortest line on arrival.
 */
import { describe, expect, test } from 'vitest';
import { Environment, ParameterError } from '../../src/kernel/index.js';
import { Resource } from '../../src/resources/resource.js';
import { select } from '../../src/resources/select.js';

const lane = (name: string, busy: number, queueLength: number, capacity: number) => ({
  name,
  busy,
  queueLength,
  capacity,
});

describe('select', () => {
  test('each policy on fixed states', () => {
    // scores busy + queue − capacity: A 2+3−2 = 3, B 1+0−2 = −1, C 0+0−1 = −1, D 4+0−4 = 0
    const lanes = [lane('A', 2, 3, 2), lane('B', 1, 0, 2), lane('C', 0, 0, 1), lane('D', 4, 0, 4)];
    const full = [lane('A', 2, 3, 2), lane('B', 2, 1, 2), lane('C', 3, 0, 3)]; // scores 3, 1, 0
    const draws = [0, 0.26, 0.5, 0.99];
    const rng = { next: () => draws.shift()! };
    const rr = select(lanes, 'round-robin');
    const random = select(lanes, 'random', { rng });
    const names = (xs: { name: string }[]) => xs.map((x) => x.name);
    expect({
      shortest: names([select(lanes, 'shortest-queue').pick()]), // B and C tie at −1: B comes first
      roundRobin: names([rr.pick(), rr.pick(), rr.pick(), rr.pick(), rr.pick()]),
      random: names([random.pick(), random.pick(), random.pick(), random.pick()]), // ⌊u·4⌋ = 0, 1, 2, 3
      firstAvailable: names([select(lanes, 'first-available').pick()]), // B: free and nobody waits
      firstAvailableNone: names([select(full, 'first-available').pick()]), // none free: shortest, C
    }).toEqual({
      shortest: ['B'],
      roundRobin: ['A', 'B', 'C', 'D', 'A'],
      random: ['A', 'B', 'C', 'D'],
      firstAvailable: ['B'],
      firstAvailableNone: ['C'],
    });
  });

  test('people choosing the shortest line on arrival (processes), and the same with callbacks', () => {
    // Three lanes of one desk; arrivals at t = 0..4, 10 s of service each.
    // t0: all −1 → A. t1: A 0, B −1, C −1 → B. t2: → C. t3: all 0 → A (queues, served at 10).
    // t4: A 1, B 0, C 0 → B (served at 11).
    const run = (style: 'process' | 'callback') => {
      const env = new Environment();
      const lanes = ['A', 'B', 'C'].map((name) => new Resource(env, { name }));
      const choose = select(lanes, 'shortest-queue');
      const log: unknown[][] = [];
      for (let i = 0; i < 5; i++) {
        if (style === 'process')
          env.process(
            (function* () {
              yield* env.timeout(i);
              const desk = choose.pick();
              const req = yield* desk.request();
              log.push([i, desk.name, env.now]);
              yield* env.timeout(10);
              desk.release(req);
            })(),
          );
        else
          env.schedule(i, () => {
            const desk = choose.pick();
            desk.seize(() => {
              log.push([i, desk.name, env.now]);
              env.schedule(10, () => desk.free());
            }, i);
          });
      }
      env.run();
      return log.sort((a, b) => (a[0] as number) - (b[0] as number));
    };
    const expected = [
      [0, 'A', 0],
      [1, 'B', 1],
      [2, 'C', 2],
      [3, 'A', 10],
      [4, 'B', 11],
    ];
    expect([run('process'), run('callback')]).toEqual([expected, expected]);
  });

  test('bad input is refused with the path and value', () => {
    const env = new Environment();
    const r = new Resource(env);
    const messages = [
      () => select([], 'shortest-queue'),
      () => select([r], 'longest' as never),
      () => select([r], 'random'),
      () => select([r], 'random', { rgn: { next: () => 0 } } as never),
    ].map((f) => {
      try {
        f();
      } catch (e) {
        return e instanceof ParameterError ? e.path : String(e);
      }
      return 'none';
    });
    expect(messages).toEqual(['select.resources', 'select.policy', 'select.rng', 'select.rgn']);
  });
});

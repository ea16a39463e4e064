/**
 * Property tests (fast-check) of random flows: two stations, a branch by share, patience, a batch
 * with a hold, and a closing, with random sizes, times and entries.
 *
 * - Conservation at any stopping time: entered = Σ left + Σ queued + Σ in service, and at the end
 *   of the run everyone has left (nothing can be stuck: capacity never drops).
 * - No resource ever has more units in use than its capacity; every unit is given back.
 * - Same seed → the same accounting, series, waits and exits.
 * - Branch shares are respected in distribution: the count down a route is Binomial(n, p), and
 *   must lie within 5 standard deviations (false alarm ≈ 6e-7 per run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constant, Flow, type FlowStep, Resource, Simulation, uniform } from '../../src/index.js';

interface Config {
  readonly seed: number;
  readonly a: number;
  readonly b: number;
  readonly entries: number[];
  readonly skip: number;
  readonly patience: number | null;
  readonly pool: number;
  readonly closing: { at: number; policy: 'send-home' | 'overtime' } | null;
  readonly stop: number;
}

const config: fc.Arbitrary<Config> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  a: fc.integer({ min: 1, max: 4 }),
  b: fc.integer({ min: 1, max: 3 }),
  entries: fc
    .array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 })
    .map((xs) => xs.sort((x, y) => x - y)),
  skip: fc.double({ min: 0, max: 1, noNaN: true }),
  patience: fc.option(fc.integer({ min: 0, max: 60 })),
  pool: fc.integer({ min: 1, max: 5 }),
  closing: fc.option(
    fc.record({
      at: fc.integer({ min: 0, max: 600 }),
      policy: fc.constantFrom('send-home' as const, 'overtime' as const),
    }),
  ),
  stop: fc.integer({ min: 0, max: 1_500 }),
});

function build(c: Config) {
  const sim = new Simulation({ seed: c.seed });
  const a = new Resource(sim, { name: 'a', capacity: c.a });
  const b = new Resource(sim, { name: 'b', capacity: c.b });
  const overs: string[] = [];
  for (const r of [a, b])
    r.observer = {
      changed: (t, busy, _q, cap) => {
        if (busy > cap) overs.push(`${r.name} at ${t}: ${busy} > ${cap}`);
      },
    };
  const steps: FlowStep[] = [
    {
      kind: 'seize',
      resource: 'a',
      stage: 'a',
      ...(c.patience !== null && { patience: constant({ value: c.patience }) }),
    },
    { kind: 'delay', time: uniform({ min: 5, max: 25 }) },
    { kind: 'release', resource: 'a' },
    {
      kind: 'branch',
      by: 'share',
      shares: [c.skip, 1 - c.skip],
      routes: [[{ kind: 'leave', outcome: 'skipped' }], []],
    },
    { kind: 'seize', resource: 'b', stage: 'b' },
    { kind: 'delay', time: uniform({ min: 10, max: 30 }) },
    { kind: 'batch', name: 'tube', size: c.pool, hold: constant({ value: 7 }) },
    { kind: 'release', resource: 'b' },
    { kind: 'leave', outcome: 'ok' },
  ];
  const flow = new Flow(sim, {
    name: 'p',
    capacity: c.entries.length,
    steps,
    resources: { a, b },
    ...(c.closing !== null && { closing: c.closing }),
  });
  flow.enterAt(c.entries);
  flow.finish();
  return { sim, flow, a, b, overs };
}

const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((x, y) => x + y, 0);

describe('flow properties', () => {
  it('conserves entities at any stopping time and never exceeds a capacity', () => {
    fc.assert(
      fc.property(config, (c) => {
        const { sim, flow, a, b, overs } = build(c);
        if (c.stop > sim.now) sim.run(c.stop); // run(until) refuses an until that is not later than now
        const mid = flow.accounting();
        expect(mid.entered).toBe(sum(mid.left) + sum(mid.queued) + sum(mid.inService));
        expect(flow.active).toBe(sum(mid.queued) + sum(mid.inService));
        sim.run();
        const end = flow.accounting();
        expect(end.entered).toBe(c.entries.length);
        expect(sum(end.left)).toBe(c.entries.length);
        expect(overs).toEqual([]);
        expect([a.busy, b.busy]).toEqual([0, 0]);
        const tube = flow.batches().tube!;
        expect(tube.itemsIn).toBe(tube.itemsReleased);
      }),
      { numRuns: 200 },
    );
  });

  it('same seed, same result', () => {
    fc.assert(
      fc.property(config, (c) => {
        const result = () => {
          const { sim, flow } = build(c);
          sim.run();
          return {
            accounting: flow.accounting(),
            series: flow.series(),
            waits: ['a', 'b'].map((s) => flow.waits(s).summary()),
            exits: flow.timeInSystem().summary(),
            last: flow.lastExit(),
          };
        };
        expect(result()).toEqual(result());
      }),
      { numRuns: 50 },
    );
  });

  it('respects branch shares in distribution', () => {
    const n = 2_000;
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (p, seed) => {
          const sim = new Simulation({ seed });
          const flow = new Flow(sim, {
            name: 'shares',
            capacity: n,
            steps: [
              {
                kind: 'branch',
                by: 'share',
                shares: [p, 1 - p],
                routes: [[{ kind: 'leave', outcome: 'first' }], [{ kind: 'leave', outcome: 'second' }]],
              },
            ],
            resources: {},
          });
          for (let k = 0; k < n; k++) flow.enter();
          const first = flow.accounting().left.first!;
          expect(Math.abs(first - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)));
        },
      ),
      { numRuns: 30 },
    );
  });
});

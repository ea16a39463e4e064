/**
 * sweep(): grid points, tidy rows, common random numbers across points.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplicationContext } from '../../src/experiment/replicate.js';
import { gridPoints, SWEEP_COLUMNS, sweep } from '../../src/experiment/sweep.js';
import { replicationSeed } from '../../src/random/seed.js';
import { version } from '../../src/version.js';
import { queue } from './fixtures/queue-model.js';

describe('gridPoints', () => {
  it('is the cartesian product in key order, the first parameter varying slowest', () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'], c: [true] })).toEqual([
      { a: 1, b: 'x', c: true },
      { a: 1, b: 'y', c: true },
      { a: 1, b: 'z', c: true },
      { a: 2, b: 'x', c: true },
      { a: 2, b: 'y', c: true },
      { a: 2, b: 'z', c: true },
    ]);
  });
});

describe('gridPoints (property)', () => {
  it('gives every combination exactly once: as many points as the product of the list lengths', () => {
    const values = fc.uniqueArray(fc.oneof(fc.integer(), fc.string(), fc.boolean()), {
      minLength: 1,
      maxLength: 4,
      selector: (v) => `${typeof v}:${String(v)}`,
    });
    const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        names.chain((keys) =>
          fc
            .tuple(...keys.map(() => values))
            .map((lists) => Object.fromEntries(keys.map((k, i) => [k, lists[i]!]))),
        ),
        (grid) => {
          const points = gridPoints(grid);
          const expected = Object.values(grid).reduce((n, list) => n * list.length, 1);
          expect(points).toHaveLength(expected);
          const keys = new Set(points.map((p) => JSON.stringify(Object.keys(grid).map((k) => p[k]))));
          expect(keys.size).toBe(expected);
          for (const p of points) for (const k of Object.keys(grid)) expect(grid[k]).toContain(p[k]);
        },
      ),
      { numRuns: 100, seed: 4 },
    );
  });
});

describe('sweep', () => {
  const model = (
    p: { serviceRate: number; arrivalRate: number; customers: number },
    ctx: ReplicationContext,
  ) => {
    const out = queue(p, ctx);
    return { meanWait: out.meanWait, served: out.served };
  };

  it('runs every point with the same replication seeds and returns one tidy row per point and field', () => {
    const s = sweep(
      model,
      { serviceRate: [1, 1.25], arrivalRate: [0.5, 0.7] },
      {
        replications: 4,
        seed: 9,
        base: { customers: 200 },
      },
    );
    expect(s.points.map((p) => p.params)).toEqual([
      { customers: 200, serviceRate: 1, arrivalRate: 0.5 },
      { customers: 200, serviceRate: 1, arrivalRate: 0.7 },
      { customers: 200, serviceRate: 1.25, arrivalRate: 0.5 },
      { customers: 200, serviceRate: 1.25, arrivalRate: 0.7 },
    ]);
    for (const p of s.points)
      expect(p.result.runs.map((r) => r.seed)).toEqual([0, 1, 2, 3].map((i) => replicationSeed(9, i)));
    expect(s.rows).toHaveLength(8);
    expect(s.rows[3]).toEqual({
      point: 1,
      serviceRate: 1,
      arrivalRate: 0.7,
      ...s.points[1]!.result.summary.served,
    });
    expect(Object.keys(s.rows[0]!)).toEqual(
      expect.arrayContaining(['point', 'serviceRate', 'arrivalRate', ...SWEEP_COLUMNS]),
    );
    expect(s.rows.map((r) => r.field)).toEqual([
      'meanWait',
      'served',
      'meanWait',
      'served',
      'meanWait',
      'served',
      'meanWait',
      'served',
    ]);
    expect(s.options).toMatchObject({ seed: 9, replications: 4, level: 0.95, base: { customers: 200 } });
    expect(s.version).toBe(version);
    expect(s.seed).toBe(9);
    expect(s.replications).toBe(4);
  });

  it('common random numbers: points that differ only in service speed see the same arrivals', () => {
    // Same seeds and named streams: each replication's customers arrive at the same times at every
    // point, and the faster server gives every customer a wait no longer than the slower one, so each
    // replication's mean wait is lower (a pathwise fact, not a statistical one).
    const s = sweep(
      model,
      { serviceRate: [1, 1.25] },
      {
        replications: 5,
        seed: 3,
        base: { arrivalRate: 0.8, customers: 300 },
      },
    );
    const slow = s.points[0]!.result.runs;
    const fast = s.points[1]!.result.runs;
    slow.forEach((run, i) => {
      expect(fast[i]!.output.meanWait).toBeLessThanOrEqual(run.output.meanWait);
    });
  });

  it('a point repeated under another name gives identical results', () => {
    const s = sweep(
      (p: { tag: string }, ctx) => ({ u: ctx.streams.stream('u').next(), len: p.tag.length }),
      { tag: ['a', 'b'] },
      {
        replications: 3,
        seed: 1,
      },
    );
    expect(s.points[0]!.result.runs).toEqual(s.points[1]!.result.runs);
  });
});

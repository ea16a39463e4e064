/**
 * compare() and compareParams(): common random numbers, paired-t intervals, significance.
 */
import { describe, expect, it } from 'vitest';
import {
  compare,
  compareParams,
  isSignificant,
  pairedDifference,
  pairedDifferences,
} from '../../src/experiment/compare.js';
import type { ReplicationContext } from '../../src/experiment/replicate.js';
import { replicationSeed } from '../../src/random/seed.js';
import { confidenceInterval } from '../../src/stats/confidenceInterval.js';
import { queue } from './fixtures/queue-model.js';

const BASE = { arrivalRate: 0.8, serviceRate: 1, customers: 1000 };
const FASTER = { ...BASE, serviceRate: 1.1 };

describe('compare', () => {
  it('a model compared with itself gives differences of exactly 0, not significant', () => {
    const c = compareParams(queue, BASE, BASE, { replications: 6, seed: 12 });
    expect(Object.keys(c.differences)).toEqual(Object.keys(c.a.summary));
    for (const d of Object.values(c.differences)) {
      expect(d.mean).toBe(0);
      expect(d.sd).toBe(0);
      expect(d.halfWidth).toBe(0);
      expect(d.pValue).toBe(1);
      expect(d.significant).toBe(false);
      expect(isSignificant(d, 0.5)).toBe(false);
    }
    expect(c.a.runs).toEqual(c.b.runs);
    expect(c.options).toMatchObject({ seed: 12, seedB: 12, crn: true, replications: 6, level: 0.95 });
    expect(c.paramsA).toBe(BASE);
  });

  it('pairs replication i of A with replication i of B under the same seed', () => {
    const seeds: [string, number, number][] = [];
    const model = (name: string) => (ctx: ReplicationContext) => {
      seeds.push([name, ctx.replication, ctx.seed]);
      return { x: ctx.streams.stream('x').next() };
    };
    const c = compare(model('A'), model('B'), { replications: 3, seed: 5 });
    expect(seeds.filter(([n]) => n === 'B').map(([, i, s]) => [i, s])).toEqual(
      [0, 1, 2].map((i) => [i, replicationSeed(5, i)]),
    );
    expect(c.b.runs.map((r) => r.seed)).toEqual(c.a.runs.map((r) => r.seed));
  });

  it('recovers a known shift: B = A + 3 + zero-mean noise from its own stream', () => {
    // The 99 % interval misses 3 with probability 1 %; the seed is fixed, so this is decided once.
    const a = (ctx: ReplicationContext) => queue(BASE, ctx);
    const b = (ctx: ReplicationContext) => {
      const out = queue(BASE, ctx);
      const noise = ctx.streams.stream('noise').next() - 0.5;
      return { ...out, meanWait: out.meanWait + 3 + noise };
    };
    const c = compare(a, b, { replications: 20, seed: 31, level: 0.99 });
    const d = c.differences.meanWait!;
    expect(d.lower!).toBeLessThanOrEqual(3);
    expect(d.upper!).toBeGreaterThanOrEqual(3);
    expect(d.significant).toBe(true);
    // Noise of sd 1/√12 over 20 pairs: the interval is about ±0.2 wide, far narrower than either side's.
    expect(d.halfWidth!).toBeLessThan(0.3);
    expect(d.halfWidth!).toBeLessThan(c.a.summary.meanWait?.halfWidth ?? 0);
    // Fields B did not change differ by exactly 0.
    expect(c.differences.served!.mean).toBe(0);
    expect(c.differences.meanSojourn!.sd).toBe(0);
  });

  it('common random numbers give a narrower paired interval than independent seeds', () => {
    // Same arrivals and the same standard-exponential service requirements (scaled by the rate) make
    // the two systems' mean waits move together (correlation ≈ 0.94 here), so
    // Var(B − A) = Var(A) + Var(B) − 2 Cov(A, B) is about a tenth of the independent-seed value
    // Var(A) + Var(B). With 20 pairs the ratio of the two sample variances is that tenth times an
    // F(19, 19) variable, which exceeds 10 with probability below 1e-5: the inequality cannot fail by
    // chance, and with fixed seeds it is checked once.
    const crn = compareParams(queue, BASE, FASTER, { replications: 20, seed: 77 });
    const independent = compareParams(queue, BASE, FASTER, { replications: 20, seed: 77, seedB: 78 });
    expect(independent.options.crn).toBe(false);
    for (const field of ['meanWait', 'meanSojourn']) {
      const d = crn.differences[field]!;
      const i = independent.differences[field]!;
      expect(d.correlation!).toBeGreaterThan(0.8);
      expect(d.halfWidth!).toBeLessThan(i.halfWidth!);
      // Both intervals estimate the same effect: a faster server cuts the wait.
      expect(d.upper!).toBeLessThan(0);
    }
    // A's side is the same replications either way.
    expect(independent.a).toEqual(crn.a);
  });

  it('matches a hand-computed paired t-interval and p-value', () => {
    const a = [{ w: 1 }, { w: 2 }, { w: 3 }, { w: 4 }];
    const b = [{ w: 1.5 }, { w: 2.9 }, { w: 3.2 }, { w: 5.1 }];
    const d = pairedDifferences(a, b, 0.95).w!;
    const ci = confidenceInterval([0.5, 0.9, 0.2, 1.1], 0.95);
    expect(d).toMatchObject({ n: 4, meanA: 2.5, meanB: 3.175, level: 0.95 });
    expect(d.mean).toBeCloseTo(ci.mean, 14);
    expect(d.halfWidth).toBeCloseTo(ci.halfWidth, 14);
    // t = mean / (sd/√n) = 0.675 / (0.4031/2) = 3.349 on 3 df: two-sided p ≈ 0.0441.
    expect(d.pValue!).toBeCloseTo(0.0441, 3);
    expect(d.significant).toBe(true);
    expect(isSignificant(d, 0.99)).toBe(false);
    expect(isSignificant(d, 0.9)).toBe(true);
  });

  it('leaves out pairs where either side is missing, and fields only one side has', () => {
    const d = pairedDifferences(
      [{ w: 1, onlyA: 1 }, { w: null }, { w: 3 }],
      [{ w: 2 }, { w: 5 }, { w: 4 }],
      0.95,
    );
    expect(Object.keys(d)).toEqual(['w']);
    expect(d.w).toMatchObject({ n: 2, mean: 1, sd: 0, pValue: 0, significant: true, correlation: 1 });
  });

  it('treats a difference at floating-point rounding level as zero, not as a significant -0', () => {
    // The same total summed in another order differs in the last bits.
    const a = [0.1 + 0.2 + 0.3, 1e6 + 0.1 + 0.2];
    const b = [0.3 + 0.2 + 0.1, 0.2 + 0.1 + 1e6];
    expect(a[0]).not.toBe(b[0]);
    const d = pairedDifferences(
      a.map((x) => ({ x })),
      b.map((x) => ({ x })),
      0.95,
    ).x!;
    expect(d).toMatchObject({ mean: 0, significant: false });
    // A real difference, however small against the value, still counts.
    const e = pairedDifferences([{ x: 1e6 }, { x: 2e6 }], [{ x: 1e6 + 0.001 }, { x: 2e6 + 0.001 }], 0.95).x!;
    expect(e.mean).toBeCloseTo(0.001, 9);
  });

  it('pairedDifference of one figure matches the t interval by hand and the per-field path', () => {
    // Differences 1, 2, 3: mean 2, sd 1, n 3; half-width t(0.975, 2) × 1/√3 = 4.3027 × 0.57735 = 2.4841.
    const a = [10, 20, 30];
    const b = [11, 22, 33];
    const d = pairedDifference('finish', a, b);
    expect(d).toMatchObject({ field: 'finish', n: 3, mean: 2, sd: 1, level: 0.95 });
    expect(d.halfWidth!).toBeCloseTo(2.4841, 3);
    const perField = pairedDifferences(
      a.map((finish) => ({ finish })),
      b.map((finish) => ({ finish })),
      0.95,
    ).finish;
    expect(d).toStrictEqual(perField);
    expect(() => pairedDifference('x', [1, 2], [1])).toThrow(
      'pairedDifference.valuesB: expected an array of as many numbers as A (2), got 1',
    );
    expect(() => pairedDifference('x', [1, 2], [1, 2], 1)).toThrow(/^pairedDifference\.level:/);
  });
});

/**
 * MSER-5 warm-up detection: hand-worked statistics on tiny series, the one-pass implementation against
 * the definition written out plainly (fast-check), and a series with a known transient, where the
 * detected warm-up must fall where the bias is still large and no later than where it is negligible,
 * and the truncated mean must be closer to the true mean than the untruncated one.
 */
import { fc, test } from '@fast-check/vitest';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { afterWarmup, mser, ParameterError } from '../../src/index.js';

/** Batch means of `batchSize` consecutive values (a remainder left out). */
function batchMeansOf(values: readonly number[], batchSize: number): number[] {
  const z: number[] = [];
  for (let j = 0; j + batchSize <= values.length; j += batchSize)
    z.push(values.slice(j, j + batchSize).reduce((s, x) => s + x, 0) / batchSize);
  return z;
}

/** The MSER statistic at cut `d` by its definition: squares about the kept mean over (b − d)². */
function naiveStatistic(z: readonly number[], d: number): number {
  const kept = z.slice(d);
  const m = kept.reduce((s, x) => s + x, 0) / kept.length;
  return kept.reduce((s, x) => s + (x - m) ** 2, 0) / kept.length ** 2;
}

describe('mser: hand-worked cases', () => {
  it('MSER-5 on 22 values: batch means 10, 2, 2, 4 (remainder 7, 7 left out), cut after the first batch', () => {
    const values = [10, 10, 10, 10, 10, 1, 3, 2, 2, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 7, 7];
    // b = 4, d ∈ {0, 1} (d < b/2).
    // d = 0: mean 4.5, squares 5.5² + 2.5² + 2.5² + 0.5² = 43, MSER = 43 / 4² = 2.6875.
    // d = 1: mean 8/3, squares (2/3)² + (2/3)² + (4/3)² = 24/9,  MSER = (24/9) / 3² = 8/27.
    const r = mser(values);
    expect(r.batches).toBe(4);
    expect(r.truncatedBatches).toBe(1);
    expect(r.warmup).toBe(5);
    expect(r.statistic).toBeCloseTo(8 / 27, 14);
    // The kept values: batches 2..4 (sums 10, 10, 20) and the remainder (14), 17 values.
    expect(r.mean).toBeCloseTo(54 / 17, 14);
    expect(r.atLimit).toBe(true); // d = 1 is the last point searched: too short to trust
  });

  it('plain MSER (batch size 1) on 10, 2, 2, 4, 2, 2 cuts one value and is not at its limit', () => {
    // d = 0: mean 11/3, squares (19² + 4·5² + 1²)/9 = 462/9, MSER = 462/9/36 ≈ 1.426.
    // d = 1: mean 2.4, squares 4·0.4² + 1.6² = 3.2,              MSER = 3.2/25 = 0.128.
    // d = 2: mean 2.5, squares 3·0.5² + 1.5² = 3,                MSER = 3/16 = 0.1875.
    const r = mser([10, 2, 2, 4, 2, 2], { batchSize: 1 });
    expect(r.truncatedBatches).toBe(1);
    expect(r.warmup).toBe(1);
    expect(r.statistic).toBeCloseTo(0.128, 14);
    expect(r.mean).toBeCloseTo(2.4, 14);
    expect(r.atLimit).toBe(false);
  });

  it('a constant series is not truncated (ties go to the smaller cut)', () => {
    const r = mser(new Array(40).fill(3));
    expect(r).toMatchObject({ warmup: 0, statistic: 0, mean: 3, atLimit: false });
  });

  it('rejects bad input before computing, naming the parameter and value', () => {
    expect(() => mser([1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(
      new ParameterError('mser.values', 'at least 10 observations (two batches of 5)', '9 observations'),
    );
    expect(() => mser([1, 2, Number.NaN, 4], { batchSize: 1 })).toThrow(
      /mser\.values\[2\]: expected a finite number, got NaN/,
    );
    expect(() => mser([1, 2, 3, 4], { batchSize: 0 })).toThrow(
      /mser\.batchSize: expected an integer ≥ 1, got 0/,
    );
  });
});

describe('mser: against the definition', () => {
  test.prop([
    fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 10, maxLength: 300 }),
    fc.integer({ min: 1, max: 5 }),
  ])('its cut minimises the statistic, written out plainly, over d < b/2', (values, batchSize) => {
    const r = mser(values, { batchSize });
    const z = batchMeansOf(values, batchSize);
    expect(r.batches).toBe(z.length);
    expect(r.truncatedBatches).toBeLessThan(z.length / 2);
    const atCut = naiveStatistic(z, r.truncatedBatches);
    expect(r.statistic).toBeCloseTo(atCut, 9);
    // No other cut in the searched half is smaller beyond rounding (the two sums differ in the last bits).
    for (let d = 0; d < z.length / 2; d++)
      expect(naiveStatistic(z, d)).toBeGreaterThanOrEqual(atCut - 1e-9 * (1 + atCut));
  });
});

describe('mser: a series with a known transient', () => {
  // X_i = E_i + A·exp(−i/τ): unit-mean exponential noise (σ = 1) plus a decaying start-up bias.
  const A = 10;
  const tau = 100;
  const n = 5000;
  const mu = 1;
  // The bias equals the noise's sd at τ·ln(A/σ) ≈ 230 and falls below the standard error of the mean
  // of the whole run, σ/√n, at τ·ln(A·√n/σ) ≈ 656: cutting before τ leaves a bias of A/e ≈ 3.7σ in
  // every value kept, and cutting after 656 only throws data away.
  const transientOver = Math.ceil(tau * Math.log((A * Math.sqrt(n)) / 1));
  const seeds = Array.from({ length: 20 }, (_, i) => `mser-transient-${i}`);

  it.each(seeds)('seed %s: warm-up in [τ, τ·ln(A√n/σ)], truncated mean closer to μ', (seed) => {
    const rng = seedrandom(seed);
    const x = Array.from({ length: n }, (_, i) => -Math.log(1 - rng.double()) + A * Math.exp(-i / tau));
    const r = mser(x);
    expect(r.warmup).toBeGreaterThanOrEqual(tau);
    expect(r.warmup).toBeLessThanOrEqual(transientOver);
    expect(r.atLimit).toBe(false);
    const kept = afterWarmup(x, { warmup: r.warmup });
    expect(r.mean).toBeCloseTo(kept.reduce((s, v) => s + v, 0) / kept.length, 12);
    const untruncated = x.reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(r.mean - mu)).toBeLessThan(Math.abs(untruncated - mu));
  });
});

/**
 * Summary helpers: hand-computed values, the d3-style conventions (skip null/undefined/NaN, undefined
 * when empty, accessor gets (d, i, values)), and properties against simple-statistics and two-pass
 * references with tolerances derived from the algorithms' rounding-error bounds.
 */
import * as ss from 'simple-statistics';
import { describe, expect, test } from 'vitest';
import { max, mean, min, quantile, sd, sum, timeWeightedMean, variance } from '../../src/stats/index.js';
import { EPS, fc, message, prop, twoPass } from './helpers.js';

const finiteDoubles = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
  minLength: 2,
  maxLength: 200,
});

describe('mean', () => {
  test('mean(values) of hand-computed arrays', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([5])).toBe(5);
  });
  test('mean(values) ignores null, undefined and NaN', () => {
    expect(mean([1, null, 2, undefined, Number.NaN, 6])).toBe(3);
  });
  test('mean(values) is undefined when empty or all missing', () => {
    expect(mean([])).toBeUndefined();
    expect(mean([null, Number.NaN])).toBeUndefined();
  });
  test('mean(values, accessor) passes (d, i, values) and skips missing results', () => {
    const data = [{ w: 2 }, { w: null }, { w: 4 }];
    const seen: unknown[] = [];
    const m = mean(data, (d, i, values) => {
      seen.push([i, values === data]);
      return d.w;
    });
    expect([m, seen]).toEqual([
      3,
      [
        [0, true],
        [1, true],
        [2, true],
      ],
    ]);
  });
  test('mean(values) keeps precision at a large offset (1e9 + x)', () => {
    expect(mean([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBe(1e9 + 2);
  });
  test('mean(iterable) accepts any iterable, not only arrays', () => {
    expect(mean(new Set([1, 2, 3]))).toBe(2);
  });
});

describe('variance and sd', () => {
  test('variance(values) is the n − 1 sample variance', () => {
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 14);
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });
  test('variance(values) is undefined with fewer than two valid values', () => {
    expect([variance([]), variance([3]), variance([3, null]), sd([3])]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
  test('variance(values) survives an offset of 1e9 where the naive formula fails', () => {
    const xs = [4, 7, 13, 16].map((x) => 1e9 + x);
    const n = xs.length;
    const naive = (xs.reduce((a, x) => a + x * x, 0) - xs.reduce((a, x) => a + x, 0) ** 2 / n) / (n - 1);
    expect(Math.abs(naive - 30)).toBeGreaterThan(1); // the naive formula is wrong here…
    expect(variance(xs)).toBe(30); // …Welford is exact on this input
  });
  prop([finiteDoubles], { seed: 101, numRuns: 300 })(
    'variance(values) equals the two-pass value within its rounding bound',
    (xs) => {
      const ref = twoPass(xs);
      const scale = Math.max(...xs.map(Math.abs));
      const s = Math.sqrt(ref.variance);
      // Welford's error is O(n·ε·s·(|mean| + s)); the corrected two-pass error is smaller.
      const tol = 8 * xs.length * EPS * s * (scale + s) + 1e-300;
      expect(Math.abs(variance(xs)! - ref.variance)).toBeLessThanOrEqual(tol);
      expect(Math.abs(mean(xs)! - ref.mean)).toBeLessThanOrEqual(4 * xs.length * EPS * scale + 1e-300);
    },
  );
  prop(
    [
      fc.double({ min: 1e8, max: 1e10, noNaN: true }),
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 100 }),
    ],
    { seed: 102, numRuns: 200 },
  )('variance(offset + noise) matches the variance of the noise', (offset, noise) => {
    const xs = noise.map((e) => offset + e);
    // The data themselves are rounded to ulp(offset) when formed, so compare with the two-pass
    // variance of the values actually stored.
    const ref = twoPass(xs);
    const s = Math.sqrt(ref.variance);
    const tol = 8 * xs.length * EPS * s * (offset + 10 + s) + 1e-300;
    expect(Math.abs(variance(xs)! - ref.variance)).toBeLessThanOrEqual(tol);
  });
});

describe('sum', () => {
  test('sum(values) is compensated', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
  });
  test('sum(values) skips missing values and is 0 when empty', () => {
    expect([sum([1, null, Number.NaN, 2]), sum([])]).toEqual([3, 0]);
  });
  test('sum(values, accessor)', () => {
    expect(sum([{ s: 1.5 }, { s: 2.5 }], (d) => d.s)).toBe(4);
  });
});

describe('min and max', () => {
  test('min/max(values) skip missing values', () => {
    expect([min([3, null, -1, Number.NaN, 2]), max([3, null, -1, Number.NaN, 2])]).toEqual([-1, 3]);
  });
  test('min/max(values) are undefined when empty', () => {
    expect([min([]), max([null])]).toEqual([undefined, undefined]);
  });
  test('min/max(values, accessor)', () => {
    const rows = [{ t: 5 }, { t: 1 }, { t: 9 }];
    expect([min(rows, (r) => r.t), max(rows, (r) => r.t)]).toEqual([1, 9]);
  });
});

describe('quantile (type 7)', () => {
  test('quantile(values, p) matches R type 7 on hand-computed cases', () => {
    // R: quantile(c(1, 2, 3, 4), c(0, .25, .5, .75, 1)) → 1, 1.75, 2.5, 3.25, 4
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantile([4, 1, 3, 2], p))).toEqual([1, 1.75, 2.5, 3.25, 4]);
    // R: quantile(c(10, 20, 30, 40, 50), 0.9) → 46
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBeCloseTo(46, 12);
  });
  test('quantile(values, p) skips missing values and is undefined when empty', () => {
    expect([quantile([null, 3, Number.NaN, 1], 0.5), quantile([], 0.5)]).toEqual([2, undefined]);
  });
  test('quantile(values, p) does not reorder its input', () => {
    const xs = [3, 1, 2];
    quantile(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });
  test('quantile(values, p) rejects p outside [0, 1], naming it', () => {
    expect(message(() => quantile([1], 1.5))).toBe(
      'ParameterError: quantile(p): expected a probability in [0, 1], got 1.5',
    );
  });
  prop([finiteDoubles, fc.double({ min: 0, max: 1, noNaN: true })], { seed: 103, numRuns: 300 })(
    'quantile(values, p) equals simple-statistics quantile (type 7) and lies between the bracketing order statistics',
    (xs, p) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const q = quantile(xs, p)!;
      expect(q).toBe(ss.quantileSorted(sorted, p));
      const h = p * (xs.length - 1);
      expect(q).toBeGreaterThanOrEqual(sorted[Math.floor(h)]!);
      expect(q).toBeLessThanOrEqual(sorted[Math.ceil(h)]!);
    },
  );
});

describe('timeWeightedMean', () => {
  test('timeWeightedMean(times, levels, end) of a hand-computed step function', () => {
    // 0 on [0,2), 3 on [2,5), 1 on [5,10): area 0 + 9 + 5 = 14 over 10
    expect(timeWeightedMean([0, 2, 5], [0, 3, 1], 10)).toBeCloseTo(1.4, 15);
    // window not starting at 0: 2 on [10, 14), 6 on [14, 16) → (8 + 12) / 6
    expect(timeWeightedMean([10, 14], [2, 6], 16)).toBeCloseTo(20 / 6, 15);
  });
  test('timeWeightedMean gives zero weight to same-time changes', () => {
    expect(timeWeightedMean([0, 5, 5], [1, 100, 3], 10)).toBe(2);
  });
  test('timeWeightedMean is undefined for no points or a zero-length window', () => {
    expect([timeWeightedMean([], [], 5), timeWeightedMean([3], [7], 3)]).toEqual([undefined, undefined]);
  });
  test('timeWeightedMean names the bad index and value', () => {
    expect(message(() => timeWeightedMean([0, 5, 4], [1, 2, 3], 10))).toBe(
      'ParameterError: times[2]: expected a time ≥ times[1] = 5, got 4',
    );
    expect(message(() => timeWeightedMean([0, 5], [1, 2], 4))).toBe(
      'ParameterError: end: expected a time ≥ the last change time 5, got 4',
    );
    expect(message(() => timeWeightedMean([0, 1], [1, Number.NaN], 4))).toBe(
      'ParameterError: levels[1]: expected a finite number, got NaN',
    );
    expect(message(() => timeWeightedMean([0, 1], [1], 4))).toBe(
      'ParameterError: levels: expected an array of the same length as times (2), got 1',
    );
  });
});

/**
 * Student's t quantile and CDF: published table values, closed forms (ν = 1, 2, 4), the normal limit,
 * round trips and symmetry; and the confidence interval built on them.
 */
import { describe, expect, test } from 'vitest';
import { confidenceInterval, studentTCdf, studentTQuantile } from '../../src/stats/index.js';
import { fc, message, prop, uniform } from './helpers.js';

/** |a − b| ≤ rel·|b|. */
function expectRel(a: number, b: number, rel: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));
}

describe('studentTQuantile', () => {
  test('matches printed t tables (3 decimals)', () => {
    const table: [number, number, number][] = [
      [0.975, 1, 12.706],
      [0.975, 9, 2.262],
      [0.975, 29, 2.045],
      [0.95, 4, 2.132],
      [0.995, 5, 4.032],
      [0.99, 20, 2.528],
      [0.9, 60, 1.296],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
  });

  test('tends to the normal quantile 1.959963984540054 as df grows', () => {
    const z = 1.959963984540054;
    expect(studentTQuantile(0.975, 1e12)).toBeCloseTo(z, 10);
    // A&S 26.7.5 to second order: t = z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²) + O(ν⁻³)
    const expansion = (nu: number) =>
      z + (z ** 3 + z) / (4 * nu) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * nu ** 2);
    expectRel(studentTQuantile(0.975, 1e6), expansion(1e6), 1e-14);
    expectRel(studentTQuantile(0.975, 1e4), expansion(1e4), 1e-11);
  });

  test('the incomplete-beta path (ν < 2e4) and the expansion path (ν ≥ 2e4) agree at the switch', () => {
    for (const p of [0.6, 0.975, 0.999999]) {
      const below = studentTQuantile(p, 2e4 - 1e-6);
      const at = studentTQuantile(p, 2e4);
      expectRel(below, at, 1e-12);
    }
  });

  prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })], { seed: 201, numRuns: 300 })(
    'equals the closed forms for ν = 1 (Cauchy), 2 and 4',
    (p) => {
      if (p === 0.5) return;
      // ν = 1: t = tan(π(p − ½)) = −cot(πp), the cot form keeping precision for tiny p
      const cauchy = p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
      expectRel(studentTQuantile(p, 1), cauchy, 1e-12);
      if (p > 0.01 && p < 0.99) expectRel(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-12);
      // ν = 2: t = (2p − 1)/√(2p(1 − p))
      expectRel(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-12);
      // ν = 4: with a = 4p(1 − p) and q = cos(arccos(√a)/3)/√a, t = sign(p − ½)·2√(q − 1)
      const a = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a);
      const t4 = Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1);
      // The closed form itself loses digits near p = ½ (q − 1 cancels), so compare in absolute terms there.
      expect(Math.abs(studentTQuantile(p, 4) - t4)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(t4)));
    },
  );

  prop(
    // df ≥ 0.5: for smaller df the 1e-15 quantile (≈ p^(−1/ν)) overflows double range.
    [fc.double({ min: 1e-15, max: 0.5, noNaN: true }), fc.double({ min: 0.5, max: 1e6, noNaN: true })],
    { seed: 202, numRuns: 300 },
  )('inverts the CDF (relative error in the tail probability) and is antisymmetric', (p, df) => {
    const t = studentTQuantile(p, df);
    expectRel(studentTCdf(t, df), p, 1e-9);
    // 1 − p rounds for tiny p, so the mirror image is compared through the CDF, not the quantile.
    expectRel(studentTCdf(-studentTQuantile(1 - p, df), df), 1 - (1 - p), 1e-9);
    expect(t).toBeLessThanOrEqual(0);
  });

  prop([fc.double({ min: 0.5, max: 0.999999, noNaN: true }), fc.double({ min: 1, max: 1e4, noNaN: true })], {
    seed: 203,
    numRuns: 200,
  })('decreases in df toward the normal quantile', (p, df) => {
    expect(studentTQuantile(p, df)).toBeGreaterThanOrEqual(studentTQuantile(p, df * 2) - 1e-12);
  });

  test('fractional and small df (Welch degrees of freedom)', () => {
    for (const [p, df] of [
      [0.975, 0.05],
      [0.9, 0.3],
      [0.975, 3.7],
    ] as const)
      expectRel(studentTCdf(studentTQuantile(p, df), df), p, 1e-12);
  });

  test('returns 0 at p = ½ and handles extreme tails', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    const t = studentTQuantile(1e-100, 3);
    expectRel(studentTCdf(t, 3), 1e-100, 1e-9);
  });

  test('rejects bad p and df, naming them', () => {
    expect(message(() => studentTQuantile(1, 5))).toBe(
      'ParameterError: studentTQuantile(p): expected a probability strictly between 0 and 1, got 1',
    );
    expect(message(() => studentTQuantile(0.9, 0))).toBe(
      'ParameterError: studentTQuantile(df): expected a finite number > 0 (degrees of freedom), got 0',
    );
    expect(message(() => studentTCdf(Number.NaN, 3))).toBe(
      'ParameterError: studentTCdf(t): expected a number, got NaN',
    );
  });
});

describe('studentTCdf', () => {
  test('known values', () => {
    expect(studentTCdf(0, 3)).toBe(0.5);
    // ν = 1: F(1) = 3/4; ν = 2: F(t) = ½ + t/(2√(2 + t²))
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14);
    expect(studentTCdf(2, 2)).toBeCloseTo(0.5 + 2 / (2 * Math.sqrt(6)), 14);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 4)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 4)).toBe(0);
  });
  test('keeps relative precision far in the lower tail (ν = 1: F(−t) = atan(1/t)/π)', () => {
    expectRel(studentTCdf(-1e8, 1), Math.atan(1e-8) / Math.PI, 1e-10);
  });
  test('ν = 3 far tail: F(−t) = (atan y − y/(1 + y²))/π with y = √3/t ≈ (2y³/3 − 4y⁵/5)/π', () => {
    const y = Math.sqrt(3) / 1e6;
    expectRel(studentTCdf(-1e6, 3), ((2 / 3) * y ** 3 - (4 / 5) * y ** 5) / Math.PI, 1e-12);
    // and at moderate t, where the closed form has no cancellation
    const x = 2 / Math.sqrt(3);
    expectRel(studentTCdf(2, 3), 0.5 + (Math.atan(x) + x / (1 + x * x)) / Math.PI, 1e-14);
  });
});

describe('confidenceInterval', () => {
  test('hand-computed 95% interval of five values', () => {
    const ci = confidenceInterval([10, 12, 11, 13, 9], 0.95);
    const sdev = Math.sqrt(2.5);
    const half = (studentTQuantile(0.975, 4) * sdev) / Math.sqrt(5);
    expect(ci.mean).toBe(11);
    expect(ci.n).toBe(5);
    expect(ci.level).toBe(0.95);
    expect(ci.sd).toBeCloseTo(sdev, 14);
    expect(ci.halfWidth).toBeCloseTo(half, 14);
    expect(ci.halfWidth).toBeCloseTo((2.776445105 * sdev) / Math.sqrt(5), 8);
    expect([ci.lower, ci.upper]).toEqual([11 - ci.halfWidth, 11 + ci.halfWidth]);
  });
  test('default level is 0.95; accessor and missing values work', () => {
    const ci = confidenceInterval([{ m: 1 }, { m: null }, { m: 3 }], 0.9, (d) => d.m);
    expect([ci.n, ci.mean]).toEqual([2, 2]);
    expect(confidenceInterval([1, 3]).level).toBe(0.95);
  });
  test('the result is plain JSON', () => {
    const ci = confidenceInterval([1, 2, 4]);
    expect(JSON.parse(JSON.stringify(ci))).toEqual(ci);
  });
  test('rejects fewer than two values and bad levels, naming them', () => {
    expect(message(() => confidenceInterval([1, null]))).toBe(
      'ParameterError: confidenceInterval(values): expected at least 2 valid values (replications), got 1',
    );
    expect(message(() => confidenceInterval([1, 2], 95))).toBe(
      'ParameterError: confidenceInterval(level): expected a number strictly between 0 and 1, got 95',
    );
  });
  test('covers the true mean about 95% of the time (2000 seeded normal samples of n = 5)', () => {
    const u = uniform('ci-coverage');
    const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    let covered = 0;
    const trials = 2000;
    for (let k = 0; k < trials; k++) {
      const ci = confidenceInterval(Array.from({ length: 5 }, () => 7 + 2 * normal()));
      if (ci.lower <= 7 && 7 <= ci.upper) covered++;
    }
    // Binomial(2000, 0.95): sd = √(2000·0.95·0.05) ≈ 9.7; accept ±4 sd.
    expect(Math.abs(covered - 1900)).toBeLessThanOrEqual(4 * Math.sqrt(trials * 0.95 * 0.05));
  });
});

/**
 * The quantile sketch's bucket index (src/stats/logLike.ts): the cubic log-like map against log₂ and
 * against its stated slope bounds (which carry the sketch's accuracy guarantee), its inverse, and —
 * through the sketch's public API — that every value's bucket reports a representative within α,
 * with no call to the engine's approximated functions.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { LOG_LIKE_MIN_SLOPE, logLike, logLikeInverse } from '../../src/stats/logLike.js';
import { QuantileSketch } from '../../src/stats/quantileSketch.js';
import { fc, prop, uniform } from './helpers.js';

const MIN_NORMAL = 2.2250738585072014e-308;

describe('logLike: the map', () => {
  test('is log₂ at every power of two, including subnormal ones', () => {
    for (let e = -1074; e <= 1023; e++) expect(logLike(2 ** e)).toBe(e);
  });

  test('stays within 0.0015 of log₂ and is non-decreasing (1e5 seeded arguments, sorted)', () => {
    const u = uniform('logLike');
    let prev = logLike(MIN_NORMAL);
    const xs = Array.from({ length: 100_000 }, () => Math.exp((u() - 0.5) * 1400)).sort((a, b) => a - b);
    for (const x of xs) {
      const l = logLike(x);
      // max |P(s) − log₂(1 + s)| = 0.00146 (near s = 0.32)
      expect(Math.abs(l - Math.log2(x))).toBeLessThan(0.0015);
      expect(l).toBeGreaterThanOrEqual(prev);
      prev = l;
    }
  });

  test('its slope dℓ/d ln x lies in [10/7, 52/35], reaching both ends (the bucket-width bounds)', () => {
    // finite differences over one octave: the slope is the same in every octave (ℓ(2x) = ℓ(x) + 1)
    const h = 1e-6;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k <= 100_000; k++) {
      const x = 1 + k / 100_001;
      const slope = (logLike(x * (1 + h)) - logLike(x)) / Math.log1p(h);
      lo = Math.min(lo, slope);
      hi = Math.max(hi, slope);
    }
    expect(LOG_LIKE_MIN_SLOPE).toBe(10 / 7);
    expect(lo).toBeGreaterThan(10 / 7 - 1e-6);
    expect(lo).toBeLessThan(10 / 7 + 1e-6);
    expect(hi).toBeLessThan(52 / 35 + 1e-6);
    expect(hi).toBeGreaterThan(52 / 35 - 1e-5);
  });
});

describe('logLike: the inverse', () => {
  // Up to 2¹⁰²³: above it ℓ(x) may round to 1024, whose inverse is ∞.
  prop([fc.double({ min: MIN_NORMAL, max: 2 ** 1023, noNaN: true })], { seed: 501, numRuns: 2000 })(
    'inverts the map to within rounding',
    (x) => {
      // ℓ(x) has absolute rounding error ≈ |ℓ|·2⁻⁵², so the round trip is relative ≈ |ℓ|·ln 2·2⁻⁵²
      const back = logLikeInverse(logLike(x));
      expect(Math.abs(back - x) / x).toBeLessThanOrEqual((Math.abs(logLike(x)) + 2) * 4e-16);
    },
  );

  prop([fc.double({ min: -1022, max: 1023.999, noNaN: true })], { seed: 502, numRuns: 2000 })(
    'solves the cubic: ℓ(ℓ⁻¹(t)) = t to within rounding',
    (t) => {
      expect(Math.abs(logLike(logLikeInverse(t)) - t)).toBeLessThanOrEqual((Math.abs(t) + 2) * 2.3e-16);
    },
  );

  test('returns 0 below the doubles and ∞ above them', () => {
    expect([logLikeInverse(-1080), logLikeInverse(-1074), logLikeInverse(1024)]).toEqual([
      0,
      5e-324,
      Infinity,
    ]);
  });

  prop([fc.integer({ min: -40_000, max: 40_000 }), fc.constantFrom(0.0001, 0.001, 0.01, 0.05, 0.3)], {
    seed: 503,
    numRuns: 2000,
  })('buckets of the multiplier 1/(C·ln γ) span a ratio in [γ^(25/26), γ]', (i, alpha) => {
    const gamma = (1 + alpha) / (1 - alpha);
    const m = 1 / (LOG_LIKE_MIN_SLOPE * Math.log(gamma));
    const lower = logLikeInverse((i - 1) / m);
    const upper = logLikeInverse(i / m);
    if (!(lower > MIN_NORMAL && upper < Number.MAX_VALUE)) return;
    const lnRatio = Math.log(upper / lower);
    const slack = 1e-12;
    expect(lnRatio).toBeLessThanOrEqual(Math.log(gamma) * (1 + 1e-9) + slack);
    expect(lnRatio).toBeGreaterThanOrEqual((25 / 26) * Math.log(gamma) * (1 - 1e-9) - slack);
  });
});

describe('QuantileSketch: every value is reported within α', () => {
  /**
   * What the sketch reports for x: rank 1 of {0, x, x·(1 + 8α)}, x's bucket (not an extreme, so not
   * exact; for α < 0.75 the third value lies beyond x's bucket, which spans at most γ, and above its
   * representative, so the clamp to [min, max] does not hide an error).
   */
  function reported(x: number, alpha: number): number {
    const s = new QuantileSketch({ relativeAccuracy: alpha });
    for (const v of [0, x, x * (1 + 8 * alpha)]) s.add(v);
    const t = new QuantileSketch({ relativeAccuracy: alpha });
    for (const v of [0, -x, -x * (1 + 8 * alpha)]) t.add(v);
    expect(t.valueAtRank(1)).toBe(-s.valueAtRank(1)!);
    return s.valueAtRank(1)!;
  }

  prop(
    [
      fc.double({ min: MIN_NORMAL, max: Number.MAX_VALUE / 5, noNaN: true }),
      fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
    ],
    { seed: 504, numRuns: 5000 },
  )(
    'the representative of a value’s bucket is within α of it (normal doubles, α in [1e-6, 0.5])',
    (x, alpha) => {
      const v = reported(x, alpha);
      // rounding in ℓ·M and in the inverse: below 1e-12 relative, far below any α in use
      expect(Math.abs(v - x)).toBeLessThanOrEqual((alpha + 1e-12) * x);
    },
  );

  test('the same near 1, where the index changes sign, and across one octave in fine steps', () => {
    for (const alpha of [0.001, 0.01, 0.1]) {
      for (let k = -3000; k <= 3000; k++) {
        const x = 2 ** (k / 2000);
        expect(Math.abs(reported(x, alpha) - x)).toBeLessThanOrEqual((alpha + 1e-12) * x);
      }
    }
  });

  test('subnormals and the largest doubles give finite values inside [min, max]', () => {
    const s = new QuantileSketch({ relativeAccuracy: 0.01, maxBuckets: 1 << 17 });
    const xs = [5e-324, 1e-320, 3e-310, 1, Number.MAX_VALUE / 3, Number.MAX_VALUE];
    for (const x of xs) s.add(x);
    for (let k = 0; k < xs.length; k++) {
      const v = s.valueAtRank(k)!;
      expect(Number.isFinite(v) && v >= 5e-324 && v <= Number.MAX_VALUE).toBe(true);
    }
    expect(Math.abs(s.valueAtRank(4)! / (Number.MAX_VALUE / 3) - 1)).toBeLessThanOrEqual(0.01 + 1e-12);
  });
});

describe('QuantileSketch: no engine-approximated functions', () => {
  afterEach(() => vi.restoreAllMocks());

  test('adding, merging and querying call none of Math.log, exp, pow, cbrt …', () => {
    const spies = (['log', 'log1p', 'log2', 'exp', 'expm1', 'pow', 'cbrt'] as const).map((f) =>
      vi.spyOn(Math, f),
    );
    const u = uniform('no-math');
    const a = new QuantileSketch();
    const b = new QuantileSketch();
    for (let i = 0; i < 10_000; i++) (i % 2 ? a : b).add((u() - 0.3) * 10 ** (u() * 12 - 4));
    a.merge(b);
    for (let k = 0; k <= 100; k++) a.quantile(k / 100);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

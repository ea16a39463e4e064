/**
 * Tally and its quantile sketch: hand-computed values, Welford at large offsets, properties against
 * two-pass and exact references (mean/variance, merge = tally of the concatenation, the sketch's
 * stated relative-error bound), bounded memory, and bad input.
 */
import { describe, expect, test } from 'vitest';
import { QuantileSketch, quantile, Tally } from '../../src/stats/index.js';
import { bracket, EPS, exponentials, fc, message, prop, twoPass, uniform } from './helpers.js';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 300 });

/** Fill a tally. */
function tally(xs: readonly number[], options: ConstructorParameters<typeof Tally>[1] = {}): Tally {
  const t = new Tally('x', options);
  for (const x of xs) t.observe(x);
  return t;
}

/** Assert the sketch's stated bound: v within α of the bracketing exact order statistics. */
function expectWithinBound(v: number, sorted: ArrayLike<number>, p: number, alpha: number): void {
  const { lo, hi } = bracket(sorted, p);
  // slack for rounding in the bucket index M·ℓ(x) (which can put x within ~1000ε of a bucket edge on
  // the wrong side) and in the bucket's bounds: 1e-12 relative, far below any α in use
  const a = alpha + 1e-12;
  // written as products so that the bound itself does not underflow into subnormals
  expect(v).toBeGreaterThanOrEqual(lo >= 0 ? lo * (1 - a) : lo * (1 + a));
  expect(v).toBeLessThanOrEqual(hi >= 0 ? hi * (1 + a) : hi * (1 - a));
}

describe('Tally: exact statistics', () => {
  test('hand-computed count, sum, mean, variance, sd, min, max', () => {
    const t = tally([2, 4, 4, 4, 5, 5, 7, 9]);
    expect([t.count, t.sum, t.mean, t.min, t.max]).toEqual([8, 40, 5, 2, 9]);
    expect(t.variance).toBeCloseTo(32 / 7, 14);
    expect(t.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  test('an empty tally has count 0, sum 0 and undefined statistics; one value has no variance', () => {
    const t = new Tally('empty');
    expect([t.count, t.sum, t.mean, t.variance, t.min, t.max, t.quantile(0.5)]).toEqual([
      0,
      0,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    t.observe(3);
    expect([t.mean, t.variance, t.sd]).toEqual([3, undefined, undefined]);
  });

  test('Welford keeps the variance at an offset of 1e9 where Σx² − n·x̄² does not', () => {
    const xs = [4, 7, 13, 16].map((x) => 1e9 + x);
    let s = 0;
    let s2 = 0;
    for (const x of xs) {
      s += x;
      s2 += x * x;
    }
    const naive = (s2 - (s * s) / 4) / 3;
    expect(Math.abs(naive - 30)).toBeGreaterThan(1);
    const t = tally(xs);
    expect(t.variance).toBe(30);
    expect(t.mean).toBe(1e9 + 10);
  });

  test('the sum is compensated', () => {
    expect(tally([1e16, 1, -1e16]).sum).toBe(1);
  });

  prop([values], { seed: 301, numRuns: 300 })('mean and variance equal the two-pass values', (xs) => {
    const t = tally(xs);
    if (xs.length === 0) return;
    const ref = twoPass(xs);
    const scale = Math.max(...xs.map(Math.abs));
    expect(Math.abs(t.mean! - ref.mean)).toBeLessThanOrEqual(4 * xs.length * EPS * scale + 1e-300);
    if (xs.length < 2) return;
    const s = Math.sqrt(ref.variance);
    expect(Math.abs(t.variance! - ref.variance)).toBeLessThanOrEqual(
      8 * xs.length * EPS * s * (scale + s) + 1e-300,
    );
    expect([t.min, t.max]).toEqual([Math.min(...xs), Math.max(...xs)]);
  });

  prop([values, values], { seed: 302, numRuns: 300 })(
    'merge(a, b) equals the tally of the concatenation',
    (a, b) => {
      const merged = tally(a).merge(tally(b));
      const whole = tally([...a, ...b]);
      expect(merged.count).toBe(whole.count);
      if (whole.count === 0) return;
      const xs = [...a, ...b];
      const scale = Math.max(...xs.map(Math.abs));
      const s = whole.count > 1 ? whole.sd! : 0;
      expect(Math.abs(merged.mean! - whole.mean!)).toBeLessThanOrEqual(8 * xs.length * EPS * scale + 1e-300);
      if (whole.count > 1)
        expect(Math.abs(merged.variance! - whole.variance!)).toBeLessThanOrEqual(
          16 * xs.length * EPS * s * (scale + s) + 1e-300,
        );
      expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
      expect(Math.abs(merged.sum - whole.sum)).toBeLessThanOrEqual(
        4 * EPS * xs.reduce((q, x) => q + Math.abs(x), 0),
      );
      // the merged sketch is the sketch of the union: same bucket counts, hence the same quantiles
      for (const p of [0, 0.1, 0.5, 0.9, 1]) expect(merged.quantile(p)).toBe(whole.quantile(p));
    },
  );

  prop(
    [
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 60 }),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 60 }),
      fc.constantFrom(16, 24, 64, 2048),
    ],
    { seed: 303, numRuns: 300 },
  )(
    'a merged sketch has the buckets of the union, also when few buckets force collapsing',
    (a, b, maxBuckets) => {
      const sketch = (xs: readonly number[]) => {
        const s = new QuantileSketch({ maxBuckets });
        for (const x of xs) s.add(x);
        return s;
      };
      const merged = sketch(a).merge(sketch(b));
      const whole = sketch([...a, ...b]);
      expect(merged.total).toBe(a.length + b.length);
      expect(whole.total).toBe(a.length + b.length);
      expect(merged.collapsed).toBe(whole.collapsed);
      for (let k = 0; k < whole.total; k++) expect(merged.valueAtRank(k)).toBe(whole.valueAtRank(k));
    },
  );

  test('merge with kept traces concatenates them; with one untraced side, stops keeping', () => {
    const a = tally([3, 1], { keep: true });
    const b = tally([2], { keep: true });
    expect(a.merge(b).values()).toEqual([3, 1, 2]);
    expect(a.quantile(0.5)).toBe(2);
    const c = tally([5], { keep: true }).merge(tally([6]));
    expect([c.keeps, c.values(), c.summary().quantileMethod]).toEqual([false, undefined, 'sketch']);
  });

  test('merging a tally into itself doubles its observations', () => {
    const t = tally([1, 2, 3], { keep: true });
    t.merge(t);
    expect([t.count, t.sum, t.values()]).toEqual([6, 12, [1, 2, 3, 1, 2, 3]]);
    expect(t.variance).toBeCloseTo(tally([1, 2, 3, 1, 2, 3]).variance!, 14);
  });
});

describe('Tally: quantiles', () => {
  test('keep: true gives exact type-7 quantiles', () => {
    const xs = exponentials('keep', 1001, 30);
    const t = tally(xs, { keep: true });
    for (const p of [0, 0.05, 0.5, 0.9, 0.99, 1]) expect(t.quantile(p)).toBe(quantile(xs, p));
    const s = t.summary();
    expect([s.p50, s.p99, s.quantileMethod, s.quantileRelativeError]).toEqual([
      quantile(xs, 0.5),
      quantile(xs, 0.99),
      'exact',
      0,
    ]);
  });

  prop(
    [
      fc.array(
        // the bound is stated for normal doubles (subnormals are more than α apart from each other)
        fc
          .double({ min: -1e9, max: 1e9, noNaN: true })
          .map((x) => (Math.abs(x) < 2.2250738585072014e-308 ? 0 : x)),
        { minLength: 1, maxLength: 400 },
      ),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(0.001, 0.01, 0.05),
    ],
    { seed: 303, numRuns: 400 },
  )('sketch quantiles are within the stated relative error of the exact order statistics', (xs, p, alpha) => {
    // The bound holds while the values' range fits in maxBuckets (see the collapse test below); these
    // values span up to 1e9/1e-308, so allow enough buckets and check that nothing was collapsed.
    const t = tally(xs, { relativeAccuracy: alpha, maxBuckets: 1 << 20 });
    expect(t.summary().quantileRelativeError).toBe(alpha);
    const sorted = Float64Array.from(xs).sort();
    expectWithinBound(t.quantile(p)!, sorted, p, alpha);
  });

  test('the bound holds on 1e5 seeded lognormal-like waits at every percentile', () => {
    const u = uniform('waits');
    const xs = Array.from({ length: 100_000 }, () =>
      Math.exp(3 + 1.5 * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())),
    );
    xs.push(0, 0, 0); // served at once
    const t = tally(xs);
    const sorted = Float64Array.from(xs).sort();
    for (let k = 0; k <= 100; k++) expectWithinBound(t.quantile(k / 100)!, sorted, k / 100, 0.01);
    expect([t.quantile(0), t.quantile(1)]).toEqual([0, sorted[sorted.length - 1]]);
  });

  test('the summary reports sketch percentiles and their error bound', () => {
    const s = tally([1, 2, 3, 4, 5]).summary();
    expect([s.quantileMethod, s.quantileRelativeError]).toEqual(['sketch', 0.01]);
    expect(Math.abs(s.p50! - 3)).toBeLessThanOrEqual(0.03 * (1 + 1e-9));
  });
});

describe('Tally: memory', () => {
  test('1e6 observations keep no per-observation storage', () => {
    const t = new Tally('wait');
    const u = uniform('memory');
    for (let i = 0; i < 1_000_000; i++) t.observe(-600 * Math.log(1 - u()));
    expect(t.count).toBe(1_000_000);
    const fp = t.footprint();
    expect(fp.traceSlots).toBe(0);
    // The sketch needs about one bucket per factor γ = 1.01/0.99 of the observed range, ln(max/min)/ln γ
    // (at most 26/25 of that) — about 900 for these waits (≈1e-4 s … 1e4 s) — and allocates at most
    // four times what it needs (it doubles its array before the span fills it), independent of the count.
    const span = Math.ceil(Math.log(t.max! / t.min!) / Math.log(1.01 / 0.99)) + 1;
    expect(span).toBeLessThan(1500);
    expect(fp.sketchBuckets).toBeLessThanOrEqual(4 * span);
    // and no array-like anywhere in the object graph is longer than that
    expect(largestArray(t)).toBeLessThanOrEqual(4 * span);
  });

  test('keep: true is the only way to store observations', () => {
    const t = tally(exponentials('keep-mem', 5000), { keep: true });
    expect(t.footprint().traceSlots).toBeGreaterThanOrEqual(5000);
  });

  test('a sketch never allocates more than maxBuckets per sign, even over 600 orders of magnitude', () => {
    const s = new QuantileSketch({ relativeAccuracy: 0.01, maxBuckets: 64 });
    for (let e = -300; e <= 300; e++) s.add(10 ** e);
    s.add(2e300);
    s.add(3e300);
    expect(s.allocatedBuckets).toBeLessThanOrEqual(64);
    expect(s.collapsed).toBe(true);
    // 64 buckets cover a factor of at least γ^(25/26 · 64) ≈ 3.4 below the maximum: values there keep
    // their accuracy
    expect(Math.abs(s.valueAtRank(600)! - 1e300) / 1e300).toBeLessThanOrEqual(0.01 * (1 + 1e-9));
    expect(Math.abs(s.valueAtRank(601)! - 2e300) / 2e300).toBeLessThanOrEqual(0.01 * (1 + 1e-9));
    // smaller values are folded into the lowest kept bucket (reported, not silent)
    expect(s.valueAtRank(300)!).toBeGreaterThan(1e299);
  });
});

describe('QuantileSketch: bucket cap (collapse)', () => {
  prop(
    [
      fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { maxLength: 100 }),
      fc.integer({ min: 16, max: 80 }),
    ],
    { seed: 304, numRuns: 300 },
  )(
    'with few buckets: no weight is lost, memory stays capped, and values near the top keep accuracy α',
    (xs, ys, maxBuckets) => {
      const alpha = 0.01;
      const gamma = (1 + alpha) / (1 - alpha);
      const a = new QuantileSketch({ relativeAccuracy: alpha, maxBuckets });
      for (const x of xs) a.add(x);
      const b = new QuantileSketch({ relativeAccuracy: alpha, maxBuckets });
      for (const y of ys) b.add(y);
      a.merge(b);
      const all = Float64Array.from([...xs, ...ys]).sort();
      const n = all.length;
      expect(a.total).toBe(n);
      expect(a.allocatedBuckets).toBeLessThanOrEqual(maxBuckets);
      const top = all[n - 1]!;
      // maxBuckets buckets cover a ratio of at least γ^(25/26 · maxBuckets) (the narrowest bucket spans
      // γ^(25/26)): every value within γ^(25/26 · (maxBuckets − 2)) of the maximum is in a bucket of its own
      const safe = top / gamma ** ((25 / 26) * (maxBuckets - 2));
      for (let k = 0; k < n; k++) {
        const v = a.valueAtRank(k)!;
        if (all[k]! >= safe) expect(Math.abs(v - all[k]!)).toBeLessThanOrEqual((alpha + 1e-12) * all[k]!);
        // and every estimate stays inside [min, max] and is monotone in the rank
        expect(v).toBeGreaterThanOrEqual(all[0]!);
        expect(v).toBeLessThanOrEqual(top);
        if (k > 0) expect(v).toBeGreaterThanOrEqual(a.valueAtRank(k - 1)!);
      }
      // buckets are merged only when the values really span more than maxBuckets buckets
      if (Math.log(top / all[0]!) / Math.log(gamma) < (25 / 26) * (maxBuckets - 2))
        expect(a.collapsed).toBe(false);
    },
  );
});

/** Length of the longest array or typed array reachable from `root` (depth-limited walk). */
function largestArray(root: unknown, depth = 4, seen = new Set<unknown>()): number {
  if (typeof root !== 'object' || root === null || seen.has(root) || depth < 0) return 0;
  seen.add(root);
  if (ArrayBuffer.isView(root)) return (root as unknown as ArrayLike<number>).length;
  let best = Array.isArray(root) ? root.length : 0;
  for (const v of Object.values(root)) best = Math.max(best, largestArray(v, depth - 1, seen));
  return best;
}

describe('Tally: reset, summary and errors', () => {
  test('reset(time) forgets observations and records the window start', () => {
    const t = tally([100, 200], { keep: true });
    t.reset(3600);
    t.observe(5);
    const s = t.summary();
    expect([s.since, s.count, s.mean, s.min, t.values()]).toEqual([3600, 1, 5, 5, [5]]);
  });

  test('summary() is plain JSON with every field present', () => {
    const empty = new Tally('w').summary();
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
    expect(empty).toEqual({
      kind: 'tally',
      name: 'w',
      since: 0,
      count: 0,
      sum: 0,
      mean: null,
      variance: null,
      sd: null,
      min: null,
      max: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      quantileMethod: 'sketch',
      quantileRelativeError: 0.01,
    });
    const full = tally([1, 2, 3]).summary();
    expect(JSON.parse(JSON.stringify(full))).toEqual(full);
  });

  test('bad input throws naming the monitor, the parameter and the value', () => {
    const t = new Tally('wait');
    expect(message(() => t.observe(Number.NaN))).toBe(
      'ParameterError: wait.observe(x): expected a finite number, got NaN',
    );
    expect(message(() => t.observe(Number.POSITIVE_INFINITY))).toBe(
      'ParameterError: wait.observe(x): expected a finite number, got Infinity',
    );
    expect(message(() => t.quantile(-0.1))).toBe(
      'ParameterError: wait.quantile(p): expected a probability in [0, 1], got -0.1',
    );
    expect(message(() => new Tally(''))).toBe(
      'ParameterError: Tally(name): expected a non-empty string, got ""',
    );
    expect(message(() => new Tally('w', { relativeAccuracy: 2 }))).toBe(
      'ParameterError: Tally("w").relativeAccuracy: expected a number strictly between 0 and 1, got 2',
    );
    expect(message(() => new Tally('w', { maxBuckets: 3 }))).toBe(
      'ParameterError: Tally("w").maxBuckets: expected an integer ≥ 16, got 3',
    );
    expect(message(() => tally([1]).merge(tally([2], { relativeAccuracy: 0.05 })))).toBe(
      'ParameterError: merge(other).relativeAccuracy: expected the same relative accuracy as this sketch (0.01), got 0.05',
    );
    // a failed observe leaves the tally unchanged
    expect(t.count).toBe(0);
  });
});

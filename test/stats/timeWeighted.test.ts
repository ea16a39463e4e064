/**
 * TimeWeighted: a hand-computed step function, properties against brute-force references
 * (integral = Σ level × duration, mean = timeWeightedMean of the trace, exact time-weighted
 * percentiles, sketch percentiles within α), warm-up reset, queries that never change the monitor,
 * and errors for time going back.
 */
import { describe, expect, test } from 'vitest';
import { TimeWeighted, timeWeightedMean } from '../../src/stats/index.js';
import { EPS, fc, message, prop } from './helpers.js';

/** A queue: 0 on [0,2), 3 on [2,5), 1 on [5,8), 4 on [8,9), 0 from 9 on; queried at 10. */
function queue(options: ConstructorParameters<typeof TimeWeighted>[1] = {}): TimeWeighted {
  const q = new TimeWeighted('queue', options);
  q.update(2, 3);
  q.update(5, 1);
  q.update(8, 4);
  q.update(9, 0);
  return q;
}

/** Brute-force inverse CDF of levels weighted by durations: smallest ℓ with F(ℓ) ≥ p. */
function weightedInverseCdf(levels: number[], durations: number[], p: number): number | undefined {
  const pairs = levels.map((l, i) => [l, durations[i]!] as const).filter(([, d]) => d > 0);
  if (pairs.length === 0) return undefined;
  pairs.sort((a, b) => a[0] - b[0]);
  const total = pairs.reduce((s, [, d]) => s + d, 0);
  let cum = 0;
  for (const [l, d] of pairs) {
    cum += d;
    if (cum >= p * total) return l;
  }
  return pairs[pairs.length - 1]![0];
}

describe('TimeWeighted: a hand-computed step function', () => {
  test('integral, mean, variance, min, max, time of max', () => {
    const q = queue();
    // area: 0·2 + 3·3 + 1·3 + 4·1 + 0·1 = 16 over 10
    expect(q.integral(10)).toBe(16);
    expect(q.mean(10)).toBeCloseTo(1.6, 14);
    // E[L²] = (9·3 + 1·3 + 16·1)/10 = 4.6 → variance 4.6 − 1.6² = 2.04
    expect(q.variance(10)).toBeCloseTo(2.04, 13);
    expect(q.sd(10)).toBeCloseTo(Math.sqrt(2.04), 13);
    expect([q.min, q.max, q.timeOfMax, q.level, q.time, q.start, q.duration(10)]).toEqual([
      0, 4, 8, 0, 9, 0, 10,
    ]);
  });

  test('time-weighted percentiles: time at each level is 0→3, 1→3, 3→3, 4→1 (of 10)', () => {
    const q = queue();
    // F(0) = .3, F(1) = .6, F(3) = .9, F(4) = 1
    expect([0, 0.3, 0.31, 0.6, 0.61, 0.9, 0.95, 1].map((p) => q.quantile(p, 10))).toEqual([
      0, 0, 1, 1, 3, 3, 4, 4,
    ]);
    const s = q.summary(10);
    expect([s.p50, s.p90, s.p95, s.p99, s.quantileMethod, s.quantileRelativeError]).toEqual([
      1,
      3,
      4,
      4,
      'exact',
      0,
    ]);
  });

  test('without `at`, queries end at the last update', () => {
    const q = queue();
    expect([q.integral(), q.duration(), q.mean()]).toEqual([16, 9, 16 / 9]);
  });

  test('add(time, delta) changes the level by delta', () => {
    const q = new TimeWeighted('q');
    q.add(1, +1);
    q.add(2, +1);
    q.add(4, -1);
    expect([q.level, q.integral(6)]).toEqual([1, 1 + 2 * 2 + 2]);
  });

  test('levels held for no time count for min/max but not for the mean or percentiles', () => {
    const q = new TimeWeighted('q', { level: 2 });
    q.update(5, 9);
    q.update(5, 1);
    expect([q.max, q.timeOfMax, q.min, q.mean(10), q.quantile(1, 10)]).toEqual([9, 5, 1, 1.5, 2]);
  });

  test('a window of zero length has no mean or percentiles, but a level, min and max', () => {
    const s = new TimeWeighted('q', { time: 3, level: 2 }).summary();
    expect([s.duration, s.mean, s.variance, s.p50, s.level, s.min, s.max, s.integral]).toEqual([
      0,
      null,
      null,
      null,
      2,
      2,
      2,
      0,
    ]);
  });

  test('stable at a large offset (stock ≈ 1e9)', () => {
    const q = new TimeWeighted('stock', { level: 1e9 });
    q.update(1, 1e9 + 2);
    q.update(2, 1e9 + 4);
    // levels 1e9 + {0, 2, 4} for 1 s each: mean 1e9 + 2, variance 8/3
    expect(q.mean(3)).toBe(1e9 + 2);
    expect(q.variance(3)).toBeCloseTo(8 / 3, 6);
  });
});

const steps = fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 30 })), {
  minLength: 0,
  maxLength: 60,
});

describe('TimeWeighted: properties', () => {
  prop([steps, fc.integer({ min: 0, max: 20 })], { seed: 401, numRuns: 300 })(
    'integer steps: integral, mean and exact percentiles equal the brute-force values',
    (changes, tail) => {
      const q = new TimeWeighted('q', { trace: true });
      const levels = [0];
      const durations: number[] = [];
      let t = 0;
      for (const [dt, level] of changes) {
        durations.push(dt);
        t += dt;
        q.update(t, level);
        levels.push(level);
      }
      durations.push(tail);
      const end = t + tail;
      const area = levels.reduce((s, l, i) => s + l * durations[i]!, 0);
      // integer arithmetic throughout: exact
      expect(q.integral(end)).toBe(area);
      if (end > 0) {
        expect(Math.abs(q.mean(end)! - area / end)).toBeLessThanOrEqual(8 * levels.length * EPS * 30);
        const trace = q.trace()!;
        expect(
          Math.abs(q.mean(end)! - timeWeightedMean(trace.times, trace.levels, end)!),
        ).toBeLessThanOrEqual(8 * levels.length * EPS * 30);
      }
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1])
        expect(q.quantile(p, end)).toBe(weightedInverseCdf(levels, durations, p));
    },
  );

  prop(
    [
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 100 }),
          // magnitudes below 1e-6 are mapped to 0, so the range (≤ 1e12) fits the default buckets
          fc
            .double({ min: -1e6, max: 1e6, noNaN: true })
            .map((x) => (Math.abs(x) < 1e-6 ? 0 : x)),
        ),
        { minLength: 1, maxLength: 60 },
      ),
      fc.constantFrom(0.01, 0.001),
    ],
    { seed: 402, numRuns: 300 },
  )(
    'real levels: integral equals Σ level × duration; sketch percentiles within α of the exact ones',
    (changes, alpha) => {
      // ln(1e12)/ln(γ) ≈ 13,800 buckets at α = 0.001: allow 2^14 so the sketch never collapses
      const q = new TimeWeighted('stock', { relativeAccuracy: alpha, maxBuckets: 1 << 14 });
      const levels = [0];
      const durations: number[] = [];
      let t = 0;
      let absArea = 0;
      for (const [dt, level] of changes) {
        durations.push(dt);
        t += dt;
        q.update(t, level);
        levels.push(level);
      }
      durations.push(1);
      const end = t + 1;
      let area = 0;
      levels.forEach((l, i) => {
        area += l * durations[i]!;
        absArea += Math.abs(l * durations[i]!);
      });
      expect(Math.abs(q.integral(end) - area)).toBeLessThanOrEqual(4 * levels.length * EPS * absArea);
      const fractional = levels.some((l, i) => durations[i]! > 0 && !Number.isInteger(l));
      const s = q.summary(end);
      if (fractional) expect([s.quantileMethod, s.quantileRelativeError]).toEqual(['sketch', alpha]);
      for (const p of [0, 0.2, 0.5, 0.8, 1]) {
        const exact = weightedInverseCdf(levels, durations, p)!;
        const v = q.quantile(p, end)!;
        const a = alpha + 1e-12;
        expect(v).toBeGreaterThanOrEqual(exact >= 0 ? exact * (1 - a) : exact * (1 + a));
        expect(v).toBeLessThanOrEqual(exact >= 0 ? exact * (1 + a) : exact * (1 - a));
      }
    },
  );

  prop([steps], { seed: 403, numRuns: 100 })(
    'queries at a later time do not change the monitor',
    (changes) => {
      const q = new TimeWeighted('q');
      let t = 0;
      for (const [dt, level] of changes) q.update((t += dt), level);
      const before = JSON.stringify(q.summary());
      q.summary(t + 7);
      q.quantile(0.5, t + 3);
      q.mean(t + 100);
      expect(JSON.stringify(q.summary())).toBe(before);
    },
  );
});

describe('TimeWeighted: reset, trace and switching to the sketch', () => {
  test('reset(time) keeps the level and starts a new window (warm-up deletion)', () => {
    const q = new TimeWeighted('queue', { trace: true });
    q.update(2, 3);
    q.update(5, 1);
    q.update(8, 4);
    q.reset(8.5); // level 4 at 8.5
    q.update(9, 0);
    expect([q.level, q.min, q.max, q.timeOfMax, q.start]).toEqual([0, 0, 4, 8.5, 8.5]);
    // 4 on [8.5, 9), 0 on [9, 10): area 2 over 1.5
    expect(q.integral(10)).toBe(2);
    expect(q.mean(10)).toBeCloseTo(2 / 1.5, 14);
    expect(q.trace()).toEqual({ times: [8.5, 9], levels: [4, 0] });
    expect(q.quantile(0.5, 10)).toBe(0);
  });

  test('the trace keeps every change, starting at the window start', () => {
    const q = queue({ trace: true, time: 0 });
    expect(q.trace()).toEqual({ times: [0, 2, 5, 8, 9], levels: [0, 3, 1, 4, 0] });
    expect(new TimeWeighted('untraced').trace()).toBeUndefined();
  });

  test('a fractional level moves the level table into the sketch, with the same statistics', () => {
    const q = queue();
    q.update(10, 2.5);
    const s = q.summary(12);
    expect([s.quantileMethod, s.quantileRelativeError]).toEqual(['sketch', 0.01]);
    // times: 0→3, 1→3, 3→3, 4→1, 2.5→2 (of 12); F(2.5) = 8/12
    expect(Math.abs(s.p50! - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(q.quantile(0.6, 12)! - 2.5)).toBeLessThanOrEqual(0.025);
    expect(s.integral).toBe(16 + 5);
  });

  test('levels above maxExactLevel also switch to the sketch', () => {
    const q = new TimeWeighted('q', { maxExactLevel: 10 });
    q.update(1, 11);
    expect(q.summary(2).quantileMethod).toBe('sketch');
    expect(q.exact).toBe(false);
  });

  test('memory: 1e5 updates of an integer queue keep only a table up to the highest level', () => {
    const q = new TimeWeighted('q');
    let level = 0;
    for (let i = 1; i <= 100_000; i++) {
      level = Math.max(0, level + ((i * 7919) % 3) - 1);
      if (level > 200) level = 0;
      q.update(i, level);
    }
    expect(q.exact).toBe(true);
    // the largest array-like held is the level table: a power of two just above the max level
    const sizes = Object.values(q)
      .filter(ArrayBuffer.isView)
      .map((a) => (a as unknown as ArrayLike<number>).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(512);
  });
});

describe('TimeWeighted: errors', () => {
  test('time going back names the monitor, the bad time and the last time', () => {
    const q = queue();
    expect(message(() => q.update(8, 1))).toBe(
      'ParameterError: queue.update(time): expected a finite time ≥ 9 (the last update; time cannot go back), got 8',
    );
    expect(message(() => q.mean(3))).toBe(
      'ParameterError: queue.mean(at): expected a finite time ≥ 9 (the last update; time cannot go back), got 3',
    );
    expect(message(() => q.reset(1))).toBe(
      'ParameterError: queue.reset(time): expected a finite time ≥ 9 (the last update; time cannot go back), got 1',
    );
    expect(message(() => q.update(Number.NaN, 1))).toContain('got NaN');
    // the failed updates changed nothing
    expect([q.level, q.time]).toEqual([0, 9]);
  });

  test('bad levels and options name the parameter', () => {
    const q = new TimeWeighted('busy');
    expect(message(() => q.update(1, Number.NaN))).toBe(
      'ParameterError: busy.update(level): expected a finite number, got NaN',
    );
    expect(message(() => new TimeWeighted('b', { maxExactLevel: -1 }))).toBe(
      'ParameterError: TimeWeighted("b").maxExactLevel: expected an integer ≥ 0, got -1',
    );
    expect(message(() => new TimeWeighted('b', { relativeAccuracy: 0 }))).toBe(
      'ParameterError: TimeWeighted("b").relativeAccuracy: expected a number strictly between 0 and 1, got 0',
    );
    expect(message(() => q.quantile(2))).toBe(
      'ParameterError: busy.quantile(p): expected a probability in [0, 1], got 2',
    );
  });

  test('summary() is plain JSON', () => {
    const s = queue().summary(10);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.kind).toBe('time-weighted');
  });
});

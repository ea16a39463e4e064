/**
 * Arrival processes: counts against the integrated rate (mean and Poisson dispersion over seeded
 * replications), gap and position distributions (KS, α = 1e-4), and the structural guarantees: exact
 * N, sorted, inside the window, lazy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  piecewisePoissonProcess,
  poissonProcess,
  thinnedPoissonProcess,
} from '../../src/random/arrivals/poisson.js';
import { fixedPopulation } from '../../src/random/arrivals/population.js';
import { type ArrivalProcess, countArrivals } from '../../src/random/arrivals/process.js';
import { batchArrivals, scheduledArrivals } from '../../src/random/arrivals/scheduled.js';
import type { Distribution } from '../../src/random/distribution.js';
import { triangular } from '../../src/random/distributions/basic.js';
import { pert } from '../../src/random/distributions/gamma.js';
import { RandomStreams } from '../../src/random/streams.js';
import { ksCritical, ksStatistic, Z } from './helpers.js';

const streams = new RandomStreams(413);

/** χ²(300) quantiles at 1e-4 and 1 − 1e-4 (scipy.stats.chi2.ppf). */
const R = 300;
const CHI2_LO = 217.3305993513762;
const CHI2_HI = 399.75593550052844;

/**
 * Over R seeded replications, the count in each interval must look Poisson with mean Λ (the
 * integrated rate): the average within Z·√(Λ/R), and the dispersion statistic Σ (c − Λ)²/Λ inside the
 * central 1 − 2e-4 of χ²(R).
 */
function expectPoissonCounts(process: ArrivalProcess, edges: number[], name: string): void {
  const expected = edges.slice(0, -1).map((a, i) => process.expectedCount!(a, edges[i + 1]!));
  const rng = streams.stream(name);
  const sums = new Array<number>(expected.length).fill(0);
  const dispersion = new Array<number>(expected.length).fill(0);
  for (let r = 0; r < R; r++) {
    const counts = countArrivals(process.times(rng), edges);
    counts.forEach((c, i) => {
      sums[i]! += c;
      if (expected[i]! > 0) dispersion[i]! += (c - expected[i]!) ** 2 / expected[i]!;
      else expect(c, `interval ${i} has rate 0`).toBe(0);
    });
  }
  expected.forEach((lambda, i) => {
    if (lambda === 0) return;
    const label = `[${edges[i]}, ${edges[i + 1]}) Λ=${lambda}`;
    expect(Math.abs(sums[i]! / R - lambda), `${label} mean`).toBeLessThan(Z * Math.sqrt(lambda / R));
    expect(dispersion[i], `${label} dispersion`).toBeGreaterThan(CHI2_LO);
    expect(dispersion[i], `${label} dispersion`).toBeLessThan(CHI2_HI);
  });
}

function collect(process: ArrivalProcess, name: string): number[] {
  return [...process.times(streams.stream(name))];
}

function expectSortedWithin(times: number[], lo: number, hi: number, closedRight: boolean): void {
  let bad = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!(t >= lo && (closedRight ? t <= hi : t < hi))) bad++;
    if (i > 0 && !(t >= times[i - 1]!)) bad++;
  }
  expect(bad).toBe(0);
}

describe('homogeneous Poisson process', () => {
  const p = poissonProcess({ rate: 0.5, start: 100, end: 700 });

  it('stays within [start, end) in increasing order', () => {
    expectSortedWithin(collect(p, 'hpp:order'), 100, 700, false);
  });

  it('counts are Poisson with mean rate × length', () => {
    expect(p.expectedCount(0, 1000)).toBe(300);
    expectPoissonCounts(p, [100, 250, 400, 700], 'hpp:counts');
  });
});

describe('homogeneous Poisson gaps', () => {
  it('are exponential with mean 1/rate (KS on 20,000 gaps of an endless process)', () => {
    const n = 20_000;
    const gaps = new Float64Array(n);
    let prev = 0;
    let i = 0;
    for (const t of poissonProcess({ rate: 2 }).times(streams.stream('hpp:gaps'))) {
      gaps[i++] = t - prev;
      prev = t;
      if (i === n) break;
    }
    expect(ksStatistic(gaps, (x) => 1 - Math.exp(-2 * x))).toBeLessThan(ksCritical(n));
  });
});

describe('non-homogeneous Poisson process from a rate table', () => {
  const table = piecewisePoissonProcess({
    times: [0, 3600, 5400, 7200, 10800],
    rates: [0.01, 0.05, 0, 0.02],
  });

  it('integrates the table for expected counts', () => {
    expect(table.expectedCount(0, 10800)).toBeCloseTo(36 + 90 + 0 + 72, 10);
    expect(table.expectedCount(3000, 4000)).toBeCloseTo(600 * 0.01 + 400 * 0.05, 10);
    expect(table.expectedCount(-100, 0)).toBe(0);
    expect(table.expectedCount(10800, 20000)).toBe(0);
  });

  it('produces sorted times inside the table, none where the rate is 0', () => {
    const times = collect(table, 'nhpp:order');
    expectSortedWithin(times, 0, 10800, false);
    expect(times.filter((t) => t >= 5400 && t < 7200)).toEqual([]);
  });

  it('counts per interval (including intervals straddling breakpoints) are Poisson with the integrated rate', () => {
    expectPoissonCounts(table, [0, 1800, 3000, 4000, 5400, 7200, 9000, 10800], 'nhpp:counts');
  });
});

describe('non-homogeneous Poisson process by thinning', () => {
  const T = 7200;
  const rate = (t: number) => 0.05 * (1 + Math.sin((2 * Math.PI * t) / T));
  const p = thinnedPoissonProcess({ rate, maxRate: 0.1, end: T });
  const integral = (a: number, b: number) =>
    0.05 * (b - a) -
    ((0.05 * T) / (2 * Math.PI)) * (Math.cos((2 * Math.PI * b) / T) - Math.cos((2 * Math.PI * a) / T));

  it('expectedCount integrates the rate function (Simpson) to high accuracy', () => {
    for (const [a, b] of [
      [0, T],
      [0, 1800],
      [1000, 5000],
    ] as const)
      expect(p.expectedCount(a, b)).toBeCloseTo(integral(a, b), 8);
  });

  it('counts per interval are Poisson with the integrated rate', () => {
    expectPoissonCounts(p, [0, 900, 1800, 3600, 5400, 6300, 7200], 'thinned:counts');
  });
});

describe('fixed population over a window', () => {
  const profileArb = fc.oneof(
    fc.constant({ kind: 'uniform' as const }),
    fc
      .array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })), {
        minLength: 1,
        maxLength: 6,
      })
      .filter((w) => w.some((x) => x > 0))
      .map((weights) => ({ kind: 'piecewise' as const, weights })),
  );

  it('gives exactly N sorted arrivals inside [start, end]', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 3000 }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        profileArb,
        fc.nat(),
        (count, start, span, profile, seed) => {
          const end = start + span;
          const prof =
            profile.kind === 'uniform'
              ? profile
              : {
                  kind: 'piecewise' as const,
                  times: Array.from(
                    { length: profile.weights.length + 1 },
                    (_v, i) => start + (span * i) / profile.weights.length,
                  ),
                  weights: profile.weights,
                };
          fc.pre(prof.kind === 'uniform' || prof.times.every((t, i) => i === 0 || t > prof.times[i - 1]!));
          const pop = fixedPopulation({ count, start, end, profile: prof });
          const times = [...pop.times(new RandomStreams(seed).stream('pop'))];
          expect(times.length).toBe(count);
          expectSortedWithin(times, start, end, true);
          if (prof.kind === 'piecewise')
            prof.weights.forEach((w, i) => {
              if (w === 0)
                expect(times.filter((t) => t > prof.times[i]! && t < prof.times[i + 1]!)).toEqual([]);
            });
        },
      ),
      { seed: 23, numRuns: 60 },
    );
  });

  it('uniform profile: positions are uniform on the window (KS)', () => {
    const n = 20_000;
    const times = Float64Array.from(
      collect(fixedPopulation({ count: n, start: 3600, end: 7200 }), 'pop:uniform'),
    );
    expect(ksStatistic(times, (t) => (t - 3600) / 3600)).toBeLessThan(ksCritical(n));
  });

  it('piecewise profile: positions follow the piecewise-linear CDF (KS), expected counts follow the weights', () => {
    const n = 20_000;
    const pop = fixedPopulation({
      count: n,
      start: 0,
      end: 4000,
      profile: { kind: 'piecewise', times: [500, 1000, 3000, 4000], weights: [3, 1, 0] },
    });
    // Masses: 3·500 = 1500 and 1·2000 = 2000, total 3500.
    const cdf = (t: number) =>
      t < 500 ? 0 : t < 1000 ? (3 * (t - 500)) / 3500 : t < 3000 ? (1500 + (t - 1000)) / 3500 : 1;
    const times = Float64Array.from(collect(pop, 'pop:piecewise'));
    expect(ksStatistic(times, cdf)).toBeLessThan(ksCritical(n));
    expect(pop.expectedCount(0, 1000)).toBeCloseTo((n * 1500) / 3500, 8);
    expect(pop.expectedCount(3000, 4000)).toBe(0);
  });

  it('distribution profile with a quantile function (triangular): lazy path, KS against the CDF', () => {
    const n = 20_000;
    const shape = triangular({ min: 0, mode: 600, max: 3600 });
    const pop = fixedPopulation({
      count: n,
      start: 1000,
      end: 4600,
      profile: { kind: 'distribution', distribution: shape },
    });
    const times = collect(pop, 'pop:triangular');
    expectSortedWithin(times, 1000, 4600, true);
    const cdf = (t: number) => {
      const x = t - 1000;
      return x < 600 ? (x * x) / (3600 * 600) : 1 - (3600 - x) ** 2 / (3600 * 3000);
    };
    expect(ksStatistic(Float64Array.from(times), cdf)).toBeLessThan(ksCritical(n));
  });

  it('distribution profile without a quantile function (PERT spec): sample-and-sort path, KS against Beta(3, 3)', () => {
    const n = 20_000;
    const pop = fixedPopulation({
      count: n,
      start: 0,
      end: 7200,
      profile: { kind: 'distribution', distribution: { dist: 'pert', min: 0, mode: 3600, max: 7200 } },
    });
    const shape: Distribution = pert({ min: 0, mode: 3600, max: 7200 });
    expect(shape.quantile).toBeUndefined();
    const times = collect(pop, 'pop:pert');
    expect(times.length).toBe(n);
    expectSortedWithin(times, 0, 7200, true);
    const cdf = (t: number) => {
      const y = t / 7200;
      return y ** 3 * (10 - 15 * y + 6 * y * y);
    };
    expect(ksStatistic(Float64Array.from(times), cdf)).toBeLessThan(ksCritical(n));
  });

  it('is lazy: the first arrivals of 25 million come without generating the rest', () => {
    const pop = fixedPopulation({ count: 25_000_000, start: 0, end: 86_400 });
    const it = pop.times(streams.stream('pop:lazy'));
    const first = [it.next().value, it.next().value, it.next().value] as number[];
    // The minimum of 25 million uniforms on a day is around 86,400/25e6 ≈ 0.0035 s.
    expect(first[0]).toBeLessThan(1);
    expect(first[2]).toBeGreaterThanOrEqual(first[0]!);
  });

  it('count 0 yields nothing', () => {
    expect(collect(fixedPopulation({ count: 0, start: 0, end: 10 }), 'pop:zero')).toEqual([]);
  });
});

describe('scheduled and batch arrivals', () => {
  it('scheduled arrivals yield the timetable as given, ties included', () => {
    const s = scheduledArrivals({ times: [0, 0, 600, 1800] });
    expect(collect(s, 'scheduled')).toEqual([0, 0, 600, 1800]);
    expect(s.expectedCount(0, 600)).toBe(2);
    expect(s.toJSON()).toEqual({ process: 'scheduled', times: [0, 0, 600, 1800] });
  });

  it('fixed batches repeat each epoch k times', () => {
    const b = batchArrivals({ epochs: scheduledArrivals({ times: [600, 1200] }), size: 3 });
    expect(collect(b, 'batch:fixed')).toEqual([600, 600, 600, 1200, 1200, 1200]);
    expect(b.expectedCount(0, 1000)).toBe(3);
  });

  it('random batch sizes: total count over many epochs matches epochs × mean size', () => {
    const epochs = 2000;
    const b = batchArrivals({
      epochs: scheduledArrivals({ times: Array.from({ length: epochs }, (_v, i) => i * 60) }),
      size: { dist: 'poisson', mean: 38 },
    });
    const times = collect(b, 'batch:poisson');
    expectSortedWithin(times, 0, epochs * 60, false);
    // Total of 2000 Poisson(38) sizes is Poisson(76,000).
    expect(Math.abs(times.length - 76_000)).toBeLessThan(Z * Math.sqrt(76_000));
    expect(b.expectedCount(0, epochs * 60)).toBe(76_000);
  });

  it('batches over a Poisson process of epochs', () => {
    const b = batchArrivals({ epochs: poissonProcess({ rate: 1 / 900, end: 86_400 }), size: 40 });
    const times = collect(b, 'batch:hpp');
    expect(times.length % 40).toBe(0);
    expect(b.expectedCount(0, 86_400)).toBeCloseTo(96 * 40, 9);
  });
});

describe('determinism and counting', () => {
  it('the same stream gives the same arrival times', () => {
    const p = piecewisePoissonProcess({ times: [0, 100, 200], rates: [0.3, 0.1] });
    expect([...p.times(new RandomStreams(8).stream('a'))]).toEqual([
      ...p.times(new RandomStreams(8).stream('a')),
    ]);
  });

  it('countArrivals bins times, skips those before the first edge and stops at the last', () => {
    expect(countArrivals([-5, 0, 1, 1, 9.99, 10, 15, 20, 25], [0, 10, 20])).toEqual([4, 2]);
    // Stops on an endless process.
    const counts = countArrivals(poissonProcess({ rate: 1 }).times(streams.stream('count')), [0, 100]);
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('records parameters as data', () => {
    expect(JSON.parse(JSON.stringify(poissonProcess({ rate: 0.5, end: 60 })))).toEqual({
      process: 'poisson',
      rate: 0.5,
      start: 0,
      end: 60,
    });
    const pop = fixedPopulation({
      count: 5,
      start: 0,
      end: 10,
      profile: { kind: 'distribution', distribution: triangular({ min: 0, mode: 1, max: 10 }) },
    });
    expect(JSON.parse(JSON.stringify(pop))).toEqual({
      process: 'fixed-population',
      count: 5,
      start: 0,
      end: 10,
      profile: { kind: 'distribution', distribution: { dist: 'triangular', min: 0, mode: 1, max: 10 } },
    });
  });
});

/**
 * Theory tests of shape, beyond the first two moments: Kolmogorov–Smirnov tests against closed-form
 * CDFs (α = 1e-4), probability-mass checks for the discrete distributions, and exact checks of the
 * inversion samplers with a scripted source.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/random/distribution.js';
import { triangular, uniform } from '../../src/random/distributions/basic.js';
import { categorical, discrete } from '../../src/random/distributions/categorical.js';
import { empirical } from '../../src/random/distributions/empirical.js';
import { exponential, weibull } from '../../src/random/distributions/exponential.js';
import { beta, erlang, gamma, pert } from '../../src/random/distributions/gamma.js';
import { lognormal, normal } from '../../src/random/distributions/normal.js';
import { bernoulli, poisson } from '../../src/random/distributions/poisson.js';
import type { Rng } from '../../src/random/rng.js';
import { erfc, logGamma, normalCdf } from '../../src/random/special.js';
import { RandomStreams } from '../../src/random/streams.js';
import { draw, expectProportion, ksCritical, ksStatistic } from './helpers.js';

const N = 20_000;
const streams = new RandomStreams(7);

/** Erlang/gamma CDF for an integer shape k: 1 − e^{−x} Σ_{j<k} x^j / j!. */
function erlangCdf(k: number, rate: number) {
  return (x: number) => {
    const y = rate * x;
    let term = 1;
    let sum = 1;
    for (let j = 1; j < k; j++) {
      term *= y / j;
      sum += term;
    }
    return 1 - Math.exp(-y) * sum;
  };
}

const ksCases: Array<[Distribution, (x: number) => number]> = [
  [uniform({ min: 2, max: 5 }), (x) => (x - 2) / 3],
  [exponential({ mean: 40 }), (x) => 1 - Math.exp(-x / 40)],
  [weibull({ shape: 2.2, scale: 60 }), (x) => 1 - Math.exp(-((x / 60) ** 2.2))],
  [normal({ mean: 10, sd: 3 }), (x) => normalCdf((x - 10) / 3)],
  // One case per truncated-sampling scheme: plain rejection, uniform proposals, exponential tail, mirrored.
  [
    normal({ mean: 40, sd: 15, lo: 5 }),
    (x) => (normalCdf((x - 40) / 15) - normalCdf(-35 / 15)) / normalCdf(35 / 15),
  ],
  [
    normal({ mean: 0, sd: 1, lo: -1.2, hi: 0.4 }),
    (x) => (normalCdf(x) - normalCdf(-1.2)) / (normalCdf(0.4) - normalCdf(-1.2)),
  ],
  [normal({ mean: 0, sd: 1, lo: 3 }), (x) => 1 - normalCdf(-x) / normalCdf(-3)],
  [normal({ mean: 100, sd: 10, hi: 40 }), (x) => normalCdf((x - 100) / 10) / normalCdf(-6)],
  [
    lognormal({ mean: 40, sd: 20 }),
    (x) =>
      normalCdf((Math.log(x) - lognormal({ mean: 40, sd: 20 }).mu) / lognormal({ mean: 40, sd: 20 }).sigma),
  ],
  [gamma({ shape: 1, scale: 5 }), (x) => 1 - Math.exp(-x / 5)],
  [gamma({ shape: 2, rate: 0.5 }), erlangCdf(2, 0.5)],
  // Gamma(1/2, 1) is χ²₁/2: F(x) = erf(√x). Exercises the shape < 1 branch.
  [gamma({ shape: 0.5, rate: 1 }), (x) => 1 - erfc(Math.sqrt(x))],
  [erlang({ k: 3, rate: 0.1 }), erlangCdf(3, 0.1)],
  [erlang({ k: 40, rate: 4 }), erlangCdf(40, 4)],
  // Beta(½, ½) is the arcsine law: F(x) = (2/π) arcsin √x. Exercises the log-gamma path.
  [beta({ alpha: 0.5, beta: 0.5 }), (x) => (2 / Math.PI) * Math.asin(Math.sqrt(x))],
  // PERT with the mode mid-range is 2 + 2·Beta(3, 3): I_y(3, 3) = y³(10 − 15y + 6y²).
  [
    pert({ min: 2, mode: 3, max: 4 }),
    (x) => ((x - 2) / 2) ** 3 * (10 - 15 * ((x - 2) / 2) + 6 * ((x - 2) / 2) ** 2),
  ],
  [
    triangular({ min: 20, mode: 30, max: 70 }),
    (x) => (x < 30 ? (x - 20) ** 2 / (50 * 10) : 1 - (70 - x) ** 2 / (50 * 40)),
  ],
];

describe('Kolmogorov–Smirnov against the closed-form CDF (α = 1e-4)', () => {
  it.each(ksCases.map(([d, cdf]) => [d.describe(), d, cdf] as const))('%s', (label, d, cdf) => {
    const xs = draw(d, streams.stream(`ks:${label}`), N);
    expect(ksStatistic(xs, cdf)).toBeLessThan(ksCritical(N));
  });
});

describe('Poisson probabilities, on both sides of the inversion/PTRS switch at mean 10', () => {
  it.each([0.7, 3.5, 9.99, 10, 47.3, 1000])('mean %s', (mean) => {
    const d = poisson({ mean });
    const rng = streams.stream(`poisson:${mean}`);
    const counts = new Map<number, number>();
    let invalid = 0;
    for (let i = 0; i < N; i++) {
      const k = d.sample(rng);
      if (!(Number.isInteger(k) && k >= 0)) invalid++;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(invalid).toBe(0);
    let checked = 0;
    for (let k = 0; k < mean + 10 * Math.sqrt(mean) + 10; k++) {
      const pk = Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1));
      if (pk < 0.005) continue;
      expectProportion(counts.get(k) ?? 0, N, pk, `P(X = ${k})`);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('choices', () => {
  it('bernoulli gives 1 with probability p, never at p = 0, always at p = 1', () => {
    const rng = streams.stream('bernoulli');
    const ones = draw(bernoulli({ p: 0.19 }), rng, N).reduce((a, b) => a + b, 0);
    expectProportion(ones, N, 0.19, 'P(1)');
    expect(draw(bernoulli({ p: 0 }), rng, 1000).every((x) => x === 0)).toBe(true);
    expect(draw(bernoulli({ p: 1 }), rng, 1000).every((x) => x === 1)).toBe(true);
  });

  it('categorical returns labels with their normalised weights; zero weight is never drawn', () => {
    const c = categorical({
      values: ['walk-in', 'assisted', 'door-to-door', 'none'],
      weights: [80, 15, 5, 0],
    });
    expect(c.probabilities).toEqual([0.8, 0.15, 0.05, 0]);
    expect(c.probability('assisted')).toBe(0.15);
    const rng = streams.stream('categorical');
    const seen: Record<string, number> = {};
    for (let i = 0; i < N; i++) {
      const v: 'walk-in' | 'assisted' | 'door-to-door' | 'none' = c.sample(rng);
      seen[v] = (seen[v] ?? 0) + 1;
    }
    expect(seen.none).toBeUndefined();
    expectProportion(seen['walk-in'] ?? 0, N, 0.8, 'walk-in');
    expectProportion(seen.assisted ?? 0, N, 0.15, 'assisted');
    expectProportion(seen['door-to-door'] ?? 0, N, 0.05, 'door-to-door');
  });

  it('the alias table reproduces any weight vector exactly (swept over a fine grid of uniforms)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (weights) => {
          fc.pre(weights.some((w) => w > 0));
          const c = categorical({ values: weights.map((_w, i) => i), weights });
          const total = weights.reduce((a, b) => a + b, 0);
          // Deterministic sweep: u = (j + ½)/M; each column boundary costs at most 1/M of error.
          const m = 240_000;
          const hits = new Array<number>(weights.length).fill(0);
          let j = 0;
          const sweep: Rng = { next: () => (j++ + 0.5) / m };
          for (let i = 0; i < m; i++) hits[c.sampleIndex(sweep)]!++;
          weights.forEach((w, i) => {
            expect(Math.abs(hits[i]! / m - w / total)).toBeLessThanOrEqual((2 * weights.length) / m);
            if (w === 0) expect(hits[i]).toBe(0);
          });
        },
      ),
      {
        seed: 11,
      },
    );
  });

  it('discrete draws only listed values, with their weights', () => {
    const d = discrete({ values: [10, 20, 40], weights: [1, 3, 0] });
    expect(d.support).toEqual([10, 20]);
    const xs = draw(d, streams.stream('discrete'), N);
    expect(xs.every((x) => x === 10 || x === 20)).toBe(true);
    expectProportion(xs.filter((x) => x === 20).length, N, 0.75, 'P(20)');
  });
});

describe('inversion samplers, driven by a scripted source', () => {
  const at = (u: number): Rng => ({ next: () => u });

  it('exponential, weibull, uniform, triangular and empirical return their quantile of U', () => {
    const cases: Distribution[] = [
      exponential({ mean: 10 }),
      weibull({ shape: 1.5, scale: 20 }),
      uniform({ min: 1, max: 3 }),
      triangular({ min: 0, mode: 1, max: 4 }),
      empirical({ data: [5, 1, 3] }),
    ];
    for (const d of cases)
      for (const u of [0, 0.1, 0.5, 0.9, 1 - 2 ** -53]) expect(d.sample(at(u))).toBe(d.quantile!(u));
    expect(exponential({ mean: 10 }).sample(at(0.5))).toBeCloseTo(10 * Math.LN2, 14);
  });

  it('empirical interpolates linearly between order statistics', () => {
    const d = empirical({ data: [5, 1, 3] });
    expect(d.quantile(0)).toBe(1);
    expect(d.quantile(0.25)).toBe(2);
    expect(d.quantile(0.5)).toBe(3);
    expect(d.quantile(0.75)).toBe(4);
    expect(d.quantile(1)).toBe(5);
  });

  it('normal and lognormal quantiles agree with their CDFs, truncated ones stay inside [lo, hi]', () => {
    const cases = [
      normal({ mean: 40, sd: 15, lo: 5 }),
      normal({ mean: 0, sd: 1, lo: 3 }),
      normal({ mean: 0, sd: 1, hi: -3 }),
      normal({ mean: 0, sd: 1, lo: -1.2, hi: 0.4 }),
    ];
    for (const d of cases) {
      const [lo, hi] = d.support;
      const a = (lo - d.params.mean) / d.params.sd;
      const b = (hi - d.params.mean) / d.params.sd;
      for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) {
        const x = d.quantile(p);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
        const z = (x - d.params.mean) / d.params.sd;
        const f = (normalCdf(z) - normalCdf(a)) / (normalCdf(b) - normalCdf(a));
        expect(f).toBeCloseTo(p, 9);
      }
    }
    const ln = lognormal({ mu: 2, sigma: 0.5 });
    expect(ln.quantile(0.5)).toBeCloseTo(Math.exp(2), 12);
  });

  it('the same distribution object shared by two streams keeps them independent (no cached state)', () => {
    const d = normal({ mean: 0, sd: 1 });
    const solo = new RandomStreams(5);
    const alone = Array.from({ length: 5 }, () => d.sample(solo.stream('a')));
    const shared = new RandomStreams(5);
    const mixed: number[] = [];
    for (let i = 0; i < 5; i++) {
      mixed.push(d.sample(shared.stream('a')));
      d.sample(shared.stream('b'));
    }
    expect(mixed).toEqual(alone);
  });
});

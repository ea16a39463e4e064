/**
 * Theory tests: every distribution's sample mean and variance against its own analytic moments, and
 * every draw inside its support. Tolerances come from standard errors (see helpers.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/random/distribution.js';
import { constant, triangular, uniform } from '../../src/random/distributions/basic.js';
import { discrete } from '../../src/random/distributions/categorical.js';
import { empirical } from '../../src/random/distributions/empirical.js';
import { exponential, weibull } from '../../src/random/distributions/exponential.js';
import { beta, erlang, gamma, pert } from '../../src/random/distributions/gamma.js';
import { lognormal, normal } from '../../src/random/distributions/normal.js';
import { bernoulli, poisson } from '../../src/random/distributions/poisson.js';
import { RandomStreams } from '../../src/random/streams.js';
import { draw, expectMoments } from './helpers.js';

const N = 40_000;
const streams = new RandomStreams(20220413);

const cases: Distribution[] = [
  uniform({ min: -3, max: 12 }),
  triangular({ min: 20, mode: 30, max: 70 }),
  triangular({ min: 0, mode: 0, max: 1 }),
  triangular({ min: 0, mode: 5, max: 5 }),
  exponential({ rate: 0.25 }),
  exponential({ mean: 40 }),
  weibull({ shape: 0.7, scale: 30 }),
  weibull({ shape: 3.5, scale: 60 }),
  normal({ mean: 10, sd: 2 }),
  normal({ mean: 40, sd: 15, lo: 5 }),
  normal({ mean: 0, sd: 1, lo: -1.2, hi: 0.4 }),
  normal({ mean: 0, sd: 1, lo: 3 }),
  normal({ mean: 100, sd: 10, hi: 40 }),
  normal({ mean: 0, sd: 1, lo: -7, hi: -6.5 }),
  normal({ mean: 5, sd: 2, lo: 0, hi: 30 }),
  lognormal({ mean: 40, sd: 20 }),
  lognormal({ mu: 1, sigma: 0.3 }),
  lognormal({ median: 10, p: 0.9, quantile: 25 }),
  gamma({ shape: 0.3, rate: 2 }),
  gamma({ shape: 1, scale: 5 }),
  gamma({ mean: 40, sd: 20 }),
  gamma({ shape: 150, rate: 3 }),
  erlang({ k: 1, rate: 0.5 }),
  erlang({ k: 3, rate: 0.1 }),
  erlang({ k: 16, mean: 32 }),
  erlang({ k: 40, mean: 10 }),
  beta({ alpha: 2, beta: 6 }),
  beta({ alpha: 0.2, beta: 0.3 }),
  beta({ alpha: 0.5, beta: 0.5 }),
  pert({ min: 20, mode: 30, max: 70 }),
  pert({ min: 0, mode: 10, max: 10, lambda: 2 }),
  poisson({ mean: 0.05 }),
  poisson({ mean: 3.5 }),
  poisson({ mean: 9.99 }),
  poisson({ mean: 10 }),
  poisson({ mean: 47.3 }),
  poisson({ mean: 1e6 }),
  bernoulli({ p: 0.19 }),
  bernoulli({ p: 1 }),
  discrete({ values: [1, 2, 3, 4], weights: [20, 35, 25, 20] }),
  discrete({ values: [-5, 0, 1000], weights: [1, 0, 3] }),
  empirical({ data: [31, 35, 38, 40, 44, 52, 61] }),
  empirical({ data: [1e9 + 3, 1e9 + 1, 1e9 + 2, 1e9 + 2] }),
  constant({ value: 7 }),
];

describe('sample moments match each distribution’s analytic mean and variance', () => {
  it.each(cases.map((d) => [d.describe(), d] as const))('%s', (label, d) => {
    const xs = draw(d, streams.stream(label), N);
    expectMoments(d, xs);
  });
});

describe('analytic moments are the known closed forms', () => {
  it('truncated normal moments match 50-digit references (mpmath)', () => {
    // Reference: m = (φ(a) − φ(b))/Z and 1 + (aφ(a) − bφ(b))/Z − m², evaluated with mpmath at 50 digits.
    const rel = (x: number, ref: number) => Math.abs(x / ref - 1);
    const far = normal({ mean: 0, sd: 1, lo: 20 });
    expect(rel(far.mean, 20.04975306852785)).toBeLessThan(1e-13);
    // 20 sd out the variance comes from cancelling terms near 400: about 8 digits survive.
    expect(rel(far.variance, 0.002463261615052164)).toBeLessThan(1e-7);
    const mid = normal({ mean: 0, sd: 1, lo: -1.2, hi: 0.4 });
    expect(rel(mid.mean, -0.3221678874529764)).toBeLessThan(1e-13);
    expect(rel(mid.variance, 0.19234949356919806)).toBeLessThan(1e-13);
    const left = normal({ mean: 0, sd: 1, lo: -7, hi: -6.5 });
    expect(rel(left.mean, -6.631164076620739)).toBeLessThan(1e-13);
    expect(rel(left.variance, 0.012756814712823394)).toBeLessThan(1e-10);
  });

  it('half-normal: mean √(2/π)·σ, variance (1 − 2/π)·σ²', () => {
    const h = normal({ mean: 3, sd: 2, lo: 3 });
    expect(h.mean).toBeCloseTo(3 + 2 * Math.sqrt(2 / Math.PI), 14);
    expect(h.variance).toBeCloseTo(4 * (1 - 2 / Math.PI), 14);
  });

  it('weibull moments use Γ(1 + 1/k) and Γ(1 + 2/k) (scipy.special.gamma values)', () => {
    const w = weibull({ shape: 0.7, scale: 30 });
    expect(w.mean).toBeCloseTo(30 * 1.2658235060572836, 11);
    expect(w.variance).toBeCloseTo(900 * (5.029144702140307 - 1.2658235060572836 ** 2), 9);
  });

  it('lognormal from { mean, sd } reproduces the mean and sd exactly', () => {
    const d = lognormal({ mean: 40, sd: 20 });
    expect(d.mean).toBeCloseTo(40, 12);
    expect(Math.sqrt(d.variance)).toBeCloseTo(20, 12);
  });

  it('lognormal from { median, p, quantile } puts the median and the quantile where asked', () => {
    const d = lognormal({ median: 10, p: 0.9, quantile: 25 });
    expect(d.quantile(0.5)).toBeCloseTo(10, 12);
    expect(d.quantile(0.9)).toBeCloseTo(25, 11);
    const low = lognormal({ median: 10, p: 0.05, quantile: 4 });
    expect(low.quantile(0.05)).toBeCloseTo(4, 11);
  });

  it('PERT moments follow (min + λ·mode + max)/(λ + 2) and (μ − min)(max − μ)/(λ + 3)', () => {
    const d = pert({ min: 20, mode: 30, max: 70 });
    expect(d.mean).toBe(35);
    expect(d.variance).toBe(75);
    expect(d.alpha).toBeCloseTo(1.8, 14);
    expect(d.beta).toBeCloseTo(4.2, 14);
  });

  it('empirical moments are those of the interpolated CDF (checked by numerical integration)', () => {
    const data = [3, 1, 4, 1, 5, 9, 2, 6];
    const d = empirical({ data });
    // Integrate x and x² against the quantile function: E[g(X)] = ∫₀¹ g(F⁻¹(p)) dp (midpoint rule).
    const m = 200_000;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < m; i++) {
      const x = d.quantile((i + 0.5) / m);
      s1 += x;
      s2 += x * x;
    }
    expect(d.mean).toBeCloseTo(s1 / m, 8);
    expect(d.variance).toBeCloseTo(s2 / m - (s1 / m) ** 2, 6);
  });
});

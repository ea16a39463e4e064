/**
 * Statistical helpers for the random tests. Every tolerance is a multiple of a standard error, with
 * the multiple named: Z = 4 leaves a false-alarm probability of about 6e-5 per check (two-sided), so a
 * failure means a real discrepancy, not bad luck; seeds are fixed, so runs are reproducible.
 */
import { expect } from 'vitest';
import type { Distribution } from '../../src/random/distribution.js';
import type { Rng } from '../../src/random/rng.js';

/** Standard errors allowed in a check (two-sided p ≈ 6.3e-5). */
export const Z = 4;

/** Sample moments from Welford-style accumulation (central moments up to the fourth). */
export interface SampleMoments {
  n: number;
  mean: number;
  variance: number;
  /** Fourth central moment. */
  m4: number;
  min: number;
  max: number;
}

export function momentsOf(xs: Float64Array): SampleMoments {
  const n = xs.length;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of xs) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { n, mean, variance: m2 / (n - 1), m4: m4 / n, min, max };
}

export function draw(d: { sample(rng: Rng): number }, rng: Rng, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = d.sample(rng);
  return xs;
}

/**
 * Check a sample against a distribution's analytic mean and variance and its support.
 * - mean: |x̄ − μ| < Z·σ/√n (σ from the distribution, the CLT standard error of x̄);
 * - variance: |s² − σ²| < Z·√((m₄ − s⁴)/n), the large-sample standard error of s² with the fourth
 *   central moment m₄ estimated from the same sample.
 */
export function expectMoments(d: Distribution, xs: Float64Array): SampleMoments {
  const s = momentsOf(xs);
  const label = d.describe();
  expect(s.min, `${label} min`).toBeGreaterThanOrEqual(d.support[0]);
  expect(s.max, `${label} max`).toBeLessThanOrEqual(d.support[1]);
  const seMean = Math.sqrt(d.variance / s.n);
  expect(
    Math.abs(s.mean - d.mean),
    `${label} mean ${s.mean} vs ${d.mean} (se ${seMean})`,
  ).toBeLessThanOrEqual(Z * seMean);
  const seVar = Math.sqrt(Math.max(0, s.m4 - s.variance ** 2) / s.n);
  expect(
    Math.abs(s.variance - d.variance),
    `${label} variance ${s.variance} vs ${d.variance} (se ${seVar})`,
  ).toBeLessThanOrEqual(Z * seVar + 1e-12 * Math.abs(d.variance));
  return s;
}

/** A binomial proportion check: |k/n − p| < Z·√(p(1 − p)/n). */
export function expectProportion(k: number, n: number, p: number, label: string): void {
  const se = Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(k / n - p), `${label}: ${k}/${n} vs ${p} (se ${se})`).toBeLessThanOrEqual(Z * se + 1e-15);
}

/** Kolmogorov–Smirnov statistic of a sample against a CDF. */
export function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** KS critical value at α = 1e-4 (asymptotic: √(−ln(α/2)/2) / √n). */
export function ksCritical(n: number): number {
  return Math.sqrt(-Math.log(1e-4 / 2) / 2) / Math.sqrt(n);
}

/**
 * Intervals for a probability estimated from replications that each either meet a criterion or not.
 *
 * Clopper–Pearson bounds (the exact binomial test inverted) are what the staffing search decides
 * on: each bound holds at its confidence whatever the true proportion. The Wilson score interval is
 * offered for reporting an estimate: unlike the normal (Wald) interval it stays inside [0, 1] and keeps
 * close to its nominal coverage when the proportion is near 0 or 1, where staffing targets sit.
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { integer } from '../kernel/validate.js';
import { exp, log, log1p } from '../random/math.js';
import { logGamma, normalQuantile } from '../random/special.js';

/**
 * A proportion with its two-sided confidence interval.
 *
 * @example
 * ```ts
 * const p: ProportionInterval = { successes: 19, trials: 20, estimate: 0.95, lower: 0.76, upper: 0.99, confidence: 0.95 };
 * ```
 */
export interface ProportionInterval {
  /** Replications that met the criterion. */
  readonly successes: number;
  /** Replications run. */
  readonly trials: number;
  /** successes / trials. */
  readonly estimate: number;
  /** Lower confidence bound. */
  readonly lower: number;
  /** Upper confidence bound. */
  readonly upper: number;
  /** Two-sided confidence level, in (0, 1). */
  readonly confidence: number;
}

/**
 * Wilson score interval for a binomial proportion.
 *
 * @param successes - count of successes, an integer in [0, trials]
 * @param trials - count of trials, an integer ≥ 1
 * @param confidence - two-sided level in (0, 1), default 0.95
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * const w = wilsonInterval(95, 100); // estimate 0.95, lower ≈ 0.888, upper ≈ 0.978
 * ```
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
  path = '',
): ProportionInterval {
  const pre = path ? `${path}.` : '';
  const n = integer(trials, `${pre}trials`, 1);
  const k = integer(successes, `${pre}successes`, 0);
  if (k > n) throw new ParameterError(`${pre}successes`, `an integer ≤ trials (${n})`, successes);
  if (!(typeof confidence === 'number' && confidence > 0 && confidence < 1)) {
    throw new ParameterError(`${pre}confidence`, 'a number in (0, 1)', confidence);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 or k = n the exact bound is 0 or 1; rounding must not move it.
  const lower = k === 0 ? 0 : Math.max(0, centre - half);
  const upper = k === n ? 1 : Math.min(1, centre + half);
  return { successes: k, trials: n, estimate: p, lower, upper, confidence };
}

/** ln of the binomial coefficient C(n, k). */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p), summed term by term in log space (exact to rounding for the
 * replication counts a staffing search uses).
 *
 * @param k - an integer in [0, n]
 * @param n - trials, an integer ≥ 1
 * @param p - success probability in [0, 1]
 * @example
 * ```ts
 * binomialCdf(0, 4, 0.95); // 0.05⁴ = 6.25e-6
 * ```
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (p <= 0 || k >= n) return 1;
  if (p >= 1) return 0;
  const lp = log(p);
  const lq = log1p(-p);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += exp(logChoose(n, i) + i * lp + (n - i) * lq);
  return Math.min(1, sum);
}

/**
 * Exact one-sided Clopper–Pearson bounds for a binomial proportion: `lower` is the least p under
 * which `successes` or more of `trials` has probability ≥ 1 − confidence, `upper` the greatest p
 * under which `successes` or fewer has. Each bound alone holds with probability ≥ `confidence`
 * whatever the true p (the exact binomial test inverted), which is what a decision "at least the
 * target" or "below the target" needs; Wilson's interval is close but not guaranteed near 0 and 1.
 *
 * @param successes - an integer in [0, trials]
 * @param trials - an integer ≥ 1
 * @param confidence - one-sided level in (0, 1), default 0.95
 * @example
 * ```ts
 * clopperPearson(59, 59).lower; // 0.05^(1/59) ≈ 0.9505: 59 of 59 show p ≥ 0.95 at 95 %
 * ```
 */
export function clopperPearson(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  const n = integer(trials, 'trials', 1);
  const k = integer(successes, 'successes', 0);
  if (k > n) throw new ParameterError('successes', `an integer ≤ trials (${n})`, successes);
  if (!(typeof confidence === 'number' && confidence > 0 && confidence < 1))
    throw new ParameterError('confidence', 'a number in (0, 1)', confidence);
  const alpha = 1 - confidence;
  // Both tails are monotone in p, so bisection finds where they cross alpha.
  const solve = (f: (p: number) => boolean): number => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid)) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const lower = k === 0 ? 0 : solve((p) => binomialCdf(n - k, n, 1 - p) < alpha);
  const upper = k === n ? 1 : solve((p) => binomialCdf(k, n, p) >= alpha);
  return { successes: k, trials: n, estimate: k / n, lower, upper, confidence };
}

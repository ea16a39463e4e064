/**
 * Intervals for a probability estimated from replications that each either meet a criterion or not.
 *
 * The Wilson score interval is used rather than the normal (Wald) interval because it stays inside
 * [0, 1] and keeps close to its nominal coverage when the proportion is near 0 or 1 — exactly where
 * staffing targets such as 95 % sit.
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { integer } from '../kernel/validate.js';
import { normalQuantile } from '../random/special.js';

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

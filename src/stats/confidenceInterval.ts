/**
 * Student-t confidence interval for a mean, the workhorse of replication analysis.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { type Accessor, forEachValid } from './accessor.js';
import { studentTQuantile } from './studentT.js';

/**
 * A two-sided confidence interval for a mean; plain data, JSON-serialisable.
 *
 * @example
 * ```ts
 * const { lower, upper } = confidenceInterval(meanWaits, 0.95);
 * ```
 */
export interface ConfidenceInterval {
  /** Sample mean of the valid values. */
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator). */
  readonly sd: number;
  /** Number of valid values the interval is based on. */
  readonly n: number;
  /** t₍₁₋α/₂, n−1₎ · sd / √n. */
  readonly halfWidth: number;
  /** mean − halfWidth. */
  readonly lower: number;
  /** mean + halfWidth. */
  readonly upper: number;
  /** The confidence level, e.g. 0.95. */
  readonly level: number;
}

/**
 * Two-sided Student-t confidence interval for the mean of `values` (typically one summary number per
 * independent replication): mean ± t₍₁₋α/₂, n−1₎ · sd/√n with α = 1 − level. Valid when the values are
 * independent and their mean is close to normal — true of replication means by the central limit
 * theorem, *not* of the individual waits inside one run, which are correlated.
 *
 * Missing values (`null`, `undefined`, `NaN`) are skipped. At least two valid values are needed: an
 * interval from one replication has no width estimate, and silently returning one would mislead.
 *
 * @param values - numbers, or elements read through `accessor`.
 * @param level - confidence level in (0, 1); default 0.95.
 * @throws {@link ParameterError} when `level` is not in (0, 1) or fewer than two values are valid.
 * @example
 * ```ts
 * confidenceInterval([10, 12, 11, 13, 9], 0.95);
 * // { mean: 11, sd: 1.5811…, n: 5, halfWidth: 1.9632…, lower: 9.0367…, upper: 12.9632…, level: 0.95 }
 * confidenceInterval(results, 0.9, (r) => r.meanWait);
 * ```
 */
export function confidenceInterval(
  values: Iterable<number | null | undefined>,
  level?: number,
): ConfidenceInterval;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function confidenceInterval<T>(
  values: Iterable<T>,
  level: number,
  accessor: Accessor<T>,
): ConfidenceInterval;
export function confidenceInterval<T>(
  values: Iterable<T>,
  level = 0.95,
  accessor?: Accessor<T>,
): ConfidenceInterval {
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new ParameterError('confidenceInterval(level)', 'a number strictly between 0 and 1', level);
  let n = 0;
  let m = 0;
  let m2 = 0;
  forEachValid(values, accessor, (x) => {
    n++;
    const delta = x - m;
    m += delta / n;
    m2 += delta * (x - m);
  });
  if (n < 2)
    throw new ParameterError('confidenceInterval(values)', 'at least 2 valid values (replications)', n);
  const sdev = Math.sqrt(m2 / (n - 1));
  const halfWidth = (studentTQuantile(0.5 + level / 2, n - 1) * sdev) / Math.sqrt(n);
  return { mean: m, sd: sdev, n, halfWidth, lower: m - halfWidth, upper: m + halfWidth, level };
}

/**
 * Sample variance by Welford's one-pass algorithm.
 *
 * @module
 */
import { type Accessor, forEachValid } from './accessor.js';

/**
 * Unbiased sample variance (denominator n − 1) of the valid values, by Welford's algorithm; `undefined`
 * with fewer than two valid values.
 *
 * Welford's update works on deviations from the running mean, so it does not lose the variance when the
 * values share a large offset (the naive `Σx² − n·x̄²` returns garbage for 1e9 + small noise).
 *
 * @param values - numbers, or elements read through `accessor`.
 * @returns the sample variance, or `undefined` if fewer than two values are valid.
 * @example
 * ```ts
 * variance([2, 4, 4, 4, 5, 5, 7, 9]);   // 4.571428571428571  (32 / 7)
 * variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]); // 30
 * variance([5]);                          // undefined
 * ```
 */
export function variance(values: Iterable<number | null | undefined>): number | undefined;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function variance<T>(values: Iterable<T>, accessor: Accessor<T>): number | undefined;
export function variance<T>(values: Iterable<T>, accessor?: Accessor<T>): number | undefined {
  let n = 0;
  let m = 0;
  let m2 = 0;
  forEachValid(values, accessor, (x) => {
    n++;
    const delta = x - m;
    m += delta / n;
    m2 += delta * (x - m);
  });
  return n > 1 ? m2 / (n - 1) : undefined;
}

/**
 * Arithmetic mean of the valid values.
 *
 * @module
 */
import { type Accessor, forEachValid } from './accessor.js';

/**
 * Arithmetic mean of `values`, skipping `null`, `undefined` and `NaN`; `undefined` when there are none.
 *
 * Computed as a running mean (`m += (x − m) / n`), which cannot overflow for large values and keeps
 * full precision when all values share a large offset (times around 1e9 s, say).
 *
 * @param values - numbers, or elements read through `accessor`.
 * @returns the mean, or `undefined` if no value is valid.
 * @example
 * ```ts
 * mean([1, 2, null, 6]);                  // 3
 * mean(rows, (r) => r.wait);               // mean wait, unfinished rows (wait null) skipped
 * mean([]);                                // undefined
 * ```
 */
export function mean(values: Iterable<number | null | undefined>): number | undefined;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function mean<T>(values: Iterable<T>, accessor: Accessor<T>): number | undefined;
export function mean<T>(values: Iterable<T>, accessor?: Accessor<T>): number | undefined {
  let n = 0;
  let m = 0;
  forEachValid(values, accessor, (x) => {
    n++;
    m += (x - m) / n;
  });
  return n > 0 ? m : undefined;
}

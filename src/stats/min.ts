/**
 * Smallest valid value.
 *
 * @module
 */
import { type Accessor, forEachValid } from './accessor.js';

/**
 * Smallest valid value, skipping `null`, `undefined` and `NaN`; `undefined` when there are none.
 *
 * @param values - numbers, or elements read through `accessor`.
 * @example
 * ```ts
 * min([3, null, 1, NaN]);       // 1
 * min(rows, (r) => r.start);    // first arrival
 * ```
 */
export function min(values: Iterable<number | null | undefined>): number | undefined;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function min<T>(values: Iterable<T>, accessor: Accessor<T>): number | undefined;
export function min<T>(values: Iterable<T>, accessor?: Accessor<T>): number | undefined {
  let best: number | undefined;
  forEachValid(values, accessor, (x) => {
    if (best === undefined || x < best) best = x;
  });
  return best;
}

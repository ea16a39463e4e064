/**
 * Largest valid value.
 *
 * @module
 */
import { type Accessor, forEachValid } from './accessor.js';

/**
 * Largest valid value, skipping `null`, `undefined` and `NaN`; `undefined` when there are none.
 *
 * @param values - numbers, or elements read through `accessor`.
 * @example
 * ```ts
 * max([3, null, 1, NaN]);     // 3
 * max(rows, (r) => r.end);     // last departure
 * ```
 */
export function max(values: Iterable<number | null | undefined>): number | undefined;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function max<T>(values: Iterable<T>, accessor: Accessor<T>): number | undefined;
export function max<T>(values: Iterable<T>, accessor?: Accessor<T>): number | undefined {
  let best: number | undefined;
  forEachValid(values, accessor, (x) => {
    if (best === undefined || x > best) best = x;
  });
  return best;
}

/**
 * Sample standard deviation.
 *
 * @module
 */
import type { Accessor } from './accessor.js';
import { variance } from './variance.js';

/**
 * Sample standard deviation (square root of the n − 1 {@link variance}); `undefined` with fewer than
 * two valid values.
 *
 * @param values - numbers, or elements read through `accessor`.
 * @example
 * ```ts
 * sd([2, 4, 4, 4, 5, 5, 7, 9]); // 2.138089935299395
 * sd(rows, (r) => r.service);
 * ```
 */
export function sd(values: Iterable<number | null | undefined>): number | undefined;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function sd<T>(values: Iterable<T>, accessor: Accessor<T>): number | undefined;
export function sd<T>(values: Iterable<T>, accessor?: Accessor<T>): number | undefined {
  const v = accessor === undefined ? variance(values as Iterable<number>) : variance(values, accessor);
  return v === undefined ? undefined : Math.sqrt(v);
}

/**
 * Compensated sum.
 *
 * @module
 */
import { sum as compensatedSum } from 'simple-statistics';
import { type Accessor, validNumbers } from './accessor.js';

/**
 * Sum of the valid values with error compensation (simple-statistics' `sum`, the Kahan–Babuška /
 * Neumaier algorithm), so `sum([1e16, 1, -1e16])` is `1`, not `0`.
 *
 * Unlike the other helpers, the sum of no values is `0`, not `undefined`: an empty sum is well defined,
 * and totals (people served, hours worked) should add up to zero when nothing happened.
 *
 * @param values - numbers, or elements read through `accessor`.
 * @example
 * ```ts
 * sum([0.1, 0.2, 0.3]);          // 0.6 (the naive loop gives 0.6000000000000001)
 * sum(rows, (r) => r.service);   // total service time
 * sum([]);                       // 0
 * ```
 */
export function sum(values: Iterable<number | null | undefined>): number;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function sum<T>(values: Iterable<T>, accessor: Accessor<T>): number;
export function sum<T>(values: Iterable<T>, accessor?: Accessor<T>): number {
  return compensatedSum(validNumbers(values, accessor));
}

/**
 * Sample quantiles, R's type 7.
 *
 * @module
 */
import { quantileSorted } from 'simple-statistics';
import { probability } from '../kernel/validate.js';
import { type Accessor, validNumbers } from './accessor.js';

/**
 * The `p`-quantile of the valid values, by linear interpolation between order statistics — Hyndman &
 * Fan's **type 7**, the default of R's `quantile()`, NumPy's `quantile` (method `linear`), Excel's
 * `PERCENTILE.INC` and d3's `quantile`: with the valid values sorted as x₀ ≤ … ≤ x₍ₙ₋₁₎ and
 * h = p·(n − 1), the result is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). So p = 0 gives the minimum, p = 1 the
 * maximum and p = 0.5 the usual median.
 *
 * Sorting is on a `Float64Array` copy (the input is left alone); the interpolation is simple-statistics'
 * `quantileSorted`, which implements type 7.
 *
 * @param values - numbers, or elements read through `accessor`.
 * @param p - the probability, in [0, 1].
 * @returns the quantile, or `undefined` if no value is valid.
 * @throws {@link ParameterError} when `p` is not in [0, 1].
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5);   // 2.5
 * quantile([1, 2, 3, 4], 0.25);  // 1.75
 * quantile(rows, 0.9, (r) => r.wait); // 90th percentile of the wait
 * ```
 */
export function quantile(values: Iterable<number | null | undefined>, p: number): number | undefined;
/**
 * As above, with each element of `values` read through `accessor`.
 *
 * @param accessor - `(d, i, values) => number | null | undefined`; `null`, `undefined` and `NaN` results are
 * skipped.
 */
export function quantile<T>(values: Iterable<T>, p: number, accessor: Accessor<T>): number | undefined;
export function quantile<T>(values: Iterable<T>, p: number, accessor?: Accessor<T>): number | undefined {
  probability(p, 'quantile(p)');
  const xs = validNumbers(values, accessor);
  if (xs.length === 0) return undefined;
  const sorted = Float64Array.from(xs).sort();
  return quantileSorted(sorted as unknown as number[], p);
}

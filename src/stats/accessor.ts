/**
 * The shared calling convention of the summary helpers, after d3-array: `f(values, accessor?)`.
 *
 * Without an accessor the values themselves are read; with one, `accessor(d, i, values)` picks the
 * number out of each element (a row, an entity, a replication result). Missing values — `null`,
 * `undefined` and `NaN` — are skipped rather than poisoning the result, because simulation outputs
 * routinely have them (the end time of an entity still queued, the wait of one that balked).
 *
 * @module
 */

/**
 * Picks a number out of an element; return `null`, `undefined` or `NaN` to mark it missing.
 *
 * @example
 * ```ts
 * const wait: Accessor<{ wait: number | null }> = (d) => d.wait;
 * ```
 */
export type Accessor<T> = (d: T, i: number, values: Iterable<T>) => number | null | undefined;

/**
 * Call `fn` on every valid number of `values` (or of `accessor` over them), in order.
 * Each value is read exactly once.
 *
 * @internal
 * @example
 * ```ts
 * let n = 0;
 * forEachValid([1, null, 2], undefined, () => n++); // n === 2
 * ```
 */
export function forEachValid<T>(
  values: Iterable<T>,
  accessor: Accessor<T> | undefined,
  fn: (x: number) => void,
): void {
  if (accessor === undefined) {
    for (const v of values) {
      if (typeof v === 'number' && !Number.isNaN(v)) fn(v);
    }
    return;
  }
  let i = -1;
  for (const d of values) {
    const v = accessor(d, ++i, values);
    if (typeof v === 'number' && !Number.isNaN(v)) fn(v);
  }
}

/**
 * The valid numbers of `values` as a fresh array (for helpers that need them all, like quantiles).
 *
 * @internal
 * @example
 * ```ts
 * validNumbers([3, null, NaN, 1]); // [3, 1]
 * ```
 */
export function validNumbers<T>(values: Iterable<T>, accessor?: Accessor<T>): number[] {
  const out: number[] = [];
  forEachValid(values, accessor, (x) => {
    out.push(x);
  });
  return out;
}

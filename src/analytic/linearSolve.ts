/**
 * A small dense linear solve, `A x = b`, by Gaussian elimination with partial pivoting.
 *
 * It is written here rather than imported because the systems are tiny (one row per network node):
 * a matrix library would add its import time to every process and worker thread, and a dependency,
 * for twenty lines (the libraries weighed are in bench/README.md).
 * For the traffic equations of a Jackson network the matrix `I − Pᵀ` is column diagonally dominant
 * (each row of P sums to at most 1), so partial pivoting makes no row swaps there and elimination is
 * backward stable (Golub & Van Loan, *Matrix Computations*, 4th ed., §3.4.10); the pivoting is for
 * other callers.
 *
 * @module
 */

/**
 * Solve `A x = b` for a square, non-singular `A`. Neither argument is modified.
 *
 * @param a - an n × n matrix, row by row
 * @param b - the right-hand side, length n
 * @returns x, length n
 * @throws RangeError if the shapes disagree or `A` is singular (a pivot vanishes relative to the largest
 *   entry of `A`)
 * @example
 * ```ts
 * solveLinear([[2, 1], [1, 3]], [3, 5]); // [0.8, 1.4]
 * ```
 * @internal
 */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  if (a.length !== n || a.some((row) => row.length !== n))
    throw new RangeError(`solveLinear: expected a ${n} × ${n} matrix for a right-hand side of length ${n}`);
  // Augmented copy [A | b], reduced in place to upper-triangular form.
  const m = a.map((row, i) => [...row, b[i]!]);
  const scale = Math.max(0, ...a.flat().map(Math.abs));
  const tiny = n * Number.EPSILON * scale;
  for (let k = 0; k < n; k++) {
    const size = (i: number): number => Math.abs(m[i]?.[k] ?? 0);
    let p = k;
    for (let i = k + 1; i < n; i++) if (size(i) > size(p)) p = i;
    if (!(size(p) > tiny))
      throw new RangeError(`solveLinear: the matrix is singular (no pivot in column ${k})`);
    [m[k], m[p]] = [m[p]!, m[k]!];
    const pivotRow = m[k]!;
    for (let i = k + 1; i < n; i++) {
      const row = m[i]!;
      const f = row[k]! / pivotRow[k]!;
      if (f === 0) continue;
      for (let j = k; j <= n; j++) row[j]! -= f * pivotRow[j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const row = m[i]!;
    let s = row[n]!;
    for (let j = i + 1; j < n; j++) s -= row[j]! * x[j]!;
    x[i] = s / row[i]!;
  }
  return x;
}

/**
 * The dense solve under the Jackson traffic equations: exact answers by hand, row swaps when a pivot
 * is zero, residuals of random well-conditioned systems, and refusal of singular or mis-shaped input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveLinear } from '../../src/analytic/linearSolve.js';

describe('solveLinear', () => {
  it('solves small systems as by hand', () => {
    const x = solveLinear(
      [
        [2, 1],
        [1, 3],
      ],
      [3, 5],
    );
    expect(x[0]).toBeCloseTo(0.8, 14);
    expect(x[1]).toBeCloseTo(1.4, 14);
    expect(solveLinear([[4]], [2])).toEqual([0.5]);
    expect(solveLinear([], [])).toEqual([]);
  });

  it('swaps rows when the leading entry is zero, and leaves its arguments alone', () => {
    const a = [
      [0, 1, 0],
      [0, 0, 2],
      [3, 0, 0],
    ];
    const b = [1, 4, 9];
    expect(solveLinear(a, b)).toEqual([3, 1, 2]);
    expect(a).toEqual([
      [0, 1, 0],
      [0, 0, 2],
      [3, 0, 0],
    ]);
    expect(b).toEqual([1, 4, 9]);
  });

  it('leaves a tiny residual on random diagonally dominant systems', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
          ),
        ),
        ([raw, b]) => {
          const n = b.length;
          // Put n + 1 on the diagonal: strictly dominant, so well conditioned.
          const a = raw.map((row, i) => row.map((v, j) => (i === j ? n + 1 : v)));
          const x = solveLinear(a, b);
          for (let i = 0; i < n; i++) {
            const r = a[i]!.reduce((s, v, j) => s + v * x[j]!, 0) - b[i]!;
            expect(Math.abs(r)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(b[i]!)));
          }
        },
      ),
    );
  });

  it('refuses singular and mis-shaped systems', () => {
    expect(() =>
      solveLinear(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow('solveLinear: the matrix is singular (no pivot in column 1)');
    expect(() => solveLinear([[0]], [1])).toThrow('singular (no pivot in column 0)');
    expect(() => solveLinear([[1, 0]], [1])).toThrow(RangeError);
    expect(() => solveLinear([[1], [2]], [1, 2])).toThrow(
      'expected a 2 × 2 matrix for a right-hand side of length 2',
    );
  });
});

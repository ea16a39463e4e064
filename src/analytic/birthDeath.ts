/**
 * Stationary distribution of the M/M/c family as a birth–death chain, computed in log space.
 *
 * With arrival rate λ and `min(n, c)·μ` departures in state n, the unnormalised weight of state n is
 * `w_n = ∏_{k=1..n} A / min(k, c)` with `A = λ/μ`. Those weights reach `A^c/c!`, which overflows for
 * a few hundred servers, so they are kept as logarithms and normalised with a log-sum-exp shifted by
 * the largest term: every probability is then exact to rounding, for any c and any load, and states too
 * unlikely for a double come out as 0 rather than NaN.
 *
 * @internal
 * @module
 */

/**
 * Log-weights `ln w_n` for n = 0..last of the chain with `c` servers and offered load `load`.
 *
 * @example
 * ```ts
 * logWeights(1, 1, 3); // [0, 0, 0, 0] (ρ = 1: all states equally likely)
 * ```
 * @internal
 */
export function logWeights(load: number, c: number, last: number): number[] {
  const out = new Array<number>(last + 1);
  const logLoad = Math.log(load);
  let acc = 0;
  out[0] = 0;
  for (let n = 1; n <= last; n++) {
    acc += logLoad - Math.log(Math.min(n, c));
    out[n] = acc;
  }
  return out;
}

/**
 * `ln Σ e^{x_i}`, shifted by the largest term so nothing overflows; `−∞` terms contribute nothing.
 *
 * @example
 * ```ts
 * logSumExp([0, 0]); // ln 2
 * ```
 * @internal
 */
export function logSumExp(xs: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > max) max = x;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const x of xs) sum += Math.exp(x - max);
  return max + Math.log(sum);
}

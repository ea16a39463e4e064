/**
 * The Halfin–Whitt (quality-and-efficiency-driven) regime of many-server queues. Staff an M/M/c with
 * offered load R as `c = R + β√R`; as R grows with β fixed, the probability of waiting tends to
 *
 *   `α(β) = 1 / (1 + β·Φ(β)/φ(β))`,
 *
 * with Φ and φ the standard normal CDF and density. It depends on β alone, which is why the
 * square-root rule staffs call centres of any size to the same service grade. Here it gives the
 * starting point of the exact staffing search (see staffing.ts). The gap to the exact Erlang C
 * shrinks like 1/√R (for β = 1 it is about 0.014 at R = 100). The ratio is taken in logarithms, so very
 * small α (large β) neither overflows nor underflows.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { nonNegative } from '../kernel/validate.js';
import { normalCdf } from '../random/special.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(β·Φ(β)/φ(β)) for β > 0, with ln φ(β) written out so that large β cannot underflow. */
function logRatio(beta: number): number {
  return Math.log(beta) + Math.log(normalCdf(beta)) + 0.5 * beta * beta + HALF_LOG_2PI;
}

/**
 * The Halfin–Whitt limit of the probability of waiting for staffing `c = R + β√R`.
 *
 * @param beta - the safety factor β, finite and ≥ 0 (β = 0 gives 1: everyone waits)
 * @param path - error path for β
 *
 * @example
 * ```ts
 * halfinWhittWaitProbability(0);    // 1
 * halfinWhittWaitProbability(1);    // ≈ 0.2234
 * halfinWhittWaitProbability(1.5);  // ≈ 0.0847
 * ```
 */
export function halfinWhittWaitProbability(beta: number, path = 'beta'): number {
  const b = nonNegative(beta, path);
  if (b === 0) return 1;
  return 1 / (1 + Math.exp(logRatio(b)));
}

/**
 * The safety factor β whose Halfin–Whitt probability of waiting is `alpha`: the inverse of
 * {@link halfinWhittWaitProbability}, found by bisection to full double precision.
 *
 * @param alpha - target probability of waiting, in (0, 1)
 * @param path - error path for α
 *
 * @example
 * ```ts
 * halfinWhittBeta(0.2);  // ≈ 1.06
 * const R = 400;
 * Math.ceil(R + halfinWhittBeta(0.2) * Math.sqrt(R)); // a first guess at the servers for 20 % waiting
 * ```
 */
export function halfinWhittBeta(alpha: number, path = 'alpha'): number {
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1))
    throw new ParameterError(path, 'a probability in (0, 1)', alpha);
  // α(β) = 1/(1 + e^{g(β)}) with g increasing, so solve g(β) = ln((1 − α)/α).
  const target = Math.log1p(-alpha) - Math.log(alpha);
  return solveIncreasing(logRatio, target);
}

/**
 * Least β > 0 with `f(β) ≥ target` for an increasing f (−∞ at 0⁺): bracket by doubling, then bisect
 * until the bracket stops shrinking in floating point.
 */
function solveIncreasing(f: (beta: number) => number, target: number): number {
  let hi = 1;
  while (f(hi) < target) hi *= 2;
  let lo = 0;
  for (;;) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) return hi;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
}

/**
 * Least β > 0 satisfying a condition that, once true, stays true for larger β. Used to translate wait
 * targets into a square-root staffing guess.
 *
 * @example
 * ```ts
 * leastBeta((b) => halfinWhittWaitProbability(b) <= 0.2); // ≈ 1.06
 * ```
 * @internal
 */
export function leastBeta(ok: (beta: number) => boolean): number {
  return solveIncreasing((b) => (ok(b) ? 1 : 0), 1);
}

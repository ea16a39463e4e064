/**
 * Erlang's two formulas, for `c` servers offered `A = λ/μ` Erlangs of Poisson traffic with
 * exponential service.
 *
 * - **Erlang B** is the share of arrivals turned away by a loss system with no waiting room
 *   (M/M/c/c). By insensitivity it holds for any service-time distribution with the same mean.
 * - **Erlang C** is the share of arrivals that must wait in a delay system with an infinite queue
 *   (M/M/c); it needs `A < c`.
 *
 * Both are computed without factorials or powers, which overflow near c ≈ 170: Erlang B by the
 * recursion `B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))`, whose every step is a ratio in [0, 1], and
 * Erlang C from it by `C = B / (1 − ρ(1 − B))` with `ρ = A/c`. The cost is O(c), so thousands of servers
 * at loads of thousands of Erlangs take microseconds and stay accurate to a few ulps per step.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { integer, nonNegative, positiveInt } from '../kernel/validate.js';
import { at } from './params.js';

/**
 * Erlang B recursion without checks: the blocking probability of `servers` servers offered `load`
 * Erlangs. Callers must pass an integer `servers ≥ 0` and a finite `load ≥ 0`.
 *
 * @example
 * ```ts
 * erlangBUnchecked(10, 5); // ≈ 0.018384
 * ```
 * @internal
 */
export function erlangBUnchecked(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = load * b;
    b = ab / (k + ab);
  }
  return b;
}

/**
 * Erlang C from Erlang B without checks: needs `load < servers`.
 *
 * @example
 * ```ts
 * erlangCFromB(10, 5, erlangBUnchecked(10, 5)); // ≈ 0.036105
 * ```
 * @internal
 */
export function erlangCFromB(servers: number, load: number, blocking: number): number {
  const rho = load / servers;
  return blocking / (1 - rho * (1 - blocking));
}

/**
 * Erlang B: the probability that an arrival finds all `servers` busy and is lost, when `load` Erlangs
 * (arrival rate × mean service time) are offered to a loss system with no waiting room (M/M/c/c, and
 * by insensitivity M/G/c/c).
 *
 * @param servers - number of servers, an integer ≥ 0 (0 servers block everything)
 * @param load - offered load A = λ/μ in Erlangs, finite and ≥ 0
 * @param path - prefix for error paths, e.g. `sites[2]`
 * @returns the blocking probability in [0, 1]
 *
 * @example
 * ```ts
 * erlangB(10, 5);       // ≈ 0.01838: 10 lines offered 5 Erlangs lose 1.8 % of calls
 * erlangB(2000, 1900);  // stable at thousands of servers, no overflow
 * ```
 */
export function erlangB(servers: number, load: number, path = ''): number {
  const c = integer(servers, at(path, 'servers'));
  const a = nonNegative(load, at(path, 'load'));
  return erlangBUnchecked(c, a);
}

/**
 * Erlang C: the probability that an arrival has to wait in an M/M/c queue with `servers` servers
 * offered `load` Erlangs (the steady-state probability that all servers are busy).
 *
 * @param servers - number of servers, an integer ≥ 1
 * @param load - offered load A = λ/μ in Erlangs, finite, ≥ 0 and below `servers` (stability)
 * @param path - prefix for error paths
 * @returns the probability of waiting in [0, 1)
 *
 * @example
 * ```ts
 * erlangC(10, 5);    // ≈ 0.0361
 * erlangC(1, 0.8);   // 0.8: for one server it equals the utilisation
 * erlangC(10, 12);   // throws "load: expected an offered load < servers = 10 …, got 12"
 * ```
 */
export function erlangC(servers: number, load: number, path = ''): number {
  const c = positiveInt(servers, at(path, 'servers'));
  const a = nonNegative(load, at(path, 'load'));
  if (!(a < c))
    throw new ParameterError(
      at(path, 'load'),
      `an offered load < servers = ${c} (otherwise the queue grows without bound)`,
      a,
    );
  return erlangCFromB(c, a, erlangBUnchecked(c, a));
}

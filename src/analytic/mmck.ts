/**
 * Finite-capacity queues M/M/c/K: Poisson arrivals at rate λ, `c` exponential servers of rate μ, and
 * room for at most `K ≥ c` customers in the system (in service plus waiting). An arrival that finds K
 * present is turned away (blocked) and lost. M/M/c/c is the pure loss system of Erlang B; M/M/1/K the
 * single-server case.
 *
 * No stability condition is needed: the state space is finite, so any λ ≥ 0 has a steady state,
 * including ρ = λ/(cμ) = 1, where M/M/1/K spreads its mass evenly over 0..K. The state probabilities
 * come from the birth–death chain in log space (see birthDeath.ts), so large K and c are safe.
 *
 * Little's law applies to admitted customers, whose rate is the throughput `λ(1 − P(block))`:
 * `W = L / throughput`, `Wq = Lq / throughput`.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { integer, nonNegative, positive, positiveInt } from '../kernel/validate.js';
import { logSumExp, logWeights } from './birthDeath.js';
import { at, readParams } from './params.js';

/**
 * Parameters of an M/M/c/K queue.
 *
 * @example
 * ```ts
 * const tent: MmckParams = { arrivalRate: 1, serviceRate: 0.2, servers: 4, capacity: 30 };
 * ```
 */
export interface MmckParams {
  /** λ: arrivals per unit time (offered, before blocking), ≥ 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time of one busy server, > 0. */
  readonly serviceRate: number;
  /** c: number of servers, an integer ≥ 1. */
  readonly servers: number;
  /** K: most customers the system holds, in service and waiting; an integer ≥ servers. */
  readonly capacity: number;
}

/**
 * Parameters of an M/M/1/K queue.
 *
 * @example
 * ```ts
 * const p: Mm1kParams = { arrivalRate: 1, serviceRate: 1, capacity: 5 };
 * ```
 */
export interface Mm1kParams {
  /** λ: arrivals per unit time (offered), ≥ 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time, > 0. */
  readonly serviceRate: number;
  /** K: most customers in the system, an integer ≥ 1. */
  readonly capacity: number;
}

/**
 * Steady-state measures of a finite-capacity queue. Times are in the unit of the rates and refer to
 * admitted customers.
 *
 * @example
 * ```ts
 * const m: FiniteQueueMetrics = mm1k({ arrivalRate: 1, serviceRate: 1, capacity: 4 });
 * m.pBlock; // 0.2
 * ```
 */
export interface FiniteQueueMetrics {
  /** Offered load A = λ/μ in Erlangs. */
  readonly load: number;
  /** Offered utilisation λ/(cμ); may exceed 1. */
  readonly rho: number;
  /** Carried utilisation: the mean share of time each server is busy, throughput/(cμ). */
  readonly utilisation: number;
  /** Probability an arrival is blocked (finds K present): the time share of state K, by PASTA. */
  readonly pBlock: number;
  /** Probability an admitted arrival has to wait (finds all servers busy but room to queue). */
  readonly pWait: number;
  /** Effective arrival rate of admitted customers, λ(1 − pBlock), which is also the departure rate. */
  readonly throughput: number;
  /** Mean number waiting. */
  readonly Lq: number;
  /** Mean number in the system. */
  readonly L: number;
  /** Mean wait of an admitted customer before service. */
  readonly Wq: number;
  /** Mean time in the system of an admitted customer. */
  readonly W: number;
  /** `probabilities[n]` = P(N = n), n = 0..K. */
  readonly probabilities: number[];
}

/**
 * Steady-state measures and state probabilities of an M/M/c/K queue.
 *
 * @param params - arrival rate λ, service rate μ, servers c, system capacity K ≥ c
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * mmck({ arrivalRate: 5, serviceRate: 1, servers: 10, capacity: 10 }).pBlock; // ≈ 0.01838 = Erlang B
 * mmck({ arrivalRate: 3, serviceRate: 1, servers: 2, capacity: 6 }).throughput;
 * ```
 */
export function mmck(params: MmckParams, path = ''): FiniteQueueMetrics {
  const p = readParams(params, path, 'M/M/c/K', ['arrivalRate', 'serviceRate', 'servers', 'capacity']);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  const c = positiveInt(p.servers, at(path, 'servers'));
  const capPath = at(path, 'capacity');
  const k = integer(p.capacity, capPath, 1);
  if (k < c) throw new ParameterError(capPath, `an integer ≥ servers = ${c}`, k);
  return finiteQueue(lambda, mu, c, k);
}

/**
 * Steady-state measures of an M/M/1/K queue. At ρ = 1 every state 0..K has probability 1/(K + 1).
 *
 * @param params - arrival rate λ, service rate μ, capacity K ≥ 1
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * const m = mm1k({ arrivalRate: 1, serviceRate: 1, capacity: 4 });
 * m.probabilities; // [0.2, 0.2, 0.2, 0.2, 0.2]
 * m.L;             // 2
 * ```
 */
export function mm1k(params: Mm1kParams, path = ''): FiniteQueueMetrics {
  const p = readParams(params, path, 'M/M/1/K', ['arrivalRate', 'serviceRate', 'capacity']);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  const k = positiveInt(p.capacity, at(path, 'capacity'));
  return finiteQueue(lambda, mu, 1, k);
}

function finiteQueue(lambda: number, mu: number, c: number, k: number): FiniteQueueMetrics {
  const load = lambda / mu;
  const logW = logWeights(load, c, k);
  const logZ = logSumExp(logW);
  const probabilities = logW.map((x) => Math.exp(x - logZ));
  let L = 0;
  let Lq = 0;
  let waitMass = 0;
  for (let n = 0; n <= k; n++) {
    const pn = probabilities[n]!;
    L += n * pn;
    if (n > c) Lq += (n - c) * pn;
    if (n >= c && n < k) waitMass += pn;
  }
  const pBlock = probabilities[k]!;
  const admitted = 1 - pBlock;
  const throughput = lambda * admitted;
  // With no traffic the limits are a zero wait and one plain service for a hypothetical arrival.
  const Wq = throughput > 0 ? Lq / throughput : 0;
  return {
    load,
    rho: load / c,
    utilisation: (L - Lq) / c,
    pBlock,
    pWait: admitted > 0 ? waitMass / admitted : 0,
    throughput,
    Lq,
    L,
    Wq,
    W: Wq + 1 / mu,
    probabilities,
  };
}

/**
 * The M/M/c queue in steady state: Poisson arrivals at rate λ, `c` identical servers with exponential
 * service at rate μ each, unlimited waiting room, first come first served.
 *
 * With offered load `A = λ/μ` and utilisation `ρ = A/c < 1`, the probability of waiting is Erlang C,
 * `C(c, A)`, and everything else follows from it: `Wq = C / (cμ − λ)`, `Lq = λ·Wq` (Little),
 * `W = Wq + 1/μ`, `L = λ·W = Lq + A`. Erlang C comes from the stable Erlang B recursion, so the
 * formulas hold for thousands of servers.
 *
 * Rates are per unit of time of the caller's choosing (surgesim models use seconds); times come out in
 * the same unit.
 *
 * @module
 */
import { nonNegative, positive, positiveInt } from '../kernel/validate.js';
import { erlangBUnchecked, erlangCFromB } from './erlang.js';
import { at, readParams, requireStable } from './params.js';

/**
 * Parameters of an M/M/c queue.
 *
 * @example
 * ```ts
 * const desk: MmcParams = { arrivalRate: 0.5, serviceRate: 1 / 40, servers: 25 }; // per second
 * ```
 */
export interface MmcParams {
  /** λ: arrivals per unit time, ≥ 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time of one busy server, > 0. */
  readonly serviceRate: number;
  /** c: number of servers, an integer ≥ 1. */
  readonly servers: number;
}

/**
 * Parameters of an M/M/1 queue.
 *
 * @example
 * ```ts
 * const p: Mm1Params = { arrivalRate: 0.8, serviceRate: 1 };
 * ```
 */
export interface Mm1Params {
  /** λ: arrivals per unit time, ≥ 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time, > 0. */
  readonly serviceRate: number;
}

/**
 * Steady-state measures of a queue with an infinite waiting room. Times are in the unit of the rates.
 *
 * @example
 * ```ts
 * const m: QueueMetrics = mm1({ arrivalRate: 0.8, serviceRate: 1 });
 * m.Lq; // 3.2
 * ```
 */
export interface QueueMetrics {
  /** Offered load A = λ/μ in Erlangs: the mean number of busy servers. */
  readonly load: number;
  /** Utilisation of each server, ρ = λ/(cμ), in [0, 1). */
  readonly rho: number;
  /** Probability that an arrival has to wait (Erlang C for M/M/c). */
  readonly pWait: number;
  /** Mean number waiting (not in service). */
  readonly Lq: number;
  /** Mean number in the system (waiting and in service). */
  readonly L: number;
  /** Mean wait before service starts. */
  readonly Wq: number;
  /** Mean time in the system (wait plus service). */
  readonly W: number;
  /** Departures per unit time; equals the arrival rate in steady state. */
  readonly throughput: number;
}

/**
 * Validated M/M/c parameters, in the short names the formulas use.
 *
 * @example
 * ```ts
 * const q: MmcInput = { lambda: 2, mu: 1, c: 3 };
 * ```
 * @internal
 */
export interface MmcInput {
  readonly lambda: number;
  readonly mu: number;
  readonly c: number;
}

/**
 * Read and validate M/M/c parameters, stability included.
 *
 * @example
 * ```ts
 * readMmc({ arrivalRate: 1, serviceRate: 1, servers: 2 }, '', 'M/M/c'); // { lambda: 1, mu: 1, c: 2 }
 * ```
 * @internal
 */
export function readMmc(params: unknown, path: string, model: string): MmcInput {
  const p = readParams(params, path, model, ['arrivalRate', 'serviceRate', 'servers']);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  const c = positiveInt(p.servers, at(path, 'servers'));
  requireStable(lambda, path, { rate: mu }, c);
  return { lambda, mu, c };
}

/**
 * M/M/c measures without checks; needs `lambda < c·mu`.
 *
 * @example
 * ```ts
 * mmcUnchecked(0.8, 1, 1).Lq; // 3.2
 * ```
 * @internal
 */
export function mmcUnchecked(lambda: number, mu: number, c: number): QueueMetrics {
  const load = lambda / mu;
  const pWait = erlangCFromB(c, load, erlangBUnchecked(c, load));
  const Wq = pWait / (c * mu - lambda);
  const W = Wq + 1 / mu;
  return { load, rho: load / c, pWait, Lq: lambda * Wq, L: lambda * W, Wq, W, throughput: lambda };
}

/**
 * Steady-state measures of an M/M/c queue.
 *
 * @param params - arrival rate λ, service rate μ per server, servers c; needs λ < cμ
 * @param path - prefix for error paths, e.g. `sites[2].registration`
 * @throws ParameterError when a parameter is invalid or the queue is unstable (λ ≥ cμ); the message
 *   names the arrival rate, the servers and the service rate.
 *
 * @example
 * ```ts
 * const m = mmc({ arrivalRate: 2, serviceRate: 1, servers: 3 });
 * m.pWait; // 4/9 ≈ 0.444
 * m.Wq;    // 4/9 ≈ 0.444 time units
 * m.L;     // 2.889
 * ```
 */
export function mmc(params: MmcParams, path = ''): QueueMetrics {
  const { lambda, mu, c } = readMmc(params, path, 'M/M/c');
  return mmcUnchecked(lambda, mu, c);
}

/**
 * Steady-state measures of an M/M/1 queue: `ρ = λ/μ`, `Lq = ρ²/(1 − ρ)`, `W = 1/(μ − λ)`.
 *
 * @param params - arrival rate λ and service rate μ; needs λ < μ
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * const m = mm1({ arrivalRate: 0.8, serviceRate: 1 });
 * m.Lq; // 3.2
 * m.W;  // 5
 * ```
 */
export function mm1(params: Mm1Params, path = ''): QueueMetrics {
  const p = readParams(params, path, 'M/M/1', ['arrivalRate', 'serviceRate']);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  requireStable(lambda, path, { rate: mu });
  return mmcUnchecked(lambda, mu, 1);
}

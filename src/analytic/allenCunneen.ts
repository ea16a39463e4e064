/**
 * The Allen–Cunneen approximation for the G/G/c queue: general interarrival times (squared coefficient
 * of variation ca²), c servers with general service times (mean E[S], SCV cs²).
 *
 * It scales the exact M/M/c mean wait by the variability of the two processes:
 * `Wq ≈ Wq(M/M/c) · (ca² + cs²) / 2`. With ca² = cs² = 1 it is exact (M/M/c); with ca² = 1 and c = 1
 * it is exact too (Pollaczek–Khinchine). Elsewhere it is a heuristic whose error grows with the
 * distance from those cases: it is best in heavy traffic with moderate variability and can be poor in
 * light traffic or with very irregular arrivals. Use it for starting points, sanity checks and orders
 * of magnitude, and the simulation for the answer.
 *
 * @module
 */
import { nonNegative, positive, positiveInt } from '../kernel/validate.js';
import { erlangBUnchecked, erlangCFromB } from './erlang.js';
import type { QueueMetrics } from './mmc.js';
import { at, readParams, requireStable } from './params.js';

/**
 * Parameters of a G/G/c queue described by two moments.
 *
 * @example
 * ```ts
 * const p: GgcParams = { arrivalRate: 0.5, serviceMean: 40, servers: 25, arrivalScv: 1, serviceScv: 0.25 };
 * ```
 */
export interface GgcParams {
  /** λ: arrivals per unit time, ≥ 0. */
  readonly arrivalRate: number;
  /** E[S]: mean service time, > 0. */
  readonly serviceMean: number;
  /** c: number of servers, an integer ≥ 1. */
  readonly servers: number;
  /** ca²: squared coefficient of variation of the interarrival times (1 for Poisson), ≥ 0. */
  readonly arrivalScv: number;
  /** cs²: squared coefficient of variation of the service times (1 for exponential), ≥ 0. */
  readonly serviceScv: number;
}

/**
 * The variability-scaled M/M/c wait, without checks; needs `lambda·mean < c`.
 *
 * @example
 * ```ts
 * ggcApproximation(0.8, 1, 1, 1, 0).Wq; // 2, the exact M/D/1 wait
 * ```
 * @internal
 */
export function ggcApproximation(
  lambda: number,
  mean: number,
  c: number,
  ca2: number,
  cs2: number,
): QueueMetrics {
  const load = lambda * mean;
  const pWait = erlangCFromB(c, load, erlangBUnchecked(c, load));
  const Wq = ((pWait * mean) / (c - load)) * ((ca2 + cs2) / 2);
  const W = Wq + mean;
  return { load, rho: load / c, pWait, Lq: lambda * Wq, L: lambda * W, Wq, W, throughput: lambda };
}

/**
 * Approximate steady-state means of a G/G/c queue by Allen–Cunneen. `pWait` is the Erlang C value
 * of the matching M/M/c, which the approximation uses unchanged.
 *
 * @param params - arrival rate, mean service time, servers and the two SCVs; needs λ·E[S] < c
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * // 25 swab stations, a resident every 2 s, swabs of 40 s with sd 20 s (cs² = 0.25), Poisson arrivals
 * allenCunneen({ arrivalRate: 0.5, serviceMean: 40, servers: 25, arrivalScv: 1, serviceScv: 0.25 }).Wq;
 * ```
 */
export function allenCunneen(params: GgcParams, path = ''): QueueMetrics {
  const p = readParams(params, path, 'G/G/c', [
    'arrivalRate',
    'serviceMean',
    'servers',
    'arrivalScv',
    'serviceScv',
  ]);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mean = positive(p.serviceMean, at(path, 'serviceMean'));
  const c = positiveInt(p.servers, at(path, 'servers'));
  const ca2 = nonNegative(p.arrivalScv, at(path, 'arrivalScv'));
  const cs2 = nonNegative(p.serviceScv, at(path, 'serviceScv'));
  requireStable(lambda, path, { mean }, c);
  return ggcApproximation(lambda, mean, c, ca2, cs2);
}

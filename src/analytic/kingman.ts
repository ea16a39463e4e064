/**
 * Kingman's formula for the G/G/1 queue, the single-server "VUT" equation:
 * `Wq ≈ (ca² + cs²)/2 · ρ/(1 − ρ) · E[S]` — variability times utilisation times time. It becomes
 * exact in heavy traffic (as ρ → 1 the relative error vanishes) and is exact at any load for Poisson
 * arrivals (ca² = 1), where it is Pollaczek–Khinchine. It is Allen–Cunneen with one server.
 *
 * @module
 */
import { nonNegative, positive } from '../kernel/validate.js';
import { ggcApproximation } from './allenCunneen.js';
import type { QueueMetrics } from './mmc.js';
import { at, readParams, requireStable } from './params.js';

/**
 * Parameters of a G/G/1 queue described by two moments.
 *
 * @example
 * ```ts
 * const p: Gg1Params = { arrivalRate: 0.9, serviceMean: 1, arrivalScv: 0.5, serviceScv: 2 };
 * ```
 */
export interface Gg1Params {
  /** λ: arrivals per unit time, ≥ 0. */
  readonly arrivalRate: number;
  /** E[S]: mean service time, > 0. */
  readonly serviceMean: number;
  /** ca²: squared coefficient of variation of the interarrival times, ≥ 0. */
  readonly arrivalScv: number;
  /** cs²: squared coefficient of variation of the service times, ≥ 0. */
  readonly serviceScv: number;
}

/**
 * Approximate steady-state means of a G/G/1 queue by Kingman's formula. `pWait` is reported as ρ,
 * the M/M/1 value (exact for Poisson arrivals).
 *
 * @param params - arrival rate, mean service time and the two SCVs; needs λ·E[S] < 1
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * kingman({ arrivalRate: 0.9, serviceMean: 1, arrivalScv: 1, serviceScv: 1 }).Wq; // 9, exact M/M/1
 * kingman({ arrivalRate: 0.9, serviceMean: 1, arrivalScv: 0.5, serviceScv: 0 }).Wq; // 2.25
 * ```
 */
export function kingman(params: Gg1Params, path = ''): QueueMetrics {
  const p = readParams(params, path, 'G/G/1', ['arrivalRate', 'serviceMean', 'arrivalScv', 'serviceScv']);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mean = positive(p.serviceMean, at(path, 'serviceMean'));
  const ca2 = nonNegative(p.arrivalScv, at(path, 'arrivalScv'));
  const cs2 = nonNegative(p.serviceScv, at(path, 'serviceScv'));
  requireStable(lambda, path, { mean });
  return ggcApproximation(lambda, mean, 1, ca2, cs2);
}

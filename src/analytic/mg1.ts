/**
 * The M/G/1 queue by the Pollaczek–Khinchine formula: Poisson arrivals at rate λ, one server, service
 * times S of any distribution with mean E[S] and variance Var[S], first come first served.
 *
 * With ρ = λ·E[S] < 1 and the squared coefficient of variation `cs² = Var[S]/E[S]²`,
 * `Wq = λ·E[S²] / (2(1 − ρ)) = E[S]·ρ(1 + cs²) / (2(1 − ρ))`: only the first two moments of service
 * matter for the mean wait. cs² = 1 gives M/M/1; cs² = 0 gives M/D/1, whose queue is half as long.
 * Any surgesim distribution knows its `mean` and `variance`, so they can be passed straight in.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { nonNegative, positive } from '../kernel/validate.js';
import type { QueueMetrics } from './mmc.js';
import { at, readParams, requireStable } from './params.js';

/**
 * Parameters of an M/G/1 queue: the service-time mean and exactly one of its variance or its squared
 * coefficient of variation.
 *
 * @example
 * ```ts
 * const swab = lognormal({ mean: 40, sd: 20 });
 * const p: Mg1Params = { arrivalRate: 0.02, serviceMean: swab.mean, serviceVariance: swab.variance };
 * const q: Mg1Params = { arrivalRate: 0.02, serviceMean: 40, serviceScv: 0.25 };
 * ```
 */
export type Mg1Params =
  | {
      /** λ: arrivals per unit time, ≥ 0. */
      readonly arrivalRate: number;
      /** E[S]: mean service time, > 0. */
      readonly serviceMean: number;
      /** Var[S]: service-time variance, ≥ 0. */
      readonly serviceVariance: number;
      readonly serviceScv?: never;
    }
  | {
      /** λ: arrivals per unit time, ≥ 0. */
      readonly arrivalRate: number;
      /** E[S]: mean service time, > 0. */
      readonly serviceMean: number;
      /** cs² = Var[S]/E[S]²: squared coefficient of variation of service, ≥ 0. */
      readonly serviceScv: number;
      readonly serviceVariance?: never;
    };

/**
 * Parameters of an M/D/1 queue (constant service time).
 *
 * @example
 * ```ts
 * const p: Md1Params = { arrivalRate: 0.8, serviceTime: 1 };
 * ```
 */
export interface Md1Params {
  /** λ: arrivals per unit time, ≥ 0. */
  readonly arrivalRate: number;
  /** The fixed service time, > 0. */
  readonly serviceTime: number;
}

/**
 * Pollaczek–Khinchine measures without checks; needs `lambda·mean < 1`.
 *
 * @example
 * ```ts
 * pollaczekKhinchine(0.8, 1, 0).Lq; // 1.6
 * ```
 * @internal
 */
export function pollaczekKhinchine(lambda: number, mean: number, scv: number): QueueMetrics {
  const rho = lambda * mean;
  const Wq = (mean * rho * (1 + scv)) / (2 * (1 - rho));
  const W = Wq + mean;
  // PASTA: an arrival waits exactly when the server is busy, which it is a share ρ of the time.
  return { load: rho, rho, pWait: rho, Lq: lambda * Wq, L: lambda * W, Wq, W, throughput: lambda };
}

/**
 * Steady-state means of an M/G/1 queue (Pollaczek–Khinchine).
 *
 * @param params - arrival rate λ, mean service time, and its variance or its SCV; needs λ·E[S] < 1
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * mg1({ arrivalRate: 0.8, serviceMean: 1, serviceVariance: 1 }).Lq; // 3.2, as M/M/1
 * mg1({ arrivalRate: 0.8, serviceMean: 1, serviceScv: 0 }).Lq;      // 1.6, as M/D/1
 * ```
 */
export function mg1(params: Mg1Params, path = ''): QueueMetrics {
  const p = readParams(params, path, 'M/G/1', [
    'arrivalRate',
    'serviceMean',
    'serviceVariance',
    'serviceScv',
  ]);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mean = positive(p.serviceMean, at(path, 'serviceMean'));
  const hasVar = p.serviceVariance !== undefined;
  if (hasVar === (p.serviceScv !== undefined))
    throw new ParameterError(path || 'params', 'exactly one of serviceVariance or serviceScv', params);
  const scv = hasVar
    ? nonNegative(p.serviceVariance, at(path, 'serviceVariance')) / (mean * mean)
    : nonNegative(p.serviceScv, at(path, 'serviceScv'));
  requireStable(lambda, path, { mean });
  return pollaczekKhinchine(lambda, mean, scv);
}

/**
 * Steady-state means of an M/D/1 queue: P–K with zero service variance,
 * `Lq = ρ² / (2(1 − ρ))`, half the M/M/1 value at the same load.
 *
 * @param params - arrival rate λ and the constant service time; needs λ·serviceTime < 1
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * md1({ arrivalRate: 0.8, serviceTime: 1 }).Lq; // 1.6
 * md1({ arrivalRate: 0.8, serviceTime: 1 }).W;  // 3
 * ```
 */
export function md1(params: Md1Params, path = ''): QueueMetrics {
  const p = readParams(params, path, 'M/D/1', ['arrivalRate', 'serviceTime']);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const d = positive(p.serviceTime, at(path, 'serviceTime'));
  requireStable(lambda, path, { mean: d, name: 'serviceTime' });
  return pollaczekKhinchine(lambda, d, 0);
}

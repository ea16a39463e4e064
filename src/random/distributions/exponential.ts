/**
 * Exponential and Weibull: times to an event. The exponential is memoryless (Poisson arrivals have
 * exponential gaps); the Weibull bends it with a shape k (k < 1 early failures, k > 1 wear-out).
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { positive } from '../../kernel/validate.js';
import { at, type Distribution, DistributionBase, paramsObject } from '../distribution.js';
import { log1p, pow } from '../math.js';
import type { Rng } from '../rng.js';
import { gammaFunction } from '../special.js';

/**
 * Parameters of {@link exponential}: either the rate (events per unit time) or the mean.
 *
 * @example
 * ```ts
 * const a: ExponentialParams = { rate: 0.025 };
 * const b: ExponentialParams = { mean: 40 };
 * ```
 */
export type ExponentialParams =
  | { readonly rate: number; readonly mean?: never }
  | { readonly mean: number; readonly rate?: never };

/**
 * The exponential distribution, sampled by inversion: `−ln(1 − U) / rate`.
 *
 * @example
 * ```ts
 * exponential({ mean: 40 }).rate;  // 0.025
 * exponential({ rate: 0.5 }).mean; // 2
 * ```
 */
export class Exponential extends DistributionBase implements Distribution {
  readonly name = 'exponential';
  /** The parameters as given: the rate or the mean (no `never` keys, so they read as JSON in any consumer). */
  readonly params: { readonly rate: number } | { readonly mean: number };
  /** Events per unit time. */
  readonly rate: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

  constructor(params: ExponentialParams, path = '') {
    super();
    const p = paramsObject(params, path, 'exponential', ['rate', 'mean']);
    if ((p.rate === undefined) === (p.mean === undefined))
      throw new ParameterError(path || 'exponential', 'exactly one of rate or mean', params);
    if (p.rate !== undefined) {
      this.rate = positive(p.rate, at(path, 'rate'));
      this.mean = 1 / this.rate;
      this.params = { rate: this.rate };
    } else {
      this.mean = positive(p.mean, at(path, 'mean'));
      this.rate = 1 / this.mean;
      this.params = { mean: this.mean };
    }
    this.variance = this.mean * this.mean;
  }

  sample(rng: Rng): number {
    return -log1p(-rng.next()) * this.mean;
  }

  quantile(p: number): number {
    return -log1p(-p) * this.mean;
  }
}

/**
 * Build an {@link Exponential}.
 *
 * @param params - `{ rate }` or `{ mean }`.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * const gap = exponential({ rate: 1200 / 3600 }); // 1,200 arrivals per hour, in seconds
 * ```
 */
export function exponential(params: ExponentialParams, path = ''): Exponential {
  return new Exponential(params, path);
}

/**
 * Parameters of {@link weibull}.
 *
 * @example
 * ```ts
 * const p: WeibullParams = { shape: 1.5, scale: 60 };
 * ```
 */
export type WeibullParams = {
  /** Shape k > 0. */
  readonly shape: number;
  /** Scale λ > 0 (the 63.2 % quantile). */
  readonly scale: number;
};

/**
 * The Weibull distribution, sampled by inversion: `scale · (−ln(1 − U))^{1/shape}`.
 * Mean `λ Γ(1 + 1/k)`, variance `λ² (Γ(1 + 2/k) − Γ(1 + 1/k)²)`.
 *
 * @example
 * ```ts
 * weibull({ shape: 1, scale: 30 }).mean; // 30 (exponential)
 * ```
 */
export class Weibull extends DistributionBase implements Distribution {
  readonly name = 'weibull';
  readonly params: WeibullParams;
  /** Shape k > 0. */
  readonly shape: number;
  /** Scale λ > 0 (the 63.2 % quantile). */
  readonly scale: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

  constructor(params: WeibullParams, path = '') {
    super();
    const p = paramsObject(params, path, 'weibull', ['shape', 'scale']);
    this.shape = positive(p.shape, at(path, 'shape'));
    this.scale = positive(p.scale, at(path, 'scale'));
    this.params = { shape: this.shape, scale: this.scale };
    const g1 = gammaFunction(1 + 1 / this.shape);
    const g2 = gammaFunction(1 + 2 / this.shape);
    this.mean = this.scale * g1;
    this.variance = this.scale * this.scale * (g2 - g1 * g1);
  }

  sample(rng: Rng): number {
    return this.scale * pow(-log1p(-rng.next()), 1 / this.shape);
  }

  quantile(p: number): number {
    return this.scale * pow(-log1p(-p), 1 / this.shape);
  }
}

/**
 * Build a {@link Weibull}.
 *
 * @param params - `{ shape, scale }`, both > 0.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * weibull({ shape: 2, scale: 60 }).sample(rng);
 * ```
 */
export function weibull(params: WeibullParams, path = ''): Weibull {
  return new Weibull(params, path);
}

/**
 * Gamma-family distributions: gamma, Erlang, beta and beta-PERT.
 *
 * Gamma variates come from Marsaglia and Tsang's (2000) squeeze method; Erlang is a gamma with an
 * integer shape (k exponential phases), drawn as a sum of exponentials when k is small; beta is
 * G₁ / (G₁ + G₂), computed from the logs of the gammas so that small shapes cannot give 0/0; PERT is a
 * beta rescaled to [min, max] with its mode where the planner says it is.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, positive, positiveInt } from '../../kernel/validate.js';
import { at, type Distribution, DistributionBase, greaterThan, paramsObject } from '../distribution.js';
import { exp, log } from '../math.js';
import type { Rng } from '../rng.js';
import { logStandardGamma, standardGamma } from '../sampling.js';

/**
 * Parameters of {@link gamma}: `{ shape, rate }`, `{ shape, scale }` (scale = 1/rate) or
 * `{ mean, sd }` (shape = (mean/sd)², rate = mean/sd²).
 *
 * @example
 * ```ts
 * const p: GammaParams = { mean: 40, sd: 20 };
 * ```
 */
export type GammaParams =
  | { readonly shape: number; readonly rate: number }
  | { readonly shape: number; readonly scale: number }
  | { readonly mean: number; readonly sd: number };

/**
 * The gamma distribution. Mean shape/rate, variance shape/rate².
 *
 * @example
 * ```ts
 * gamma({ shape: 2, rate: 0.1 }).mean;  // 20
 * gamma({ mean: 40, sd: 20 }).shape;    // 4
 * ```
 */
export class Gamma extends DistributionBase implements Distribution {
  readonly name = 'gamma';
  readonly params: GammaParams;
  /** Shape α > 0 (given, or (mean / sd)² from a mean and sd). */
  readonly shape: number;
  /** Rate > 0, the reciprocal of the scale. */
  readonly rate: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

  constructor(params: GammaParams, path = '') {
    super();
    const p = paramsObject(params, path, 'gamma', ['shape', 'rate', 'scale', 'mean', 'sd']);
    const forms = [['rate'], ['scale'], ['mean', 'sd']] as const;
    const given = forms.filter((f) => f.some((k) => p[k] !== undefined));
    const form = given[0];
    if (given.length !== 1 || form === undefined || (form[0] === 'mean') === (p.shape !== undefined))
      throw new ParameterError(
        path || 'gamma',
        'exactly one of { shape, rate }, { shape, scale } or { mean, sd }',
        params,
      );
    if (form[0] === 'mean') {
      const mean = positive(p.mean, at(path, 'mean'));
      const sd = positive(p.sd, at(path, 'sd'));
      this.shape = (mean / sd) ** 2;
      this.rate = mean / (sd * sd);
      this.params = { mean, sd };
    } else {
      this.shape = positive(p.shape, at(path, 'shape'));
      if (form[0] === 'rate') {
        this.rate = positive(p.rate, at(path, 'rate'));
        this.params = { shape: this.shape, rate: this.rate };
      } else {
        const scale = positive(p.scale, at(path, 'scale'));
        this.rate = 1 / scale;
        this.params = { shape: this.shape, scale };
      }
    }
    this.mean = this.shape / this.rate;
    this.variance = this.shape / (this.rate * this.rate);
  }

  sample(rng: Rng): number {
    return standardGamma(rng, this.shape) / this.rate;
  }
}

/**
 * Build a {@link Gamma}.
 *
 * @param params - `{ shape, rate }`, `{ shape, scale }` or `{ mean, sd }`.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * gamma({ shape: 0.5, scale: 10 }).sample(rng);
 * ```
 */
export function gamma(params: GammaParams, path = ''): Gamma {
  return new Gamma(params, path);
}

/**
 * Parameters of {@link erlang}: `k` phases, each at `rate`, or with overall `mean` (each phase mean/k).
 *
 * @example
 * ```ts
 * const p: ErlangParams = { k: 3, mean: 30 };
 * ```
 */
export type ErlangParams =
  | { readonly k: number; readonly rate: number; readonly mean?: never }
  | { readonly k: number; readonly mean: number; readonly rate?: never };

/** Up to this many phases the sampler multiplies uniforms (one log); the product cannot underflow. */
const ERLANG_PRODUCT_MAX_K = 16;

/**
 * The Erlang distribution: the sum of `k` independent exponential phases with rate `rate`.
 * Mean k/rate, variance k/rate².
 *
 * @example
 * ```ts
 * erlang({ k: 3, rate: 0.1 }).mean; // 30
 * erlang({ k: 3, mean: 30 }).rate;  // 0.1
 * ```
 */
export class Erlang extends DistributionBase implements Distribution {
  readonly name = 'erlang';
  /** The parameters as given: k with the rate or the mean (no `never` keys, so they read as JSON in any consumer). */
  readonly params:
    | { readonly k: number; readonly rate: number }
    | { readonly k: number; readonly mean: number };
  /** Number of exponential phases, an integer ≥ 1. */
  readonly k: number;
  /** Rate of each phase. */
  readonly rate: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

  constructor(params: ErlangParams, path = '') {
    super();
    const p = paramsObject(params, path, 'erlang', ['k', 'rate', 'mean']);
    this.k = positiveInt(p.k, at(path, 'k'));
    if ((p.rate === undefined) === (p.mean === undefined))
      throw new ParameterError(path || 'erlang', 'k with exactly one of rate or mean', params);
    if (p.rate !== undefined) {
      this.rate = positive(p.rate, at(path, 'rate'));
      this.params = { k: this.k, rate: this.rate };
    } else {
      const mean = positive(p.mean, at(path, 'mean'));
      this.rate = this.k / mean;
      this.params = { k: this.k, mean };
    }
    this.mean = this.k / this.rate;
    this.variance = this.k / (this.rate * this.rate);
  }

  sample(rng: Rng): number {
    if (this.k > ERLANG_PRODUCT_MAX_K) return standardGamma(rng, this.k) / this.rate;
    // Each factor 1 − U lies in (0, 1] with 53-bit resolution, so 16 of them stay above 2^-848.
    let prod = 1;
    for (let i = 0; i < this.k; i++) prod *= 1 - rng.next();
    return -log(prod) / this.rate;
  }
}

/**
 * Build an {@link Erlang}.
 *
 * @param params - `{ k, rate }` or `{ k, mean }`.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * erlang({ k: 2, mean: 60 }).sample(rng);
 * ```
 */
export function erlang(params: ErlangParams, path = ''): Erlang {
  return new Erlang(params, path);
}

/**
 * Parameters of {@link beta}.
 *
 * @example
 * ```ts
 * const p: BetaParams = { alpha: 2, beta: 5 };
 * ```
 */
export type BetaParams = {
  /** First shape α > 0. */
  readonly alpha: number;
  /** Second shape β > 0. */
  readonly beta: number;
};

/**
 * G₁ / (G₁ + G₂). With both shapes ≥ 1 (always so for PERT) the gammas cannot underflow and are used
 * directly; otherwise from their logs, 1 / (1 + exp(ln G₂ − ln G₁)), so that tiny shapes never give 0/0.
 */
function betaSample(rng: Rng, alpha: number, beta: number): number {
  if (alpha >= 1 && beta >= 1) {
    const g1 = standardGamma(rng, alpha);
    return g1 / (g1 + standardGamma(rng, beta));
  }
  const x = logStandardGamma(rng, alpha);
  const y = logStandardGamma(rng, beta);
  return 1 / (1 + exp(y - x));
}

/**
 * The beta distribution on [0, 1]. Mean α/(α+β), variance αβ / ((α+β)² (α+β+1)).
 *
 * @example
 * ```ts
 * beta({ alpha: 2, beta: 6 }).mean; // 0.25
 * ```
 */
export class Beta extends DistributionBase implements Distribution {
  readonly name = 'beta';
  readonly params: BetaParams;
  /** First shape α > 0. */
  readonly alpha: number;
  /** Second shape β > 0. */
  readonly beta: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, 1];

  constructor(params: BetaParams, path = '') {
    super();
    const p = paramsObject(params, path, 'beta', ['alpha', 'beta']);
    this.alpha = positive(p.alpha, at(path, 'alpha'));
    this.beta = positive(p.beta, at(path, 'beta'));
    this.params = { alpha: this.alpha, beta: this.beta };
    const s = this.alpha + this.beta;
    this.mean = this.alpha / s;
    this.variance = (this.alpha * this.beta) / (s * s * (s + 1));
  }

  sample(rng: Rng): number {
    return betaSample(rng, this.alpha, this.beta);
  }
}

/**
 * Build a {@link Beta}.
 *
 * @param params - `{ alpha, beta }`, both > 0.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * beta({ alpha: 0.5, beta: 0.5 }).sample(rng); // arcsine distribution
 * ```
 */
export function beta(params: BetaParams, path = ''): Beta {
  return new Beta(params, path);
}

/**
 * Parameters of {@link pert}.
 *
 * @example
 * ```ts
 * const p: PertParams = { min: 20, mode: 30, max: 70 }; // lambda defaults to 4
 * ```
 */
export type PertParams = {
  /** Optimistic value. */
  readonly min: number;
  /** Most likely value, in [min, max]. */
  readonly mode: number;
  /** Pessimistic value, > min. */
  readonly max: number;
  /** Weight of the mode (default 4, the classical PERT). */
  readonly lambda?: number;
};

/**
 * The beta-PERT distribution: `min + (max − min) · Beta(α, β)` with α = 1 + λ(mode − min)/(max − min)
 * and β = 1 + λ(max − mode)/(max − min). Mean (min + λ·mode + max)/(λ + 2), variance
 * (mean − min)(max − mean)/(λ + 3). Smoother than the triangular and less pulled by the extremes.
 *
 * @example
 * ```ts
 * pert({ min: 20, mode: 30, max: 70 }).mean; // 35
 * ```
 */
export class Pert extends DistributionBase implements Distribution {
  readonly name = 'pert';
  readonly params: PertParams;
  /** Optimistic value. */
  readonly min: number;
  /** Most likely value, in [min, max]. */
  readonly mode: number;
  /** Pessimistic value, > min. */
  readonly max: number;
  /** Weight of the mode (default 4, the classical PERT). */
  readonly lambda: number;
  /** Shapes of the underlying beta. */
  readonly alpha: number;
  /** Second shape of the underlying beta. */
  readonly beta: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];

  constructor(params: PertParams, path = '') {
    super();
    const p = paramsObject(params, path, 'pert', ['min', 'mode', 'max', 'lambda']);
    const min = finite(p.min, at(path, 'min'));
    const max = greaterThan(p.max, at(path, 'max'), min, `min (${min})`);
    const mode = finite(p.mode, at(path, 'mode'));
    if (mode < min || mode > max)
      throw new ParameterError(at(path, 'mode'), `a number in [min, max] = [${min}, ${max}]`, mode);
    const lambda = p.lambda === undefined ? 4 : positive(p.lambda, at(path, 'lambda'));
    this.min = min;
    this.mode = mode;
    this.max = max;
    this.lambda = lambda;
    this.params = { min, mode, max, lambda };
    const range = max - min;
    this.alpha = 1 + (lambda * (mode - min)) / range;
    this.beta = 1 + (lambda * (max - mode)) / range;
    this.mean = (min + lambda * mode + max) / (lambda + 2);
    this.variance = ((this.mean - min) * (max - this.mean)) / (lambda + 3);
    this.support = [min, max];
  }

  sample(rng: Rng): number {
    // Clamp: min + range·x can round past max when x is within an ulp of 1.
    return Math.min(this.max, this.min + (this.max - this.min) * betaSample(rng, this.alpha, this.beta));
  }
}

/**
 * Build a {@link Pert}.
 *
 * @param params - `{ min, mode, max, lambda? }`.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * pert({ min: 600, mode: 900, max: 1800 }, 'busTransfer.loadTime');
 * ```
 */
export function pert(params: PertParams, path = ''): Pert {
  return new Pert(params, path);
}

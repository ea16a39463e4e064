/**
 * Counting distributions: Poisson and Bernoulli.
 *
 * Poisson draws are exact at every mean: below a mean of 10 by inversion (sequential search of the
 * CDF, one uniform, about mean + 1 steps), from 10 up by Hörmann's (1993) PTRS transformed rejection
 * with squeeze, whose cost does not grow with the mean (about 1.1–1.3 uniform pairs per draw).
 *
 * @module
 */
import { positive, probability } from '../../kernel/validate.js';
import { at, type Distribution, DistributionBase, paramsObject } from '../distribution.js';
import { exp, log } from '../math.js';
import type { Rng } from '../rng.js';
import { logGamma } from '../special.js';

/**
 * Parameters of {@link poisson}.
 *
 * @example
 * ```ts
 * const p: PoissonParams = { mean: 3.5 };
 * ```
 */
export type PoissonParams = {
  /** The mean (and variance), > 0. */
  readonly mean: number;
};

/** Below this mean, inversion; from it on, PTRS (which Hörmann validates for mean ≥ 10). */
const PTRS_MIN_MEAN = 10;

/**
 * The Poisson distribution on {0, 1, 2, …}: the number of events of a rate-λ process in unit time.
 *
 * @example
 * ```ts
 * poisson({ mean: 3.5 }).sample(rng); // 0, 1, 2, … with mean 3.5
 * ```
 */
export class Poisson extends DistributionBase implements Distribution {
  readonly name = 'poisson';
  readonly params: PoissonParams;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, Number.POSITIVE_INFINITY];
  // Inversion: P(0). PTRS: the constants of the hat function.
  readonly #p0: number;
  readonly #logMean: number;
  readonly #a: number;
  readonly #b: number;
  readonly #logInvAlpha: number;
  readonly #vr: number;

  constructor(params: PoissonParams, path = '') {
    super();
    const p = paramsObject(params, path, 'poisson', ['mean']);
    const mean = positive(p.mean, at(path, 'mean'));
    this.params = { mean };
    this.mean = mean;
    this.variance = mean;
    this.#p0 = exp(-mean);
    this.#logMean = log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    this.#b = b;
    this.#a = -0.059 + 0.02483 * b;
    this.#logInvAlpha = log(1.1239 + 1.1328 / (b - 3.4));
    this.#vr = 0.9277 - 3.6224 / (b - 2);
  }

  sample(rng: Rng): number {
    return this.mean < PTRS_MIN_MEAN ? this.#inversion(rng) : this.#ptrs(rng);
  }

  #inversion(rng: Rng): number {
    const u = rng.next();
    let k = 0;
    let pk = this.#p0;
    let cdf = pk;
    while (u > cdf) {
      k++;
      pk *= this.mean / k;
      // Past the mode, once terms no longer change the sum the CDF has reached 1 in floating point;
      // u above it (probability < 1e-16) is assigned to the current k rather than looping forever.
      if (k > this.mean && pk <= cdf * Number.EPSILON) break;
      cdf += pk;
    }
    return k;
  }

  #ptrs(rng: Rng): number {
    const a = this.#a;
    const b = this.#b;
    for (;;) {
      const u = rng.next() - 0.5;
      const v = rng.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + this.mean + 0.43);
      if (us >= 0.07 && v <= this.#vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = log(v) + this.#logInvAlpha - log(a / (us * us) + b);
      if (lhs <= -this.mean + k * this.#logMean - logGamma(k + 1)) return k;
    }
  }
}

/**
 * Build a {@link Poisson}.
 *
 * @param params - `{ mean }`, > 0.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * poisson({ mean: 120 }, 'busArrivals.perHour');
 * ```
 */
export function poisson(params: PoissonParams, path = ''): Poisson {
  return new Poisson(params, path);
}

/**
 * Parameters of {@link bernoulli}.
 *
 * @example
 * ```ts
 * const p: BernoulliParams = { p: 0.19 };
 * ```
 */
export type BernoulliParams = {
  /** Probability of 1, in [0, 1]. */
  readonly p: number;
};

/**
 * The Bernoulli distribution: 1 with probability p, else 0.
 *
 * @example
 * ```ts
 * const needsHelp = bernoulli({ p: 0.19 });
 * needsHelp.sample(rng); // 1 about one time in five
 * ```
 */
export class Bernoulli extends DistributionBase implements Distribution {
  readonly name = 'bernoulli';
  readonly params: BernoulliParams;
  /** Probability of 1, in [0, 1]. */
  readonly p: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, 1];

  constructor(params: BernoulliParams, path = '') {
    super();
    const q = paramsObject(params, path, 'bernoulli', ['p']);
    this.p = probability(q.p, at(path, 'p'));
    this.params = { p: this.p };
    this.mean = this.p;
    this.variance = this.p * (1 - this.p);
  }

  sample(rng: Rng): number {
    return rng.next() < this.p ? 1 : 0;
  }
}

/**
 * Build a {@link Bernoulli}.
 *
 * @param params - `{ p }` in [0, 1].
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * bernoulli({ p: 0.5 }).mean; // 0.5
 * ```
 */
export function bernoulli(params: BernoulliParams, path = ''): Bernoulli {
  return new Bernoulli(params, path);
}

/**
 * Normal (optionally truncated) and lognormal distributions.
 *
 * Service times are often described as "about 40 s, give or take 10": a normal truncated to stay
 * positive, or a lognormal. Truncation changes the moments, and the reported `mean`/`variance` are
 * those of the truncated distribution, not of the parent normal.
 *
 * **Truncated sampling** is exact and stays efficient however far into a tail the interval lies: at
 * construction the sampler computes the acceptance rate of three rejection schemes and keeps the best:
 * plain normal draws (good when the interval holds most of the mass), uniform proposals on a short
 * interval, and Robert's (1995) translated-exponential proposals for a one-sided tail.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, positive } from '../../kernel/validate.js';
import { at, type Distribution, DistributionBase, paramsObject } from '../distribution.js';
import { exp, log, log1p } from '../math.js';
import type { Rng } from '../rng.js';
import { standardExponential, standardNormal } from '../sampling.js';
import { normalCdf, normalPdf, normalQuantile } from '../special.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Parameters of {@link normal}: mean and standard deviation, optionally truncated to [lo, hi].
 *
 * @example
 * ```ts
 * const p: NormalParams = { mean: 40, sd: 15, lo: 5 };
 * ```
 */
export type NormalParams = {
  /** Mean of the parent (untruncated) normal. */
  readonly mean: number;
  /** Standard deviation of the parent normal, > 0. */
  readonly sd: number;
  /** Lower truncation point (omit for none). */
  readonly lo?: number;
  /** Upper truncation point (omit for none), > lo. */
  readonly hi?: number;
};

type Method = 'plain' | 'uniform' | 'tail';

/**
 * The normal distribution N(mean, sd²), optionally truncated to [lo, hi].
 *
 * @example
 * ```ts
 * const swab = normal({ mean: 40, sd: 15, lo: 5 }); // never below 5 s
 * swab.mean; // 40.40, the truncated mean (not 40)
 * ```
 */
export class Normal extends DistributionBase implements Distribution {
  readonly name = 'normal';
  readonly params: NormalParams;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];
  /** Probability of [lo, hi] under the parent normal (1 when untruncated). */
  readonly mass: number;
  readonly #mu: number;
  readonly #sigma: number;
  /** Standardised bounds, mirrored so that a one-sided tail is always on the right. */
  readonly #a: number;
  readonly #b: number;
  readonly #flip: boolean;
  readonly #method: Method;
  readonly #truncated: boolean;
  /** Exponential rate of the tail proposal. */
  readonly #alpha: number;
  /** Lower-tail probability Φ(a) of the (mirrored) lower bound, for the quantile. */
  readonly #cdfA: number;

  constructor(params: NormalParams, path = '') {
    super();
    const p = paramsObject(params, path, 'normal', ['mean', 'sd', 'lo', 'hi']);
    const mu = finite(p.mean, at(path, 'mean'));
    const sigma = positive(p.sd, at(path, 'sd'));
    const lo = p.lo === undefined ? Number.NEGATIVE_INFINITY : finite(p.lo, at(path, 'lo'));
    const hi = p.hi === undefined ? Number.POSITIVE_INFINITY : finite(p.hi, at(path, 'hi'));
    if (!(hi > lo)) throw new ParameterError(at(path, 'hi'), `a number > lo (${lo})`, hi);
    const out: { mean: number; sd: number; lo?: number; hi?: number } = { mean: mu, sd: sigma };
    if (p.lo !== undefined) out.lo = lo;
    if (p.hi !== undefined) out.hi = hi;
    this.params = out;
    this.#mu = mu;
    this.#sigma = sigma;
    this.#truncated = p.lo !== undefined || p.hi !== undefined;
    this.support = [lo, hi];

    let a = (lo - mu) / sigma;
    let b = (hi - mu) / sigma;
    // Work in the right half when the interval lies wholly left of the mean, so tails are one case.
    this.#flip = b <= 0;
    if (this.#flip) [a, b] = [-b, -a];
    this.#a = a;
    this.#b = b;
    // Z = Φ(b) − Φ(a), taken from the upper tail when a > 0 to keep its relative precision.
    const mass = a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
    if (!(mass > 1e-300)) {
      // The interval lies far out in one tail; the bound nearer the mean is the one to move.
      const culprit = lo > mu ? 'lo' : 'hi';
      throw new ParameterError(
        at(path, culprit),
        `a bound giving [lo, hi] a probability above 1e-300 under normal(mean=${mu}, sd=${sigma})`,
        culprit === 'lo' ? lo : hi,
      );
    }
    this.mass = mass;
    this.#cdfA = normalCdf(a);

    // Moments of the standard normal truncated to [a, b], then mapped back (and mirrored).
    const pa = Number.isFinite(a) ? normalPdf(a) : 0;
    const pb = Number.isFinite(b) ? normalPdf(b) : 0;
    const m = (pa - pb) / mass;
    const apa = Number.isFinite(a) ? a * pa : 0;
    const bpb = Number.isFinite(b) ? b * pb : 0;
    const v = Math.max(0, 1 + (apa - bpb) / mass - m * m);
    this.mean = mu + sigma * (this.#flip ? -m : m);
    this.variance = sigma * sigma * v;

    // Pick the rejection scheme with the best acceptance rate.
    let best: Method = 'plain';
    let bestRate = mass;
    if (Number.isFinite(b - a)) {
      // Uniform proposal on [a, b] under the constant envelope max φ on [a, b].
      const peak = a > 0 ? pa : normalPdf(0);
      const rate = mass / ((b - a) * peak);
      if (rate > bestRate) [best, bestRate] = ['uniform', rate];
    }
    let alpha = 0;
    if (a > 0) {
      alpha = (a + Math.sqrt(a * a + 4)) / 2;
      const rate = exp(log(mass) + log(alpha * SQRT_2PI) + alpha * a - (alpha * alpha) / 2);
      if (rate > bestRate) [best, bestRate] = ['tail', rate];
    }
    this.#method = best;
    this.#alpha = alpha;
  }

  /** A draw of the standardised (and possibly mirrored) variable, in [a, b]. */
  #standard(rng: Rng): number {
    const a = this.#a;
    const b = this.#b;
    switch (this.#method) {
      case 'plain':
        for (;;) {
          const z = standardNormal(rng);
          if (z >= a && z <= b) return z;
        }
      case 'uniform': {
        // Envelope height φ(0) if 0 ∈ [a, b], else φ(a) (a > 0 after mirroring).
        const shift = a > 0 ? a * a : 0;
        for (;;) {
          const z = a + (b - a) * rng.next();
          if (rng.next() <= exp((shift - z * z) / 2)) return z;
        }
      }
      case 'tail': {
        const alpha = this.#alpha;
        for (;;) {
          const z = a + standardExponential(rng) / alpha;
          const d = z - alpha;
          if (z <= b && rng.next() <= exp((-d * d) / 2)) return z;
        }
      }
    }
  }

  sample(rng: Rng): number {
    if (!this.#truncated) return this.#mu + this.#sigma * standardNormal(rng);
    const z = this.#standard(rng);
    return this.#mu + this.#sigma * (this.#flip ? -z : z);
  }

  quantile(p: number): number {
    // Invert within the mirrored frame: z with Φ(z) − Φ(a) = q·Z, where q = p, or 1 − p when mirrored.
    const q = this.#flip ? 1 - p : p;
    const a = this.#a;
    let z =
      a > 0 ? -normalQuantile(normalCdf(-a) - q * this.mass) : normalQuantile(this.#cdfA + q * this.mass);
    z = Math.min(this.#b, Math.max(a, z));
    return this.#mu + this.#sigma * (this.#flip ? -z : z);
  }
}

/**
 * Build a {@link Normal}, optionally truncated.
 *
 * @param params - `{ mean, sd, lo?, hi? }`.
 * @param path - prefix for error messages, e.g. `sites[0].swabTime`.
 * @example
 * ```ts
 * normal({ mean: 40, sd: 10 }).variance;          // 100
 * normal({ mean: 0, sd: 1, lo: 0 }).mean;         // √(2/π) ≈ 0.798 (half-normal)
 * ```
 */
export function normal(params: NormalParams, path = ''): Normal {
  return new Normal(params, path);
}

/**
 * Parameters of {@link lognormal}, in one of three forms:
 * - `{ mean, sd }`: the mean and standard deviation of the lognormal variable itself;
 * - `{ mu, sigma }`: the mean and standard deviation of its logarithm;
 * - `{ median, p, quantile }`: the median and one other quantile, e.g. "median 10 min, 90 % within 25
 *   min" is `{ median: 10, p: 0.9, quantile: 25 }`.
 *
 * @example
 * ```ts
 * const p: LognormalParams = { median: 10, p: 0.9, quantile: 25 };
 * ```
 */
export type LognormalParams =
  | { readonly mean: number; readonly sd: number }
  | { readonly mu: number; readonly sigma: number }
  | { readonly median: number; readonly p: number; readonly quantile: number };

/**
 * The lognormal distribution: `exp(mu + sigma·Z)`. Mean `exp(mu + sigma²/2)`, variance
 * `(exp(sigma²) − 1) · exp(2 mu + sigma²)`.
 *
 * @example
 * ```ts
 * const reg = lognormal({ mean: 40, sd: 20 });
 * reg.mean;  // 40
 * reg.sigma; // √ln(1.25)
 * ```
 */
export class Lognormal extends DistributionBase implements Distribution {
  readonly name = 'lognormal';
  readonly params: LognormalParams;
  /** Mean of ln X. */
  readonly mu: number;
  /** Standard deviation of ln X. */
  readonly sigma: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

  constructor(params: LognormalParams, path = '') {
    super();
    const p = paramsObject(params, path, 'lognormal', [
      'mean',
      'sd',
      'mu',
      'sigma',
      'median',
      'p',
      'quantile',
    ]);
    const has = (k: string) => p[k] !== undefined;
    const forms = [
      ['mean', 'sd'],
      ['mu', 'sigma'],
      ['median', 'p', 'quantile'],
    ] as const;
    const given = forms.filter((f) => f.some(has));
    const form = given[0];
    if (given.length !== 1 || form === undefined)
      throw new ParameterError(
        path || 'lognormal',
        'exactly one of { mean, sd }, { mu, sigma } or { median, p, quantile }',
        params,
      );
    if (form[0] === 'mean') {
      const mean = positive(p.mean, at(path, 'mean'));
      const sd = positive(p.sd, at(path, 'sd'));
      const s2 = log1p((sd / mean) ** 2);
      this.sigma = Math.sqrt(s2);
      this.mu = log(mean) - s2 / 2;
      this.params = { mean, sd };
    } else if (form[0] === 'mu') {
      this.mu = finite(p.mu, at(path, 'mu'));
      this.sigma = positive(p.sigma, at(path, 'sigma'));
      this.params = { mu: this.mu, sigma: this.sigma };
    } else {
      const median = positive(p.median, at(path, 'median'));
      const prob = p.p;
      if (typeof prob !== 'number' || !(prob > 0 && prob < 1) || prob === 0.5)
        throw new ParameterError(at(path, 'p'), 'a probability in (0, 1) other than 0.5', prob);
      const q = positive(p.quantile, at(path, 'quantile'));
      if (prob > 0.5 ? !(q > median) : !(q < median))
        throw new ParameterError(
          at(path, 'quantile'),
          `a number ${prob > 0.5 ? '>' : '<'} median (${median}) since p ${prob > 0.5 ? '>' : '<'} 0.5`,
          q,
        );
      this.mu = log(median);
      this.sigma = (log(q) - this.mu) / normalQuantile(prob);
      this.params = { median, p: prob, quantile: q };
    }
    const s2 = this.sigma * this.sigma;
    this.mean = exp(this.mu + s2 / 2);
    this.variance = Math.expm1(s2) * exp(2 * this.mu + s2);
  }

  sample(rng: Rng): number {
    return exp(this.mu + this.sigma * standardNormal(rng));
  }

  quantile(p: number): number {
    return exp(this.mu + this.sigma * normalQuantile(p));
  }
}

/**
 * Build a {@link Lognormal} from `{ mean, sd }`, `{ mu, sigma }` or `{ median, p, quantile }`.
 *
 * @param params - one of the three forms of {@link LognormalParams}.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * lognormal({ mean: 40, sd: 20 });
 * lognormal({ median: 10, p: 0.9, quantile: 25 }); // 90 % of draws below 25
 * ```
 */
export function lognormal(params: LognormalParams, path = ''): Lognormal {
  return new Lognormal(params, path);
}

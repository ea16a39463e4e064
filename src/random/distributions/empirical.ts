/**
 * The empirical distribution of observed data, smoothed by linear interpolation between order
 * statistics: with the data sorted as x₍₁₎ ≤ … ≤ x₍ₙ₎, the CDF rises linearly from (i − 1)/(n − 1) at
 * x₍ᵢ₎ to i/(n − 1) at x₍ᵢ₊₁₎. Draws therefore fill the gaps between observations rather than
 * repeating them, and never leave [x₍₁₎, x₍ₙ₎].
 *
 * The reported mean and variance are those of this interpolated distribution (each gap is a uniform
 * piece of mass 1/(n − 1)), which differ slightly from the sample mean and variance of the data.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { at, type Distribution, DistributionBase, paramsObject } from '../distribution.js';
import type { Rng } from '../rng.js';

/**
 * Parameters of {@link empirical}.
 *
 * @example
 * ```ts
 * const p: EmpiricalParams = { data: [31, 35, 38, 40, 44] };
 * ```
 */
export type EmpiricalParams = {
  /** The observations (at least two, finite, in any order). */
  readonly data: readonly number[];
};

/**
 * The interpolated empirical distribution of `data`.
 *
 * @example
 * ```ts
 * const swab = empirical({ data: [31, 35, 38, 40, 44, 52, 61] });
 * swab.support; // [31, 61]
 * ```
 */
export class Empirical extends DistributionBase implements Distribution {
  readonly name = 'empirical';
  readonly params: EmpiricalParams;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];
  /** The observations in ascending order. */
  readonly sorted: Float64Array;

  constructor(params: EmpiricalParams, path = '') {
    super();
    const p = paramsObject(params, path, 'empirical', ['data']);
    const dpath = at(path, 'data');
    const data = p.data;
    if (!Array.isArray(data) || data.length < 2)
      throw new ParameterError(dpath, 'an array of at least 2 observations', data);
    data.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new ParameterError(at(dpath, i), 'a finite number', x);
    });
    this.params = { data: [...(data as number[])] };
    const xs = Float64Array.from(data as number[]).sort();
    this.sorted = xs;
    const n = xs.length;
    this.support = [xs[0]!, xs[n - 1]!];
    // Moments of the mixture of uniforms on [x_i, x_{i+1}], each with weight 1/(n − 1). Work with
    // deviations from the data's midpoint so that large offsets (clock times) do not cancel.
    const c = (xs[0]! + xs[n - 1]!) / 2;
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i + 1 < n; i++) {
      const a = xs[i]! - c;
      const b = xs[i + 1]! - c;
      m1 += (a + b) / 2;
      m2 += (a * a + a * b + b * b) / 3;
    }
    m1 /= n - 1;
    m2 /= n - 1;
    this.mean = c + m1;
    this.variance = Math.max(0, m2 - m1 * m1);
  }

  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }

  quantile(p: number): number {
    const xs = this.sorted;
    const h = p * (xs.length - 1);
    const i = Math.min(Math.floor(h), xs.length - 2);
    const lo = xs[i]!;
    return lo + (h - i) * (xs[i + 1]! - lo);
  }

  override describe(): string {
    const xs = this.sorted;
    return `empirical(n=${xs.length}, min=${xs[0]}, max=${xs[xs.length - 1]})`;
  }
}

/**
 * Build an {@link Empirical} from observations.
 *
 * @param params - `{ data }`, at least two finite numbers.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * empirical({ data: observedSwabSeconds }, 'sites[0].swabTime').sample(rng);
 * ```
 */
export function empirical(params: EmpiricalParams, path = ''): Empirical {
  return new Empirical(params, path);
}

/**
 * Bounded elementary distributions: constant, uniform and triangular. Planners often know only a
 * range and a most likely value; triangular and PERT (in `beta.ts`) are the usual answers.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite } from '../../kernel/validate.js';
import { at, type Distribution, DistributionBase, greaterThan, paramsObject } from '../distribution.js';
import type { Rng } from '../rng.js';

/**
 * Parameters of {@link constant}.
 *
 * @example
 * ```ts
 * const p: ConstantParams = { value: 40 };
 * ```
 */
export type ConstantParams = {
  /** The value every draw returns. */
  readonly value: number;
};

/**
 * A degenerate distribution: always `value`. Draws nothing from the source.
 *
 * @example
 * ```ts
 * constant({ value: 40 }).sample(rng); // 40
 * ```
 */
export class Constant extends DistributionBase implements Distribution {
  readonly name = 'constant';
  readonly params: ConstantParams;
  /** The value every draw returns. */
  readonly value: number;
  readonly mean: number;
  readonly variance = 0;
  readonly support: readonly [number, number];

  constructor(params: ConstantParams, path = '') {
    super();
    const p = paramsObject(params, path, 'constant', ['value']);
    this.value = finite(p.value, at(path, 'value'));
    this.params = { value: this.value };
    this.mean = this.value;
    this.support = [this.value, this.value];
  }

  sample(_rng: Rng): number {
    return this.value;
  }

  quantile(_p: number): number {
    return this.value;
  }
}

/**
 * Build a {@link Constant}.
 *
 * @param params - `{ value }`.
 * @param path - prefix for error messages, e.g. `sites[0].swabTime`.
 * @example
 * ```ts
 * constant({ value: 40 }).mean; // 40
 * ```
 */
export function constant(params: ConstantParams, path = ''): Constant {
  return new Constant(params, path);
}

/**
 * Parameters of {@link uniform}.
 *
 * @example
 * ```ts
 * const p: UniformParams = { min: 30, max: 90 };
 * ```
 */
export type UniformParams = {
  /** Lower end. */
  readonly min: number;
  /** Upper end, > min. */
  readonly max: number;
};

/**
 * The continuous uniform distribution on [min, max).
 *
 * @example
 * ```ts
 * uniform({ min: 10, max: 20 }).variance; // 100 / 12
 * ```
 */
export class Uniform extends DistributionBase implements Distribution {
  readonly name = 'uniform';
  readonly params: UniformParams;
  /** Lower end. */
  readonly min: number;
  /** Upper end, > min. */
  readonly max: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];

  constructor(params: UniformParams, path = '') {
    super();
    const p = paramsObject(params, path, 'uniform', ['min', 'max']);
    this.min = finite(p.min, at(path, 'min'));
    this.max = greaterThan(p.max, at(path, 'max'), this.min, `min (${this.min})`);
    this.params = { min: this.min, max: this.max };
    this.mean = (this.min + this.max) / 2;
    this.variance = (this.max - this.min) ** 2 / 12;
    this.support = [this.min, this.max];
  }

  sample(rng: Rng): number {
    return this.min + (this.max - this.min) * rng.next();
  }

  quantile(p: number): number {
    return this.min + (this.max - this.min) * p;
  }
}

/**
 * Build a {@link Uniform}.
 *
 * @param params - `{ min, max }` with min < max.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * uniform({ min: 30, max: 90 }).sample(rng); // somewhere in [30, 90)
 * ```
 */
export function uniform(params: UniformParams, path = ''): Uniform {
  return new Uniform(params, path);
}

/**
 * Parameters of {@link triangular}.
 *
 * @example
 * ```ts
 * const p: TriangularParams = { min: 20, mode: 30, max: 70 };
 * ```
 */
export type TriangularParams = {
  /** Lower end. */
  readonly min: number;
  /** Most likely value, in [min, max]. */
  readonly mode: number;
  /** Upper end, > min. */
  readonly max: number;
};

/**
 * The triangular distribution on [min, max] with its peak at `mode`, sampled by inverting its CDF.
 *
 * @example
 * ```ts
 * triangular({ min: 20, mode: 30, max: 70 }).mean; // 40
 * ```
 */
export class Triangular extends DistributionBase implements Distribution {
  readonly name = 'triangular';
  readonly params: TriangularParams;
  /** Lower end. */
  readonly min: number;
  /** Most likely value, in [min, max]. */
  readonly mode: number;
  /** Upper end, > min. */
  readonly max: number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];
  /** F(mode): the probability of falling left of the peak. */
  readonly #split: number;

  constructor(params: TriangularParams, path = '') {
    super();
    const p = paramsObject(params, path, 'triangular', ['min', 'mode', 'max']);
    const min = finite(p.min, at(path, 'min'));
    const max = greaterThan(p.max, at(path, 'max'), min, `min (${min})`);
    const mode = finite(p.mode, at(path, 'mode'));
    if (mode < min || mode > max)
      throw new ParameterError(at(path, 'mode'), `a number in [min, max] = [${min}, ${max}]`, mode);
    this.min = min;
    this.mode = mode;
    this.max = max;
    this.params = { min, mode, max };
    this.mean = (min + mode + max) / 3;
    this.variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
    this.support = [min, max];
    this.#split = (mode - min) / (max - min);
  }

  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }

  quantile(p: number): number {
    const { min, mode, max } = this;
    if (p < this.#split) return min + Math.sqrt(p * (max - min) * (mode - min));
    return max - Math.sqrt((1 - p) * (max - min) * (max - mode));
  }
}

/**
 * Build a {@link Triangular}.
 *
 * @param params - `{ min, mode, max }` with min ≤ mode ≤ max and min < max.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * triangular({ min: 20, mode: 30, max: 70 }, 'sites[2].swabTime');
 * ```
 */
export function triangular(params: TriangularParams, path = ''): Triangular {
  return new Triangular(params, path);
}

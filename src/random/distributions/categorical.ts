/**
 * Weighted choices: `categorical` picks a label (a site, a transport mode, a risk group) and
 * `discrete` picks a number (a batch size, a household size) with given weights.
 *
 * Both sample in constant time with Walker's alias method (Vose's stable construction): one uniform
 * per draw, whose integer part picks a column and whose fraction decides between the column's own
 * value and its alias. Weights need not sum to 1; they are normalised.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import {
  at,
  type Distribution,
  DistributionBase,
  describeParams,
  type JsonValue,
  paramsObject,
  type Sampler,
} from '../distribution.js';
import type { Rng } from '../rng.js';

/** Check weights (finite, ≥ 0, positive total, one per value) and return them normalised. */
function normalisedWeights(weights: unknown, count: number, path: string): number[] {
  const wpath = at(path, 'weights');
  if (!Array.isArray(weights)) throw new ParameterError(wpath, 'an array of weights', weights);
  if (weights.length !== count) throw new ParameterError(wpath, `${count} weights (one per value)`, weights);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
      throw new ParameterError(at(wpath, i), 'a finite number ≥ 0', w);
    total += w;
  }
  if (!(total > 0 && Number.isFinite(total)))
    throw new ParameterError(wpath, 'weights with a positive, finite total', weights);
  return weights.map((w: number) => w / total);
}

/** Walker's alias table over n columns (Vose's construction). */
class AliasTable {
  readonly #n: number;
  readonly #keep: Float64Array;
  readonly #alias: Int32Array;

  constructor(probabilities: readonly number[]) {
    const n = probabilities.length;
    this.#n = n;
    this.#keep = new Float64Array(n);
    this.#alias = new Int32Array(n);
    const scaled = probabilities.map((p) => p * n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((s, i) => {
      (s < 1 ? small : large).push(i);
    });
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1]!;
      this.#keep[s] = scaled[s]!;
      this.#alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small.push(large.pop()!);
    }
    // What is left is 1 up to rounding: those columns always keep their own value.
    for (const i of large) this.#keep[i] = 1;
    for (const i of small) this.#keep[i] = 1;
  }

  sample(rng: Rng): number {
    const u = rng.next() * this.#n;
    const i = Math.floor(u);
    return u - i < this.#keep[i]! ? i : this.#alias[i]!;
  }
}

/**
 * Labels a categorical may choose: JSON primitives, so the spec stays data.
 *
 * @example
 * ```ts
 * const label: CategoricalLabel = 'assisted';
 * ```
 */
export type CategoricalLabel = string | number | boolean;

/**
 * Parameters of {@link categorical}.
 *
 * @example
 * ```ts
 * const p: CategoricalParams<string> = { values: ['self', 'assisted'], weights: [81, 19] };
 * ```
 */
export type CategoricalParams<T extends CategoricalLabel> = {
  /** The distinct labels. */
  readonly values: readonly T[];
  /** One non-negative weight per label (any positive total). */
  readonly weights: readonly number[];
};

/** Check the value list: a non-empty array of distinct labels of an allowed kind. */
function checkValues<T>(values: unknown, path: string, numeric: boolean): readonly T[] {
  const vpath = at(path, 'values');
  if (!Array.isArray(values) || values.length === 0)
    throw new ParameterError(vpath, 'a non-empty array', values);
  const seen = new Set<unknown>();
  values.forEach((v, i) => {
    const ok = numeric
      ? typeof v === 'number' && Number.isFinite(v)
      : typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok)
      throw new ParameterError(at(vpath, i), numeric ? 'a finite number' : 'a string, number or boolean', v);
    if (seen.has(v)) throw new ParameterError(at(vpath, i), 'a value not listed before', v);
    seen.add(v);
  });
  return values as T[];
}

/**
 * A weighted choice among labels. `sample` returns the label, `sampleIndex` its position.
 *
 * @example
 * ```ts
 * const group = categorical({ values: ['walk-in', 'assisted', 'door-to-door'], weights: [80, 15, 5] });
 * group.sample(rng);          // 'walk-in' 80 % of the time
 * group.probability('assisted'); // 0.15
 * ```
 */
export class Categorical<T extends CategoricalLabel> implements Sampler<T> {
  readonly name = 'categorical';
  readonly params: { readonly values: readonly T[]; readonly weights: readonly number[] };
  /** The distinct labels. */
  readonly values: readonly T[];
  /** The normalised weights, in the order of `values`. */
  readonly probabilities: readonly number[];
  readonly #table: AliasTable;

  constructor(params: CategoricalParams<T>, path = '') {
    const p = paramsObject(params, path, 'categorical', ['values', 'weights']);
    this.values = [...checkValues<T>(p.values, path, false)];
    this.probabilities = normalisedWeights(p.weights, this.values.length, path);
    this.params = { values: this.values, weights: [...(p.weights as number[])] };
    this.#table = new AliasTable(this.probabilities);
  }

  /** Draw a position in `values`. */
  sampleIndex(rng: Rng): number {
    return this.#table.sample(rng);
  }

  /** Draw a label. */
  sample(rng: Rng): T {
    return this.values[this.#table.sample(rng)]!;
  }

  /** The probability of `value` (0 if it is not a label). */
  probability(value: T): number {
    const i = this.values.indexOf(value);
    return i < 0 ? 0 : this.probabilities[i]!;
  }

  describe(): string {
    return describeParams(this.name, this.params);
  }

  toJSON(): { readonly dist: string; readonly [k: string]: JsonValue } {
    return { dist: this.name, ...this.params };
  }
}

/**
 * Build a {@link Categorical}.
 *
 * @param params - `{ values, weights }`: distinct labels and one weight ≥ 0 each.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * const site = categorical({ values: [1, 2, 3], weights: [0.5, 0.3, 0.2] }, 'routing');
 * ```
 */
export function categorical<const T extends CategoricalLabel>(
  params: CategoricalParams<T>,
  path = '',
): Categorical<T> {
  return new Categorical<T>(params, path);
}

/**
 * Parameters of {@link discrete}.
 *
 * @example
 * ```ts
 * const p: DiscreteParams = { values: [1, 2, 3], weights: [5, 3, 2] };
 * ```
 */
export type DiscreteParams = {
  /** The distinct numbers. */
  readonly values: readonly number[];
  /** One non-negative weight per number. */
  readonly weights: readonly number[];
};

/**
 * A numeric distribution on finitely many values with given weights, with its exact moments.
 *
 * @example
 * ```ts
 * const household = discrete({ values: [1, 2, 3, 4], weights: [20, 35, 25, 20] });
 * household.mean; // 2.45
 * ```
 */
export class Discrete extends DistributionBase implements Distribution {
  readonly name = 'discrete';
  readonly params: DiscreteParams;
  /** The distinct numbers. */
  readonly values: readonly number[];
  /** The normalised weights, in the order of `values`. */
  readonly probabilities: readonly number[];
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];
  readonly #table: AliasTable;

  constructor(params: DiscreteParams, path = '') {
    super();
    const p = paramsObject(params, path, 'discrete', ['values', 'weights']);
    this.values = [...checkValues<number>(p.values, path, true)];
    this.probabilities = normalisedWeights(p.weights, this.values.length, path);
    this.params = { values: this.values, weights: [...(p.weights as number[])] };
    this.#table = new AliasTable(this.probabilities);
    let mean = 0;
    this.values.forEach((v, i) => {
      mean += v * this.probabilities[i]!;
    });
    let variance = 0;
    this.values.forEach((v, i) => {
      variance += (v - mean) ** 2 * this.probabilities[i]!;
    });
    this.mean = mean;
    this.variance = variance;
    // The support is where the mass is: values of weight 0 are never drawn.
    const live = this.values.filter((_v, i) => this.probabilities[i]! > 0);
    this.support = [Math.min(...live), Math.max(...live)];
  }

  sample(rng: Rng): number {
    return this.values[this.#table.sample(rng)]!;
  }
}

/**
 * Build a {@link Discrete}.
 *
 * @param params - `{ values, weights }`: distinct finite numbers, one weight ≥ 0 each.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * discrete({ values: [10, 20], weights: [1, 3] }).sample(rng); // 20 three times in four
 * ```
 */
export function discrete(params: DiscreteParams, path = ''): Discrete {
  return new Discrete(params, path);
}

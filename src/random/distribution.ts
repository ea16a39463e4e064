/**
 * What every distribution is: an object that samples from an injected {@link Rng} and knows its own
 * mean, variance and support, with parameters that are plain JSON.
 *
 * Knowing the moments lets a model be checked against queueing theory (an M/G/1 needs the service
 * time's mean and variance) and lets tests check every sampler against its own analytic moments.
 * `params` plus `name` round-trip through {@link parseDistribution}, so a result can record the fully
 * resolved distribution and a later run can rebuild it; `JSON.stringify(d)` gives that spec directly.
 *
 * Constructors validate their parameters and throw a `ParameterError` naming the path, e.g.
 * `sites[0].swabTime.sd: expected a finite number > 0, got -3`; the optional `path` argument of each
 * factory is the prefix (`sites[0].swabTime`).
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import type { Rng } from './rng.js';

/**
 * A JSON value (what `params` may hold).
 *
 * @example
 * ```ts
 * const v: JsonValue = { values: ['a', 'b'], weights: [1, 2] };
 * ```
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

/**
 * Something that draws values of type `T` from a random source: the common ground of numeric
 * distributions and categorical choices.
 *
 * @example
 * ```ts
 * const mode: Sampler<string> = categorical({ values: ['walk', 'bus'], weights: [3, 1] });
 * mode.sample(rng); // 'walk' three times in four
 * ```
 */
export interface Sampler<T> {
  /** The distribution's name as used in specs, e.g. `"lognormal"`. */
  readonly name: string;
  /** The parameters as given (JSON-serialisable); `{ dist: name, ...params }` rebuilds it. */
  readonly params: { readonly [k: string]: JsonValue };
  /** Draw one value, using `rng` only. */
  sample(rng: Rng): T;
  /** A short human-readable form, e.g. `lognormal(mean=40, sd=20)`. */
  describe(): string;
  /** The spec form `{ dist: name, ...params }`, so `JSON.stringify` records a distribution faithfully. */
  toJSON(): { readonly dist: string; readonly [k: string]: JsonValue };
}

/**
 * A real-valued distribution with known moments and support.
 *
 * @example
 * ```ts
 * const d: Distribution = gamma({ shape: 2, rate: 0.1 });
 * d.mean;     // 20
 * d.variance; // 200
 * d.support;  // [0, Infinity]
 * ```
 */
export interface Distribution extends Sampler<number> {
  /** The exact mean (may be ±Infinity or NaN only where the distribution has none). */
  readonly mean: number;
  /** The exact variance. */
  readonly variance: number;
  /** `[min, max]`: every sample lies in this closed interval (ends may be infinite). */
  readonly support: readonly [number, number];
  /** The quantile function F⁻¹(p), p in [0, 1], where it has a closed form or a cheap exact one. */
  quantile?(p: number): number;
}

/**
 * Join a path prefix and a key: `at('sites[0].swabTime', 'sd')` → `sites[0].swabTime.sd`; with an
 * empty prefix, just the key.
 *
 * @example
 * ```ts
 * at('', 'rate');        // 'rate'
 * at('arrival', 'rate'); // 'arrival.rate'
 * ```
 */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Check that `value` is a plain object whose keys are all in `allowed` (catches typos in scenario
 * data such as `sdd: 20`), and return it as a record. A `dist` key is accepted when it names this
 * very distribution (so a spec can be passed straight to its factory); pass `kindKey: null` for
 * objects that are not distributions.
 *
 * @example
 * ```ts
 * paramsObject({ mean: 1 }, 'x', 'exponential', ['rate', 'mean']);                  // { mean: 1 }
 * paramsObject({ dist: 'exponential', mean: 1 }, 'x', 'exponential', ['rate', 'mean']); // accepted
 * ```
 */
export function paramsObject(
  value: unknown,
  path: string,
  name: string,
  allowed: readonly string[],
  kindKey: 'dist' | null = 'dist',
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ParameterError(path || 'params', `an object with the parameters of ${name}`, value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (allowed.includes(key)) continue;
    if (key === kindKey) {
      if (record[key] === name) continue;
      throw new ParameterError(at(path, key), `${JSON.stringify(name)} (or no ${key})`, record[key]);
    }
    throw new ParameterError(
      at(path, key),
      `a known parameter of ${name} (${allowed.join(', ')})`,
      record[key],
    );
  }
  return record;
}

/**
 * A number strictly greater than `bound`, e.g. `max` against `min`.
 *
 * @example
 * ```ts
 * greaterThan(5, 'max', 2, 'min (2)'); // 5
 * ```
 */
export function greaterThan(value: unknown, path: string, bound: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > bound))
    throw new ParameterError(path, `a finite number > ${what}`, value);
  return value;
}

/** Format a parameter for `describe()`: up to 6 significant digits. */
function fmt(v: JsonValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (Array.isArray(v))
    return v.length > 6
      ? `[${v.slice(0, 5).map(fmt).join(', ')}, … (${v.length})]`
      : `[${v.map(fmt).join(', ')}]`;
  return JSON.stringify(v);
}

/**
 * `name(k1=v1, k2=v2)`, the usual `describe()` text.
 *
 * @example
 * ```ts
 * describeParams('normal', { mean: 10, sd: 2 }); // 'normal(mean=10, sd=2)'
 * ```
 */
export function describeParams(name: string, params: { readonly [k: string]: JsonValue }): string {
  return `${name}(${Object.entries(params)
    .map(([k, v]) => `${k}=${fmt(v)}`)
    .join(', ')})`;
}

/**
 * Base class that gives a distribution `describe()` and `toJSON()` from its name and params. Not
 * exported from the entry; its declaration is published because the distributions extend it.
 */
export abstract class DistributionBase {
  abstract readonly name: string;
  abstract readonly params: { readonly [k: string]: JsonValue };

  /** A short human-readable form, e.g. `normal(mean=10, sd=2)`. */
  describe(): string {
    return describeParams(this.name, this.params);
  }

  /** `{ dist: name, ...params }`. */
  toJSON(): { readonly dist: string; readonly [k: string]: JsonValue } {
    return { dist: this.name, ...this.params };
  }
}

/**
 * A fixed population arriving over a window: exactly N arrivals in [start, end], sorted, spread
 * according to a profile. This is the mass-testing case: the county knows how many residents must be
 * tested in the window, and only the timing is random.
 *
 * The N times are the order statistics of N independent draws from the profile. They are generated
 * lazily in ascending order, without storing or sorting N numbers: uniform order statistics come from
 * the recursion 1 − U₍ᵢ₎ = (1 − U₍ᵢ₋₁₎) · V^{1/(N − i + 1)} (each step draws the minimum of the
 * remaining uniforms), and each is mapped through the profile's quantile function, which keeps the
 * order. A `distribution` profile whose distribution has no quantile function (gamma, beta, PERT,
 * Poisson) is instead sampled N times into a Float64Array and sorted: 8 bytes per arrival.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, integer, oneOf } from '../../kernel/validate.js';
import { at, type Distribution, type JsonValue, paramsObject } from '../distribution.js';
import { exp } from '../math.js';
import type { Rng } from '../rng.js';
import { standardExponential } from '../sampling.js';
import { parseDistribution } from '../spec.js';
import { type ArrivalProcess, checkIncreasing, ProcessBase } from './process.js';

/**
 * How arrivals spread over the window:
 * - `{ kind: 'uniform' }` (the default): evenly;
 * - `{ kind: 'piecewise', times, weights }`: density proportional to `weights[i]` on
 *   `[times[i], times[i + 1])`, with absolute breakpoints inside the window and zero density elsewhere;
 * - `{ kind: 'distribution', distribution }`: each arrival at `start + X` with X drawn from the
 *   distribution (a {@link Distribution} or a spec), whose support must lie within [0, end − start].
 *
 * @example
 * ```ts
 * const peakEarly: PopulationProfile = { kind: 'piecewise', times: [0, 3600, 14400], weights: [3, 1] };
 * ```
 */
export type PopulationProfile =
  | { readonly kind: 'uniform' }
  | { readonly kind: 'piecewise'; readonly times: readonly number[]; readonly weights: readonly number[] }
  | { readonly kind: 'distribution'; readonly distribution: Distribution | JsonValue };

/**
 * Parameters of {@link fixedPopulation}.
 *
 * @example
 * ```ts
 * const p: FixedPopulationParams = { count: 12000, start: 0, end: 14400, profile: { kind: 'uniform' } };
 * ```
 */
export type FixedPopulationParams = {
  /** Exactly this many arrivals (an integer ≥ 0). */
  readonly count: number;
  /** Window start, seconds. */
  readonly start: number;
  /** Window end, seconds, > start. */
  readonly end: number;
  /** Spread over the window (default uniform). */
  readonly profile?: PopulationProfile;
};

type Resolved =
  | { kind: 'uniform' }
  | { kind: 'piecewise'; times: readonly number[]; cumulative: Float64Array; weights: readonly number[] }
  | { kind: 'distribution'; distribution: Distribution };

/**
 * Exactly `count` arrivals in [start, end], in ascending order.
 *
 * @example
 * ```ts
 * const county = fixedPopulation({ count: 25_000_000, start: 0, end: 18 * 3600 });
 * for (const t of county.times(rng)) { ... } // 25 million sorted times, constant memory
 * ```
 */
export class FixedPopulation extends ProcessBase implements ArrivalProcess {
  readonly name = 'fixed-population';
  readonly params: { readonly [k: string]: JsonValue };
  /** Exactly this many arrivals (an integer ≥ 0). */
  readonly count: number;
  /** Window start, seconds. */
  readonly start: number;
  /** Window end, seconds, > start. */
  readonly end: number;
  readonly #profile: Resolved;

  constructor(params: FixedPopulationParams, path = '') {
    super();
    const p = paramsObject(params, path, 'a fixed population', ['count', 'start', 'end', 'profile'], null);
    this.count = integer(p.count, at(path, 'count'), 0);
    this.start = finite(p.start, at(path, 'start'));
    this.end = finite(p.end, at(path, 'end'));
    if (!(this.end > this.start))
      throw new ParameterError(at(path, 'end'), `a time > start (${this.start})`, this.end);
    this.#profile = this.#resolve(p.profile, at(path, 'profile'));
    const prof = this.#profile;
    const profileJson: JsonValue =
      prof.kind === 'uniform'
        ? { kind: 'uniform' }
        : prof.kind === 'piecewise'
          ? { kind: 'piecewise', times: prof.times, weights: prof.weights }
          : { kind: 'distribution', distribution: prof.distribution.toJSON() };
    this.params = { count: this.count, start: this.start, end: this.end, profile: profileJson };
  }

  #resolve(raw: unknown, path: string): Resolved {
    if (raw === undefined) return { kind: 'uniform' };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new ParameterError(path, 'a profile object { kind, ... }', raw);
    const prof = raw as Record<string, unknown>;
    const kind = oneOf(prof.kind, at(path, 'kind'), ['uniform', 'piecewise', 'distribution'] as const);
    if (kind === 'uniform') {
      paramsObject(prof, path, 'a uniform profile', ['kind'], null);
      return { kind };
    }
    if (kind === 'piecewise') {
      paramsObject(prof, path, 'a piecewise profile', ['kind', 'times', 'weights'], null);
      const tpath = at(path, 'times');
      const times = checkIncreasing(prof.times, tpath, true);
      if (times.length < 2) throw new ParameterError(tpath, 'at least 2 breakpoints', prof.times);
      if (times[0]! < this.start || times[times.length - 1]! > this.end)
        throw new ParameterError(
          tpath,
          `breakpoints within the window [${this.start}, ${this.end}]`,
          prof.times,
        );
      const wpath = at(path, 'weights');
      const w = prof.weights;
      if (!Array.isArray(w) || w.length !== times.length - 1)
        throw new ParameterError(wpath, `an array of ${times.length - 1} weights (one per segment)`, w);
      const cumulative = new Float64Array(times.length);
      w.forEach((x: unknown, i: number) => {
        if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
          throw new ParameterError(at(wpath, i), 'a finite number ≥ 0', x);
        cumulative[i + 1] = cumulative[i]! + x * (times[i + 1]! - times[i]!);
      });
      if (!(cumulative[times.length - 1]! > 0))
        throw new ParameterError(wpath, 'weights with a positive total', w);
      return { kind, times: [...times], cumulative, weights: [...(w as number[])] };
    }
    paramsObject(prof, path, 'a distribution profile', ['kind', 'distribution'], null);
    const dpath = at(path, 'distribution');
    const d = isDistribution(prof.distribution)
      ? prof.distribution
      : parseDistribution(prof.distribution, dpath);
    const span = this.end - this.start;
    if (!(d.support[0] >= 0 && d.support[1] <= span))
      throw new ParameterError(
        dpath,
        `a distribution of offsets with support within [0, ${span}] (end − start)`,
        d.describe(),
      );
    return { kind, distribution: d };
  }

  /** Map a uniform order statistic u to a time, monotonically. */
  #quantile(u: number): number {
    const prof = this.#profile;
    if (prof.kind === 'uniform') return Math.min(this.end, this.start + u * (this.end - this.start));
    if (prof.kind === 'distribution')
      return Math.min(this.end, Math.max(this.start, this.start + prof.distribution.quantile!(u)));
    const { times, cumulative } = prof;
    const target = u * cumulative[cumulative.length - 1]!;
    // Binary search for the segment whose cumulative mass brackets the target.
    let lo = 0;
    let hi = times.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! <= target) lo = mid;
      else hi = mid;
    }
    const mass = cumulative[lo + 1]! - cumulative[lo]!;
    const frac = mass > 0 ? (target - cumulative[lo]!) / mass : 0;
    return Math.min(times[lo + 1]!, times[lo]! + frac * (times[lo + 1]! - times[lo]!));
  }

  *times(rng: Rng): Generator<number, void, undefined> {
    const n = this.count;
    const prof = this.#profile;
    if (prof.kind === 'distribution' && prof.distribution.quantile === undefined) {
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = prof.distribution.sample(rng);
      xs.sort();
      for (let i = 0; i < n; i++) yield this.start + xs[i]!;
      return;
    }
    // rest = 1 − U₍ᵢ₎, shrunk by the minimum of the remaining n − i uniforms each step.
    // A numerically computed quantile may wobble by an ulp; the running maximum keeps the order exact.
    let rest = 1;
    let last = this.start;
    for (let i = 0; i < n; i++) {
      rest *= exp(-standardExponential(rng) / (n - i));
      last = Math.max(last, this.#quantile(1 - rest));
      yield last;
    }
  }

  /** N times the profile's probability of [from, to) (uniform and piecewise profiles only). */
  expectedCount(from: number, to: number): number {
    const prof = this.#profile;
    const a = Math.max(from, this.start);
    const b = Math.min(to, this.end);
    if (!(b > a)) return 0;
    if (prof.kind === 'uniform') return (this.count * (b - a)) / (this.end - this.start);
    if (prof.kind === 'distribution')
      throw new ParameterError(
        'profile',
        'a uniform or piecewise profile for expectedCount',
        prof.distribution.describe(),
      );
    let mass = 0;
    for (let i = 0; i + 1 < prof.times.length; i++) {
      const lo = Math.max(a, prof.times[i]!);
      const hi = Math.min(b, prof.times[i + 1]!);
      if (hi > lo) mass += prof.weights[i]! * (hi - lo);
    }
    return (this.count * mass) / prof.cumulative[prof.cumulative.length - 1]!;
  }
}

function isDistribution(x: unknown): x is Distribution {
  return typeof x === 'object' && x !== null && typeof (x as Distribution).sample === 'function';
}

/**
 * Build a {@link FixedPopulation}.
 *
 * @param params - `{ count, start, end, profile? }`, times in seconds.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * fixedPopulation({
 *   count: 12_000, start: 0, end: 4 * 3600,
 *   profile: { kind: 'piecewise', times: [0, 3600, 14400], weights: [3, 1] },
 * });
 * ```
 */
export function fixedPopulation(params: FixedPopulationParams, path = ''): FixedPopulation {
  return new FixedPopulation(params, path);
}

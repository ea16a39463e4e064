/**
 * Poisson arrival processes: homogeneous (constant rate), piecewise-constant rate from a table, and a
 * general time-varying rate by Lewis–Shedler thinning.
 *
 * Rates are arrivals per second. A homogeneous process has exponential gaps with mean 1/rate. For a
 * piecewise-constant table the generator uses thinning against the table itself as the majorant: in
 * each segment candidates come at the segment's own rate and are all accepted, and when a gap crosses
 * a breakpoint the memoryless property lets it restart from the breakpoint at the next rate. This is
 * exact and needs one exponential per arrival however peaked the table is. A general rate function
 * needs a bound `maxRate` and keeps each candidate with probability rate(t)/maxRate.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, nonNegative, positive } from '../../kernel/validate.js';
import { at, paramsObject } from '../distribution.js';
import type { Rng } from '../rng.js';
import { standardExponential } from '../sampling.js';
import { type ArrivalProcess, checkIncreasing, ProcessBase } from './process.js';

/**
 * Parameters of {@link poissonProcess}.
 *
 * @example
 * ```ts
 * const p: PoissonProcessParams = { rate: 0.5, start: 0, end: 3600 };
 * ```
 */
export type PoissonProcessParams = {
  /** Arrivals per second, > 0. */
  readonly rate: number;
  /** First possible arrival time (default 0). */
  readonly start?: number;
  /** Arrivals stop before this time (default: never). */
  readonly end?: number;
};

/** Overlap length of [a, b) and [c, d). */
function overlap(a: number, b: number, c: number, d: number): number {
  return Math.max(0, Math.min(b, d) - Math.max(a, c));
}

/** Read optional start/end with defaults 0 / +∞ and check end > start. */
function window(p: Record<string, unknown>, path: string): { start: number; end: number } {
  const start = p.start === undefined ? 0 : finite(p.start, at(path, 'start'));
  const end = p.end === undefined ? Number.POSITIVE_INFINITY : finite(p.end, at(path, 'end'));
  if (!(end > start)) throw new ParameterError(at(path, 'end'), `a time > start (${start})`, end);
  return { start, end };
}

/**
 * A homogeneous Poisson process on [start, end).
 *
 * @example
 * ```ts
 * const walkIns = poissonProcess({ rate: 1200 / 3600, start: 0, end: 6 * 3600 });
 * walkIns.expectedCount(0, 3600); // 1200
 * ```
 */
export class PoissonProcess extends ProcessBase implements ArrivalProcess {
  readonly name = 'poisson';
  readonly params: PoissonProcessParams;
  /** Arrivals per second, > 0. */
  readonly rate: number;
  /** First possible arrival time (default 0). */
  readonly start: number;
  /** Arrivals stop before this time (default: never). */
  readonly end: number;

  constructor(params: PoissonProcessParams, path = '') {
    super();
    const p = paramsObject(params, path, 'a Poisson process', ['rate', 'start', 'end'], null);
    this.rate = positive(p.rate, at(path, 'rate'));
    ({ start: this.start, end: this.end } = window(p, path));
    const out: { rate: number; start: number; end?: number } = { rate: this.rate, start: this.start };
    if (Number.isFinite(this.end)) out.end = this.end;
    this.params = out;
  }

  *times(rng: Rng): Generator<number, void, undefined> {
    const mean = 1 / this.rate;
    let t = this.start;
    for (;;) {
      t += standardExponential(rng) * mean;
      if (t >= this.end) return;
      yield t;
    }
  }

  expectedCount(from: number, to: number): number {
    return this.rate * overlap(from, to, this.start, this.end);
  }
}

/**
 * Build a {@link PoissonProcess}.
 *
 * @param params - `{ rate, start?, end? }`, rate in arrivals per second.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * for (const t of poissonProcess({ rate: 0.2, end: 60 }).times(rng)) console.log(t);
 * ```
 */
export function poissonProcess(params: PoissonProcessParams, path = ''): PoissonProcess {
  return new PoissonProcess(params, path);
}

/**
 * Parameters of {@link piecewisePoissonProcess}: breakpoints `times` (strictly increasing, at least
 * two) and one rate per segment: `rates[i]` arrivals per second on `[times[i], times[i + 1])`. The
 * rate is 0 before `times[0]` and from the last breakpoint on.
 *
 * @example
 * ```ts
 * const p: PiecewisePoissonParams = { times: [0, 3600, 7200], rates: [0.1, 0.3] };
 * ```
 */
export type PiecewisePoissonParams = {
  /** Segment boundaries in seconds, strictly increasing. */
  readonly times: readonly number[];
  /** Arrivals per second in each segment, ≥ 0 (`times.length − 1` of them). */
  readonly rates: readonly number[];
};

/**
 * A non-homogeneous Poisson process with a piecewise-constant rate table (e.g. hourly arrival rates).
 *
 * @example
 * ```ts
 * const hourly = piecewisePoissonProcess({ times: [0, 3600, 7200, 10800], rates: [0.1, 0.5, 0.2] });
 * hourly.expectedCount(0, 10800); // 2880
 * ```
 */
export class PiecewisePoissonProcess extends ProcessBase implements ArrivalProcess {
  readonly name = 'piecewise-poisson';
  readonly params: PiecewisePoissonParams;
  /** Segment boundaries in seconds (`params.times`): segment i is [breakpoints[i], breakpoints[i + 1]). */
  readonly breakpoints: readonly number[];
  /** Arrivals per second in each segment, ≥ 0 (`times.length − 1` of them). */
  readonly rates: readonly number[];

  constructor(params: PiecewisePoissonParams, path = '') {
    super();
    const p = paramsObject(params, path, 'a piecewise Poisson process', ['times', 'rates'], null);
    const times = checkIncreasing(p.times, at(path, 'times'), true);
    if (times.length < 2) throw new ParameterError(at(path, 'times'), 'at least 2 breakpoints', p.times);
    const rpath = at(path, 'rates');
    if (!Array.isArray(p.rates) || p.rates.length !== times.length - 1)
      throw new ParameterError(rpath, `an array of ${times.length - 1} rates (one per segment)`, p.rates);
    const rates = p.rates.map((r: unknown, i: number) => nonNegative(r, at(rpath, i)));
    this.breakpoints = [...times];
    this.rates = rates;
    this.params = { times: this.breakpoints, rates };
  }

  *times(rng: Rng): Generator<number, void, undefined> {
    const bp = this.breakpoints;
    let seg = 0;
    let t = bp[0]!;
    while (seg < this.rates.length) {
      const rate = this.rates[seg]!;
      const segEnd = bp[seg + 1]!;
      const next = rate > 0 ? t + standardExponential(rng) / rate : Number.POSITIVE_INFINITY;
      if (next < segEnd) {
        t = next;
        yield t;
      } else {
        // No arrival left in this segment: by memorylessness, restart at the breakpoint.
        t = segEnd;
        seg++;
      }
    }
  }

  expectedCount(from: number, to: number): number {
    let sum = 0;
    for (let i = 0; i < this.rates.length; i++)
      sum += this.rates[i]! * overlap(from, to, this.breakpoints[i]!, this.breakpoints[i + 1]!);
    return sum;
  }
}

/**
 * Build a {@link PiecewisePoissonProcess} from a rate table.
 *
 * @param params - `{ times, rates }`.
 * @param path - prefix for error messages, e.g. `sites[2].arrivals`.
 * @example
 * ```ts
 * piecewisePoissonProcess({ times: [0, 1800, 3600], rates: [0.05, 0.3] }, 'arrivals');
 * ```
 */
export function piecewisePoissonProcess(params: PiecewisePoissonParams, path = ''): PiecewisePoissonProcess {
  return new PiecewisePoissonProcess(params, path);
}

/**
 * Parameters of {@link thinnedPoissonProcess}.
 *
 * @example
 * ```ts
 * const p: ThinnedPoissonParams = { rate: (t) => 0.1 + 0.1 * Math.sin(t / 3600), maxRate: 0.2, end: 86400 };
 * ```
 */
export type ThinnedPoissonParams = {
  /** Arrivals per second at time t; must stay within [0, maxRate] on [start, end). */
  readonly rate: (t: number) => number;
  /** An upper bound of `rate` on [start, end), > 0. */
  readonly maxRate: number;
  /** Start of the window (default 0). */
  readonly start?: number;
  /** End of the window (finite). */
  readonly end: number;
};

/** Panels of the composite Simpson rule used by `expectedCount`. */
const SIMPSON_PANELS = 2048;

/**
 * A non-homogeneous Poisson process with an arbitrary rate function, by Lewis–Shedler thinning:
 * candidates come at `maxRate` and each is kept with probability rate(t)/maxRate.
 *
 * A rate outside [0, maxRate] at a candidate time throws a `ParameterError` naming the time: the bound
 * would be wrong and the output biased. `params` records only the numbers (the function is code).
 *
 * @example
 * ```ts
 * const wave = thinnedPoissonProcess({
 *   rate: (t) => 0.2 * (1 + Math.sin((2 * Math.PI * t) / 86400)), maxRate: 0.4, end: 86400,
 * });
 * ```
 */
export class ThinnedPoissonProcess extends ProcessBase implements ArrivalProcess {
  readonly name = 'thinned-poisson';
  readonly params: { readonly maxRate: number; readonly start: number; readonly end: number };
  readonly #rate: (t: number) => number;
  readonly #path: string;
  /** An upper bound of `rate` on [start, end), > 0. */
  readonly maxRate: number;
  /** First possible arrival time (default 0). */
  readonly start: number;
  /** Arrivals stop before this time (default: never). */
  readonly end: number;

  constructor(params: ThinnedPoissonParams, path = '') {
    super();
    const p = paramsObject(
      params,
      path,
      'a thinned Poisson process',
      ['rate', 'maxRate', 'start', 'end'],
      null,
    );
    if (typeof p.rate !== 'function')
      throw new ParameterError(at(path, 'rate'), 'a function of time', p.rate);
    this.#rate = p.rate as (t: number) => number;
    this.#path = path;
    this.maxRate = positive(p.maxRate, at(path, 'maxRate'));
    ({ start: this.start, end: this.end } = window(p, path));
    if (!Number.isFinite(this.end)) throw new ParameterError(at(path, 'end'), 'a finite time', p.end);
    this.params = { maxRate: this.maxRate, start: this.start, end: this.end };
  }

  #rateAt(t: number): number {
    const r = this.#rate(t);
    if (!(r >= 0 && r <= this.maxRate))
      throw new ParameterError(
        `${at(this.#path, 'rate')}(t=${t})`,
        `a rate in [0, maxRate = ${this.maxRate}]`,
        r,
      );
    return r;
  }

  *times(rng: Rng): Generator<number, void, undefined> {
    const mean = 1 / this.maxRate;
    let t = this.start;
    for (;;) {
      t += standardExponential(rng) * mean;
      if (t >= this.end) return;
      if (rng.next() * this.maxRate < this.#rateAt(t)) yield t;
    }
  }

  /** The integral of the rate over [from, to) ∩ [start, end), by composite Simpson's rule. */
  expectedCount(from: number, to: number): number {
    const a = Math.max(from, this.start);
    const b = Math.min(to, this.end);
    if (!(b > a)) return 0;
    const h = (b - a) / SIMPSON_PANELS;
    let sum = this.#rateAt(a) + this.#rateAt(b);
    for (let i = 1; i < SIMPSON_PANELS; i++) sum += (i % 2 === 1 ? 4 : 2) * this.#rateAt(a + i * h);
    return (sum * h) / 3;
  }
}

/**
 * Build a {@link ThinnedPoissonProcess}.
 *
 * @param params - `{ rate, maxRate, start?, end }`.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * thinnedPoissonProcess({ rate: (t) => (t < 3600 ? 0.1 : 0.3), maxRate: 0.3, end: 7200 });
 * ```
 */
export function thinnedPoissonProcess(params: ThinnedPoissonParams, path = ''): ThinnedPoissonProcess {
  return new ThinnedPoissonProcess(params, path);
}

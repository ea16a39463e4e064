/**
 * Histogram: counts of observations in fixed bins, for distributions a planner wants to see in
 * agreed classes ("waited < 15 min, 15–30 min, …") rather than as percentiles.
 *
 * Bins are given by strictly increasing edges e₀ < e₁ < … < e_k and are left-closed, right-open:
 * bin i counts e_i ≤ x < e_{i+1} (like d3's `bin` and R's `cut(right = FALSE)`). Values below e₀ go to
 * `underflow`, values ≥ e_k to `overflow`, so nothing is lost and the counts always add up to the
 * total. Memory is fixed by the number of bins. Observations may carry a weight (default 1) — for
 * example a duration, to histogram a level by time.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { finite } from '../kernel/validate.js';
import { type Monitor, monitorName } from './monitor.js';

/**
 * Options of a {@link Histogram}.
 *
 * @example
 * ```ts
 * new Histogram('wait', [0, 900, 1800], { time: 3600 });
 * ```
 */
export interface HistogramOptions {
  /** Start of the first window (reported as `since`); default 0. */
  readonly time?: number;
}

/**
 * The summary of a {@link Histogram}: plain JSON.
 *
 * @example
 * ```ts
 * const { counts, overflow } = wait.summary();
 * ```
 */
export interface HistogramSummary {
  /** Always `'histogram'`. */
  readonly kind: 'histogram';
  /** The monitor's name. */
  readonly name: string;
  /** Start of the window. */
  readonly since: number;
  /** The bin edges (k + 1 numbers for k bins). */
  readonly edges: number[];
  /** Weight in each bin [edges[i], edges[i+1]) (k numbers). */
  readonly counts: number[];
  /** Weight below edges[0]. */
  readonly underflow: number;
  /** Weight at or above the last edge. */
  readonly overflow: number;
  /** Total weight, underflow and overflow included. */
  readonly total: number;
}

/**
 * Fixed-bin histogram with underflow and overflow (see the module comment).
 *
 * @example
 * ```ts
 * const wait = new Histogram('wait', [0, 900, 1800, 3600]);  // 0–15 min, 15–30 min, 30–60 min
 * wait.observe(120);
 * wait.observe(4000);  // overflow
 * wait.summary();      // { counts: [1, 0, 0], underflow: 0, overflow: 1, total: 2, … }
 * ```
 */
export class Histogram implements Monitor<HistogramSummary> {
  /** The monitor's name. */
  readonly name: string;
  private readonly edgeList: Float64Array;
  private readonly bins: Float64Array;
  private under = 0;
  private over = 0;
  private sum = 0;
  private since: number;

  /**
   * @param name - the monitor's name (non-empty).
   * @param edges - at least two finite, strictly increasing edges.
   * @param options - start time.
   * @throws {@link ParameterError} naming the offending edge (`Histogram("wait").edges[2]: expected a
   *   number > 900, got 900`).
   */
  constructor(name: string, edges: readonly number[], options: HistogramOptions = {}) {
    this.name = monitorName(name, 'Histogram');
    const path = `Histogram(${JSON.stringify(this.name)})`;
    if (!Array.isArray(edges) || edges.length < 2)
      throw new ParameterError(`${path}.edges`, 'an array of at least 2 increasing numbers', edges);
    edges.forEach((e, i) => {
      finite(e, `${path}.edges[${i}]`);
      if (i > 0 && !(e > edges[i - 1]!))
        throw new ParameterError(`${path}.edges[${i}]`, `a number > ${edges[i - 1]}`, e);
    });
    this.edgeList = Float64Array.from(edges);
    this.bins = new Float64Array(edges.length - 1);
    this.since = finite(options.time ?? 0, `${path}.time`);
  }

  /**
   * `bins` equal-width bins covering [min, max).
   *
   * @throws {@link ParameterError} when min ≥ max or bins is not a positive integer.
   * @example
   * ```ts
   * Histogram.linear('queue', 0, 100, 10); // edges 0, 10, …, 100
   * ```
   */
  static linear(
    name: string,
    min: number,
    max: number,
    bins: number,
    options: HistogramOptions = {},
  ): Histogram {
    const path = `Histogram.linear(${JSON.stringify(name)})`;
    finite(min, `${path}.min`);
    finite(max, `${path}.max`);
    if (!(max > min)) throw new ParameterError(`${path}.max`, `a number > min (${min})`, max);
    if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1)
      throw new ParameterError(`${path}.bins`, 'an integer ≥ 1', bins);
    // Edges from min + i·width, computed by interpolation so the last edge is exactly max.
    const edges = Array.from({ length: bins + 1 }, (_, i) =>
      i === bins ? max : min + ((max - min) * i) / bins,
    );
    return new Histogram(name, edges, options);
  }

  /**
   * Count `x` with `weight` (default 1) in its bin. Binary search; no allocation.
   *
   * @throws {@link ParameterError} when `x` is NaN or `weight` is not a finite number ≥ 0.
   * @example
   * ```ts
   * wait.observe(sim.now - arrivedAt);
   * ```
   */
  observe(x: number, weight = 1): void {
    if (typeof x !== 'number' || Number.isNaN(x))
      throw new ParameterError(`${this.name}.observe(x)`, 'a number', x);
    if (typeof weight !== 'number' || !(weight >= 0) || weight === Number.POSITIVE_INFINITY)
      throw new ParameterError(`${this.name}.observe(weight)`, 'a finite number ≥ 0', weight);
    this.sum += weight;
    const edges = this.edgeList;
    const k = edges.length - 1;
    if (x < edges[0]!) {
      this.under += weight;
      return;
    }
    if (x >= edges[k]!) {
      this.over += weight;
      return;
    }
    // Largest i with edges[i] ≤ x.
    let lo = 0;
    let hi = k;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= x) lo = mid;
      else hi = mid;
    }
    this.bins[lo]! += weight;
  }

  /** Total weight observed, underflow and overflow included. */
  get total(): number {
    return this.sum;
  }

  /**
   * Set all counts to 0 and start a new window at `time`.
   *
   * @example
   * ```ts
   * wait.reset(3600);
   * ```
   */
  reset(time: number): void {
    this.since = finite(time, `${this.name}.reset(time)`);
    this.bins.fill(0);
    this.under = 0;
    this.over = 0;
    this.sum = 0;
  }

  /**
   * Plain JSON summary (see {@link HistogramSummary}).
   *
   * @example
   * ```ts
   * wait.summary().counts;
   * ```
   */
  summary(): HistogramSummary {
    return {
      kind: 'histogram',
      name: this.name,
      since: this.since,
      edges: Array.from(this.edgeList),
      counts: Array.from(this.bins),
      underflow: this.under,
      overflow: this.over,
      total: this.sum,
    };
  }
}

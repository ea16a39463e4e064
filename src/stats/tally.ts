/**
 * Tally: statistics of a stream of observations (waits, service times, sojourn times) in constant
 * memory.
 *
 * - count, sum, mean, variance, sd, min, max — exact. The mean and variance use Welford's update on
 *   deviations from the running mean, so waits recorded as absolute times near 1e9 keep their spread;
 *   the sum is compensated (Neumaier).
 * - quantiles — from a {@link QuantileSketch} with relative error α (default 1%), in bounded memory.
 *   With `keep: true` the tally also keeps every observation and its quantiles are exact (type 7, via
 *   simple-statistics' `quantileSorted`); that is the only case where memory grows with the count.
 * - `merge` combines tallies (e.g. per-replication tallies into one) by the parallel form of Welford's
 *   algorithm (Chan, Golub & LeVeque): n = nₐ + n_b, δ = m_b − mₐ, m = mₐ + δ·n_b/n,
 *   M₂ = M₂ₐ + M₂_b + δ²·nₐ·n_b/n.
 *
 * `observe` does not allocate (the sketch allocates only when the observed range widens, and the trace,
 * when kept, doubles its buffer).
 *
 * @module
 */
import { quantileSorted } from 'simple-statistics';
import { ParameterError } from '../kernel/errors.js';
import { finite, probability } from '../kernel/validate.js';
import { type Monitor, monitorName, orNull, SUMMARY_QUANTILES } from './monitor.js';
import { QuantileSketch } from './quantileSketch.js';

/**
 * Options of a {@link Tally}.
 *
 * @example
 * ```ts
 * new Tally('wait', { keep: true });              // exact quantiles, memory grows
 * new Tally('wait', { relativeAccuracy: 0.001 }); // 0.1% sketch
 * ```
 */
export interface TallyOptions {
  /** Keep every observation, for exact quantiles and `values()`; memory grows with the count. Default false. */
  readonly keep?: boolean;
  /** Relative accuracy α of the quantile sketch, in (0, 1); default 0.01. */
  readonly relativeAccuracy?: number;
  /** Bucket cap of the quantile sketch per sign; default 2048. */
  readonly maxBuckets?: number;
  /** Start of the first observation window (reported as `since`); default 0. */
  readonly time?: number;
}

/**
 * The summary of a {@link Tally}: plain JSON. Statistics that do not exist yet (the mean of nothing,
 * the variance of one value) are `null`.
 *
 * @example
 * ```ts
 * const { mean, p90, quantileMethod } = wait.summary();
 * ```
 */
export interface TallySummary {
  /** Always `'tally'`. */
  readonly kind: 'tally';
  /** The monitor's name. */
  readonly name: string;
  /** Start of the observation window (construction or last `reset`). */
  readonly since: number;
  /** Number of observations. */
  readonly count: number;
  /** Sum of the observations (compensated). */
  readonly sum: number;
  /** Mean, or null when empty. */
  readonly mean: number | null;
  /** Sample variance (n − 1), or null with fewer than two observations. */
  readonly variance: number | null;
  /** Sample standard deviation, or null with fewer than two observations. */
  readonly sd: number | null;
  /** Smallest observation, or null. */
  readonly min: number | null;
  /** Largest observation, or null. */
  readonly max: number | null;
  /** Median (type 7), or null. */
  readonly p50: number | null;
  /** 90th percentile, or null. */
  readonly p90: number | null;
  /** 95th percentile, or null. */
  readonly p95: number | null;
  /** 99th percentile, or null. */
  readonly p99: number | null;
  /** `'exact'` (kept trace) or `'sketch'` (log-bucket estimate). */
  readonly quantileMethod: 'exact' | 'sketch';
  /**
   * Bound on the relative error of the percentiles: 0 when exact, α for the sketch, `null` if the
   * observations spanned more than the sketch's buckets and its lowest buckets were merged (the bound
   * then no longer holds for the smallest values).
   */
  readonly quantileRelativeError: number | null;
}

const INITIAL_TRACE = 64;

/**
 * Streaming statistics of observations in O(1) memory (see the module comment).
 *
 * @example
 * ```ts
 * const wait = new Tally('wait');
 * wait.observe(12.5);
 * wait.observe(40);
 * wait.mean;          // 26.25
 * wait.quantile(0.9); // ≈ 37.25 (within 1%)
 * JSON.stringify(wait.summary());
 * ```
 */
export class Tally implements Monitor<TallySummary> {
  /** The monitor's name. */
  readonly name: string;
  private n = 0;
  private m = 0;
  private m2 = 0;
  private total = 0;
  private carry = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  private since: number;
  private readonly sketch: QuantileSketch;
  private trace: Float64Array | null;
  private traceLength = 0;

  /**
   * @param name - the monitor's name (non-empty).
   * @param options - `keep`, sketch accuracy, start time.
   * @throws {@link ParameterError} for a bad name or option, naming it.
   */
  constructor(name: string, options: TallyOptions = {}) {
    this.name = monitorName(name, 'Tally');
    const path = `Tally(${JSON.stringify(this.name)})`;
    this.since = finite(options.time ?? 0, `${path}.time`);
    this.sketch = new QuantileSketch(
      {
        ...(options.relativeAccuracy !== undefined && { relativeAccuracy: options.relativeAccuracy }),
        ...(options.maxBuckets !== undefined && { maxBuckets: options.maxBuckets }),
      },
      path,
    );
    const keep = options.keep ?? false;
    if (typeof keep !== 'boolean') throw new ParameterError(`${path}.keep`, 'a boolean', keep);
    this.trace = keep ? new Float64Array(INITIAL_TRACE) : null;
  }

  /**
   * Record one observation.
   *
   * @throws {@link ParameterError} `<name>.observe(x): expected a finite number, got NaN`.
   * @example
   * ```ts
   * wait.observe(sim.now - arrivedAt);
   * ```
   */
  observe(x: number): void {
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new ParameterError(`${this.name}.observe(x)`, 'a finite number', x);
    const n = ++this.n;
    const delta = x - this.m;
    this.m += delta / n;
    this.m2 += delta * (x - this.m);
    const s = this.total + x;
    this.carry += Math.abs(this.total) >= Math.abs(x) ? this.total - s + x : x - s + this.total;
    this.total = s;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    this.sketch.add(x);
    const trace = this.trace;
    if (trace !== null) {
      if (this.traceLength === trace.length) this.growTrace();
      this.trace![this.traceLength++] = x;
    }
  }

  private growTrace(): void {
    const bigger = new Float64Array(Math.max(INITIAL_TRACE, 2 * this.trace!.length));
    bigger.set(this.trace!.subarray(0, this.traceLength));
    this.trace = bigger;
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /** Sum of the observations (compensated); 0 when empty. */
  get sum(): number {
    return this.total + this.carry;
  }

  /** Mean, or `undefined` when empty. */
  get mean(): number | undefined {
    return this.n > 0 ? this.m : undefined;
  }

  /** Sample variance (n − 1 denominator), or `undefined` with fewer than two observations. */
  get variance(): number | undefined {
    return this.n > 1 ? this.m2 / (this.n - 1) : undefined;
  }

  /** Sample standard deviation, or `undefined` with fewer than two observations. */
  get sd(): number | undefined {
    return this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : undefined;
  }

  /** Smallest observation, or `undefined`. */
  get min(): number | undefined {
    return this.n > 0 ? this.lo : undefined;
  }

  /** Largest observation, or `undefined`. */
  get max(): number | undefined {
    return this.n > 0 ? this.hi : undefined;
  }

  /** Whether every observation is kept (exact quantiles). */
  get keeps(): boolean {
    return this.trace !== null;
  }

  /**
   * What this tally holds in memory, for tests and diagnostics: the slots allocated for kept
   * observations (0 unless `keep`), and the sketch's allocated bucket slots (bounded by 2 × maxBuckets).
   *
   * @example
   * ```ts
   * wait.footprint(); // { traceSlots: 0, sketchBuckets: 32 }
   * ```
   */
  footprint(): { traceSlots: number; sketchBuckets: number } {
    return {
      traceSlots: this.trace === null ? 0 : this.trace.length,
      sketchBuckets: this.sketch.allocatedBuckets,
    };
  }

  /**
   * The `p`-quantile: exact type 7 when observations are kept, else the sketch's estimate (relative
   * error ≤ α against the bracketing order statistics). `undefined` when empty.
   *
   * @throws {@link ParameterError} when `p` is not in [0, 1].
   * @example
   * ```ts
   * wait.quantile(0.95);
   * ```
   */
  quantile(p: number): number | undefined {
    probability(p, `${this.name}.quantile(p)`);
    if (this.n === 0) return undefined;
    if (this.trace !== null) return quantileSorted(this.sortedTrace() as unknown as number[], p);
    return this.sketch.quantile(p);
  }

  private sortedTrace(): Float64Array {
    return this.trace!.slice(0, this.traceLength).sort();
  }

  /**
   * The kept observations in the order observed, or `undefined` unless `keep: true`.
   *
   * @example
   * ```ts
   * new Tally('w', { keep: true }).values(); // []
   * ```
   */
  values(): number[] | undefined {
    return this.trace === null ? undefined : Array.from(this.trace.subarray(0, this.traceLength));
  }

  /**
   * Add `other`'s observations to this tally, as if they had been observed here (parallel Welford for
   * mean and variance; sketches merged; traces concatenated). If only one of the two keeps its
   * observations, the merged tally cannot be exact any more and stops keeping them.
   *
   * @throws {@link ParameterError} when the sketches' relative accuracies differ.
   * @returns this tally.
   * @example
   * ```ts
   * const all = new Tally('wait (all replications)');
   * for (const r of replications) all.merge(r.wait);
   * ```
   */
  merge(other: Tally): this {
    this.sketch.merge(other.sketch);
    if (other.n > 0) {
      const na = this.n;
      const nb = other.n;
      const n = na + nb;
      const delta = other.m - this.m;
      this.m = na === 0 ? other.m : this.m + (delta * nb) / n;
      this.m2 = this.m2 + other.m2 + (delta * delta * na * nb) / n;
      this.n = n;
      const x = other.sum;
      const s = this.total + x;
      this.carry += Math.abs(this.total) >= Math.abs(x) ? this.total - s + x : x - s + this.total;
      this.total = s;
      if (other.lo < this.lo) this.lo = other.lo;
      if (other.hi > this.hi) this.hi = other.hi;
    }
    if (this.trace !== null) {
      if (other.trace === null) this.trace = null;
      else {
        // Copy first: `other` may be this tally itself.
        const extra = other.trace.slice(0, other.traceLength);
        for (let i = 0; i < extra.length; i++) {
          if (this.traceLength === this.trace!.length) this.growTrace();
          this.trace![this.traceLength++] = extra[i]!;
        }
      }
    }
    if (this.trace === null) this.traceLength = 0;
    return this;
  }

  /**
   * Forget all observations and start a new window at `time` (warm-up deletion). Keeps `keep` and the
   * sketch's accuracy.
   *
   * @example
   * ```ts
   * wait.reset(3600); // discard the first hour
   * ```
   */
  reset(time: number): void {
    this.since = finite(time, `${this.name}.reset(time)`);
    this.n = 0;
    this.m = 0;
    this.m2 = 0;
    this.total = 0;
    this.carry = 0;
    this.lo = Number.POSITIVE_INFINITY;
    this.hi = Number.NEGATIVE_INFINITY;
    this.sketch.clear();
    if (this.trace !== null) {
      this.trace = new Float64Array(INITIAL_TRACE);
      this.traceLength = 0;
    }
  }

  /**
   * Plain JSON summary (see {@link TallySummary} for the fields).
   *
   * @example
   * ```ts
   * wait.summary(); // { kind: 'tally', name: 'wait', since: 0, count: 2, mean: 26.25, … }
   * ```
   */
  summary(): TallySummary {
    const n = this.n;
    let qs: (number | null)[];
    if (n === 0) qs = [null, null, null, null];
    else if (this.trace !== null) {
      const sorted = this.sortedTrace() as unknown as number[];
      qs = SUMMARY_QUANTILES.map((p) => quantileSorted(sorted, p));
    } else qs = SUMMARY_QUANTILES.map((p) => this.sketch.quantile(p)!);
    return {
      kind: 'tally',
      name: this.name,
      since: this.since,
      count: n,
      sum: this.sum,
      mean: orNull(this.mean),
      variance: orNull(this.variance),
      sd: orNull(this.sd),
      min: orNull(this.min),
      max: orNull(this.max),
      p50: qs[0]!,
      p90: qs[1]!,
      p95: qs[2]!,
      p99: qs[3]!,
      quantileMethod: this.trace !== null ? 'exact' : 'sketch',
      quantileRelativeError:
        this.trace !== null ? 0 : this.sketch.collapsed ? null : this.sketch.relativeAccuracy,
    };
  }
}

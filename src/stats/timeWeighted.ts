/**
 * TimeWeighted: statistics of a level that changes over time — queue length, busy servers, people on
 * site, stock in a store — in constant memory.
 *
 * A level ℓ(t) is a step function: it holds its value until the next `update`. Its statistics are
 * weighted by how long each value was held, over the window [start, end]:
 *
 * - integral ∫ℓ dt (area: person-seconds in queue, server-seconds busy), compensated sum of ℓ·Δt;
 * - mean = ∫ℓ dt / (end − start), and the time-weighted variance ∫(ℓ − mean)² dt / (end − start)
 *   (a population variance: it describes the level's distribution over time), both by West's weighted
 *   form of Welford's update, stable when the level has a large offset;
 * - min, max and the time the max was first reached — over every level taken, including levels held
 *   for no time (a queue that jumps to 5 and back at one instant did reach 5);
 * - percentiles of the level's time distribution, the inverse CDF: the smallest level ℓ such that the
 *   level was ≤ ℓ for at least a fraction p of the window. Integer levels (queues, servers) are kept in
 *   an exact level → time table that grows only with the highest level reached, not with the number
 *   of updates. The first fractional, negative or very high level (> `maxExactLevel`) moves the table
 *   into a {@link QuantileSketch} weighted by time, whose percentiles have relative error ≤ α.
 *
 * Time never goes back: an update earlier than the last one is a modelling error and throws, naming
 * the monitor, the bad time and the last time. Queries take an optional `at` (usually `sim.now`), the
 * end of the window; the current level is taken to hold until then. Queries never change the monitor.
 *
 * A trace of (time, level) changes is kept only with `trace: true`.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { finite, probability } from '../kernel/validate.js';
import { type Monitor, monitorName, orNull, SUMMARY_QUANTILES } from './monitor.js';
import { QuantileSketch } from './quantileSketch.js';

/**
 * Options of a {@link TimeWeighted} monitor.
 *
 * @example
 * ```ts
 * new TimeWeighted('busy', { time: 0, level: 0, trace: true });
 * ```
 */
export interface TimeWeightedOptions {
  /** Start of the observation window; default 0. */
  readonly time?: number;
  /** Level at the start; default 0. */
  readonly level?: number;
  /** Keep every (time, level) change; default false. */
  readonly trace?: boolean;
  /** Integer levels 0…maxExactLevel are tabulated exactly; default 65536. */
  readonly maxExactLevel?: number;
  /** Relative accuracy α of the sketch used for other levels; default 0.01. */
  readonly relativeAccuracy?: number;
  /** Bucket cap of that sketch per sign; default 2048. */
  readonly maxBuckets?: number;
}

/**
 * The summary of a {@link TimeWeighted} monitor: plain JSON. Undefined statistics are `null`.
 *
 * @example
 * ```ts
 * const { mean, max, timeOfMax } = queue.summary(sim.now);
 * ```
 */
export interface TimeWeightedSummary {
  /** Always `'time-weighted'`. */
  readonly kind: 'time-weighted';
  /** The monitor's name. */
  readonly name: string;
  /** Start of the window (construction or last `reset`). */
  readonly start: number;
  /** End of the window (the `at` of the summary, default the last update). */
  readonly end: number;
  /** end − start. */
  readonly duration: number;
  /** Level at `end`. */
  readonly level: number;
  /** Time-weighted mean, or null for an empty window. */
  readonly mean: number | null;
  /** Time-weighted (population) variance, or null for an empty window. */
  readonly variance: number | null;
  /** Its square root, or null. */
  readonly sd: number | null;
  /** Lowest level taken in the window. */
  readonly min: number;
  /** Highest level taken in the window. */
  readonly max: number;
  /** When the highest level was first reached. */
  readonly timeOfMax: number;
  /** ∫ level dt over the window. */
  readonly integral: number;
  /** Median level by time, or null. */
  readonly p50: number | null;
  /** 90th percentile by time, or null. */
  readonly p90: number | null;
  /** 95th percentile by time, or null. */
  readonly p95: number | null;
  /** 99th percentile by time, or null. */
  readonly p99: number | null;
  /** `'exact'` (integer level table) or `'sketch'`. */
  readonly quantileMethod: 'exact' | 'sketch';
  /** Bound on the percentiles' relative error: 0 when exact, α for the sketch, `null` if the sketch collapsed. */
  readonly quantileRelativeError: number | null;
}

/**
 * The kept (time, level) changes of a traced monitor.
 *
 * @example
 * ```ts
 * const { times, levels } = queue.trace()!;
 * ```
 */
export interface LevelTrace {
  /** Change times, non-decreasing; the first is the window start. */
  readonly times: number[];
  /** The level from each change time on. */
  readonly levels: number[];
}

const INITIAL_TABLE = 16;
const INITIAL_TRACE = 64;

/**
 * Time-weighted statistics of a level (see the module comment).
 *
 * @example
 * ```ts
 * const queue = new TimeWeighted('queue');   // level 0 from t = 0
 * queue.update(2, 3);                        // 3 waiting from t = 2
 * queue.update(5, 1);
 * queue.mean(10);                            // (0·2 + 3·3 + 1·5) / 10 = 1.4
 * queue.max;                                 // 3, first reached at queue.timeOfMax = 2
 * queue.quantile(0.5, 10);                   // 1 (the level was ≤ 1 for half the time or more)
 * ```
 */
export class TimeWeighted implements Monitor<TimeWeightedSummary> {
  /** The monitor's name. */
  readonly name: string;
  // The times and levels start as numbers (the constructor sets them at once): a field without an
  // initialiser starts undefined, V8 then keeps it tagged, and every update would box a new heap
  // number for `last` (a resource monitor updates ~700,000 times in a Qingxu day).
  private begin = 0;
  private last = 0;
  private lvl = 0;
  private wMean = 0;
  private wS = 0;
  private area = 0;
  private areaCarry = 0;
  private lo = 0;
  private hi = 0;
  private hiTime = 0;
  private readonly maxExactLevel: number;
  private readonly sketchOptions: { relativeAccuracy?: number; maxBuckets?: number };
  private table: Float64Array | null = new Float64Array(INITIAL_TABLE);
  private sketch: QuantileSketch | null = null;
  private traceTimes: Float64Array | null;
  private traceLevels: Float64Array | null;
  private traceLength = 0;

  /**
   * @param name - the monitor's name (non-empty).
   * @param options - start time and level, trace, accuracy.
   * @throws {@link ParameterError} for a bad name or option, naming it.
   */
  constructor(name: string, options: TimeWeightedOptions = {}) {
    this.name = monitorName(name, 'TimeWeighted');
    const path = `TimeWeighted(${JSON.stringify(this.name)})`;
    this.begin = this.last = this.hiTime = finite(options.time ?? 0, `${path}.time`);
    this.lvl = this.lo = this.hi = finite(options.level ?? 0, `${path}.level`);
    const maxExact = options.maxExactLevel ?? 65536;
    if (typeof maxExact !== 'number' || !Number.isInteger(maxExact) || maxExact < 0)
      throw new ParameterError(`${path}.maxExactLevel`, 'an integer ≥ 0', maxExact);
    this.maxExactLevel = maxExact;
    this.sketchOptions = {
      ...(options.relativeAccuracy !== undefined && { relativeAccuracy: options.relativeAccuracy }),
      ...(options.maxBuckets !== undefined && { maxBuckets: options.maxBuckets }),
    };
    // Check the sketch options now, not at the first fractional level mid-run.
    new QuantileSketch(this.sketchOptions, path);
    const trace = options.trace ?? false;
    if (typeof trace !== 'boolean') throw new ParameterError(`${path}.trace`, 'a boolean', trace);
    this.traceTimes = trace ? new Float64Array(INITIAL_TRACE) : null;
    this.traceLevels = trace ? new Float64Array(INITIAL_TRACE) : null;
    this.record(this.begin, this.lvl);
  }

  /**
   * The level becomes `level` at `time`. Several updates at one time are fine (the earlier levels are
   * held for no time but still count for min and max).
   *
   * @throws {@link ParameterError} when `time` is before the last update (`queue.update(time): expected
   *   a time ≥ 12.5 (the last update; time cannot go back), got 10`), or either value is not finite.
   * @example
   * ```ts
   * queue.update(sim.now, waiting.length);
   * ```
   */
  update(time: number, level: number): void {
    const last = this.last;
    if (!(time >= last) || time === Number.POSITIVE_INFINITY) this.badTime('update(time)', time);
    if (typeof level !== 'number' || !Number.isFinite(level))
      throw new ParameterError(`${this.name}.update(level)`, 'a finite number', level);
    if (time > last) this.credit(this.lvl, time - last, time);
    this.last = time;
    this.lvl = level;
    if (level < this.lo) this.lo = level;
    if (level > this.hi) {
      this.hi = level;
      this.hiTime = time;
    }
    this.record(time, level);
  }

  /**
   * Change the level by `delta` at `time` (`+1` on arrival, `−1` on departure).
   *
   * @example
   * ```ts
   * queue.add(sim.now, +1);
   * ```
   */
  add(time: number, delta: number): void {
    this.update(time, this.lvl + delta);
  }

  private badTime(method: string, time: unknown): never {
    throw new ParameterError(
      `${this.name}.${method}`,
      `a finite time ≥ ${this.last} (the last update; time cannot go back)`,
      time,
    );
  }

  /** Account for `level` held for `d` > 0 up to time `t`. */
  private credit(level: number, d: number, t: number): void {
    const w = t - this.begin;
    const delta = level - this.wMean;
    this.wMean += (delta * d) / w;
    this.wS += d * delta * (level - this.wMean);
    const term = level * d;
    const s = this.area + term;
    this.areaCarry += Math.abs(this.area) >= Math.abs(term) ? this.area - s + term : term - s + this.area;
    this.area = s;
    const table = this.table;
    if (table !== null) {
      if (this.fits(level)) {
        if (level >= table.length) this.growTable(level);
        this.table![level]! += d;
        return;
      }
      this.toSketch();
    }
    this.sketch!.add(level, d);
  }

  private growTable(level: number): void {
    let size = this.table!.length;
    while (size <= level) size *= 2;
    const bigger = new Float64Array(Math.min(size, this.maxExactLevel + 1));
    bigger.set(this.table!);
    this.table = bigger;
  }

  /** Move the exact table into a time-weighted sketch, once, at the first level it cannot hold. */
  private toSketch(): void {
    const sketch = new QuantileSketch(this.sketchOptions);
    const table = this.table!;
    for (let level = 0; level < table.length; level++) {
      const d = table[level]!;
      if (d > 0) sketch.add(level, d);
    }
    this.sketch = sketch;
    this.table = null;
  }

  private record(time: number, level: number): void {
    if (this.traceTimes === null) return;
    if (this.traceLength === this.traceTimes.length) {
      const size = 2 * this.traceTimes.length;
      const times = new Float64Array(size);
      const levels = new Float64Array(size);
      times.set(this.traceTimes);
      levels.set(this.traceLevels!);
      this.traceTimes = times;
      this.traceLevels = levels;
    }
    this.traceTimes[this.traceLength] = time;
    this.traceLevels![this.traceLength++] = level;
  }

  /** The end of a query window: `at`, or the last update; never before the last update. */
  private end(at: number | undefined, method: string): number {
    if (at === undefined) return this.last;
    if (!(at >= this.last) || at === Number.POSITIVE_INFINITY) this.badTime(`${method}(at)`, at);
    return at;
  }

  /** The current level. */
  get level(): number {
    return this.lvl;
  }

  /** Time of the last update (or of the window start, if none since). */
  get time(): number {
    return this.last;
  }

  /** Start of the observation window. */
  get start(): number {
    return this.begin;
  }

  /** Lowest level taken in the window (including the level at its start). */
  get min(): number {
    return this.lo;
  }

  /** Highest level taken in the window. */
  get max(): number {
    return this.hi;
  }

  /** When the highest level was first reached in the window. */
  get timeOfMax(): number {
    return this.hiTime;
  }

  /**
   * Whether percentiles are exact: every level held so far, and the current one, are integers in
   * [0, maxExactLevel] (otherwise they come from the sketch, within α).
   */
  get exact(): boolean {
    return this.table !== null && this.fits(this.lvl);
  }

  private fits(level: number): boolean {
    return Number.isInteger(level) && level >= 0 && level <= this.maxExactLevel;
  }

  /**
   * Length of the window up to `at` (default: the last update).
   *
   * @example
   * ```ts
   * queue.duration(sim.now);
   * ```
   */
  duration(at?: number): number {
    return this.end(at, 'duration') - this.begin;
  }

  /**
   * ∫ level dt from the window start to `at` (default: the last update).
   *
   * @example
   * ```ts
   * busy.integral(sim.now); // server-seconds of work done
   * ```
   */
  integral(at?: number): number {
    const end = this.end(at, 'integral');
    return this.area + this.areaCarry + this.lvl * (end - this.last);
  }

  /** West's weighted mean and sum of squares, with the current level held until `end`. */
  private moments(end: number): { mean: number; s: number; w: number } {
    const d = end - this.last;
    const w = end - this.begin;
    if (d <= 0 || w <= 0) return { mean: this.wMean, s: this.wS, w };
    const delta = this.lvl - this.wMean;
    const mean = this.wMean + (delta * d) / w;
    return { mean, s: this.wS + d * delta * (this.lvl - mean), w };
  }

  /**
   * Time-weighted mean up to `at` (default: the last update); `undefined` for an empty window.
   *
   * @example
   * ```ts
   * queue.mean(sim.now); // mean queue length Lq
   * ```
   */
  mean(at?: number): number | undefined {
    const m = this.moments(this.end(at, 'mean'));
    return m.w > 0 ? m.mean : undefined;
  }

  /**
   * Time-weighted (population) variance of the level up to `at`; `undefined` for an empty window.
   *
   * @example
   * ```ts
   * queue.variance(sim.now);
   * ```
   */
  variance(at?: number): number | undefined {
    const m = this.moments(this.end(at, 'variance'));
    return m.w > 0 ? Math.max(0, m.s / m.w) : undefined;
  }

  /**
   * Square root of {@link TimeWeighted.variance}.
   *
   * @example
   * ```ts
   * queue.sd(sim.now);
   * ```
   */
  sd(at?: number): number | undefined {
    const v = this.variance(at);
    return v === undefined ? undefined : Math.sqrt(v);
  }

  /**
   * The `p`-quantile of the level weighted by time up to `at`: the smallest level ℓ with
   * (time at levels ≤ ℓ) ≥ p · duration. Exact for integer levels; relative error ≤ α otherwise.
   * `undefined` for an empty window.
   *
   * @throws {@link ParameterError} when `p` is not in [0, 1] or `at` is before the last update.
   * @example
   * ```ts
   * queue.quantile(0.9, sim.now); // the queue was at most this long 90% of the time
   * ```
   */
  quantile(p: number, at?: number): number | undefined {
    probability(p, `${this.name}.quantile(p)`);
    return this.quantiles([p], this.end(at, 'quantile'))[0];
  }

  /** Whether quantiles up to `end` come from the exact table (the pending level fits in it too). */
  private exactUntil(end: number): boolean {
    return this.table !== null && (end === this.last || this.fits(this.lvl));
  }

  private quantiles(ps: readonly number[], end: number): (number | undefined)[] {
    const w = end - this.begin;
    if (!(w > 0)) return ps.map(() => undefined);
    const d = end - this.last;
    const level = this.lvl;
    if (this.exactUntil(end)) {
      if (d > 0 && level >= this.table!.length) this.growTable(level);
      const table = this.table!;
      // Hold the current level until `end` in its slot, then restore the slot exactly.
      const old = d > 0 ? table[level]! : 0;
      if (d > 0) table[level] = old + d;
      const out = ps.map((p) => tableInverseCdf(table, p * w));
      if (d > 0) table[level] = old;
      return out;
    }
    const table = this.table;
    let sketch: QuantileSketch;
    if (table !== null) {
      sketch = new QuantileSketch(this.sketchOptions);
      for (let l = 0; l < table.length; l++) if (table[l]! > 0) sketch.add(l, table[l]!);
    } else sketch = this.sketch!.clone();
    if (d > 0) sketch.add(level, d);
    return ps.map((p) => sketch.inverseCdf(p));
  }

  /**
   * The kept (time, level) changes, starting with the window start; `undefined` unless `trace: true`.
   *
   * @example
   * ```ts
   * const { times, levels } = queue.trace()!;
   * timeWeightedMean(times, levels, sim.now) === queue.mean(sim.now); // up to rounding
   * ```
   */
  trace(): LevelTrace | undefined {
    if (this.traceTimes === null) return undefined;
    return {
      times: Array.from(this.traceTimes.subarray(0, this.traceLength)),
      levels: Array.from(this.traceLevels!.subarray(0, this.traceLength)),
    };
  }

  /**
   * Start a new window at `time`, keeping the current level (warm-up deletion): all statistics,
   * the level table and the trace start afresh from (time, level).
   *
   * @throws {@link ParameterError} when `time` is before the last update.
   * @example
   * ```ts
   * queue.reset(3600); // statistics from the end of the first hour on
   * ```
   */
  reset(time: number): void {
    if (!(time >= this.last) || time === Number.POSITIVE_INFINITY) this.badTime('reset(time)', time);
    this.begin = this.last = this.hiTime = time;
    this.lo = this.hi = this.lvl;
    this.wMean = 0;
    this.wS = 0;
    this.area = 0;
    this.areaCarry = 0;
    this.sketch = null;
    if (this.table === null) this.table = new Float64Array(INITIAL_TABLE);
    else this.table.fill(0);
    if (this.traceTimes !== null) {
      this.traceTimes = new Float64Array(INITIAL_TRACE);
      this.traceLevels = new Float64Array(INITIAL_TRACE);
      this.traceLength = 0;
    }
    this.record(time, this.lvl);
  }

  /**
   * Plain JSON summary of the window up to `at` (default: the last update). See
   * {@link TimeWeightedSummary} for the fields.
   *
   * @example
   * ```ts
   * queue.summary(sim.now); // { kind: 'time-weighted', name: 'queue', mean: 1.4, max: 3, … }
   * ```
   */
  summary(at?: number): TimeWeightedSummary {
    const end = this.end(at, 'summary');
    const m = this.moments(end);
    const empty = !(m.w > 0);
    const [p50, p90, p95, p99] = this.quantiles(SUMMARY_QUANTILES, end);
    const exact = this.exactUntil(end);
    return {
      kind: 'time-weighted',
      name: this.name,
      start: this.begin,
      end,
      duration: end - this.begin,
      level: this.lvl,
      mean: empty ? null : m.mean,
      variance: empty ? null : Math.max(0, m.s / m.w),
      sd: empty ? null : Math.sqrt(Math.max(0, m.s / m.w)),
      min: this.lo,
      max: this.hi,
      timeOfMax: this.hiTime,
      integral: this.integral(end),
      p50: orNull(p50),
      p90: orNull(p90),
      p95: orNull(p95),
      p99: orNull(p99),
      quantileMethod: exact ? 'exact' : 'sketch',
      quantileRelativeError: exact ? 0 : this.sketch?.collapsed ? null : this.sketchAccuracy(),
    };
  }

  private sketchAccuracy(): number {
    return this.sketchOptions.relativeAccuracy ?? 0.01;
  }
}

/** Smallest level whose cumulative time reaches `target` (positive time only). */
function tableInverseCdf(table: Float64Array, target: number): number {
  let cum = 0;
  let lastPositive = 0;
  for (let level = 0; level < table.length; level++) {
    const d = table[level]!;
    if (d <= 0) continue;
    cum += d;
    lastPositive = level;
    if (cum >= target) return level;
  }
  return lastPositive;
}

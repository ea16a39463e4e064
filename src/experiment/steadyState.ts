/**
 * Steady-state estimation: discard the warm-up, then measure.
 *
 * A simulation starts empty and idle, which is not how a loaded system looks in the long run, so
 * early observations bias steady-state estimates low. Two standard remedies, both with the warm-up
 * and the run length as **named** parameters (never hidden constants):
 *
 * - **Batch means** on one long run: drop the warm-up ({@link afterWarmup} by count,
 *   {@link afterWarmupTime} by time), then cut the rest into batches ({@link batchMeans}); for a level
 *   such as the queue length, {@link TimeBatchMeans} makes batches of equal *duration*.
 * - **Replication/deletion**: many independent runs, each measured only over the window
 *   [warmup, horizon] ({@link WindowAverage} for levels, {@link WindowTally} for per-customer values,
 *   {@link SteadyStateObserver} for a resource's busy units, queue and waits), and a t-interval across
 *   the runs' window averages ({@link replicationDeletion}).
 *
 * Choose the warm-up from the system's relaxation time (several times it), not from the look of one
 * run; the theory tests in test/theory show how. When no relaxation time is known, let the data
 * choose: {@link mser} (MSER-5) finds the truncation point that minimises the marginal standard error
 * of the kept mean, and says when the run is too short to have left its transient.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import type { ResourceObserver } from '../resources/resource.js';
import { BatchMeans, type BatchMeansInterval } from './batchMeans.js';
import { type ReplicateOptions, resolveReplicateOptions } from './options.js';
import { type ReplicateResult, type ReplicationContext, replicateResolved } from './replicate.js';

/**
 * Observations after the first `warmup` (by count).
 *
 * @param values - observations in the order they were made.
 * @param options - `warmup`: how many to drop, an integer ≥ 0 (at most the number of values).
 * @example
 * ```ts
 * batchMeans(afterWarmup(waits, { warmup: 5000 }), { warmup: 0, batches: 20 });
 * ```
 */
export function afterWarmup(values: ArrayLike<number>, options: { readonly warmup: number }): number[] {
  const warmup = options?.warmup;
  if (typeof warmup !== 'number' || !Number.isInteger(warmup) || warmup < 0 || warmup > values.length)
    throw new ParameterError(
      'afterWarmup.warmup',
      `an integer in [0, ${values.length}] (the number of values)`,
      warmup,
    );
  return Array.prototype.slice.call(values, warmup) as number[];
}

/**
 * Observations made at or after `warmupTime`.
 *
 * @param times - the time of each observation (non-decreasing).
 * @param values - the observations, as many as `times`.
 * @param options - `warmupTime`: a finite time ≥ 0.
 * @example
 * ```ts
 * const steady = afterWarmupTime(grantTimes, waits, { warmupTime: 3600 });
 * batchMeans(steady, { warmup: 0, batches: 20 });
 * ```
 */
export function afterWarmupTime(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  options: { readonly warmupTime: number },
): number[] {
  const warmupTime = options?.warmupTime;
  if (typeof warmupTime !== 'number' || !Number.isFinite(warmupTime) || warmupTime < 0)
    throw new ParameterError('afterWarmupTime.warmupTime', 'a finite time ≥ 0', warmupTime);
  if (times.length !== values.length)
    throw new ParameterError(
      'afterWarmupTime.values',
      `as many values as times (${times.length})`,
      values.length,
    );
  const out: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!(t >= last))
      throw new ParameterError(`afterWarmupTime.times[${i}]`, `a time ≥ ${last} (non-decreasing)`, t);
    last = t;
    if (t >= warmupTime) out.push(values[i]!);
  }
  return out;
}

/** The measurement window of a steady-state run: observe from `warmup` to `horizon`. */
export interface SteadyStateWindow {
  /** Time at which measurement starts (the warm-up before it is discarded), ≥ 0. */
  readonly warmup: number;
  /** Time at which the run ends, > warmup. */
  readonly horizon: number;
}

/**
 * Check a window.
 *
 * @example
 * ```ts
 * checkWindow({ warmup: 1000, horizon: 21000 }, 'window'); // returns it
 * ```
 */
export function checkWindow(window: SteadyStateWindow, path: string): SteadyStateWindow {
  if (typeof window !== 'object' || window === null)
    throw new ParameterError(path, 'an object { warmup, horizon }', window);
  const { warmup, horizon } = window;
  if (typeof warmup !== 'number' || !Number.isFinite(warmup) || warmup < 0)
    throw new ParameterError(`${path}.warmup`, 'a finite time ≥ 0', warmup);
  if (typeof horizon !== 'number' || !Number.isFinite(horizon) || !(horizon > warmup))
    throw new ParameterError(`${path}.horizon`, `a finite time > warmup (${warmup})`, horizon);
  return { warmup, horizon };
}

/**
 * Time average of a level over the window [warmup, horizon]: what the level was before the warm-up
 * ended counts only as the starting level; changes after the horizon are ignored. Constant memory.
 *
 * @example
 * ```ts
 * const queue = new WindowAverage({ warmup: 1000, horizon: 21000 });
 * queue.update(sim.now, waiting);   // at every change
 * queue.mean();                     // after sim.run(21000): time-average over [1000, 21000]
 * ```
 */
export class WindowAverage {
  /** Time at which measurement starts (the warm-up before it is discarded), ≥ 0. */
  readonly warmup: number;
  /** Time at which the run ends, > warmup. */
  readonly horizon: number;
  // Numbers from the start (the constructor sets them): a field without an initialiser starts
  // undefined, and V8 would then box every new value stored (see `Environment._now`).
  private level = 0;
  /** End of the part of the window accounted for so far. */
  private last = 0;
  /** Time of the latest update, to catch time going back. */
  private latest = Number.NEGATIVE_INFINITY;
  private area = 0;
  private carry = 0;

  /**
   * @param window - the measurement window.
   * @param initial - the level at time 0 (default 0).
   */
  constructor(window: SteadyStateWindow, initial = 0) {
    const w = checkWindow(window, 'WindowAverage');
    this.warmup = w.warmup;
    this.horizon = w.horizon;
    if (typeof initial !== 'number' || !Number.isFinite(initial))
      throw new ParameterError('WindowAverage.initial', 'a finite number', initial);
    this.level = initial;
    this.last = this.warmup;
  }

  /**
   * The level becomes `level` at `time`.
   *
   * @throws {@link ParameterError} when `time` is before the previous update.
   */
  update(time: number, level: number): void {
    if (!(time >= this.latest))
      throw new ParameterError(
        'WindowAverage.update(time)',
        `a time ≥ ${this.latest} (the previous update)`,
        time,
      );
    this.latest = time;
    if (time > this.last) {
      const end = time < this.horizon ? time : this.horizon;
      if (end > this.last) {
        // Neumaier-compensated sum: long runs add millions of small terms.
        const term = this.level * (end - this.last);
        const s = this.area + term;
        this.carry += Math.abs(this.area) >= Math.abs(term) ? this.area - s + term : term - s + this.area;
        this.area = s;
        this.last = end;
      }
    }
    this.level = level;
  }

  /** ∫ level dt over [warmup, horizon], the current level held to the horizon. */
  integral(): number {
    return this.area + this.carry + this.level * (this.horizon - this.last);
  }

  /** The time average over the window (the current level held to the horizon). */
  mean(): number {
    return this.integral() / (this.horizon - this.warmup);
  }
}

/**
 * Count and mean of per-entity observations (waits, sojourns) stamped with a time in
 * [warmup, horizon). Constant memory.
 *
 * @example
 * ```ts
 * const waits = new WindowTally({ warmup: 1000, horizon: 21000 });
 * waits.observe(sim.now, sim.now - arrived); // at each service start
 * waits.mean();                               // null if nothing fell in the window
 * ```
 */
export class WindowTally {
  /** Time at which measurement starts (the warm-up before it is discarded), ≥ 0. */
  readonly warmup: number;
  /** Time at which the run ends, > warmup. */
  readonly horizon: number;
  /** Observations in the window. */
  count = 0;
  private sum = 0;

  constructor(window: SteadyStateWindow) {
    const w = checkWindow(window, 'WindowTally');
    this.warmup = w.warmup;
    this.horizon = w.horizon;
  }

  /** Record `value` observed at `time`; kept only if warmup ≤ time < horizon. */
  observe(time: number, value: number): void {
    if (time >= this.warmup && time < this.horizon) {
      this.count++;
      this.sum += value;
    }
  }

  /** Mean of the kept observations, or null when there are none. */
  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }
}

/** What a {@link SteadyStateObserver} reports over its window; plain JSON. */
export interface SteadyStateReport {
  /** Time-average busy units. */
  readonly busy: number;
  /** Time-average queue length (Lq). */
  readonly queue: number;
  /** Time-average number in the resource, queued plus in service (L). */
  readonly inSystem: number;
  /** Time-average busy units over time-average capacity. */
  readonly utilisation: number;
  /** Mean wait of process-style requests granted in the window, or null. */
  readonly wait: number | null;
  /** Requests granted in the window (process-style only). */
  readonly granted: number;
}

/**
 * A resource observer that measures the window [warmup, horizon] only: attach it with
 * `resource.observer = new SteadyStateObserver(window)` before the run.
 *
 * @example
 * ```ts
 * const obs = new SteadyStateObserver({ warmup: 5000, horizon: 105000 });
 * servers.observer = obs;
 * sim.run(105000);
 * obs.report(); // { busy, queue, inSystem, utilisation, wait, granted }
 * ```
 */
export class SteadyStateObserver implements ResourceObserver {
  /** Busy units over the window. */
  readonly busy: WindowAverage;
  /** Waiting requests over the window. */
  readonly queue: WindowAverage;
  /** Busy plus waiting over the window. */
  readonly inSystem: WindowAverage;
  /** Capacity over the window. */
  readonly capacity: WindowAverage;
  /** Waits of requests granted in the window. */
  readonly waits: WindowTally;

  /**
   * @param window - the measurement window.
   * @param capacity - the resource's capacity at time 0 (default 1; updated on every change report).
   */
  constructor(window: SteadyStateWindow, capacity = 1) {
    const w = checkWindow(window, 'SteadyStateObserver');
    this.busy = new WindowAverage(w);
    this.queue = new WindowAverage(w);
    this.inSystem = new WindowAverage(w);
    this.capacity = new WindowAverage(w, capacity);
    this.waits = new WindowTally(w);
  }

  /** @see ResourceObserver.changed */
  changed(time: number, busy: number, queued: number, capacity: number): void {
    this.busy.update(time, busy);
    this.queue.update(time, queued);
    this.inSystem.update(time, busy + queued);
    this.capacity.update(time, capacity);
  }

  /** @see ResourceObserver.waited */
  waited(time: number, wait: number): void {
    this.waits.observe(time, wait);
  }

  /** Window averages (the last levels held to the horizon). */
  report(): SteadyStateReport {
    const busy = this.busy.mean();
    return {
      busy,
      queue: this.queue.mean(),
      inSystem: this.inSystem.mean(),
      utilisation: busy / this.capacity.mean(),
      wait: this.waits.mean(),
      granted: this.waits.count,
    };
  }
}

/**
 * The interval of a {@link TimeBatchMeans}: batch means of equal-duration batches (its `batchSize` is
 * 1 and `warmup` 0, counted in batches; the warm-up and batch length in time are given here).
 *
 * @example
 * ```ts
 * const ci: TimeBatchMeansInterval = lq.interval(0.95);
 * ci.lag1; // near 0 when batches are long enough
 * ```
 */
export interface TimeBatchMeansInterval extends BatchMeansInterval {
  /** Time discarded before the first batch. */
  readonly warmupTime: number;
  /** Length of each batch in model time. */
  readonly batchDuration: number;
}

/**
 * Time-weighted batch means of a level (queue length, busy servers) on one long run: after
 * `warmupTime`, consecutive batches of `batchDuration`; each batch's time average is one observation
 * of a {@link BatchMeans} (batch size 1), whose interval and lag-1 autocorrelation follow.
 *
 * @example
 * ```ts
 * const lq = new TimeBatchMeans({ warmupTime: 5000, batchDuration: 10000 });
 * servers.observer = { changed: (t, busy, queued) => lq.update(t, queued) };
 * sim.run(5000 + 20 * 10000);
 * lq.interval(0.95); // { mean, halfWidth, batches: 20, lag1, ... }
 * ```
 */
export class TimeBatchMeans {
  /** Time discarded before the first batch. */
  readonly warmupTime: number;
  /** Length of each batch in model time. */
  readonly batchDuration: number;
  private readonly means = new BatchMeans({ warmup: 0, batchSize: 1 });
  // Numbers from the start, as in WindowAverage.
  private level = 0;
  private last = 0;
  private batchEnd = 0;
  private area = 0;

  /**
   * @param options - `warmupTime` (≥ 0) and `batchDuration` (> 0), in model time.
   * @param initial - the level at time 0 (default 0).
   */
  constructor(options: { readonly warmupTime: number; readonly batchDuration: number }, initial = 0) {
    const { warmupTime, batchDuration } = options ?? ({} as Record<string, undefined>);
    if (typeof warmupTime !== 'number' || !Number.isFinite(warmupTime) || warmupTime < 0)
      throw new ParameterError('TimeBatchMeans.warmupTime', 'a finite time ≥ 0', warmupTime);
    if (typeof batchDuration !== 'number' || !Number.isFinite(batchDuration) || batchDuration <= 0)
      throw new ParameterError('TimeBatchMeans.batchDuration', 'a finite duration > 0', batchDuration);
    this.warmupTime = warmupTime;
    this.batchDuration = batchDuration;
    this.level = initial;
    this.last = warmupTime;
    this.batchEnd = warmupTime + batchDuration;
  }

  /** The level becomes `level` at `time`. */
  update(time: number, level: number): void {
    this.advance(time);
    this.level = level;
  }

  /** Close every batch that ends by `time`, the current level held until then. */
  advance(time: number): void {
    while (time >= this.batchEnd) {
      this.area += this.level * (this.batchEnd - this.last);
      this.means.observe(this.area / this.batchDuration);
      this.area = 0;
      this.last = this.batchEnd;
      this.batchEnd += this.batchDuration;
    }
    if (time > this.last) {
      this.area += this.level * (time - this.last);
      this.last = time;
    }
  }

  /** Time averages of the complete batches. */
  batchMeans(): readonly number[] {
    return this.means.batchMeans();
  }

  /**
   * The t-interval on the batch means (at least two complete batches); call `advance(sim.now)` first
   * if the last change was before the end of the run.
   */
  interval(level = 0.95): TimeBatchMeansInterval {
    return { ...this.means.interval(level), warmupTime: this.warmupTime, batchDuration: this.batchDuration };
  }
}

/** Options of {@link replicationDeletion}: replication options plus the named window. */
export interface ReplicationDeletionOptions extends ReplicateOptions, SteadyStateWindow {}

/** What a replication/deletion model receives: the replication context plus the window. */
export interface SteadyStateContext extends ReplicationContext, SteadyStateWindow {}

/** The result of {@link replicationDeletion}: a replication result that also names its window. */
export interface ReplicationDeletionResult<R> extends ReplicateResult<R> {
  /** The measurement window every replication used. */
  readonly window: SteadyStateWindow;
}

/**
 * Replication/deletion: run `model` in independent replications, each told to measure only over
 * [warmup, horizon] (use {@link WindowAverage}, {@link WindowTally} or {@link SteadyStateObserver} and
 * `sim.run(ctx.horizon)`), and summarise the window averages across replications with t-intervals.
 *
 * @param model - `(ctx) => plain data`; `ctx` carries `seed`, `replication`, `streams`, `warmup`, `horizon`.
 * @param options - replication options plus the named `warmup` and `horizon`.
 * @example
 * ```ts
 * const result = replicationDeletion(
 *   (ctx) => {
 *     const sim = new Simulation({ seed: ctx.seed });
 *     const servers = new Resource(sim, { capacity: 2 });
 *     const obs = new SteadyStateObserver(ctx);
 *     servers.observer = obs;
 *     // ... arrivals and services
 *     sim.run(ctx.horizon);
 *     return obs.report();
 *   },
 *   { replications: 20, seed: 7, warmup: 5_000, horizon: 105_000 },
 * );
 * result.summary.queue; // Lq with its confidence interval
 * ```
 */
export function replicationDeletion<R>(
  model: (ctx: SteadyStateContext) => R,
  options: ReplicationDeletionOptions,
): ReplicationDeletionResult<R> {
  const path = 'replicationDeletion.options';
  const resolved = resolveReplicateOptions(options, path, ['warmup', 'horizon']);
  const window = checkWindow({ warmup: options.warmup, horizon: options.horizon }, path);
  const result = replicateResolved(
    (ctx: ReplicationContext) => model({ ...ctx, ...window }),
    resolved,
    'replicationDeletion',
  );
  return { ...result, window };
}

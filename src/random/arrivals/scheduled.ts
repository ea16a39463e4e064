/**
 * Deterministic and grouped arrivals: a timetable of explicit times (appointments, bus timetables)
 * and batches, where each arrival epoch brings several entities at once (a bus of residents, a
 * delivery of supplies).
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { positiveInt } from '../../kernel/validate.js';
import { at, type Distribution, type JsonValue, paramsObject } from '../distribution.js';
import type { Rng } from '../rng.js';
import { parseDistribution } from '../spec.js';
import { type ArrivalProcess, checkIncreasing, ProcessBase } from './process.js';

/**
 * Parameters of {@link scheduledArrivals}.
 *
 * @example
 * ```ts
 * const p: ScheduledParams = { times: [1800, 3600, 5400] };
 * ```
 */
export type ScheduledParams = {
  /** Arrival times in seconds, non-decreasing (repeats mean simultaneous arrivals). */
  readonly times: readonly number[];
};

/**
 * Arrivals at explicit times. Draws nothing from the source.
 *
 * @example
 * ```ts
 * const buses = scheduledArrivals({ times: [1800, 3600, 5400] });
 * [...buses.times(rng)]; // [1800, 3600, 5400]
 * ```
 */
export class ScheduledArrivals extends ProcessBase implements ArrivalProcess {
  readonly name = 'scheduled';
  readonly params: ScheduledParams;

  constructor(params: ScheduledParams, path = '') {
    super();
    const p = paramsObject(params, path, 'scheduled arrivals', ['times'], null);
    this.params = { times: [...checkIncreasing(p.times, at(path, 'times'), false)] };
  }

  *times(_rng: Rng): Generator<number, void, undefined> {
    yield* this.params.times;
  }

  expectedCount(from: number, to: number): number {
    return this.params.times.filter((t) => t >= from && t < to).length;
  }
}

/**
 * Build a {@link ScheduledArrivals}.
 *
 * @param params - `{ times }`, non-decreasing.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * scheduledArrivals({ times: [0, 0, 600] }); // two at 0, one at 600
 * ```
 */
export function scheduledArrivals(params: ScheduledParams, path = ''): ScheduledArrivals {
  return new ScheduledArrivals(params, path);
}

/**
 * Parameters of {@link batchArrivals}.
 *
 * @example
 * ```ts
 * const p: BatchParams = { epochs: scheduledArrivals({ times: [600] }), size: { dist: 'poisson', mean: 38 } };
 * ```
 */
export type BatchParams = {
  /** When batches arrive: any arrival process. */
  readonly epochs: ArrivalProcess;
  /**
   * Entities per batch: a fixed integer ≥ 1, or a distribution (object or spec) whose draws are
   * integers ≥ 0, e.g. `{ dist: 'poisson', mean: 38 }` or a `discrete` table. A batch of 0 yields nothing.
   */
  readonly size: number | Distribution | JsonValue;
};

/**
 * Batches: at each epoch of another process, `size` entities arrive at the same instant, so the
 * same time is yielded `size` times. Epochs and sizes are drawn from the same source, epoch first.
 *
 * @example
 * ```ts
 * const buses = batchArrivals({ epochs: scheduledArrivals({ times: [600, 1200] }), size: 40 });
 * countArrivals(buses.times(rng), [0, 3600]); // [80]
 * ```
 */
export class BatchArrivals extends ProcessBase implements ArrivalProcess {
  readonly name = 'batch';
  readonly params: { readonly [k: string]: JsonValue };
  /** When batches arrive: any arrival process. */
  readonly epochs: ArrivalProcess;
  /** The batch size: a fixed number or a distribution of integers. */
  readonly size: number | Distribution;
  readonly #path: string;
  readonly #epochsPath: string;

  constructor(params: BatchParams, path = '') {
    super();
    const p = paramsObject(params, path, 'batch arrivals', ['epochs', 'size'], null);
    const e = p.epochs as ArrivalProcess | undefined;
    if (typeof e !== 'object' || e === null || typeof e.times !== 'function')
      throw new ParameterError(at(path, 'epochs'), 'an arrival process', p.epochs);
    this.epochs = e;
    const spath = at(path, 'size');
    this.#path = spath;
    this.#epochsPath = at(path, 'epochs');
    if (typeof p.size === 'number') this.size = positiveInt(p.size, spath);
    else {
      const d =
        typeof p.size === 'object' && p.size !== null && typeof (p.size as Distribution).sample === 'function'
          ? (p.size as Distribution)
          : parseDistribution(p.size, spath);
      if (!(d.support[0] >= 0))
        throw new ParameterError(spath, 'a distribution of batch sizes (integers ≥ 0)', d.describe());
      this.size = d;
    }
    this.params = {
      epochs: e.toJSON(),
      size: typeof this.size === 'number' ? this.size : this.size.toJSON(),
    };
  }

  *times(rng: Rng): Generator<number, void, undefined> {
    const size = this.size;
    for (const t of this.epochs.times(rng)) {
      let k: number;
      if (typeof size === 'number') k = size;
      else {
        k = size.sample(rng);
        if (!Number.isInteger(k) || k < 0)
          throw new ParameterError(this.#path, `draws that are integers ≥ 0 from ${size.describe()}`, k);
      }
      for (let i = 0; i < k; i++) yield t;
    }
  }

  /** Expected epochs in [from, to) times the mean batch size (when the epochs have an expectedCount). */
  expectedCount(from: number, to: number): number {
    if (this.epochs.expectedCount === undefined)
      throw new ParameterError(this.#epochsPath, 'a process with expectedCount', this.epochs.name);
    const mean = typeof this.size === 'number' ? this.size : this.size.mean;
    return this.epochs.expectedCount(from, to) * mean;
  }
}

/**
 * Build a {@link BatchArrivals}.
 *
 * @param params - `{ epochs, size }`.
 * @param path - prefix for error messages.
 * @example
 * ```ts
 * batchArrivals({ epochs: poissonProcess({ rate: 1 / 900 }), size: { dist: 'poisson', mean: 38 } });
 * ```
 */
export function batchArrivals(params: BatchParams, path = ''): BatchArrivals {
  return new BatchArrivals(params, path);
}

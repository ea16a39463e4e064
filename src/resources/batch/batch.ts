/**
 * A batch: items that travel together (swab samples pooled into one tube, tubes in one courier box),
 * made by a {@link Batcher}.
 *
 * A batch is *open* while it collects items and *released* once it closes. It records when its first
 * item came, when it was released and why, and the sum of its items' arrival times, so the mean time
 * an item spent waiting in it costs two numbers rather than one timestamp per item.
 *
 * @module
 */
import type { Environment } from '../../kernel/environment.js';
import { SimEvent } from '../../kernel/event.js';

/**
 * Why a batch was released:
 * - `full`: it reached its size (and only then);
 * - `timeout`: its timer, started by its first item, ran out;
 * - `schedule`: a fixed release time came;
 * - `flush`: released on demand ({@link Batcher.flush}, {@link Batcher.close}), e.g. at a site's close.
 *
 * @example
 * ```ts
 * const reason: BatchReason = batch.reason!; // 'full' when batch.size === batch.capacity
 * ```
 */
export type BatchReason = 'full' | 'timeout' | 'schedule' | 'flush';

/**
 * The plain-data summary of a released batch (JSON-serialisable; the items themselves are left out).
 *
 * @example
 * ```ts
 * const row: BatchSummary = batch.summary();
 * // { batcher: 'tubes', id: 3, size: 10, capacity: 10, createdAt: 12, releasedAt: 95, reason: 'full', meanWait: 41.5 }
 * ```
 */
export interface BatchSummary {
  /** Name of the batcher that made it. */
  readonly batcher: string;
  /** Sequence number within its batcher (1, 2, ...). */
  readonly id: number;
  /** Items in the batch. */
  readonly size: number;
  /** The size that releases it as `full`. */
  readonly capacity: number;
  /** Simulated time its first item arrived. */
  readonly createdAt: number;
  /** Simulated time it was released (NaN while open). */
  readonly releasedAt: number;
  /** Null while the batch is open. */
  readonly reason: BatchReason | null;
  /** Mean time from an item's arrival in the batch to the batch's release (NaN while open). */
  readonly meanWait: number;
}

/**
 * Items collected together. Open while collecting, then released with a {@link BatchReason}.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * const tube = yield* tubes.get();
 * tube.size;          // 10
 * tube.reason;        // 'full'
 * for (const sample of tube.split()) results.push(sample);
 * ```
 */
export class Batch<T> {
  /** @internal items in arrival order */
  readonly _items: T[] = [];
  /** Time the batch was released (NaN while open). */
  releasedAt = Number.NaN;
  /** Why it was released (null while open). */
  reason: BatchReason | null = null;
  /** @internal sum of the items' arrival times, for the mean wait */
  _sumArrival = 0;
  /** @internal the event joiners wait on; made on the first join only */
  _release: BatchRelease<T> | null = null;
  /** @internal calendar handle of the timeout, or -1 */
  _timer = -1;
  /** @internal the batcher, for the timer callback */
  _owner: { _fireTimeout(batch: Batch<T>): void } | null = null;

  /** @internal made by {@link Batcher} */
  constructor(
    /** Name of the batcher that made it. */
    readonly batcher: string,
    /** Sequence number within its batcher (1, 2, ...). */
    readonly id: number,
    /** The size that releases it as `full`. */
    readonly capacity: number,
    /** Time its first item arrived. */
    readonly createdAt: number,
    /** The key its items share (undefined for a batcher without a key). */
    readonly key: unknown = undefined,
  ) {}

  /** The items, in arrival order (read-only view). */
  get items(): readonly T[] {
    return this._items;
  }

  /** Number of items in it. */
  get size(): number {
    return this._items.length;
  }

  /** True once it has been released. */
  get released(): boolean {
    return this.reason !== null;
  }

  /** Mean time from an item's arrival to the release (NaN while open). */
  get meanWait(): number {
    return this.releasedAt - this._sumArrival / this._items.length;
  }

  /**
   * The items back as a new array, in arrival order: unpacking a tube into its samples, or a box into
   * its tubes. The batch keeps its own list.
   */
  split(): T[] {
    return this._items.slice();
  }

  /** Plain-data summary (see {@link BatchSummary}); `releasedAt` and `meanWait` are NaN while open. */
  summary(): BatchSummary {
    return {
      batcher: this.batcher,
      id: this.id,
      size: this._items.length,
      capacity: this.capacity,
      createdAt: this.createdAt,
      releasedAt: this.releasedAt,
      reason: this.reason,
      meanWait: this.meanWait,
    };
  }

  /** One line for logs, e.g. `batch #3 of tubes [released (full) at t=95, 10 of 10]`. */
  describe(): string {
    const state =
      this.reason === null
        ? `open since t=${this.createdAt}`
        : `released (${this.reason}) at t=${this.releasedAt}`;
    return `batch #${this.id} of ${this.batcher} [${state}, ${this._items.length} of ${this.capacity}]`;
  }
}

/**
 * @internal The one event every joiner of a batch waits on: it succeeds with the batch when the batch
 * is released. Shared, so joining allocates nothing per item.
 */
export class BatchRelease<T> extends SimEvent<Batch<T>> {
  constructor(
    env: Environment,
    readonly batch: Batch<T>,
  ) {
    super(env);
  }

  override describe(): string {
    return `release of ${this.batch.describe()}`;
  }
}

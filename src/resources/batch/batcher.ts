/**
 * Batcher: collect items into batches that travel together, e.g. swab samples pooled 10-in-1 into
 * tubes, tubes packed into a courier's box.
 *
 * **When a batch is released.** Items join the open batch (of their key), in arrival order. A batch is
 * released
 * - `full`, at once, by the item that brings it to its size (and only then: `reason === 'full'` ⇔
 *   `size === capacity`);
 * - `timeout`, when `timeout` seconds have passed since its *first* item (a tube is closed after at
 *   most so long, full or not);
 * - `schedule`, at each time of `releaseAt` (a courier's fixed pick-ups): every open batch, in the
 *   order they were opened;
 * - `flush`, on demand ({@link Batcher.flush}, {@link Batcher.close}), e.g. at a site's close.
 *
 * The next item after a release opens a new batch. Timer and scheduled releases run at
 * {@link Priority.LATE}, after everything else due at that instant, so a release at time t includes
 * every item added at t (and a batch that fills at t leaves `full`, not `timeout`). Empty batches are
 * never released.
 *
 * **Batch size and keys.** The size is a number, or a function of the item that *opens* the batch,
 * which fixes that batch's size. With a `key`, items with different keys are pooled apart, each key
 * with its own open batch (and its own timer): `key: (p) => p.household` with
 * `size: (p) => p.householdSize` makes one tube per household; `key: (p) => p.zone` with
 * `size: (p) => (p.zone === 'sealed' ? 1 : 10)` gives people from sealed zones single tubes while the
 * others are pooled 10-in-1. Without a key there is one open batch at a time.
 *
 * **How items and batches move.** Three styles, mixable:
 * - `put(item)`: drop an item in and carry on (a swab sample goes into the tube; the person leaves);
 * - `join(item)`: an event that succeeds with the batch when it is released, for entities that travel
 *   with their batch. All joiners of a batch wait on one shared event, so joining allocates nothing
 *   per item. An interrupted joiner's item stays in the batch.
 * - downstream: `get()` (an event, like a store's get; released batches wait in an *outbox* until
 *   taken, FIFO) for a courier process, and/or `onBatch(listener)`, called synchronously at each
 *   release, for callback models. With `outbox: false` batches are not kept for `get()`.
 *
 * **Counting.** Plain counters, updated in place and never growing with the number of items:
 * `itemsIn = itemsReleased + itemsWaiting`, released batches by reason, and (with the outbox)
 * `batchesReleased = batchesTaken + outbox`. A batch keeps the sum of its items' arrival times, so
 * the mean wait of items in batches needs no per-item timestamp.
 *
 * @module
 */
import type { Environment } from '../../kernel/environment.js';
import { formatValue, ParameterError, SimulationError } from '../../kernel/errors.js';
import { type Listener, SimEvent, TRIGGERED } from '../../kernel/event.js';
import { Priority } from '../../kernel/priority.js';
import type { Process } from '../../kernel/process.js';
import { nonEmptyString, nonNegative } from '../../kernel/validate.js';
import { defaultName } from '../names.js';
import { checkKeys } from '../options.js';
import { WaitQueue } from '../queue.js';
import { Batch, type BatchReason, BatchRelease } from './batch.js';
import { resolveTimetable, type TimetableSpec } from './timetable.js';

/**
 * Options of a {@link Batcher}.
 *
 * @example
 * ```ts
 * const options: BatcherOptions<Sample> = { name: 'tubes', size: 10, timeout: 1800 };
 * ```
 */
export interface BatcherOptions<T> {
  /** Name for reports and errors. Default `batcher#N`, N counting the unnamed batchers of the environment. */
  readonly name?: string;
  /**
   * Items per batch: an integer ≥ 1, or a function of the item that opens a batch returning one (it
   * fixes that batch's size).
   */
  readonly size: number | ((item: T) => number);
  /**
   * Pool items apart by this key: one open batch per key value (compared with `Map` semantics).
   * Default: all items share one open batch.
   */
  readonly key?: (item: T) => unknown;
  /** Release a batch this long (≥ 0) after its first item, full or not. Default: no timeout. */
  readonly timeout?: number;
  /** Fixed release times: at each, the open batch (if any) is released with reason `schedule`. */
  readonly releaseAt?: TimetableSpec;
  /**
   * Keep released batches for {@link Batcher.get} (default true). Turn it off when batches go
   * downstream only through `onBatch` or `join`: otherwise every released batch stays in the outbox.
   */
  readonly outbox?: boolean;
}

/**
 * Counts that add up at any time: `itemsIn = itemsReleased + itemsWaiting`,
 * `batchesReleased = full + timeout + schedule + flush`, and, with an outbox,
 * `batchesReleased = batchesTaken + outbox`.
 *
 * @example
 * ```ts
 * const a = tubes.accounting();
 * a.itemsIn === a.itemsReleased + a.itemsWaiting; // true
 * ```
 */
export interface BatcherAccounting {
  /** Items put so far; equals `itemsReleased + itemsWaiting`. */
  readonly itemsIn: number;
  /** Items in released batches. */
  readonly itemsReleased: number;
  /** Items in open batches. */
  readonly itemsWaiting: number;
  /** Batches released so far; equals `full + timeout + schedule + flush`. */
  readonly batchesReleased: number;
  /** Released batches by reason, here `full`: the batch reached its size. */
  readonly full: number;
  /** Released `timeout`: the timer started by the batch's first item ran out. */
  readonly timeout: number;
  /** Released `schedule`: a fixed release time came. */
  readonly schedule: number;
  /** Released `flush`: on demand, by `flush()` or `close()`. */
  readonly flush: number;
  /** Batches taken by `get()`. */
  readonly batchesTaken: number;
  /** Released batches waiting in the outbox for a `get()`. */
  readonly outbox: number;
  /** `get()`s waiting for a batch. */
  readonly waitingGets: number;
}

/**
 * End-of-run summary of a {@link Batcher}: its accounting plus sizes and waits (plain JSON).
 *
 * @example
 * ```ts
 * const r = tubes.results();
 * console.log(`${r.batchesReleased} tubes, mean ${r.meanBatchSize.toFixed(1)} samples, ${r.timeout} closed by the timer`);
 * ```
 */
export interface BatcherResults extends BatcherAccounting {
  /** Name of the batcher, for reports and errors. */
  readonly name: string;
  /** Mean items per released batch (NaN if none). */
  readonly meanBatchSize: number;
  /** Mean time from an item's arrival to its batch's release, over released items (NaN if none). */
  readonly meanWait: number;
  /** Longest such time (the first item of some batch); 0 if none. */
  readonly maxWait: number;
  /** Time the batcher was closed (null if still open). */
  readonly closedAt: number | null;
}

/**
 * A `get()` from a {@link Batcher}'s outbox: succeeds with the next released batch.
 *
 * If every waiter of a get that was just given a batch leaves before receiving it (an interrupt, or
 * an `anyOf` decided by another event at the same instant), the batch goes back to the front of the
 * outbox and the get ends `cancelled`, so no batch is ever lost.
 *
 * @example
 * ```ts
 * const g = tubes.get();
 * const r = yield* env.anyOf([g, env.timeout(600)]);
 * if (r.index === 1) log.push(['no tube within 10 min', g.status]); // 'cancelled'
 * ```
 */
export class BatchGet<T> extends SimEvent<Batch<T>> {
  /** `waiting` in line, `done` (has its batch), or `cancelled` (withdrawn or undone). */
  status: 'waiting' | 'done' | 'cancelled' = 'waiting';
  /** Time the get was made. */
  readonly requestedAt: number;
  /** The process that made it (null from a callback). */
  readonly owner: Process<any> | null;

  /** @internal use {@link Batcher.get} */
  constructor(
    /** The batcher. */
    readonly batcher: Batcher<T>,
  ) {
    super(batcher.env);
    this.requestedAt = batcher.env.now;
    this.owner = batcher.env.activeProcess;
  }

  /** Withdraw from the line; true if it was waiting. A get that has its batch keeps it. */
  cancel(): boolean {
    if (this.status !== 'waiting') return false;
    this.batcher._withdraw(this);
    return true;
  }

  override describe(): string {
    const b = this.batcher;
    const state =
      this.status === 'waiting'
        ? `waiting since t=${this.requestedAt}, ${b._positionOf(this) + 1} of ${b.waitingGets}`
        : this.status;
    return `get from batcher ${b.name} by ${this.owner?.name ?? 'callback'} [${state}]`;
  }

  /** @internal nobody waits any more: leave the line */
  override _abandon(): void {
    if (this.status === 'waiting') this.batcher._withdraw(this);
  }

  /** @internal a waiter left; if a batch was handed over but nobody will receive it, undo the hand-over */
  override _removeCallback(cb: Listener<Batch<T>>): void {
    super._removeCallback(cb);
    if (this._state === TRIGGERED && this.status === 'done' && this._cb === null) this.batcher._undo(this);
  }
}

/**
 * Collects items into batches of a size, with an optional timeout and fixed release times. See the
 * module documentation for the rules.
 *
 * @typeParam T - the items.
 * @example
 * ```ts
 * const env = new Environment();
 * const tubes = new Batcher<number>(env, { name: 'tubes', size: 10, timeout: 1800 });
 * // residents drop their sample in and leave
 * for (let i = 0; i < 25; i++) env.schedule(i * 30, (id) => tubes.put(id), i);
 * // the courier takes tubes as they close
 * env.process(function* () {
 *   for (;;) {
 *     const tube = yield* tubes.get();
 *     log.push([env.now, tube.size, tube.reason]);
 *   }
 * }(), { name: 'courier', daemon: true });
 * env.run();
 * // log: [270, 10, 'full'], [570, 10, 'full'], [2400, 5, 'timeout']
 * ```
 */
export class Batcher<T> {
  /** Name for reports and errors. */
  readonly name: string;
  /** Release timeout from a batch's first item (Infinity: none). */
  readonly timeout: number;
  /** Items added. */
  itemsIn = 0;
  /** Items in released batches. */
  itemsReleased = 0;
  /** Batches released with reason `full`. */
  full = 0;
  /** ... `timeout`. */
  timedOut = 0;
  /** ... `schedule`. */
  scheduled = 0;
  /** ... `flush`. */
  flushed = 0;
  /** Batches taken by `get()`. */
  batchesTaken = 0;

  private readonly fixedSize: number;
  private readonly sizeOf: ((item: T) => number) | null;
  private readonly releaseTimes: readonly number[];
  private nextRelease = 0;
  private releaseHandle = -1;
  private readonly keepOutbox: boolean;
  private readonly keyOf: ((item: T) => unknown) | null;
  /** The open batch when there is no key. */
  private open: Batch<T> | null = null;
  /** Open batches by key (with a key), in opening order. */
  private readonly openByKey = new Map<unknown, Batch<T>>();
  private waitingItems = 0;
  private seq = 0;
  private sumWait = 0;
  private longestWait = 0;
  private closedTime = Number.NaN;
  private closedEvent: SimEvent<number> | null = null;
  private listeners: readonly ((batch: Batch<T>) => void)[] = [];
  /** Released batches not yet taken: `outboxItems[outboxHead..]`. */
  private outboxItems: (Batch<T> | undefined)[] = [];
  private outboxHead = 0;
  private readonly gets = new WaitQueue((g) => (g as BatchGet<T>).status === 'waiting');

  constructor(
    /** The environment the batcher lives in. */
    readonly env: Environment,
    options: BatcherOptions<T>,
  ) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('batcher', 'an options object with a size', options);
    checkKeys(
      options,
      ['name', 'size', 'key', 'timeout', 'releaseAt', 'outbox'],
      typeof options.name === 'string' ? `batcher(${options.name})` : 'batcher',
    );
    this.name =
      options.name === undefined ? defaultName(env, 'batcher') : nonEmptyString(options.name, 'batcher.name');
    const path = `batcher(${this.name})`;
    const size = options.size;
    if (typeof size === 'function') {
      this.sizeOf = size;
      this.fixedSize = 0;
    } else {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
        throw new ParameterError(`${path}.size`, 'an integer ≥ 1', size);
      this.sizeOf = null;
      this.fixedSize = size;
    }
    if (options.key !== undefined && typeof options.key !== 'function')
      throw new ParameterError(`${path}.key`, 'a function of the item', options.key);
    this.keyOf = options.key ?? null;
    this.timeout =
      options.timeout === undefined
        ? Number.POSITIVE_INFINITY
        : nonNegative(options.timeout, `${path}.timeout`);
    this.releaseTimes =
      options.releaseAt === undefined
        ? []
        : resolveTimetable(options.releaseAt, `${path}.releaseAt`, env.now);
    const outbox = options.outbox ?? true;
    if (typeof outbox !== 'boolean') throw new ParameterError(`${path}.outbox`, 'true or false', outbox);
    this.keepOutbox = outbox;
    this.armSchedule();
    env.register(this);
  }

  /** Batches released so far. */
  get batchesReleased(): number {
    return this.full + this.timedOut + this.scheduled + this.flushed;
  }

  /** Items in open batches. */
  get itemsWaiting(): number {
    return this.waitingItems;
  }

  /** The batches collecting items now, in opening order. O(open batches): for reports and tests. */
  get openBatches(): Batch<T>[] {
    if (this.keyOf === null) return this.open === null ? [] : [this.open];
    return [...this.openByKey.values()];
  }

  /** Released batches waiting in the outbox. */
  get outboxSize(): number {
    return this.outboxItems.length - this.outboxHead;
  }

  /** `get()`s waiting for a batch. */
  get waitingGets(): number {
    return this.gets.size;
  }

  /** True once {@link Batcher.close} was called. */
  get isClosed(): boolean {
    return !Number.isNaN(this.closedTime);
  }

  /**
   * An event that succeeds (with the time) when the batcher is closed: wait on
   * `anyOf([batcher.get(), batcher.closed])` to stop a courier loop cleanly.
   */
  get closed(): SimEvent<number> {
    if (this.closedEvent === null) {
      this.closedEvent = new SimEvent<number>(this.env);
      if (this.isClosed) this.closedEvent.succeed(this.closedTime);
    }
    return this.closedEvent;
  }

  /**
   * Drop `item` into the open batch of its key (opening one if needed) and carry on. Returns the batch it went
   * into, which is already released if this item filled it.
   *
   * @example
   * ```ts
   * function* resident(env: Environment, id: number) {
   *   yield* env.timeout(40);   // swab
   *   tubes.put(id);            // sample into the tube; the resident leaves
   * }
   * ```
   */
  put(item: T): Batch<T> {
    if (this.isClosed) this.afterClose('put');
    const batch = this.batchFor(item);
    this.add(batch, item);
    return batch;
  }

  /**
   * Add `item` and wait with it: the returned event succeeds with the batch when the batch is released
   * (the joiner travels with its batch). Every joiner of a batch waits on the same event.
   *
   * @example
   * ```ts
   * function* worker(env: Environment, id: number) {
   *   const group = yield* van.join(id);   // wait for the van to fill (or its timer)
   *   log.push([id, 'leaves with', group.size, env.now]);
   * }
   * ```
   */
  join(item: T): SimEvent<Batch<T>> {
    if (this.isClosed) this.afterClose('join');
    const batch = this.batchFor(item);
    // Made before the item is added: the item may fill the batch and release it at once.
    const release = (batch._release ??= new BatchRelease(this.env, batch));
    this.add(batch, item);
    return release;
  }

  /**
   * Take the next released batch from the outbox: an event that succeeds with it at once if one is
   * waiting (and no earlier get is), else when one is released. Gets are served in order.
   *
   * @example
   * ```ts
   * function* courier(env: Environment) {
   *   for (;;) {
   *     const tube = yield* tubes.get();
   *     yield* env.timeout(1200);          // to the lab
   *     lab.put(tube);
   *   }
   * }
   * ```
   */
  get(): BatchGet<T> {
    if (!this.keepOutbox)
      throw new SimulationError(
        `get() from batcher ${this.name}, which keeps no outbox (outbox: false); use onBatch() or join()`,
        this.env.here(),
      );
    const g = new BatchGet<T>(this);
    if (this.gets.size === 0 && this.outboxSize > 0) {
      g.status = 'done';
      this.batchesTaken++;
      // Complete before anyone could wait for it: the getter goes on in the same step.
      g._markProcessed(this.takeFromOutbox());
    } else this.gets.push(g, undefined, 0);
    return g;
  }

  /**
   * Call `listener(batch)` at every release, synchronously, after joiners' and getters' events have
   * been triggered. Returns a function that removes the listener.
   *
   * @example
   * ```ts
   * const stop = tubes.onBatch((tube) => env.schedule(1200, deliver, tube)); // callback-style courier
   * ```
   */
  onBatch(listener: (batch: Batch<T>) => void): () => void {
    if (typeof listener !== 'function')
      throw new SimulationError(
        `onBatch on batcher ${this.name}: expected a function, got ${formatValue(listener)}`,
        this.env.here(),
      );
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Release every open batch now with reason `flush`, in opening order, and return them (none if no
   * batch is open).
   *
   * @example
   * ```ts
   * env.at(closeTime, () => tubes.flush()); // the last, partial tube leaves with the site's close
   * ```
   */
  flush(): Batch<T>[] {
    return this.releaseAll('flush');
  }

  /**
   * Flush the open batch and stop: later `put`/`join` are errors, scheduled releases are cancelled, and
   * {@link Batcher.closed} succeeds. Batches in the outbox can still be taken. Returns the flushed
   * batches.
   *
   * @example
   * ```ts
   * env.at(19 * 3600, () => tubes.close()); // the site closes at 19:00
   * ```
   */
  close(): Batch<T>[] {
    if (this.isClosed)
      throw new SimulationError(
        `close() of batcher ${this.name}: it was already closed at t=${this.closedTime}`,
        this.env.here(),
      );
    const last = this.flush();
    this.closedTime = this.env.now;
    if (this.releaseHandle >= 0) {
      this.env.cancel(this.releaseHandle);
      this.releaseHandle = -1;
    }
    this.closedEvent?.succeed(this.closedTime);
    return last;
  }

  /** Counts that add up (see {@link BatcherAccounting}). */
  accounting(): BatcherAccounting {
    return {
      itemsIn: this.itemsIn,
      itemsReleased: this.itemsReleased,
      itemsWaiting: this.itemsWaiting,
      batchesReleased: this.batchesReleased,
      full: this.full,
      timeout: this.timedOut,
      schedule: this.scheduled,
      flush: this.flushed,
      batchesTaken: this.batchesTaken,
      outbox: this.outboxSize,
      waitingGets: this.gets.size,
    };
  }

  /** Accounting plus mean batch size and waits, as plain data. */
  results(): BatcherResults {
    const released = this.batchesReleased;
    return {
      name: this.name,
      ...this.accounting(),
      meanBatchSize: released === 0 ? Number.NaN : this.itemsReleased / released,
      meanWait: this.itemsReleased === 0 ? Number.NaN : this.sumWait / this.itemsReleased,
      maxWait: this.longestWait,
      closedAt: this.isClosed ? this.closedTime : null,
    };
  }

  /** One line for logs and deadlock reports. */
  describe(): string {
    const batches = this.openBatches;
    const first = batches[0];
    const open =
      first === undefined
        ? 'no open batch'
        : batches.length === 1
          ? `open batch ${first._items.length} of ${first.capacity} since t=${first.createdAt}`
          : `${batches.length} open batches holding ${this.waitingItems} items, oldest since t=${first.createdAt}`;
    const closed = this.isClosed ? `, closed at t=${this.closedTime}` : '';
    const outbox = this.keepOutbox ? `, ${this.outboxSize} in outbox, ${this.gets.size} gets waiting` : '';
    return `batcher ${this.name} (${open}${outbox}${closed})`;
  }

  // ---------------------------------------------------------------- internals

  /** @internal a batch's timer ran out (a released batch's timer is cancelled, so it is open) */
  _fireTimeout(batch: Batch<T>): void {
    batch._timer = -1;
    this.release(batch, 'timeout');
  }

  /** @internal a scheduled release time came */
  _fireSchedule(): void {
    this.releaseHandle = -1;
    this.nextRelease++;
    this.releaseAll('schedule');
    this.armSchedule();
  }

  /** @internal withdraw a waiting get */
  _withdraw(g: BatchGet<T>): void {
    g.status = 'cancelled';
    this.gets.markedDead();
  }

  /** @internal a handed-over batch nobody will receive: back to the front of the outbox */
  _undo(g: BatchGet<T>): void {
    g.status = 'cancelled';
    this.batchesTaken--;
    const batch = g._value as Batch<T>;
    if (this.outboxHead > 0) this.outboxItems[--this.outboxHead] = batch;
    else this.outboxItems.unshift(batch);
    this.serveGets();
  }

  /** @internal position of a waiting get (0 = next), for descriptions */
  _positionOf(g: BatchGet<T>): number {
    return this.gets.indexOf(g);
  }

  /** The open batch `item` goes into, opening one if needed. */
  private batchFor(item: T): Batch<T> {
    if (this.keyOf === null) return this.open ?? this.openBatch(item, undefined);
    const key = this.keyOf(item);
    return this.openByKey.get(key) ?? this.openBatch(item, key);
  }

  private openBatch(opener: T, key: unknown): Batch<T> {
    let capacity = this.fixedSize;
    if (this.sizeOf !== null) {
      capacity = this.sizeOf(opener);
      if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1)
        throw new SimulationError(
          `batcher ${this.name}: size(item) returned ${formatValue(capacity)} for the item opening batch #${this.seq + 1} (expected an integer ≥ 1)`,
          this.env.here(),
        );
    }
    const batch = new Batch<T>(this.name, ++this.seq, capacity, this.env.now, key);
    batch._owner = this;
    if (this.keyOf === null) this.open = batch;
    else this.openByKey.set(key, batch);
    if (this.timeout !== Number.POSITIVE_INFINITY && capacity > 1)
      batch._timer = this.env.schedule(this.timeout, fireTimeout, batch, Priority.LATE);
    return batch;
  }

  private add(batch: Batch<T>, item: T): void {
    batch._items.push(item);
    batch._sumArrival += this.env.now;
    this.itemsIn++;
    this.waitingItems++;
    if (batch._items.length >= batch.capacity) this.release(batch, 'full');
  }

  private release(batch: Batch<T>, reason: BatchReason): void {
    const now = this.env.now;
    if (this.keyOf === null) this.open = null;
    else this.openByKey.delete(batch.key);
    if (batch._timer >= 0) {
      this.env.cancel(batch._timer);
      batch._timer = -1;
    }
    batch.releasedAt = now;
    batch.reason = reason;
    const n = batch._items.length;
    this.itemsReleased += n;
    this.waitingItems -= n;
    this.sumWait += n * now - batch._sumArrival;
    if (now - batch.createdAt > this.longestWait) this.longestWait = now - batch.createdAt;
    if (reason === 'full') this.full++;
    else if (reason === 'timeout') this.timedOut++;
    else if (reason === 'schedule') this.scheduled++;
    else this.flushed++;
    batch._release?.succeed(batch);
    if (this.keepOutbox) {
      this.outboxItems.push(batch);
      this.serveGets();
    }
    for (const listener of this.listeners) listener(batch);
  }

  /** Release every open batch, in opening order. */
  private releaseAll(reason: 'schedule' | 'flush'): Batch<T>[] {
    const batches = this.openBatches;
    for (const b of batches) this.release(b, reason);
    return batches;
  }

  /** Hand outbox batches to waiting gets, in order. */
  private serveGets(): void {
    while (this.gets.size > 0 && this.outboxSize > 0) {
      this.gets.shift();
      const g = this.gets.item as BatchGet<T>;
      g.status = 'done';
      this.batchesTaken++;
      g.succeed(this.takeFromOutbox());
    }
  }

  private takeFromOutbox(): Batch<T> {
    const batch = this.outboxItems[this.outboxHead]!;
    this.outboxItems[this.outboxHead++] = undefined;
    // Compact once the taken half dominates, so a long run's outbox array does not keep growing.
    if (this.outboxHead > 32 && this.outboxHead * 2 > this.outboxItems.length) {
      this.outboxItems = this.outboxItems.slice(this.outboxHead);
      this.outboxHead = 0;
    }
    return batch;
  }

  private armSchedule(): void {
    const t = this.releaseTimes[this.nextRelease];
    if (t !== undefined) this.releaseHandle = this.env.at(t, fireSchedule, this, Priority.LATE);
  }

  private afterClose(what: string): never {
    throw new SimulationError(
      `${what} into batcher ${this.name} after it was closed at t=${this.closedTime}`,
      this.env.here(),
    );
  }
}

function fireTimeout(batch: Batch<any>): void {
  batch._owner!._fireTimeout(batch);
}

function fireSchedule(b: Batcher<any>): void {
  b._fireSchedule();
}

/**
 * Store: a place that holds discrete items (test kits, sample boxes, buses waiting at a depot), with
 * an optional capacity. Producers `put` items, consumers `get` them; a put waits while the store is
 * full and a get waits while nothing it wants is there.
 *
 * ```ts
 * const kits = new Store<Kit>(env, { name: 'kits', capacity: 500 });
 * yield* kits.put(kit);                                  // waits while 500 are in stock
 * const kit = yield* kits.get();                         // waits while none is
 * const box = yield* boxes.get((b) => b.site === 'A');   // only a box for site A
 * ```
 *
 * **Which item leaves.** Items leave in *priority order*: smallest priority number first, first in
 * first out among equal numbers. An item's priority is the number passed to `put(item, priority)`,
 * else the store's `key(item)`, else 0, so a plain store (no key, no priorities) is FIFO and a store
 * with `key: (p) => p.urgency` is a priority store.
 *
 * **Which get is served.** Waiting gets are served in the order they were made; each takes the first
 * item (in leaving order) that its filter accepts. A get whose filter matches nothing does not hold up
 * the gets behind it: they are still served if their filters match other items. So an earlier get has
 * the first pick of the items it accepts, and no item is ever left in the store while a waiting get
 * would accept it. Waiting puts are served strictly in order (all puts need the same room, one slot).
 *
 * Counters (`puts`, `gets`, `size`, waiting and withdrawn requests) are plain numbers; attach a
 * {@link PutGetObserver} for monitors. The rules common to stores and containers (immediate
 * completion, withdrawal, undo of unreceived gets) are in {@link PutGetResource}.
 *
 * @module
 */
import type { Environment } from '../kernel/environment.js';
import { formatValue, ParameterError, SimulationError } from '../kernel/errors.js';
import { nonEmptyString } from '../kernel/validate.js';
import { checkKeys } from './options.js';
import { defaultName, describeRequest, PutGetRequest, PutGetResource } from './putget.js';

/**
 * Options for a {@link Store}.
 *
 * @example
 * ```ts
 * const triage = new Store<Patient>(env, { name: 'triage', capacity: 40, key: (p) => p.urgency });
 * ```
 */
export interface StoreOptions<T> {
  /** Name for reports and errors. Default `store#N`, N counting the unnamed stores of the environment. */
  readonly name?: string;
  /** Most items held at once: a positive integer or `Infinity` (default). */
  readonly capacity?: number;
  /**
   * Priority of an item when `put` is given none: items with smaller numbers leave first (FIFO among
   * equals). Called once per put, when the put is made. Default: every item has priority 0 (FIFO).
   */
  readonly key?: (item: T) => number;
}

/**
 * Counts that add up at any time: `puts = gets + size`. See {@link Store.accounting}.
 *
 * @example
 * ```ts
 * const a = kits.accounting();
 * a.puts === a.gets + a.size; // true
 * ```
 */
export interface StoreAccounting {
  /** Items put so far (puts carried out). */
  readonly puts: number;
  /** Items got so far (gets carried out; a get undone because nobody received it is not counted). */
  readonly gets: number;
  /** Items held now. */
  readonly size: number;
  /** Puts waiting for room now. */
  readonly waitingPuts: number;
  /** Gets waiting for an item now. */
  readonly waitingGets: number;
  /** Puts withdrawn while waiting. */
  readonly cancelledPuts: number;
  /** Gets withdrawn while waiting, or undone because nobody received them. */
  readonly cancelledGets: number;
}

/**
 * A put of one item into a {@link Store}: succeeds (with nothing) when the item is in the store.
 *
 * @example
 * ```ts
 * const p = kits.put(kit);
 * yield* p;          // waits while the store is full
 * p.status;          // 'done'
 * ```
 */
export class StorePut<T> extends PutGetRequest<void> {
  declare readonly resource: Store<T>;
  /** The item to put. */
  declare readonly item: T;
  /** Its priority (smaller leaves first). */
  declare readonly priority: number;

  /** @internal use {@link Store.put} */
  constructor(store: Store<T>, item: T, priority: number) {
    super(store);
    this.item = item;
    this.priority = priority;
  }

  /** Always `'put'`. */
  get kind(): 'put' {
    return 'put';
  }

  override describe(): string {
    const s = this.resource;
    return describeRequest(this, `put into store ${s.name}`, `${s.size} of ${s.capacity} items`);
  }
}

/**
 * A get from a {@link Store}: succeeds with the item taken.
 *
 * @example
 * ```ts
 * const g = boxes.get((b) => b.site === 'A');
 * const box = yield* g;   // box.site === 'A'
 * ```
 */
export class StoreGet<T> extends PutGetRequest<T> {
  declare readonly resource: Store<any>;
  /** Which items this get accepts (null: any). */
  declare readonly filter: ((item: any) => boolean) | null;
  /** @internal priority and entry number of the item taken, to put it back exactly if undone */
  declare _priority: number;
  /** @internal */ declare _seq: number;

  /** @internal use {@link Store.get} */
  constructor(store: Store<any>, filter: ((item: any) => boolean) | null) {
    super(store);
    this.filter = filter;
    this._priority = 0;
    this._seq = 0;
  }

  /** Always `'get'`. */
  get kind(): 'get' {
    return 'get';
  }

  override describe(): string {
    const s = this.resource;
    const what = `get${this.filter === null ? '' : '(filtered)'} from store ${s.name}`;
    return describeRequest(this, what, `${s.size} item${s.size === 1 ? '' : 's'} in stock`);
  }
}

/**
 * A store of discrete items. See the module documentation for the order rules.
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * const env = new Environment();
 * const kits = new Store<string>(env, { name: 'kits', capacity: 2 });
 * env.process(function* () {
 *   for (const k of ['k1', 'k2', 'k3']) yield* kits.put(k); // k3 waits for room
 * }());
 * env.process(function* () {
 *   yield* env.timeout(5);
 *   const kit = yield* kits.get(); // 'k1'
 * }());
 * env.run();
 * kits.contents; // ['k2', 'k3']
 * ```
 */
export class Store<T> extends PutGetResource<StorePut<T>, StoreGet<T>> {
  /** Most items held at once. */
  readonly capacity: number;
  /** The key giving items their priority (null: FIFO unless `put` gives one). */
  readonly key: ((item: T) => number) | null;
  protected readonly putsBlock = true;
  /** False: a get whose filter matches nothing does not hold up the gets behind it. */
  protected readonly getsBlock = false;
  // Items in leaving order, as parallel arrays from `head` on: no wrapper object per item.
  private items: (T | undefined)[] = [];
  private priorities: number[] = [];
  private seqs: number[] = [];
  private head = 0;
  /** Entry numbers, for FIFO among equal priorities and for exact put-back. */
  private seq = 0;

  constructor(env: Environment, options: StoreOptions<T> = {}) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('store', 'an options object', options);
    checkKeys(
      options,
      ['name', 'capacity', 'key'],
      typeof options.name === 'string' ? `store(${options.name})` : 'store',
    );
    const name =
      options.name === undefined ? defaultName(env, 'store') : nonEmptyString(options.name, 'store.name');
    super(env, name);
    const capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    if (
      typeof capacity !== 'number' ||
      !(capacity >= 1) ||
      !(Number.isInteger(capacity) || capacity === Number.POSITIVE_INFINITY)
    )
      throw new ParameterError(`store(${name}).capacity`, 'an integer ≥ 1 or Infinity', capacity);
    this.capacity = capacity;
    if (options.key !== undefined && typeof options.key !== 'function')
      throw new ParameterError(`store(${name}).key`, 'a function (item) => number', options.key);
    this.key = options.key ?? null;
  }

  /** Items in the store now. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Items in the store now (same as {@link Store.size}; the level reported to observers). */
  get level(): number {
    return this.items.length - this.head;
  }

  /** The items in the store, in leaving order (a copy; O(n)). */
  get contents(): T[] {
    return this.items.slice(this.head) as T[];
  }

  /**
   * Put `item` into the store; the returned event succeeds when it is in (at once if there is room).
   * `priority` (smaller leaves first) overrides the store's `key`.
   *
   * @example
   * ```ts
   * yield* kits.put(kit);
   * yield* patients.put(p, p.critical ? 0 : 1);
   * ```
   */
  put(item: T, priority?: number): StorePut<T> {
    let prio = 0;
    if (priority !== undefined) {
      if (typeof priority !== 'number' || !Number.isFinite(priority))
        this.badArgument('put into', 'a finite priority number', priority);
      prio = priority;
    } else if (this.key !== null) {
      prio = this.key(item);
      if (typeof prio !== 'number' || !Number.isFinite(prio))
        throw new SimulationError(
          `put into ${this.describe()}: key(${formatValue(item)}) returned ${formatValue(prio)}, expected a finite number`,
          this.env.here(),
        );
    }
    return this.submitPut(new StorePut(this, item, prio));
  }

  /**
   * Take an item: the first in leaving order that `filter` accepts (any item without a filter). The
   * returned event succeeds with the item, at once if one is there. A type-guard filter narrows the
   * item type.
   *
   * @example
   * ```ts
   * const kit = yield* kits.get();
   * const boxA = yield* boxes.get((b) => b.site === 'A');
   * ```
   */
  get(): StoreGet<T>;
  get<S extends T>(filter: (item: T) => item is S): StoreGet<S>;
  get(filter: (item: T) => boolean): StoreGet<T>;
  get(filter?: (item: T) => boolean): StoreGet<T> {
    if (filter !== undefined && typeof filter !== 'function')
      this.badArgument('get from', 'a filter function (item) => boolean', filter);
    return this.submitGet(new StoreGet<T>(this, filter ?? null));
  }

  /** Counts that add up: `puts = gets + size`. */
  accounting(): StoreAccounting {
    return {
      puts: this.puts,
      gets: this.gets,
      size: this.size,
      waitingPuts: this.waitingPuts,
      waitingGets: this.waitingGets,
      cancelledPuts: this.cancelledPuts,
      cancelledGets: this.cancelledGets,
    };
  }

  /** E.g. `store kits (3 of 10 items, 2 waiting gets, 0 waiting puts)`. */
  describe(): string {
    return `store ${this.name} (${this.size} of ${this.capacity} items, ${this.waitingGets} waiting gets, ${this.waitingPuts} waiting puts)`;
  }

  protected tryPut(req: StorePut<T>): boolean {
    if (this.size + this.reserved >= this.capacity) return false;
    this.insert(req.item, req.priority, ++this.seq);
    return true;
  }

  protected tryGet(req: StoreGet<T>): boolean {
    const items = this.items;
    let i = this.head;
    const filter = req.filter;
    if (filter !== null) {
      while (i < items.length && !filter(items[i] as T)) i++;
    }
    if (i >= items.length) return false;
    req._value = items[i];
    req._priority = this.priorities[i]!;
    req._seq = this.seqs[i]!;
    req._reserved = 1;
    this.removeAt(i);
    return true;
  }

  protected undoGet(req: StoreGet<T>): void {
    this.insert(req._value as T, req._priority, req._seq);
  }

  protected invariantViolation(): string | null {
    const size = this.size;
    if (size + this.reserved > this.capacity) return `${size} items + ${this.reserved} reserved > capacity`;
    if (this.putLine.size > 0 && size + this.reserved < this.capacity)
      return 'puts wait although there is room';
    if (size > 0 && this.getLine.size > 0 && this.getLine.first()!.filter === null)
      return 'an unfiltered get waits although there are items';
    return null;
  }

  /** Insert at the place `(priority, seq)` gives it; appending is the common, O(1) case. */
  private insert(item: T, priority: number, seq: number): void {
    const items = this.items;
    const prios = this.priorities;
    const seqs = this.seqs;
    const n = items.length;
    if (n === this.head || prios[n - 1]! < priority || (prios[n - 1] === priority && seqs[n - 1]! < seq)) {
      items.push(item);
      prios.push(priority);
      seqs.push(seq);
      return;
    }
    // Binary search for the first entry after (priority, seq).
    let lo = this.head;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = prios[mid]!;
      if (p < priority || (p === priority && seqs[mid]! < seq)) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    prios.splice(lo, 0, priority);
    seqs.splice(lo, 0, seq);
  }

  private removeAt(i: number): void {
    const items = this.items;
    if (i !== this.head) {
      items.splice(i, 1);
      this.priorities.splice(i, 1);
      this.seqs.splice(i, 1);
      return;
    }
    items[i] = undefined; // let the item be collected
    this.head++;
    if (this.head === items.length) {
      items.length = 0;
      this.priorities.length = 0;
      this.seqs.length = 0;
      this.head = 0;
    } else if (this.head > 64 && this.head * 2 > items.length) {
      items.splice(0, this.head);
      this.priorities.splice(0, this.head);
      this.seqs.splice(0, this.head);
      this.head = 0;
    }
  }
}

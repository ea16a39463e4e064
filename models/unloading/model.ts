/**
 * The unloading model's engine: trucks, bays, handlers and storage on one calendar.
 *
 * - A **truck** is a process: it arrives, waits for a bay (a {@link Resource} with one unit per bay),
 *   docks (`dockTime`), offers its items to handlers, and leaves (frees its bay) when its last item
 *   has been taken off.
 * - A **chain** (`chain.ts`): each link holds at most one item; a link that finishes its pass hands
 *   the item on if the next link's hands are free, and otherwise holds it (blocked) until they are;
 *   the head takes a new item from its truck whenever its hands are free; the tail puts the item into
 *   storage (a {@link Container}; it waits while storage is full). This is a tandem line with blocking
 *   and no buffers, whose throughput in steady state is at most 1 / (largest mean pass interval), and
 *   exactly that for constant pass intervals. With unlimited storage its interior is computed by the
 *   departure recurrence (`tandem.ts`: two calendar entries per item); with finite storage, one
 *   calendar entry per pass. Both give the same times.
 * - A **vehicle** runs trips: take up to `load` items, load, travel, put into storage, drop, travel back.
 *
 * **What limits the rate.** Each handler's time is classified, at every change, into one of:
 * `handling` (attached to a truck with items: the handler's own rate limits), `changeover` (moving to
 * another truck), `bays` (no docked truck free for it while trucks wait for a bay or are docking),
 * `arrivals` (no truck there and more still to come), `storage` (its tail cannot put down: storage is
 * full) and `relief` (the relief pause). The category with the most handler-time is the binding
 * constraint; the shares are reported alongside.
 *
 * Every item is accounted for: stored, in transit (in a chain's hands or on a vehicle), or on a
 * truck (not arrived, waiting, docking or docked).
 *
 * @module
 */
import {
  Container,
  type Distribution,
  Resource,
  type Rng,
  type SimEvent,
  type Simulation,
  validate,
} from '../../src/index.js';
import { EventChain, RecurrenceChain } from './chain.js';
import { HandlerFields } from './handler.js';
import type { ResolvedHandler, ResolvedUnloading } from './params.js';

/**
 * Categories of handler time (see the module comment).
 *
 * @example
 * ```ts
 * const c: LimitCategory = 'handling';
 * ```
 */
export type LimitCategory = 'handling' | 'changeover' | 'bays' | 'arrivals' | 'storage' | 'relief';

/**
 * Every category, in report order.
 *
 * @example
 * ```ts
 * for (const k of LIMIT_CATEGORIES) console.log(k, result.shares[k]);
 * ```
 */
export const LIMIT_CATEGORIES: readonly LimitCategory[] = [
  'handling',
  'changeover',
  'bays',
  'arrivals',
  'storage',
  'relief',
];

/** A handler's current category of time, or `done` once the last item is stored. @internal */
export type HandlerState = LimitCategory | 'done';
type State = HandlerState;

/** A truck's state. @internal */
export interface Truck {
  readonly index: number;
  readonly arrival: number;
  readonly items: number;
  remaining: number;
  state: 'due' | 'waiting' | 'docking' | 'docked' | 'gone';
  attached: number;
  dockedAt: number | null;
  emptiedAt: number | null;
  emptied: SimEvent<void>;
}

/**
 * One truck's times.
 *
 * @example
 * ```ts
 * const row: TruckRecord = { truck: 1, items: 334, arrival: 0, docked: 300, emptied: 1500 };
 * ```
 */
export interface TruckRecord {
  /** Truck number, 1-based. */
  readonly truck: number;
  /** Items the truck carries. */
  readonly items: number;
  /** Simulated times (null if not reached). */
  readonly arrival: number;
  /** Simulated time the truck had backed in and opened at a bay, or null if not yet. */
  readonly docked: number | null;
  /** Simulated time the truck's last item was taken off, or null if not yet. */
  readonly emptied: number | null;
}

/**
 * One handler's results.
 *
 * @example
 * ```ts
 * const h: HandlerRecord = { name: 'chain', kind: 'chain', people: 120, moved: 10000, inTransit: 0,
 *   boundPerHour: 2100, hours: { handling: 8.9, changeover: 0.1, bays: 0, arrivals: 0, storage: 0, relief: 0 } };
 * ```
 */
export interface HandlerRecord {
  /** The handler's name from the resolved parameters. */
  readonly name: string;
  /** `chain` (a human chain) or `vehicle`. */
  readonly kind: 'chain' | 'vehicle';
  /** People counted for volunteer hours (chain links plus reserves, or the vehicle's crew). */
  readonly people: number;
  /** Items this handler put into storage. */
  readonly moved: number;
  /** Items taken off a truck and not yet in storage (in the chain or on the vehicle). */
  readonly inTransit: number;
  /**
   * Upper bound of its rate (items per hour): 3600 / largest mean pass interval for a chain, load ×
   * 3600 / mean trip time for a vehicle.
   */
  readonly boundPerHour: number;
  /** Hours in each category, until the last item was stored (or now). */
  readonly hours: Readonly<Record<LimitCategory, number>>;
}

/** What the operation needs from a handler (a chain or a vehicle). @internal */
export interface HandlerBase {
  readonly spec: ResolvedHandler;
  truck: Truck | null;
  switching: boolean;
  paused: boolean;
  storageBlocked: boolean;
  inTransit: number;
  moved: number;
  state: State;
  since: number;
  readonly hours: Record<LimitCategory, number>;
  /** Try to start work (take items) now. */
  kick(): void;
}

/**
 * The unloading operation running in a simulation.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, epoch: '2022-04-13T01:30+08:00' });
 * const op = new Unloading(sim, resolveUnloading(sim, {}));
 * sim.run();
 * op.finishedAt; op.binding();
 * ```
 */
export class Unloading {
  /** Bays: one unit per truck position. */
  readonly bays: Resource;
  /** Storage (items). */
  readonly storage: Container;
  /** Time the last item was stored, or null. */
  finishedAt: number | null = null;
  private readonly trucks: Truck[];
  private readonly handlers: HandlerBase[] = [];
  private readonly bins: number[] = [];
  private readonly total: number;
  private stored = 0;

  constructor(
    /** The simulation it runs in. */
    readonly sim: Simulation,
    /** Resolved parameters (see `resolveUnloading`). */
    readonly params: ResolvedUnloading,
    /**
     * `chain: 'events'` runs every chain with one calendar entry per pass even when storage is
     * unlimited (the reference the recurrence is tested against: same results, ≈2× the CPU time on
     * the Qingxu chain). Default `'auto'`: the recurrence when storage is unlimited.
     */
    options: { readonly chain?: 'auto' | 'events' } = {},
  ) {
    const p = params;
    const engine = validate.oneOf(options.chain ?? 'auto', 'Unloading options.chain', [
      'auto',
      'events',
    ] as const);
    this.bays = new Resource(sim, { name: 'unloading.bays', capacity: p.bays });
    this.storage = new Container(sim, {
      name: 'unloading.storage',
      ...(p.storage !== Number.POSITIVE_INFINITY && { capacity: p.storage }),
    });
    this.total = p.trucks.reduce((s, t) => s + t.items, 0);
    this.trucks = p.trucks.map((t, index) => ({
      index,
      arrival: p.start + t.arrival,
      items: t.items,
      remaining: t.items,
      state: 'due',
      attached: 0,
      dockedAt: null,
      emptiedAt: null,
      emptied: sim.event<void>(),
    }));
    p.handlers.forEach((h, i) => {
      const rng = sim.stream(`unloading.handlers[${i}]`);
      if (h.kind === 'vehicle') this.handlers.push(new Vehicle(this, h, rng));
      else if (p.storage === Number.POSITIVE_INFINITY && engine === 'auto')
        this.handlers.push(new RecurrenceChain(this, h, rng));
      else this.handlers.push(new EventChain(this, h, rng));
    });
    for (const h of this.handlers) h.since = p.start;
    sim.at(p.start, () => {
      for (const h of this.handlers) this.update(h);
      if (this.total === 0) this.finish();
    });
    for (const t of this.trucks)
      sim.at(t.arrival, () =>
        // Daemons: a truck whose items can never be taken (storage full for good) is reported in the
        // accounting (items on trucks, finishedAt null), not as a deadlock.
        sim.process(this.truckProcess(t), { name: `truck#${t.index + 1}`, daemon: true }),
      );
  }

  /**
   * Items stored so far.
   *
   * @example
   * ```ts
   * op.storedItems; // 10000 at the end of the default run
   * ```
   */
  get storedItems(): number {
    return this.stored;
  }

  /**
   * Items by where they are: `stored + inTransit + onTrucks = total` at any time.
   *
   * @example
   * ```ts
   * const a = op.accounting(); a.stored + a.inTransit + a.onTrucks === a.total; // true
   * ```
   */
  accounting(): { total: number; stored: number; inTransit: number; onTrucks: number } {
    const inTransit = this.handlers.reduce((s, h) => s + h.inTransit, 0);
    const onTrucks = this.trucks.reduce((s, t) => s + t.remaining, 0);
    return { total: this.total, stored: this.stored, inTransit, onTrucks };
  }

  /**
   * Per-truck times.
   *
   * @example
   * ```ts
   * op.truckRecords().map((t) => t.emptied);
   * ```
   */
  truckRecords(): TruckRecord[] {
    return this.trucks.map((t) => ({
      truck: t.index + 1,
      items: t.items,
      arrival: t.arrival,
      docked: t.dockedAt,
      emptied: t.emptiedAt,
    }));
  }

  /**
   * Items stored per bin of `binWidth` from the start.
   *
   * @example
   * ```ts
   * op.throughputBins()[0]; // items stored in the first 30 minutes
   * ```
   */
  throughputBins(): readonly number[] {
    return this.bins;
  }

  /**
   * Per-handler results, with time in each category up to the end (or now).
   *
   * @example
   * ```ts
   * op.handlerRecords()[0]!.hours.handling;
   * ```
   */
  handlerRecords(): HandlerRecord[] {
    const now = this.finishedAt ?? this.sim.now;
    return this.handlers.map((h) => {
      const hours = { ...h.hours };
      if (h.state !== 'done' && now > h.since) hours[h.state] += now - h.since;
      for (const k of LIMIT_CATEGORIES) hours[k] /= 3600;
      return {
        name: h.spec.name,
        kind: h.spec.kind,
        people: h.spec.people,
        moved: h.moved,
        inTransit: h.inTransit,
        boundPerHour: boundPerHour(h.spec),
        hours,
      };
    });
  }

  /**
   * The binding constraint: the category with the most handler-time, and every category's share. A
   * stalled run (items left, nothing on the calendar: storage full for good) is bound by the state
   * the handlers are stuck in.
   *
   * @example
   * ```ts
   * op.binding(); // { binding: 'handling', stalled: false, shares: { handling: 0.98, changeover: 0.02, ... } }
   * ```
   */
  binding(): { binding: LimitCategory | null; stalled: boolean; shares: Record<LimitCategory, number> } {
    const totals = Object.fromEntries(LIMIT_CATEGORIES.map((k) => [k, 0])) as Record<LimitCategory, number>;
    for (const h of this.handlerRecords()) for (const k of LIMIT_CATEGORIES) totals[k] += h.hours[k];
    const sum = LIMIT_CATEGORIES.reduce((s, k) => s + totals[k], 0);
    let binding: LimitCategory | null = null;
    for (const k of LIMIT_CATEGORIES)
      if (totals[k] > 0 && (binding === null || totals[k] > totals[binding])) binding = k;
    // Stalled: items remain and nothing is left on the calendar, so nothing will ever move them. The
    // state the handlers are stuck in binds, however short the time spent in it so far.
    const stalled =
      this.finishedAt === null && this.sim.peek() === Number.POSITIVE_INFINITY && this.stored < this.total;
    if (stalled) {
      const stuck = this.handlers.find((h) => h.state === 'storage') ?? this.handlers[0];
      if (stuck !== undefined && stuck.state !== 'done') binding = stuck.state;
    }
    const shares = Object.fromEntries(
      LIMIT_CATEGORIES.map((k) => [k, sum > 0 ? totals[k] / sum : 0]),
    ) as Record<LimitCategory, number>;
    return { binding, stalled, shares };
  }

  // ------------------------------------------------------------------ internals used by handlers

  /** @internal take up to `n` items from the handler's truck; detaches it when the truck is empty. */
  _take(h: HandlerBase, n: number): number {
    const t = h.truck;
    if (t === null || t.remaining === 0 || h.paused || h.switching) return 0;
    const k = Math.min(n, t.remaining);
    t.remaining -= k;
    h.inTransit += k;
    if (t.remaining === 0) {
      t.emptiedAt = this.sim.now;
      t.emptied.succeed();
      this.detach(h);
    }
    return k;
  }

  /** @internal the handler's truck has nothing left: leave it and look for another. */
  _truckEmpty(h: HandlerBase): void {
    if (h.truck !== null && h.truck.remaining === 0) this.detach(h);
  }

  /** @internal `k` items reached storage from handler `h`. */
  _stored(h: HandlerBase, k: number): void {
    h.inTransit -= k;
    h.moved += k;
    this.stored += k;
    const bin = Math.floor((this.sim.now - this.params.start) / this.params.binWidth);
    while (this.bins.length <= bin) this.bins.push(0);
    this.bins[bin]! += k;
    if (this.stored === this.total) this.finish();
  }

  /** @internal re-classify a handler's time from now on. */
  update(h: HandlerBase): void {
    const now = this.sim.now;
    if (h.state === 'done') return;
    let s: State;
    if (this.finishedAt !== null) s = 'done';
    else if (h.storageBlocked) s = 'storage';
    else if (h.paused) s = 'relief';
    else if (h.switching) s = 'changeover';
    else if (h.truck !== null) s = 'handling';
    else if (this.trucks.some((t) => t.state === 'waiting' || t.state === 'docking')) s = 'bays';
    else if (this.trucks.some((t) => t.state === 'due')) s = 'arrivals';
    // Nothing left to fetch, items still in flight (its own or others'): the handlers are the limit.
    else s = 'handling';
    if (s === h.state) return;
    if (now > h.since && now >= this.params.start) h.hours[h.state as LimitCategory] += now - h.since;
    h.state = s;
    h.since = Math.max(now, this.params.start);
  }

  private updateAll(): void {
    for (const h of this.handlers) this.update(h);
  }

  private finish(): void {
    if (this.finishedAt !== null) return;
    // Close the accounts at the moment the last item was stored.
    for (const h of this.handlers) this.update(h);
    this.finishedAt = this.sim.now;
    for (const h of this.handlers) this.update(h);
  }

  private detach(h: HandlerBase): void {
    const t = h.truck;
    if (t !== null) t.attached--;
    h.truck = null;
    this.seek(h);
  }

  /** Attach an idle handler to the docked truck that most needs one; it starts after the switch time. */
  private seek(h: HandlerBase): void {
    let best: Truck | null = null;
    for (const t of this.trucks)
      if (t.state === 'docked' && t.remaining > 0 && t.attached < this.params.handlersPerTruck)
        if (best === null || t.attached < best.attached) best = t;
    if (best !== null) {
      best.attached++;
      h.truck = best;
      if (this.params.switchTime > 0) {
        h.switching = true;
        this.sim.schedule(this.params.switchTime, () => {
          h.switching = false;
          this.update(h);
          h.kick();
        });
      }
    }
    this.update(h);
    if (!h.switching) h.kick();
  }

  private *truckProcess(t: Truck) {
    t.state = 'waiting';
    this.updateAll();
    const bay = yield* this.bays.request({ entity: `truck#${t.index + 1}` });
    t.state = 'docking';
    this.updateAll();
    if (this.params.dockTime > 0) yield* this.sim.delay(this.params.dockTime);
    t.state = 'docked';
    t.dockedAt = this.sim.now;
    if (t.remaining > 0) {
      for (const h of this.handlers)
        if (h.truck === null && !h.switching && t.attached < this.params.handlersPerTruck) this.seek(h);
      yield* t.emptied;
    } else t.emptiedAt = this.sim.now;
    t.state = 'gone';
    this.bays.release(bay);
    this.updateAll();
  }
}

/** Items per hour a handler can move at most. */
function boundPerHour(h: ResolvedHandler): number {
  if (h.kind === 'chain') return 3600 / Math.max(...h.pass.map((d) => d.mean));
  return (h.load * 3600) / (h.loadTime.mean + 2 * h.travel.mean + h.dropTime.mean);
}

/** A vehicle doing trips (see the module comment). */
class Vehicle extends HandlerFields {
  private onTrip = false;

  constructor(
    private readonly op: Unloading,
    readonly spec: Extract<ResolvedHandler, { kind: 'vehicle' }>,
    private readonly rng: Rng,
  ) {
    super();
  }

  kick(): void {
    if (this.onTrip) return;
    // On a trip before taking: taking a truck's last items moves the vehicle on, which kicks it again.
    this.onTrip = true;
    const k = this.op._take(this, this.spec.load);
    if (k === 0) {
      this.onTrip = false;
      this.op._truckEmpty(this);
      return;
    }
    const sim = this.op.sim;
    const s = this.spec;
    const draw = (d: Distribution) => d.sample(this.rng);
    sim.process(
      (function* (self: Vehicle) {
        yield* sim.delay(draw(s.loadTime));
        yield* sim.delay(draw(s.travel));
        const put = self.op.storage.put(k);
        if (put.status !== 'done') {
          self.storageBlocked = true;
          self.op.update(self);
          yield* put;
          self.storageBlocked = false;
          self.op.update(self);
        }
        self.op._stored(self, k);
        yield* sim.delay(draw(s.dropTime));
        yield* sim.delay(draw(s.travel));
        self.onTrip = false;
        self.kick();
      })(this),
      { name: `${s.name}.trip`, daemon: true },
    );
  }
}

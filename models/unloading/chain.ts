/**
 * The human chain as an unloading handler, in two engines that give the same times.
 *
 * Both share what touches the rest of the model, on the calendar as before: the head takes an item
 * from its truck whenever its hands are free (through `Unloading._take`, so trucks, switching and the
 * relief pause work the same), and the tail puts the item into storage (`Unloading._stored`).
 * Between head and tail the chain is a tandem line with blocking and no buffers (see `tandem.ts`):
 *
 * - {@link RecurrenceChain} (unlimited storage, the default): the interior is computed by the
 *   departure recurrence when the head takes an item, and only two calendar entries remain per item:
 *   the head's hands free again, and the item stored.
 * - {@link EventChain} (any storage): one calendar entry per pass. Needed when storage is finite,
 *   because the tail can then wait for room for a time the chain cannot know in advance; with
 *   unlimited storage it is the oracle the recurrence is tested against.
 *
 * **Same random numbers.** Both draw an item's pass intervals for all links, link 0 first, when the
 * head takes it (from the chain's own stream), so with unlimited storage they produce bit-identical
 * stored times, truck times, handler hours and bins. The event chain keeps the rows of the items in
 * its hands (items move in order, so link `j` always works on the `k`-th item it receives: a ring of
 * rows indexed by item number suffices).
 *
 * **Same-instant order.** The recurrence chain schedules both entries when the head takes the item;
 * the event chain reaches the same instants later, through its cascade of passes. Entries that fall on
 * exactly the same instant may therefore run in another order: a store and a take of the same chain
 * (harmless: a take does not read the stored count, a store does not read the trucks), or a chain's
 * store or take and another handler's entry. Both orders are valid simulations of simultaneous
 * events, but the second kind can change which of two chains takes an item, and with it their hours
 * (whether a relief pause due at that instant starts: a chain with nothing left skips it). Exactly
 * equal times need constant or discrete pass intervals; with continuous ones they have probability
 * zero, and the engines agree bit for bit. With constant integer passes and one chain (ties with its
 * own relief, switching, docking and a vehicle everywhere) the tests find them identical too.
 *
 * @module
 */
import type { Rng } from '../../src/index.js';
import { HandlerFields } from './handler.js';
import type { Unloading } from './model.js';
import type { ResolvedHandler } from './params.js';
import { BlockingTandem } from './tandem.js';

type ChainSpec = Extract<ResolvedHandler, { kind: 'chain' }>;

/**
 * What the two chain engines share: the head's taking, the relief rotation, the time accounts.
 * @internal
 */
abstract class ChainHandler extends HandlerFields {
  /** The head's hands are empty (it may take an item). */
  protected headFree = true;
  /** Set while the relief rotation is suspended (no work): call it to resume. */
  private reliefIdle: (() => void) | null = null;

  constructor(
    protected readonly op: Unloading,
    readonly spec: ChainSpec,
    private readonly rng: Rng,
  ) {
    super();
    if (spec.relief !== null) this.scheduleRelief(spec.relief.every, spec.relief.pause);
  }

  kick(): void {
    if (this.reliefIdle !== null) {
      const resume = this.reliefIdle;
      this.reliefIdle = null;
      resume();
    }
    if (this.headFree) this.pullHead();
  }

  /** The head's hands are free: take the next item from the truck, if it may. */
  protected pullHead(): void {
    // Mark the head busy first: taking the truck's last item moves the chain on to another truck,
    // which kicks the head again; it must not take a second item.
    this.headFree = false;
    if (this.op._take(this, 1) === 1) this.entered();
    else {
      this.headFree = true;
      this.op._truckEmpty(this);
    }
  }

  /** The head has just taken an item (now): send it down the chain. */
  protected abstract entered(): void;

  /**
   * Draw one item's pass intervals, link 0 first, into `out[offset …]`: the one place both engines
   * draw, so they use the same numbers in the same order.
   */
  protected drawPasses(out: Float64Array, offset: number): void {
    const pass = this.spec.pass;
    const rng = this.rng;
    for (let j = 0; j < pass.length; j++) out[offset + j] = pass[j]!.sample(rng);
  }

  private scheduleRelief(every: number, pause: number): void {
    const sim = this.op.sim;
    const begin = () => {
      if (this.op.finishedAt !== null) return;
      // No work, or stuck behind a full store: suspend the rotation (it would otherwise keep the
      // calendar busy for ever); the next kick resumes it.
      if ((this.truck === null && this.inTransit === 0) || this.storageBlocked) {
        this.reliefIdle = () => sim.schedule(every - pause, begin);
        return;
      }
      this.paused = true;
      this.op.update(this);
      sim.schedule(pause, end);
    };
    const end = () => {
      this.paused = false;
      this.op.update(this);
      this.kick();
      if (this.op.finishedAt === null) sim.schedule(every - pause, begin);
    };
    sim.at(this.op.params.start + every - pause, begin);
  }
}

/**
 * A chain whose interior is the departure recurrence (unlimited storage only): two calendar entries
 * per item instead of one per pass.
 *
 * @example
 * ```ts
 * // chosen by Unloading when storage is unlimited:
 * new Unloading(sim, resolveUnloading(sim, { storage: Infinity }));
 * ```
 * @internal
 */
export class RecurrenceChain extends ChainHandler {
  private readonly line: BlockingTandem;
  private readonly row: Float64Array;
  private readonly freeFn = () => {
    this.headFree = true;
    this.pullHead();
  };
  private readonly storeFn = () => {
    // Unlimited storage: the put completes at once (it keeps the store's level and statistics).
    this.op.storage.put(1);
    this.op._stored(this, 1);
  };
  /**
   * Both at one instant (one link, or links with zero passes after the head): one calendar entry, the
   * store first, as in the event chain, whose tail stores and then pulls the next item up the line.
   */
  private readonly storeAndFreeFn = () => {
    this.storeFn();
    this.freeFn();
  };

  constructor(op: Unloading, spec: ChainSpec, rng: Rng) {
    super(op, spec, rng);
    if (op.params.storage !== Number.POSITIVE_INFINITY)
      throw new RangeError(
        `RecurrenceChain ${spec.name}: needs unlimited storage, got ${op.params.storage} (use EventChain)`,
      );
    this.line = new BlockingTandem(spec.links);
    this.row = new Float64Array(spec.links);
  }

  protected entered(): void {
    this.drawPasses(this.row, 0);
    const sim = this.op.sim;
    const stored = this.line.advance(sim.now, this.row);
    const free = this.line.departures[0]!;
    // Absolute times (`at`, not `schedule`): now + (t − now) need not equal t in floating point.
    if (free === stored) sim.at(stored, this.storeAndFreeFn);
    else {
      sim.at(stored, this.storeFn);
      sim.at(free, this.freeFn);
    }
  }
}

/**
 * Pass intervals of the items in an event chain's hands, one row of `width` per item, by item number.
 * Rows are added at the head and dropped once the tail has started the item; the ring grows (doubling)
 * when more items are in the chain than it holds, at most one per link.
 */
class PassRows {
  private data: Float64Array;
  private capacity: number;
  /** Number of the next item to add. */
  private next = 0;
  /** Number of the oldest item whose row is still needed. */
  private oldest = 0;

  constructor(private readonly width: number) {
    this.capacity = Math.min(width, 8);
    this.data = new Float64Array(this.capacity * width);
  }

  /** Make room for the next item's row; returns its offset in {@link PassRows.array}. */
  add(): number {
    if (this.next - this.oldest === this.capacity) this.grow();
    return (this.next++ % this.capacity) * this.width;
  }

  /** The backing array (valid until the next {@link PassRows.add}). */
  get array(): Float64Array {
    return this.data;
  }

  /** Pass interval of item `item` at link `link`. */
  pass(item: number, link: number): number {
    return this.data[(item % this.capacity) * this.width + link]!;
  }

  /** Items before `item` need no row any more. */
  dropBefore(item: number): void {
    this.oldest = item;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const data = new Float64Array(capacity * this.width);
    for (let k = this.oldest; k < this.next; k++)
      data.set(
        this.data.subarray((k % this.capacity) * this.width, ((k % this.capacity) + 1) * this.width),
        (k % capacity) * this.width,
      );
    this.capacity = capacity;
    this.data = data;
  }
}

/**
 * A chain on callbacks, one calendar entry per pass: each link holds at most one item; a link that
 * finishes its pass hands the item on if the next link's hands are free, and otherwise holds it
 * (blocked) until they are; the tail puts the item into storage and waits while storage is full.
 *
 * @example
 * ```ts
 * // chosen by Unloading when storage is finite, or on request:
 * new Unloading(sim, resolveUnloading(sim, {}), { chain: 'events' });
 * ```
 * @internal
 */
export class EventChain extends ChainHandler {
  /** 0: empty hands; 1: passing; 2: holding, waiting for the next link (link 0: see `headFree`). */
  private readonly hands: Uint8Array;
  /** Number of the next item each link will receive (items pass in order). */
  private readonly received: Float64Array;
  private readonly rows: PassRows;
  private readonly last: number;
  private readonly finishFn: (j: number) => void;

  constructor(op: Unloading, spec: ChainSpec, rng: Rng) {
    super(op, spec, rng);
    this.hands = new Uint8Array(spec.links);
    this.received = new Float64Array(spec.links);
    this.rows = new PassRows(spec.links);
    this.last = spec.links - 1;
    this.finishFn = (j: number) => this.finish(j);
  }

  protected entered(): void {
    const at = this.rows.add();
    this.drawPasses(this.rows.array, at);
    this.start(0);
  }

  /** Link `j`'s hands just became free: refill them. */
  private pull(j: number): void {
    if (j === 0) {
      this.pullHead();
      return;
    }
    if (this.hands[j - 1] === 2) {
      this.hands[j - 1] = 0;
      this.start(j);
      this.pull(j - 1);
    }
  }

  /** Link `j` receives its next item and starts passing it. */
  private start(j: number): void {
    this.hands[j] = 1;
    const item = this.received[j]!++;
    const pass = this.rows.pass(item, j);
    if (j === this.last) this.rows.dropBefore(item + 1);
    this.op.sim.schedule(pass, this.finishFn, j);
  }

  private finish(j: number): void {
    if (j === this.last) {
      const put = this.op.storage.put(1);
      if (put.status === 'done') this.deposited();
      else {
        this.hands[j] = 2;
        this.storageBlocked = true;
        this.op.update(this);
        put.onProcessed(() => {
          this.storageBlocked = false;
          this.deposited();
          this.op.update(this);
        });
      }
      return;
    }
    if (this.hands[j + 1] === 0) {
      this.hands[j] = 0;
      this.start(j + 1);
      this.pull(j);
    } else this.hands[j] = 2;
  }

  private deposited(): void {
    this.hands[this.last] = 0;
    this.op._stored(this, 1);
    this.pull(this.last);
  }
}

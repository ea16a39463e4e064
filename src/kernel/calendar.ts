/**
 * The event calendar: a priority queue of things to do, ordered by `(time, priority, insertion order)`.
 *
 * An entry is a `(payload, argument)` pair. The calendar does not interpret payloads: the
 * {@link Environment} decides what a payload means when it is popped.
 *
 * Entries live in **slots**: a pushed entry's payload and argument are written once into the slot
 * arrays, and everything that orders entries holds only numbers (slot, time, key). Two structures
 * share the ordering:
 *
 * - a binary min-heap stored as parallel typed arrays (times, keys, slots), for entries due later;
 * - one FIFO ring buffer of slots per priority for entries due *now* (delay 0). In a process-oriented
 *   model most events are due immediately (grants, successes, process starts), and a ring buffer
 *   serves them in O(1) instead of O(log n).
 *
 * Why slots: the calendar's arrays live long and end up in V8's old generation, while most payloads
 * and arguments are young objects (a process, a request). Every store of a young object into an old
 * array calls the garbage collector's write barrier (`RecordWrite`, tens of instructions), and a heap
 * that kept its payloads in its own arrays paid it at every level of every sift. Sifting numbers needs
 * no barrier.
 *
 * Every entry carries a key `priority · 2^44 + sequence number`, and the next entry is whichever of the
 * heap's top and the ring buffers' heads has the least `(time, key)`, so the split changes the speed,
 * never the order.
 *
 * @internal
 * @module
 */

import { Priority } from './priority.js';

const PRIORITY_SHIFT = 2 ** 44;
/** The least key of an entry of priority NORMAL, and of LATE: places (see `reserve`) are NORMAL. */
const NORMAL_KEYS = Priority.NORMAL * PRIORITY_SHIFT;
const LATE_KEYS = (Priority.NORMAL + 1) * PRIORITY_SHIFT;

/** A typed array twice as large (at least `min`), with the old contents. */
function grow<A extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(a: A, min: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** FIFO ring buffer of the slots of entries due at the current time, for one priority level. */
class NowQueue {
  /** Capacity is a power of two, so positions wrap with a mask. */
  slots = new Int32Array(16);
  head = 0;
  size = 0;

  push(slot: number): void {
    let cap = this.slots.length;
    if (this.size === cap) {
      // Unroll into a buffer twice as large, oldest entry first.
      const slots = new Int32Array(cap * 2);
      for (let i = 0; i < this.size; i++) slots[i] = this.slots[(this.head + i) & (cap - 1)]!;
      this.slots = slots;
      this.head = 0;
      cap *= 2;
    }
    this.slots[(this.head + this.size) & (cap - 1)] = slot;
    this.size++;
  }

  /** The slot at position `i` from the head. */
  at(i: number): number {
    return this.slots[(this.head + i) & (this.slots.length - 1)]!;
  }
}

/** A count that, in practice, never runs out (and stays a small integer for V8). */
const NEVER = 2 ** 30;

/** Why {@link Calendar.pop} returned false with entries left: too many entries at one instant. */
export const ALARM_INSTANT = 1;
/** Why {@link Calendar.pop} returned false with entries left: time for a stall check. */
export const ALARM_CHECK = 2;

/** @internal */
export class Calendar {
  // The environment's two watchdogs count here, in `pop`, on the paths entries take anyway: entries
  // due now (ring buffers) count towards the zero-delay limit, entries from the heap (the clock may
  // move) towards the next stall check. Each costs one decrement and a test for zero; everything else
  // happens only when a count runs out. `pop` then returns false with `alarm` set, so the run loop
  // stays as it is and looks at `alarm` only once it has ended.
  /** Ring-buffer pops left before the zero-delay count runs out. */
  private instantBudget = NEVER;
  /** The zero-delay limit (0: none). */
  private instantLimit = 0;
  /** The clock when the zero-delay count last restarted. */
  private instantTime = 0;
  /** Heap pops left before the next stall check. */
  private checkCountdown = NEVER;
  /** Heap pops between stall checks (0: no checks). */
  private checkEvery = 0;
  /** Why the last `pop` returned false with entries left ({@link ALARM_INSTANT}, {@link ALARM_CHECK}), else 0. */
  alarm = 0;

  /** Sequence number of the next entry (insertion order, for FIFO ties). */
  private seq = 0;
  /** Every place numbered below it has been passed (see {@link Calendar.passed}). */
  private passedBelow = 0;
  /** Each slot's entry: due time, key, payload and argument (payload and argument undefined when free). */
  private slotTimes = new Float64Array(64);
  private slotKeys = new Float64Array(64);
  private readonly slotPayloads: unknown[] = [];
  private readonly slotArgs: unknown[] = [];
  /** Stack of free slots below `slotCount`. */
  private freeSlots = new Int32Array(64);
  private freeCount = 0;
  private slotCount = 0;
  /** Slot of the entry popped last, recycled at the next pop (-1: none). */
  private poppedSlot = -1;
  /**
   * The heap of entries due later, as slot numbers ordered by their slots' `(time, key)`: a sift moves
   * one integer per level.
   */
  private heap = new Int32Array(64);
  private heapSize = 0;
  private readonly now: NowQueue[] = [];
  private nowCount = 0;
  /** Priority levels that currently have a ring buffer, ascending. */
  private readonly nowLevels: number[] = [];
  /** The ring buffer `nowHeadFirst` found (valid right after it returned true). */
  private nowHead: NowQueue | null = null;

  /** Time of the entry popped last (the environment's clock reads it). */
  time = 0;
  /** Sequence number of the entry popped last. */
  poppedSeq = -1;

  /** Payload of the entry popped last (valid until the next pop). */
  get payload(): unknown {
    return this.poppedSlot < 0 ? undefined : this.slotPayloads[this.poppedSlot];
  }

  /** Argument of the entry popped last (valid until the next pop). */
  get arg(): unknown {
    return this.poppedSlot < 0 ? undefined : this.slotArgs[this.poppedSlot];
  }

  /** Number of entries waiting. */
  get size(): number {
    return this.heapSize + this.nowCount;
  }

  /** Slots allocated so far, free ones included (for tests: popped entries' slots are reused). */
  get slotsAllocated(): number {
    return this.slotCount;
  }

  /** The sequence number the next pushed entry will get. */
  get nextSeq(): number {
    return this.seq;
  }

  /**
   * Raise {@link ALARM_INSTANT} once `limit` ring-buffer pops (entries due at the current instant)
   * have run since the count restarted with the clock unmoved; 0 for never. The count restarts now and
   * whenever it runs out after the clock has moved, so a loop at one instant is caught after between
   * `limit` and `2 · limit` entries, and nothing else ever is.
   */
  limitInstant(limit: number, current: number): void {
    this.instantLimit = limit;
    this.instantBudget = limit === 0 ? NEVER : limit;
    this.instantTime = current;
  }

  /** Raise {@link ALARM_CHECK} after every `every` heap pops; 0 for never. Also restarts the count. */
  checkAfter(every: number): void {
    this.checkEvery = every;
    this.checkCountdown = every === 0 ? NEVER : every;
  }

  /** Restart the stall-check count after an {@link ALARM_CHECK}: the set period, or `atLeast` if longer. */
  rearmCheck(atLeast: number): void {
    this.checkCountdown = Math.max(this.checkEvery, atLeast);
  }

  /** The zero-delay count ran out: raise the alarm (true) if the clock has not moved since it started. */
  private instantSpent(current: number): boolean {
    if (this.instantLimit !== 0 && current === this.instantTime) {
      this.alarm = ALARM_INSTANT;
      return true;
    }
    this.limitInstant(this.instantLimit, current);
    return false;
  }

  /** The stall-check count ran out: raise the alarm (true) unless checks are off. */
  private checkDue(): boolean {
    if (this.checkEvery === 0) {
      this.checkCountdown = NEVER;
      return false;
    }
    this.alarm = ALARM_CHECK;
    return true;
  }

  /** Time of the next entry, or `Infinity` when empty. `current` is the clock (for ring-buffer entries). */
  peekTime(current: number): number {
    if (this.nowCount > 0) return current;
    if (this.heapSize === 0) return Number.POSITIVE_INFINITY;
    const top = this.heap[0]!;
    return this.slotTimes[top]!;
  }

  /**
   * A place at the current time and priority NORMAL for an entry that may never be pushed: it takes
   * the next sequence number, so it falls where an entry pushed now would. Returns the number, for
   * {@link Calendar.passed} and {@link Calendar.pushPlace}.
   */
  reserve(): number {
    return this.seq++;
  }

  /**
   * Whether the calendar has gone past the place `seq`: an entry that would come after it was popped
   * since it was reserved (a later NORMAL one or any LATE one at that instant), the clock moved, or
   * the calendar ran empty.
   */
  passed(seq: number): boolean {
    return seq < this.passedBelow;
  }

  /**
   * Push an entry with payload `payload` into the place `seq`, reserved at this instant and not yet
   * passed. It goes on the heap, not a ring buffer (whose order is that of pushes): the heap orders it
   * by its key against the rest. The slot is taken as in `push`, written out there because `push` is
   * the hottest path of all and a shared helper slowed it (bench/README.md, "Calendar").
   */
  pushPlace(current: number, seq: number, payload: unknown): void {
    const key = NORMAL_KEYS + seq;
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      slot = this.slotCount++;
      if (slot === this.slotTimes.length) {
        this.slotTimes = grow(this.slotTimes, slot + 1);
        this.slotKeys = grow(this.slotKeys, slot + 1);
      }
      this.slotPayloads.push(undefined);
      this.slotArgs.push(undefined);
    }
    this.slotPayloads[slot] = payload;
    this.slotTimes[slot] = current;
    this.slotKeys[slot] = key;
    this.heapInsert(slot, current, key);
  }

  /** The clock moves to `time` without a pop (a run to a set time ended): every place so far is passed. */
  moveClock(time: number): void {
    this.time = time;
    this.passedBelow = this.seq;
  }

  /**
   * Add an entry. `due === current` entries go to the ring buffer of their priority.
   * Returns the entry's sequence number (a handle for cancellation).
   */
  push(due: number, priority: number, payload: unknown, arg: unknown, current: number): number {
    const seq = this.seq++;
    const key = priority * PRIORITY_SHIFT + seq;
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
      this.slotPayloads[slot] = payload;
      this.slotArgs[slot] = arg;
    } else {
      slot = this.slotCount++;
      if (slot === this.slotTimes.length) {
        this.slotTimes = grow(this.slotTimes, slot + 1);
        this.slotKeys = grow(this.slotKeys, slot + 1);
      }
      this.slotPayloads.push(payload);
      this.slotArgs.push(arg);
    }
    this.slotTimes[slot] = due;
    this.slotKeys[slot] = key;
    if (due === current) {
      let q = this.now[priority];
      if (q === undefined) {
        q = this.now[priority] = new NowQueue();
        this.nowLevels.push(priority);
        this.nowLevels.sort((a, b) => a - b);
      }
      q.push(slot);
      this.nowCount++;
      return seq;
    }
    this.heapInsert(slot, due, key);
    return seq;
  }

  /** Put `slot` (due at `due`, with `key`) on the heap. */
  private heapInsert(slot: number, due: number, key: number): void {
    let i = this.heapSize++;
    if (i === this.heap.length) this.heap = grow(this.heap, i + 1);
    const heap = this.heap;
    const times = this.slotTimes;
    // Sift up: move parents down until the new entry's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = heap[parent]!;
      const pt = times[ps]!;
      if (pt < due || (pt === due && this.slotKeys[ps]! < key)) break;
      heap[i] = ps;
      i = parent;
    }
    heap[i] = slot;
  }

  /**
   * Remove the next entry: its time, sequence number, payload and argument can then be read from
   * `time`, `poppedSeq`, `payload` and `arg` (until the next pop). Returns false when empty.
   * `current` is the clock: ring-buffer entries are due at that time.
   */
  pop(current: number): boolean {
    // The previous entry's slot is recycled only now, so that its payload and argument stay
    // readable while it is dispatched (a dispatch pushes new entries).
    const done = this.poppedSlot;
    if (done >= 0) {
      this.slotPayloads[done] = undefined;
      this.slotArgs[done] = undefined;
      if (this.freeCount === this.freeSlots.length) this.freeSlots = grow(this.freeSlots, this.freeCount + 1);
      this.freeSlots[this.freeCount++] = done;
      this.poppedSlot = -1;
    }
    let slot: number;
    if (this.nowCount > 0 && this.nowHeadFirst(current)) {
      if (--this.instantBudget === 0 && this.instantSpent(current)) return false;
      const q = this.nowHead!;
      slot = q.slots[q.head]!;
      q.head = (q.head + 1) & (q.slots.length - 1);
      q.size--;
      this.nowCount--;
      this.time = current;
    } else if (this.heapSize > 0) {
      if (--this.checkCountdown === 0 && this.checkDue()) return false;
      slot = this.heap[0]!;
      this.removeHeapTop();
      const time = this.slotTimes[slot]!;
      if (time !== current) this.passedBelow = this.seq;
      this.time = time;
    } else {
      // Nothing left: every reserved place would have been reached.
      this.passedBelow = this.seq;
      return false;
    }
    this.poppedSlot = slot;
    // The sequence number is the key's low part. `%` on doubles is a library call (fmod); dividing by
    // a power of two, flooring and subtracting is exact for keys below 2^53 and several times cheaper.
    const key = this.slotKeys[slot]!;
    const seq = key - Math.floor(key / PRIORITY_SHIFT) * PRIORITY_SHIFT;
    this.poppedSeq = seq;
    if (key >= NORMAL_KEYS) {
      // This entry comes after every place numbered below it (after every place, if it is LATE).
      const passed = key >= LATE_KEYS ? this.seq : seq;
      if (passed > this.passedBelow) this.passedBelow = passed;
    }
    return true;
  }

  /**
   * Whether the next entry is the head of a ring buffer (the one of the least priority level with
   * entries): unless a heap entry falls due at the same time with a smaller key (scheduled earlier with
   * a delay that landed exactly on this time, or more urgent).
   */
  private nowHeadFirst(current: number): boolean {
    const levels = this.nowLevels;
    const first = levels[0]!;
    let q = this.now[first]!;
    for (let i = 1; q.size === 0 && i < levels.length; i++) {
      const level = levels[i]!;
      q = this.now[level]!;
    }
    this.nowHead = q;
    if (this.heapSize === 0) return true;
    const top = this.heap[0]!;
    const head = q.slots[q.head]!;
    return !(this.slotTimes[top] === current && this.slotKeys[top]! < this.slotKeys[head]!);
  }

  /**
   * Remove the heap's top. The hole at the root moves down along the lesser children to a leaf, then
   * the heap's last entry fills it, moving up as far as needed: the last entry is usually a late one,
   * so this compares one pair per level where a plain sift-down compares two.
   */
  private removeHeapTop(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const heap = this.heap;
    const times = this.slotTimes;
    const keys = this.slotKeys;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cs = heap[c]!;
      const r = c + 1;
      if (r < n) {
        const rs = heap[r]!;
        const rt = times[rs]!;
        const ct = times[cs]!;
        if (rt < ct || (rt === ct && keys[rs]! < keys[cs]!)) {
          c = r;
          cs = rs;
        }
      }
      heap[i] = cs;
      i = c;
    }
    // The same sift-up as in `heapInsert`, written out: it runs for every entry, and a shared method
    // cost more than it saved (bench/README.md, "Measurements behind choices in the code").
    const last = heap[n]!;
    const t = times[last]!;
    const k = keys[last]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = heap[parent]!;
      const pt = times[ps]!;
      if (pt < t || (pt === t && keys[ps]! < k)) break;
      heap[i] = ps;
      i = parent;
    }
    heap[i] = last;
  }

  /** Time at which the entry with sequence number `seq` falls due, or NaN if it is not waiting. O(n): for diagnostics only. */
  dueTime(seq: number, current: number): number {
    for (let i = 0; i < this.heapSize; i++) {
      const slot = this.heap[i]!;
      if (this.slotKeys[slot]! % PRIORITY_SHIFT === seq) return this.slotTimes[slot]!;
    }
    for (const level of this.nowLevels) {
      const q = this.now[level]!;
      for (let i = 0; i < q.size; i++) if (this.slotKeys[q.at(i)]! % PRIORITY_SHIFT === seq) return current;
    }
    return Number.NaN;
  }

  /** Visit every waiting entry (order unspecified). For diagnostics only. */
  forEach(visit: (time: number, payload: unknown, arg: unknown) => void, current: number): void {
    for (let i = 0; i < this.heapSize; i++) {
      const slot = this.heap[i]!;
      visit(this.slotTimes[slot]!, this.slotPayloads[slot], this.slotArgs[slot]);
    }
    for (const level of this.nowLevels) {
      const q = this.now[level]!;
      for (let i = 0; i < q.size; i++) {
        const slot = q.at(i);
        visit(current, this.slotPayloads[slot], this.slotArgs[slot]);
      }
    }
  }
}

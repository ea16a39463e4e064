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
 * no barrier: on an M/M/10 run of the process API the barrier's share of all instructions fell from
 * 10 % to 6.5 % and instructions per customer by 7 % (callgrind); the callback API gained ≈ 7 % speed.
 *
 * Every entry carries a key `priority · 2^44 + sequence number`, and the next entry is whichever of the
 * heap's top and the ring buffers' heads has the least `(time, key)`, so the split changes the speed,
 * never the order.
 *
 * @internal
 * @module
 */

const PRIORITY_SHIFT = 2 ** 44;

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
  seqs = new Float64Array(16);
  head = 0;
  size = 0;

  push(slot: number, seq: number): void {
    let cap = this.slots.length;
    if (this.size === cap) {
      // Unroll into a buffer twice as large, oldest entry first.
      const slots = new Int32Array(cap * 2);
      const seqs = new Float64Array(cap * 2);
      for (let i = 0; i < this.size; i++) {
        const j = (this.head + i) & (cap - 1);
        slots[i] = this.slots[j]!;
        seqs[i] = this.seqs[j]!;
      }
      this.slots = slots;
      this.seqs = seqs;
      this.head = 0;
      cap *= 2;
    }
    const tail = (this.head + this.size) & (cap - 1);
    this.slots[tail] = slot;
    this.seqs[tail] = seq;
    this.size++;
  }
}

/** @internal */
export class Calendar {
  /** Sequence number of the next entry (insertion order, for FIFO ties). */
  private seq = 0;
  /** Payload and argument of each slot (undefined when the slot is free). */
  private readonly slotPayloads: unknown[] = [];
  private readonly slotArgs: unknown[] = [];
  /** Stack of free slots below `slotCount`. */
  private freeSlots = new Int32Array(64);
  private freeCount = 0;
  private slotCount = 0;
  /** Slot of the entry popped last, recycled at the next pop (-1: none). */
  private poppedSlot = -1;
  /** The heap: due time, key and slot of each entry, as parallel arrays. */
  private times = new Float64Array(64);
  private keys = new Float64Array(64);
  private slots = new Int32Array(64);
  private heapSize = 0;
  private readonly now: NowQueue[] = [];
  private nowCount = 0;
  /** Priority levels that currently have a ring buffer, ascending. */
  private readonly nowLevels: number[] = [];

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

  /** Time of the next entry, or `Infinity` when empty. `current` is the clock (for ring-buffer entries). */
  peekTime(current: number): number {
    if (this.nowCount > 0) return current;
    return this.heapSize > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /**
   * Add an entry. `due === current` entries go to the ring buffer of their priority.
   * Returns the entry's sequence number (a handle for cancellation).
   */
  push(due: number, priority: number, payload: unknown, arg: unknown, current: number): number {
    const seq = this.seq++;
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
      this.slotPayloads[slot] = payload;
      this.slotArgs[slot] = arg;
    } else {
      slot = this.slotCount++;
      this.slotPayloads.push(payload);
      this.slotArgs.push(arg);
    }
    if (due === current) {
      let q = this.now[priority];
      if (q === undefined) {
        q = this.now[priority] = new NowQueue();
        this.nowLevels.push(priority);
        this.nowLevels.sort((a, b) => a - b);
      }
      q.push(slot, seq);
      this.nowCount++;
      return seq;
    }
    const key = priority * PRIORITY_SHIFT + seq;
    let i = this.heapSize++;
    if (i >= this.times.length) {
      this.times = grow(this.times, i + 1);
      this.keys = grow(this.keys, i + 1);
      this.slots = grow(this.slots, i + 1);
    }
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    // Sift up: move parents down until the new entry's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < due || (pt === due && keys[parent]! < key)) break;
      times[i] = pt;
      keys[i] = keys[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = due;
    keys[i] = key;
    slots[i] = slot;
    return seq;
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
    if (this.nowCount > 0) {
      // Least priority level with a waiting ring-buffer entry.
      let q: NowQueue | undefined;
      let level = 0;
      for (let i = 0; i < this.nowLevels.length; i++) {
        level = this.nowLevels[i]!;
        q = this.now[level]!;
        if (q.size > 0) break;
      }
      const qq = q!;
      // A heap entry due at the same time wins if its key is smaller (scheduled earlier with a delay
      // that landed exactly on this time, or a more urgent priority).
      if (
        !(
          this.heapSize > 0 &&
          this.times[0] === current &&
          this.keys[0]! < level * PRIORITY_SHIFT + qq.seqs[qq.head]!
        )
      ) {
        const h = qq.head;
        this.poppedSlot = qq.slots[h]!;
        this.poppedSeq = qq.seqs[h]!;
        qq.head = (h + 1) & (qq.slots.length - 1);
        qq.size--;
        this.nowCount--;
        this.time = current;
        return true;
      }
    }
    if (this.heapSize === 0) return false;
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    this.time = times[0]!;
    this.poppedSlot = slots[0]!;
    // The sequence number is the key's low part. `%` on doubles is a library call (fmod); dividing by
    // a power of two, flooring and subtracting is exact for keys below 2^53 and several times cheaper.
    const key = keys[0]!;
    this.poppedSeq = key - Math.floor(key / PRIORITY_SHIFT) * PRIORITY_SHIFT;
    const n = --this.heapSize;
    if (n > 0) {
      // Move the last entry to the root and sift it down.
      const t = times[n]!;
      const k = keys[n]!;
      const s = slots[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (times[r]! < times[c]! || (times[r] === times[c] && keys[r]! < keys[c]!))) c = r;
        const ct = times[c]!;
        if (t < ct || (t === ct && k < keys[c]!)) break;
        times[i] = ct;
        keys[i] = keys[c]!;
        slots[i] = slots[c]!;
        i = c;
      }
      times[i] = t;
      keys[i] = k;
      slots[i] = s;
    }
    return true;
  }

  /** Time at which the entry with sequence number `seq` falls due, or NaN if it is not waiting. O(n): for diagnostics only. */
  dueTime(seq: number, current: number): number {
    for (let i = 0; i < this.heapSize; i++) if (this.keys[i]! % PRIORITY_SHIFT === seq) return this.times[i]!;
    for (const level of this.nowLevels) {
      const q = this.now[level]!;
      for (let i = 0; i < q.size; i++)
        if (q.seqs[(q.head + i) & (q.slots.length - 1)] === seq) return current;
    }
    return Number.NaN;
  }

  /** Visit every waiting entry (order unspecified). For diagnostics only. */
  forEach(visit: (time: number, payload: unknown, arg: unknown) => void, current: number): void {
    for (let i = 0; i < this.heapSize; i++) {
      const slot = this.slots[i]!;
      visit(this.times[i]!, this.slotPayloads[slot], this.slotArgs[slot]);
    }
    for (const level of this.nowLevels) {
      const q = this.now[level]!;
      for (let i = 0; i < q.size; i++) {
        const slot = q.slots[(q.head + i) & (q.slots.length - 1)]!;
        visit(current, this.slotPayloads[slot], this.slotArgs[slot]);
      }
    }
  }
}

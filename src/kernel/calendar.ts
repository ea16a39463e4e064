/**
 * The event calendar: a priority queue of things to do, ordered by `(time, priority, insertion order)`.
 *
 * Two structures share the work:
 *
 * - a binary min-heap stored as parallel arrays (`Float64Array` for times and keys, plain arrays for
 *   the payloads), so scheduling allocates nothing once the arrays have grown;
 * - one FIFO ring buffer per priority for entries due *now* (delay 0). In a process-oriented model most
 *   events are due immediately (grants, successes, process starts), and a ring buffer serves them in
 *   O(1) instead of O(log n).
 *
 * Every entry carries a key `priority · 2^44 + sequence number`, and the next entry is whichever of the
 * heap's top and the ring buffers' heads has the least `(time, key)`, so the split changes the speed,
 * never the order.
 *
 * An entry is a `(payload, argument)` pair. The calendar does not interpret payloads: the
 * {@link Environment} decides what a payload means when it is popped.
 *
 * @internal
 * @module
 */

const PRIORITY_SHIFT = 2 ** 44;

/** Grow a typed array to at least `min` elements, doubling. */
function grow(a: Float64Array, min: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** FIFO ring buffer of entries due at the current time, for one priority level (capacity a power of two). */
class NowQueue {
  payloads: unknown[] = new Array(16);
  args: unknown[] = new Array(16);
  seqs = new Float64Array(16);
  head = 0;
  size = 0;

  push(payload: unknown, arg: unknown, seq: number): void {
    let cap = this.payloads.length;
    if (this.size === cap) {
      // Unroll into a buffer twice as large, oldest entry first.
      const payloads = new Array(cap * 2);
      const args = new Array(cap * 2);
      const seqs = new Float64Array(cap * 2);
      for (let i = 0; i < this.size; i++) {
        const j = (this.head + i) & (cap - 1);
        payloads[i] = this.payloads[j];
        args[i] = this.args[j];
        seqs[i] = this.seqs[j]!;
      }
      this.payloads = payloads;
      this.args = args;
      this.seqs = seqs;
      this.head = 0;
      cap *= 2;
    }
    const tail = (this.head + this.size) & (cap - 1);
    this.payloads[tail] = payload;
    this.args[tail] = arg;
    this.seqs[tail] = seq;
    this.size++;
  }
}

/** @internal */
export class Calendar {
  /** Sequence number of the next entry (insertion order, for FIFO ties). */
  private seq = 0;
  private times = new Float64Array(64);
  private keys = new Float64Array(64);
  private payloads: unknown[] = [];
  private args: unknown[] = [];
  private heapSize = 0;
  private readonly now: NowQueue[] = [];
  private nowCount = 0;
  /** Priority levels that currently have a ring buffer, ascending. */
  private readonly nowLevels: number[] = [];

  /** Time of the entry popped last (the environment's clock reads it). */
  time = 0;
  /** Payload and argument of the entry popped last. */
  payload: unknown = undefined;
  arg: unknown = undefined;
  /** Sequence number of the entry popped last. */
  poppedSeq = -1;

  /** Number of entries waiting. */
  get size(): number {
    return this.heapSize + this.nowCount;
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
    if (due === current) {
      let q = this.now[priority];
      if (q === undefined) {
        q = this.now[priority] = new NowQueue();
        this.nowLevels.push(priority);
        this.nowLevels.sort((a, b) => a - b);
      }
      q.push(payload, arg, seq);
      this.nowCount++;
      return seq;
    }
    const key = priority * PRIORITY_SHIFT + seq;
    let i = this.heapSize++;
    if (i >= this.times.length) {
      this.times = grow(this.times, i + 1);
      this.keys = grow(this.keys, i + 1);
    }
    const times = this.times;
    const keys = this.keys;
    const payloads = this.payloads;
    const args = this.args;
    // Sift up: move parents down until the new entry's slot is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < due || (pt === due && keys[parent]! < key)) break;
      times[i] = pt;
      keys[i] = keys[parent]!;
      payloads[i] = payloads[parent];
      args[i] = args[parent];
      i = parent;
    }
    times[i] = due;
    keys[i] = key;
    payloads[i] = payload;
    args[i] = arg;
    return seq;
  }

  /**
   * Remove the next entry into `time`/`payload`/`arg`. Returns false when empty.
   * `current` is the clock: ring-buffer entries are due at that time.
   */
  pop(current: number): boolean {
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
        this.payload = qq.payloads[h];
        this.arg = qq.args[h];
        this.poppedSeq = qq.seqs[h]!;
        qq.payloads[h] = undefined;
        qq.args[h] = undefined;
        qq.head = (h + 1) & (qq.payloads.length - 1);
        qq.size--;
        this.nowCount--;
        this.time = current;
        return true;
      }
    }
    if (this.heapSize === 0) return false;
    const times = this.times;
    const keys = this.keys;
    const payloads = this.payloads;
    const args = this.args;
    this.time = times[0]!;
    this.payload = payloads[0];
    this.arg = args[0];
    // The sequence number is the key's low part. `%` on doubles is a library call (fmod); dividing by
    // a power of two, flooring and subtracting is exact for keys below 2^53 and several times cheaper.
    const key = keys[0]!;
    this.poppedSeq = key - Math.floor(key / PRIORITY_SHIFT) * PRIORITY_SHIFT;
    const n = --this.heapSize;
    if (n > 0) {
      // Move the last entry to the root and sift it down.
      const t = times[n]!;
      const k = keys[n]!;
      const p = payloads[n];
      const a = args[n];
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
        payloads[i] = payloads[c];
        args[i] = args[c];
        i = c;
      }
      times[i] = t;
      keys[i] = k;
      payloads[i] = p;
      args[i] = a;
    }
    payloads[n] = undefined;
    args[n] = undefined;
    return true;
  }

  /** Time at which the entry with sequence number `seq` falls due, or NaN if it is not waiting. O(n): for diagnostics only. */
  dueTime(seq: number, current: number): number {
    for (let i = 0; i < this.heapSize; i++) if (this.keys[i]! % PRIORITY_SHIFT === seq) return this.times[i]!;
    for (const level of this.nowLevels) {
      const q = this.now[level]!;
      for (let i = 0; i < q.size; i++)
        if (q.seqs[(q.head + i) & (q.payloads.length - 1)] === seq) return current;
    }
    return Number.NaN;
  }

  /** Visit every waiting entry (order unspecified). For diagnostics only. */
  forEach(visit: (time: number, payload: unknown, arg: unknown) => void, current: number): void {
    for (let i = 0; i < this.heapSize; i++) visit(this.times[i]!, this.payloads[i], this.args[i]);
    for (const level of this.nowLevels) {
      const q = this.now[level]!;
      for (let i = 0; i < q.size; i++) {
        const j = (q.head + i) & (q.payloads.length - 1);
        visit(current, q.payloads[j], q.args[j]);
      }
    }
  }
}

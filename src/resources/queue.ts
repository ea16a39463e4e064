/**
 * The waiting line of a resource: FIFO within a priority, smaller priority numbers first.
 *
 * Each priority level is a ring buffer of `(item, argument)` pairs, so a waiting entity costs two
 * array slots and no wrapper object; a resource whose requests all share one priority (the usual case)
 * touches a single ring. Entries that leave early (reneging, cancellation) are not searched for and
 * spliced out: the owner marks them dead, the queue skips them when they reach the front, and compacts a
 * ring when dead entries outnumber live ones, so leaving costs O(1) amortised.
 *
 * @internal
 * @module
 */

class Ring {
  items: unknown[] = new Array(8);
  args: unknown[] = new Array(8);
  head = 0;
  /** Slots in use, live or dead. */
  used = 0;

  push(item: unknown, arg: unknown): void {
    let cap = this.items.length;
    if (this.used === cap) {
      const items = new Array(cap * 2);
      const args = new Array(cap * 2);
      for (let i = 0; i < this.used; i++) {
        const j = (this.head + i) & (cap - 1);
        items[i] = this.items[j];
        args[i] = this.args[j];
      }
      this.items = items;
      this.args = args;
      this.head = 0;
      cap *= 2;
    }
    const tail = (this.head + this.used) & (cap - 1);
    this.items[tail] = item;
    this.args[tail] = arg;
    this.used++;
  }
}

/** @internal */
export class WaitQueue {
  /** Live entries waiting. */
  size = 0;
  /** Dead entries still occupying slots. */
  private dead = 0;
  private readonly levels: number[] = [];
  private readonly rings: Ring[] = [];
  /** Item and argument of the entry taken last by {@link WaitQueue.shift}. */
  item: unknown = undefined;
  arg: unknown = undefined;

  constructor(
    /** Tells whether an item is still waiting (false for reneged or cancelled requests). */
    private readonly isLive: (item: unknown) => boolean,
  ) {}

  push(item: unknown, arg: unknown, priority: number): void {
    let k = this.levels.length === 1 && this.levels[0] === priority ? 0 : this.levels.indexOf(priority);
    if (k < 0) {
      k = 0;
      while (k < this.levels.length && this.levels[k]! < priority) k++;
      this.levels.splice(k, 0, priority);
      this.rings.splice(k, 0, new Ring());
    }
    this.rings[k]!.push(item, arg);
    this.size++;
  }

  /** Take the first live entry into `item`/`arg`; false if none. */
  shift(): boolean {
    if (this.size === 0) return false;
    for (let k = 0; k < this.rings.length; k++) {
      const r = this.rings[k]!;
      while (r.used > 0) {
        const h = r.head;
        const item = r.items[h];
        const arg = r.args[h];
        r.items[h] = undefined;
        r.args[h] = undefined;
        r.head = (h + 1) & (r.items.length - 1);
        r.used--;
        if (typeof item === 'function' || this.isLive(item)) {
          this.size--;
          this.item = item;
          this.arg = arg;
          return true;
        }
        this.dead--;
      }
    }
    return false;
  }

  /** The first live entry without removing it (undefined if none). */
  peek(): unknown {
    for (const r of this.rings) {
      for (let i = 0; i < r.used; i++) {
        const item = r.items[(r.head + i) & (r.items.length - 1)];
        if (typeof item === 'function' || this.isLive(item)) return item;
      }
    }
    return undefined;
  }

  /** Priority level of the first live entry (undefined if none). */
  peekPriority(): number | undefined {
    for (let k = 0; k < this.rings.length; k++) {
      const r = this.rings[k]!;
      for (let i = 0; i < r.used; i++) {
        const item = r.items[(r.head + i) & (r.items.length - 1)];
        if (typeof item === 'function' || this.isLive(item)) return this.levels[k];
      }
    }
    return undefined;
  }

  /** An entry was marked dead by its owner: count it, and compact when the dead dominate. */
  markedDead(): void {
    this.size--;
    this.dead++;
    if (this.dead > 64 && this.dead > this.size) this.compact();
  }

  /** Live items in service order (for diagnostics and tests; O(n)). */
  toArray(): unknown[] {
    const out: unknown[] = [];
    for (const r of this.rings)
      for (let i = 0; i < r.used; i++) {
        const item = r.items[(r.head + i) & (r.items.length - 1)];
        if (typeof item === 'function' || this.isLive(item)) out.push(item);
      }
    return out;
  }

  /** Position (0 = next) of a live item, or -1. O(n), for error messages. */
  indexOf(item: unknown): number {
    return this.toArray().indexOf(item);
  }

  private compact(): void {
    for (const r of this.rings) {
      const cap = r.items.length;
      const items: unknown[] = [];
      const args: unknown[] = [];
      for (let i = 0; i < r.used; i++) {
        const j = (r.head + i) & (cap - 1);
        const item = r.items[j];
        if (typeof item === 'function' || this.isLive(item)) {
          items.push(item);
          args.push(r.args[j]);
        }
      }
      let newCap = 8;
      while (newCap < items.length) newCap *= 2;
      r.items = new Array(newCap);
      r.args = new Array(newCap);
      for (let i = 0; i < items.length; i++) {
        r.items[i] = items[i];
        r.args[i] = args[i];
      }
      r.head = 0;
      r.used = items.length;
    }
    this.dead = 0;
  }
}

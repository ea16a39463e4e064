/**
 * Seat assignment: which person serves which grant. People accepting work and idle wait in a list,
 * longest idle first; a grant takes the head of the list, and an entity handed over on a leaving
 * person's stop goes to the longest idle colleague who is not stopping at that very instant.
 *
 * @module
 */
import { StaffRequest } from './grants.js';
import type { Holder, StaffMember } from './member.js';

/** @internal The idle people accepting work, longest idle first. */
export class FreePeople {
  private readonly list: StaffMember[] = [];

  /** How many are idle. */
  get size(): number {
    return this.list.length;
  }

  /** `p` became idle at `now`. */
  push(p: StaffMember, now: number): void {
    p._queuedSince = now;
    this.list.push(p);
  }

  /** The longest idle person, or null. */
  pop(): StaffMember | null {
    return this.list.shift() ?? null;
  }

  /**
   * The longest idle person who is not about to stop at `now` (a colleague whose shift or work limit
   * ends now cannot take over), or null.
   */
  popStaying(now: number): StaffMember | null {
    const i = this.list.findIndex((q) => q._due > now);
    return i < 0 ? null : this.list.splice(i, 1)[0]!;
  }

  /** `p` stopped accepting work while idle. */
  remove(p: StaffMember): void {
    const i = this.list.indexOf(p);
    if (i >= 0) this.list.splice(i, 1);
  }
}

/** @internal `p` starts serving `h` at `now`. */
export function hold(p: StaffMember, h: Holder, now: number): void {
  p._current = h;
  p._busySince = now;
  h.person = p;
  if (h instanceof StaffRequest) h.people.push(p.name);
}

/**
 * One seize/free pair over a plain {@link Resource} or a {@link StaffedResource}, per entity index.
 *
 * A staffed resource gives each grant a seat (the person serving); the station keeps the seat of
 * each entity in an array indexed by entity, so that `free(i)` gives back the right person. A plain
 * resource needs nothing per entity.
 *
 * The two kinds are classes with their methods on the prototype, not object literals of closures: a
 * compiled step's call `st.seize(…)` then sees at most two maps and a method V8 can inline, with the
 * resource's own `seize`/`free`, instead of a call into a closure per resource.
 *
 * @internal
 * @module
 */
import type { Resource } from '../resources/resource.js';
import { StaffedResource, type StaffSeat } from '../resources/schedule/staffed-resource.js';

/** @internal */
export interface Station {
  /** The resource whose units are seized (a staffed resource's underlying resource). */
  readonly resource: Resource;
  /** Ask for one unit; `fn(i)` runs when entity `i` gets it (at once when one is free). */
  seize(fn: (i: number) => void, i: number): void;
  /** Give back the unit entity `i` holds. */
  free(i: number): void;
}

/** A plain resource: nothing to keep per entity. */
class PlainStation implements Station {
  constructor(readonly resource: Resource) {}
  seize(fn: (i: number) => void, i: number): void {
    this.resource.seize(fn, i);
  }
  free(_i: number): void {
    this.resource.free();
  }
}

/** A staffed resource: each entity's seat, so that its unit goes back to the person who served it. */
class StaffedStation implements Station {
  readonly resource: Resource;
  private readonly seats: (StaffSeat | undefined)[];

  constructor(
    private readonly staffed: StaffedResource,
    capacity: number,
  ) {
    this.resource = staffed.resource;
    this.seats = new Array(capacity);
  }

  seize(fn: (i: number) => void, i: number): void {
    const seats = this.seats;
    this.staffed.seize((j: number, seat: StaffSeat) => {
      seats[j] = seat;
      fn(j);
    }, i);
  }

  free(i: number): void {
    const seat = this.seats[i]!;
    this.seats[i] = undefined;
    this.staffed.free(seat);
  }
}

/** @internal a station over `r`, for entities 0 … capacity − 1 */
export function station(r: Resource | StaffedResource, capacity: number): Station {
  return r instanceof StaffedResource ? new StaffedStation(r, capacity) : new PlainStation(r);
}

/**
 * One seize/free pair over a plain {@link Resource} or a {@link StaffedResource}, per entity index.
 *
 * A staffed resource gives each grant a seat (the person serving); the station keeps the seat of
 * each entity in an array indexed by entity, so that `free(i)` gives back the right person. A plain
 * resource needs nothing per entity.
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

/** @internal a station over `r`, for entities 0 … capacity − 1 */
export function station(r: Resource | StaffedResource, capacity: number): Station {
  if (!(r instanceof StaffedResource)) {
    return { resource: r, seize: (fn, i) => r.seize(fn, i), free: () => r.free() };
  }
  const seats: (StaffSeat | undefined)[] = new Array(capacity);
  return {
    resource: r.resource,
    seize: (fn, i) =>
      r.seize((j: number, seat: StaffSeat) => {
        seats[j] = seat;
        fn(j);
      }, i),
    free: (i) => {
      const seat = seats[i]!;
      seats[i] = undefined;
      r.free(seat);
    },
  };
}

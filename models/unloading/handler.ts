/**
 * The state every unloading handler keeps — a chain (either engine, `chain.ts`) or a vehicle
 * (`model.ts`) — in one base class, so the two kinds cannot drift apart in what the operation reads.
 *
 * @module
 */
import type { HandlerBase, HandlerState, LimitCategory, Truck } from './model.js';
import type { ResolvedHandler } from './params.js';

/**
 * A handler's bookkeeping: its truck, its flags, the items it holds and has stored, and its time in
 * each limit category. Subclasses add how they work (`kick`).
 * @internal
 */
export abstract class HandlerFields implements HandlerBase {
  abstract readonly spec: ResolvedHandler;
  /** The docked truck it works, or null. */
  truck: Truck | null = null;
  /** Moving to another truck (the switch time). */
  switching = false;
  /** On its relief pause. */
  paused = false;
  /** Cannot put into storage: it is full. */
  storageBlocked = false;
  /** Items taken off a truck and not yet stored. */
  inTransit = 0;
  /** Items it has stored. */
  moved = 0;
  /** Its current limit category (see `Unloading.update`). */
  state: HandlerState = 'arrivals';
  /** When it entered `state`. */
  since = 0;
  /** Seconds in each category so far. */
  readonly hours: Record<LimitCategory, number> = {
    handling: 0,
    changeover: 0,
    bays: 0,
    arrivals: 0,
    storage: 0,
    relief: 0,
  };

  /** Try to start work (take items) now. */
  abstract kick(): void;
}

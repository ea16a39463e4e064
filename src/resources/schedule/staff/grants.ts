/**
 * What a staffed resource grants: a {@link StaffRequest} for processes, a {@link StaffSeat} for
 * callbacks. Both name the person serving, who may change on a handover.
 *
 * @module
 */
import { PENDING, SimEvent, type Waiter } from '../../../kernel/event.js';
import type { Request, RequestStatus } from '../../request.js';
import type { StaffedResource } from '../staffed-resource.js';
import type { Holder, StaffMember } from './member.js';

/**
 * A process-style request for a {@link StaffedResource}: an event that succeeds (with itself) when a
 * person is assigned, or when the request ends without one (reneged, balked). `person` says who
 * serves; it changes if the entity is handed over.
 *
 * @example
 * ```ts
 * const grant = yield* swab.request({ priority: 1 });
 * if (grant.granted) {
 *   log.push([env.now, grant.person!.name]);
 *   yield* env.timeout(40);
 *   swab.release(grant);
 * }
 * ```
 */
export class StaffRequest extends SimEvent<StaffRequest> implements Waiter {
  /** The person serving now (null while queued, and after the request ended). */
  person: StaffMember | null = null;
  /** Everyone who served this request, in order (more than one after a handover). */
  readonly people: string[] = [];

  /** @internal use {@link StaffedResource.request} */
  constructor(
    /** The staffed resource. */
    readonly staffed: StaffedResource,
    /** The inner resource's request (its `Preempted` interrupts name this request). */
    readonly request: Request,
  ) {
    super(staffed.env);
  }

  /** The inner request's status. */
  get status(): RequestStatus {
    return this.request.status;
  }

  /** True while a person serves this request. */
  get granted(): boolean {
    return this.request.status === 'granted';
  }

  /** Label of the entity (the `entity` option or the requesting process's name). */
  get entity(): string {
    return this.request.entity;
  }

  /** @internal the inner request was processed: pass on ungranted outcomes (reneged, balked) */
  _wake(): void {
    const status = this.request.status;
    if (status === 'reneged' || status === 'balked' || status === 'cancelled') {
      this.staffed._forget(this.request);
      if (this._state === PENDING) this.succeed(this);
    }
  }

  /** @internal nobody waits any more (the process was interrupted): withdraw the inner request */
  override _abandon(): void {
    if (this.request.status === 'queued') {
      this.request.cancel();
      this.staffed._forget(this.request);
    }
  }

  /** Release if granted, withdraw if queued. Lets `using grant = swab.request()` work. */
  [Symbol.dispose](): void {
    if (this.granted) this.staffed.release(this);
    else this._abandon();
  }

  override describe(): string {
    return `staff ${this.request.describe()}${this.person ? ` with ${this.person.name}` : ''}`;
  }
}

/**
 * A callback-style grant of a {@link StaffedResource} (see {@link StaffedResource.seize}): names the
 * person serving, and is handed back with {@link StaffedResource.free}.
 *
 * @example
 * ```ts
 * swab.seize((id, seat) => env.schedule(40, () => swab.free(seat)), 17);
 * ```
 */
export class StaffSeat {
  /** The person serving now (changes on a handover; null after the seat is freed). */
  person: StaffMember | null = null;
  /** Time the seat was granted. */
  grantedAt = Number.NaN;
  /** @internal */ _freed = false;

  /** @internal use {@link StaffedResource.seize} */
  constructor(
    /** The staffed resource. */
    readonly staffed: StaffedResource,
    /** @internal */ readonly _fn: (arg: any, seat: StaffSeat) => void,
    /** @internal */ readonly _arg: unknown,
  ) {}
}

/** @internal Label of what a person holds, for the trace. */
export function entityOf(h: Holder): string {
  return h instanceof StaffRequest ? h.entity : 'seat';
}

/**
 * A request for one unit (or `amount` units) of a {@link Resource}: an event that succeeds (with the
 * request itself) when the units are granted, or when the request ends without a grant (reneged, balked). Read `status` to tell
 * which; {@link Request.granted} is the short form.
 *
 * ```ts
 * const req = yield* desk.request({ patience: 600 });
 * if (!req.granted) return;   // reneged after 10 minutes, or balked at a full queue
 * yield* env.timeout(40);
 * desk.release(req);
 * ```
 *
 * Requests are disposable, so `using req = desk.request()` releases (or withdraws) the request when the
 * block is left, also when an interrupt is thrown.
 *
 * @module
 */
import { SimEvent, type Waiter } from '../kernel/event.js';
import type { Process } from '../kernel/process.js';
import type { Resource } from './resource.js';

/**
 * Where a request is in its life:
 * - `queued`: waiting for a unit;
 * - `granted`: holds a unit;
 * - `released`: held a unit and gave it back;
 * - `reneged`: left the queue when its patience ran out;
 * - `balked`: refused to join because the queue was at its limit;
 * - `cancelled`: withdrawn (explicitly, or because the waiting process was interrupted);
 * - `preempted`: lost its unit to a more urgent request, or to a capacity drop with the `preempt` policy.
 */
export type RequestStatus =
  | 'queued'
  | 'granted'
  | 'released'
  | 'reneged'
  | 'balked'
  | 'cancelled'
  | 'preempted';

/** Options for {@link Resource.request}. */
export interface RequestOptions {
  /** Smaller numbers are served first; FIFO among equal priorities. Default 0. */
  readonly priority?: number;
  /**
   * If no unit is free, take one from the user with the largest priority number greater than ours, once
   * no request at least as urgent waits in front of this one.
   */
  readonly preempt?: boolean;
  /** Leave the queue (status `reneged`) after waiting this long. Default: wait for ever. */
  readonly patience?: number;
  /** Label for errors and traces; defaults to the requesting process's name. */
  readonly entity?: string;
  /** Units asked for, granted together (an integer ≥ 1). Default 1. */
  readonly amount?: number;
}

/**
 * One request for one or more units of a resource. Created by {@link Resource.request}.
 *
 * @example
 * ```ts
 * const req = yield* swabbers.request({ priority: 1 });
 * yield* env.timeout(30);
 * swabbers.release(req);
 * ```
 */
export class Request extends SimEvent<Request> implements Waiter {
  /** Current status (see {@link RequestStatus}). */
  status: RequestStatus = 'queued';
  /** Time the request was made. */
  readonly requestedAt: number;
  /** The process that made the request (null when made from a callback). */
  readonly owner: Process<any> | null;
  /**
   * @internal grant time, undefined until granted. Not NaN: V8 gives a field that only ever holds
   * numbers a box of its own in every object (16 bytes, one more object to copy), even for NaN;
   * `undefined` is shared. {@link Request.grantedAt} reads it as NaN.
   */
  _grantedAt: number | undefined = undefined;
  /** @internal end time, undefined until the request ends (see `_grantedAt` for why not NaN) */
  _endedAt: number | undefined = undefined;
  /** @internal explicit label */
  private readonly _entity: string | undefined;
  /** @internal position in the resource's user list while granted */
  _slot = -1;
  /** @internal grant sequence number within the resource (orders grants made at the same instant) */
  _grantSeq = 0;
  /** @internal handle of the patience timer on the calendar */
  _patienceHandle = -1;

  /** @internal use {@link Resource.request} */
  constructor(
    /** The resource requested. */
    readonly resource: Resource,
    /** Priority (smaller is served first). */
    readonly priority: number,
    /** Whether this request may preempt a less urgent user. */
    readonly preempt: boolean,
    entity: string | undefined,
    /** Units asked for, granted and given back together. */
    readonly amount: number = 1,
  ) {
    super(resource.env);
    this.requestedAt = resource.env.now;
    this.owner = resource.env.activeProcess;
    this._entity = entity;
  }

  /** Time the unit was granted (NaN until then). */
  get grantedAt(): number {
    return this._grantedAt ?? Number.NaN;
  }

  /** Time the request stopped waiting or holding (NaN until then). */
  get endedAt(): number {
    return this._endedAt ?? Number.NaN;
  }

  /** Label for errors and traces: the `entity` option, else the requesting process's name. */
  get entity(): string {
    return this._entity ?? this.owner?.name ?? 'request';
  }

  /** True while the request holds a unit. */
  get granted(): boolean {
    return this.status === 'granted';
  }

  /** Time spent waiting in the queue (so far, if still queued). */
  get waited(): number {
    const end = this.status === 'queued' ? this.env.now : (this._grantedAt ?? this.endedAt);
    return end - this.requestedAt;
  }

  /** Withdraw a queued request (status `cancelled`). Does nothing if it is no longer queued. */
  cancel(): void {
    this.resource._withdraw(this, 'cancelled');
  }

  /** Release if granted, withdraw if queued; otherwise nothing. Lets `using req = res.request()` work. */
  [Symbol.dispose](): void {
    if (this.status === 'granted') this.resource.release(this);
    else if (this.status === 'queued') this.cancel();
  }

  override describe(): string {
    const where =
      this.status === 'queued'
        ? `, position ${this.resource._positionOf(this) + 1} of ${this.resource.queueLength}, since t=${this.requestedAt}`
        : '';
    return `request(${this.resource.name}) by ${this.entity} [${this.status}${where}]`;
  }

  /** @internal the owning process ended while this request was granted (see Resource) */
  _wake(owner: SimEvent<any>): void {
    this.resource._ownerEnded(this, owner.ok);
  }

  /** @internal nobody waits for this request any more (e.g. its process was interrupted): withdraw it */
  override _abandon(): void {
    if (this.status === 'queued') this.resource._withdraw(this, 'cancelled');
  }
}

/**
 * The cause carried by the {@link Interrupt} a process receives when it loses its unit.
 *
 * @example
 * ```ts
 * try { yield* env.timeout(service); } catch (e) {
 *   if (e instanceof Interrupt && e.cause instanceof Preempted) log.push(['bumped by', e.cause.by?.entity]);
 * }
 * ```
 */
export class Preempted {
  constructor(
    /** The request that took the unit (null when the unit went because capacity dropped). */
    readonly by: Request | null,
    /** When the preempted request had been granted. */
    readonly usageSince: number,
    /** The resource. */
    readonly resource: Resource,
    /** The preempted request. */
    readonly request: Request,
  ) {}

  /** Human-readable summary, used in interrupt messages. */
  describe(): string {
    const who = this.by ? `by ${this.by.entity}` : 'by a capacity drop';
    return `preempted from ${this.resource.name} ${who} (held since t=${this.usageSince})`;
  }
}

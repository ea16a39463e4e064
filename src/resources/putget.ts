/**
 * The put/get pattern shared by {@link Store} and {@link Container}.
 *
 * A put/get resource holds *something* (discrete items, or a continuous level) and has two waiting
 * lines in front of it: one of puts (waiting for room) and one of gets (waiting for stock). Every put
 * or get is an event ({@link PutGetRequest}). Creating one tries to carry it out at once; if it cannot
 * proceed it joins its line, and each later change (a put adds stock, a get frees room, a request
 * leaves) walks the lines again in order and completes whatever can now proceed.
 *
 * The rules every subclass shares:
 *
 * - **At once or in line.** A request that can proceed when it is made completes on the spot, without
 *   a calendar entry: the process that made it goes on in the same step, as with a free unit of a
 *   {@link Resource}. A request completed later (by someone else's put or get) succeeds through the
 *   calendar at that instant.
 * - **Order.** Each subclass says whether a request that cannot proceed holds up the requests behind
 *   it in its line (strict FIFO) or lets them go ahead (first fit).
 * - **Room is freed when the getter has it.** A get completed from the line takes its stock at once (no
 *   one else can take it), but the room it frees is handed to waiting puts only when the get event is
 *   processed, i.e. when the getter actually receives what it got. If every waiter of that get leaves in
 *   between (an interrupt, or an `anyOf` decided by another event at the same instant), the stock goes
 *   back exactly where it was, the get ends `cancelled`, and nothing is lost or over-filled: the room
 *   was never handed on.
 * - **Leaving.** A waiting request whose last waiter leaves (the process is interrupted, an `anyOf`
 *   is decided by a timeout) withdraws from its line, as does one whose {@link PutGetRequest.cancel}
 *   is called. A withdrawn request is never satisfied. A put that was accepted stays accepted even if
 *   the putter stops waiting in the same instant: its stock is in the resource (check `status`).
 * - **Counters.** Completed puts and gets, withdrawn requests and the lengths of the lines are plain
 *   integers updated in place; an optional {@link PutGetObserver} is told of every change.
 *
 * @module
 */
import type { Environment } from '../kernel/environment.js';
import { formatValue, SimulationError } from '../kernel/errors.js';
import { type Listener, SimEvent, TRIGGERED } from '../kernel/event.js';
import type { Process } from '../kernel/process.js';

/**
 * Where a put or get is in its life:
 * - `waiting`: in its line;
 * - `done`: carried out (for a get: the stock is the getter's);
 * - `cancelled`: withdrawn, explicitly or because nobody waits for it any more; never satisfied.
 *
 * @example
 * ```ts
 * const g = kits.get();
 * g.status;   // 'waiting' (the store was empty)
 * g.cancel();
 * g.status;   // 'cancelled'
 * ```
 */
export type PutGetStatus = 'waiting' | 'done' | 'cancelled';

/**
 * Receives a store's or container's state after every change, for monitors (time-weighted level,
 * queue lengths). Called synchronously, so it must be cheap; when no observer is attached the cost
 * is one null check.
 *
 * @example
 * ```ts
 * let area = 0, last = 0, prev = 0;
 * tank.observer = { onChange(t, level) { area += prev * (t - last); last = t; prev = level; } };
 * ```
 */
export interface PutGetObserver {
  /** `level` is the number of items (store) or the amount (container) available now. */
  onChange(time: number, level: number, waitingGets: number, waitingPuts: number): void;
}

/**
 * Unnamed stores and containers made so far, per environment and kind, so default names do not
 * depend on what else ran in the same JavaScript realm.
 */
const unnamedCount = new WeakMap<Environment, Map<string, number>>();

/** @internal a default name `kind#N`, N counting the unnamed resources of that kind in `env` */
export function defaultName(env: Environment, kind: string): string {
  let counts = unnamedCount.get(env);
  if (counts === undefined) unnamedCount.set(env, (counts = new Map()));
  const n = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, n);
  return `${kind}#${n}`;
}

/**
 * A put or a get: an event that succeeds when it is carried out (a get with what it got).
 *
 * @typeParam V - the value the request succeeds with (the item or amount got; nothing for a put).
 * @example
 * ```ts
 * const g = store.get();
 * const r = yield* env.anyOf([g, env.timeout(600)]);
 * if (r.index === 1) log.push(['gave up', g.status]); // 'cancelled': left the line
 * ```
 */
export abstract class PutGetRequest<V> extends SimEvent<V> {
  // Fields are declared, then assigned in the constructor rather than initialised in the class body:
  // V8 (Node 20) defines class-body fields with a define-semantics store that turns slow (a runtime
  // call per field) once a class has more than four subclass shapes, and requests are made per entity.
  /** Current status (see {@link PutGetStatus}). */
  declare status: PutGetStatus;
  /** Time the request was made. */
  declare readonly requestedAt: number;
  /** Time it was carried out or withdrawn (NaN while waiting). */
  declare doneAt: number;
  /** The process that made the request (null when made from a callback). */
  declare readonly owner: Process<any> | null;
  /** The store or container. */
  declare readonly resource: PutGetResource<any, any>;
  /** @internal stock taken by a get completed from the line, held as reserved room until processed */
  declare _reserved: number;
  /** `'put'` or `'get'`. */
  abstract get kind(): 'put' | 'get';

  /** @internal made by {@link Store} and {@link Container} */
  constructor(resource: PutGetResource<any, any>) {
    super(resource.env);
    this.status = 'waiting';
    this.requestedAt = resource.env.now;
    this.doneAt = Number.NaN;
    this.owner = resource.env.activeProcess;
    this.resource = resource;
    this._reserved = 0;
  }

  /** Label for errors and traces: the requesting process's name. */
  get entity(): string {
    return this.owner?.name ?? 'callback';
  }

  /** Time spent waiting in line (so far, if still waiting). */
  get waited(): number {
    return (this.status === 'waiting' ? this.env.now : this.doneAt) - this.requestedAt;
  }

  /**
   * Withdraw the request from its line. Returns true if it was waiting (now `cancelled`), false if it
   * was already carried out or withdrawn (a completed request stays completed).
   */
  cancel(): boolean {
    if (this.status !== 'waiting') return false;
    this.resource._withdraw(this);
    return true;
  }

  /** Withdraw if still waiting, so `using g = store.get()` leaves the line when the block is left. */
  [Symbol.dispose](): void {
    this.cancel();
  }

  /** @internal nobody waits for this pending request any more: withdraw it */
  override _abandon(): void {
    if (this.status === 'waiting') this.resource._withdraw(this);
  }

  /**
   * @internal A waiter left. If a get was completed from the line but not yet processed, and the only
   * listener left is the resource's own room-release hook, nobody will ever receive the stock: undo it.
   */
  override _removeCallback(cb: Listener<V>): void {
    super._removeCallback(cb);
    if (
      this._state === TRIGGERED &&
      this._reserved > 0 &&
      this._cb === releaseRoom &&
      (this._cbs === null || this._cbs.length === 0)
    )
      this.resource._rollback(this);
  }
}

/**
 * @internal The common shape of request descriptions, e.g.
 * `get(30) from container fuel by car#3 [waiting since t=5, 1st of 2 gets; level 10 of 100]`.
 */
export function describeRequest(req: PutGetRequest<any>, what: string, stock: string): string {
  const r = req.resource;
  let state: string;
  if (req.status === 'waiting') {
    const line = req.kind === 'put' ? r.waitingPuts : r.waitingGets;
    state = `waiting since t=${req.requestedAt}, ${ordinal(r._positionOf(req) + 1)} of ${line} ${req.kind}s; ${stock}`;
  } else state = `${req.status} at t=${req.doneAt}`;
  return `${what} by ${req.entity} [${state}]`;
}

/**
 * @internal Listener added to a get completed from the line: when the getter has received its stock,
 * the room it freed goes to waiting puts. One shared function, so no closure per request.
 */
export function releaseRoom(ev: SimEvent<any>): void {
  const req = ev as PutGetRequest<any>;
  req.resource._release(req);
}

/**
 * Base of {@link Store} and {@link Container}: the two lines, the walk that serves them, withdrawal,
 * undo, counters and observer. Subclasses supply the stock and four hooks.
 *
 * @typeParam P - the put request type.
 * @typeParam G - the get request type.
 * @example
 * ```ts
 * // Both kinds share the counters, the lines and the observer:
 * for (const r of [kits, tank] as PutGetResource<any, any>[])
 *   console.log(r.name, r.level, r.waitingGets, r.waitingPuts, r.puts, r.gets);
 * ```
 */
export abstract class PutGetResource<P extends PutGetRequest<any>, G extends PutGetRequest<any>> {
  /** Name for reports and errors. */
  readonly name: string;
  /** Puts carried out. */
  puts = 0;
  /** Gets carried out (a get undone because nobody received it is not counted). */
  gets = 0;
  /** Puts withdrawn while waiting. */
  cancelledPuts = 0;
  /** Gets withdrawn while waiting, or undone because nobody received them. */
  cancelledGets = 0;
  /** Attach a monitor here (see {@link PutGetObserver}); null for none. */
  observer: PutGetObserver | null = null;
  /** @internal room freed by gets whose getters have not received their stock yet */
  protected reserved = 0;
  /** Gets holding reserved room; when none do, `reserved` is reset to an exact 0 (no rounding drift). */
  private reservations = 0;
  /** @internal */ protected readonly putLine = new Line<P>();
  /** @internal */ protected readonly getLine = new Line<G>();
  /** True while a user function (filter, key) runs inside a walk: the resource must not be re-entered. */
  private walking = false;

  constructor(
    /** The environment the resource lives in. */
    readonly env: Environment,
    name: string,
  ) {
    this.name = name;
  }

  /** Items (store) or amount (container) available now. */
  abstract get level(): number;

  /** Puts waiting for room now. */
  get waitingPuts(): number {
    return this.putLine.size;
  }

  /** Gets waiting for stock now. */
  get waitingGets(): number {
    return this.getLine.size;
  }

  /** The waiting puts, in line order. O(n): for tests and diagnostics. */
  get putQueue(): readonly P[] {
    return this.putLine.toArray();
  }

  /** The waiting gets, in line order. O(n): for tests and diagnostics. */
  get getQueue(): readonly G[] {
    return this.getLine.toArray();
  }

  /** A one-line description for logs and deadlock reports. */
  abstract describe(): string;

  /** Carry out `req` if it fits now; false leaves everything unchanged. */
  protected abstract tryPut(req: P): boolean;
  /** Carry out `req` if stock is there now (setting its value and `_reserved` size); false changes nothing. */
  protected abstract tryGet(req: G): boolean;
  /** Give back the stock of a get nobody received, exactly where it was. */
  protected abstract undoGet(req: G): void;
  /** Whether a put (get) that cannot proceed holds up those behind it in its line. */
  protected abstract readonly putsBlock: boolean;
  /** Whether a get that cannot proceed holds up those behind it in its line. */
  protected abstract readonly getsBlock: boolean;
  /** Check the state after a walk (cheap); return a description of what is wrong, or null. */
  protected abstract invariantViolation(): string | null;

  /** @internal a new put: at once if it may and can, else into the line */
  protected submitPut(req: P): P {
    if ((this.putLine.size === 0 || !this.putsBlock) && this.guarded(this.tryPut, req)) {
      this.completeNow(req);
      this.puts++;
      this.serveGets();
    } else this.putLine.push(req);
    this.after();
    return req;
  }

  /** @internal a new get: at once if it may and can, else into the line */
  protected submitGet(req: G): G {
    if ((this.getLine.size === 0 || !this.getsBlock) && this.guarded(this.tryGet, req)) {
      // Received on the spot, so the room is free at once (no reservation).
      req._reserved = 0;
      this.completeNow(req);
      this.gets++;
      this.servePuts();
    } else this.getLine.push(req);
    this.after();
    return req;
  }

  /** @internal withdraw a waiting request (cancel, or nobody waits for it) */
  _withdraw(req: PutGetRequest<any>): void {
    if (req.status !== 'waiting') return;
    const line: Line<PutGetRequest<any>> = req.kind === 'put' ? this.putLine : this.getLine;
    line.remove(req);
    req.status = 'cancelled';
    req.doneAt = this.env.now;
    if (req.kind === 'put') this.cancelledPuts++;
    else this.cancelledGets++;
    // A request that held up the line (a large amount, strict FIFO) may have been blocking others.
    this.servePuts();
    this.serveGets();
    this.after();
  }

  /** @internal a get completed from the line was received: hand its room to waiting puts */
  _release(req: PutGetRequest<any>): void {
    this.unreserve(req);
    req._reserved = 0;
    this.servePuts();
    this.after();
  }

  /** @internal a get completed from the line will never be received: undo it */
  _rollback(req: PutGetRequest<any>): void {
    req._cb = null;
    this.unreserve(req);
    this.undoGet(req as G);
    req._reserved = 0;
    req.status = 'cancelled';
    req.doneAt = this.env.now;
    // Whoever yields the event later learns it was undone, rather than receiving stock that is back
    // in the resource (which would duplicate it). Defused: the calendar must not stop the run on it.
    req._ok = false;
    req._value = new SimulationError(
      `${req.describe()} was undone: every waiter left before receiving it`,
      this.env.here(),
    );
    req.defused = true;
    this.gets--;
    this.cancelledGets++;
    this.serveGets();
    this.after();
  }

  /** Walk the put line in order, carrying out what fits; then serve gets if stock was added. */
  private servePuts(): void {
    const line = this.putLine;
    if (line.size === 0) return;
    const a = line.a;
    let any = false;
    for (let i = line.head; i < a.length; i++) {
      const req = a[i];
      if (req === null || req === undefined) continue;
      if (this.guarded(this.tryPut, req)) {
        line.take(i);
        this.complete(req, undefined);
        this.puts++;
        any = true;
      } else if (this.putsBlock) break;
    }
    line.trim();
    if (any) this.serveGets();
  }

  /** Walk the get line in order, carrying out what has stock; the room stays reserved until received. */
  private serveGets(): void {
    const line = this.getLine;
    if (line.size === 0) return;
    const a = line.a;
    for (let i = line.head; i < a.length; i++) {
      const req = a[i];
      if (req === null || req === undefined) continue;
      if (this.guarded(this.tryGet, req)) {
        line.take(i);
        this.reserved += req._reserved;
        this.reservations++;
        this.complete(req, req._value);
        req._addCallback(releaseRoom);
        this.gets++;
      } else if (this.getsBlock) break;
    }
    line.trim();
  }

  private unreserve(req: PutGetRequest<any>): void {
    this.reserved = --this.reservations === 0 ? 0 : this.reserved - req._reserved;
  }

  private completeNow(req: PutGetRequest<any>): void {
    req.status = 'done';
    req.doneAt = this.env.now;
    // Carried out before anyone could wait for it: complete without a calendar entry.
    req._markProcessed(req._value);
  }

  private complete(req: PutGetRequest<any>, value: unknown): void {
    req.status = 'done';
    req.doneAt = this.env.now;
    req.succeed(value);
  }

  /** Run a hook that may call user code (filters, keys) with re-entry blocked. */
  private guarded<R extends PutGetRequest<any>>(hook: (req: R) => boolean, req: R): boolean {
    if (this.walking)
      throw new SimulationError(
        `${this.describe()}: a filter or key function used the resource it belongs to`,
        this.env.here(),
      );
    this.walking = true;
    try {
      return hook.call(this, req);
    } finally {
      this.walking = false;
    }
  }

  /** After every change: check the invariant, tell the observer. */
  private after(): void {
    const bad = this.invariantViolation();
    if (bad !== null)
      throw new SimulationError(`${this.describe()}: queue invariant violated (${bad})`, this.env.here());
    if (this.observer !== null)
      this.observer.onChange(this.env.now, this.level, this.getLine.size, this.putLine.size);
  }

  /** @internal ordinal position of a waiting request in its line, for descriptions ("2nd of 3") */
  _positionOf(req: PutGetRequest<any>): number {
    return req.kind === 'put' ? this.putLine.indexOf(req as P) : this.getLine.indexOf(req as G);
  }

  /** @internal throw a run-time error about an argument, naming the resource, the value and the time */
  protected badArgument(what: string, expected: string, value: unknown): never {
    throw new SimulationError(
      `${what} ${this.describe()}: expected ${expected}, got ${formatValue(value)}`,
      this.env.here(),
    );
  }
}

/**
 * A waiting line in arrival order. Requests leave from anywhere (first fit, withdrawal) by being
 * replaced with a hole; holes at the front are skipped by moving `head`, and the array is compacted
 * when holes dominate, so leaving costs O(1) amortised after the search.
 *
 * @internal
 */
export class Line<R> {
  a: (R | null)[] = [];
  head = 0;
  size = 0;

  push(r: R): void {
    this.a.push(r);
    this.size++;
  }

  /** Take the request at array index `i` (leaves a hole; call {@link Line.trim} after a walk). */
  take(i: number): void {
    this.a[i] = null;
    this.size--;
  }

  remove(r: R): void {
    const i = this.a.indexOf(r, this.head);
    if (i < 0) return;
    this.take(i);
    this.trim();
  }

  /** Skip holes at the front; compact when holes outnumber waiting requests. */
  trim(): void {
    const a = this.a;
    while (this.head < a.length && a[this.head] === null) this.head++;
    if (this.size === 0) {
      a.length = 0;
      this.head = 0;
    } else if (a.length > 32 && a.length - this.size > this.size) {
      let j = 0;
      for (let i = this.head; i < a.length; i++) if (a[i] !== null) a[j++] = a[i]!;
      a.length = j;
      this.head = 0;
    }
  }

  first(): R | undefined {
    for (let i = this.head; i < this.a.length; i++) {
      const r = this.a[i];
      if (r !== null && r !== undefined) return r;
    }
    return undefined;
  }

  indexOf(r: R): number {
    let k = 0;
    for (let i = this.head; i < this.a.length; i++) {
      const x = this.a[i];
      if (x === r) return k;
      if (x !== null) k++;
    }
    return -1;
  }

  toArray(): R[] {
    const out: R[] = [];
    for (let i = this.head; i < this.a.length; i++) {
      const r = this.a[i];
      if (r !== null && r !== undefined) out.push(r);
    }
    return out;
  }
}

/** `1st`, `2nd`, `3rd`, `4th`… for descriptions. @internal */
export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

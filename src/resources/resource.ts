/**
 * Resource: a pool of identical units (clerks, swab tables, beds, buses) that entities hold, one or
 * several at a time, with a waiting line in front.
 *
 * - **Queueing**: FIFO among equal priorities; smaller priority numbers are served first. A request for
 *   several units (`amount`) waits at the head of the line until that many are free; nobody behind it
 *   is served first (no overtaking, as in simmer), so the line keeps its order.
 * - **Preemption**: a request made with `preempt: true` may take the units of the least urgent users
 *   (largest priority number, latest granted among ties) when too few are free; their processes receive
 *   an {@link Interrupt} whose cause is a {@link Preempted} saying by whom and since when. It takes
 *   users only if that makes enough room (free units plus the victims' units reach its `amount`), and
 *   takes the fewest needed in that order. It never jumps a request at least as urgent that waits in
 *   front of it: it queues behind, and preempts as soon as it is first in line. It preempts only a
 *   resource that is not above its capacity (not one whose lowered capacity is still being worked
 *   down), and never callback users.
 * - **Tie between a preemptive request and a release at the same instant**: no special rule. Events at
 *   one instant run in calendar order (time, priority, insertion order), and a release hands its unit
 *   over synchronously, so whichever runs first decides. Release first: the preemptive request finds
 *   the unit free and preempts nobody, or, if requests were waiting, finds it already handed to the
 *   head of the line (whose new holder it preempts if less urgent). Preemptive request first: it
 *   preempts the least urgent user at once, and that user's release later in the instant does nothing.
 *   To make releases win, schedule them at `Priority.RELEASE`, which runs before ordinary events due
 *   at the same time. test/resources/preemption-tie.test.ts works each order by hand.
 * - **Leaving early**: `patience` makes a request renege after waiting that long; an interrupted
 *   process's queued request withdraws (status `cancelled`); `cancel()` withdraws explicitly. Withdrawn
 *   requests are skipped, never granted. A patience timer and a release due at the same instant are
 *   decided by calendar order: whichever was put on the calendar first happens first (the timer is put
 *   there when the request is made). A reneged request's event succeeds; a cancelled one's does not, so
 *   cancel only requests nobody waits on (a process waiting on it would be reported as deadlocked).
 * - **Interrupts after a grant**: a queued grant is decided inside the release that frees the unit, and
 *   the waiting process resumes through the calendar. An interrupt delivered in between finds the
 *   request granted: the process must release it (`using req = res.request()` does this by itself), or
 *   the run stops when it ends (below).
 * - **Balking**: with a `queueLimit`, a request that finds that many already waiting does not join
 *   (status `balked`).
 * - **Capacity changes**: {@link Resource.setCapacity} with the policy `finish` (default: units above the
 *   new capacity leave when their current user releases) or `preempt` (users above the new capacity are
 *   preempted at once).
 * - **Two styles**: processes use {@link Resource.request}/{@link Resource.release}; bulk callback models
 *   use {@link Resource.seize}/{@link Resource.free}, which allocate no request object.
 * - **A process that ends holding units** (it returned, or was interrupted just after its grant and
 *   returned, without releasing) is an error: the run stops with a {@link SimulationError} naming the
 *   process, the time and the request, at the instant the process ends. Releasing on its behalf would
 *   hide a modelling mistake (whose units, and when, are the model's decision); `using req =
 *   res.request()` releases on every way out of the block. A process that fails keeps its own error.
 * - **Grant hook**: a {@link ResourceHook} learns of every grant and every return of units as it
 *   happens (SimPy's `_do_put`/`_do_get` idea), for wrappers that attach something to each grant
 *   (`StaffedResource` matches a person to it).
 *
 * **Units, not requests, are counted**: `arrivals`, `grants`, `releases`, `preemptions`, `reneged`,
 * `balked` and `cancelled` add each request's `amount` (1 unless asked), so that the identities of
 * {@link Resource.accounting} hold with multi-unit requests; `queueLength` counts requests.
 *
 * Built-in counters (arrivals, grants, releases, reneged, balked, cancelled, preemptions, busy, queue
 * length) cost a few integer updates and never grow with the number of entities; a
 * {@link ResourceObserver} can be attached for time-weighted monitors.
 *
 * @module
 */
import type { Environment } from '../kernel/environment.js';
import { formatValue, ParameterError, SimulationError } from '../kernel/errors.js';
import { nonEmptyString } from '../kernel/validate.js';
import { checkKeys, unknownKey } from './options.js';
import { WaitQueue } from './queue.js';
import { Preempted, Request, type RequestOptions, type RequestStatus } from './request.js';

const RESOURCE_KEYS = ['name', 'capacity', 'queueLimit'] as const;
const REQUEST_KEYS = ['priority', 'preempt', 'patience', 'entity', 'amount'] as const;

/** Options for a {@link Resource}. */
export interface ResourceOptions {
  /** Name for reports and errors. Default `resource#N`, N counting the unnamed resources of the environment. */
  readonly name?: string;
  /** Number of units: a positive integer, or `Infinity`. Default 1. */
  readonly capacity?: number;
  /** Requests that find this many already waiting balk. Default `Infinity`. */
  readonly queueLimit?: number;
}

/** What happens to users above a lowered capacity (see {@link Resource.setCapacity}). */
export type CapacityPolicy = 'finish' | 'preempt';

/**
 * Receives a resource's state changes, for monitors. Calls happen synchronously on every change, so
 * implementations must be cheap and must not allocate per call.
 */
export interface ResourceObserver {
  /** Busy units, waiting requests or capacity changed at `time`. */
  changed(time: number, busy: number, queued: number, capacity: number): void;
  /** A request was granted at `time` after waiting `wait` (process-style requests only). */
  waited?(time: number, wait: number): void;
  /** A process-style request was made; called once its grant, balk or queueing is decided. */
  requested?(request: Request): void;
}

/**
 * Learns of every grant and every return of units at the moment it happens, inside the resource's
 * operation: the extension point for a wrapper that attaches something to each grant (a person to
 * serve it, a seat number). Set it with {@link Resource.setHook}. Calls are synchronous and must not
 * request, release or change the capacity of the resource (they run in the middle of its bookkeeping);
 * record what must be done and do it from a {@link ResourceObserver}, which is called once the
 * operation is complete.
 *
 * @example
 * ```ts
 * const log: unknown[] = [];
 * desk.setHook({
 *   granted: (req, arg, amount) => log.push(['grant', req?.entity ?? arg, amount, env.now]),
 *   returned: (req, how, amount) => log.push([how, req?.entity ?? 'callback', amount, env.now]),
 * });
 * ```
 */
export interface ResourceHook {
  /**
   * `amount` units went to `request`, or to a callback user (`request` null, `arg` the argument given
   * to {@link Resource.seize}). Called before the holder learns of it: before the request's event is
   * scheduled, before the seize callback runs.
   */
  granted(request: Request | null, arg: unknown, amount: number): void;
  /**
   * `amount` units came back from `request` (`released` by {@link Resource.release}, or `preempted`),
   * or from a callback user (`request` null, by {@link Resource.free}). Called before the units are
   * granted again.
   */
  returned(request: Request | null, how: 'released' | 'preempted', amount: number): void;
}

/** Counts that add up: see {@link Resource.accounting}. */
export interface ResourceAccounting {
  /** Units asked for by requests and seizes made. */
  readonly arrivals: number;
  /** Units granted. */
  readonly grants: number;
  /** Units given back by their users. */
  readonly releases: number;
  /** Units taken from their users by preemption. */
  readonly preemptions: number;
  /** Units of requests that left the queue when their patience ran out. */
  readonly reneged: number;
  /** Units of requests that did not join a full queue. */
  readonly balked: number;
  /** Units of requests withdrawn while queued. */
  readonly cancelled: number;
  /** Units asked for by the requests waiting in the queue now. */
  readonly queued: number;
  /** Units in use now (by requests and by callback users). */
  readonly busy: number;
}

/**
 * Unnamed resources made so far, per environment. A module-wide counter would make default names (and
 * so reports and error messages) depend on what else ran in the same JavaScript realm, breaking "same
 * seed, same results" between serial and parallel replications.
 */
const unnamedCount = new WeakMap<Environment, number>();

/**
 * A pool of identical units with a waiting line. See the module documentation.
 *
 * @example
 * ```ts
 * const env = new Environment();
 * const clerks = new Resource(env, { name: 'registration', capacity: 4 });
 * env.process(function* () {
 *   const desk = yield* clerks.request();
 *   yield* env.timeout(40);
 *   clerks.release(desk);
 * }());
 * env.run();
 * clerks.releases; // 1
 * ```
 */
export class Resource {
  /** Name for reports and errors. */
  readonly name: string;
  /** Requests that find this many waiting balk. */
  readonly queueLimit: number;
  /** Units in use (by requests and by callback users). */
  busy = 0;
  /** Units asked for by requests and seizes made. */
  arrivals = 0;
  /** Units granted. */
  grants = 0;
  /** Units given back by their users. */
  releases = 0;
  /** Units taken from their users by preemption. */
  preemptions = 0;
  /** Units of requests that left the queue when their patience ran out. */
  reneged = 0;
  /** Units of requests that did not join a full queue. */
  balked = 0;
  /** Units of requests withdrawn while queued. */
  cancelled = 0;
  /** Attach a monitor here (see {@link ResourceObserver}); null for none. */
  observer: ResourceObserver | null = null;
  /** The grant hook (see {@link Resource.setHook}); null for none. */
  private hook: ResourceHook | null = null;

  private _capacity: number;
  /** Grants made so far to requests; stamps each grant so "latest granted" is exact at one instant. */
  private grantSeq = 0;
  private readonly users: Request[] = [];
  /** Units held by seize() users. */
  private callbackUsers = 0;
  /** Units asked for by the requests waiting now. */
  private queuedUnits = 0;
  /** True once a preempting request was made: only then can the head of the line preempt. */
  private preemptors = false;
  /**
   * True once a request or seize for more than one unit was made: only then can units be free while
   * requests wait (the head waits for more than are free), which the single-unit paths never check.
   */
  private multi = false;
  private readonly queue = new WaitQueue((item) => (item as Request).status === 'queued');

  constructor(
    /** The environment the resource lives in. */
    readonly env: Environment,
    options: ResourceOptions = {},
  ) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('resource', 'an options object { name?, capacity?, queueLimit? }', options);
    checkKeys(
      options,
      RESOURCE_KEYS,
      typeof options.name === 'string' ? `resource(${options.name})` : 'resource',
    );
    if (options.name === undefined) {
      const n = (unnamedCount.get(env) ?? 0) + 1;
      unnamedCount.set(env, n);
      this.name = `resource#${n}`;
    } else this.name = nonEmptyString(options.name, 'resource.name');
    const capacity = options.capacity ?? 1;
    if (!isCapacity(capacity) || capacity < 1)
      throw new ParameterError(`resource(${this.name}).capacity`, 'a positive integer or Infinity', capacity);
    this._capacity = capacity;
    const limit = options.queueLimit ?? Number.POSITIVE_INFINITY;
    if (!isCapacity(limit))
      throw new ParameterError(`resource(${this.name}).queueLimit`, 'an integer ≥ 0 or Infinity', limit);
    this.queueLimit = limit;
    env.register(this);
  }

  /** Number of units (may change over time with {@link Resource.setCapacity}). */
  get capacity(): number {
    return this._capacity;
  }

  /** Requests waiting now. */
  get queueLength(): number {
    return this.queue.size;
  }

  /** Units free now (0 when a lowered capacity is still being worked down). */
  get available(): number {
    return Math.max(0, this._capacity - this.busy);
  }

  /** The requests holding units now, in no particular order (callback users are not listed). */
  get holders(): readonly Request[] {
    return this.users;
  }

  /** The requests waiting now, in service order. O(n): for tests and diagnostics. */
  get waitingRequests(): readonly Request[] {
    return this.queue.toArray().filter((x): x is Request => x instanceof Request);
  }

  /**
   * Ask for one unit, or `amount` units. The returned request is an event that succeeds (with itself)
   * when the units are granted, or when the request ends ungranted (reneged after `patience`, or
   * balked at `queueLimit`): check {@link Request.granted}. Unknown option keys are an error.
   *
   * @example
   * ```ts
   * const req = yield* desk.request({ priority: 0, patience: 600 });
   * if (req.granted) { yield* env.timeout(40); desk.release(req); }
   * const pair = yield* beds.request({ amount: 2 }); // both units, or none yet
   * ```
   */
  request(options?: RequestOptions): Request {
    let priority = 0;
    let preempt = false;
    let patience = Number.POSITIVE_INFINITY;
    let entity: string | undefined;
    let amount = 1;
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null) this.badOption('options', 'an object', options);
      const bad = unknownKey(options, REQUEST_KEYS);
      if (bad !== undefined) this.badOption(bad.key, bad.expected, bad.value);
      if (options.priority !== undefined) {
        priority = options.priority;
        if (!Number.isFinite(priority)) this.badOption('priority', 'a finite number', priority);
      }
      if (options.preempt !== undefined) {
        if (typeof options.preempt !== 'boolean') this.badOption('preempt', 'true or false', options.preempt);
        preempt = options.preempt;
      }
      if (options.patience !== undefined) {
        patience = options.patience;
        // typeof first: a string such as '5' passes `>= 0` and would reach the calendar as a string time.
        if (typeof patience !== 'number' || !(patience >= 0))
          this.badOption('patience', 'a number ≥ 0', patience);
      }
      entity = options.entity;
      if (entity !== undefined && (typeof entity !== 'string' || entity.length === 0))
        this.badOption('entity', 'a non-empty string', entity);
      if (options.amount !== undefined) {
        amount = options.amount;
        if (!Number.isInteger(amount) || amount < 1) this.badOption('amount', 'an integer ≥ 1', amount);
        if (amount > 1) this.multi = true;
      }
    }
    this.arrivals += amount;
    if (preempt) this.preemptors = true;
    const req = new Request(this, priority, preempt, entity, amount);
    if (
      this.busy + amount <= this._capacity &&
      (this.queue.size === 0 || (this.multi && this.firstInLine(priority)))
    ) {
      this.grant(req);
      // Granted at once: the event is complete before anyone could wait for it, so it needs no calendar
      // entry; the requesting process continues without yielding control.
      req._markProcessed();
    } else if (preempt && this.firstInLine(priority) && this.preemptFor(req)) {
      this.grant(req);
      req._markProcessed();
    } else if (this.queue.size >= this.queueLimit) {
      req.status = 'balked';
      req._endedAt = this.env.now;
      this.balked += amount;
      req.succeed(req);
    } else {
      this.queue.push(req, undefined, priority);
      this.queuedUnits += amount;
      if (patience !== Number.POSITIVE_INFINITY)
        req._patienceHandle = this.env.schedule(patience, renege, req);
    }
    if (this.observer !== null) {
      this.observer.requested?.(req);
      this.notify();
    }
    return req;
  }

  /**
   * Give back the units held by `request`. Releasing a request that was preempted does nothing (its
   * units are already gone); releasing one that is not held (queued, released already, reneged...) is
   * an error naming the request and its status.
   */
  release(request: Request): void {
    if (!(request instanceof Request) || request.resource !== this) {
      throw new SimulationError(
        `release(${formatValue(request instanceof Request ? request.describe() : request)}): not a request of resource ${this.name}`,
        this.env.here(),
      );
    }
    if (request.status !== 'granted') {
      if (request.status === 'preempted') return;
      throw new SimulationError(
        `release of ${request.describe()}: it is not held (${request.status === 'released' ? `released already at t=${request.endedAt}` : `status ${request.status}`})`,
        this.env.here(),
      );
    }
    this.releases += request.amount;
    this.dropUser(request, 'released');
    this.grantWaiting();
    if (this.observer !== null) this.notify();
  }

  /**
   * Callback style: take a unit (or `amount` units) for `fn(arg)`. If they are free, `fn(arg)` runs
   * now, synchronously; otherwise the pair waits in the queue (at `priority`) and `fn(arg)` runs
   * synchronously inside the {@link Resource.free} or {@link Resource.release} that makes the units
   * available. Give them back with {@link Resource.free} (the same `amount`). No request object is
   * created for one unit.
   *
   * @example
   * ```ts
   * function arrive(id: number) { servers.seize(startService, id); }
   * function startService(id: number) { env.schedule(serviceTime(), finish, id); }
   * function finish(id: number) { servers.free(); }
   * ```
   */
  seize<A>(fn: (arg: A) => void, arg: A, priority = 0, amount = 1): void {
    // Unchecked, a NaN or string priority would open a new, unordered level in the queue on every call.
    if (typeof fn !== 'function')
      throw new SimulationError(
        `seize on resource ${this.name}: fn must be a function, got ${formatValue(fn)}`,
        this.env.here(),
      );
    if (!Number.isFinite(priority))
      throw new SimulationError(
        `seize on resource ${this.name}: priority must be a finite number, got ${formatValue(priority)}`,
        this.env.here(),
      );
    if (amount !== 1) {
      if (!Number.isInteger(amount) || amount < 1)
        throw new SimulationError(
          `seize on resource ${this.name}: amount must be an integer ≥ 1, got ${formatValue(amount)}`,
          this.env.here(),
        );
      this.multi = true;
    }
    this.arrivals += amount;
    if (
      this.busy + amount <= this._capacity &&
      (this.queue.size === 0 || (this.multi && this.firstInLine(priority)))
    ) {
      this.busy += amount;
      this.callbackUsers += amount;
      this.grants += amount;
      if (this.hook !== null) this.hook.granted(null, arg, amount);
      if (this.observer !== null) this.notify();
      fn(arg);
      return;
    }
    if (amount === 1) this.queue.push(fn, arg, priority);
    else this.queue.push(new MultiSeize(fn as (arg: unknown) => void, amount), arg, priority);
    this.queuedUnits += amount;
    if (this.observer !== null) this.notify();
  }

  /** Callback style: give back `amount` units (default 1) taken with {@link Resource.seize}. */
  free(amount = 1): void {
    if (!(Number.isInteger(amount) && amount >= 1 && amount <= this.callbackUsers))
      throw new SimulationError(
        this.callbackUsers === 0
          ? `free() on resource ${this.name}: no unit is held by a seize() user`
          : `free(${formatValue(amount)}) on resource ${this.name}: seize() users hold ${this.callbackUsers} units`,
        this.env.here(),
      );
    this.callbackUsers -= amount;
    this.busy -= amount;
    this.releases += amount;
    if (this.hook !== null) this.hook.returned(null, 'released', amount);
    this.grantWaiting();
    if (this.observer !== null) this.notify();
  }

  /**
   * Change the number of units now. Raising it serves waiting requests at once. Lowering it below the
   * units in use applies `policy`: `finish` lets users finish and retires units as they come back;
   * `preempt` takes units from the least urgent request users at once (they get an {@link Interrupt}
   * with a {@link Preempted} cause whose `by` is null). Callback users always finish.
   *
   * @example
   * ```ts
   * env.schedule(4 * 3600, () => swabbers.setCapacity(6, 'preempt')); // half the team leaves at 4 h
   * ```
   */
  setCapacity(capacity: number, policy: CapacityPolicy = 'finish'): void {
    if (!isCapacity(capacity))
      throw new SimulationError(
        `setCapacity on resource ${this.name}: expected an integer ≥ 0 or Infinity, got ${formatValue(capacity)}`,
        this.env.here(),
      );
    if (policy !== 'finish' && policy !== 'preempt')
      throw new SimulationError(
        `setCapacity on resource ${this.name}: policy must be "finish" or "preempt", got ${formatValue(policy)}`,
        this.env.here(),
      );
    this._capacity = capacity;
    if (policy === 'preempt') {
      while (this.busy > capacity) {
        const victim = this.leastUrgentUser(Number.NEGATIVE_INFINITY);
        if (victim === null) break;
        this.takeFrom(victim, null);
      }
    }
    this.grantWaiting();
    if (this.observer !== null) this.notify();
  }

  /**
   * Attach another observer. The `observer` slot holds one; a second one is combined with it so that
   * both see every change (a standard monitor and a staffing layer, say).
   *
   * @example
   * ```ts
   * desk.addObserver({ changed: (t, busy) => busyLog.push([t, busy]) });
   * ```
   */
  addObserver(observer: ResourceObserver): void {
    const current = this.observer;
    this.observer = current === null ? observer : new BothObservers(current, observer);
  }

  /**
   * Set the grant hook (see {@link ResourceHook}); null removes it. A resource has one hook: it belongs
   * to the wrapper built on the resource, and a second wrapper setting its own would silently take the
   * first one's grants, so that is an error.
   *
   * @example
   * ```ts
   * desk.setHook({ granted: (req) => started.push(req?.entity), returned: () => {} });
   * ```
   */
  setHook(hook: ResourceHook | null): void {
    if (hook !== null && this.hook !== null)
      throw new SimulationError(`setHook on resource ${this.name}: it already has a hook`, this.env.here());
    this.hook = hook;
  }

  /**
   * Counts, in units, that add up at any time: `arrivals = grants + reneged + balked + cancelled +
   * queued` and `grants = releases + preemptions + busy`.
   */
  accounting(): ResourceAccounting {
    return {
      arrivals: this.arrivals,
      grants: this.grants,
      releases: this.releases,
      preemptions: this.preemptions,
      reneged: this.reneged,
      balked: this.balked,
      cancelled: this.cancelled,
      queued: this.queuedUnits,
      busy: this.busy,
    };
  }

  /** A one-line description for logs and deadlock reports. */
  describe(): string {
    return `resource ${this.name} (${this.busy}/${this._capacity} busy, ${this.queue.size} waiting)`;
  }

  /** @internal withdraw a queued request (renege or cancel) */
  _withdraw(req: Request, status: Extract<RequestStatus, 'reneged' | 'cancelled'>): void {
    if (req.status !== 'queued') return;
    req.status = status;
    req._endedAt = this.env.now;
    this.queue.markedDead();
    this.queuedUnits -= req.amount;
    if (req._patienceHandle >= 0) {
      this.env.cancel(req._patienceHandle);
      req._patienceHandle = -1;
    }
    if (status === 'reneged') {
      this.reneged += req.amount;
      req.succeed(req);
    } else this.cancelled += req.amount;
    // A preempting request behind the one that left may now be first in line; with multi-unit
    // requests, one that fits in the free units may now be at the head.
    if (this.preemptors || this.multi) this.grantWaiting();
    if (this.observer !== null) this.notify();
  }

  /** @internal 0-based position of a queued request */
  _positionOf(req: Request): number {
    return this.queue.indexOf(req);
  }

  private grant(req: Request): void {
    req.status = 'granted';
    req._grantedAt = this.env.now;
    req._grantSeq = ++this.grantSeq;
    req._slot = this.users.length;
    this.users.push(req);
    this.busy += req.amount;
    this.grants += req.amount;
    if (req._patienceHandle >= 0) {
      this.env.cancel(req._patienceHandle);
      req._patienceHandle = -1;
    }
    // The owner's end is watched while it holds units, so that ending without releasing is caught.
    const owner = req.owner;
    if (owner !== null && owner.isAlive) owner._addCallback(req);
    if (this.hook !== null) this.hook.granted(req, undefined, req.amount);
    if (this.observer !== null && this.observer.waited !== undefined)
      this.observer.waited(this.env.now, this.env.now - req.requestedAt);
  }

  /**
   * Serve waiting requests while units are free; then, while the first in line is a preempting request,
   * let it take less urgent users' units, as it would have on arrival had nobody more urgent been
   * waiting in front of it.
   */
  private grantWaiting(): void {
    const q = this.queue;
    for (;;) {
      if (this.multi) this.serveMulti();
      else
        while (this.busy < this._capacity && q.shift()) {
          const item = q.item;
          this.queuedUnits--;
          if (typeof item === 'function') {
            this.busy++;
            this.callbackUsers++;
            this.grants++;
            if (this.hook !== null) this.hook.granted(null, q.arg, 1);
            (item as (a: unknown) => void)(q.arg);
          } else {
            const req = item as Request;
            this.grant(req);
            req.succeed(req);
          }
        }
      if (!this.preemptors || q.size === 0 || this.busy > this._capacity) return;
      const head = q.peek();
      if (!(head instanceof Request) || !head.preempt) return;
      if (!this.preemptFor(head)) return;
      q.shift();
      this.queuedUnits -= head.amount;
      this.grant(head);
      head.succeed(head);
    }
  }

  /** {@link Resource.grantWaiting}'s serving loop once multi-unit requests exist: the head waits for its units. */
  private serveMulti(): void {
    const q = this.queue;
    for (;;) {
      const head = q.peek();
      if (head === undefined) return;
      const amount = head instanceof Request ? head.amount : head instanceof MultiSeize ? head.amount : 1;
      if (this.busy + amount > this._capacity) return;
      q.shift();
      this.queuedUnits -= amount;
      if (head instanceof Request) {
        this.grant(head);
        head.succeed(head);
        continue;
      }
      this.busy += amount;
      this.callbackUsers += amount;
      this.grants += amount;
      if (this.hook !== null) this.hook.granted(null, q.arg, amount);
      if (head instanceof MultiSeize) head.fn(q.arg);
      else (head as (a: unknown) => void)(q.arg);
    }
  }

  /** True if no waiting request is as urgent as `priority` (a preempting request may not jump them). */
  private firstInLine(priority: number): boolean {
    return this.queue.size === 0 || this.queue.peekPriority()! > priority;
  }

  private dropUser(req: Request, status: 'released' | 'preempted'): void {
    const last = this.users.pop()!;
    if (last !== req) {
      this.users[req._slot] = last;
      last._slot = req._slot;
    }
    req._slot = -1;
    req.status = status;
    req._endedAt = this.env.now;
    this.busy -= req.amount;
    if (req.owner !== null) req.owner._removeCallback(req);
    if (this.hook !== null) this.hook.returned(req, status, req.amount);
  }

  /**
   * Preempt users less urgent than `req` if that makes room for its amount; true if it did (the
   * units are then free for `req`).
   */
  private preemptFor(req: Request): boolean {
    // Not above capacity: while a lowered capacity is being worked down (`finish`), units taken would
    // be retired rather than handed over, and the victims would lose them for nothing.
    if (this.busy > this._capacity) return false;
    const free = this._capacity - this.busy;
    if (req.amount === 1) {
      if (free >= 1) return true;
      const victim = this.leastUrgentUser(req.priority);
      if (victim === null) return false;
      this.takeFrom(victim, req);
      return true;
    }
    // Fewest victims in preemption order whose units, with the free ones, make room.
    const candidates = this.users.filter((u) => u.priority > req.priority).sort(lessUrgentFirst);
    let room = free;
    let n = 0;
    while (room < req.amount && n < candidates.length) room += candidates[n++]!.amount;
    if (room < req.amount) return false;
    for (let i = 0; i < n; i++) this.takeFrom(candidates[i]!, req);
    return true;
  }

  /** The user with the largest priority number above `than` (latest granted among ties), or null. */
  private leastUrgentUser(than: number): Request | null {
    let victim: Request | null = null;
    for (const u of this.users) {
      if (u.priority <= than) continue;
      if (victim === null || lessUrgentFirst(u, victim) < 0) victim = u;
    }
    return victim;
  }

  private takeFrom(victim: Request, by: Request | null): void {
    const since = victim.grantedAt;
    this.preemptions += victim.amount;
    this.dropUser(victim, 'preempted');
    const owner = victim.owner;
    if (owner !== null && owner.isAlive && owner !== this.env.activeProcess)
      owner.interrupt(new Preempted(by, since, this, victim));
  }

  /** @internal the owner of a granted request ended: holding units past one's end is an error */
  _ownerEnded(req: Request, ok: boolean): void {
    // A failed process keeps its own error, which the run reports.
    if (!ok || req.status !== 'granted') return;
    const owner = req.owner!;
    throw new SimulationError(
      `${owner.name} ended holding ${req.amount === 1 ? 'a unit' : `${req.amount} units`} of resource ${this.name} (granted at t=${req.grantedAt}); release it before the process ends, or use \`using req = ${this.name}.request()\``,
      { ...this.env.here(), entity: owner.name },
    );
  }

  private notify(): void {
    this.observer!.changed(this.env.now, this.busy, this.queue.size, this._capacity);
  }

  private badOption(option: string, expected: string, value: unknown): never {
    throw new SimulationError(
      `request to resource ${this.name}: ${option} must be ${expected}, got ${formatValue(value)}`,
      this.env.here(),
    );
  }
}

/** Two observers seen as one (nest for more). */
class BothObservers implements ResourceObserver {
  constructor(
    private readonly first: ResourceObserver,
    private readonly second: ResourceObserver,
  ) {}
  changed(time: number, busy: number, queued: number, capacity: number): void {
    this.first.changed(time, busy, queued, capacity);
    this.second.changed(time, busy, queued, capacity);
  }
  waited(time: number, wait: number): void {
    this.first.waited?.(time, wait);
    this.second.waited?.(time, wait);
  }
  requested(request: Request): void {
    this.first.requested?.(request);
    this.second.requested?.(request);
  }
}

function isCapacity(n: unknown): n is number {
  return typeof n === 'number' && n >= 0 && (Number.isInteger(n) || n === Number.POSITIVE_INFINITY);
}

/** Preemption order: larger priority number first, then latest granted (grant sequence, not time:
 * several grants share an instant, and releases reorder the user list). */
function lessUrgentFirst(a: Request, b: Request): number {
  return b.priority - a.priority || b._grantSeq - a._grantSeq;
}

/** A callback seize for several units waiting in the queue (one unit waits as the bare function). */
class MultiSeize {
  /** Always waiting: a callback seize cannot leave the queue. */
  readonly status = 'queued';
  constructor(
    readonly fn: (arg: unknown) => void,
    readonly amount: number,
  ) {}
}

function renege(req: Request): void {
  req._patienceHandle = -1;
  req.resource._withdraw(req, 'reneged');
}

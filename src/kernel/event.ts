/**
 * Events: the one idea the kernel is built on.
 *
 * An event is something that will happen at some simulated time. It moves through three states:
 *
 * 1. **pending**: created, nobody has decided its outcome yet;
 * 2. **triggered**: {@link SimEvent.succeed} or {@link SimEvent.fail} fixed its outcome and put it on the
 *    calendar;
 * 3. **processed**: the calendar reached it and it called everyone waiting for it.
 *
 * Processes wait for events (`yield ev` or, to keep the value's type, `const v = yield* ev`); resource
 * requests, timeouts, conditions and processes themselves are all events, so they compose freely.
 *
 * A failed event that nobody handles (no process waiting on it, not defused) stops the run with a
 * {@link SimulationError} located at the time and at whoever failed it, the original error as its
 * `cause`: nothing fails silently.
 *
 * @module
 */
import type { Environment } from './environment.js';
import { SimulationError } from './errors.js';
import { Priority } from './priority.js';
import type { Process } from './process.js';

/** Event states, in order. @internal */
export const PENDING = 0;
/** @internal */
export const TRIGGERED = 1;
/** @internal */
export const PROCESSED = 2;
/**
 * @internal A process that returned while nobody waited for it: its outcome is fixed and it holds a
 * place on the calendar (see {@link Environment._settle}) but no entry. It counts as processed once
 * the calendar has passed that place; a waiter that comes before then gets a real entry in that place.
 */
export const QUIET = 3;

/** A function called with the event when the event is processed. */
export type EventCallback<T = any> = (event: SimEvent<T>) => void;

/**
 * An object woken when an event is processed (processes and conditions), stored in place of a
 * callback so that waiting allocates no closure. Not exported from the entry; it is published, with
 * its method stripped, because public classes implement it.
 */
export interface Waiter {
  /** @internal Called once the event is processed. */
  _wake(event: SimEvent<any>): void;
}

/** @internal */
export type Listener<T> = EventCallback<T> | Waiter;

/** Result objects for the `yield*` protocol, reused: the process runner reads them at once. */
const YIELDED: { done: false; value: any } = { done: false, value: undefined };
const RETURNED: { done: true; value: any } = { done: true, value: undefined };

/**
 * The event a `yield*` has just taken the iterator of and not yet stepped. `yield* ev` calls
 * `ev[Symbol.iterator]()` and then, with nothing in between, `ev.next()`: that first call hands the
 * event to the process runner, later calls bring back the value the process is resumed with. One
 * variable for the whole module instead of a flag in every event keeps a waiting event 8 bytes
 * smaller (waiting processes and requests are what the garbage collector copies under overload).
 */
let starting: SimEvent<any> | null = null;

/** The value type an event succeeds with. */
export type EventValue<E> = E extends SimEvent<infer T> ? T : never;

/**
 * Something that happens at a simulated time, with a value (success) or an error (failure).
 *
 * Iterable, so that inside a process `const v = yield* ev` waits for the event and gives its value
 * with its type (`yield ev` also waits, but TypeScript types its result as `unknown`).
 *
 * @typeParam T - the value the event succeeds with.
 * @example
 * ```ts
 * const env = new Environment();
 * const ready = env.event<string>();
 * env.process(function* () {
 *   const msg = yield* ready;           // msg: string
 *   console.log(env.now, msg);          // 5 'beds ready'
 * });
 * env.schedule(5, () => ready.succeed('beds ready'));
 * env.run();
 * ```
 */
export class SimEvent<T = unknown> implements Iterable<SimEvent<T>, T, unknown> {
  // Fields are declared here and assigned in the constructor rather than initialised in the class
  // body: V8 slows object creation sharply once a base class with class-field initialisers has more
  // than a handful of subclasses, and events have many (timeouts, processes, requests, conditions,
  // store and container requests) (bench/README.md, "Measurements behind choices in the code").
  /** @internal */ declare _state: number;
  /** @internal */ declare _ok: boolean;
  /** @internal */ declare _value: T | unknown;
  // Waiters are typed `any`, not `T`: a field typed with `T` in a parameter position would make
  // `SimEvent<never>` (a process that never returns, e.g. a server loop) unassignable to `SimEvent<any>`.
  /** @internal first waiter (most events have exactly one) */ declare _cb: Listener<any> | null;
  /** @internal further waiters */ declare _cbs: Listener<any>[] | null;
  /**
   * Set to `true` by whoever handles this event's failure, so the run does not stop on it.
   * Processes that wait on a failed event defuse it automatically (the error is thrown into them).
   */
  declare defused: boolean;
  /** The environment this event belongs to. */
  declare readonly env: Environment;

  constructor(env: Environment) {
    this.env = env;
    this._state = PENDING;
    this._ok = true;
    this._value = undefined;
    this._cb = null;
    this._cbs = null;
    this.defused = false;
  }

  /** True once the outcome is fixed (triggered or processed). */
  get triggered(): boolean {
    return this._state !== PENDING;
  }

  /** True once the calendar has reached the event and called its waiters. */
  get processed(): boolean {
    if (this._state === QUIET) this.env._settle(this);
    return this._state === PROCESSED;
  }

  /** True if the event succeeded (only meaningful once triggered). */
  get ok(): boolean {
    return this._ok;
  }

  /**
   * The value (or the error, for a failed event). Reading it before the event is triggered throws.
   */
  get value(): T {
    if (this._state === PENDING)
      throw new SimulationError(`value of ${this.describe()} read before it was triggered`, this.where());
    return this._value as T;
  }

  /**
   * Fix the outcome as a success with `value` and put the event on the calendar `delay` from now.
   * Throws if the event was already triggered.
   */
  succeed(value?: T, delay = 0, priority: number = Priority.NORMAL): this {
    if (this._state !== PENDING) this.alreadyTriggered();
    this._ok = true;
    this._value = value;
    this._state = TRIGGERED;
    this.env._scheduleEvent(this, delay, priority);
    return this;
  }

  /**
   * Fix the outcome as a failure with `error` and put the event on the calendar now. Whoever waits on it
   * gets `error` thrown, as given. If nobody handles it, the run stops with a {@link SimulationError}
   * that names the time, the clock time and who failed the event (the running process and its step, or
   * the callback), with `error` as its `cause`; `error` need not be an `Error` (`fail('no reagent')`).
   */
  fail(error: unknown, priority: number = Priority.NORMAL): this {
    if (this._state !== PENDING) this.alreadyTriggered();
    this._ok = false;
    this._value = error;
    this._state = TRIGGERED;
    this.env._noteFailure(this);
    this.env._scheduleEvent(this, 0, priority);
    return this;
  }

  /** Call `callback(event)` when the event is processed (at once, via the calendar, if it already was). */
  onProcessed(callback: EventCallback<T>): this {
    if (this._state === QUIET) this.env._settle(this);
    if (this._state === PROCESSED) {
      this.env.schedule(0, callback as (e: unknown) => void, this);
      return this;
    }
    this._addCallback(callback);
    return this;
  }

  /** A short description for logs and errors, e.g. `timeout(40) due t=100`. Subclasses refine it. */
  describe(): string {
    return 'event';
  }

  /**
   * @internal Complete a pending event on the spot, without a calendar entry: only valid when nobody
   * can be waiting for it yet (it was created in the same synchronous step and never handed out).
   */
  _markProcessed(value: T | unknown = this): void {
    this._ok = true;
    this._value = value;
    this._state = PROCESSED;
  }

  /** @internal */
  _addCallback(cb: Listener<T>): void {
    if (this._cb === null) this._cb = cb;
    else if (this._cbs === null) this._cbs = [cb];
    else this._cbs.push(cb);
  }

  /**
   * @internal Remove a waiter. When the last waiter of a pending event leaves, the event is abandoned
   * ({@link SimEvent._abandon}): a resource request withdraws from its queue, for example.
   */
  _removeCallback(cb: Listener<T>): void {
    if (this._cb === cb) {
      this._cb = this._cbs !== null && this._cbs.length > 0 ? this._cbs.shift()! : null;
    } else if (this._cbs !== null) {
      const i = this._cbs.indexOf(cb);
      if (i >= 0) this._cbs.splice(i, 1);
    }
    if (this._state === PENDING && this._cb === null) this._abandon();
  }

  /**
   * @internal Hook for wait-for analysis (stall watchdog, deadlock reports): the processes whose
   * progress alone can trigger this pending event, any one of them sufficing, or null when that is not
   * known (a plain event anyone may succeed). A resource request, for example, may answer with the
   * holders of the units when nothing else (a capacity schedule) can grant it. Default: null.
   */
  _waitOwners(): readonly Process<any>[] | null {
    return null;
  }

  /** @internal Hook: nobody waits for this pending event any more. Default: nothing. */
  _abandon(): void {}

  /** @internal Where this event is, for error messages. */
  where(): { time: number; clock: string | undefined; step: string } {
    return { time: this.env.now, clock: this.env.clockOf(this.env.now), step: this.describe() };
  }

  private alreadyTriggered(): never {
    throw new SimulationError(`${this.describe()} has already been triggered`, this.where());
  }

  /** Lets `yield* event` wait for the event and evaluate to its value, typed. */
  [Symbol.iterator](): Iterator<SimEvent<T>, T, unknown> {
    starting = this;
    return this as unknown as Iterator<SimEvent<T>, T, unknown>;
  }

  /**
   * @internal Iterator protocol for `yield*`: the first call hands the event to the process runner, the
   * second receives the value the runner resumes the process with.
   */
  next(value?: unknown): IteratorResult<SimEvent<T>, T> {
    if (starting === this) {
      starting = null;
      // Already processed with success (a request granted on the spot): the process runner would
      // resume the process at once with the value, so hand the value back without suspending the
      // generator. Not when a delay is pending: the runner must see the yield to report the misuse.
      if (this._state === PROCESSED && this._ok) {
        const p = this.env.activeProcess;
        if (p !== null && p._delayHandle < 0) {
          RETURNED.value = this._value;
          return RETURNED;
        }
      }
      YIELDED.value = this;
      return YIELDED;
    }
    RETURNED.value = value;
    return RETURNED;
  }

  /** @internal Iterator protocol: a failure is rethrown at the `yield*`. */
  throw(error: unknown): IteratorResult<SimEvent<T>, T> {
    throw error;
  }
}

/**
 * An event that succeeds by itself after a delay. Created with {@link Environment.timeout}.
 *
 * @example
 * ```ts
 * env.process(function* () {
 *   yield* env.timeout(40); // swab takes 40 s
 * });
 * ```
 */
export class Timeout<T = undefined> extends SimEvent<T> {
  constructor(
    env: Environment,
    /** The delay from creation to success. */
    readonly delay: number,
    value?: T,
    priority: number = Priority.NORMAL,
  ) {
    super(env);
    this.due = env.now + delay;
    this._value = value;
    this._state = TRIGGERED;
    env._scheduleEvent(this, delay, priority);
  }
  /** Simulated time at which it fires. */
  readonly due: number;

  override describe(): string {
    return `timeout(${this.delay}) due t=${this.due}`;
  }
}

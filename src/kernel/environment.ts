/**
 * The environment: the simulation clock, the event calendar and the loop that runs it.
 *
 * Two styles share one calendar:
 *
 * - **processes** (generator functions that yield events; see {@link Process}) read like the work on
 *   the ground and suit most models;
 * - **callbacks** ({@link Environment.schedule}) schedule a plain function at a time, with no event
 *   object and no generator. Use them for bulk entities where speed matters; they interleave with
 *   processes in the same `(time, priority, insertion order)` order.
 *
 * The kernel knows nothing about randomness, statistics or units: a {@link Simulation} (in `src/sim`)
 * adds seeded streams and an epoch on top.
 *
 * A run ends when the calendar is empty, at a time, or when an event has been processed. If the
 * calendar empties while non-daemon processes still wait for events that nothing can trigger, `run()`
 * throws a {@link DeadlockError} that lists them and what each waits on, so a model never ends early
 * in silence.
 *
 * @module
 */

import { Calendar } from './calendar.js';
import { AllOf, type AllOfValue, AnyOf, type AnyOfValue } from './condition.js';
import { formatValue, SimulationError } from './errors.js';
import { PENDING, PROCESSED, SimEvent, Timeout } from './event.js';
import { MAX_PRIORITY, Priority } from './priority.js';
import { endDelay, type Proc, Process, type ProcessOptions } from './process.js';

/** Options for {@link Environment}. */
export interface EnvironmentOptions {
  /** Clock value at the start. Default 0. */
  readonly startTime?: number;
  /**
   * Renders a simulated time as a clock time for error messages (e.g. `t => '19:06:52'`). A
   * {@link Simulation} with an epoch sets this.
   */
  readonly clock?: (t: number) => string;
  /**
   * What `run()` does when the calendar empties while non-daemon processes still wait: `'error'`
   * (default) throws a {@link DeadlockError}; `'ignore'` returns quietly (use {@link Environment.waiting}
   * to inspect them).
   */
  readonly onDeadlock?: 'error' | 'ignore';
}

/**
 * Something created in an environment that reports on itself: resources, stores, containers. They
 * register when they are built, so that a run's report (and monitors attached by a
 * {@link Simulation}) can find them all.
 */
export interface Component {
  /** Name for reports. */
  readonly name: string;
  /** One-line state for logs and deadlock reports. */
  describe(): string;
}

/** A process that was still waiting when the run ended, and on what. */
export interface WaitingProcess {
  /** The process's name (`process#N` unless one was given). */
  readonly name: string;
  /** What it waits on: the step it was at and the event it waits for (e.g. `waiting on get from store kits`). */
  readonly waitingOn: string;
  /** The process itself. */
  readonly process: Process<any>;
}

/**
 * The run ended with processes waiting on events that nothing can trigger any more.
 *
 * @example
 * ```ts
 * try { env.run(); } catch (e) { if (e instanceof DeadlockError) console.log(e.waiting.map(w => w.name)); }
 * ```
 */
export class DeadlockError extends SimulationError {
  /** Error name shown in stack traces and `String(error)`: always `'DeadlockError'`. */
  override name = 'DeadlockError';
  constructor(
    /** The processes that were still waiting. */
    readonly waiting: readonly WaitingProcess[],
    time: number,
    clock: string | undefined,
  ) {
    const shown = waiting
      .slice(0, 10)
      .map((w) => `  ${w.name}: ${w.waitingOn}`)
      .join('\n');
    const more = waiting.length > 10 ? `\n  ... and ${waiting.length - 10} more` : '';
    super(
      `no more events, but ${waiting.length} process${waiting.length === 1 ? ' is' : 'es are'} still waiting on events nothing can trigger (mark long-running server loops with { daemon: true }):\n${shown}${more}`,
      { time, clock },
    );
  }
}

/**
 * Clock, calendar and run loop. See the module documentation for the two modelling styles.
 *
 * @example
 * ```ts
 * const env = new Environment();
 * const log: [string, number][] = [];
 * env.process(function* () {
 *   yield* env.timeout(5);
 *   log.push(['arrived', env.now]);
 * }());
 * env.schedule(2, () => log.push(['callback', env.now]));
 * env.run();
 * // log = [['callback', 2], ['arrived', 5]]
 * ```
 */
export class Environment {
  /**
   * @internal The clock. Initialised here with a number, not only in the constructor: a class field
   * without an initialiser starts as `undefined`, V8 then keeps the field as a tagged pointer, and
   * every new time stored into it (once per calendar entry) allocated a heap number and paid the
   * garbage collector's write barrier. Starting with a number keeps it an unboxed double.
   */
  _now = 0;
  /** @internal what {@link Environment.delay} returns; the process runner recognises it */
  readonly _delayMarker: SimEvent<void> = new DelayMarker(this);
  /** The process whose generator is running right now (null in callbacks and between steps). */
  activeProcess: Process<any> | null = null;
  private readonly calendar = new Calendar();
  private readonly clockFn: ((t: number) => string) | undefined;
  private readonly onDeadlock: 'error' | 'ignore';
  private cancelled: Set<number> | null = null;
  private processCount = 0;
  private liveHead: Process<any> | null = null;
  private live = 0;
  private readonly registered: Component[] = [];

  constructor(options: EnvironmentOptions = {}) {
    const start = options.startTime ?? 0;
    if (typeof start !== 'number' || !Number.isFinite(start))
      throw new SimulationError(`startTime must be a finite number, got ${formatValue(start)}`, { time: 0 });
    this._now = start;
    this.calendar.time = start;
    this.clockFn = options.clock;
    this.onDeadlock = options.onDeadlock ?? 'error';
  }

  /** The current simulated time. */
  get now(): number {
    return this._now;
  }

  /** Clock-time rendering of `t` when the environment has a clock, else undefined. */
  clockOf(t: number): string | undefined {
    return this.clockFn?.(t);
  }

  /** Number of entries on the calendar. */
  get pending(): number {
    return this.calendar.size;
  }

  /**
   * Calendar entries scheduled since the environment was created (callbacks, timeouts, triggered
   * events; cancelled ones included): a cheap measure of a run's work, e.g. to bound it in a test.
   */
  get scheduled(): number {
    return this.calendar.nextSeq;
  }

  /** The components (resources, stores, containers) created in this environment, in creation order. */
  get components(): readonly Component[] {
    return this.registered;
  }

  /**
   * Record a component. Resources, stores and containers call this from their constructors; a
   * {@link Simulation} overrides it to attach monitors.
   */
  register(component: Component): void {
    this.registered.push(component);
  }

  /** Number of processes that have started and not yet finished. */
  get liveProcesses(): number {
    return this.live;
  }

  // ---------------------------------------------------------------- callbacks (event scheduling)

  /**
   * Call `fn(arg)` after `delay` (at `now + delay`), at `priority` among same-time entries. Returns a
   * handle for {@link Environment.cancel}. No event object is created: this is the fast path for bulk
   * entities.
   *
   * @example
   * ```ts
   * function arrive(n: number) {
   *   count++;
   *   if (n < 1000) env.schedule(60 / 331, arrive, n + 1);
   * }
   * env.schedule(0, arrive, 1);
   * ```
   */
  schedule<A>(delay: number, fn: (arg: A) => void, arg?: A, priority: number = Priority.NORMAL): number {
    if (typeof fn !== 'function')
      throw new SimulationError(`schedule() expects a function, got ${formatValue(fn)}`, this.here());
    if (typeof delay !== 'number' || !(delay >= 0) || delay === Number.POSITIVE_INFINITY)
      this.badDelay(delay, fn.name || 'callback');
    return this.calendar.push(this._now + delay, checkPriority(priority, this, fn), fn, arg, this._now);
  }

  /**
   * Call `fn(arg)` at the absolute time `time` (≥ now). See {@link Environment.schedule}.
   */
  at<A>(time: number, fn: (arg: A) => void, arg?: A, priority: number = Priority.NORMAL): number {
    if (typeof fn !== 'function')
      throw new SimulationError(`at() expects a function, got ${formatValue(fn)}`, this.here());
    if (typeof time !== 'number' || !(time >= this._now) || time === Number.POSITIVE_INFINITY)
      throw new SimulationError(
        `at(): time for ${fn.name || 'callback'} must be ≥ now (${this._now}) and finite, got ${formatValue(time)}`,
        this.here(),
      );
    return this.calendar.push(time, checkPriority(priority, this, fn), fn, arg, this._now);
  }

  /**
   * Cancel a callback scheduled with {@link Environment.schedule} or {@link Environment.at} (by its
   * handle). Cancelling one that already ran, or twice, does nothing.
   */
  cancel(handle: number): void {
    if (handle >= this.calendar.nextSeq || handle < 0) return;
    (this.cancelled ??= new Set()).add(handle);
  }

  // ---------------------------------------------------------------- events and processes

  /**
   * A new pending event, to be triggered later with `succeed(value)` or `fail(error)`.
   *
   * @example
   * ```ts
   * const bedsReady = env.event<number>();
   * // later: bedsReady.succeed(500);
   * ```
   */
  event<T = void>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /**
   * An event that succeeds with `value` after `delay`.
   *
   * @example
   * ```ts
   * yield* env.timeout(40); // a 40-second swab
   * ```
   */
  timeout<T = undefined>(delay: number, value?: T): Timeout<T> {
    return new Timeout(this, delay, value);
  }

  /**
   * Inside a process: wait `delay`, the fast way. `yield* env.delay(40)` behaves like
   * `yield* env.timeout(40)` but creates no event object: the process itself goes on the calendar.
   * Use it in one expression (`yield* env.delay(t)`); for an event to pass around or combine in
   * `anyOf`, use {@link Environment.timeout}.
   *
   * @example
   * ```ts
   * function* swab(env: Environment) {
   *   yield* env.delay(40);
   * }
   * ```
   */
  delay(delay: number): SimEvent<void> {
    const p = this.activeProcess;
    if (p === null)
      throw new SimulationError(
        'delay() works only inside a running process (yield* env.delay(t)); use timeout() or schedule() elsewhere',
        this.here(),
      );
    if (typeof delay !== 'number' || !(delay >= 0) || delay === Number.POSITIVE_INFINITY)
      this.badDelay(delay, `delay in ${p.name}`);
    if (p._delayHandle >= 0) {
      this.cancel(p._delayHandle);
      p._delayHandle = -1;
      throw new SimulationError('delay() called twice without yielding the first', this.here());
    }
    p._delayHandle = this.calendar.push(this._now + delay, Priority.NORMAL, endDelay, p, this._now);
    return this._delayMarker;
  }

  /**
   * Start a process from a generator object. The process starts now (urgent priority) and is itself an
   * event that succeeds with the generator's return value.
   *
   * @example
   * ```ts
   * const p = env.process(resident(env, 17), { name: 'resident#17' });
   * ```
   */
  process<R>(generator: Proc<R>, options?: ProcessOptions): Process<R> {
    return new Process<R>(this, generator, options, ++this.processCount);
  }

  /**
   * An event that succeeds when all `events` have succeeded, with their values in order.
   *
   * @example
   * ```ts
   * const [a, b] = yield* env.allOf([env.timeout(1, 'a'), env.timeout(2, 'b')] as const);
   * ```
   */
  allOf<const E extends readonly SimEvent<any>[]>(events: E): SimEvent<AllOfValue<E>> {
    return new AllOf(this, events);
  }

  /**
   * An event that succeeds with the first of `events` to happen: `{ index, event, value }`.
   *
   * @example
   * ```ts
   * const first = yield* env.anyOf([request, env.timeout(600)]);
   * if (first.index === 1) return 'reneged';
   * ```
   */
  anyOf<const E extends readonly SimEvent<any>[]>(events: E): SimEvent<AnyOfValue<E>> {
    return new AnyOf(this, events);
  }

  // ---------------------------------------------------------------- running

  /** Time of the next calendar entry, or `Infinity` if there is none. */
  peek(): number {
    return this.calendar.peekTime(this._now);
  }

  /**
   * Process exactly one calendar entry. Throws if the calendar is empty.
   */
  step(): void {
    if (!this.calendar.pop(this._now))
      throw new SimulationError('step(): the calendar is empty', this.here());
    this._now = this.calendar.time;
    this.dispatch();
  }

  /**
   * Run the model.
   *
   * - `run()`: until the calendar is empty (then checks for deadlocked processes);
   * - `run(t)`: process every entry due *before* `t`, then set the clock to `t` (entries due exactly at
   *   `t` stay on the calendar for a later run); `run(Infinity)` runs until the calendar is empty and
   *   leaves the clock at the last entry (no deadlock check, as for any `run(t)`);
   * - `run(event)`: until `event` has been processed; returns its value (throws its error if it failed).
   *
   * Returns the value of the `until` event, else undefined.
   */
  run<T = unknown>(until?: number | SimEvent<T>): T | undefined {
    if (until === undefined) {
      this.loop(Number.POSITIVE_INFINITY, null);
      if (this.live > 0 && this.onDeadlock === 'error') {
        const waiting = this.waiting().filter((w) => !w.process.daemon);
        if (waiting.length > 0) throw new DeadlockError(waiting, this._now, this.clockOf(this._now));
      }
      return undefined;
    }
    if (typeof until === 'number') {
      if (!(until >= this._now))
        throw new SimulationError(
          `run(until): until must be ≥ now (${this._now}), got ${formatValue(until)}`,
          this.here(),
        );
      this.loop(until, null);
      // A clock at Infinity would put every later entry at Infinity and break time averages.
      if (until !== Number.POSITIVE_INFINITY) {
        this._now = until;
        this.calendar.time = until;
      }
      return undefined;
    }
    if (!(until instanceof SimEvent) || until.env !== this)
      throw new SimulationError(
        `run(until) expects a number or an event of this environment, got ${until instanceof SimEvent ? `${until.describe()} from another environment` : formatValue(until)}`,
        this.here(),
      );
    if (until._state !== PROCESSED) {
      // Make sure the run stops right after the event is processed, even if more entries follow.
      let done = false;
      until._addCallback(() => {
        done = true;
      });
      this.loop(Number.POSITIVE_INFINITY, () => done);
      if (!done) {
        const waiting = this.waiting().filter((w) => !w.process.daemon);
        throw new SimulationError(
          `run(until=${until.describe()}) ran out of events before it happened${waiting.length > 0 ? `; still waiting: ${waiting.map((w) => `${w.name} (${w.waitingOn})`).join('; ')}` : ''}`,
          this.here(),
        );
      }
    }
    if (!until._ok) {
      until.defused = true;
      throw until._value;
    }
    return until._value as T;
  }

  /**
   * Processes still waiting (alive and not running), in creation order, each with what it waits on.
   * Useful after `run(t)` and in reports.
   */
  waiting(): WaitingProcess[] {
    const out: WaitingProcess[] = [];
    for (let p = this.liveHead; p !== null; p = p._next)
      out.push({ name: p.name, waitingOn: p.describeState(), process: p });
    // The live list is newest first; a report (and the deadlock message's first ten) should start
    // with the oldest.
    return out.reverse();
  }

  /** Every calendar entry due, as `[time, description]`, sorted. For debugging small models. */
  agenda(): [number, string][] {
    const rows: [number, string][] = [];
    this.calendar.forEach((t, payload, arg) => {
      const what =
        payload instanceof SimEvent
          ? payload.describe()
          : `${(payload as { name?: string }).name || 'callback'}(${arg instanceof Process ? arg.name : ''})`;
      rows.push([t, what]);
    }, this._now);
    return rows.sort((a, b) => a[0] - b[0]);
  }

  /** The main loop: pop and dispatch entries due before `until`, or until `stop()` says so. */
  private loop(until: number, stop: (() => boolean) | null): void {
    const cal = this.calendar;
    if (until === Number.POSITIVE_INFINITY && stop === null) {
      // The common case, kept tight: pop and dispatch until the calendar is empty.
      while (cal.pop(this._now)) {
        this._now = cal.time;
        this.dispatch();
      }
      return;
    }
    while (cal.peekTime(this._now) < until) {
      cal.pop(this._now);
      this._now = cal.time;
      this.dispatch();
      if (stop !== null && stop()) return;
    }
  }

  /** Carry out the entry just popped: call a callback, or process an event. */
  private dispatch(): void {
    const cal = this.calendar;
    const payload = cal.payload;
    if (this.cancelled !== null && this.cancelled.delete(cal.poppedSeq)) {
      if (this.cancelled.size === 0) this.cancelled = null;
      return;
    }
    if (typeof payload === 'function') {
      try {
        payload(cal.arg);
      } catch (error) {
        throw this.callbackError(error, payload);
      }
      return;
    }
    const ev = payload as SimEvent<any>;
    const cb = ev._cb;
    const cbs = ev._cbs;
    ev._cb = null;
    ev._cbs = null;
    ev._state = PROCESSED;
    if (cb !== null) {
      if (typeof cb === 'function') cb(ev);
      else cb._wake(ev);
      if (cbs !== null)
        for (let i = 0; i < cbs.length; i++) {
          const c = cbs[i]!;
          if (typeof c === 'function') c(ev);
          else c._wake(ev);
        }
    }
    if (!ev._ok && !ev.defused) {
      ev.defused = true;
      throw ev._value;
    }
  }

  private callbackError(error: unknown, fn: { name?: string }): unknown {
    if (error instanceof SimulationError) return error;
    return new SimulationError(
      `callback ${fn.name || '(anonymous)'} threw: ${error instanceof Error ? error.message : formatValue(error)}`,
      { ...this.here(), step: fn.name || undefined },
      { cause: error },
    );
  }

  // ---------------------------------------------------------------- internal API for events

  /** @internal Put a triggered event on the calendar. */
  _scheduleEvent(ev: SimEvent<any>, delay: number, priority: number): void {
    if (typeof delay !== 'number' || !(delay >= 0) || delay === Number.POSITIVE_INFINITY) {
      ev._state = PENDING;
      this.badDelay(delay, ev.describe());
    }
    // Unchecked, a bad priority would silently corrupt the calendar's order (NaN keys, negative
    // sequence numbers); the default is checked away cheaply.
    if (priority !== Priority.NORMAL && !isPriority(priority)) {
      ev._state = PENDING;
      checkPriority(priority, this, ev.describe());
    }
    this.calendar.push(this._now + delay, priority, ev, undefined, this._now);
  }

  /** @internal when the calendar entry with this handle falls due (NaN if none); O(n), for messages */
  _dueTime(handle: number): number {
    return this.calendar.dueTime(handle, this._now);
  }

  /** @internal */
  _register(p: Process<any>): void {
    p._next = this.liveHead;
    if (this.liveHead !== null) this.liveHead._prev = p;
    this.liveHead = p;
    this.live++;
  }

  /** @internal */
  _unregister(p: Process<any>): void {
    if (p._prev !== null) p._prev._next = p._next;
    else this.liveHead = p._next;
    if (p._next !== null) p._next._prev = p._prev;
    p._prev = p._next = null;
    this.live--;
  }

  /** @internal where the environment is now, for errors: inside a process, its name and step */
  here(): {
    time: number;
    clock: string | undefined;
    entity: string | undefined;
    step: string | undefined;
  } {
    const p = this.activeProcess;
    return { time: this._now, clock: this.clockOf(this._now), entity: p?.name, step: p?.step };
  }

  private badDelay(delay: unknown, what: string): never {
    throw new SimulationError(
      `negative, NaN or infinite delay ${formatValue(delay)} for ${what}`,
      this.here(),
    );
  }
}

/** The object `delay()` hands to `yield*`; never triggered. */
class DelayMarker extends SimEvent<void> {
  override describe(): string {
    return 'delay';
  }
}

function isPriority(priority: number): boolean {
  return Number.isInteger(priority) && priority >= 0 && priority <= MAX_PRIORITY;
}

/**
 * `priority` if it is a valid level, else a SimulationError naming `what` (a description, or the
 * callback whose name is read only then: `fn.name` is an accessor call, too dear for every schedule).
 */
function checkPriority(priority: number, env: Environment, what: string | { readonly name: string }): number {
  if (!isPriority(priority)) {
    const name = typeof what === 'string' ? what : what.name || 'callback';
    throw new SimulationError(
      `priority for ${name} must be an integer in [0, ${MAX_PRIORITY}], got ${formatValue(priority)}`,
      env.here(),
    );
  }
  return priority;
}

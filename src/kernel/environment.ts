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
 * Two watchdogs keep a run from hanging without a word, at no cost per event worth measuring (they
 * count inside the calendar's pop; see calendar.ts): processes stuck waiting on each other while a
 * daemon keeps the calendar busy stop the run with a {@link DeadlockError} that shows the wait-for
 * cycle ({@link EnvironmentOptions.stallCheckEvery}), and a clock that stands still for too many
 * events stops it with a {@link ZeroDelayLoopError} ({@link EnvironmentOptions.maxEventsPerInstant}).
 * A trace hook ({@link EnvironmentOptions.trace}) sees every calendar entry; without one the run loop
 * has no trace call in it.
 *
 * @module
 */

import { ALARM_INSTANT, Calendar } from './calendar.js';
import { AllOf, type AllOfValue, AnyOf, type AnyOfValue } from './condition.js';
import { formatValue, ParameterError, SimulationError } from './errors.js';
import { PENDING, PROCESSED, QUIET, SimEvent, Timeout, TRIGGERED } from './event.js';
import { MAX_PRIORITY, Priority } from './priority.js';
import { endDelay, type Proc, Process, type ProcessOptions } from './process.js';
import { type TraceHook, traceRecord, wokenBy } from './trace.js';
import { formatCycle, stuckProcesses, type WaitEdge, waitCycle } from './waitfor.js';

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
  /**
   * Stall watchdog: every this many calendar entries that may move the clock (or 8 per live process,
   * if that is more), look for processes that
   * can never resume (each waits on another's completion, in a cycle) and stop the run with a
   * {@link DeadlockError} naming the cycle if the same ones were stuck at the previous look. Catches a
   * deadlock that a daemon's endless events would otherwise hide. Default 100 000; 0 switches it off
   * (so does `onDeadlock: 'ignore'`).
   */
  readonly stallCheckEvery?: number;
  /**
   * Zero-delay watchdog: how many calendar entries due at one instant (scheduled with no delay while
   * the clock stands still) a run may carry out before it stops with a {@link ZeroDelayLoopError}
   * naming what is due next. The count is checked only each time it runs out, so the run stops after
   * between this many and twice as many such entries. Default 10 000 000, far above a model that
   * starts a county's people at once; 0 switches it off.
   */
  readonly maxEventsPerInstant?: number;
  /**
   * Called with a {@link TraceRecord} for every calendar entry as it is carried out (time, kind,
   * entity, step), like simmer's verbose mode; {@link ndjsonTrace} writes them as NDJSON. Off by
   * default, and free when off.
   */
  readonly trace?: TraceHook;
}

/** Default of {@link EnvironmentOptions.stallCheckEvery}. */
const STALL_CHECK_EVERY = 100_000;
/** Default of {@link EnvironmentOptions.maxEventsPerInstant}. */
const MAX_EVENTS_PER_INSTANT = 10_000_000;

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
 * Processes wait on events that nothing can trigger any more: the calendar ran empty while they
 * waited, or the stall watchdog found them stuck in a wait-for cycle while other entries (a daemon's)
 * kept the run going. `cycle` says who waits on whom.
 *
 * @example
 * ```ts
 * try { env.run(); } catch (e) { if (e instanceof DeadlockError) console.log(e.waiting.map(w => w.name), e.cycle); }
 * ```
 */
export class DeadlockError extends SimulationError {
  /** Error name shown in stack traces and `String(error)`: always `'DeadlockError'`. */
  override name = 'DeadlockError';
  constructor(
    /** The processes that were still waiting (the calendar ran empty) or stuck (the watchdog). */
    readonly waiting: readonly WaitingProcess[],
    time: number,
    clock: string | undefined,
    /**
     * A wait-for cycle among them, one edge per process (which process waits on which event, owned
     * by which process), or empty when none is known (they wait on events of unknown owner).
     */
    readonly cycle: readonly WaitEdge[] = [],
    /** How the deadlock was found; `'empty calendar'` or `'stall watchdog'`. */
    readonly foundBy: 'empty calendar' | 'stall watchdog' = 'empty calendar',
  ) {
    const shown = waiting
      .slice(0, 10)
      .map((w) => `  ${w.name}: ${w.waitingOn}`)
      .join('\n');
    const more = waiting.length > 10 ? `\n  ... and ${waiting.length - 10} more` : '';
    const are = `${waiting.length} process${waiting.length === 1 ? ' is' : 'es are'}`;
    const lead =
      foundBy === 'empty calendar'
        ? `no more events, but ${are} still waiting on events nothing can trigger (mark long-running server loops with { daemon: true })`
        : `${are} stuck waiting on each other while other events go on (found by the stall watchdog; see stallCheckEvery)`;
    const cycleText = cycle.length > 0 ? `\nwait-for cycle:\n${formatCycle(cycle)}` : '';
    super(`${lead}:\n${shown}${more}${cycleText}`, { time, clock });
  }
}

/**
 * Too many calendar entries at one instant: the clock stands still, most likely in a zero-delay loop
 * (a process or callback that reschedules itself, or two that wake each other, with no delay).
 * `involved` names what was due next at that instant. See
 * {@link EnvironmentOptions.maxEventsPerInstant}.
 *
 * @example
 * ```ts
 * try { env.run(); } catch (e) { if (e instanceof ZeroDelayLoopError) console.log(e.involved); }
 * ```
 */
export class ZeroDelayLoopError extends SimulationError {
  /** Error name shown in stack traces and `String(error)`: always `'ZeroDelayLoopError'`. */
  override name = 'ZeroDelayLoopError';
  constructor(
    /** The limit that was passed (entries at one instant). */
    readonly limit: number,
    /**
     * The processes (by name) or callbacks due next at that instant, with how many entries each has
     * there, most first.
     */
    readonly involved: readonly { readonly name: string; readonly entries: number }[],
    time: number,
    clock: string | undefined,
  ) {
    const shown = involved
      .slice(0, 10)
      .map((w) => `${w.name}${w.entries > 1 ? ` (${w.entries})` : ''}`)
      .join(', ');
    const more = involved.length > 10 ? `, ... and ${involved.length - 10} more` : '';
    super(
      `${limit} events or more at one instant without the clock moving: a zero-delay loop? Due next at this instant: ${shown}${more} (raise maxEventsPerInstant, or 0 to switch the watchdog off, if the model means it)`,
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
  /** Who failed each failed event not yet processed (see {@link Environment._noteFailure}). */
  private failedBy: Map<SimEvent<any>, Actor> | null = null;
  private processCount = 0;
  private liveHead: Process<any> | null = null;
  private live = 0;
  private readonly registered: Component[] = [];
  private readonly maxPerInstant: number;
  private readonly tracer: TraceHook | null;
  /** True while the loop (or step) carries out entries: then the calendar's payload is the current one. */
  private running = false;
  /** Processes the stall watchdog found stuck at its previous look, with what each waited on. */
  private stuckBefore: Map<Process<any>, SimEvent<any>> | null = null;

  constructor(options: EnvironmentOptions = {}) {
    const start = options.startTime ?? 0;
    if (typeof start !== 'number' || !Number.isFinite(start))
      throw new SimulationError(`startTime must be a finite number, got ${formatValue(start)}`, { time: 0 });
    this._now = start;
    this.calendar.time = start;
    this.clockFn = options.clock;
    this.onDeadlock = options.onDeadlock ?? 'error';
    this.maxPerInstant = count(options.maxEventsPerInstant, MAX_EVENTS_PER_INSTANT, 'maxEventsPerInstant');
    const every = count(options.stallCheckEvery, STALL_CHECK_EVERY, 'stallCheckEvery');
    this.calendar.limitInstant(this.maxPerInstant, this._now);
    this.calendar.checkAfter(this.onDeadlock === 'error' ? every : 0);
    if (options.trace !== undefined && typeof options.trace !== 'function')
      throw new ParameterError('trace', 'a function', options.trace);
    this.tracer = options.trace ?? null;
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
    while (!this.calendar.pop(this._now)) {
      if (this.calendar.alarm === 0) throw new SimulationError('step(): the calendar is empty', this.here());
      this.onAlarm();
    }
    this._now = this.calendar.time;
    if (this.tracer !== null) this.trace();
    this.running = true;
    try {
      this.dispatch();
    } finally {
      this.running = false;
    }
  }

  /**
   * Run the model.
   *
   * - `run()`: until the calendar is empty (then checks for deadlocked processes);
   * - `run(t)`: process every entry due *before* `t`, then set the clock to `t` (entries due exactly at
   *   `t` stay on the calendar for a later run); `t` must be later than now; `run(Infinity)` runs until the calendar is empty and
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
        if (waiting.length > 0) {
          const stuck = stuckProcesses(this.liveList());
          const start = waiting.find((w) => stuck.has(w.process));
          const cycle = start === undefined ? [] : waitCycle(start.process, stuck);
          throw new DeadlockError(waiting, this._now, this.clockOf(this._now), cycle);
        }
      }
      return undefined;
    }
    if (typeof until === 'number') {
      // As in SimPy: a run to the present (or the past) would do nothing, and is almost always a
      // mistake in the caller's arithmetic, so it is refused rather than ignored.
      if (!(until > this._now))
        throw new SimulationError(
          `run(until): until must be later than now (t=${this._now}), got ${formatValue(until)}`,
          this.here(),
        );
      this.loop(until, null);
      // A clock at Infinity would put every later entry at Infinity and break time averages.
      if (until !== Number.POSITIVE_INFINITY) {
        this._now = until;
        this.calendar.moveClock(until);
      }
      return undefined;
    }
    if (!(until instanceof SimEvent) || until.env !== this)
      throw new SimulationError(
        `run(until) expects a number or an event of this environment, got ${until instanceof SimEvent ? `${until.describe()} from another environment` : formatValue(until)}`,
        this.here(),
      );
    if (until._state === QUIET) this._settle(until);
    if (until._state !== PROCESSED) {
      // Make sure the run stops right after the event is processed, even if more entries follow.
      // The caller handles the event's failure (run() throws it as is, below), so it is defused here
      // and does not stop the loop as an unhandled one.
      let done = false;
      until._addCallback((ev) => {
        done = true;
        ev.defused = true;
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

  /**
   * The main loop: pop and dispatch entries due before `until`, or until `stop()` says so. A pop that
   * returns false with entries left is a watchdog's alarm: see to it, then go on.
   */
  private loop(until: number, stop: (() => boolean) | null): void {
    const cal = this.calendar;
    cal.limitInstant(this.maxPerInstant, this._now);
    this.running = true;
    try {
      for (;;) {
        const stopped = this.tracer === null ? this.entries(until, stop) : this.tracedEntries(until, stop);
        if (stopped || cal.alarm === 0) return;
        this.onAlarm();
      }
    } finally {
      this.running = false;
    }
  }

  /** Carry out entries as {@link Environment.loop} says; true if `stop()` ended it. */
  private entries(until: number, stop: (() => boolean) | null): boolean {
    const cal = this.calendar;
    if (until === Number.POSITIVE_INFINITY && stop === null) {
      // The common case, kept tight: pop and dispatch until the calendar is empty.
      while (cal.pop(this._now)) {
        this._now = cal.time;
        this.dispatch();
      }
      return false;
    }
    while (cal.peekTime(this._now) < until) {
      if (!cal.pop(this._now)) break;
      this._now = cal.time;
      this.dispatch();
      if (stop !== null && stop()) return true;
    }
    return false;
  }

  /** {@link Environment.entries} with a trace record before each entry: a loop of its own, so that an untraced run pays nothing. */
  private tracedEntries(until: number, stop: (() => boolean) | null): boolean {
    const cal = this.calendar;
    while (cal.peekTime(this._now) < until) {
      if (!cal.pop(this._now)) break;
      this._now = cal.time;
      this.trace();
      this.dispatch();
      if (stop !== null && stop()) return true;
    }
    return false;
  }

  /** Report the entry just popped to the trace hook (cancelled callbacks are skipped, as by dispatch). */
  private trace(): void {
    const cal = this.calendar;
    if (this.cancelled?.has(cal.poppedSeq)) return;
    this.tracer!(traceRecord(this, cal.payload, cal.arg));
  }

  /** A watchdog's alarm: too many entries at this instant (throws), or time for a stall check. */
  private onAlarm(): void {
    const cal = this.calendar;
    const alarm = cal.alarm;
    cal.alarm = 0;
    if (alarm === ALARM_INSTANT) {
      // Restart the count so that a caller who catches the error and runs on is watched again.
      cal.limitInstant(this.maxPerInstant, this._now);
      throw new ZeroDelayLoopError(this.maxPerInstant, this.dueNow(), this._now, this.clockOf(this._now));
    }
    // A look walks every live process: with many of them, look less often, so that its cost per
    // entry stays a small fraction of an entry's.
    cal.rearmCheck(8 * this.live);
    this.checkStall();
  }

  /** What is due at this instant, by process or callback name, most entries first. */
  private dueNow(): { name: string; entries: number }[] {
    const counts = new Map<string, number>();
    const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
    this.calendar.forEach((t, payload, arg) => {
      if (t !== this._now) return;
      if (payload instanceof Process) add(payload.name);
      else if (payload instanceof SimEvent) {
        const woken = [...wokenBy(payload)];
        if (woken.length === 0) add(payload.describe());
        for (const p of woken) add(p.name);
      } else add(arg instanceof Process ? arg.name : (payload as { name?: string }).name || 'callback');
    }, this._now);
    return [...counts].map(([name, entries]) => ({ name, entries })).sort((a, b) => b.entries - a.entries);
  }

  /**
   * The stall watchdog's look: processes that can never resume (a wait-for cycle) and were already
   * stuck on the same events at the previous look stop the run. Two looks, a period apart, because
   * an interrupt from outside could still free them.
   */
  private checkStall(): void {
    const before = this.stuckBefore;
    this.stuckBefore = null;
    if (this.live === 0) return;
    const stuck = stuckProcesses(this.liveList());
    if (stuck.size === 0) return;
    const still = [...stuck].filter((p) => before?.get(p) === p._target);
    const start = still.find((p) => !p.daemon);
    if (start !== undefined) {
      const waiting = this.waiting().filter((w) => stuck.has(w.process) && !w.process.daemon);
      throw new DeadlockError(
        waiting,
        this._now,
        this.clockOf(this._now),
        waitCycle(start, stuck),
        'stall watchdog',
      );
    }
    this.stuckBefore = new Map([...stuck].map((p) => [p, p._target!]));
  }

  /** The live processes, newest first. */
  private *liveList(): Generator<Process<any>> {
    for (let p = this.liveHead; p !== null; p = p._next) yield p;
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
    if (!ev._ok) {
      const by = this.failedBy?.get(ev);
      this.failedBy?.delete(ev);
      if (!ev.defused) {
        ev.defused = true;
        throw this.unhandledFailure(ev, by);
      }
    }
  }

  /**
   * The error a run stops with when `ev` failed and nobody handled it. A process's own failure is
   * already located at the process; any other failure is wrapped (the original as `cause`) so the
   * message says when, and who failed the event: a bare `Error: PCR machine down`, or a thrown
   * string, would say neither.
   */
  private unhandledFailure(ev: SimEvent<any>, by: Actor | undefined): unknown {
    const error = ev._value;
    if (error instanceof SimulationError && error.entity !== undefined) return error;
    const what = error instanceof Error ? error.message : formatValue(error);
    return new SimulationError(
      `${ev.describe()} failed and nobody waited for it or handled it: ${what}`,
      { time: this._now, clock: this.clockOf(this._now), entity: by?.entity, step: by?.step },
      { cause: error },
    );
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

  /**
   * @internal Record who is failing `ev` (the running process and its step, or the callback), for
   * the message if nobody handles the failure. Failures are rare, so a map here costs less than a
   * field on every event.
   */
  _noteFailure(ev: SimEvent<any>): void {
    const p = this.activeProcess;
    // Outside a run the calendar's last payload is stale: top-level code fails the event.
    const payload = this.running ? this.calendar.payload : undefined;
    const entity = p?.name ?? (typeof payload === 'function' ? payload.name || undefined : undefined);
    (this.failedBy ??= new Map()).set(ev, { entity, step: p?.step });
  }

  /** @internal Processes may end quietly (see {@link QUIET}): not in a traced run. */
  get _quietEnds(): boolean {
    return this.tracer === null;
  }

  /** @internal A place on the calendar at this instant, normal priority, with no entry: its sequence number. */
  _reservePlace(): number {
    return this.calendar.reserve();
  }

  /**
   * @internal Someone looks at, or waits for, a quietly ended process: it is processed if the calendar
   * has passed its place, else it gets its calendar entry there now.
   */
  _settle(ev: SimEvent<any>): void {
    const p = ev as Process<any>;
    const seq = p._place;
    p._place = -1;
    if (this.calendar.passed(seq)) p._state = PROCESSED;
    else {
      p._state = TRIGGERED;
      this.calendar.pushPlace(this._now, seq, p);
    }
  }

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

/** A count option: an integer ≥ 0, or the default when undefined. */
function count(value: number | undefined, fallback: number, path: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new ParameterError(path, 'an integer ≥ 0', value);
  return value;
}

/** Who triggered something: a process (and its step) or a callback, by name. */
interface Actor {
  readonly entity: string | undefined;
  readonly step: string | undefined;
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

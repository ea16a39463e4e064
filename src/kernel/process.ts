/**
 * Processes: generator functions that read like the work on the ground.
 *
 * ```ts
 * function* resident(env: Environment, desk: Resource) {
 *   const req = yield* desk.request();   // wait in the queue
 *   yield* env.timeout(40);              // register
 *   desk.release(req);
 * }
 * env.process(resident(env, desk), { name: 'resident#1' });
 * ```
 *
 * A process yields events and is resumed with each event's value when it is processed, or has the
 * event's error thrown into it (as the event was failed with: `fail(error)` throws `error` itself). A
 * {@link Process} is itself an event, so processes can wait for each other: it succeeds with the
 * generator's return value, through the calendar like any event (a process that waits for it later
 * in the same instant resumes behind the entries already due, as in SimPy). An error that escapes the
 * generator fails the process with a {@link SimulationError} naming the process, the time (and clock
 * time) and its step, the original error as `cause` (an unhandled {@link Interrupt} too); a process
 * waiting for it gets that error thrown into it, and if nobody waits the run stops with it.
 *
 * An {@link Interrupt} can be thrown into a waiting process from outside ({@link Process.interrupt});
 * the process stops waiting on its event and, if nobody else waits for that event, the event is
 * abandoned (a queued resource request leaves the queue).
 *
 * @module
 */
import type { Environment } from './environment.js';
import { SimulationError, SurgesimError } from './errors.js';
import { PENDING, PROCESSED, QUIET, SimEvent, TRIGGERED, type Waiter } from './event.js';
import { Priority } from './priority.js';

/**
 * The type of a process body: a generator that yields events and returns `R`.
 *
 * @example
 * ```ts
 * function* car(env: Environment): Proc<number> {
 *   yield* env.timeout(5);
 *   return env.now;
 * }
 * ```
 */
export type Proc<R = void> = Generator<SimEvent<any>, R, any>;

/**
 * Thrown into a process by {@link Process.interrupt}. `cause` says why (for preemption, a
 * {@link Preempted}-like object naming who preempted and since when the resource was held).
 *
 * @example
 * ```ts
 * try { yield* env.timeout(100); } catch (e) { if (e instanceof Interrupt) log.push(['interrupted', e.cause]); }
 * ```
 */
export class Interrupt extends SurgesimError {
  /** Error name shown in stack traces and `String(error)`: always `'Interrupt'`. */
  override name = 'Interrupt';
  constructor(
    /** Why the process was interrupted (anything the interrupter passed). */
    override readonly cause: unknown,
    /** Simulated time of the interrupt. */
    readonly time: number,
  ) {
    super(`interrupted at t=${time}${cause === undefined ? '' : `: ${describeCause(cause)}`}`);
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (
    typeof cause === 'object' &&
    cause !== null &&
    'describe' in cause &&
    typeof cause.describe === 'function'
  )
    return String(cause.describe());
  if (typeof cause === 'string') return cause;
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}

/** Options for {@link Environment.process}. */
export interface ProcessOptions {
  /** Name for logs and errors, e.g. `resident#17`. Default `process#N`. */
  readonly name?: string;
  /**
   * A daemon process may still be waiting when the calendar runs empty (a server loop waiting for
   * work) without that counting as a deadlock.
   */
  readonly daemon?: boolean;
}

/**
 * A running generator, and the event of its completion.
 *
 * It succeeds with what the generator returns. If the generator throws, it fails with a
 * {@link SimulationError} located at this process (name, time, step) whose `cause` is what was thrown;
 * that error is what a waiting process catches, or what stops the run when nobody waits.
 *
 * @typeParam R - what the generator returns; the process succeeds with it.
 * @example
 * ```ts
 * const p = env.process(function* () { yield* env.timeout(3); return 'done'; });
 * env.run();
 * p.value; // 'done'
 * ```
 */
export class Process<R = unknown> extends SimEvent<R> implements Waiter {
  /** @internal the explicit name, or the sequence number the default name is made of */
  private readonly _label: string | number;
  /** True for daemon processes (see {@link ProcessOptions.daemon}). */
  readonly daemon: boolean;
  /**
   * A label for what the process is doing now (`'registration'`, `'swab'`); errors include it. Set it
   * from inside the process: `proc.step = 'swab'`. When unset, errors describe the awaited event.
   */
  step: string | undefined = undefined;
  /** @internal the event the process waits for, or null when running or finished */
  _target: SimEvent<any> | null = null;
  /**
   * @internal calendar handle of a pending {@link Environment.delay}, or -1. When the delay ends is
   * not stored here: only error messages need it, and they look it up on the calendar. A stored time
   * would be a boxed double per process, which under overload (many waiting processes surviving
   * young-generation collections) is memory the garbage collector copies for nothing.
   */
  _delayHandle = -1;
  /** @internal the sequence number of its completion's calendar place while {@link QUIET}, else -1 */
  _place = -1;
  /** @internal intrusive list of live processes, for deadlock reports */
  _prev: Process<any> | null = null;
  /** @internal */ _next: Process<any> | null = null;
  private readonly gen: Proc<R>;

  /** @internal use {@link Environment.process} */
  constructor(env: Environment, gen: Proc<R>, options: ProcessOptions | undefined, id: number) {
    super(env);
    this.gen = isGenerator(gen) ? gen : asGenerator(gen, env);
    this._label = options?.name ?? id;
    this.daemon = options?.daemon ?? false;
    env._register(this);
    env.schedule(0, startProcess, this, Priority.URGENT);
  }

  /** Name for logs and errors (`process#N` unless one was given). */
  get name(): string {
    return typeof this._label === 'string' ? this._label : `process#${this._label}`;
  }

  /** @internal the event this process waits for was processed */
  _wake(ev: SimEvent<any>): void {
    this._resume(ev._ok, ev._value, ev);
  }

  /** True until the generator has returned or thrown. */
  get isAlive(): boolean {
    return this._state === PENDING;
  }

  /** The event the process currently waits for (undefined when running or finished). */
  get waitingOn(): SimEvent<any> | undefined {
    return this._target ?? undefined;
  }

  /**
   * Throw an {@link Interrupt} with `cause` into this process, at once (urgent priority at the current
   * time). If the process waits on an event, it stops waiting; an event left with no waiter is
   * abandoned (a queued request leaves its queue). Interrupting a finished process is an error; a
   * process cannot interrupt itself.
   */
  interrupt(cause?: unknown): void {
    const env = this.env;
    if (this._state !== PENDING)
      throw new SimulationError(`${this.name} has finished and cannot be interrupted`, {
        time: env.now,
        clock: env.clockOf(env.now),
        entity: env.activeProcess?.name,
      });
    if (env.activeProcess === this)
      throw new SimulationError('a process cannot interrupt itself', {
        time: env.now,
        clock: env.clockOf(env.now),
        entity: this.name,
      });
    env.schedule(0, deliverInterrupt, { process: this, cause }, Priority.URGENT);
  }

  override describe(): string {
    return `process ${this.name}`;
  }

  /**
   * Refused: a process ends by returning from (or throwing in) its generator. Triggering it from
   * outside would wake its waiters while the generator runs on and later ends it a second time.
   */
  override succeed(_value?: R, _delay?: number, _priority?: number): this {
    return this.refuseTrigger();
  }

  /** Refused, like {@link Process.succeed}; use {@link Process.interrupt} to stop a process early. */
  override fail(_error: unknown, _priority?: number): this {
    return this.refuseTrigger();
  }

  private refuseTrigger(): never {
    throw new SimulationError(
      `${this.describe()} ends by returning from (or throwing in) its generator; succeed() and fail() cannot be called on it (use interrupt() to stop it early)`,
      this.env.here(),
    );
  }

  /** What the process is doing, for errors and deadlock reports. */
  describeState(): string {
    if (this._state !== PENDING) return 'finished';
    if (this._target === null) return this.step ?? 'running';
    const waiting =
      this._target === this.env._delayMarker
        ? `in a delay until t=${this.env._dueTime(this._delayHandle)}`
        : `waiting on ${this._target.describe()}`;
    return this.step !== undefined ? `${this.step}, ${waiting}` : waiting;
  }

  /** @internal deliver an interrupt (see {@link Process.interrupt}) */
  _interrupt(cause: unknown): void {
    if (this._state !== PENDING) return; // finished before the interrupt arrived: nothing to do
    const target = this._target;
    this._target = null;
    if (target === this.env._delayMarker) {
      this.env.cancel(this._delayHandle);
      this._delayHandle = -1;
    } else if (target !== null) target._removeCallback(this);
    this._resume(false, new Interrupt(cause, this.env.now), null);
  }

  /**
   * @internal Run the generator until it waits on an event that has not been processed, returns, or
   * throws. `event` is the event resumed from (defused when its error is thrown into the generator).
   */
  _resume(ok: boolean, value: unknown, event: SimEvent<any> | null): void {
    const env = this.env;
    const outer = env.activeProcess;
    env.activeProcess = this;
    this._target = null;
    for (;;) {
      let r: IteratorResult<SimEvent<any>, R>;
      try {
        if (ok) r = generatorNext.call(this.gen, value) as IteratorResult<SimEvent<any>, R>;
        else {
          if (event !== null) event.defused = true;
          r = this.gen.throw(value);
        }
      } catch (error) {
        env.activeProcess = outer;
        this.end(false, this.locate(error));
        return;
      }
      if (r.done === true) {
        env.activeProcess = outer;
        this.end(true, r.value);
        return;
      }
      const next = r.value;
      if (next === env._delayMarker && this._delayHandle >= 0) {
        // env.delay() already put this process's wake-up on the calendar: just wait.
        this._target = next;
        env.activeProcess = outer;
        return;
      }
      if (this._delayHandle >= 0 || next === env._delayMarker) {
        ok = false;
        value = new SimulationError(
          next === env._delayMarker
            ? 'yielded a delay that was not started by this wait (write `yield* env.delay(t)` in one expression)'
            : 'env.delay() was called but not yielded at once (write `yield* env.delay(t)` in one expression)',
          this.where(),
        );
        if (this._delayHandle >= 0) {
          env.cancel(this._delayHandle);
          this._delayHandle = -1;
        }
        event = null;
        continue;
      }
      if (!(next instanceof SimEvent)) {
        // Throw the complaint into the generator so a stack trace points at the bad yield.
        ok = false;
        value = new SimulationError(
          `yielded ${describeYielded(next)}, which is not an event (yield an event, e.g. env.timeout(5), or use yield* for helpers)`,
          this.where(),
        );
        event = null;
        continue;
      }
      if (next.env !== env) {
        ok = false;
        value = new SimulationError(`yielded ${next.describe()} from another environment`, this.where());
        event = null;
        continue;
      }
      if (next._state === QUIET) env._settle(next);
      if (next._state === PROCESSED) {
        // Already happened: resume at once with its outcome.
        ok = next._ok;
        value = next._value;
        event = next;
        continue;
      }
      this._target = next;
      next._addCallback(this);
      env.activeProcess = outer;
      return;
    }
  }

  /** @internal where this process is, for errors */
  override where(): { time: number; clock: string | undefined; step: string } {
    return { time: this.env.now, clock: this.env.clockOf(this.env.now), step: this.describeState() };
  }

  private end(ok: boolean, value: unknown): void {
    this.env._unregister(this);
    this._ok = ok;
    this._value = value;
    // A process that waits for this one resumes where the completion falls on the calendar, behind
    // entries already due (as in SimPy), not at once. Most processes end with nobody waiting and
    // nobody ever asking: then the completion only takes a place on the calendar, and becomes an
    // entry if a waiter comes before the calendar has passed it. A failure always gets its entry (it
    // stops the run if nobody handles it), and so does every end in a traced run (the trace shows it).
    if (ok && this._cb === null && this.env._quietEnds) {
      this._state = QUIET;
      this._place = this.env._reservePlace();
      return;
    }
    this._state = TRIGGERED;
    this.env._scheduleEvent(this, 0, Priority.NORMAL);
  }

  /** Attach this process's name, the time and the step to an error thrown inside it. */
  private locate(error: unknown): unknown {
    if (error instanceof SimulationError && error.entity !== undefined) return error;
    if (error instanceof Interrupt) {
      return new SimulationError(`ended by an unhandled interrupt: ${error.message}`, this.context(), {
        cause: error,
      });
    }
    const detail =
      error instanceof SimulationError
        ? error.detail
        : error instanceof Error
          ? error.message
          : String(error);
    return new SimulationError(detail, this.context(), { cause: error });
  }

  private context() {
    return {
      time: this.env.now,
      clock: this.env.clockOf(this.env.now),
      entity: this.name,
      step: this.step,
    };
  }
}

/**
 * The prototype every generator object inherits `next` and `throw` from. A process calls its
 * generator's `next` through this one function instead of reading `gen.next`: every generator
 * function (every closure of one, in a model built per replication) gives its objects a map of their
 * own, so the `gen.next` read in the process runner soon saw more maps than V8 tracks and went
 * megamorphic (a stub-cache lookup on every resume).
 */
const GeneratorPrototype: Generator = Object.getPrototypeOf(function* () {}).prototype;
const generatorNext = GeneratorPrototype.next;

/**
 * A generator object (made by calling a `function*`), whose `next` is the standard one.
 * `isPrototypeOf` rather than two `Object.getPrototypeOf` calls: with generator objects of many maps
 * TurboFan compiled those into runtime calls.
 */
function isGenerator(value: unknown): value is Proc<any> {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: GeneratorPrototype inherits from Object.prototype; the `.call` form is slower
  return typeof value === 'object' && value !== null && GeneratorPrototype.isPrototypeOf(value);
}

/**
 * Any other iterator (an object with `next`) runs inside a generator that delegates to it (`yield*`
 * forwards `next`, `throw` and the return value), so the runner only ever steps real generators.
 */
function asGenerator<R>(iterator: unknown, env: Environment): Proc<R> {
  if (iterator === null || typeof iterator !== 'object' || typeof (iterator as Proc<R>).next !== 'function')
    throw new SimulationError(
      `process() expects a generator object (call your generator function: env.process(worker(...))), got ${typeof iterator === 'function' ? `function ${(iterator as { name?: string }).name || '(anonymous)'}` : String(iterator)}`,
      { time: env.now, clock: env.clockOf(env.now) },
    );
  const inner = iterator as Iterator<SimEvent<any>, R, any>;
  return (function* () {
    return yield* { [Symbol.iterator]: () => inner };
  })();
}

function describeYielded(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'function') return `a function (${v.name || 'anonymous'})`;
  if (typeof v === 'object' && typeof (v as { next?: unknown }).next === 'function')
    return 'a generator (use yield* to delegate to it)';
  return typeof v === 'object' ? `an object (${Object.prototype.toString.call(v)})` : `a ${typeof v}`;
}

/** @internal calendar callback ending an {@link Environment.delay} */
export function endDelay(p: Process<any>): void {
  p._delayHandle = -1;
  p._resume(true, undefined, null);
}

/** @internal calendar callback starting a process */
export function startProcess(p: Process<any>): void {
  p._resume(true, undefined, null);
}

/** @internal calendar callback delivering an interrupt */
export function deliverInterrupt(arg: { process: Process<any>; cause: unknown }): void {
  arg.process._interrupt(arg.cause);
}

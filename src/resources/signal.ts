/**
 * Signal: a value that processes and callbacks wait on until it satisfies a condition (salabim's
 * `State`, simmer's signals made reusable): a site that opens, a lab's backlog that falls below a
 * threshold, a bus that arrives.
 *
 * - `waitFor(condition)` returns an event that succeeds with the value once `condition(value)` holds.
 *   If it holds now, the event is complete at once and the process goes on without yielding control
 *   (as an immediate resource grant does); otherwise it waits.
 * - `set(value)` changes the value and wakes, synchronously and in the order they started waiting,
 *   every waiter whose condition holds on it. A woken process resumes through the calendar at that
 *   instant, with the value that satisfied its condition (even if the value changes again before it
 *   runs); a woken callback runs inside `set`. Every `set` checks the conditions, also when the value
 *   is unchanged (a mutated object may satisfy a condition it did not before).
 * - The signal is reusable: waiters come and go, and a waiter's condition is checked on every `set`
 *   until it holds. An interrupted process's wait is withdrawn.
 *
 * @module
 */
import type { Environment } from '../kernel/environment.js';
import { formatValue, SimulationError } from '../kernel/errors.js';
import { SimEvent } from '../kernel/event.js';
import { nonEmptyString } from '../kernel/validate.js';
import { defaultName } from './names.js';
import { checkKeys } from './options.js';

/**
 * Options for a {@link Signal}.
 *
 * @example
 * ```ts
 * const site = new Signal(env, 'closed', { name: 'site' } satisfies SignalOptions);
 * ```
 */
export interface SignalOptions {
  /** Name for reports and errors. Default `signal#N`, N counting the unnamed signals of the environment. */
  readonly name?: string;
}

/** A callback waiter. */
interface CallbackWait<T> {
  readonly condition: (value: T) => boolean;
  readonly fn: (value: T) => void;
  _live: boolean;
}

/**
 * A process's wait on a {@link Signal}: an event that succeeds with the value that satisfied the
 * condition. Created by {@link Signal.waitFor}.
 *
 * @example
 * ```ts
 * const opened = yield* site.waitFor((state) => state === 'open');
 * ```
 */
export class SignalWait<T> extends SimEvent<T> {
  /** @internal still in the signal's list of waiters */
  _live = true;

  /** @internal use {@link Signal.waitFor} */
  constructor(
    /** The signal waited on. */
    readonly signal: Signal<T>,
    /** The condition on the value. */
    readonly condition: (value: T) => boolean,
  ) {
    super(signal.env);
  }

  override describe(): string {
    return `wait for signal ${this.signal.name} (now ${formatValue(this.signal.value)})`;
  }

  /** @internal nobody waits any more (the process was interrupted): withdraw */
  override _abandon(): void {
    if (this._live) {
      this._live = false;
      this.signal._withdrawn();
    }
  }
}

/**
 * A value to wait on until it satisfies a condition. See the module documentation.
 *
 * @example
 * ```ts
 * const site = new Signal(env, 'closed', { name: 'site' });
 * env.process(function* () {
 *   yield* site.waitFor((s) => s === 'open'); // resident queues only once the site opens
 * }());
 * env.schedule(3600, () => site.set('open'));
 * ```
 */
export class Signal<T> {
  /** Name for reports and errors. */
  readonly name: string;
  private _value: T;
  private waiters: (SignalWait<T> | CallbackWait<T>)[] = [];
  private live = 0;
  private setting = false;
  private again = false;

  constructor(
    /** The environment the signal lives in. */
    readonly env: Environment,
    initial: T,
    options: SignalOptions = {},
  ) {
    checkKeys(options, ['name'], typeof options.name === 'string' ? `signal(${options.name})` : 'signal');
    this.name =
      options.name === undefined ? defaultName(env, 'signal') : nonEmptyString(options.name, 'signal.name');
    this._value = initial;
    env.register(this);
  }

  /** The value now. */
  get value(): T {
    return this._value;
  }

  /** Waiters (processes and callbacks) whose condition has not held yet. */
  get waiting(): number {
    return this.live;
  }

  /**
   * An event that succeeds with the value once `condition(value)` holds: at once if it holds now.
   *
   * @example
   * ```ts
   * const backlog = yield* labQueue.waitFor((n) => n < 500);
   * ```
   */
  waitFor(condition: (value: T) => boolean): SignalWait<T> {
    this.checkCondition(condition);
    const w = new SignalWait(this, condition);
    if (condition(this._value)) {
      w._live = false;
      w._markProcessed(this._value);
    } else this.add(w);
    return w;
  }

  /**
   * Callback style: run `fn(value)` once `condition(value)` holds: now, synchronously, if it holds
   * now; otherwise inside the {@link Signal.set} that makes it hold.
   *
   * @example
   * ```ts
   * site.when((s) => s === 'open', () => arrivals.start());
   * ```
   */
  when(condition: (value: T) => boolean, fn: (value: T) => void): void {
    this.checkCondition(condition);
    if (typeof fn !== 'function')
      throw new SimulationError(
        `when on signal ${this.name}: fn must be a function, got ${formatValue(fn)}`,
        this.env.here(),
      );
    if (condition(this._value)) fn(this._value);
    else this.add({ condition, fn, _live: true });
  }

  /**
   * Change the value and wake every waiter whose condition now holds, in the order they started
   * waiting. A `set` made by a woken callback is applied after the current pass, which then checks
   * the remaining waiters against the newest value.
   *
   * @example
   * ```ts
   * env.schedule(3600, () => site.set('open'));
   * ```
   */
  set(value: T): void {
    this._value = value;
    if (this.setting) {
      this.again = true;
      return;
    }
    this.setting = true;
    try {
      do {
        this.again = false;
        this.wake();
      } while (this.again);
    } finally {
      this.setting = false;
    }
  }

  /** A one-line description for logs and deadlock reports. */
  describe(): string {
    return `signal ${this.name} (value ${formatValue(this._value)}, ${this.live} waiting)`;
  }

  /** @internal a process's wait was withdrawn */
  _withdrawn(): void {
    this.live--;
    // Withdrawn waits are skipped by the next pass; compact when they dominate, never mid-pass.
    if (!this.setting && this.live * 2 < this.waiters.length)
      this.waiters = this.waiters.filter((w) => w._live);
  }

  private add(w: SignalWait<T> | CallbackWait<T>): void {
    this.waiters.push(w);
    this.live++;
  }

  /**
   * One pass over the waiters, in waiting order, with the value as it is when each is checked.
   * Waiters added by woken callbacks join the end of the list and are checked in the same pass.
   */
  private wake(): void {
    const list = this.waiters;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (!w._live) continue;
      const value = this._value;
      if (!w.condition(value)) {
        list[kept++] = w;
        continue;
      }
      this.live--;
      w._live = false;
      if (w instanceof SignalWait) w.succeed(value);
      else w.fn(value);
    }
    list.length = kept;
  }

  private checkCondition(condition: unknown): void {
    if (typeof condition !== 'function')
      throw new SimulationError(
        `wait on signal ${this.name}: the condition must be a function of the value, got ${formatValue(condition)}`,
        this.env.here(),
      );
  }
}

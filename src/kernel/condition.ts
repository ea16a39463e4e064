/**
 * Conditions: wait for all of several events, or for the first of them.
 *
 * ```ts
 * const [beds, buses] = yield* env.allOf([bedsReady, busesArrived]);
 * const first = yield* env.anyOf([request, env.timeout(600)]);
 * if (first.index === 1) { ... } // the patience timeout came first
 * ```
 *
 * A condition watches its events as they are *processed*. If one of them fails, the condition fails
 * with that error (the child's failure counts as handled). Once a condition has its outcome it stops
 * watching the rest; an event left with no one waiting for it is abandoned (a resource request
 * withdraws from its queue), so `anyOf([request, timeout])` is the reneging pattern.
 *
 * @module
 */
import type { Environment } from './environment.js';
import { formatValue, SimulationError } from './errors.js';
import { type EventValue, PENDING, PROCESSED, QUIET, SimEvent, type Waiter } from './event.js';

/** Values of a tuple of events, position by position. */
export type AllOfValue<E extends readonly SimEvent<any>[]> = { -readonly [K in keyof E]: EventValue<E[K]> };

/** The outcome of {@link Environment.anyOf}: which event came first and its value. */
export interface AnyOfValue<E extends readonly SimEvent<any>[]> {
  /** Position of the first processed event in the list. */
  readonly index: number;
  /** That event. */
  readonly event: E[number];
  /** Its value. */
  readonly value: EventValue<E[number]>;
}

abstract class Condition<V> extends SimEvent<V> implements Waiter {
  /** The events watched, in the order given. */
  protected readonly events: readonly SimEvent<any>[];

  constructor(env: Environment, events: readonly SimEvent<any>[], kind: string) {
    super(env);
    // Locate errors with env.here(), not this.where(): describe() reads this.events, not yet set.
    if (!Array.isArray(events))
      throw new SimulationError(`${kind} expects an array of events, got ${formatValue(events)}`, env.here());
    events.forEach((e, i) => {
      if (!(e instanceof SimEvent))
        throw new SimulationError(
          `${kind}: element [${i}] is not an event (got ${formatValue(e)})`,
          env.here(),
        );
      if (e.env !== env)
        throw new SimulationError(
          `${kind}: element [${i}] (${e.describe()}) belongs to another environment`,
          env.here(),
        );
    });
    this.events = events;
  }

  /** @internal the events watched, for wait-for analysis */
  get _watched(): readonly SimEvent<any>[] {
    return this.events;
  }

  /** Start watching: events already processed are checked at once. */
  protected start(): void {
    for (const e of this.events) {
      if (this._state !== PENDING) return;
      if (e._state === QUIET) this.env._settle(e);
      if (e._state === PROCESSED) this.check(e);
      else e._addCallback(this);
    }
    if (this._state === PENDING) this.checkEmpty();
  }

  /** @internal a child was processed */
  _wake(ev: SimEvent<any>): void {
    this.check(ev);
  }

  /** Called with each child once it is processed; settles this condition when the child decides it. */
  protected abstract check(ev: SimEvent<any>): void;
  /** Called once after watching starts, for a condition over no events. */
  protected abstract checkEmpty(): void;

  /** Fail with a child's error (the child's failure is handled here). */
  protected failWith(ev: SimEvent<any>): void {
    ev.defused = true;
    this.detach();
    this.fail(ev._value);
  }

  /** Stop watching the children that have not been processed. */
  protected detach(): void {
    for (const e of this.events) if (e._state !== PROCESSED) e._removeCallback(this);
  }

  /** Nobody waits for this condition any more: stop watching, which may abandon the children in turn. */
  override _abandon(): void {
    this.detach();
  }
}

/**
 * Succeeds when every event has succeeded, with their values in order; fails as soon as one fails.
 * An empty list succeeds at once with `[]`. Created with {@link Environment.allOf}.
 */
export class AllOf<E extends readonly SimEvent<any>[]> extends Condition<AllOfValue<E>> {
  private remaining: number;
  constructor(env: Environment, events: E) {
    super(env, events, 'allOf');
    this.remaining = events.length;
    this.start();
  }
  /** Fail with the first child that fails; succeed when the last child has succeeded. */
  protected check(ev: SimEvent<any>): void {
    if (this._state !== PENDING) return;
    if (!ev._ok) {
      this.failWith(ev);
      return;
    }
    if (--this.remaining === 0) this.succeed(this.events.map((e) => e._value) as AllOfValue<E>);
  }
  /** No events: succeed at once with `[]`. */
  protected checkEmpty(): void {
    if (this.events.length === 0) this.succeed([] as unknown as AllOfValue<E>);
  }
  override describe(): string {
    return `allOf(${this.events.map((e) => e.describe()).join(', ')})`;
  }
}

/**
 * Succeeds with the first event to be processed (its index, the event and its value); fails if that
 * event failed. An empty list is an error. Created with {@link Environment.anyOf}.
 */
export class AnyOf<E extends readonly SimEvent<any>[]> extends Condition<AnyOfValue<E>> {
  constructor(env: Environment, events: E) {
    super(env, events, 'anyOf');
    this.start();
  }
  /** Settle with the first child processed: its failure, or its index, event and value. */
  protected check(ev: SimEvent<any>): void {
    if (this._state !== PENDING) return;
    if (!ev._ok) {
      this.failWith(ev);
      return;
    }
    this.detach();
    this.succeed({ index: this.events.indexOf(ev), event: ev, value: ev._value as EventValue<E[number]> });
  }
  /** No events: an error, since no event could ever be first. */
  protected checkEmpty(): void {
    if (this.events.length === 0) throw new SimulationError('anyOf needs at least one event', this.where());
  }
  override describe(): string {
    return `anyOf(${this.events.map((e) => e.describe()).join(', ')})`;
  }
}

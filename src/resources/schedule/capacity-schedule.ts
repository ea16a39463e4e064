/**
 * Capacity schedules: how many units a {@link Resource} has at each time, as data.
 *
 * A schedule is a list of steps `{ from, capacity }`: from `from` on, the resource has `capacity`
 * units, until the next step. It is either **one-off** (the steps happen once, at `origin + from`) or
 * **repeating** with a `period` (a daily pattern: `period: 86400`, steps at seconds after midnight).
 *
 * ```ts
 * applyCapacitySchedule(swab, {
 *   steps: [{ from: 0, capacity: 4 }, { from: 7200, capacity: 8 }, { from: 14400, capacity: 2 }],
 *   policy: 'preempt',
 * });
 * ```
 *
 * The schedule runs on the kernel's calendar: exactly one calendar entry is pending at a time, due at
 * the next change, so a schedule costs nothing between changes (no polling). Changes are applied at
 * {@link Priority.RELEASE}, before ordinary events due at the same instant, so an arrival at 07:00
 * already sees the 07:00 capacity.
 *
 * **When capacity drops while units are busy** the schedule's `policy` decides, by name, per
 * resource: `finish` (default) lets the users finish and retires units as they come back; `preempt`
 * takes units from the least urgent users at once (their processes get an {@link Interrupt} with a
 * {@link Preempted} cause whose `by` is null; {@link serve} turns that into resume, restart, resample
 * or abandon).
 *
 * All times are numbers in the model's time unit (seconds by convention). The option types keep
 * times as plain numbers so that a units normaliser at the edge (`"2 h"` → 7200) can produce them.
 *
 * @module
 */
import type { Environment } from '../../kernel/environment.js';
import { ParameterError } from '../../kernel/errors.js';
import { Priority } from '../../kernel/priority.js';
import { finite, nonNegative, oneOf, positive } from '../../kernel/validate.js';
import { checkKeys } from '../options.js';
import type { CapacityPolicy, Resource } from '../resource.js';

/**
 * A time in the model's unit (seconds by convention). An alias, so that signatures say which numbers
 * are times; a units normaliser may accept `"6 h"` in input data and produce this.
 *
 * @example
 * ```ts
 * const shiftLength: Seconds = 12 * 3600;
 * ```
 */
export type Seconds = number;

/**
 * One step of a {@link CapacitySchedule}: from `from` on, `capacity` units.
 *
 * @example
 * ```ts
 * const step: CapacityStep = { from: 7200, capacity: 8 }; // 8 units from 02:00
 * ```
 */
export interface CapacityStep {
  /** Offset from the schedule's origin (within the period, for a repeating schedule). */
  readonly from: Seconds;
  /** Units from then on: an integer ≥ 0, or `Infinity`. */
  readonly capacity: number;
}

/**
 * A piecewise-constant capacity over time. See the module documentation.
 *
 * @example
 * ```ts
 * // 2 swabbers overnight, 8 from 07:00, 4 from 19:00, every day
 * const daily: CapacitySchedule = {
 *   steps: [{ from: 0, capacity: 2 }, { from: 7 * 3600, capacity: 8 }, { from: 19 * 3600, capacity: 4 }],
 *   period: 86400,
 *   policy: 'finish',
 * };
 * ```
 */
export interface CapacitySchedule {
  /** The steps, in strictly increasing `from` order. At least one. */
  readonly steps: readonly CapacityStep[];
  /**
   * Repeat every `period` (e.g. 86400 for a daily pattern). Every `from` must then lie in
   * `[0, period)`; before the first step of a cycle the last step of the previous cycle holds.
   * Omit for a one-off schedule.
   */
  readonly period?: Seconds;
  /** Absolute time of offset 0 (default 0): midnight, or the start of the operation. */
  readonly origin?: Seconds;
  /** What happens to busy units when capacity drops: `finish` (default) or `preempt`. */
  readonly policy?: CapacityPolicy;
}

/**
 * A schedule attached to a resource; see {@link applyCapacitySchedule}.
 *
 * @example
 * ```ts
 * const h = applyCapacitySchedule(desk, { steps: [{ from: 3600, capacity: 3 }] });
 * h.next;   // 3600
 * h.stop(); // the capacity stays as it is
 * ```
 */
export interface CapacityScheduleHandle {
  /** The resource the schedule drives. */
  readonly resource: Resource;
  /** The validated schedule. */
  readonly schedule: CapacitySchedule;
  /** Time of the next change, or `Infinity` when none is left (or after {@link stop}). */
  readonly next: number;
  /** Stop applying the schedule (the capacity stays as it is now). */
  stop(): void;
}

/**
 * Check a capacity schedule and return it with its defaults filled in. Throws a
 * {@link ParameterError} naming the offending path, e.g.
 * `schedule.steps[2].from: expected a time after steps[1].from (7200), got 3600`.
 *
 * @example
 * ```ts
 * validateCapacitySchedule({ steps: [{ from: 0, capacity: 4 }], period: 86400 }, 'sites[0].swab');
 * ```
 */
export function validateCapacitySchedule(
  schedule: CapacitySchedule,
  path = 'schedule',
): Required<Omit<CapacitySchedule, 'period'>> & { period: Seconds | undefined } {
  if (typeof schedule !== 'object' || schedule === null)
    throw new ParameterError(
      path,
      'a capacity schedule object { steps, period?, origin?, policy? }',
      schedule,
    );
  checkKeys(schedule, ['steps', 'period', 'origin', 'policy'], path);
  const steps = schedule.steps;
  if (!Array.isArray(steps) || steps.length === 0)
    throw new ParameterError(`${path}.steps`, 'a non-empty array of { from, capacity }', steps);
  const period = schedule.period === undefined ? undefined : positive(schedule.period, `${path}.period`);
  const origin = schedule.origin === undefined ? 0 : finite(schedule.origin, `${path}.origin`);
  const policy = oneOf(schedule.policy ?? 'finish', `${path}.policy`, ['finish', 'preempt'] as const);
  steps.forEach((step: CapacityStep, i: number) => {
    const at = `${path}.steps[${i}]`;
    if (typeof step !== 'object' || step === null)
      throw new ParameterError(at, 'an object { from, capacity }', step);
    checkKeys(step, ['from', 'capacity'], at);
    if (period === undefined) finite(step.from, `${at}.from`);
    else {
      nonNegative(step.from, `${at}.from`);
      if (step.from >= period)
        throw new ParameterError(`${at}.from`, `a time within the period [0, ${period})`, step.from);
    }
    if (i > 0) {
      const prev = steps[i - 1]!.from;
      if (!(step.from > prev))
        throw new ParameterError(`${at}.from`, `a time after steps[${i - 1}].from (${prev})`, step.from);
    }
    const c = step.capacity;
    if (typeof c !== 'number' || !(c >= 0) || !(Number.isInteger(c) || c === Number.POSITIVE_INFINITY))
      throw new ParameterError(`${at}.capacity`, 'an integer ≥ 0 or Infinity', c);
  });
  return { steps, period, origin, policy };
}

/**
 * The scheduled capacity at absolute time `t`, or `undefined` before a one-off schedule's first
 * step (the resource keeps its own capacity then). Pure.
 *
 * @example
 * ```ts
 * const daily = { steps: [{ from: 0, capacity: 2 }, { from: 8 * 3600, capacity: 6 }], period: 86400 };
 * capacityAt(daily, 86400 + 9 * 3600); // 6
 * ```
 */
export function capacityAt(schedule: CapacitySchedule, t: number): number | undefined {
  const s = validateCapacitySchedule(schedule);
  const i = stepIndexAt(s.steps, s.period, s.origin, t);
  return i < 0 ? undefined : s.steps[i]!.capacity;
}

/**
 * Drive `resource`'s capacity with `schedule`, starting now: the capacity due now (if any) is set at
 * once, and each later change is put on the calendar when the previous one happens. Returns a handle
 * with the next change time and `stop()`.
 *
 * @example
 * ```ts
 * const env = new Environment();
 * const swab = new Resource(env, { name: 'swab', capacity: 4 });
 * applyCapacitySchedule(swab, {
 *   steps: [{ from: 0, capacity: 4 }, { from: 7200, capacity: 8 }],
 *   period: 86400,
 *   policy: 'finish',
 * });
 * ```
 */
export function applyCapacitySchedule(
  resource: Resource,
  schedule: CapacitySchedule,
  path = `resource(${resource.name}).schedule`,
): CapacityScheduleHandle {
  const s = validateCapacitySchedule(schedule, path);
  return new ScheduleDriver(resource, s.steps, s.period, s.origin, s.policy, schedule);
}

/** @internal Index of the step in force at `t` (−1 before a one-off schedule's first step). */
export function stepIndexAt(
  steps: readonly CapacityStep[],
  period: number | undefined,
  origin: number,
  t: number,
): number {
  let x = t - origin;
  if (period !== undefined) x = ((x % period) + period) % period;
  // Last step with from ≤ x (steps are few: a linear scan is as fast as a bisection here).
  let i = -1;
  while (i + 1 < steps.length && steps[i + 1]!.from <= x) i++;
  if (i < 0 && period !== undefined) i = steps.length - 1; // wraps from the previous cycle
  return i;
}

/** @internal Absolute time of the first step boundary strictly after `t`, or Infinity. */
export function nextChangeAfter(
  steps: readonly CapacityStep[],
  period: number | undefined,
  origin: number,
  t: number,
): number {
  if (period === undefined) {
    for (const step of steps) if (origin + step.from > t) return origin + step.from;
    return Number.POSITIVE_INFINITY;
  }
  const cycle = Math.floor((t - origin) / period);
  for (let k = cycle; k <= cycle + 1; k++)
    for (const step of steps) {
      const at = origin + k * period + step.from;
      if (at > t) return at;
    }
  return Number.POSITIVE_INFINITY;
}

class ScheduleDriver implements CapacityScheduleHandle {
  next = Number.POSITIVE_INFINITY;
  private handle = -1;
  private readonly env: Environment;

  constructor(
    readonly resource: Resource,
    private readonly steps: readonly CapacityStep[],
    private readonly period: number | undefined,
    private readonly origin: number,
    private readonly policy: CapacityPolicy,
    readonly schedule: CapacitySchedule,
  ) {
    this.env = resource.env;
    const i = stepIndexAt(steps, period, origin, this.env.now);
    if (i >= 0) this.set(steps[i]!.capacity);
    this.plan();
  }

  stop(): void {
    if (this.handle >= 0) this.env.cancel(this.handle);
    this.handle = -1;
    this.next = Number.POSITIVE_INFINITY;
  }

  private plan(): void {
    this.next = nextChangeAfter(this.steps, this.period, this.origin, this.env.now);
    this.handle =
      this.next === Number.POSITIVE_INFINITY
        ? -1
        : this.env.at(this.next, scheduleStep, this, Priority.RELEASE);
  }

  /** @internal calendar callback */
  _step(): void {
    this.handle = -1;
    const i = stepIndexAt(this.steps, this.period, this.origin, this.env.now);
    if (i >= 0) this.set(this.steps[i]!.capacity);
    this.plan();
  }

  private set(capacity: number): void {
    if (this.resource.capacity !== capacity) this.resource.setCapacity(capacity, this.policy);
  }
}

function scheduleStep(driver: ScheduleDriver): void {
  driver._step();
}

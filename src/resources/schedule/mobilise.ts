/**
 * Mobilisation: capacity that arrives over time, and resources that open on an event.
 *
 * - {@link mobilise}: people (or vehicles, beds) arrive one by one at given times and each arrival
 *   raises a plain {@link Resource}'s capacity by one, e.g. 113 volunteers mustering within an hour.
 *   Arrival times come as an array or from a sampling function (`{ count, sample }`), so this module
 *   needs no random-number API. For named people with results per person, build a roster with
 *   {@link mobilisationRoster} and run it on a {@link StaffedResource} instead.
 * - {@link openWhen}: a resource that takes nobody until an event happens (the isolation site opens
 *   when its beds are ready). The resource is closed (capacity 0, or 0 positions for a staffed
 *   resource) at once, and opened when the event is processed. Requests made meanwhile wait.
 *
 * Both run on the calendar: one pending entry for the next arrival, or a callback on the event.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import type { SimEvent } from '../../kernel/event.js';
import { finite, integer } from '../../kernel/validate.js';
import type { CapacityPolicy, Resource } from '../resource.js';
import { applyCapacitySchedule, type CapacityScheduleHandle, type Seconds } from './capacity-schedule.js';
import { StaffedResource } from './staffed-resource.js';

/**
 * Arrival times: an array of absolute times, or a count and a function drawing one time per call.
 *
 * @example
 * ```ts
 * const fixed: ArrivalTimes = [0, 600, 600, 1800];
 * const drawn: ArrivalTimes = { count: 113, sample: () => 3600 * rng.next() };
 * ```
 */
export type ArrivalTimes =
  | readonly Seconds[]
  | {
      readonly count: number;
      /** Draw one arrival time (called `count` times). */
      readonly sample: () => Seconds;
    };

/**
 * Raise `resource`'s capacity by one at each arrival time (times before now count at once). The
 * capacity after the k-th arrival is the capacity at the call plus k. Returns the schedule handle;
 * `arrivals` in the result lists the sorted times used.
 *
 * @example
 * ```ts
 * const volunteers = new Resource(sim, { name: 'volunteers' });
 * volunteers.setCapacity(0);                       // nobody yet
 * const rng = sim.stream('muster');
 * mobilise(volunteers, { count: 113, sample: () => 3600 * rng.next() });
 * ```
 */
export function mobilise(
  resource: Resource,
  arrivals: ArrivalTimes,
  path = `mobilise(${resource.name})`,
): CapacityScheduleHandle & { readonly arrivals: readonly number[] } {
  const times = arrivalTimes(arrivals, `${path}.arrivals`).sort((a, b) => a - b);
  const base = resource.capacity;
  if (base === Number.POSITIVE_INFINITY)
    throw new ParameterError(`${path}.resource.capacity`, 'a finite capacity to add arrivals to', base);
  // One step per distinct arrival time: the capacity after everyone who has arrived by then.
  const steps: { from: number; capacity: number }[] = [];
  times.forEach((t, k) => {
    const last = steps[steps.length - 1];
    if (last !== undefined && last.from === t) last.capacity = base + k + 1;
    else steps.push({ from: t, capacity: base + k + 1 });
  });
  if (steps.length === 0) steps.push({ from: resource.env.now, capacity: base });
  const handle = applyCapacitySchedule(resource, { steps }, path);
  return Object.assign(handle, { arrivals: times });
}

/**
 * Keep `target` closed until `event` is processed, then open it: a plain {@link Resource} gets
 * `capacity` units, a {@link StaffedResource} gets `capacity` positions (default `Infinity`: everyone
 * on shift works). Closing happens now (with `policy` for units in use, default `finish`).
 *
 * @example
 * ```ts
 * const bedsReady = sim.event();
 * const isolation = new Resource(sim, { name: 'isolation', capacity: 1 });
 * openWhen(isolation, bedsReady, 500);
 * sim.schedule(6 * 3600, () => bedsReady.succeed());
 * ```
 */
export function openWhen(
  target: Resource | StaffedResource,
  event: SimEvent<unknown>,
  capacity: number = Number.POSITIVE_INFINITY,
  policy: CapacityPolicy = 'finish',
): void {
  if (!(capacity === Number.POSITIVE_INFINITY || (Number.isInteger(capacity) && capacity >= 0)))
    throw new ParameterError('openWhen.capacity', 'an integer ≥ 0 or Infinity', capacity);
  if (target instanceof StaffedResource) {
    target.setPositions(0);
    event.onProcessed(() => target.setPositions(capacity));
  } else {
    target.setCapacity(0, policy);
    event.onProcessed(() => target.setCapacity(capacity));
  }
}

/** Arrival times as a fresh array, checked. @internal */
export function arrivalTimes(arrivals: ArrivalTimes, path: string): number[] {
  if (Array.isArray(arrivals))
    return (arrivals as readonly number[]).map((t, i) => finite(t, `${path}[${i}]`));
  if (typeof arrivals === 'object' && arrivals !== null && 'sample' in arrivals) {
    const count = integer(arrivals.count, `${path}.count`);
    if (typeof arrivals.sample !== 'function')
      throw new ParameterError(`${path}.sample`, 'a function returning a time', arrivals.sample);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(finite(arrivals.sample(), `${path}.sample() call ${i + 1}`));
    return out;
  }
  throw new ParameterError(path, 'an array of times or { count, sample }', arrivals);
}

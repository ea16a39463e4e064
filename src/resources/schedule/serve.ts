/**
 * `serve`: one entity's whole service at a resource, including what happens when it is preempted.
 *
 * ```ts
 * function* resident(id: number): Proc<void> {
 *   const s = yield* serve(swab, 40, { priority: 1, onPreempt: 'resume' });
 *   log.push([id, s.outcome, s.waited, s.preemptions]);
 * }
 * ```
 *
 * The helper requests a unit, holds it for the service time and releases it. If the unit is taken
 * away (a capacity drop with the `preempt` policy, a roster change at a {@link StaffedResource} with
 * no one to hand over to, or a more urgent request), the process receives an {@link Interrupt} whose
 * cause is a {@link Preempted} naming its request; `serve` catches exactly those and applies
 * `onPreempt`:
 *
 * - `resume` (default): wait again and serve only the remaining time (work done is kept);
 * - `restart`: wait again and serve the full time again (work done is lost);
 * - `resample`: wait again and serve a new draw of the service time (`duration` must be a function);
 * - `abandon`: leave without service.
 *
 * Every re-request uses the original priority (and preempt flag), joining the back of its priority
 * class, as a new arrival would. Any other interrupt is not serve's business: the unit is given back
 * (or the queued request withdrawn) and the interrupt propagates to the caller.
 *
 * The returned {@link ServiceRecord} is plain data: outcome, times, work done and lost, preemptions,
 * and, at a staffed resource, who served.
 *
 * @module
 */
import { ParameterError, SimulationError } from '../../kernel/errors.js';
import type { SimEvent } from '../../kernel/event.js';
import type { Proc } from '../../kernel/process.js';
import { Interrupt } from '../../kernel/process.js';
import { oneOf } from '../../kernel/validate.js';
import { Preempted, type Request, type RequestOptions } from '../request.js';
import type { Resource } from '../resource.js';
import type { Seconds } from './capacity-schedule.js';
import { type StaffedResource, StaffRequest } from './staffed-resource.js';

/**
 * What {@link serve} does when the entity loses its unit.
 *
 * @example
 * ```ts
 * const action: PreemptAction = 'resume';
 * ```
 */
export type PreemptAction = 'resume' | 'restart' | 'resample' | 'abandon';

/**
 * Options for {@link serve}: the request options plus the preemption action.
 *
 * @example
 * ```ts
 * yield* serve(swab, 40, { priority: 1, patience: 1800, onPreempt: 'restart' });
 * ```
 */
export interface ServeOptions extends RequestOptions {
  /** What to do when preempted. Default `resume`. */
  readonly onPreempt?: PreemptAction;
}

/**
 * The outcome of one {@link serve} call.
 *
 * @example
 * ```ts
 * const s: ServiceRecord = yield* serve(swab, 40);
 * if (s.outcome === 'served') waits.push(s.waited);
 * ```
 */
export interface ServiceRecord {
  /** `served` (completed), `abandoned` (left after a preemption), `reneged` or `balked`. */
  readonly outcome: 'served' | 'abandoned' | 'reneged' | 'balked';
  /** Time of the first request. */
  readonly requestedAt: number;
  /** Time of the first grant (NaN if never granted). */
  readonly startedAt: number;
  /** Time serve returned. */
  readonly endedAt: number;
  /** Total time waiting in the queue (over all attempts). */
  readonly waited: number;
  /** Total time holding a unit (over all attempts). */
  readonly inService: number;
  /** Service time that counted toward completion. */
  readonly workDone: number;
  /** Service time thrown away by `restart`/`resample` (and the partial work of `abandon`). */
  readonly workLost: number;
  /** Times the entity lost its unit. */
  readonly preemptions: number;
  /** Times a unit was granted. */
  readonly grants: number;
  /** At a {@link StaffedResource}: everyone who served the entity, in order. Else empty. */
  readonly people: readonly string[];
}

/**
 * Serve one entity at `target` for `duration` (a number, or a function drawing one), handling
 * preemption as `options.onPreempt` says. Use inside a process with `yield*`.
 *
 * @example
 * ```ts
 * env.process(function* () {
 *   const s = yield* serve(swab, 600, { onPreempt: 'restart' });
 *   console.log(s.outcome, s.workLost);
 * }());
 * ```
 */
export function* serve(
  target: Resource | StaffedResource,
  duration: Seconds | (() => Seconds),
  options: ServeOptions = {},
): Proc<ServiceRecord> {
  const env = target.env;
  const onPreempt = oneOf(options.onPreempt ?? 'resume', 'serve.onPreempt', [
    'resume',
    'restart',
    'resample',
    'abandon',
  ] as const);
  if (onPreempt === 'resample' && typeof duration !== 'function')
    throw new ParameterError('serve.duration', 'a function to draw from (onPreempt is "resample")', duration);
  const draw = (): number => {
    const d = typeof duration === 'function' ? duration() : duration;
    if (!(d >= 0) || d === Number.POSITIVE_INFINITY)
      throw new SimulationError(`serve: service time must be a finite number ≥ 0, got ${d}`, env.here());
    return d;
  };
  const { onPreempt: _, ...requestOptions } = options;
  const requestedAt = env.now;
  let startedAt = Number.NaN;
  let waited = 0;
  let inService = 0;
  let workDone = 0;
  let workLost = 0;
  let preemptions = 0;
  let grants = 0;
  let remaining = draw();
  const people: string[] = [];
  const record = (outcome: ServiceRecord['outcome']): ServiceRecord => ({
    outcome,
    requestedAt,
    startedAt,
    endedAt: env.now,
    waited,
    inService,
    workDone,
    workLost,
    preemptions,
    grants,
    people,
  });

  for (;;) {
    const asked = env.now;
    const grant = target.request(requestOptions) as Request | StaffRequest;
    const inner = grant instanceof StaffRequest ? grant.request : grant;
    let began = Number.NaN;
    let done = 0;
    try {
      yield* grant as SimEvent<unknown>;
      waited += env.now - asked;
      if (inner.status === 'reneged' || inner.status === 'balked') return record(inner.status);
      grants++;
      began = env.now;
      if (Number.isNaN(startedAt)) startedAt = began;
      // A unit can be taken at the very instant it is granted, while this process was running (so no
      // interrupt could be delivered): then the request is already 'preempted' here.
      if (inner.status === 'granted') {
        yield* env.timeout(remaining);
        done = env.now - began;
        inService += done;
        workDone += done;
        addPeople(people, grant);
        release(target, grant);
        return record('served');
      }
    } catch (error) {
      if (
        !(error instanceof Interrupt && error.cause instanceof Preempted && error.cause.request === inner)
      ) {
        // Not ours: give the unit back (or leave the queue) and let the caller handle it.
        if (inner.status === 'granted') release(target, grant);
        else if (inner.status === 'queued') inner.cancel();
        throw error;
      }
      if (Number.isNaN(began)) {
        // Preempted after the grant but before this process saw it.
        waited += env.now - asked;
        grants++;
        began = env.now;
        if (Number.isNaN(startedAt)) startedAt = began;
      }
      done = env.now - began;
    }
    inService += done;
    preemptions++;
    addPeople(people, grant);
    switch (onPreempt) {
      case 'resume':
        workDone += done;
        remaining -= done;
        break;
      case 'restart':
        workLost += done;
        break;
      case 'resample':
        workLost += done;
        remaining = draw();
        break;
      case 'abandon':
        workLost += done;
        return record('abandoned');
    }
  }
}

function release(target: Resource | StaffedResource, grant: Request | StaffRequest): void {
  if (grant instanceof StaffRequest) (target as StaffedResource).release(grant);
  else (target as Resource).release(grant);
}

function addPeople(people: string[], grant: Request | StaffRequest): void {
  if (grant instanceof StaffRequest) people.push(...grant.people);
}

/**
 * The steps of a flow, as data: what an entity does, in order. Steps are *resolved*: times are
 * numbers of seconds and {@link Distribution}s, never strings with units (the campaign spec parses
 * those at its edge). A list of steps is checked by {@link checkFlow} and run by a {@link Flow}.
 *
 * The end of a step list is an implicit `{ kind: 'leave', outcome: 'done' }`.
 *
 * @module
 */
import type { Distribution } from '../random/distribution.js';

/**
 * How long something takes: one distribution for everyone, or one per value of an attribute.
 *
 * @example
 * ```ts
 * const check: Timing = constant({ value: 5 });
 * const registration: Timing = {
 *   by: 'type',
 *   values: { qr: uniform({ min: 5, max: 8 }), id: uniform({ min: 20, max: 40 }) },
 *   otherwise: uniform({ min: 60, max: 180 }),
 * };
 * ```
 */
export type Timing = Distribution | TimingByAttribute;

/**
 * A {@link Timing} that depends on the entity's value of an attribute.
 *
 * @example
 * ```ts
 * const t: TimingByAttribute = { by: 'type', values: { qr: constant({ value: 6 }), id: constant({ value: 30 }), assisted: constant({ value: 120 }) } };
 * ```
 */
export interface TimingByAttribute {
  /** The attribute whose value picks the distribution. */
  readonly by: string;
  /** Distribution by attribute value. */
  readonly values: Readonly<Record<string, Distribution>>;
  /** For the values not listed in `values`; required unless `values` covers every value. */
  readonly otherwise?: Distribution;
}

/**
 * Wait (FIFO) for one unit of `resource`, then hold it until a matching `release`. `stage` names
 * the queue in results (waits, queued and in-service counts); several seize steps may share one.
 * With `patience`, an entity still waiting after a draw of it leaves with outcome `reneged`
 * (giving back whatever else it holds).
 *
 * @example
 * ```ts
 * const s: SeizeStep = { kind: 'seize', resource: 'clerks', stage: 'registration', patience: constant({ value: 1800 }) };
 * ```
 */
export interface SeizeStep {
  /** Step kind. */
  readonly kind: 'seize';
  /** Name of the resource (a key of the flow's `resources`). */
  readonly resource: string;
  /** Name of the queue in results. */
  readonly stage: string;
  /** How long an entity waits before giving up (reneging); default for ever. */
  readonly patience?: Distribution;
}

/**
 * Give back the unit of `resource` taken by an earlier `seize` on the same path.
 *
 * @example
 * ```ts
 * const r: ReleaseStep = { kind: 'release', resource: 'clerks' };
 * ```
 */
export interface ReleaseStep {
  /** Step kind. */
  readonly kind: 'release';
  /** Name of the resource to give back. */
  readonly resource: string;
}

/**
 * Spend a time. An entity in a delay counts as in service at `stage`: by default the stage of the
 * last unit it still holds, or `delay` when it holds none.
 *
 * Its random stream is `<flow>.<stage>` for its stage (given or inherited from the unit held; delays
 * at one stage share it), else `<flow>.delay[<path>]` when it holds nothing and names no stage: name
 * the stage to keep its draws when steps are added before it (common random numbers).
 *
 * @example
 * ```ts
 * const d: DelayStep = { kind: 'delay', time: uniform({ min: 5, max: 8 }), stage: 'registration' };
 * ```
 */
export interface DelayStep {
  /** Step kind. */
  readonly kind: 'delay';
  /** How long. */
  readonly time: Timing;
  /** Stage name in results and stream name; see above for the default. */
  readonly stage?: string;
}

/**
 * Send each entity down one of several routes, with the given probabilities (drawn from the stream
 * `<flow>.branch[<path>]`, or `<flow>.<name>` when named). A route that does not end in `leave`
 * continues with the steps after the branch.
 *
 * @example
 * ```ts
 * const b: ShareBranch = { kind: 'branch', by: 'share', shares: [0.9, 0.1], routes: [[], [{ kind: 'leave', outcome: 'balked' }]] };
 * ```
 */
export interface ShareBranch {
  /** Step kind. */
  readonly kind: 'branch';
  /** Branch by probability. */
  readonly by: 'share';
  /** Probability of each route, summing to 1. */
  readonly shares: readonly number[];
  /** The routes, one per share. */
  readonly routes: readonly (readonly FlowStep[])[];
  /** Name of the branch's random stream (default from its path). */
  readonly name?: string;
}

/**
 * Send each entity down the route of its value of attribute `by`; values without a route take
 * `otherwise`, or go straight on to the steps after the branch when there is none.
 *
 * @example
 * ```ts
 * const b: AttributeBranch = {
 *   kind: 'branch', by: 'type',
 *   routes: { assisted: [{ kind: 'seize', resource: 'assistedClerks', stage: 'registration' }] },
 *   otherwise: [{ kind: 'seize', resource: 'clerks', stage: 'registration' }],
 * };
 * ```
 */
export interface AttributeBranch {
  /** Step kind. */
  readonly kind: 'branch';
  /** The attribute whose value picks the route. */
  readonly by: string;
  /** Route by attribute value. */
  readonly routes: Readonly<Record<string, readonly FlowStep[]>>;
  /** Route for values without one in `routes`. */
  readonly otherwise?: readonly FlowStep[];
}

/**
 * Pooling: the entity's item (a swab) joins the open batch `name` (a tube) and the entity goes on.
 * The entity whose item fills the batch first spends `hold` (sealing the tube), still holding every
 * unit it holds. Full batches, and partial ones flushed when the flow finishes, are reported to
 * the flow's `onBatch[name]`. Several batch steps with one name share the open batch.
 *
 * The hold's random stream is `<flow>.hold[<name>]`.
 *
 * @example
 * ```ts
 * const b: BatchStep = { kind: 'batch', name: 'tube', size: 10, hold: uniform({ min: 20, max: 30 }) };
 * ```
 */
export interface BatchStep {
  /** Step kind. */
  readonly kind: 'batch';
  /** The batch's name (results, `onBatch`). */
  readonly name: string;
  /** Items per batch, an integer ≥ 1. */
  readonly size: number;
  /** Time the filling entity spends closing the batch; default none. */
  readonly hold?: Timing;
}

/**
 * Leave the flow with `outcome` (counted in results). The entity must hold no unit.
 *
 * @example
 * ```ts
 * const l: LeaveStep = { kind: 'leave', outcome: 'tested' };
 * ```
 */
export interface LeaveStep {
  /** Step kind. */
  readonly kind: 'leave';
  /** The outcome, e.g. `tested`. */
  readonly outcome: string;
}

/**
 * One step of a flow.
 *
 * @example
 * ```ts
 * const steps: FlowStep[] = [
 *   { kind: 'seize', resource: 'clerks', stage: 'registration' },
 *   { kind: 'delay', time: uniform({ min: 20, max: 40 }) },
 *   { kind: 'release', resource: 'clerks' },
 *   { kind: 'leave', outcome: 'registered' },
 * ];
 * ```
 */
export type FlowStep =
  | SeizeStep
  | ReleaseStep
  | DelayStep
  | ShareBranch
  | AttributeBranch
  | BatchStep
  | LeaveStep;

/**
 * An attribute of the entities, drawn once at entry from the stream `<flow>.attr.<name>`.
 *
 * @example
 * ```ts
 * const type: FlowAttribute = { name: 'type', values: ['qr', 'id', 'assisted'], shares: [0.5, 0.311, 0.189] };
 * ```
 */
export interface FlowAttribute {
  /** The attribute's name, used by `by` in branches and timings. */
  readonly name: string;
  /** Its values (at most 255). */
  readonly values: readonly string[];
  /** Probability of each value, summing to 1. */
  readonly shares: readonly number[];
}

/**
 * Outcome of the implicit `leave` at the end of a step list.
 *
 * @example
 * ```ts
 * flow.accounting().left[DONE]; // entities that reached the end of the steps
 * ```
 */
export const DONE = 'done';

/**
 * Outcome of entities whose patience ran out while waiting at a seize.
 *
 * @example
 * ```ts
 * flow.timeInSystem(RENEGED).mean; // how long those who gave up had waited
 * ```
 */
export const RENEGED = 'reneged';

/**
 * Outcome of entities sent home at closing (waiting at a seize, or arriving after it).
 *
 * @example
 * ```ts
 * flow.accounting().left[SENT_HOME];
 * ```
 */
export const SENT_HOME = 'sent-home';

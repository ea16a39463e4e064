/**
 * The public shapes of a staffed resource: its options, a person's states, the trace rows and the
 * results (plain data).
 *
 * @module
 */
import type { CapacityPolicy } from '../../resource.js';
import type { Seconds } from '../capacity-schedule.js';
import type { Roster } from '../roster.js';

/**
 * Protective-suit rotation: continuous work limit, rest, and changeover time.
 *
 * @example
 * ```ts
 * // at most 4 h in a suit, then 30 min rest; 10 min to don a new one
 * const suit: WorkLimit = { maxContinuous: 4 * 3600, rest: 1800, changeover: 600 };
 * ```
 */
export interface WorkLimit {
  /** Maximum continuous work (accepting time since taking up the position), e.g. 7200 for 2 h. */
  readonly maxContinuous: Seconds;
  /** Rest after reaching the limit, before standing by again. Default 0. */
  readonly rest?: Seconds;
  /** Time to take up a position (donning) during which the position is empty. Default 0. */
  readonly changeover?: Seconds;
}

/**
 * Options for a {@link StaffedResource}.
 *
 * @example
 * ```ts
 * const options: StaffedResourceOptions = {
 *   name: 'swab',
 *   roster: roundTheClock({ positions: 6, shiftsPerDay: 2 }),
 *   policy: 'preempt',
 *   positions: 6,
 *   workLimit: { maxContinuous: 7200, rest: 1800, changeover: 600 },
 * };
 * ```
 */
export interface StaffedResourceOptions {
  /** Name for reports and errors. Default `staffed#N`. */
  readonly name?: string;
  /** Who works when. Validated with {@link validateRoster}. */
  readonly roster: Roster;
  /** What happens when a busy person stops accepting work: `finish` (default) or `preempt`. */
  readonly policy?: CapacityPolicy;
  /** Most people working at once; the others on shift stand by. Default `Infinity`. */
  readonly positions?: number;
  /** Continuous-work limit with rest and changeover. Default none. */
  readonly workLimit?: WorkLimit;
  /** Requests that find this many already waiting balk. Default `Infinity`. */
  readonly queueLimit?: number;
  /** Record every staff change and assignment in {@link StaffedResource.trace}. Default false. */
  readonly trace?: boolean;
}

/**
 * Where a person is:
 * - `off`: not at the post (outside shifts, on a break, in a handover window);
 * - `standby`: on shift, rested, waiting for a free position;
 * - `changeover`: taking up a position (donning); the position is empty;
 * - `on`: accepting work (idle or serving);
 * - `leaving`: stopped accepting, finishing the current entity;
 * - `resting`: resting after reaching the work limit.
 *
 * @example
 * ```ts
 * const onDuty = swab.people.filter((p) => p.state === 'on').length;
 * ```
 */
export type StaffState = 'off' | 'standby' | 'changeover' | 'on' | 'leaving' | 'resting';

/**
 * One row of {@link StaffedResource.trace}: `[time, person, event, entity?]`.
 *
 * @example
 * ```ts
 * const row: StaffTraceRow = [100, 'B', 'handover', 'resident#17'];
 * ```
 */
export type StaffTraceRow = readonly [time: number, person: string, event: string, entity?: string];

/**
 * Per-person results; times in the model's unit.
 *
 * @example
 * ```ts
 * for (const p of swab.results().people) console.log(p.person, p.served, (p.workedTime / 3600).toFixed(1), 'h');
 * ```
 */
export interface StaffPersonResult {
  /** The person's name in the roster. */
  readonly person: string;
  /** Entities completed by this person (handed-over entities count for whoever completed them). */
  readonly served: number;
  /** Time holding an entity. */
  readonly busyTime: number;
  /** Time accepting work. */
  readonly onTime: number;
  /** Time finishing an entity after having stopped accepting. */
  readonly finishingTime: number;
  /** Part of the finishing time beyond the rostered presence (after the shift end or a break start). */
  readonly overtime: number;
  /** Time changing over (donning). */
  readonly changeoverTime: number;
  /** Time resting after reaching the work limit. */
  readonly restTime: number;
  /** Time standing by on shift without a position. */
  readonly standbyTime: number;
  /** Rostered presence so far (shifts minus breaks) plus overtime: the hours worked. */
  readonly workedTime: number;
  /** `busyTime / (onTime + finishingTime)`, or null before the person has worked. */
  readonly utilisation: number | null;
  /** Times the person reached the work limit. */
  readonly rotations: number;
}

/**
 * Per-shift results.
 *
 * @example
 * ```ts
 * const night = swab.results().shifts.filter((s) => s.label === 'night');
 * ```
 */
export interface StaffShiftResult {
  /** The person's name in the roster. */
  readonly person: string;
  /** Index of the shift in the person's roster entry. */
  readonly shift: number;
  /** The shift's label from the roster (`'day'`, `'night'`), or undefined when it has none. */
  readonly label: string | undefined;
  /** Arrival at the post, absolute simulated seconds (from the roster). */
  readonly start: number;
  /** Departure from the post, absolute simulated seconds (from the roster). */
  readonly end: number;
  /** Entities completed by this person during this shift. */
  readonly served: number;
  /** Time holding an entity during this shift, seconds. */
  readonly busyTime: number;
  /** Time accepting work during this shift, seconds. */
  readonly onTime: number;
  /** Time finishing an entity after having stopped accepting, during this shift, seconds. */
  readonly finishingTime: number;
  /** Part of this shift's finishing time beyond the rostered presence, seconds. */
  readonly overtime: number;
  /** Rostered presence of this shift so far plus its overtime. */
  readonly workedTime: number;
  /** `busyTime / (onTime + finishingTime)` within this shift, or null before it has been worked. */
  readonly utilisation: number | null;
}

/**
 * Results of a {@link StaffedResource}: plain data.
 *
 * @example
 * ```ts
 * const r: StaffResults = swab.results();
 * JSON.stringify(r); // plain data
 * ```
 */
export interface StaffResults {
  /** Name of the staffed resource. */
  readonly resource: string;
  /** What happens when a busy person stops accepting work: `finish` or `preempt`. */
  readonly policy: CapacityPolicy;
  /** Simulated time the results were taken at. */
  readonly time: number;
  /** Entities completed (releases plus frees); equals the sum of `people[i].served`. */
  readonly served: number;
  /** Entities passed from a leaving person to a colleague without interruption. */
  readonly handovers: number;
  /** Entities interrupted (by a capacity drop or a more urgent request). */
  readonly preemptions: number;
  /** One entry per person, in roster order. */
  readonly people: readonly StaffPersonResult[];
  /** One entry per shift of every person, in roster order then shift order. */
  readonly shifts: readonly StaffShiftResult[];
}

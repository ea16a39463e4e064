/**
 * Round-the-clock checkpoint staffing (F9): how many people a set of posts needs, and ties up, under
 * a shift pattern.
 *
 * A post with `positions` keeper positions staffed 24 hours a day with `s` equal shifts needs
 * `positions × s` people, each on duty `24 / s` hours plus the handover overlap (2 × 12 h: two people
 * per position, 12 h each — F9's "at least 12 hours a day"; 3 × 8 h: three per position; cal §2).
 * Everyone on the roster is tied up for the whole period — those off shift are resting for their next
 * one — so the headcount tied up is the roster's size, not the number on duty at a moment.
 *
 * The roster is built with the library's `roundTheClock` and checked with `coverageGaps`, so the
 * figures here are the same the simulation would staff.
 *
 * @module
 */
import {
  coverageGaps,
  type DurationInput,
  duration,
  ParameterError,
  type Roster,
  roundTheClock,
  validate,
} from '../../src/index.js';
import { boundedCount } from '../durations.js';
import type { ParameterSource } from '../provenance.js';

/**
 * A shift pattern: `'2x12'`, `'3x8'`, or equal shifts per day.
 *
 * @example
 * ```ts
 * const p: ShiftPattern = '3x8';
 * const q: ShiftPattern = { shiftsPerDay: 4 };
 * ```
 */
export type ShiftPattern = '2x12' | '3x8' | { readonly shiftsPerDay: number };

/**
 * Inputs of {@link checkpointStaffing}.
 *
 * @example
 * ```ts
 * const p: CheckpointStaffingParams = { posts: 33, pattern: '3x8' };
 * ```
 */
export interface CheckpointStaffingParams {
  /** Checkpoints (integer ≥ 1). */
  readonly posts?: number;
  /** Keeper positions per checkpoint, staffed at every moment (integer ≥ 1). */
  readonly positionsPerPost?: number;
  /** Shift pattern: `'2x12'` (default, F9), `'3x8'` or `{ shiftsPerDay }`. */
  readonly pattern?: ShiftPattern;
  /** Overlap at each change of shift (default `"15 min"`). */
  readonly handover?: DurationInput;
  /** Days to roster (integer ≥ 1). */
  readonly days?: number;
  /** Start of the first shift, seconds (default 0). */
  readonly start?: number;
}

/**
 * The staffing a pattern needs.
 *
 * @example
 * ```ts
 * const s = checkpointStaffing({ posts: 33 });
 * s.headcount; // 66 people for 33 posts on 2 × 12 h
 * ```
 */
export interface CheckpointStaffing {
  /** Checkpoints staffed. */
  readonly posts: number;
  /** Keeper positions per checkpoint, staffed at every moment. */
  readonly positionsPerPost: number;
  /** Shifts per day of the pattern (2 for `'2x12'`, 3 for `'3x8'`). */
  readonly shiftsPerDay: number;
  /** People on duty at any moment (accepting work). */
  readonly onDuty: number;
  /** People on the roster: all tied up for the period. */
  readonly headcount: number;
  /** People per post position (= shifts per day). */
  readonly perPosition: number;
  /** Hours at the post per person per day, handover included. */
  readonly hoursPerPersonPerDay: number;
  /** Person-hours per day at the posts, handover included. */
  readonly personHoursPerDay: number;
  /** Whether every moment of the period has `onDuty` people accepting work (checked on the roster). */
  readonly covered: boolean;
  /** Whether each keeper is on duty at least 12 h a day, as F9 reports. */
  readonly atLeast12hPerDay: boolean;
  /** The roster (one entry per person), for a `StaffedResource`. */
  readonly roster: Roster;
}

/**
 * The defaults, with where each comes from.
 *
 * @example
 * ```ts
 * CHECKPOINT_SOURCES.map((s) => s.path);
 * ```
 */
export const CHECKPOINT_SOURCES: readonly ParameterSource[] = [
  {
    path: 'posts',
    value: 33,
    basis: 'sourced',
    sources: ['cal §1e'],
    note: '33 villages fully sealed by 16 Apr; one checkpoint per village assumed',
  },
  {
    path: 'positionsPerPost',
    value: 1,
    basis: 'assumed',
    sources: ['F9'],
    note: 'F9 speaks of one keeper per checkpoint',
  },
  {
    path: 'pattern',
    value: '2x12',
    basis: 'sourced',
    sources: ['F9', 'cal §2'],
    note: 'staffed 24 h, a keeper at least 12 h a day: 2 per position',
  },
  {
    path: 'handover',
    value: '15 min',
    basis: 'assumed',
    sources: [],
    note: 'briefing overlap at each change of shift',
  },
];

/** The keys of {@link CheckpointStaffingParams} (complete, checked by the compiler). */
const CHECKPOINT_STAFFING_KEYS = Object.keys({
  posts: true,
  positionsPerPost: true,
  pattern: true,
  handover: true,
  days: true,
  start: true,
} satisfies Record<keyof CheckpointStaffingParams, true>);

/**
 * Shifts per day of a pattern, validated.
 *
 * @example
 * ```ts
 * shiftsOf('3x8', 'pattern'); // 3
 * ```
 */
export function shiftsOf(pattern: unknown, path: string): number {
  if (pattern === '2x12') return 2;
  if (pattern === '3x8') return 3;
  if (typeof pattern === 'object' && pattern !== null && 'shiftsPerDay' in pattern) {
    validate.knownKeys(pattern, path, ['shiftsPerDay']);
    return boundedCount((pattern as { shiftsPerDay: unknown }).shiftsPerDay, `${path}.shiftsPerDay`, 1, 24);
  }
  throw new ParameterError(path, '"2x12", "3x8" or { shiftsPerDay }', pattern);
}

/**
 * Check a handover against the shift pattern: shorter than a shift, and 0 when one person works the
 * only shift of every day (they would overlap their own next shift).
 *
 * @example
 * ```ts
 * checkHandover(900, 2, 1, 'handover', '15 min'); // fine
 * ```
 */
export function checkHandover(
  handover: number,
  shiftsPerDay: number,
  days: number,
  path: string,
  raw: unknown,
): void {
  const length = 86400 / shiftsPerDay;
  if (!(handover < length))
    throw new ParameterError(path, `a duration shorter than a shift (${length} s)`, raw);
  if (shiftsPerDay === 1 && days > 1 && handover > 0)
    throw new ParameterError(
      path,
      '0 with one shift a day over several days (a keeper cannot hand over to themselves)',
      raw,
    );
}

/**
 * Headcount needed and tied up for round-the-clock posts. Pure: no simulation is run.
 *
 * @throws ParameterError naming the path and value of a bad parameter.
 * @example
 * ```ts
 * checkpointStaffing({ posts: 33, pattern: '3x8' }).headcount; // 99
 * ```
 */
export function checkpointStaffing(
  params: CheckpointStaffingParams = {},
  path = 'checkpoints',
): CheckpointStaffing {
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new ParameterError(path, 'an object of staffing parameters', params);
  validate.knownKeys(params, path, CHECKPOINT_STAFFING_KEYS);
  const posts = boundedCount(params.posts ?? 33, `${path}.posts`, 1, 10_000);
  const positionsPerPost = boundedCount(params.positionsPerPost ?? 1, `${path}.positionsPerPost`, 1, 100);
  const shiftsPerDay = shiftsOf(params.pattern ?? '2x12', `${path}.pattern`);
  const handover = duration(params.handover ?? '15 min', `${path}.handover`);
  const length = 86400 / shiftsPerDay;
  const days = boundedCount(params.days ?? 1, `${path}.days`, 1, 366);
  checkHandover(handover, shiftsPerDay, days, `${path}.handover`, params.handover);
  // The roster's shifts run from `start`; far from 0, adding a day no longer changes the number.
  const start = validate.inRange(params.start ?? 0, `${path}.start`, 0, 1e10);
  const onDuty = posts * positionsPerPost;
  const roster = roundTheClock({ positions: onDuty, shiftsPerDay, days, start, handover, prefix: 'keeper' });
  const coverage = coverageGaps(roster, onDuty, { from: start, to: start + days * 86400 });
  const hoursPerPersonPerDay = (length + handover) / 3600;
  return {
    posts,
    positionsPerPost,
    shiftsPerDay,
    onDuty,
    headcount: roster.length,
    perPosition: shiftsPerDay,
    hoursPerPersonPerDay,
    personHoursPerDay: roster.length * hoursPerPersonPerDay,
    covered: coverage.covered,
    atLeast12hPerDay: hoursPerPersonPerDay >= 12,
    roster,
  };
}

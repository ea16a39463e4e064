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

import * as z from 'zod';
import { coverageGaps, type DurationInput, type Roster, roundTheClock } from '../../src/index.js';
import type { ParameterSource } from '../provenance.js';
import { count, parseParams, seconds, strictObject } from '../values.js';

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

/**
 * A shift pattern read as shifts per day: `'2x12'` → 2, `'3x8'` → 3, `{ shiftsPerDay }`.
 *
 * @example
 * ```ts
 * shiftPattern.parse('3x8'); // 3
 * ```
 */
export const shiftPattern = z.union([
  z.literal('2x12').transform(() => 2),
  z.literal('3x8').transform(() => 3),
  strictObject({ shiftsPerDay: count(1, 24) }).transform((p) => p.shiftsPerDay),
]);

/**
 * What is wrong with a handover under a shift pattern, or `undefined`: it must be shorter than a
 * shift, and 0 when one person works the only shift of every day (they would overlap their own
 * next shift).
 *
 * @example
 * ```ts
 * handoverProblem(900, 2, 1); // undefined
 * ```
 */
export function handoverProblem(handover: number, shiftsPerDay: number, days: number): string | undefined {
  const length = 86400 / shiftsPerDay;
  if (!(handover < length)) return `a duration shorter than a shift (${length} s)`;
  if (shiftsPerDay === 1 && days > 1 && handover > 0)
    return '0 with one shift a day over several days (a keeper cannot hand over to themselves)';
  return undefined;
}

const STAFFING = strictObject({
  posts: count(1, 10_000).default(33),
  positionsPerPost: count(1, 100).default(1),
  pattern: shiftPattern.default(2),
  handover: seconds.default(900),
  days: count(1, 366).default(1),
  // The roster's shifts run from `start`; far from 0, adding a day no longer changes the number.
  start: z
    .number({ error: 'a number in [0, 10000000000]' })
    .min(0, { error: 'a number in [0, 10000000000]' })
    .max(1e10, { error: 'a number in [0, 10000000000]' })
    .default(0),
}).superRefine((p, ctx) => {
  const problem = handoverProblem(p.handover, p.pattern, p.days);
  if (problem) ctx.addIssue({ code: 'custom', path: ['handover'], message: problem });
});

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
  const p = parseParams(STAFFING, params, path, 'checkpoint staffing');
  const { posts, positionsPerPost, pattern: shiftsPerDay, handover, days, start } = p;
  const length = 86400 / shiftsPerDay;
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

/**
 * Shift patterns: rosters generated from a few numbers.
 *
 * - {@link roundTheClock}: `positions` posts staffed 24 hours a day with `shiftsPerDay` equal shifts
 *   (2 × 12 h, 3 × 8 h, ...), one person per position and shift, repeated for `days` days, with an
 *   optional handover overlap. A 24-hour post on 12-hour shifts needs exactly two people per position.
 * - {@link mobilisationRoster}: people who arrive over time (volunteers mustering within an hour) and
 *   stay until a given time or for a given length; arrival times come as an array or from a sampling
 *   function, so this module does not depend on any random-number API.
 *
 * Both return a plain {@link Roster} that {@link validateRoster} accepts and a {@link StaffedResource}
 * runs.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, nonEmptyString, nonNegative, positive, positiveInt } from '../../kernel/validate.js';
import { checkKeys } from '../options.js';
import type { Seconds } from './capacity-schedule.js';
import { type ArrivalTimes, arrivalTimes } from './mobilise.js';
import type { Roster, RosterEntry, Shift } from './roster.js';

/**
 * Options for {@link roundTheClock}.
 *
 * @example
 * ```ts
 * const options: RoundTheClockOptions = { positions: 4, shiftsPerDay: 3, days: 2, start: 6 * 3600, handover: 900 };
 * ```
 */
export interface RoundTheClockOptions {
  /** Positions to keep staffed at all times (an integer ≥ 1). */
  readonly positions: number;
  /** Equal shifts per cycle: 2 for 12-hour shifts, 3 for 8-hour shifts (an integer ≥ 1). */
  readonly shiftsPerDay: number;
  /** Number of cycles (days) to roster. Default 1. */
  readonly days?: number;
  /** Time the first shift starts (e.g. 7 h for 07:00). Default 0. */
  readonly start?: Seconds;
  /** Length of a cycle. Default 86400 (a day). */
  readonly cycle?: Seconds;
  /**
   * Handover overlap: each shift is extended by this much past the next shift's start, and those last
   * `handover` seconds are its handover window (no new work), so one person per position accepts
   * work at any time. Default 0.
   */
  readonly handover?: Seconds;
  /** Name prefix; people are called `${prefix}${position}.${shift}` (1-based). Default `'staff'`. */
  readonly prefix?: string;
}

/**
 * A roster that keeps `positions` posts staffed round the clock with `shiftsPerDay` equal shifts.
 * Each person works the same shift every day: `positions × shiftsPerDay` people.
 *
 * @example
 * ```ts
 * const roster = roundTheClock({ positions: 3, shiftsPerDay: 2, start: 7 * 3600, handover: 900 });
 * roster.length;                 // 6
 * roster[0];                     // { name: 'staff1.1', shifts: [{ start: 25200, end: 69300, handover: 900, label: 'day' }] }
 * ```
 */
export function roundTheClock(options: RoundTheClockOptions): RosterEntry[] {
  if (typeof options !== 'object' || options === null)
    throw new ParameterError('roundTheClock', 'an options object { positions, shiftsPerDay, ... }', options);
  checkKeys(
    options,
    ['positions', 'shiftsPerDay', 'days', 'start', 'cycle', 'handover', 'prefix'],
    'roundTheClock',
  );
  const positions = positiveInt(options.positions, 'roundTheClock.positions');
  const perDay = positiveInt(options.shiftsPerDay, 'roundTheClock.shiftsPerDay');
  const days = positiveInt(options.days ?? 1, 'roundTheClock.days');
  const start = finite(options.start ?? 0, 'roundTheClock.start');
  const cycle = positive(options.cycle ?? 86400, 'roundTheClock.cycle');
  const handover = nonNegative(options.handover ?? 0, 'roundTheClock.handover');
  const prefix = nonEmptyString(options.prefix ?? 'staff', 'roundTheClock.prefix');
  const length = cycle / perDay;
  if (!(handover < length))
    throw new ParameterError('roundTheClock.handover', `a length < the shift length (${length})`, handover);
  const labels = perDay === 2 ? ['day', 'night'] : perDay === 3 ? ['early', 'late', 'night'] : undefined;
  const roster: RosterEntry[] = [];
  for (let p = 0; p < positions; p++)
    for (let k = 0; k < perDay; k++) {
      const shifts: Shift[] = [];
      for (let d = 0; d < days; d++) {
        const s = start + d * cycle + k * length;
        shifts.push({
          start: s,
          end: s + length + handover,
          ...(handover > 0 ? { handover } : {}),
          label: labels?.[k] ?? `shift ${k + 1}`,
        });
      }
      roster.push({ name: `${prefix}${p + 1}.${k + 1}`, shifts });
    }
  return roster;
}

/**
 * Options for {@link mobilisationRoster}.
 *
 * @example
 * ```ts
 * const options: MobilisationOptions = { arrivals: [0, 300, 900], until: 86400, prefix: 'volunteer' };
 * ```
 */
export interface MobilisationOptions {
  /**
   * Arrival times: an array of absolute times, or `{ count, sample }` where `sample()` returns one
   * arrival time per call (e.g. a uniform draw over the first hour from a seeded stream).
   */
  readonly arrivals: ArrivalTimes;
  /** Everyone stays until this absolute time (e.g. the end of the operation). */
  readonly until?: Seconds;
  /** Or: each person stays this long after arriving. Give exactly one of `until` and `stay`. */
  readonly stay?: Seconds;
  /** Name prefix; people are numbered in order of arrival, 1-based. Default `'volunteer'`. */
  readonly prefix?: string;
}

/**
 * A roster of people who arrive over time and then stay: each person's single shift starts at their
 * arrival time. People are named in order of arrival (`volunteer1` arrives first).
 *
 * @example
 * ```ts
 * const rng = sim.stream('muster');
 * const roster = mobilisationRoster({
 *   arrivals: { count: 113, sample: () => 3600 * rng.next() },
 *   until: 24 * 3600,
 * });
 * ```
 */
export function mobilisationRoster(options: MobilisationOptions): Roster {
  if (typeof options !== 'object' || options === null)
    throw new ParameterError(
      'mobilisation',
      'an options object { arrivals, until | stay, prefix? }',
      options,
    );
  checkKeys(options, ['arrivals', 'until', 'stay', 'prefix'], 'mobilisation');
  const prefix = nonEmptyString(options.prefix ?? 'volunteer', 'mobilisation.prefix');
  const times = arrivalTimes(options.arrivals, 'mobilisation.arrivals');
  if ((options.until === undefined) === (options.stay === undefined))
    throw new ParameterError('mobilisation', 'exactly one of until and stay', {
      until: options.until,
      stay: options.stay,
    });
  const until = options.until === undefined ? undefined : finite(options.until, 'mobilisation.until');
  const stay = options.stay === undefined ? undefined : positive(options.stay, 'mobilisation.stay');
  // Stable sort: equal arrival times keep their given order.
  const order = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return order.map(([t, i], rank) => {
    const end = until ?? t + stay!;
    if (!(end > t))
      throw new ParameterError(`mobilisation.arrivals[${i}]`, `a time before until (${until})`, t);
    return { name: `${prefix}${rank + 1}`, shifts: [{ start: t, end }] };
  });
}

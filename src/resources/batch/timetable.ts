/**
 * Timetables: the fixed times at which something is released or leaves (a courier's pick-ups, a
 * shuttle's departures).
 *
 * A timetable is written either as a list of absolute times, or as a first time and an interval with
 * an end (a count of departures or a last time). Either way it must end: a timetable that never ends
 * would keep the calendar busy forever, so `run()` with no limit would never return.
 *
 * {@link resolveTimetable} checks a timetable once, before the run, and turns it into the list of its
 * times; every error names the path of the bad entry and its value.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, positive, positiveInt } from '../../kernel/validate.js';

/**
 * A timetable: absolute times (seconds, strictly increasing), or `start` + `interval` repeated until
 * `count` times or the time `end` (inclusive), whichever comes first.
 *
 * @example
 * ```ts
 * const buses: TimetableSpec = [18 * 3600, 19 * 3600, 21 * 3600];
 * const courier: TimetableSpec = { start: 7200, interval: 1800, end: 43200 }; // every 30 min
 * const shuttle: TimetableSpec = { start: 0, interval: 900, count: 12 };
 * ```
 */
export type TimetableSpec = readonly number[] | TimetableInterval;

/**
 * A regular timetable: `start`, `start + interval`, ... until `count` entries or the time `end`.
 *
 * @example
 * ```ts
 * const courier: TimetableInterval = { start: 7200, interval: 1800, end: 43200 };
 * ```
 */
export interface TimetableInterval {
  /** The first time. */
  readonly start: number;
  /** Time between consecutive entries (> 0). */
  readonly interval: number;
  /** Number of entries (an integer ≥ 1). */
  readonly count?: number;
  /** The last time allowed (inclusive, ≥ start). */
  readonly end?: number;
}

/**
 * Slack for `start + k·interval ≤ end`: without it, `{ start: 0, interval: 0.1, end: 0.3 }` would lose
 * its last entry to rounding (3 × 0.1 = 0.30000000000000004).
 */
const END_SLACK = 1e-9;

/**
 * Check a timetable and list its times, ascending. `path` names it in errors; `notBefore` is the
 * earliest time allowed (the current time, when a component is built mid-run).
 *
 * @example
 * ```ts
 * resolveTimetable({ start: 0, interval: 600, count: 3 }, 'buses.timetable'); // [0, 600, 1200]
 * resolveTimetable([10, 5], 'buses.timetable');
 * // throws "buses.timetable[1]: expected a finite time > 10 (times strictly increasing), got 5"
 * ```
 */
export function resolveTimetable(spec: TimetableSpec, path: string, notBefore = 0): number[] {
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new ParameterError(path, 'a non-empty list of times', spec);
    const times: number[] = [];
    let previous = Number.NaN;
    for (let i = 0; i < spec.length; i++) {
      const t: unknown = spec[i];
      if (i === 0) {
        if (typeof t !== 'number' || !Number.isFinite(t) || t < notBefore)
          throw new ParameterError(`${path}[0]`, `a finite time ≥ ${notBefore}`, t);
      } else if (typeof t !== 'number' || !Number.isFinite(t) || t <= previous)
        throw new ParameterError(
          `${path}[${i}]`,
          `a finite time > ${previous} (times strictly increasing)`,
          t,
        );
      times.push(t as number);
      previous = t as number;
    }
    return times;
  }
  if (typeof spec !== 'object' || spec === null)
    throw new ParameterError(path, 'a list of times or { start, interval, count | end }', spec);
  return intervalTimes(spec as TimetableInterval, path, notBefore);
}

function intervalTimes(spec: TimetableInterval, path: string, notBefore: number): number[] {
  const start = finite(spec.start, `${path}.start`);
  if (start < notBefore) throw new ParameterError(`${path}.start`, `a finite time ≥ ${notBefore}`, start);
  const interval = positive(spec.interval, `${path}.interval`);
  if (spec.count === undefined && spec.end === undefined)
    throw new ParameterError(path, 'a count or an end (a timetable must end)', spec);
  let n = Number.POSITIVE_INFINITY;
  if (spec.count !== undefined) n = positiveInt(spec.count, `${path}.count`);
  if (spec.end !== undefined) {
    const end = finite(spec.end, `${path}.end`);
    if (end < start) throw new ParameterError(`${path}.end`, `a time ≥ start (${start})`, end);
    n = Math.min(n, Math.floor((end - start) / interval + END_SLACK) + 1);
  }
  const times = new Array<number>(n);
  // start + k·interval rather than a running sum, so rounding does not accumulate over a long day.
  for (let k = 0; k < n; k++) times[k] = start + k * interval;
  return times;
}

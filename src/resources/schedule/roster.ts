/**
 * Rosters: who works when.
 *
 * A roster is a list of named people, each with their shifts. A shift has a start and an end (the
 * person is at the post from `start` to `end`), optional breaks (the person is away), and an optional
 * `handover` window at its end: during the last `handover` seconds the person takes no new work: they
 * finish what they hold and brief the next shift. Shift patterns with a handover overlap therefore
 * keep exactly one person accepting work per position, while hours worked include the overlap.
 *
 * ```ts
 * const roster: Roster = [
 *   { name: 'Li', shifts: [{ start: 0, end: 43200 + 900, handover: 900, breaks: [{ start: 21600, end: 23400 }] }] },
 *   { name: 'Wang', shifts: [{ start: 43200, end: 86400 }] },
 * ];
 * ```
 *
 * {@link validateRoster} checks a roster before a run and names the bad path:
 * `roster[3].shifts[1].end: expected a time after start (28800), got 7200`. The pure helpers
 * {@link acceptingIntervals} and {@link presenceIntervals} turn a person's shifts into the time
 * intervals a {@link StaffedResource} and {@link coverageGaps} work with.
 *
 * Times are plain numbers (seconds by convention), ready for a units normaliser at the edge.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite, nonEmptyString, nonNegative } from '../../kernel/validate.js';
import { checkKeys } from '../options.js';
import type { Seconds } from './capacity-schedule.js';

/**
 * An interval away from the post within a shift (meal, rest).
 *
 * @example
 * ```ts
 * const lunch: ShiftBreak = { start: 12 * 3600, end: 12.5 * 3600 };
 * ```
 */
export interface ShiftBreak {
  /** Start of the break (absolute time). */
  readonly start: Seconds;
  /** End of the break (absolute time, after `start`). */
  readonly end: Seconds;
}

/**
 * One shift of one person.
 *
 * @example
 * ```ts
 * const day: Shift = { start: 7 * 3600, end: 19.25 * 3600, handover: 900, breaks: [{ start: 43200, end: 45000 }], label: 'day' };
 * ```
 */
export interface Shift {
  /** Arrival at the post, ready to work (absolute time). */
  readonly start: Seconds;
  /** Departure from the post (absolute time, after `start`). */
  readonly end: Seconds;
  /** Breaks within `[start, end]`, in time order, not overlapping. Default none. */
  readonly breaks?: readonly ShiftBreak[];
  /**
   * Length of the handover window at the end of the shift: no new work is taken during the last
   * `handover` seconds (default 0). Must not reach back past the last break's end or the start.
   */
  readonly handover?: Seconds;
  /** Free label for reports (`'day'`, `'night'`). */
  readonly label?: string;
}

/**
 * A person and their shifts.
 *
 * @example
 * ```ts
 * const li: RosterEntry = { name: 'Li', shifts: [{ start: 0, end: 43200 }] };
 * ```
 */
export interface RosterEntry {
  /** Unique name (or badge id) of the person. */
  readonly name: string;
  /** Shifts in time order; shifts of one person must not overlap. */
  readonly shifts: readonly Shift[];
}

/**
 * Who works when: one entry per person.
 *
 * @example
 * ```ts
 * const roster: Roster = [
 *   { name: 'Li', shifts: [{ start: 0, end: 43200 }] },
 *   { name: 'Wang', shifts: [{ start: 43200, end: 86400 }] },
 * ];
 * ```
 */
export type Roster = readonly RosterEntry[];

/**
 * A half-open time interval `[start, end)`.
 *
 * @example
 * ```ts
 * const iv: Interval = { start: 0, end: 3600 }; // the first hour
 * ```
 */
export interface Interval {
  /** Start, absolute simulated seconds (included). */
  readonly start: Seconds;
  /** End, absolute simulated seconds (excluded), after `start`. */
  readonly end: Seconds;
}

/**
 * Check a roster; throws a {@link ParameterError} naming the first bad path. Checks: names present
 * and unique; every shift ends after it starts; shifts of a person in order and not overlapping;
 * breaks inside their shift, each ending after it starts, in order and not overlapping; the handover
 * window non-negative and inside the last working stretch of the shift.
 *
 * @example
 * ```ts
 * validateRoster([{ name: 'Li', shifts: [{ start: 28800, end: 7200 }] }]);
 * // throws "roster[0].shifts[0].end: expected a time after start (28800), got 7200"
 * ```
 */
export function validateRoster(roster: Roster, path = 'roster'): Roster {
  if (!Array.isArray(roster)) throw new ParameterError(path, 'an array of { name, shifts }', roster);
  const seen = new Map<string, number>();
  roster.forEach((entry: RosterEntry, i: number) => {
    const at = `${path}[${i}]`;
    if (typeof entry !== 'object' || entry === null)
      throw new ParameterError(at, 'an object { name, shifts }', entry);
    checkKeys(entry, ['name', 'shifts'], at);
    const name = nonEmptyString(entry.name, `${at}.name`);
    const first = seen.get(name);
    if (first !== undefined)
      throw new ParameterError(`${at}.name`, `a name not used before (${path}[${first}] has it)`, name);
    seen.set(name, i);
    if (!Array.isArray(entry.shifts))
      throw new ParameterError(`${at}.shifts`, 'an array of { start, end }', entry.shifts);
    entry.shifts.forEach((shift: Shift, j: number) => {
      validateShift(shift, `${at}.shifts[${j}]`);
      if (j > 0) {
        const prev = entry.shifts[j - 1]!;
        if (shift.start < prev.end)
          throw new ParameterError(
            `${at}.shifts[${j}].start`,
            `a time at or after the end of shifts[${j - 1}] (${prev.end}): shifts of one person must be in order and not overlap`,
            shift.start,
          );
      }
    });
  });
  return roster;
}

function validateShift(shift: Shift, at: string): void {
  if (typeof shift !== 'object' || shift === null)
    throw new ParameterError(at, 'an object { start, end }', shift);
  checkKeys(shift, ['start', 'end', 'breaks', 'handover', 'label'], at);
  const start = finite(shift.start, `${at}.start`);
  const end = finite(shift.end, `${at}.end`);
  if (!(end > start)) throw new ParameterError(`${at}.end`, `a time after start (${start})`, end);
  const breaks = shift.breaks ?? [];
  if (!Array.isArray(breaks)) throw new ParameterError(`${at}.breaks`, 'an array of { start, end }', breaks);
  let lastWorkStart = start;
  breaks.forEach((b: ShiftBreak, k: number) => {
    const bat = `${at}.breaks[${k}]`;
    if (typeof b !== 'object' || b === null) throw new ParameterError(bat, 'an object { start, end }', b);
    checkKeys(b, ['start', 'end'], bat);
    const bs = finite(b.start, `${bat}.start`);
    const be = finite(b.end, `${bat}.end`);
    if (!(bs > lastWorkStart) || bs >= end)
      throw new ParameterError(
        `${bat}.start`,
        k === 0
          ? `a time within the shift, after its start and before its end (${start}, ${end})`
          : `a time after the end of breaks[${k - 1}] (${lastWorkStart}) and before the shift's end (${end})`,
        bs,
      );
    if (!(be > bs)) throw new ParameterError(`${bat}.end`, `a time after start (${bs})`, be);
    if (!(be < end)) throw new ParameterError(`${bat}.end`, `a time before the shift's end (${end})`, be);
    lastWorkStart = be;
  });
  if (shift.handover !== undefined) {
    const h = nonNegative(shift.handover, `${at}.handover`);
    if (!(end - h > lastWorkStart))
      throw new ParameterError(
        `${at}.handover`,
        `a length < ${end - lastWorkStart} (the working time left after ${lastWorkStart === start ? 'the start' : 'the last break'})`,
        h,
      );
  }
  if (shift.label !== undefined) nonEmptyString(shift.label, `${at}.label`);
}

/**
 * The intervals in which a shift's person is at the post: the shift minus its breaks. Pure.
 *
 * @example
 * ```ts
 * presenceIntervals({ start: 0, end: 100, breaks: [{ start: 40, end: 50 }] });
 * // [{ start: 0, end: 40 }, { start: 50, end: 100 }]
 * ```
 */
export function presenceIntervals(shift: Shift): Interval[] {
  const out: Interval[] = [];
  let from = shift.start;
  for (const b of shift.breaks ?? []) {
    out.push({ start: from, end: b.start });
    from = b.end;
  }
  out.push({ start: from, end: shift.end });
  return out;
}

/**
 * The intervals in which a shift's person takes new work: the presence intervals, with the last one
 * cut short by the handover window. Pure.
 *
 * @example
 * ```ts
 * acceptingIntervals({ start: 0, end: 100, handover: 10 }); // [{ start: 0, end: 90 }]
 * ```
 */
export function acceptingIntervals(shift: Shift): Interval[] {
  const out = presenceIntervals(shift);
  const h = shift.handover ?? 0;
  if (h > 0) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = { start: last.start, end: last.end - h };
  }
  return out;
}

/**
 * The people of a roster who accept work at time `t`. Pure.
 *
 * @example
 * ```ts
 * onShiftAt(roster, 3600); // ['Li']
 * ```
 */
export function onShiftAt(roster: Roster, t: Seconds): string[] {
  const out: string[] = [];
  for (const entry of roster)
    if (entry.shifts.some((s) => acceptingIntervals(s).some((iv) => iv.start <= t && t < iv.end)))
      out.push(entry.name);
  return out;
}

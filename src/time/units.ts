/**
 * Durations and rates written with units, parsed once at the edge into the numbers the kernel uses:
 * **seconds** and **events per second**.
 *
 * Scenario files are written by people, who say "40 s", "6 h" and "331 per min". Models should never
 * see those strings: a model normalises its input once (see {@link parseUnits}) and works in plain
 * numbers from then on. Unit arithmetic is delegated to mathjs (`unit(...)`), which knows every common
 * spelling (`s`, `sec`, `seconds`, `min`, `minutes`, `h`, `hr`, `hours`, `day`, `week`, SI prefixes such
 * as `ms`, and `Hz` for rates); on top of it this module adds:
 *
 * - `d` for days (the SI symbol, which mathjs lacks), so `"2 d"` and `"1 d 02 h 30 min"` read as days;
 * - `per` for `/` in rates: `"331 per min"` is `"331 /min"`;
 * - compound durations: `"1 h 30 min"`, `"2 h 05 min"` are the sum of their parts (each part a number
 *   and a time unit, no signs), so everything {@link formatDuration} writes reads back.
 *
 * And it refuses what would silently mislead a planner:
 *
 * - a plain **number is seconds** (or per second), but a numeric **string without a unit** (`"12"`) is
 *   an error: a string says the author meant a unit, and guessing which is how plans go wrong;
 * - `m` is metres in mathjs (and SI): `"40 m"` is an error that suggests `min`;
 * - months, years and longer have no fixed length: refused, use days or weeks;
 * - wrong dimensions (`"40 kg"`, or a rate where a duration is wanted), unknown units, empty strings,
 *   negative or infinite values: a `ParameterError` naming the parameter path and the value, e.g.
 *   `sites[2].swabTime: expected a duration like "40 s" or a number of seconds ("kg" is not a unit of time), got "40 kg"`.
 *
 * @module
 */
import { unit as mathUnit, type Unit } from 'mathjs';
import { ParameterError } from '../kernel/errors.js';

/**
 * A duration as written in input: a number of seconds, or a string with units (`"40 s"`, `"6 h"`,
 * `"1 h 30 min"`).
 *
 * @example
 * ```ts
 * const swabTime: DurationInput = '40 s';
 * ```
 */
export type DurationInput = number | string;

/**
 * A rate as written in input: a number per second, or a string with units (`"331 per min"`,
 * `"331/min"`, `"19874 /h"`, `"2 Hz"`).
 *
 * @example
 * ```ts
 * const arrivals: RateInput = '331 per min';
 * ```
 */
export type RateInput = number | string;

/**
 * What a valid duration looks like, as used in error messages.
 *
 * @example
 * ```ts
 * new ParameterError('swabTime', DURATION_EXPECTED, '40 kg').message;
 * ```
 */
export const DURATION_EXPECTED = 'a duration like "40 s" or a number of seconds';

/**
 * What a valid rate looks like, as used in error messages.
 *
 * @example
 * ```ts
 * new ParameterError('arrivalRate', RATE_EXPECTED, '331 kg').message;
 * ```
 */
export const RATE_EXPECTED = 'a rate like "331 per min" or a number per second';

// Reference quantities whose dimensions a parsed unit must match.
const SECOND = mathUnit('1 s');
const HERTZ = mathUnit('1 Hz');

/** mathjs time units with no fixed length (a month is 1/12 of a Julian year there). */
const CALENDAR_UNITS = new Set([
  'month',
  'months',
  'year',
  'years',
  'decade',
  'decades',
  'century',
  'centuries',
  'millennium',
  'millennia',
]);

/** One part of a compound duration: a plain number (no sign) and a unit word. */
const PART = /\s*(\d*\.?\d+(?:[eE][+-]?\d+)?)\s*([A-Za-z]+)\s*/gy;

/** Why a string could not be read; the message says so in parentheses after what was expected. */
class Unreadable {
  constructor(readonly reason: string) {}
}

/**
 * Rewrite the spellings mathjs does not know into ones it does: `per` → `/`, a standalone `d` → `day`.
 */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<![A-Za-z])per(?![A-Za-z])/gi, '/')
    .replace(/(?<![A-Za-z])d(?![A-Za-z])/g, 'day');
}

/** Parse one quantity with mathjs, or say why it cannot be read. */
function quantity(text: string): Unit | Unreadable {
  let u: Unit;
  try {
    u = mathUnit(text);
  } catch (e) {
    const missing = /Unit "([^"]*)" not found/.exec(e instanceof Error ? e.message : '');
    return new Unreadable(missing ? `unknown unit "${missing[1]}"` : 'not a number followed by a unit');
  }
  if (u.value === null || u.value === undefined) return new Unreadable('the number is missing');
  if (u.units.length === 0) return new Unreadable('the unit is missing');
  for (const c of u.units)
    if (CALENDAR_UNITS.has(c.unit.name))
      return new Unreadable(`"${c.unit.name}" has no fixed length: use days or weeks`);
  return u;
}

/** Why a quantity of the wrong dimension was refused, with a hint for the usual slips. */
function wrongDimension(u: Unit, wanted: 'duration' | 'rate', text: string): Unreadable {
  const units = u.formatUnits();
  // The slip is in what was typed (`40 m`, `331 /m`), so look at the text rather than mathjs's units.
  if (/(?<![A-Za-z])m(?![A-Za-z])/.test(text))
    return new Unreadable('"m" is metres: write "min" for minutes');
  if (wanted === 'duration' && u.equalBase(HERTZ))
    return new Unreadable(`"${units}" makes it a rate, not a duration`);
  if (wanted === 'rate' && u.equalBase(SECOND)) {
    const m = /^\s*(\d*\.?\d+(?:[eE][+-]?\d+)?)\s*([A-Za-z]+)\s*$/.exec(text);
    return new Unreadable(`a duration, not a rate${m ? `: write e.g. "${m[1]} per ${m[2]}"` : ''}`);
  }
  return new Unreadable(
    wanted === 'duration' ? `"${units}" is not a unit of time` : `"${units}" is not per unit of time`,
  );
}

/** Seconds in a duration string, or why it cannot be read. */
function durationSeconds(text: string): number | Unreadable {
  const s = normalise(text);
  if (s === '') return new Unreadable('empty');
  const parts = [...s.matchAll(PART)];
  const whole = parts.reduce((n, p) => n + p[0].length, 0) === s.length;
  const list = whole && parts.length >= 2 ? parts.map((p) => `${p[1]} ${p[2]}`) : [s];
  let total = 0;
  for (const part of list) {
    const u = quantity(part);
    if (u instanceof Unreadable) return u;
    if (!u.equalBase(SECOND)) return wrongDimension(u, 'duration', part);
    total += u.toNumber('s');
  }
  return total;
}

/** Events per second in a rate string, or why it cannot be read. */
function ratePerSecond(text: string): number | Unreadable {
  const s = normalise(text);
  if (s === '') return new Unreadable('empty');
  const u = quantity(s);
  if (u instanceof Unreadable) return u;
  if (!u.equalBase(HERTZ)) return wrongDimension(u, 'rate', text);
  return u.toNumber('Hz');
}

/** Shared checks of a number read from input (given as such or converted from units). */
function checkMagnitude(n: number, value: unknown, path: string, expected: string): number {
  if (!Number.isFinite(n)) throw new ParameterError(path, `${expected} (finite)`, value);
  if (n < 0) throw new ParameterError(path, `${expected} (not negative)`, value);
  // -0 passes `n < 0`; return a plain zero so no sign shows up later (`-0 s`, `1 / x`).
  return n === 0 ? 0 : n;
}

/**
 * A duration in seconds, from a number of seconds or a string with units. Zero is allowed; negative,
 * infinite, unit-less, unknown or wrongly dimensioned values throw a `ParameterError` naming `path`.
 *
 * @param value - `12`, `"40 s"`, `"6 h"`, `"1.5 h"`, `"90 min"`, `"1 h 30 min"`, `"2 d"`, `"250 ms"`
 * @param path - the parameter path for errors (default `'duration'`)
 * @example
 * ```ts
 * duration('40 s');       // 40
 * duration('6 h');        // 21600
 * duration('1 h 30 min'); // 5400
 * duration(12);           // 12
 * duration('40 kg', 'sites[2].swabTime');
 * // throws 'sites[2].swabTime: expected a duration like "40 s" or a number of seconds ("kg" is not a unit of time), got "40 kg"'
 * ```
 */
export function duration(value: unknown, path = 'duration'): number {
  if (typeof value === 'number') return checkMagnitude(value, value, path, DURATION_EXPECTED);
  if (typeof value !== 'string') throw new ParameterError(path, DURATION_EXPECTED, value);
  const seconds = durationSeconds(value);
  if (seconds instanceof Unreadable)
    throw new ParameterError(path, `${DURATION_EXPECTED} (${seconds.reason})`, value);
  return checkMagnitude(seconds, value, path, DURATION_EXPECTED);
}

/**
 * A rate in events per second, from a number per second or a string with units. Zero is allowed;
 * negative, infinite, unit-less, unknown or wrongly dimensioned values throw a `ParameterError`.
 *
 * @param value - `0.5`, `"331 per min"`, `"331/min"`, `"19874 /h"`, `"120 per hour"`, `"2 Hz"`
 * @param path - the parameter path for errors (default `'rate'`)
 * @example
 * ```ts
 * rate('331 per min'); // 5.5166… (331 / 60)
 * rate('19874 /h');    // 5.5205… (19874 / 3600)
 * rate(0.5);           // 0.5
 * rate('40 s', 'arrivalRate');
 * // throws 'arrivalRate: expected a rate like "331 per min" or a number per second (a duration, not a rate: write e.g. "40 per s"), got "40 s"'
 * ```
 */
export function rate(value: unknown, path = 'rate'): number {
  if (typeof value === 'number') return checkMagnitude(value, value, path, RATE_EXPECTED);
  if (typeof value !== 'string') throw new ParameterError(path, RATE_EXPECTED, value);
  const perSecond = ratePerSecond(value);
  if (perSecond instanceof Unreadable)
    throw new ParameterError(path, `${RATE_EXPECTED} (${perSecond.reason})`, value);
  return checkMagnitude(perSecond, value, path, RATE_EXPECTED);
}

/**
 * Durations and rates written with units, parsed once at the edge into the numbers the kernel uses:
 * **seconds** and **events per second**.
 *
 * Scenario files are written by people, who say "40 s", "6 h" and "331 per min". Models should never
 * see those strings: a model normalises its input once (see {@link parseUnits}) and works in plain
 * numbers from then on. The spellings understood are every common one (`s`, `sec`, `seconds`, `min`,
 * `minutes`, `h`, `hr`, `hours`, `d`, `day`, `week`, SI prefixes such as `ms`, and `Hz` for rates; the
 * full table is in `unitWords.ts`, the grammar in `quantity.ts`), and on top of single quantities:
 *
 * - `per` for `/` in rates: `"331 per min"` is `"331 /min"`;
 * - compound durations: `"1 h 30 min"`, `"2 h 05 min"` are the sum of their parts (each part a number
 *   and a time unit, no signs), so everything {@link formatDuration} writes reads back.
 *
 * And it refuses what would silently mislead a planner:
 *
 * - a plain **number is seconds** (or per second), but a numeric **string without a unit** (`"12"`) is
 *   an error: a string says the author meant a unit, and guessing which is how plans go wrong;
 * - `m` is metres (SI): `"40 m"` is an error that suggests `min`;
 * - months, years and longer have no fixed length: refused, use days or weeks;
 * - `hs`, `ds`, `das` (hecto-, deci-, decaseconds in SI) look like hours and days: refused with a hint;
 * - wrong dimensions (`"40 kg"`, or a rate where a duration is wanted), unknown units, empty strings,
 *   negative or infinite values: a `ParameterError` naming the parameter path and the value, e.g.
 *   `sites[2].swabTime: expected a duration like "40 s" or a number of seconds ("kg" is not a unit of time), got "40 kg"`.
 *   Words that are SI units of other quantities (`kg`, `S`, `N`, …) are "not a unit of time"; any other
 *   word is an "unknown unit". A quantity is a duration or a rate only if every word in it is a unit of
 *   time or frequency: units of other quantities never cancel out (`"1 J/W"` is refused).
 *
 * Why not a units library: mathjs's import costs about a second and tens of MB in every process and
 * worker thread, for a dozen words of time (bench/README.md). js-quantities 1.8.0 imports fast but
 * does not fit without contortions: its error ("Unit not recognized") does not name the unknown word,
 * a bare `"min"` reads as 1 min (so "the number is missing" cannot be told), `month` is unknown while
 * `parsec` is known, it writes units its own way (`1/min`), and its types (`@types/js-quantities`
 * 1.6) do not cover the ESM entry. The code around it would be as long as this table-driven reader.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import {
  type Factor,
  formatFactors,
  inSeconds,
  type Quantity,
  readQuantity,
  Unreadable,
} from './quantity.js';

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

/** One part of a compound duration: a plain number (no sign) and a unit word. */
const PART = /\s*(\d*\.?\d+(?:[eE][+-]?\d+)?)\s*([A-Za-z]+)\s*/gy;

/** A quantity with its number and units, ready to be measured. */
type Read = Quantity & { readonly value: number };

/** Rewrite `per` as `/`, trim, and collapse whitespace. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<![A-Za-z])per(?![A-Za-z])/gi, '/');
}

/** Prefixed seconds that look like hours or days, with what to write instead. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  hs: '"hs" is hectoseconds: write "h" for hours',
  das: '"das" is decaseconds: write "d" for days',
  ds: '"ds" is deciseconds: write "d" for days',
};

/** Read one quantity, or say why it cannot be read: no number, no unit, a calendar unit or a look-alike. */
function quantity(text: string): Read | Unreadable {
  const q = readQuantity(text);
  if (q instanceof Unreadable) return q;
  if (q.value === null) return new Unreadable('the number is missing');
  if (q.factors.length === 0) return new Unreadable('the unit is missing');
  const calendar = q.factors.find((f) => f.unit.kind === 'calendar');
  if (calendar) return new Unreadable(`"${calendar.word}" has no fixed length: use days or weeks`);
  // SI reads "hs" as hectoseconds (100 s) and "ds" as deciseconds: nobody plans in those, and a
  // planner who typed them meant hours or days, so they are refused rather than read silently wrong.
  const lookalike = q.factors.find((f) => LOOKALIKES[f.word] !== undefined);
  if (lookalike) return new Unreadable(LOOKALIKES[lookalike.word]!);
  return { value: q.value, factors: q.factors };
}

/** The quantity in seconds (dimension 1) or per second (dimension −1), if it is one. */
function measured(q: Read, dimension: 1 | -1): number | undefined {
  const m = inSeconds(q.value, q.factors);
  return m?.dimension === dimension ? m.value : undefined;
}

/** Whether every word is a time unit and they make seconds raised to `dimension`. */
function isDimension(factors: readonly Factor[], dimension: 1 | -1): boolean {
  return inSeconds(1, factors)?.dimension === dimension;
}

/** Why a quantity of the wrong dimension was refused, with a hint for the usual slips. */
function wrongDimension(q: Read, wanted: 'duration' | 'rate', text: string): Unreadable {
  const units = formatFactors(q.factors);
  // The slip is in what was typed (`40 m`, `331 /m`), so look at the text.
  if (/(?<![A-Za-z])m(?![A-Za-z])/.test(text))
    return new Unreadable('"m" is metres: write "min" for minutes');
  if (wanted === 'duration' && isDimension(q.factors, -1))
    return new Unreadable(`"${units}" makes it a rate, not a duration`);
  if (wanted === 'rate' && isDimension(q.factors, 1)) {
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
    const q = quantity(part);
    if (q instanceof Unreadable) return q;
    const seconds = measured(q, 1);
    if (seconds === undefined) return wrongDimension(q, 'duration', part);
    total += seconds;
  }
  return total;
}

/** Events per second in a rate string, or why it cannot be read. */
function ratePerSecond(text: string): number | Unreadable {
  const s = normalise(text);
  if (s === '') return new Unreadable('empty');
  const q = quantity(s);
  if (q instanceof Unreadable) return q;
  const perSecond = measured(q, -1);
  return perSecond ?? wrongDimension(q, 'rate', text);
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

/**
 * Civil (proleptic Gregorian) calendar arithmetic without any timezone: dates are converted to and
 * from a count of days since 1970-01-01 using only the `Date` object's UTC methods, which never consult
 * the machine's timezone. `Date.UTC` itself is avoided because it maps years 0–99 to 1900–1999.
 *
 * Everything here is internal to the time area; the public face is {@link Epoch}.
 *
 * @internal
 * @module
 */

/** Milliseconds in a civil day (fixed offsets have no DST, so every day is 24 h). */
export const DAY_MS = 86_400_000;

/** A calendar date: full year, month 1–12, day of month 1–31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** English month abbreviations, as written by clock formats with dates (`14 Apr 01:30`). */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Days since 1970-01-01 of a valid civil date, or `undefined` when the date does not exist
 * (`2022-02-30`, month 13).
 *
 * @example
 * ```ts
 * daysFromCivil(1970, 1, 2); // 1
 * daysFromCivil(2023, 2, 29); // undefined
 * ```
 * @internal
 */
export function daysFromCivil(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // An overflowing day (30 February) rolls into the next month: the date does not exist.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return Math.round(d.getTime() / DAY_MS);
}

/**
 * The civil date of a day count since 1970-01-01.
 *
 * @example
 * ```ts
 * civilFromDays(19095); // { year: 2022, month: 4, day: 13 }
 * ```
 * @internal
 */
export function civilFromDays(days: number): CivilDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Month number (1–12) of an English month name or its three-letter abbreviation, any case.
 *
 * @example
 * ```ts
 * monthNumber('Apr');   // 4
 * monthNumber('april'); // 4
 * monthNumber('Aprl');  // undefined
 * ```
 * @internal
 */
export function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m === lower || (lower.length === 3 && m.startsWith(lower)));
  return i < 0 ? undefined : i + 1;
}

/**
 * Zero-pad a non-negative integer to `width` digits.
 *
 * @example
 * ```ts
 * pad(5); // '05'
 * pad(7, 3); // '007'
 * ```
 * @internal
 */
export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Render a UTC offset in minutes as `±HH:MM`.
 *
 * @example
 * ```ts
 * formatOffset(480);  // '+08:00'
 * formatOffset(-210); // '-03:30'
 * ```
 * @internal
 */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

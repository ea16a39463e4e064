/**
 * The epoch: the local date-time, with an explicit UTC offset, at which simulated time 0 falls.
 *
 * The kernel clock is a plain number of seconds. A scenario that replays a real day states its epoch,
 * e.g. `2022-04-13T01:30+08:00`, so results, logs and charts can speak in clock times ("19:00",
 * "01:30 (+1 d)") and inputs can be written as clock times too.
 *
 * Design decisions:
 *
 * - **Fixed offsets only, never the machine's timezone.** An epoch carries its own offset (`+08:00`);
 *   there are no named zones and hence no DST: every day is 24 h. All arithmetic is done on integer
 *   milliseconds with the `Date` object's UTC methods only, so output is identical in any `TZ`.
 * - **Millisecond resolution.** A time `t` (seconds since the epoch) is first rounded to the nearest
 *   millisecond — which removes floating-point noise such as `0.1 + 0.2` — and then shown truncated,
 *   like a wall clock: 19:00:59.9 reads `19:00:59`, or `19:00` without seconds.
 * - **Days are counted from the epoch's local date.** Day 0 is the calendar day on which the epoch
 *   falls (not the 24 hours after the epoch), so with an epoch at 19:00, 01:30 the next morning is
 *   day 1 and renders `01:30 (+1 d)`.
 *
 * ### Clock format written by {@link Epoch.toClock}
 * `HH:MM`, then `:SS` when the seconds are non-zero (or asked for), then `.f…` when decimals are asked
 * for; then, for any day other than the epoch's, a day suffix ` (+N d)` / ` (-N d)`:
 * `19:00`, `19:00:05`, `01:30 (+1 d)`, `23:59:59 (-1 d)`. With `day: 'date'` the date is written in
 * front instead: `14 Apr 01:30` (the year is added when it differs from the epoch's).
 *
 * ### Clock grammar read by {@link Epoch.at}
 * | form | example | meaning |
 * |---|---|---|
 * | `H:MM[:SS[.fff]]` | `19:00`, `7:05:30` | that time on the epoch's date (`24:00` is its end) |
 * | … with a day suffix | `01:30 (+1 d)` | as written by `toClock`: N days after the epoch's date |
 * | day prefix | `+1d 01:30`, `-1 d 23:00` | the same, prefix form |
 * | `D Mon [YYYY] H:MM[:SS]` | `13 Apr 19:00`, `1 Jan 2023 00:30` | that date (year defaults to the epoch's) |
 * | local ISO | `2022-04-14T01:30`, `2022-04-14 01:30:00` | that date-time in the epoch's offset |
 * | ISO with offset | `2022-04-13T11:00Z`, `2022-04-13T19:00+08:00` | that instant, in any offset |
 *
 * Whitespace is trimmed and runs of spaces count as one. A result before the epoch is a negative
 * number by default; the `before` option can make it an error or move a bare time to the next day.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import {
  type CivilDate,
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  formatOffset,
  MONTHS,
  monthNumber,
  pad,
} from './civil.js';

/** Largest UTC offset accepted, in minutes (real-world offsets span −12:00 to +14:00). */
const MAX_OFFSET_MINUTES = 14 * 60;

const EPOCH_EXPECTED = 'an ISO local date-time with a UTC offset, like "2022-04-13T01:30+08:00"';

const CLOCK_EXPECTED =
  'a clock time like "19:00", "01:30 (+1 d)", "+1d 01:30", "13 Apr 19:00" or an ISO date-time';

// Pieces of the grammars above. Hours may have one digit in clock times, must have two in ISO forms.
const ISO_DATE = '(\\d{4})-(\\d{2})-(\\d{2})';
const ISO_TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?';
const CLOCK_TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?';
const OFFSET = '([zZ]|[+-]\\d{2}(?::?\\d{2})?)';

const RE_ISO_OFFSET = new RegExp(`^${ISO_DATE}[Tt ]${ISO_TIME}${OFFSET}$`);
const RE_ISO_LOCAL = new RegExp(`^${ISO_DATE}[Tt ]${ISO_TIME}$`);
const RE_DATE_WORDS = new RegExp(`^(\\d{1,2}) ([A-Za-z]+)(?: (\\d{4}))? ${CLOCK_TIME}$`);
const RE_DAY_PREFIX = new RegExp(`^([+-])(\\d+) ?d ${CLOCK_TIME}$`);
const RE_TIME_SUFFIX = new RegExp(`^${CLOCK_TIME}(?: \\(([+-])(\\d+) ?d\\))?$`);

/**
 * What {@link Epoch.at} does with a result that falls before the epoch:
 * - `'negative'` (default): return it, a negative number of seconds;
 * - `'error'`: throw a `ParameterError`;
 * - `'next-day'`: a bare time of day (`"01:30"`, no day or date) is taken on the following day — the
 *   first such clock time at or after the epoch, what a scenario that starts at 19:00 means by
 *   "01:30"; anything else before the epoch throws.
 *
 * @example
 * ```ts
 * const e = new Epoch('2022-04-13T19:00+08:00');
 * e.at('01:30', { before: 'next-day' }); // 23_400 (6.5 h after the epoch)
 * ```
 */
export type BeforeEpoch = 'negative' | 'error' | 'next-day';

/**
 * Options of {@link Epoch.at}.
 *
 * @example
 * ```ts
 * const opts: AtOptions = { path: 'sites[0].opensAt', before: 'error' };
 * ```
 */
export interface AtOptions {
  /** Parameter path named in errors; default `'time'`. */
  readonly path?: string;
  /** What to do with a time before the epoch; default `'negative'`. */
  readonly before?: BeforeEpoch;
}

/**
 * Options of {@link Epoch.toClock}.
 *
 * @example
 * ```ts
 * const opts: ClockOptions = { seconds: 'always', day: 'date' }; // "14 Apr 01:30:00"
 * ```
 */
export interface ClockOptions {
  /**
   * `'auto'` (default) shows `:SS` only when the seconds are non-zero; `'always'` always (what a
   * round trip through {@link Epoch.at} or an aligned log column wants); `'never'` drops them
   * (truncating, like a wall clock).
   */
  readonly seconds?: 'auto' | 'always' | 'never';
  /** Digits of the fraction of a second, 0–3 (default 0); more than 0 implies seconds are shown. */
  readonly decimals?: number;
  /**
   * How a day other than the epoch's is marked: `'offset'` (default) appends ` (+N d)`; `'date'`
   * prefixes the date (`14 Apr 01:30`, with the year when it differs from the epoch's) — also on the
   * epoch's own day; `'none'` writes the time of day only (for chart ticks).
   */
  readonly day?: 'offset' | 'date' | 'none';
}

/** A time of day parsed from the grammar, in milliseconds since local midnight (0 to 24 h). */
function timeOfDayMs(
  h: string | undefined,
  m: string | undefined,
  s: string | undefined,
  f: string | undefined,
): number | undefined {
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  const millis = f === undefined ? 0 : Number(f.padEnd(3, '0'));
  if (minutes > 59 || seconds > 59) return undefined;
  // ISO 8601 allows 24:00 for the end of a day; nothing later.
  if (hours > 24 || (hours === 24 && (minutes > 0 || seconds > 0 || millis > 0))) return undefined;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** Parse `Z`, `±HH`, `±HHMM` or `±HH:MM` into minutes; `undefined` when out of range. */
function offsetMinutes(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  if (total > MAX_OFFSET_MINUTES) return undefined;
  // `-00:00` is the same instant as `+00:00`; avoid a negative zero.
  return total === 0 ? 0 : sign * total;
}

/**
 * A scenario's epoch: a local date-time with an explicit UTC offset, the instant of simulated time 0.
 * Converts between simulated seconds and clock times, dates, ISO strings and JS instants, without
 * ever consulting the machine's timezone.
 *
 * @example
 * ```ts
 * const epoch = new Epoch('2022-04-13T01:30+08:00');
 * epoch.toClock(63_000);             // '19:00'
 * epoch.toClock(86_400);             // '01:30 (+1 d)'
 * epoch.toISO(63_005);               // '2022-04-13T19:00:05+08:00'
 * epoch.at('19:00');                 // 63_000
 * epoch.at('+1d 01:30');             // 86_400
 * epoch.label;                       // 'UTC+08:00'
 * ```
 */
export class Epoch {
  /** The epoch normalised to `YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM`. */
  readonly iso: string;
  /** The epoch as a JS instant: milliseconds since 1970-01-01T00:00Z. */
  readonly epochMs: number;
  /** The UTC offset in minutes east of UTC (`+08:00` → 480). */
  readonly offsetMinutes: number;
  /** The UTC offset as `±HH:MM`, e.g. `+08:00`. */
  readonly offset: string;
  /** A human label of the offset for axes and report headers: `UTC+08:00`, or `UTC`. */
  readonly label: string;
  /** The epoch's local date, `YYYY-MM-DD` — day 0 of {@link Epoch.dayOf}. */
  readonly date: string;

  /** Days since 1970-01-01 of the epoch's local date. */
  readonly #day: number;
  /** Local milliseconds since midnight of the epoch. */
  readonly #msOfDay: number;
  /** The epoch's local calendar year (dates in other years show their year). */
  readonly #year: number;

  /**
   * Parse an epoch. Accepted: `YYYY-MM-DDTHH:MM[:SS[.fff]]` (a space may replace the `T`) followed
   * by `Z`, `±HH:MM`, `±HHMM` or `±HH`. A missing offset, a date or time that does not exist, or an
   * offset beyond ±14:00 throws a `ParameterError` naming `path` and the value.
   *
   * @param iso - the local date-time with its offset, e.g. `2022-04-13T01:30+08:00`
   * @param path - the parameter path for errors (default `'epoch'`)
   * @example
   * ```ts
   * new Epoch('2022-04-13T01:30+08:00').iso; // '2022-04-13T01:30:00+08:00'
   * new Epoch('2022-04-13T01:30');           // throws "epoch: expected … (the UTC offset is missing …)"
   * ```
   */
  constructor(iso: string, path = 'epoch') {
    if (typeof iso !== 'string') throw new ParameterError(path, EPOCH_EXPECTED, iso);
    const text = iso.trim();
    const m = RE_ISO_OFFSET.exec(text);
    if (!m) {
      const why = RE_ISO_LOCAL.test(text)
        ? ' (the UTC offset is missing: add e.g. "+08:00", or "Z" for UTC)'
        : '';
      throw new ParameterError(path, EPOCH_EXPECTED + why, iso);
    }
    const [, y, mo, d, h, mi, s, f, off] = m;
    const day = daysFromCivil(Number(y), Number(mo), Number(d));
    if (day === undefined)
      throw new ParameterError(path, `${EPOCH_EXPECTED} (no such date: ${y}-${mo}-${d})`, iso);
    const tod = timeOfDayMs(h, mi, s, f);
    // The epoch is a point within its own day: 24:00 would make it day 1 of itself.
    if (tod === undefined || tod >= DAY_MS)
      throw new ParameterError(path, `${EPOCH_EXPECTED} (no such time of day: ${h}:${mi})`, iso);
    const offsetMin = offsetMinutes(off!);
    if (offsetMin === undefined)
      throw new ParameterError(path, `${EPOCH_EXPECTED} (a UTC offset within ±14:00)`, iso);

    this.#day = day;
    this.#msOfDay = tod;
    this.#year = Number(y);
    this.offsetMinutes = offsetMin;
    this.offset = formatOffset(offsetMin);
    this.label = offsetMin === 0 ? 'UTC' : `UTC${this.offset}`;
    this.epochMs = day * DAY_MS + tod - offsetMin * 60_000;
    this.date = `${y}-${mo}-${d}`;
    this.iso = `${this.date}T${this.#timeText(tod, tod % 1000 === 0 ? 0 : 3, true)}${this.offset}`;
  }

  /**
   * An {@link Epoch} from a string (parsed) or an existing epoch (returned as is): what an options
   * object that accepts either wants.
   *
   * @example
   * ```ts
   * const e = Epoch.from(options.epoch ?? '2022-04-13T00:00+08:00', 'options.epoch');
   * ```
   */
  static from(value: string | Epoch, path = 'epoch'): Epoch {
    return value instanceof Epoch ? value : new Epoch(value, path);
  }

  /**
   * Local milliseconds since midnight of the epoch's date for simulated time `t` (seconds), rounded
   * to the millisecond. Rejects times that are not finite or fall outside years 0000–9999.
   */
  #local(t: number): number {
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw new ParameterError('t', 'a finite number of seconds since the epoch', t);
    const ms = Math.round(t * 1000) + this.#msOfDay;
    const { year } = civilFromDays(this.#day + Math.floor(ms / DAY_MS));
    if (!(year >= 0 && year <= 9999)) throw new ParameterError('t', 'a time within the years 0000–9999', t);
    return ms;
  }

  /** `HH:MM[:SS[.f…]]` of a millisecond of the day; `decimals` is the fraction digits (0–3). */
  #timeText(msOfDay: number, decimals: number, withSeconds: boolean): string {
    const hours = Math.floor(msOfDay / 3_600_000);
    const minutes = Math.floor(msOfDay / 60_000) % 60;
    const seconds = Math.floor(msOfDay / 1000) % 60;
    let text = `${pad(hours)}:${pad(minutes)}`;
    if (!withSeconds) return text;
    text += `:${pad(seconds)}`;
    if (decimals > 0) text += `.${pad(msOfDay % 1000, 3).slice(0, decimals)}`;
    return text;
  }

  /** The date part of a clock in `'date'` style: `14 Apr`, or `1 Jan 2023` in another year. */
  #dateWords(date: CivilDate): string {
    const words = `${date.day} ${MONTHS[date.month - 1]}`;
    return date.year === this.#year ? words : `${words} ${pad(date.year, 4)}`;
  }

  /**
   * The clock time of simulated time `t` (seconds since the epoch), for logs and tables: `19:00`,
   * `19:00:05`, `01:30 (+1 d)`, `23:00 (-1 d)`. See the module comment for the exact format.
   *
   * @param t - seconds since the epoch (may be negative or fractional)
   * @param options - which seconds to show, fraction digits, how other days are marked
   * @example
   * ```ts
   * const e = new Epoch('2022-04-13T19:00+08:00');
   * e.toClock(0);                              // '19:00'
   * e.toClock(5);                              // '19:00:05'
   * e.toClock(0, { seconds: 'always' });       // '19:00:00'
   * e.toClock(23_400);                         // '01:30 (+1 d)'
   * e.toClock(-72_000);                        // '23:00 (-1 d)'
   * e.toClock(23_400, { day: 'date' });        // '14 Apr 01:30'
   * e.toClock(1.25, { decimals: 2 });          // '19:00:01.25'
   * ```
   */
  toClock(t: number, options: ClockOptions = {}): string {
    const seconds = options.seconds ?? 'auto';
    const decimals = options.decimals ?? 0;
    const dayStyle = options.day ?? 'offset';
    if (!['auto', 'always', 'never'].includes(seconds))
      throw new ParameterError('options.seconds', 'one of "auto", "always", "never"', seconds);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 3)
      throw new ParameterError('options.decimals', 'an integer in [0, 3]', decimals);
    if (!['offset', 'date', 'none'].includes(dayStyle))
      throw new ParameterError('options.day', 'one of "offset", "date", "none"', dayStyle);
    if (seconds === 'never' && decimals > 0)
      throw new ParameterError('options.decimals', '0 when seconds are "never" shown', decimals);

    const ms = this.#local(t);
    const day = Math.floor(ms / DAY_MS);
    const unit = 10 ** (3 - decimals);
    // Truncate to the shown resolution, like a wall clock.
    const msOfDay = Math.floor((ms - day * DAY_MS) / unit) * unit;
    const withSeconds =
      seconds === 'always' || decimals > 0 || (seconds === 'auto' && msOfDay % 60_000 !== 0);
    const time = this.#timeText(msOfDay, decimals, withSeconds);
    if (dayStyle === 'none') return time;
    if (dayStyle === 'date') return `${this.#dateWords(civilFromDays(this.#day + day))} ${time}`;
    return day === 0 ? time : `${time} (${day > 0 ? '+' : '-'}${Math.abs(day)} d)`;
  }

  /**
   * The local ISO 8601 date-time of `t`, with the epoch's offset: `2022-04-13T19:00:00+08:00`
   * (milliseconds appear when non-zero: `…19:00:05.250+08:00`). Suitable for vega-lite temporal
   * fields and for records a person reads.
   *
   * @example
   * ```ts
   * new Epoch('2022-04-13T01:30+08:00').toISO(86_400); // '2022-04-14T01:30:00+08:00'
   * ```
   */
  toISO(t: number): string {
    const ms = this.#local(t);
    const day = Math.floor(ms / DAY_MS);
    const d = civilFromDays(this.#day + day);
    const msOfDay = ms - day * DAY_MS;
    const time = this.#timeText(msOfDay, msOfDay % 1000 === 0 ? 0 : 3, true);
    return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${time}${this.offset}`;
  }

  /**
   * The JS instant of `t`, in milliseconds since 1970-01-01T00:00Z (rounded to the millisecond).
   *
   * @example
   * ```ts
   * new Epoch('1970-01-01T08:00+08:00').toMillis(1); // 1000
   * ```
   */
  toMillis(t: number): number {
    return this.epochMs + (this.#local(t) - this.#msOfDay);
  }

  /**
   * The instant of `t` as a `Date` (which, printed, shows the viewer's timezone; prefer
   * {@link Epoch.toISO} or {@link Epoch.toClock} for text).
   *
   * @example
   * ```ts
   * new Epoch('2022-04-13T01:30+08:00').toDate(0).toISOString(); // '2022-04-12T17:30:00.000Z'
   * ```
   */
  toDate(t: number): Date {
    return new Date(this.toMillis(t));
  }

  /**
   * The local wall-clock time of `t` written as if it were UTC, in milliseconds: plot these on a
   * vega-lite `utc` scale (or with `utc…` time units) and the axis shows the scenario's clock times
   * (19:00, 01:30) whatever the viewer's timezone, which a true instant on a local scale would not.
   *
   * @example
   * ```ts
   * const e = new Epoch('2022-04-13T19:00+08:00');
   * new Date(e.toWallClockMillis(0)).toISOString(); // '2022-04-13T19:00:00.000Z'
   * // { field: 'at', type: 'temporal', scale: { type: 'utc' }, axis: { format: '%H:%M' } }
   * ```
   */
  toWallClockMillis(t: number): number {
    return this.toMillis(t) + this.offsetMinutes * 60_000;
  }

  /**
   * Seconds since the epoch of a JS instant (`Date` or milliseconds since 1970-01-01T00:00Z): the
   * inverse of {@link Epoch.toMillis}.
   *
   * @example
   * ```ts
   * const e = new Epoch('2022-04-13T01:30+08:00');
   * e.fromMillis(e.toMillis(90)); // 90
   * e.fromMillis(new Date('2022-04-12T18:30:00Z')); // 3600
   * ```
   */
  fromMillis(instant: number | Date, path = 'instant'): number {
    const ms = instant instanceof Date ? instant.getTime() : instant;
    if (typeof ms !== 'number' || !Number.isFinite(ms))
      throw new ParameterError(path, 'a valid Date or finite milliseconds since 1970', instant);
    return (ms - this.epochMs) / 1000;
  }

  /**
   * The day of `t`, counted from the epoch's local date (day 0); negative before it.
   *
   * @example
   * ```ts
   * const e = new Epoch('2022-04-13T19:00+08:00');
   * e.dayOf(0);       // 0
   * e.dayOf(18_000);  // 1  (00:00 the next day)
   * e.dayOf(-68_401); // -1 (23:59:59 the day before)
   * ```
   */
  dayOf(t: number): number {
    return Math.floor(this.#local(t) / DAY_MS);
  }

  /**
   * The local date of `t` as `YYYY-MM-DD`.
   *
   * @example
   * ```ts
   * new Epoch('2022-04-13T19:00+08:00').dateOf(18_000); // '2022-04-14'
   * ```
   */
  dateOf(t: number): string {
    const d = civilFromDays(this.#day + this.dayOf(t));
    return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
  }

  /**
   * Seconds since the epoch of local midnight starting day `day` (0 = the epoch's date): the origin
   * of daily schedules.
   *
   * @example
   * ```ts
   * const e = new Epoch('2022-04-13T19:00+08:00');
   * e.midnight();  // -68_400
   * e.midnight(1); // 18_000
   * ```
   */
  midnight(day = 0): number {
    if (!Number.isInteger(day)) throw new ParameterError('day', 'an integer day number', day);
    return (day * DAY_MS - this.#msOfDay) / 1000;
  }

  /**
   * Seconds since the epoch of a clock time written in the grammar of the module comment: `"19:00"`
   * (on the epoch's date), `"01:30 (+1 d)"`, `"+1d 01:30"`, `"13 Apr 19:00"`, `"2022-04-14T01:30"`
   * (epoch's offset) or `"2022-04-13T11:00Z"` (any offset). Inverse of {@link Epoch.toClock}.
   *
   * @param clock - the clock time
   * @param options - `path` for errors (default `'time'`); `before`: see {@link BeforeEpoch}
   * @example
   * ```ts
   * const e = new Epoch('2022-04-13T19:00+08:00');
   * e.at('19:30');                         // 1800
   * e.at('01:30 (+1 d)');                  // 23_400
   * e.at('14 Apr 01:30');                  // 23_400
   * e.at('18:00');                         // -3600
   * e.at('18:00', { before: 'error', path: 'opensAt' }); // throws "opensAt: expected a time at or after …"
   * ```
   */
  at(clock: string, options: AtOptions = {}): number {
    const path = options.path ?? 'time';
    const before = options.before ?? 'negative';
    if (!['negative', 'error', 'next-day'].includes(before))
      throw new ParameterError('options.before', 'one of "negative", "error", "next-day"', before);
    if (typeof clock !== 'string') throw new ParameterError(path, CLOCK_EXPECTED, clock);
    const parsed = this.#parseClock(clock.trim().replace(/\s+/g, ' '));
    if (parsed === undefined) throw new ParameterError(path, CLOCK_EXPECTED, clock);
    if (parsed.ms >= 0 || before === 'negative') return parsed.ms / 1000;
    if (before === 'next-day' && parsed.bare) return (parsed.ms + DAY_MS) / 1000;
    throw new ParameterError(path, `a time at or after the epoch (${this.iso})`, clock);
  }

  /**
   * Milliseconds since the epoch of a normalised clock string, and whether it was a bare time of day;
   * `undefined` when it is not in the grammar or names a date/time that does not exist.
   */
  #parseClock(s: string): { ms: number; bare: boolean } | undefined {
    // Milliseconds since the epoch of `tod` on the date `day` days after 1970-01-01, local time.
    const local = (day: number | undefined, tod: number | undefined) =>
      day === undefined || tod === undefined
        ? undefined
        : { ms: (day - this.#day) * DAY_MS + tod - this.#msOfDay, bare: false };

    let m = RE_TIME_SUFFIX.exec(s);
    if (m) {
      const [, h, mi, sec, f, sign, n] = m;
      const shift = n === undefined ? 0 : (sign === '-' ? -1 : 1) * Number(n);
      const r = local(this.#day + shift, timeOfDayMs(h, mi, sec, f));
      return r && { ms: r.ms, bare: n === undefined };
    }
    m = RE_DAY_PREFIX.exec(s);
    if (m) {
      const [, sign, n, h, mi, sec, f] = m;
      return local(this.#day + (sign === '-' ? -1 : 1) * Number(n), timeOfDayMs(h, mi, sec, f));
    }
    m = RE_DATE_WORDS.exec(s);
    if (m) {
      const [, d, name, y, h, mi, sec, f] = m;
      const month = monthNumber(name!);
      if (month === undefined) return undefined;
      const year = y === undefined ? this.#year : Number(y);
      return local(daysFromCivil(year, month, Number(d)), timeOfDayMs(h, mi, sec, f));
    }
    m = RE_ISO_LOCAL.exec(s);
    if (m) {
      const [, y, mo, d, h, mi, sec, f] = m;
      return local(daysFromCivil(Number(y), Number(mo), Number(d)), timeOfDayMs(h, mi, sec, f));
    }
    m = RE_ISO_OFFSET.exec(s);
    if (m) {
      const [, y, mo, d, h, mi, sec, f, off] = m;
      const day = daysFromCivil(Number(y), Number(mo), Number(d));
      const tod = timeOfDayMs(h, mi, sec, f);
      const offsetMin = offsetMinutes(off!);
      if (day === undefined || tod === undefined || offsetMin === undefined) return undefined;
      return { ms: day * DAY_MS + tod - offsetMin * 60_000 - this.epochMs, bare: false };
    }
    return undefined;
  }

  /**
   * The normalised ISO string, so `JSON.stringify` records the epoch in a run's resolved parameters
   * and `new Epoch(json)` rebuilds it.
   *
   * @example
   * ```ts
   * JSON.stringify({ epoch: new Epoch('2022-04-13T01:30+08:00') }); // '{"epoch":"2022-04-13T01:30:00+08:00"}'
   * ```
   */
  toJSON(): string {
    return this.iso;
  }

  /**
   * The normalised ISO string.
   *
   * @example
   * ```ts
   * `${new Epoch('2022-04-13T01:30Z')}`; // '2022-04-13T01:30:00+00:00'
   * ```
   */
  toString(): string {
    return this.iso;
  }
}

/**
 * Durations and rates written for people: report tables, log lines, chart labels.
 *
 * Formats (each reads back through {@link duration} / {@link rate}, up to the rounding shown):
 *
 * | magnitude | `formatDuration` | resolution |
 * |---|---|---|
 * | under a minute | `45 s`, `2.5 s`, `0.04 s` | 1 ms, trailing zeros dropped |
 * | under an hour | `1 min 30 s`, `12 min 05 s` | 1 s |
 * | under a day | `2 h 05 min`, `6 h 00 min` | 1 min |
 * | a day or more | `1 d 02 h 30 min` | 1 min |
 *
 * The leading unit is unpadded and the following ones have two digits, so columns of durations line
 * up by unit. The value is rounded to the resolution *before* it is split, so 59 min 40 s becomes
 * `1 h 00 min`, never `60 min`. The `largest` option stops the split at hours (`27 h 00 min`, for a
 * night's operation) or minutes. Rates are written `331 /min`: three significant digits by default (the
 * integer part is never rounded away), per the largest-resolution unit that makes the number ≥ 1
 * unless a unit is asked for.
 *
 * Formatting helpers do not throw on non-finite numbers, which do occur in reports (an unstable
 * queue's wait is infinite): they write `∞`, `-∞` or `NaN`.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { pad } from './civil.js';

/**
 * Options of {@link formatDuration}.
 *
 * @example
 * ```ts
 * const opts: DurationFormatOptions = { largest: 'h' }; // 97200 s → '27 h 00 min'
 * ```
 */
export interface DurationFormatOptions {
  /** The largest unit used: `'d'` (default), `'h'`, `'min'` or `'s'`. */
  readonly largest?: 'd' | 'h' | 'min' | 's';
}

/**
 * Options of {@link formatRate}.
 *
 * @example
 * ```ts
 * const opts: RateFormatOptions = { per: 'h', digits: 4 };
 * ```
 */
export interface RateFormatOptions {
  /** The time unit of the rate: `'s'`, `'min'`, `'h'`, `'d'`, or `'auto'` (default; see the module comment). */
  readonly per?: 's' | 'min' | 'h' | 'd' | 'auto';
  /** Significant digits, 1–21 (default 3); digits of the integer part are always kept. */
  readonly digits?: number;
}

const LARGEST = ['d', 'h', 'min', 's'] as const;
const PER_SECONDS = { s: 1, min: 60, h: 3600, d: 86_400 } as const;

function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
}

/**
 * A duration in seconds written for people: `45 s`, `1 min 30 s`, `2 h 05 min`, `1 d 02 h 30 min`
 * (see the module comment for the resolution of each form).
 *
 * @param seconds - the duration (negative durations get a leading `-`)
 * @param options - `largest`: the largest unit to use (default `'d'`)
 * @example
 * ```ts
 * formatDuration(45);                        // '45 s'
 * formatDuration(7500);                      // '2 h 05 min'
 * formatDuration(21_600);                    // '6 h 00 min'
 * formatDuration(95_400);                    // '1 d 02 h 30 min'
 * formatDuration(95_400, { largest: 'h' });  // '26 h 30 min'
 * ```
 */
export function formatDuration(seconds: number, options: DurationFormatOptions = {}): string {
  const largest = options.largest ?? 'd';
  if (!LARGEST.includes(largest))
    throw new ParameterError('options.largest', 'one of "d", "h", "min", "s"', largest);
  if (typeof seconds !== 'number') throw new ParameterError('seconds', 'a number of seconds', seconds);
  if (!Number.isFinite(seconds)) return nonFinite(seconds);
  const abs = Math.abs(seconds);
  const ms = Math.round(abs * 1000);
  // A value that rounds to zero has no sign worth showing.
  const sign = seconds < 0 && ms > 0 ? '-' : '';
  if (ms < 60_000 || largest === 's') return `${sign}${ms / 1000} s`;
  const secs = Math.round(abs);
  if (secs < 3600 || largest === 'min') return `${sign}${Math.floor(secs / 60)} min ${pad(secs % 60)} s`;
  const mins = Math.round(abs / 60);
  if (mins < 1440 || largest === 'h') return `${sign}${Math.floor(mins / 60)} h ${pad(mins % 60)} min`;
  const days = Math.floor(mins / 1440);
  const rest = mins - days * 1440;
  return `${sign}${days} d ${pad(Math.floor(rest / 60))} h ${pad(rest % 60)} min`;
}

/** `x` to `digits` significant digits, never rounding away digits of the integer part. */
function significant(x: number, digits: number): string {
  if (Math.abs(x) >= 10 ** digits) return String(Math.round(x));
  // Number(...) drops the trailing zeros and exponent notation that toPrecision may produce.
  return String(Number(x.toPrecision(digits)));
}

/**
 * A rate in events per second written for people: `331 /min`, `5.52 /s`, `19874 /h`.
 *
 * @param perSecond - the rate, events per second
 * @param options - `per`: the time unit (default `'auto'`); `digits`: significant digits (default 3)
 * @example
 * ```ts
 * formatRate(331 / 60, { per: 'min' }); // '331 /min'
 * formatRate(331 / 60);                  // '5.52 /s'
 * formatRate(19874 / 3600, { per: 'h' }); // '19874 /h'
 * formatRate(0.01);                      // '36 /h'
 * ```
 */
export function formatRate(perSecond: number, options: RateFormatOptions = {}): string {
  const per = options.per ?? 'auto';
  const digits = options.digits ?? 3;
  if (per !== 'auto' && !(per in PER_SECONDS))
    throw new ParameterError('options.per', 'one of "s", "min", "h", "d", "auto"', per);
  if (!Number.isInteger(digits) || digits < 1 || digits > 21)
    throw new ParameterError('options.digits', 'an integer in [1, 21]', digits);
  if (typeof perSecond !== 'number') throw new ParameterError('perSecond', 'a number', perSecond);
  const unit =
    per !== 'auto'
      ? per
      : perSecond === 0 || !Number.isFinite(perSecond)
        ? 's'
        : ((['s', 'min', 'h'] as const).find((u) => Math.abs(perSecond) * PER_SECONDS[u] >= 1) ?? 'd');
  const value = perSecond * PER_SECONDS[unit];
  return `${Number.isFinite(value) ? significant(value, digits) : nonFinite(value)} /${unit}`;
}

/**
 * Clock-time axes for report charts.
 *
 * Simulated time is seconds since a scenario's epoch. Charts convert each time once, with
 * {@link Epoch.toWallClockMillis}, into the scenario's local wall-clock time written as if it were
 * UTC, and plot it on a `utc` scale: every viewer then sees the scenario's clock ("19:00", "01:30"),
 * whatever their own timezone. Tick labels read `HH:MM`; the first tick and every tick at midnight also
 * carry the date (`14 Apr 00:00`), so a night that crosses into the next day is visible on the axis.
 * The axis title names the offset (`UTC+08:00`), since the numbers are local times.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { Epoch } from '../time/epoch.js';

/**
 * An epoch given as an {@link Epoch} or as its ISO text (`2022-04-13T19:00+08:00`).
 *
 * @example
 * ```ts
 * const a: EpochLike = '2022-04-13T19:00+08:00';
 * const b: EpochLike = new Epoch(a);
 * ```
 */
export type EpochLike = Epoch | string;

/**
 * Resolve an {@link EpochLike}; a bad string throws a `ParameterError` naming `path`.
 *
 * @example
 * ```ts
 * toEpoch('2022-04-13T19:00+08:00').label; // 'UTC+08:00'
 * ```
 */
export function toEpoch(epoch: EpochLike, path = 'epoch'): Epoch {
  if (epoch instanceof Epoch) return epoch;
  if (typeof epoch !== 'string')
    throw new ParameterError(path, 'an Epoch or an ISO date-time with offset', epoch);
  return new Epoch(epoch, path);
}

/**
 * The vega expression that labels a clock tick: `HH:MM`, with the date in front on the first tick and
 * at midnight. Works on `utc` scales of wall-clock milliseconds.
 *
 * @example
 * ```ts
 * const axis = { labelExpr: CLOCK_LABEL_EXPR };
 * ```
 */
export const CLOCK_LABEL_EXPR =
  "(datum.index === 0 || (utchours(datum.value) === 0 && utcminutes(datum.value) === 0) ? utcFormat(datum.value, '%d %b ') : '') + utcFormat(datum.value, '%H:%M')";

/**
 * The title of a clock-time axis: `Clock time (UTC+08:00)` unless a title is given.
 *
 * @example
 * ```ts
 * clockAxisTitle(new Epoch('2022-04-13T19:00+08:00')); // 'Clock time (UTC+08:00)'
 * ```
 */
export function clockAxisTitle(epoch: Epoch, title?: string): string {
  return title ?? `Clock time (${epoch.label})`;
}

/** Tick steps that divide a day, so midnight is always a tick when the axis spans it. */
const TICK_STEPS = [
  { interval: 'minute', step: 5, ms: 5 * 60_000 },
  { interval: 'minute', step: 10, ms: 10 * 60_000 },
  { interval: 'minute', step: 15, ms: 15 * 60_000 },
  { interval: 'minute', step: 30, ms: 30 * 60_000 },
  { interval: 'hour', step: 1, ms: 3_600_000 },
  { interval: 'hour', step: 2, ms: 2 * 3_600_000 },
  { interval: 'hour', step: 3, ms: 3 * 3_600_000 },
  { interval: 'hour', step: 6, ms: 6 * 3_600_000 },
  { interval: 'hour', step: 12, ms: 12 * 3_600_000 },
  { interval: 'day', step: 1, ms: 24 * 3_600_000 },
] as const;

/**
 * The tick interval for an axis spanning `millis`: the smallest step dividing a day that gives at
 * most `maxTicks` ticks. Because each step divides 24 h, a tick falls on midnight whenever the axis
 * crosses it, and the label there shows the new date.
 *
 * @example
 * ```ts
 * clockTickStep([0, 6 * 3_600_000]); // { interval: 'hour', step: 1 }
 * ```
 */
export function clockTickStep(
  millis: readonly number[],
  maxTicks = 8,
): { interval: 'minute' | 'hour' | 'day'; step: number } {
  const [lo, hi] = extent(millis);
  const span = hi > lo ? hi - lo : 0;
  const choice = TICK_STEPS.find((s) => span / s.ms <= maxTicks) ?? {
    interval: 'day' as const,
    step: Math.ceil(span / (maxTicks * 86_400_000)),
  };
  return { interval: choice.interval, step: choice.step };
}

/**
 * A vega-lite positional encoding of a wall-clock field on a `utc` scale with clock tick labels.
 *
 * @param field - the data field holding wall-clock milliseconds.
 * @param title - the axis title.
 * @param millis - every wall-clock time the axis must show (data and markers), to choose the ticks.
 * @param width - the plot width in pixels, which bounds the number of ticks.
 * @example
 * ```ts
 * const x = clockEncoding('clock', 'Clock time (UTC+08:00)', [0, 3_600_000]);
 * ```
 */
export function clockEncoding(field: string, title: string, millis: readonly number[], width = 640) {
  // At most one tick per ~100 px, so a dated label ("14 Apr 00:00") never collides with its
  // neighbours and vega's overlap removal never hides the midnight tick.
  const maxTicks = Math.max(2, Math.floor(width / TICK_SPACING_PX));
  return {
    field,
    type: 'temporal' as const,
    scale: { type: 'utc' as const },
    axis: {
      title,
      labelExpr: CLOCK_LABEL_EXPR,
      // Ticks are spaced for the widest (dated) label already; vega's greedy overlap test measures a
      // flush first label as if centred and dropped the midnight label after it.
      labelOverlap: false,
      values: clockTicks(millis, maxTicks),
    },
  };
}

/** Least horizontal room per clock tick, in pixels (a dated label at 11 px is about 70 px wide). */
const TICK_SPACING_PX = 100;

/**
 * The tick positions (wall-clock milliseconds) for an axis spanning `millis`: every multiple of
 * {@link clockTickStep} from the first at or after the earliest time to the last at or before the
 * latest. Written out explicitly rather than as a vega interval because vega 6 accepts only its own
 * unit names there (`'hours'`), not the `'hour'` its typings and docs give.
 *
 * @example
 * ```ts
 * clockTicks([Date.UTC(2022, 3, 13, 19, 10), Date.UTC(2022, 3, 13, 22)]).length; // 3: 20:00, 21:00, 22:00
 * ```
 */
export function clockTicks(millis: readonly number[], maxTicks = 8): number[] {
  const [lo, hi] = extent(millis);
  if (lo > hi) return [];
  const { interval, step } = clockTickStep(millis, maxTicks);
  const ms = step * { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[interval];
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / ms) * ms; t <= hi; t += ms) ticks.push(t);
  return ticks;
}

/** Smallest and largest value (a loop: spreading a long array into Math.min overflows the stack). */
function extent(values: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Convert seconds since the epoch to wall-clock milliseconds, checking the value is finite.
 *
 * @param path - parameter path named in the error for a bad time.
 * @example
 * ```ts
 * wallClock(toEpoch('2022-04-13T19:00+08:00'), 3600, 'rows[0].time'); // Date.UTC(2022, 3, 13, 20)
 * ```
 */
export function wallClock(epoch: Epoch, t: unknown, path: string): number {
  if (typeof t !== 'number' || !Number.isFinite(t))
    throw new ParameterError(path, 'a finite number of seconds', t);
  return epoch.toWallClockMillis(t);
}

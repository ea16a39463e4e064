/**
 * Durations that vary: a distribution of seconds written with units.
 *
 * Model parameters such as "work per bed" or "pass interval per link" are distributions of a
 * duration. People write them as `"53 min"` (a constant), `{ dist: 'lognormal', mean: '2.4 s', sd:
 * '0.6 s' }` or plain seconds. {@link durationDistribution} turns any of those into a
 * {@link Distribution} of seconds, parsing the time-valued fields with the library's unit parser and
 * rejecting distributions that could produce a negative duration.
 *
 * @module
 */
import { type Distribution, duration, ParameterError, parseDistribution, rate } from '../src/index.js';

/** Fields of a distribution spec that hold a time (seconds), and may be written with units. */
const TIME_FIELDS = ['value', 'mean', 'sd', 'median', 'quantile', 'min', 'max', 'mode', 'scale'] as const;

/**
 * A duration that may vary: seconds, a string with units (`"53 min"`), or a distribution spec
 * (`{ dist, ... }`) whose time fields may be strings with units.
 *
 * @example
 * ```ts
 * const a: DurationSpec = '53 min';
 * const b: DurationSpec = { dist: 'lognormal', mean: '2.4 s', sd: '0.6 s' };
 * ```
 */
export type DurationSpec = number | string | { readonly dist: string; readonly [k: string]: unknown };

/**
 * Parse a {@link DurationSpec} into a distribution of seconds with support in [0, ∞).
 *
 * @throws ParameterError naming `path` (and the field inside a spec) for a bad unit, a bad
 *   distribution parameter, or a distribution that can be negative.
 * @example
 * ```ts
 * durationDistribution('53 min', 'tasks[1].work').mean;                      // 3180
 * durationDistribution({ dist: 'uniform', min: '1 s', max: '3 s' }, 'pass').mean; // 2
 * ```
 */
export function durationDistribution(spec: unknown, path: string): Distribution {
  let d: Distribution;
  if (typeof spec === 'number' || typeof spec === 'string') d = parseDistribution(duration(spec, path), path);
  else if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
    const out: Record<string, unknown> = { ...spec };
    for (const k of TIME_FIELDS) if (typeof out[k] === 'string') out[k] = duration(out[k], `${path}.${k}`);
    if (typeof out.rate === 'string') out.rate = rate(out.rate, `${path}.rate`);
    d = parseDistribution(out, path);
  } else
    throw new ParameterError(path, 'a duration ("53 min", seconds) or a distribution { dist, ... }', spec);
  if (!(d.support[0] >= 0))
    throw new ParameterError(path, 'a distribution of durations (support within [0, ∞))', spec);
  if (!Number.isFinite(d.mean))
    throw new ParameterError(path, 'a distribution of durations with a finite mean', spec);
  return d;
}

/**
 * An integer in `[min, max]`: counts of beds, trucks, people. The upper bound keeps a mistyped
 * count (an extra zero or five) from turning into an allocation failure or a run that never ends.
 *
 * @example
 * ```ts
 * boundedCount(500, 'beds', 1, 1_000_000); // 500
 * ```
 */
export function boundedCount(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new ParameterError(path, `an integer in [${min}, ${max}]`, value);
  return value;
}

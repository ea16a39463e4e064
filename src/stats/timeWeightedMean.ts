/**
 * Time-weighted mean of a step function.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { finite } from '../kernel/validate.js';

/**
 * Time-weighted mean of a level that changes in steps: `levels[i]` holds from `times[i]` until
 * `times[i + 1]`, and the last level holds until `end`. This is the mean queue length, the mean number
 * of busy servers (utilisation × capacity) or the mean stock over `[times[0], end]`:
 * `(Σ levels[i] · (times[i+1] − times[i])) / (end − times[0])`.
 *
 * Several changes at the same time are allowed (the earlier ones simply hold for no time). Returns
 * `undefined` when there are no points or the span `end − times[0]` is zero.
 *
 * For a level tracked during a run, {@link TimeWeighted} gives the same number without keeping the
 * points.
 *
 * @param times - change times, non-decreasing, finite.
 * @param levels - the level from each change time on, finite; same length as `times`.
 * @param end - the end of the observation window, `≥` the last time.
 * @throws {@link ParameterError} naming the offending index and value when the lengths differ, a time
 *   goes back, a value is not finite, or `end` is before the last change.
 * @example
 * ```ts
 * // queue of 0 on [0, 2), 3 on [2, 5), 1 on [5, 10): (0·2 + 3·3 + 1·5) / 10 = 1.4
 * timeWeightedMean([0, 2, 5], [0, 3, 1], 10); // 1.4
 * ```
 */
export function timeWeightedMean(
  times: ArrayLike<number>,
  levels: ArrayLike<number>,
  end: number,
): number | undefined {
  if (times.length !== levels.length)
    throw new ParameterError(
      'levels',
      `an array of the same length as times (${times.length})`,
      levels.length,
    );
  finite(end, 'end');
  const n = times.length;
  if (n === 0) return undefined;
  // Compensated (Neumaier) accumulation of area, so long runs of small steps keep their precision.
  let area = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const t = finite(times[i], `times[${i}]`);
    const level = finite(levels[i], `levels[${i}]`);
    const next = i + 1 < n ? (times[i + 1] as number) : end;
    if (!(next >= t)) {
      if (i + 1 < n) throw new ParameterError(`times[${i + 1}]`, `a time ≥ times[${i}] = ${t}`, next);
      throw new ParameterError('end', `a time ≥ the last change time ${t}`, end);
    }
    const term = level * (next - t);
    const s = area + term;
    carry += Math.abs(area) >= Math.abs(term) ? area - s + term : term - s + area;
    area = s;
  }
  const span = end - (times[0] as number);
  return span > 0 ? (area + carry) / span : undefined;
}

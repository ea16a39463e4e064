/**
 * Summaries across replications: for each numeric output field, the mean, standard deviation, a
 * Student-t confidence interval and the range of the per-replication values.
 *
 * Replications are independent (each has its own derived seed), so the t-interval on their values is
 * honest, unlike a t-interval on the correlated observations inside one run. Values that are not
 * finite numbers (`null`, `NaN`, ±∞) are counted as `missing` and left out: a time-weighted mean over
 * an empty window, for instance, is null, and must not become 0.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { confidenceInterval } from '../stats/confidenceInterval.js';
import { fieldColumns } from './fields.js';
import type { ResolvedTarget } from './options.js';

/**
 * The summary of one output field across replications; plain JSON. Statistics that need more valid
 * values than there are (an interval needs two) are `null`.
 *
 * @example
 * ```ts
 * const s: FieldSummary = result.summary.wait!;
 * console.log(`${s.mean} ± ${s.halfWidth} (${s.level * 100} %, n = ${s.n})`);
 * ```
 */
export interface FieldSummary {
  /** The field's path in the output, e.g. `"wait"` or `"stations[1].L"`. */
  readonly field: string;
  /** Replications with a finite value. */
  readonly n: number;
  /** Replications where the field was missing, null or not finite. */
  readonly missing: number;
  /** Mean of the values. */
  readonly mean: number | null;
  /** Sample standard deviation (n − 1 denominator). */
  readonly sd: number | null;
  /** t₍₁₋α/₂, n−1₎ · sd / √n. */
  readonly halfWidth: number | null;
  /** halfWidth / |mean| (null when the mean is 0). */
  readonly relativeHalfWidth: number | null;
  /** mean − halfWidth. */
  readonly lower: number | null;
  /** mean + halfWidth. */
  readonly upper: number | null;
  /** Smallest value. */
  readonly min: number | null;
  /** Largest value. */
  readonly max: number | null;
  /** Confidence level of the interval. */
  readonly level: number;
}

/**
 * Summarise one column of per-replication values (NaN or non-finite = missing).
 *
 * @param field - the field's name, carried into the summary.
 * @param values - one value per replication.
 * @param level - confidence level in (0, 1).
 * @example
 * ```ts
 * summariseValues('wait', [1, 2, 3], 0.95); // { field: 'wait', n: 3, mean: 2, halfWidth: 2.48…, … }
 * ```
 */
export function summariseValues(field: string, values: readonly number[], level: number): FieldSummary {
  const valid = values.filter((v) => Number.isFinite(v));
  const n = valid.length;
  const missing = values.length - n;
  let min: number | null = null;
  let max: number | null = null;
  for (const v of valid) {
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  }
  if (n < 2) {
    const mean = n === 1 ? valid[0]! : null;
    return {
      field,
      n,
      missing,
      mean,
      sd: null,
      halfWidth: null,
      relativeHalfWidth: null,
      lower: null,
      upper: null,
      min,
      max,
      level,
    };
  }
  const ci = confidenceInterval(valid, level);
  return {
    field,
    n,
    missing,
    mean: ci.mean,
    sd: ci.sd,
    halfWidth: ci.halfWidth,
    relativeHalfWidth: ci.mean === 0 ? null : ci.halfWidth / Math.abs(ci.mean),
    lower: ci.lower,
    upper: ci.upper,
    min,
    max,
    level,
  };
}

/**
 * Summaries of every numeric field of `outputs`, keyed by field path, in order of first appearance.
 *
 * @example
 * ```ts
 * summarise([{ wait: 1 }, { wait: 3 }], 0.95).wait!.mean; // 2
 * ```
 */
export function summarise(outputs: readonly unknown[], level: number): Record<string, FieldSummary> {
  const out: Record<string, FieldSummary> = {};
  for (const [field, values] of fieldColumns(outputs)) out[field] = summariseValues(field, values, level);
  return out;
}

/**
 * The summary of `field`, or a {@link ParameterError} listing the fields there are.
 *
 * @param summary - a result's `summary`.
 * @param field - the field's path.
 * @param path - where the name came from, for the message.
 * @example
 * ```ts
 * const wait = summaryOf(result.summary, 'wait'); // FieldSummary, never undefined
 * ```
 */
export function summaryOf(
  summary: Readonly<Record<string, FieldSummary>>,
  field: string,
  path = 'field',
): FieldSummary {
  const s = Object.hasOwn(summary, field) ? summary[field] : undefined;
  if (s === undefined)
    throw new ParameterError(path, `a numeric output field (${listFields(summary)})`, field);
  return s;
}

function listFields(summary: Readonly<Record<string, FieldSummary>>): string {
  const names = Object.keys(summary);
  if (names.length === 0) return 'the outputs have none';
  const shown = names.slice(0, 12).join(', ');
  return `one of ${shown}${names.length > 12 ? `, … (${names.length} in all)` : ''}`;
}

/**
 * Whether every target field has reached its half-width target. A field with fewer than two valid
 * values, or a relative target with mean 0, has not.
 *
 * @example
 * ```ts
 * targetMet(summary, { fields: ['wait'], halfWidth: 0.5, relativeHalfWidth: null });
 * ```
 */
export function targetMet(summary: Readonly<Record<string, FieldSummary>>, target: ResolvedTarget): boolean {
  for (const field of target.fields) {
    const s = summary[field];
    if (s === undefined || s.halfWidth === null || s.mean === null) return false;
    if (target.halfWidth !== null && !(s.halfWidth <= target.halfWidth)) return false;
    if (target.relativeHalfWidth !== null && !(s.halfWidth <= target.relativeHalfWidth * Math.abs(s.mean)))
      return false;
  }
  return true;
}

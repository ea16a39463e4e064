/**
 * Paired comparison of two systems with common random numbers (CRN).
 *
 * Replication i of system A and replication i of system B run with the same seed. When both models
 * draw each source of randomness from its own named stream (`'arrivals'`, `'service'`), the two
 * systems see the same arrivals and the same service requirements wherever they agree, so their
 * outputs move together from replication to replication. The difference Dᵢ = Bᵢ − Aᵢ then has
 *
 *     Var(D) = Var(A) + Var(B) − 2·Cov(A, B),
 *
 * which positive correlation makes much smaller than with independent seeds: the same precision for
 * a fraction of the replications. The paired-t interval on the Dᵢ is valid either way (the pairs are
 * independent of each other); CRN only narrows it. Give `seedB` to run B on independent seeds instead,
 * e.g. to measure what CRN gains.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { validateSeed } from '../random/seed.js';
import { studentTCdf } from '../stats/studentT.js';
import { version } from '../version.js';
import { fieldColumns } from './fields.js';
import {
  type ReplicateOptions,
  type ResolvedReplicateOptions,
  resolveLevel,
  resolveReplicateOptions,
} from './options.js';
import { type Model, type ReplicateResult, type ReplicationContext, replicateResolved } from './replicate.js';
import { summariseValues } from './summary.js';

/**
 * The paired difference B − A of one output field across replications; plain JSON. Statistics that
 * need two valid pairs are null with fewer.
 *
 * @example
 * ```ts
 * const d: PairedDifference = result.differences.meanWait!;
 * d.significant ? `B changes the wait by ${d.mean} ± ${d.halfWidth}` : 'no significant difference';
 * ```
 */
export interface PairedDifference {
  /** The field's path in the outputs. */
  readonly field: string;
  /** Replications where both A and B have a finite value. */
  readonly n: number;
  /** Mean of A over those pairs. */
  readonly meanA: number | null;
  /** Mean of B over those pairs. */
  readonly meanB: number | null;
  /** Mean difference B − A. */
  readonly mean: number | null;
  /** Standard deviation of the differences. */
  readonly sd: number | null;
  /** Paired-t half-width: t₍₁₋α/₂, n−1₎ · sd / √n. */
  readonly halfWidth: number | null;
  /** mean − halfWidth. */
  readonly lower: number | null;
  /** mean + halfWidth. */
  readonly upper: number | null;
  /** Confidence level. */
  readonly level: number;
  /** Two-sided p-value of the paired t-test of "no difference" (1 when every difference is 0). */
  readonly pValue: number | null;
  /** True when the interval excludes 0. */
  readonly significant: boolean;
  /** Correlation of A and B across replications (null if either is constant): CRN makes it positive. */
  readonly correlation: number | null;
}

/** Options of {@link compare}: replication options, plus an optional independent seed for B. */
export interface CompareOptions extends Omit<ReplicateOptions, 'target' | 'maxReplications'> {
  /**
   * Base seed of B's replications. Default: the same as A's (common random numbers). Give another seed
   * to compare on independent random numbers.
   */
  readonly seedB?: number;
}

/** The options a comparison was made with. */
export interface ResolvedCompareOptions extends ResolvedReplicateOptions {
  /** Base seed of B (equal to `seed` under common random numbers). */
  readonly seedB: number;
  /** True when A and B used the same seeds. */
  readonly crn: boolean;
}

/**
 * The result of {@link compare}: both sides' replications and the paired differences; plain JSON.
 *
 * @example
 * ```ts
 * const c = compare(baseline, alternative, { replications: 20, seed: 7 });
 * c.a.summary.meanWait; c.b.summary.meanWait; c.differences.meanWait;
 * ```
 */
export interface CompareResult<RA, RB> {
  /** Base seed of A. */
  readonly seed: number;
  /** Replications per side. */
  readonly replications: number;
  /** The options, every default filled in. */
  readonly options: ResolvedCompareOptions;
  /** Library version. */
  readonly version: string;
  /** System A's replications. */
  readonly a: ReplicateResult<RA>;
  /** System B's replications. */
  readonly b: ReplicateResult<RB>;
  /** B − A per field present in both, in A's field order. */
  readonly differences: Record<string, PairedDifference>;
}

/**
 * Compare two models with common random numbers: replication i of each runs with the same seed, and
 * each numeric field present in both outputs gets a paired-t interval for B − A.
 *
 * @param modelA - the baseline, `(ctx) => plain data`.
 * @param modelB - the alternative.
 * @param options - replications (≥ 2), seed, level, optional `seedB`.
 * @throws {@link ParameterError} for bad options, before any replication runs.
 * @example
 * ```ts
 * const c = compare((ctx) => desk(ctx, 4), (ctx) => desk(ctx, 5), { replications: 20, seed: 7 });
 * const d = c.differences.meanWait!;
 * console.log(`5 desks change the mean wait by ${d.mean} s (${d.lower} to ${d.upper})`);
 * isSignificant(d); // true if the interval excludes 0
 * ```
 */
export function compare<RA, RB>(
  modelA: Model<RA>,
  modelB: Model<RB>,
  options: CompareOptions,
): CompareResult<RA, RB> {
  if (typeof modelA !== 'function')
    throw new ParameterError('compare.modelA', 'a function (ctx) => plain data', modelA);
  if (typeof modelB !== 'function')
    throw new ParameterError('compare.modelB', 'a function (ctx) => plain data', modelB);
  return compareResolved(modelA, modelB, resolveCompareOptions(options, 'compare.options'), 'compare');
}

/**
 * Compare two parameter sets of one model with common random numbers: {@link compare} of
 * `(ctx) => model(paramsA, ctx)` and `(ctx) => model(paramsB, ctx)`.
 *
 * @example
 * ```ts
 * const c = compareParams(desk, { servers: 4 }, { servers: 5 }, { replications: 20, seed: 7 });
 * c.differences.meanWait!.mean; // effect of the fifth desk
 * ```
 */
export function compareParams<P, R>(
  model: (params: P, ctx: ReplicationContext) => R,
  paramsA: P,
  paramsB: P,
  options: CompareOptions,
): CompareResult<R, R> & { readonly paramsA: P; readonly paramsB: P } {
  if (typeof model !== 'function')
    throw new ParameterError('compareParams.model', 'a function (params, ctx) => plain data', model);
  const resolved = resolveCompareOptions(options, 'compareParams.options');
  const result = compareResolved(
    (ctx) => model(paramsA, ctx),
    (ctx) => model(paramsB, ctx),
    resolved,
    'compareParams',
  );
  return { ...result, paramsA, paramsB };
}

/**
 * Check comparison options (shared with the parallel runner).
 *
 * @internal
 * @example
 * ```ts
 * resolveCompareOptions({ replications: 20, seed: 7 }, 'compare.options'); // { …, seedB: 7, crn: true }
 * ```
 */
export function resolveCompareOptions(options: CompareOptions, path: string): ResolvedCompareOptions {
  const resolved = resolveReplicateOptions(options, path, ['seedB']);
  if (resolved.target !== null)
    throw new ParameterError(
      `${path}.target`,
      'no precision target (compare runs a fixed count)',
      (options as { target?: unknown }).target,
    );
  const seedB = options.seedB === undefined ? resolved.seed : validateSeed(options.seedB, `${path}.seedB`);
  return { ...resolved, seedB, crn: seedB === resolved.seed };
}

/**
 * The replication options of each side of a comparison: A runs on `seed`, B on `seedB`.
 *
 * @internal
 * @example
 * ```ts
 * const { a, b } = compareSides(resolved);
 * ```
 */
export function compareSides(options: ResolvedCompareOptions): {
  a: ResolvedReplicateOptions;
  b: ResolvedReplicateOptions;
} {
  const { seedB, crn: _crn, ...common } = options;
  return { a: common, b: { ...common, seed: seedB } };
}

/**
 * Assemble a comparison from both sides' replications (shared with the parallel runner).
 *
 * @internal
 * @example
 * ```ts
 * compareResult(a, b, resolved);
 * ```
 */
export function compareResult<RA, RB>(
  a: ReplicateResult<RA>,
  b: ReplicateResult<RB>,
  options: ResolvedCompareOptions,
): CompareResult<RA, RB> {
  return {
    seed: options.seed,
    replications: options.replications,
    options,
    version,
    a,
    b,
    differences: pairedDifferences(
      a.runs.map((r) => r.output),
      b.runs.map((r) => r.output),
      options.level,
    ),
  };
}

function compareResolved<RA, RB>(
  modelA: Model<RA>,
  modelB: Model<RB>,
  options: ResolvedCompareOptions,
  path: string,
): CompareResult<RA, RB> {
  const sides = compareSides(options);
  const a = replicateResolved(modelA, sides.a, `${path}.a`);
  const b = replicateResolved(modelB, sides.b, `${path}.b`);
  return compareResult(a, b, options);
}

/**
 * Paired differences B − A of every numeric field present in both output lists (pair i = replication
 * i of each). Pairs where either value is missing are left out of that field.
 *
 * @param outputsA - A's outputs in replication order.
 * @param outputsB - B's outputs, as many.
 * @param level - confidence level in (0, 1).
 * @example
 * ```ts
 * pairedDifferences([{ w: 1 }, { w: 2 }], [{ w: 2 }, { w: 4 }], 0.95).w!.mean; // 1.5
 * ```
 */
export function pairedDifferences(
  outputsA: readonly unknown[],
  outputsB: readonly unknown[],
  level: number,
): Record<string, PairedDifference> {
  const lvl = resolveLevel(level, 'pairedDifferences.level');
  if (outputsA.length !== outputsB.length)
    throw new ParameterError(
      'pairedDifferences.outputsB',
      `as many outputs as A (${outputsA.length})`,
      outputsB.length,
    );
  const colsA = fieldColumns(outputsA);
  const colsB = fieldColumns(outputsB);
  const out: Record<string, PairedDifference> = {};
  for (const [field, xs] of colsA) {
    const ys = colsB.get(field);
    if (ys !== undefined) out[field] = difference(field, xs, ys, lvl);
  }
  return out;
}

/**
 * The paired difference B − A of one figure, pair i being replication i of each side; pairs where
 * either value is not a finite number are left out. This is the one paired-t path: comparisons of
 * models and scenarios and the planning effects ({@link surgesim!marginalStaff}, {@link surgesim!tornado})
 * all go through it.
 *
 * @param field - the figure's name, carried into the result.
 * @param valuesA - A's values in replication order.
 * @param valuesB - B's values, as many.
 * @param level - confidence level in (0, 1); default 0.95.
 * @throws {@link ParameterError} for lists of different lengths or a bad level.
 * @example
 * ```ts
 * const d = pairedDifference('finish', [600, 640, 610], [560, 590, 575]);
 * d.mean; // −41.67 (B − A)
 * d.upper! < 0; // true: B finishes earlier
 * ```
 */
export function pairedDifference(
  field: string,
  valuesA: readonly number[],
  valuesB: readonly number[],
  level = 0.95,
): PairedDifference {
  const lvl = resolveLevel(level, 'pairedDifference.level');
  if (!Array.isArray(valuesA))
    throw new ParameterError('pairedDifference.valuesA', 'an array of numbers', valuesA);
  if (!Array.isArray(valuesB) || valuesB.length !== valuesA.length)
    throw new ParameterError(
      'pairedDifference.valuesB',
      `an array of as many numbers as A (${valuesA.length})`,
      Array.isArray(valuesB) ? valuesB.length : valuesB,
    );
  return difference(field, valuesA, valuesB, lvl);
}

/**
 * A difference at the level of floating-point rounding is zero: the same figure summed in another
 * order (e.g. staff hours over a different set of trips) must not come out as a "significant" −0.
 */
function roundingFree(diff: number, x: number, y: number): number {
  return Math.abs(diff) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)) ? 0 : diff;
}

function difference(
  field: string,
  xs: readonly number[],
  ys: readonly number[],
  level: number,
): PairedDifference {
  const a: number[] = [];
  const b: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      a.push(x);
      b.push(y);
      d.push(roundingFree(y - x, x, y));
    }
  }
  const s = summariseValues(field, d, level);
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((acc, x) => acc + x, 0) / xs.length);
  let pValue: number | null = null;
  if (s.sd !== null && s.mean !== null) {
    if (s.sd === 0) pValue = s.mean === 0 ? 1 : 0;
    else {
      const t = Math.abs(s.mean) / (s.sd / Math.sqrt(s.n));
      pValue = Math.min(1, 2 * studentTCdf(-t, s.n - 1));
    }
  }
  return {
    field,
    n: s.n,
    meanA: mean(a),
    meanB: mean(b),
    mean: s.mean,
    sd: s.sd,
    halfWidth: s.halfWidth,
    lower: s.lower,
    upper: s.upper,
    level,
    pValue,
    significant: s.lower !== null && s.upper !== null && (s.lower > 0 || s.upper < 0),
    correlation: correlation(a, b),
  };
}

/** Pearson correlation, two-pass; null when either side is constant or there are < 2 pairs. */
function correlation(a: number[], b: number[]): number | null {
  const n = a.length;
  if (n < 2) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Whether a paired difference is significant: at its own level, whether the interval excludes 0; at
 * another `level`, whether the p-value is below 1 − level.
 *
 * @param difference - a {@link PairedDifference} from a comparison.
 * @param level - confidence level in (0, 1); default the difference's own.
 * @example
 * ```ts
 * isSignificant(c.differences.meanWait!);        // at the comparison's level
 * isSignificant(c.differences.meanWait!, 0.99);  // stricter
 * ```
 */
export function isSignificant(difference: PairedDifference, level?: number): boolean {
  if (typeof difference !== 'object' || difference === null || !('pValue' in difference))
    throw new ParameterError('isSignificant.difference', 'a PairedDifference from compare()', difference);
  if (level === undefined || level === difference.level) return difference.significant;
  const lvl = resolveLevel(level, 'isSignificant.level');
  return difference.pValue !== null && difference.pValue < 1 - lvl;
}

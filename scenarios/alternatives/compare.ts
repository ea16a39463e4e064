/**
 * Comparing alternatives with the baseline day on common random numbers.
 *
 * The baseline runs once; each alternative runs with the same base seed, so replication i of every
 * alternative draws from the same named streams as replication i of the baseline (the scenario's
 * models name their streams per purpose). The effect on a figure is the mean of the paired
 * differences alternative − baseline with a paired-t confidence interval; pairing removes the
 * day-to-day noise both share, so a few replications give useful intervals.
 *
 * @module
 */
import {
  combineOverrides,
  mergeParameters,
  type Overrides,
  type PairedDifference,
  ParameterError,
  pairedDifferences,
  runScenario,
  type ScenarioResult,
  version as VERSION,
} from '../../src/index.js';
import { type DayResult, validateDay } from '../qingxu/day.js';
import { QINGXU_DEFAULTS, type QingxuParams } from '../qingxu/params.js';
import { scenario } from '../qingxu-2022-04-13.js';
import type { Alternative } from './alternatives.js';

/**
 * Options of {@link compareAlternatives}.
 *
 * @example
 * ```ts
 * const o: CompareAlternativesOptions = { replications: 4, seed: 1 };
 * ```
 */
export interface CompareAlternativesOptions {
  /** Replications of the baseline and of each alternative (≥ 2); default 3. */
  readonly replications?: number;
  /** Base seed shared by all (common random numbers); default 1. */
  readonly seed?: number;
  /** Confidence level of the paired intervals; default 0.95. */
  readonly level?: number;
  /** Overrides applied to the baseline and under every alternative (e.g. a smaller day for tests). */
  readonly base?: Overrides<QingxuParams>;
  /** Called after each scenario run: done and total runs (baseline + alternatives). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The effect of one alternative on one figure: alternative − baseline, paired.
 *
 * @example
 * ```ts
 * const e: FigureEffect = row.effects[0]!; e.mean; e.lower; e.upper; e.significant;
 * ```
 */
export type FigureEffect = PairedDifference & {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
};

/**
 * One row of the comparison.
 *
 * @example
 * ```ts
 * const r: AlternativeRow = comparison.rows[0]!; r.name; r.changed; r.effects;
 * ```
 */
export interface AlternativeRow {
  readonly name: string;
  readonly changed: string;
  readonly basis: string;
  readonly overrides: Overrides<QingxuParams>;
  /** One per figure and metric of the replay, in the replay's order. */
  readonly effects: readonly FigureEffect[];
}

/**
 * The comparison of every alternative with the baseline.
 *
 * @example
 * ```ts
 * const c: AlternativesComparison = compareAlternatives(QINGXU_ALTERNATIVES, { replications: 3 });
 * ```
 */
export interface AlternativesComparison {
  readonly scenario: string;
  readonly version: string;
  readonly seed: number;
  readonly replications: number;
  readonly level: number;
  readonly base: Overrides<QingxuParams>;
  /** Baseline mean of every figure and metric (null when no replication had a value). */
  readonly baseline: Readonly<Record<string, number | null>>;
  readonly rows: readonly AlternativeRow[];
  /** Wall-clock time of the comparison. */
  readonly elapsedMs: number;
}

/**
 * Check that an alternative's overrides are valid against the replay's parameters: every path
 * exists (`mergeParameters` rejects unknown ones) and the merged day passes the replay's checks.
 * Throws a `ParameterError` naming the path otherwise.
 *
 * @returns the merged parameters.
 * @example
 * ```ts
 * checkAlternative({ name: 'x', changed: '', basis: '', overrides: { hedong: { pool: 20 } } }).hedong.pool; // 20
 * ```
 */
export function checkAlternative(alternative: Alternative, base: Overrides<QingxuParams> = {}): QingxuParams {
  const merged = mergeParameters(
    QINGXU_DEFAULTS,
    combineOverrides([
      base as Record<string, unknown>,
      alternative.overrides as Record<string, unknown>,
    ]) as never,
    `alternatives.${alternative.name}`,
  );
  validateDay(merged);
  return merged;
}

/**
 * Run the baseline and every alternative with common random numbers and pair them figure by figure.
 * All overrides are checked before anything runs.
 *
 * @example
 * ```ts
 * const c = compareAlternatives(QINGXU_ALTERNATIVES, { replications: 3, seed: 1 });
 * c.rows.find((r) => r.name === 'pool-20')!.effects.find((e) => e.id === 'hedong.tubes')!.mean; // −5,856 (11,756 → 5,900 tubes)
 * ```
 */
export function compareAlternatives(
  alternatives: readonly Alternative[],
  options: CompareAlternativesOptions = {},
): AlternativesComparison {
  const replications = options.replications ?? 3;
  if (!Number.isInteger(replications) || replications < 2)
    throw new ParameterError('replications', 'a whole number ≥ 2 for paired intervals', replications);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new ParameterError('seed', 'a whole number', seed);
  const level = options.level ?? 0.95;
  const base = options.base ?? {};
  const names = new Set<string>();
  for (const a of alternatives) {
    if (names.has(a.name)) throw new ParameterError('alternatives', 'distinct names', a.name);
    names.add(a.name);
    checkAlternative(a, base);
  }
  const started = Date.now();
  const total = alternatives.length + 1;
  const run = (overrides: Overrides<QingxuParams>) =>
    runScenario<QingxuParams, DayResult>(scenario, {
      replications,
      seed,
      level,
      overrides,
    }) as ScenarioResult<QingxuParams, unknown>;
  const baseline = run(base);
  options.onProgress?.(1, total);
  const meta = [...baseline.figures, ...baseline.metrics];
  const rowsOf = (r: ScenarioResult<QingxuParams, unknown>) =>
    Array.from({ length: replications }, (_, i) =>
      Object.fromEntries(Object.entries(r.values).map(([id, v]) => [id, v[i] ?? Number.NaN])),
    );
  const baseRows = rowsOf(baseline);
  const rows = alternatives.map((a, k): AlternativeRow => {
    const result = run(
      combineOverrides([base as Record<string, unknown>, a.overrides as Record<string, unknown>]) as never,
    );
    options.onProgress?.(k + 2, total);
    const diffs = pairedDifferences(baseRows, rowsOf(result), level);
    const effects = meta
      .filter((f) => diffs[f.id] !== undefined)
      .map((f) => ({ ...diffs[f.id]!, id: f.id, label: f.label, unit: f.unit }));
    return { name: a.name, changed: a.changed, basis: a.basis, overrides: a.overrides, effects };
  });
  const mean = (xs: readonly (number | null)[]) => {
    const ok = xs.filter((x): x is number => x !== null && Number.isFinite(x));
    return ok.length === 0 ? null : ok.reduce((s, x) => s + x, 0) / ok.length;
  };
  return {
    scenario: scenario.name,
    version: VERSION,
    seed,
    replications,
    level,
    base,
    baseline: Object.fromEntries(meta.map((f) => [f.id, mean(baseline.values[f.id] ?? [])])),
    rows,
    elapsedMs: Date.now() - started,
  };
}

/**
 * Select alternatives by name (`--only a,b`); throws naming an unknown one.
 *
 * @example
 * ```ts
 * selectAlternatives(QINGXU_ALTERNATIVES, ['pool-20']).length; // 1
 * ```
 */
export function selectAlternatives(
  alternatives: readonly Alternative[],
  names: readonly string[] | undefined,
): readonly Alternative[] {
  if (names === undefined || names.length === 0) return alternatives;
  const known = new Map(alternatives.map((a) => [a.name, a]));
  return names.map((n) => {
    const a = known.get(n);
    if (a === undefined)
      throw new ParameterError('--only', `alternative names (${[...known.keys()].join(', ')})`, n);
    return a;
  });
}

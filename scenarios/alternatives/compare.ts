/**
 * Comparing alternatives with their base spec on common random numbers.
 *
 * The base runs once; each alternative's spec runs with the same base seed, so replication i of every
 * alternative draws from the same named streams as replication i of the base (each component's seed
 * comes from the replication's seed and the component's name). Each alternative is paired with the
 * base by the same path as `compareScenarios` (`scenarioComparison`): the effect on a figure is the
 * mean of the paired differences alternative − base with a paired-t interval.
 *
 * @module
 */
import { campaignScenario } from '../../models/campaign/index.js';
import { planComparison, scenarioComparison } from '../../src/experiment/scenarioRun.js';
import {
  type FigureUnit,
  type PairedDifference,
  ParameterError,
  runScenario,
  type ScenarioResult,
  version as VERSION,
} from '../../src/index.js';
import { type AlternativeSet, checkAlternative, type SpecAlternative } from './alternatives.js';

/**
 * Options of {@link compareAlternatives}.
 *
 * @example
 * ```ts
 * const o: CompareAlternativesOptions = { replications: 4, seed: 1 };
 * ```
 */
export interface CompareAlternativesOptions {
  /** Replications of the base and of each alternative (≥ 2); default 3. */
  readonly replications?: number;
  /** Base seed shared by all (common random numbers); default 1. */
  readonly seed?: number;
  /** Confidence level of the paired intervals; default 0.95. */
  readonly level?: number;
  /** Changes of the spec under the base and every alternative, path → value as in `set` (e.g. a smaller day for tests). */
  readonly base?: Readonly<Record<string, unknown>>;
  /** The alternatives to run, in order (default: all of the set's). */
  readonly only?: readonly SpecAlternative[];
  /** Called after each spec's run: done and total runs (base + alternatives). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The effect of one alternative on one figure: alternative − base, paired.
 *
 * @example
 * ```ts
 * const e: FigureEffect = row.effects[0]!; e.mean; e.lower; e.upper; e.significant;
 * ```
 */
export type FigureEffect = PairedDifference & {
  /** The figure's id in the spec. */
  readonly id: string;
  /** The figure's label. */
  readonly label: string;
  /** The figure's unit; the difference is in this unit. */
  readonly unit: FigureUnit;
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
  /** The alternative's name. */
  readonly name: string;
  /** What changed. */
  readonly changed: string;
  /** Where the new values come from. */
  readonly basis: string;
  /** The changes of the spec, as in the file. */
  readonly set: Readonly<Record<string, unknown>>;
  /** The subtrees replaced, as in the file. */
  readonly replace: Readonly<Record<string, unknown>>;
  /** One per figure and metric of the spec, in the spec's order. */
  readonly effects: readonly FigureEffect[];
}

/**
 * The comparison of every alternative with the base.
 *
 * @example
 * ```ts
 * const c: AlternativesComparison = compareAlternatives(readAlternatives(QINGXU_ALTERNATIVES_FILE), { replications: 3 });
 * ```
 */
export interface AlternativesComparison {
  /** The base spec's name. */
  readonly scenario: string;
  /** Title of the comparison. */
  readonly title: string;
  /** The base spec's epoch (ISO), for clock times. */
  readonly epoch: string;
  /** surgesim version. */
  readonly version: string;
  /** Base seed shared by all runs. */
  readonly seed: number;
  /** Replications of each spec. */
  readonly replications: number;
  /** Confidence level of the paired intervals. */
  readonly level: number;
  /** Changes applied under every run (empty for the spec as written). */
  readonly base: Readonly<Record<string, unknown>>;
  /** Figure or metric ids shown in the table, with their headings. */
  readonly keyFigures: readonly { readonly id: string; readonly heading: string }[];
  /** Base mean of every figure and metric (null when no replication had a value). */
  readonly baseline: Readonly<Record<string, number | null>>;
  /** One per alternative, in order. */
  readonly rows: readonly AlternativeRow[];
  /** Wall-clock time of the comparison. */
  readonly elapsedMs: number;
}

/**
 * Run the base spec and every alternative with common random numbers and pair them figure by figure.
 * Every alternative is checked before anything runs.
 *
 * @example
 * ```ts
 * const set = readAlternatives(QINGXU_ALTERNATIVES_FILE);
 * const c = compareAlternatives(set, { replications: 3, seed: 1 });
 * c.rows.find((r) => r.name === 'pool-20')!.effects.find((e) => e.id === 'hedong.tubes')!.mean; // ≈ −5,856
 * ```
 */
export function compareAlternatives(
  set: AlternativeSet,
  options: CompareAlternativesOptions = {},
): AlternativesComparison {
  const { replications, seed, level } = planComparison({
    replications: options.replications ?? 3,
    seed: options.seed ?? 1,
    ...(options.level !== undefined && { level: options.level }),
  });
  const chosen = options.only ?? set.alternatives;
  const baseChanges = options.base ?? {};
  // The base changes go under every alternative: what an alternative sets wins.
  const baseSpec =
    Object.keys(baseChanges).length === 0
      ? set.spec
      : checkAlternative(set.spec, { name: 'base', changed: '', basis: '', set: baseChanges, replace: {} });
  const names = new Set<string>();
  const specs = chosen.map((a) => {
    if (names.has(a.name)) throw new ParameterError('--only', 'each alternative once', a.name);
    names.add(a.name);
    return checkAlternative(baseSpec, a);
  });
  const started = Date.now();
  const total = chosen.length + 1;
  const base = campaignScenario(baseSpec);
  const run = (s: typeof base) => runScenario(s, { replications, seed, level });
  const baseResult = run(base);
  options.onProgress?.(1, total);
  const rows = chosen.map((a, k): AlternativeRow => {
    const scenario = campaignScenario(specs[k]);
    const result = run(scenario);
    options.onProgress?.(k + 2, total);
    const { differences } = scenarioComparison(base, scenario, baseResult, result);
    return {
      name: a.name,
      changed: a.changed,
      basis: a.basis,
      set: a.set,
      replace: a.replace,
      effects: differences,
    };
  });
  return {
    scenario: base.name,
    title: set.title,
    epoch: base.epoch ?? '',
    version: VERSION,
    seed,
    replications,
    level,
    base: baseChanges,
    keyFigures: set.keyFigures,
    baseline: means(baseResult),
    rows,
    elapsedMs: Date.now() - started,
  };
}

function means(result: ScenarioResult<unknown, unknown>): Record<string, number | null> {
  return Object.fromEntries(
    [...result.figures, ...result.metrics].map((f) => {
      const ok = (result.values[f.id] ?? []).filter((x): x is number => x !== null && Number.isFinite(x));
      return [f.id, ok.length === 0 ? null : ok.reduce((s, x) => s + x, 0) / ok.length];
    }),
  );
}

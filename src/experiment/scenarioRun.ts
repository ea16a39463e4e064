/**
 * Running a scenario: replications with derived seeds, then every figure summarised as a median with
 * a percentile interval over replications (what a planner should expect on a day like this one) and a
 * confidence interval of the mean (how precisely the simulation pins the mean down), beside the
 * reported value. Comparing two scenarios pairs replications with common random numbers.
 *
 * @module
 */
import { quantileSorted } from 'simple-statistics';
import { ParameterError } from '../kernel/errors.js';
import { positiveInt, probability } from '../kernel/validate.js';
import { validateSeed } from '../random/seed.js';
import { version as VERSION } from '../version.js';
import { type PairedDifference, pairedDifferences } from './compare.js';
import { drawSeed } from './options.js';
import { runReplication } from './replicate.js';
import {
  type FigureUnit,
  type Overrides,
  resolveScenarioParameters,
  type Scenario,
  type ScenarioFigure,
} from './scenario.js';
import { summariseValues } from './summary.js';

/**
 * Options for {@link runScenario}.
 *
 * @example
 * ```ts
 * runScenario(scenario, { replications: 30, seed: 7, overrides: { hedong: { swabbers: 1200 } } });
 * ```
 */
export interface RunScenarioOptions<P> {
  /** Replications, an integer ≥ 1 (≥ 2 for intervals); default 20. */
  readonly replications?: number;
  /** Base seed (integer); default: drawn from the platform's cryptographic source and reported. */
  readonly seed?: number;
  /** Coverage of the percentile interval over replications, in (0, 1); default 0.9 (5th–95th). */
  readonly interval?: number;
  /** Confidence level of the interval of the mean; default 0.95. */
  readonly level?: number;
  /** Parameter changes merged into the defaults. */
  readonly overrides?: Overrides<P>;
  /** Keep every replication's result in `runs` (default false: only the figures). */
  readonly keepRuns?: boolean;
  /** Called after each replication (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * One figure summarised over replications.
 *
 * @example
 * ```ts
 * const f = result.figures.find((x) => x.id === 'hedongTested6h')!;
 * `${f.reported} reported, ${f.median} simulated (${f.lower}–${f.upper})`;
 * ```
 */
export interface FigureSummary {
  /** The scenario figure's id: the JSON key and the key comparisons pair on. */
  readonly id: string;
  /** The figure's label, as printed in tables. */
  readonly label: string;
  /** How the values are read and printed (e.g. `clock` values are simulated seconds). */
  readonly unit: FigureUnit;
  /** Reported value, or null for planner metrics. */
  readonly reported: number | null;
  /** Fact id of the reported value. */
  readonly source: string | null;
  /** Parameter fitted to this figure (and how), or null: then the figure is a prediction. */
  readonly fitted: string | null;
  /** Replications where the figure happened (value not null). */
  readonly n: number;
  /** Replications where it did not (value null: e.g. never reached). */
  readonly missing: number;
  /** Median over the replications where the figure happened, in the figure's unit; null if it never did. */
  readonly median: number | null;
  /** Lower end of the percentile interval over replications (e.g. 5th percentile). */
  readonly lower: number | null;
  /** Upper end of the percentile interval over replications (e.g. 95th percentile). */
  readonly upper: number | null;
  /** Mean over the replications where the figure happened; null if it never did. */
  readonly mean: number | null;
  /** Confidence interval of the mean, lower end. */
  readonly meanLower: number | null;
  /** Confidence interval of the mean, upper end. */
  readonly meanUpper: number | null;
  /** (median − reported) / reported (for clock figures: relative to the time since the epoch). */
  readonly relativeError: number | null;
  /** The figure's tolerance, or null. */
  readonly tolerance: number | null;
  /** |relativeError| ≤ tolerance, or null when there is no reported value or tolerance. */
  readonly withinTolerance: boolean | null;
}

/**
 * The result of {@link runScenario}: plain JSON, carrying what is needed to reproduce it.
 *
 * @example
 * ```ts
 * const r = runScenario(scenario, { replications: 20, seed: 7 });
 * JSON.stringify(r); // seed, parameters, version, figures, metrics
 * ```
 */
export interface ScenarioResult<P, R> {
  /** The scenario's machine name. */
  readonly scenario: string;
  /** The scenario's title, for tables and reports. */
  readonly title: string;
  /** The scenario's epoch (ISO with offset), or null when it has none: then clock figures print as seconds. */
  readonly epoch: string | null;
  /** surgesim version that produced the result. */
  readonly version: string;
  /** Base seed, given or drawn; replication i runs with a seed derived from it and i. */
  readonly seed: number;
  /** Replications run, an integer ≥ 1. */
  readonly replications: number;
  /** Coverage of the percentile intervals. */
  readonly interval: number;
  /** Confidence level of the intervals of the mean. */
  readonly level: number;
  /** The parameters used, overrides merged. */
  readonly parameters: P;
  /** The scenario's fitted parameters (path → what it was fitted to and how); `{}` when none. */
  readonly fitted: Readonly<Record<string, string>>;
  /** The scenario's named assumptions (path → assumption and range considered); `{}` when none. */
  readonly assumptions: Readonly<Record<string, string>>;
  /** The reported figures summarised, in the scenario's table order. */
  readonly figures: readonly FigureSummary[];
  /** The planner metrics (no reported value) summarised, in the scenario's table order. */
  readonly metrics: readonly FigureSummary[];
  /** Per-replication figure values, `values[id][i]` for replication i (null where it did not happen). */
  readonly values: Readonly<Record<string, readonly (number | null)[]>>;
  /** Every replication's full result, when `keepRuns` was set. */
  readonly runs?: readonly R[];
}

/**
 * Resolve the parameters, run the replications and summarise every figure.
 *
 * @param scenario - the scenario.
 * @param options - replications, seed, intervals, overrides.
 * @throws {@link ParameterError} for bad options or parameters (before any run);
 *   `ReplicationError` when a replication fails (naming its index and seed).
 * @example
 * ```ts
 * const r = runScenario(scenario, { replications: 20, seed: 7 });
 * console.log(formatScenarioTable(r));
 * ```
 */
export function runScenario<P, R>(
  scenario: Scenario<P, R>,
  options: RunScenarioOptions<P> = {},
): ScenarioResult<P, R> {
  const plan = planScenarioRun(scenario, options, 'options');
  const values = plan.ids.map((): (number | null)[] => []);
  const runs: R[] = [];
  for (let i = 0; i < plan.replications; i++) {
    const row = runScenarioReplication(scenario, plan.parameters, plan.seed, i);
    for (const [k, v] of row.values.entries()) values[k]!.push(v);
    if (options.keepRuns) runs.push(row.output);
    options.onProgress?.(i + 1, plan.replications);
  }
  return scenarioResult(scenario, plan, values, options.keepRuns ? runs : undefined);
}

/**
 * A scenario run's checked options and resolved parameters: everything fixed before the first
 * replication, shared by the serial and the parallel runner so both check the same things in the
 * same order.
 *
 * @internal
 * @example
 * ```ts
 * const plan = planScenarioRun(scenario, { replications: 5, seed: 1 }, 'options');
 * plan.ids; // figure ids then metric ids, the order of each replication's values
 * ```
 */
export interface ScenarioRunPlan<P> {
  readonly replications: number;
  readonly seed: number;
  readonly interval: number;
  readonly level: number;
  readonly parameters: P;
  /** Ids of the figures, then the metrics: the order of {@link ScenarioReplication.values}. */
  readonly ids: readonly string[];
}

/**
 * The most replications one scenario run takes: each keeps its figure values (and, with `keepRuns`,
 * its whole result), so a count beyond this is a typo or a run of days, refused before it starts
 * rather than ending in exhausted memory.
 *
 * @example
 * ```ts
 * runScenario(scenario, { replications: MAX_SCENARIO_REPLICATIONS + 1 }); // throws options.replications: …
 * ```
 */
export const MAX_SCENARIO_REPLICATIONS = 1_000_000;

/**
 * Check a run's options and resolve the parameters (overrides merged, the scenario's own checks
 * run), before any replication.
 *
 * @internal
 * @param path - the options' name in error messages.
 * @throws {@link ParameterError} naming the bad option or parameter.
 * @example
 * ```ts
 * planScenarioRun(scenario, { replications: 0 }, 'options'); // throws options.replications: …
 * ```
 */
export function planScenarioRun<P, R>(
  scenario: Scenario<P, R>,
  options: RunScenarioOptions<P>,
  path: string,
): ScenarioRunPlan<P> {
  const replications = positiveInt(options.replications ?? 20, `${path}.replications`);
  if (replications > MAX_SCENARIO_REPLICATIONS)
    throw new ParameterError(
      `${path}.replications`,
      `an integer in [1, ${MAX_SCENARIO_REPLICATIONS}]`,
      replications,
    );
  const seed = options.seed === undefined ? drawSeed() : validateSeed(options.seed, `${path}.seed`);
  const interval = checkOpenUnit(options.interval ?? 0.9, `${path}.interval`);
  const level = checkOpenUnit(options.level ?? 0.95, `${path}.level`);
  const parameters = resolveScenarioParameters(scenario, options.overrides);
  const ids = [...scenario.figures, ...(scenario.metrics ?? [])].map((f) => f.id);
  return { replications, seed, interval, level, parameters, ids };
}

/**
 * One replication of a scenario: its result and every figure's value in it (figures, then metrics).
 *
 * @internal
 * @example
 * ```ts
 * const { values } = runScenarioReplication(scenario, parameters, 7, 0);
 * ```
 */
export interface ScenarioReplication<R> {
  readonly output: R;
  readonly values: (number | null)[];
}

/**
 * Run replication `index` of a scenario and read its figures: the one piece of code that both the
 * serial runner and the worker threads of the parallel runner execute, so a replication's values are
 * the same bit for bit wherever it runs.
 *
 * @internal
 * @throws `ReplicationError` when the run throws; {@link ParameterError} when a figure's value is
 *   not a number or null.
 * @example
 * ```ts
 * runScenarioReplication(scenario, plan.parameters, plan.seed, 3).values;
 * ```
 */
export function runScenarioReplication<P, R>(
  scenario: Scenario<P, R>,
  parameters: P,
  seed: number,
  index: number,
): ScenarioReplication<R> {
  const { output } = runReplication(
    (ctx) => scenario.run(parameters, ctx),
    seed,
    index,
    `scenario ${scenario.name}`,
  );
  const values = [...scenario.figures, ...(scenario.metrics ?? [])].map((f) => readFigure(f, output, index));
  return { output, values };
}

/**
 * Summarise a run's per-replication values (`values[k][i]`: figure `plan.ids[k]`, replication i)
 * into the {@link ScenarioResult}.
 *
 * @internal
 * @example
 * ```ts
 * scenarioResult(scenario, plan, values, undefined).figures;
 * ```
 */
export function scenarioResult<P, R>(
  scenario: Scenario<P, R>,
  plan: ScenarioRunPlan<P>,
  values: readonly (readonly (number | null)[])[],
  runs: readonly R[] | undefined,
): ScenarioResult<P, R> {
  const byId: Record<string, readonly (number | null)[]> = Object.fromEntries(
    plan.ids.map((id, k) => [id, values[k]!]),
  );
  const summary = (f: ScenarioFigure<R>) => summariseFigure(f, byId[f.id]!, plan.interval, plan.level);
  return {
    scenario: scenario.name,
    title: scenario.title,
    epoch: scenario.epoch ?? null,
    version: VERSION,
    seed: plan.seed,
    replications: plan.replications,
    interval: plan.interval,
    level: plan.level,
    parameters: plan.parameters,
    fitted: scenario.fitted ?? {},
    assumptions: scenario.assumptions ?? {},
    figures: scenario.figures.map(summary),
    metrics: (scenario.metrics ?? []).map(summary),
    values: byId,
    ...(runs === undefined ? {} : { runs }),
  };
}

function checkOpenUnit(x: number, path: string): number {
  probability(x, path);
  if (x === 0 || x === 1) throw new ParameterError(path, 'a number strictly between 0 and 1', x);
  return x;
}

function readFigure<R>(figure: ScenarioFigure<R>, output: R, replication: number): number | null {
  const v = figure.value(output);
  if (v === null) return null;
  if (typeof v !== 'number' || Number.isNaN(v))
    throw new ParameterError(
      `figures.${figure.id} (replication ${replication})`,
      'a number or null from value(result)',
      v,
    );
  return v;
}

/**
 * Summarise one figure's per-replication values.
 *
 * @internal
 * @example
 * ```ts
 * summariseFigure(figure, [1, 2, 3, null], 0.9, 0.95).median; // 2
 * ```
 */
export function summariseFigure<R>(
  figure: ScenarioFigure<R>,
  values: readonly (number | null)[],
  interval: number,
  level: number,
): FigureSummary {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const q = (p: number) => (xs.length === 0 ? null : quantileSorted(xs, p));
  const alpha = (1 - interval) / 2;
  const s = xs.length >= 2 ? summariseValues(figure.id, xs, level) : null;
  const median = q(0.5);
  const reported = figure.reported ?? null;
  const relativeError =
    reported !== null && median !== null && reported !== 0 ? (median - reported) / reported : null;
  const tolerance = figure.tolerance ?? null;
  return {
    id: figure.id,
    label: figure.label,
    unit: figure.unit,
    reported,
    source: figure.source ?? null,
    fitted: figure.fitted ?? null,
    n: xs.length,
    missing: values.length - xs.length,
    median,
    lower: q(alpha),
    upper: q(1 - alpha),
    mean: xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length,
    meanLower: s?.lower ?? null,
    meanUpper: s?.upper ?? null,
    relativeError,
    tolerance,
    withinTolerance:
      relativeError === null || tolerance === null ? null : Math.abs(relativeError) <= tolerance + 1e-12,
  };
}

/**
 * Options for {@link compareScenarios}.
 *
 * @example
 * ```ts
 * compareScenarios(base, alt, { replications: 30, seed: 7 });
 * ```
 */
export interface CompareScenariosOptions<PA, PB> {
  /** Replications per scenario, an integer ≥ 2 (paired intervals need two); default 20. */
  readonly replications?: number;
  /** Base seed shared by both scenarios (common random numbers); default: drawn and reported. */
  readonly seed?: number;
  /** Confidence level of the paired intervals; default 0.95. */
  readonly level?: number;
  /** Parameter changes merged into scenario A's defaults. */
  readonly overridesA?: Overrides<PA>;
  /** Parameter changes merged into scenario B's defaults. */
  readonly overridesB?: Overrides<PB>;
  /** Called after each replication of either scenario, counting both (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * A comparison of two scenarios, figure by figure: B − A with a paired confidence interval.
 *
 * @example
 * ```ts
 * const c = compareScenarios(base, alt, { replications: 30, seed: 7 });
 * c.differences.find((d) => d.id === 'hedongTested6h')!.mean;
 * ```
 */
export interface ScenarioComparison {
  /** Name of scenario A, the baseline. */
  readonly a: string;
  /** Name of scenario B, the alternative. */
  readonly b: string;
  /** Base seed both scenarios ran with. */
  readonly seed: number;
  /** Replications per scenario. */
  readonly replications: number;
  /** Confidence level of the paired intervals. */
  readonly level: number;
  /** surgesim version that produced the comparison. */
  readonly version: string;
  /** One per figure id present in both scenarios, in A's order. */
  readonly differences: readonly (PairedDifference & {
    /** The figure's id, shared by both scenarios. */
    readonly id: string;
    /** The figure's label, taken from scenario A. */
    readonly label: string;
    /** The figure's unit, taken from scenario A; the differences are in this unit. */
    readonly unit: FigureUnit;
  })[];
  /** Scenario A's full result. */
  readonly resultA: ScenarioResult<unknown, unknown>;
  /** Scenario B's full result. */
  readonly resultB: ScenarioResult<unknown, unknown>;
}

/**
 * Run two scenarios with the same replication seeds (common random numbers: replication i of each
 * draws from the same named streams) and compare every figure they share by id.
 *
 * @param a - the baseline.
 * @param b - the alternative.
 * @param options - replications (≥ 2), seed, level, overrides per side.
 * @example
 * ```ts
 * const c = compareScenarios(baseline, withQr, { replications: 30, seed: 7 });
 * for (const d of c.differences) console.log(d.label, d.mean, d.lower, d.upper);
 * ```
 */
export function compareScenarios<PA, RA, PB, RB>(
  a: Scenario<PA, RA>,
  b: Scenario<PB, RB>,
  options: CompareScenariosOptions<PA, PB> = {},
): ScenarioComparison {
  const { replications, seed, level } = planComparison(options);
  const total = 2 * replications;
  const progress = (offset: number) => (done: number) => options.onProgress?.(offset + done, total);
  const resultA = runScenario(a, {
    replications,
    seed,
    level,
    overrides: options.overridesA,
    onProgress: progress(0),
  } as RunScenarioOptions<PA>);
  const resultB = runScenario(b, {
    replications,
    seed,
    level,
    overrides: options.overridesB,
    onProgress: progress(replications),
  } as RunScenarioOptions<PB>);
  return scenarioComparison(a, b, resultA, resultB);
}

/**
 * Check {@link compareScenarios}' own options (replications ≥ 2, seed, level), before any run.
 *
 * @internal
 * @example
 * ```ts
 * const { replications, seed, level } = planComparison({ replications: 10 });
 * ```
 */
export function planComparison(options: {
  readonly replications?: number;
  readonly seed?: number;
  readonly level?: number;
}): { readonly replications: number; readonly seed: number; readonly level: number } {
  const replications = positiveInt(options.replications ?? 20, 'options.replications');
  if (replications < 2 || replications > MAX_SCENARIO_REPLICATIONS)
    throw new ParameterError(
      'options.replications',
      `at least 2 for paired intervals and at most ${MAX_SCENARIO_REPLICATIONS}`,
      replications,
    );
  const seed = options.seed === undefined ? drawSeed() : validateSeed(options.seed, 'options.seed');
  const level = checkOpenUnit(options.level ?? 0.95, 'options.level');
  return { replications, seed, level };
}

/**
 * Pair two scenario results run with the same seed and replications (common random numbers) into
 * the comparison of every figure they share by id.
 *
 * @internal
 * @example
 * ```ts
 * scenarioComparison(a, b, runScenario(a, opts), runScenario(b, opts)).differences;
 * ```
 */
export function scenarioComparison<PA, RA, PB, RB>(
  a: Scenario<PA, RA>,
  b: Scenario<PB, RB>,
  resultA: ScenarioResult<PA, RA>,
  resultB: ScenarioResult<PB, RB>,
): ScenarioComparison {
  const { replications, seed, level } = resultA;
  const rows = (r: ScenarioResult<unknown, unknown>) =>
    Array.from({ length: replications }, (_, i) =>
      Object.fromEntries(Object.entries(r.values).map(([id, v]) => [id, v[i] ?? Number.NaN])),
    );
  const diffs = pairedDifferences(
    rows(resultA as ScenarioResult<unknown, unknown>),
    rows(resultB as ScenarioResult<unknown, unknown>),
    level,
  );
  const meta = new Map([...resultA.figures, ...resultA.metrics].map((f) => [f.id, f]));
  const differences = [...meta.values()]
    .filter((f) => diffs[f.id] !== undefined)
    .map((f) => ({ ...diffs[f.id]!, id: f.id, label: f.label, unit: f.unit }));
  return {
    a: a.name,
    b: b.name,
    seed,
    replications,
    level,
    version: VERSION,
    differences,
    resultA: resultA as ScenarioResult<unknown, unknown>,
    resultB: resultB as ScenarioResult<unknown, unknown>,
  };
}

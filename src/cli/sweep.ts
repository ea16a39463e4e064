/**
 * `surgesim sweep <scenario> --vary path=v1,v2 [--vary …]` (Node only): the scenario run at every
 * point of a grid of changes — the cartesian product of the `--vary` lists, first one varying slowest
 * (`gridPoints` of src/experiment/sweep.ts) — with the same seed at every point, so the points share
 * their random numbers (common random numbers) and differences between them are sharp.
 *
 * Each point is the run `surgesim run <scenario> --set path=v …` would make, bit for bit; the
 * replications run on threads here (`--workers`), or on `surgesim worker` processes (`--redis`), with
 * the same result either way. The output: per figure, its median and interval at every point; with
 * `--json`, every point's full result and tidy rows (one per point and figure).
 *
 * @module
 */
import { drawSeed } from '../experiment/options.js';
import {
  combineOverrides,
  overrideFromAssignment,
  resolveScenarioParameters,
  type Scenario,
} from '../experiment/scenario.js';
import { formatFigure, textTable } from '../experiment/scenarioFormat.js';
import { type FigureSummary, runScenario, type ScenarioResult } from '../experiment/scenarioRun.js';
import { type GridValue, gridPoints } from '../experiment/sweep.js';
import { ParameterError } from '../kernel/errors.js';
import { Epoch } from '../time/epoch.js';
import { version } from '../version.js';
import { isCampaignArgument, scenarioWorkerTarget } from './campaign.js';
import { type CliIo, parseInteger, runCommand, UsageError } from './io.js';
import { loadScenario } from './load.js';
import { createProgress } from './progress.js';
import { parseReplications, parseWorkers, queueFlags, RUN_HELP, RUN_OPTIONS } from './script.js';

// The run's flags but the report folder's, which a sweep does not write.
const { out: _out, force: _force, ...SWEEP_RUN_OPTIONS } = RUN_OPTIONS;
const SWEEP_OPTIONS = { vary: { type: 'string', multiple: true }, ...SWEEP_RUN_OPTIONS } as const;

const SWEEP_USAGE = `usage: surgesim sweep <scenario file or spec> --vary path=v1,v2[,…] [--vary …] [options]

Runs the scenario at every point of the grid the --vary lists make (all combinations, the first
list varying slowest), with the same seed at every point (common random numbers), and prints each
figure's median and interval at every point. Each point equals 'surgesim run' with --set path=v.

options:
  --vary path=v1,v2     a parameter and the values to try, separated by commas (repeatable); a
                        value is JSON when it parses (6, true, "a"), text otherwise (40 s)
${RUN_HELP.split('\n')
  .filter((l) => !/^\s+--(out|force)\b|DIR|checked before the run/.test(l))
  .join('\n')}`;

const SWEEP_LINE = {
  options: SWEEP_OPTIONS,
  usage: SWEEP_USAGE,
  prefix: 'surgesim sweep',
  help: "see 'surgesim sweep --help'",
} as const;

/**
 * A sweep's result: every point's full run, and tidy rows.
 *
 * @internal
 * @example
 * ```ts
 * const s: ScenarioSweep = JSON.parse(stdout);
 * s.rows.filter((r) => r.id === 'hedongTested6h');
 * ```
 */
export interface ScenarioSweep {
  readonly scenario: string;
  readonly title: string;
  readonly version: string;
  /** The seed every point ran with. */
  readonly seed: number;
  /** Replications at each point. */
  readonly replications: number;
  /** The changes common to every point (`--set`). */
  readonly set: readonly string[];
  /** Each varied path with its values, in `--vary` order. */
  readonly vary: Readonly<Record<string, readonly GridValue[]>>;
  /** Each point: its values of the varied paths and its run's result (as `surgesim run --json`). */
  readonly points: readonly {
    readonly point: number;
    readonly values: Readonly<Record<string, GridValue>>;
    readonly result: ScenarioResult<unknown, unknown>;
  }[];
  /** One row per point and figure (then metric): the point's values and the figure's summary. */
  readonly rows: readonly Record<string, GridValue | number | string | boolean | null>[];
}

/**
 * Run `surgesim sweep`.
 *
 * @internal
 * @example
 * ```ts
 * await sweepCommand(['qingxu', '--vary', 'testing.hedong.staff.clerks=200,250'], processIo());
 * ```
 */
export function sweepCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(argv, io, SWEEP_LINE, async (values, positionals) => {
    if (positionals.length !== 1)
      throw new UsageError(
        `sweep takes one scenario file or spec, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}`,
      );
    const file = positionals[0]!;
    if (!values.vary?.length) throw new UsageError('sweep needs at least one --vary path=v1,v2');
    const vary = parseVary(values.vary);
    const points = gridPoints(vary, '--vary');
    const replications = parseReplications(values.replications, 20, 1, values['allow-large'] === true);
    const seed = values.seed === undefined ? drawSeed() : parseInteger(values.seed, '--seed');
    const workers = parseWorkers(values.workers, values.quiet ? undefined : io);
    const queue = await queueFlags(values, io);
    const sets = values.set ?? [];
    const scenario = await loadScenario(file);
    const overrides = points.map((point) =>
      combineOverrides([
        ...sets.map(overrideFromAssignment),
        ...Object.entries(point).map(([path, v]) => overrideFromAssignment(`${path}=${JSON.stringify(v)}`)),
      ]),
    );
    // Every point's parameters are checked before the first replication of any.
    for (const [i, o] of overrides.entries())
      try {
        resolveScenarioParameters(scenario, o as never);
      } catch (e) {
        if (e instanceof ParameterError)
          throw new ParameterError(`point ${i} (${describe(points[i]!)}): ${e.path}`, e.expected, e.value);
        throw e;
      }
    const progress = createProgress({
      label: `${scenario.name} sweep`,
      stream: io.errStream,
      enabled: io.errIsTTY && !values.json && !values.quiet,
    });
    let results: ScenarioResult<unknown, unknown>[];
    try {
      const options = (i: number) => ({ replications, seed, overrides: overrides[i] as never });
      if (queue !== null)
        results = await queue.runScenarios(
          overrides.map((_, i) => ({
            scenario,
            options: { ...options(i), ...(isCampaignArgument(file) ? {} : { module: file }) },
          })),
          progress.update,
        );
      else
        results = await runLocally(
          scenario,
          file,
          overrides.length,
          replications,
          workers,
          options,
          progress.update,
        );
    } finally {
      progress.stop();
    }
    const sweep = sweepOf(scenario, seed, replications, sets, vary, points, results);
    io.out(values.json ? `${JSON.stringify(sweep, null, 2)}\n` : `${formatSweep(sweep)}\n`);
  });
}

/** `--vary path=v1,v2` lists as a grid: path → values (JSON when it parses to a number, text or boolean). */
function parseVary(list: readonly string[]): Record<string, GridValue[]> {
  const grid: Record<string, GridValue[]> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    const path = item.slice(0, eq).trim();
    if (eq <= 0 || !/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/.test(path))
      throw new ParameterError('--vary', 'path=v1,v2,… (e.g. testing.hedong.staff.clerks=200,250)', item);
    if (Object.hasOwn(grid, path))
      throw new ParameterError('--vary', `each path once (${path} is repeated)`, item);
    grid[path] = item
      .slice(eq + 1)
      .split(',')
      .map((raw, i) => {
        const text = raw.trim();
        let value: unknown = text;
        try {
          value = JSON.parse(text);
        } catch {
          // not JSON: the text itself, e.g. a duration 40 s
        }
        if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
          return value;
        throw new ParameterError(`--vary ${path}[${i}]`, 'a number, true/false or text', text);
      });
  }
  return grid;
}

/** Each point on threads here (or on this thread with `--workers 1`), one after another, one pool for all. */
async function runLocally(
  scenario: Scenario<unknown, unknown>,
  file: string,
  count: number,
  replications: number,
  workers: number,
  options: (i: number) => { replications: number; seed: number; overrides: never },
  onProgress: (done: number, total: number) => void,
): Promise<ScenarioResult<unknown, unknown>[]> {
  const total = count * replications;
  const at = (i: number) => (done: number) => onProgress(i * replications + done, total);
  if (workers === 1 || replications === 1)
    return Array.from({ length: count }, (_, i) =>
      runScenario(scenario, { ...options(i), onProgress: at(i) }),
    );
  // Loaded only when needed: worker threads (piscina) are no part of a serial run.
  const { ParallelRunner } = await import('../experiment/parallel.js');
  const target = scenarioWorkerTarget(file);
  await using runner = new ParallelRunner({ threads: workers - 1 });
  const results: ScenarioResult<unknown, unknown>[] = [];
  for (let i = 0; i < count; i++)
    results.push(await runner.runScenario(scenario, { ...options(i), ...target, onProgress: at(i) }));
  return results;
}

function describe(point: Record<string, GridValue>): string {
  return Object.entries(point)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function sweepOf(
  scenario: Scenario<unknown, unknown>,
  seed: number,
  replications: number,
  set: readonly string[],
  vary: Record<string, GridValue[]>,
  points: Record<string, GridValue>[],
  results: ScenarioResult<unknown, unknown>[],
): ScenarioSweep {
  const rows = points.flatMap((values, point) =>
    [...results[point]!.figures, ...results[point]!.metrics].map((f: FigureSummary) => ({
      point,
      ...values,
      id: f.id,
      label: f.label,
      unit: f.unit,
      n: f.n,
      missing: f.missing,
      median: f.median,
      lower: f.lower,
      upper: f.upper,
      mean: f.mean,
      meanLower: f.meanLower,
      meanUpper: f.meanUpper,
    })),
  );
  return {
    scenario: scenario.name,
    title: scenario.title,
    version,
    seed,
    replications,
    set,
    vary,
    points: points.map((values, point) => {
      const { runs: _runs, ...result } = results[point]!;
      return { point, values, result };
    }),
    rows,
  };
}

/** The sweep as text: per figure, its median and interval at each point. */
function formatSweep(sweep: ScenarioSweep): string {
  const first = sweep.points[0]!.result;
  const epoch = first.epoch ? new Epoch(first.epoch) : undefined;
  const pct = Math.round(first.interval * 100);
  const paths = Object.keys(sweep.vary);
  const table = sweep.rows.map((row) => {
    const unit = row.unit as FigureSummary['unit'];
    const value = (v: unknown) => formatFigure(v as number | null, unit, epoch);
    return [
      String(row.label),
      ...paths.map((p) => String(row[p])),
      value(row.median),
      row.lower === null ? '–' : `${value(row.lower)} – ${value(row.upper)}`,
    ];
  });
  // Grouped by figure, points in grid order within each.
  const labels = [...new Set(table.map((r) => r[0]!))];
  const ordered = labels.flatMap((label) => table.filter((r) => r[0] === label));
  return [
    `${sweep.title} — sweep of ${sweep.points.length} points × ${sweep.replications} replications, seed ${sweep.seed}, surgesim ${sweep.version}`,
    ...(sweep.set.length ? [`changes at every point: ${sweep.set.join(', ')}`] : []),
    '',
    textTable(['figure', ...paths, 'median', `${pct} % interval`], ordered),
  ].join('\n');
}

/**
 * Scenario runs with the replications on worker threads (Node only; exported from
 * `surgesim/parallel`, not from the browser-safe barrel), on the one parallel runner's pool
 * (`workerPool.ts`).
 *
 * A scenario holds functions, which cannot cross threads, so each worker imports the scenario's
 * module by URL and runs replications with the serial runner's own code
 * (`runScenarioReplication`); the main thread puts the figure values back in replication
 * order and summarises them as {@link surgesim!runScenario} does. Replication i draws only from
 * `replicationSeed(seed, i)`, so the result is identical to the serial run with the same options,
 * whatever the number of threads.
 *
 * Starting a worker costs about as much as loading the scenario (each imports it and its
 * dependencies; from TypeScript sources, tsx compiles them first), so the calling thread runs
 * replications too — from the first one, which is timed (when the others would take less than
 * `serialBelowMs` serially, they stay on the calling thread and no worker starts), through the
 * workers' start-up, to the end — and the pool has one thread fewer than `workers`.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParameterError } from '../kernel/errors.js';
import { integer, nonEmptyString } from '../kernel/validate.js';
import type { ScenarioRow } from './parallel-worker.js';
import type { Scenario } from './scenario.js';
import {
  type CompareScenariosOptions,
  planComparison,
  planScenarioRun,
  type RunScenarioOptions,
  runScenarioReplication,
  type ScenarioComparison,
  type ScenarioResult,
  type ScenarioRunPlan,
  scenarioComparison,
  scenarioResult,
} from './scenarioRun.js';
import { idleCores } from './workerModules.js';
import { type LoadFailure, WorkerPool } from './workerPool.js';

/**
 * How to run a scenario's replications on worker threads.
 *
 * @example
 * ```ts
 * const how: ScenarioWorkersOptions = { workers: 4, serialBelowMs: 0 };
 * ```
 */
export interface ScenarioWorkersOptions {
  /**
   * Threads running replications, the calling thread included (it runs replications too, so a pool
   * of `workers − 1` threads is started): an integer ≥ 1, 1 = everything on the calling thread;
   * default one per idle core: the cores minus the whole part of the 1-minute load average, at least 1.
   */
  readonly workers?: number;
  /**
   * Keep the replications on the calling thread when the first one projects the rest to take less
   * than this many milliseconds serially; 0 = always use workers. Default 4000: a worker pays off
   * once the remaining work exceeds its start-up (with the calling thread working meanwhile, W
   * seconds of replications take ≈ (W + start-up) / 2 on two threads), and 4 s is about the start-up
   * of a worker that imports the Qingxu replay from TypeScript sources (bench/README.md).
   */
  readonly serialBelowMs?: number;
}

/**
 * Options of {@link runScenarioParallel}: those of {@link surgesim!runScenario}, where the scenario's module
 * is, and how many threads.
 *
 * @example
 * ```ts
 * const options: RunScenarioParallelOptions<DeskParams> = {
 *   module: new URL('./desk.ts', import.meta.url), replications: 100, seed: 7, workers: 2,
 * };
 * ```
 */
export interface RunScenarioParallelOptions<P> extends RunScenarioOptions<P>, ScenarioWorkersOptions {
  /** The module that exports the scenario: a `file:` URL, or a file path (relative to the working directory). */
  readonly module: string | URL;
  /** The export holding it; default `scenario`, else the default export (as `surgesim run` finds it). */
  readonly exportName?: string;
}

/**
 * Run a scenario with its replications on worker threads. The result equals
 * `runScenario(scenario, options)` with the same seed, replications and overrides (figures, values,
 * kept runs); only the time it takes differs.
 *
 * @param scenario - the scenario (used on this thread to check the options and summarise).
 * @param options - {@link surgesim!runScenario}'s options, plus `module` (where the workers import the same
 *   scenario from), `exportName`, `workers` and `serialBelowMs`.
 * @throws {@link surgesim!ParameterError} for a bad option or parameter, a missing module file, or a module
 *   whose export is not this scenario (same name and figure ids), before the workers run anything;
 *   `ReplicationError` for the first replication (lowest index) that fails, as the serial run would.
 * @example
 * ```ts
 * import { runScenarioParallel } from 'surgesim/parallel';
 * import { scenario } from './scenarios/desk.ts';
 * const r = await runScenarioParallel(scenario, {
 *   module: new URL('./scenarios/desk.ts', import.meta.url), replications: 100, seed: 7,
 * });
 * ```
 */
export async function runScenarioParallel<P, R>(
  scenario: Scenario<P, R>,
  options: RunScenarioParallelOptions<P>,
): Promise<ScenarioResult<P, R>> {
  const pool = new WorkerPool(resolveWorkers(options.workers, 'options.workers') - 1);
  try {
    return await runScenarioOn(pool, scenario, options);
  } finally {
    await pool.close();
  }
}

/**
 * Options of {@link compareScenariosParallel}: those of {@link surgesim!compareScenarios}, each scenario's
 * module, and how many threads.
 *
 * @example
 * ```ts
 * const o: CompareScenariosParallelOptions<P, P> = { moduleA: url, moduleB: url, replications: 30, seed: 7 };
 * ```
 */
export interface CompareScenariosParallelOptions<PA, PB>
  extends CompareScenariosOptions<PA, PB>,
    ScenarioWorkersOptions {
  /** The module exporting scenario A (URL or path). */
  readonly moduleA: string | URL;
  /** The module exporting scenario B (URL or path). */
  readonly moduleB: string | URL;
  /** The export holding A; default `scenario`, else the default export. */
  readonly exportNameA?: string;
  /** The export holding B; default `scenario`, else the default export. */
  readonly exportNameB?: string;
}

/**
 * {@link surgesim!compareScenarios} with each side's replications on worker threads (one pool for both
 * sides); the result equals the serial comparison with the same seed.
 *
 * @param a - the baseline.
 * @param b - the alternative.
 * @param options - {@link surgesim!compareScenarios}' options, plus `moduleA`, `moduleB`, `workers`.
 * @throws as {@link runScenarioParallel}.
 * @example
 * ```ts
 * const c = await compareScenariosParallel(desk, desk, {
 *   moduleA: url, moduleB: url, overridesB: { servers: 3 }, replications: 30, seed: 7,
 * });
 * ```
 */
export async function compareScenariosParallel<PA, RA, PB, RB>(
  a: Scenario<PA, RA>,
  b: Scenario<PB, RB>,
  options: CompareScenariosParallelOptions<PA, PB>,
): Promise<ScenarioComparison> {
  const pool = new WorkerPool(resolveWorkers(options.workers, 'options.workers') - 1);
  try {
    return await compareScenariosOn(pool, a, b, options);
  } finally {
    await pool.close();
  }
}

/**
 * Options of `ParallelRunner.runScenario`: those of {@link runScenarioParallel} but the thread
 * count, which is the runner's.
 *
 * @example
 * ```ts
 * const o: ScenarioRunnerOptions<DeskParams> = { module: url, replications: 100, seed: 7, serialBelowMs: 0 };
 * ```
 */
export type ScenarioRunnerOptions<P> = Omit<RunScenarioParallelOptions<P>, 'workers'>;

/**
 * Options of `ParallelRunner.compareScenarios`: those of {@link compareScenariosParallel} but
 * the thread count, which is the runner's.
 *
 * @example
 * ```ts
 * const o: CompareScenariosRunnerOptions<P, P> = { moduleA: url, moduleB: url, replications: 30, seed: 7 };
 * ```
 */
export type CompareScenariosRunnerOptions<PA, PB> = Omit<CompareScenariosParallelOptions<PA, PB>, 'workers'>;

/**
 * A scenario run on `pool`, the calling thread included.
 *
 * @internal
 */
export async function runScenarioOn<P, R>(
  pool: WorkerPool,
  scenario: Scenario<P, R>,
  options: ScenarioRunnerOptions<P>,
): Promise<ScenarioResult<P, R>> {
  const target = checkTarget(options.module, options.exportName, 'options.module', 'options.exportName');
  const serialBelowMs = checkSerialBelow(options.serialBelowMs, 'options');
  const plan = planScenarioRun(scenario, options, 'options');
  return runPlan(pool, scenario, target, plan, serialBelowMs, options);
}

/**
 * A scenario comparison on `pool`, the calling thread included.
 *
 * @internal
 */
export async function compareScenariosOn<PA, RA, PB, RB>(
  pool: WorkerPool,
  a: Scenario<PA, RA>,
  b: Scenario<PB, RB>,
  options: CompareScenariosRunnerOptions<PA, PB>,
): Promise<ScenarioComparison> {
  const targetA = checkTarget(options.moduleA, options.exportNameA, 'options.moduleA', 'options.exportNameA');
  const targetB = checkTarget(options.moduleB, options.exportNameB, 'options.moduleB', 'options.exportNameB');
  const serialBelowMs = checkSerialBelow(options.serialBelowMs, 'options');
  const { replications, seed, level } = planComparison(options);
  const side = <P>(overrides: RunScenarioOptions<P>['overrides']): RunScenarioOptions<P> => ({
    replications,
    seed,
    level,
    ...(overrides === undefined ? {} : { overrides }),
  });
  const planA = planScenarioRun(a, side<PA>(options.overridesA), 'options');
  const planB = planScenarioRun(b, side<PB>(options.overridesB), 'options');
  const total = 2 * replications;
  const progress = (offset: number) => (done: number) => options.onProgress?.(offset + done, total);
  const resultA = await runPlan(pool, a, targetA, planA, serialBelowMs, { onProgress: progress(0) });
  const resultB = await runPlan(pool, b, targetB, planB, serialBelowMs, {
    onProgress: progress(replications),
  });
  return scenarioComparison(a, b, resultA, resultB);
}

interface Target {
  readonly url: string;
  readonly exportName: string | null;
}

function checkTarget(module: unknown, exportName: unknown, modulePath: string, exportPath: string): Target {
  let url: URL;
  if (module instanceof URL) url = module;
  else if (typeof module === 'string' && module !== '')
    // A scheme of two letters or more is a URL (one letter is a Windows drive).
    url = /^[a-z][a-z0-9+.-]+:/i.test(module) ? new URL(module) : pathToFileURL(resolve(module));
  else throw new ParameterError(modulePath, 'the scenario module, a file: URL or a file path', module);
  if (url.protocol !== 'file:') throw new ParameterError(modulePath, 'a file: URL or a file path', url.href);
  const file = fileURLToPath(url);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ParameterError(modulePath, 'an existing module file', url.href);
  if (exportName !== undefined) nonEmptyString(exportName, exportPath);
  return { url: url.href, exportName: (exportName as string | undefined) ?? null };
}

function resolveWorkers(value: unknown, path: string): number {
  return value === undefined ? idleCores() : integer(value, path, 1);
}

function checkSerialBelow(value: unknown, path: string): number {
  const serialBelowMs = value ?? 4000;
  if (typeof serialBelowMs !== 'number' || !(serialBelowMs >= 0))
    throw new ParameterError(`${path}.serialBelowMs`, 'a number of milliseconds ≥ 0', serialBelowMs);
  return serialBelowMs;
}

async function runPlan<P, R>(
  pool: WorkerPool,
  scenario: Scenario<P, R>,
  target: Target,
  plan: ScenarioRunPlan<P>,
  serialBelowMs: number,
  options: Pick<RunScenarioOptions<P>, 'keepRuns' | 'onProgress'>,
): Promise<ScenarioResult<P, R>> {
  const n = plan.replications;
  const keepRuns = options.keepRuns === true;
  const local = (i: number): ScenarioRow<R> => {
    const { values, output } = runScenarioReplication(scenario, plan.parameters, plan.seed, i);
    return keepRuns ? { values, output } : { values };
  };
  // The first replication on this thread: it runs anyway, and its time says whether workers pay.
  const start = performance.now();
  const first = local(0);
  const projected = (performance.now() - start) * (n - 1);
  options.onProgress?.(1, n);
  const workers = n > 1 && projected >= serialBelowMs ? pool : new WorkerPool(0);
  const rest = await workers.run<ScenarioRow<R>>(1, n, {
    task: (from, to) => ({
      kind: 'scenario',
      moduleUrl: target.url,
      exportName: target.exportName,
      name: scenario.name,
      ids: plan.ids,
      parameters: plan.parameters,
      seed: plan.seed,
      from,
      to,
      keepRuns,
    }),
    local,
    loadError: (answer) => loadError(answer, target),
    onDone: (done) => options.onProgress?.(1 + done, n),
  });
  const rows = [first, ...rest];
  const values = plan.ids.map((_, k) => rows.map((row) => row.values[k]!));
  return scenarioResult(scenario, plan, values, keepRuns ? rows.map((row) => row.output as R) : undefined);
}

function loadError(answer: LoadFailure, target: Target): Error {
  return answer.kind === 'module'
    ? new ParameterError('scenario module', `a module that loads (${answer.message})`, target.url)
    : new ParameterError(
        'scenario module',
        `a module exporting the scenario being run (${answer.message})`,
        target.url,
      );
}

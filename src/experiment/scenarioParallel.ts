/**
 * Scenario runs with the replications on worker threads (Node only; exported from
 * `surgesim/parallel`, not from the browser-safe barrel).
 *
 * A scenario holds functions, which cannot cross threads, so each worker imports the scenario's
 * module by URL and runs replications with the serial runner's own code
 * (`runScenarioReplication`); the main thread puts the figure values back in replication
 * order and summarises them as {@link surgesim!runScenario} does. Replication i draws only from
 * `replicationSeed(seed, i)`, so the result is identical to the serial run with the same options,
 * whatever the number of threads.
 *
 * Starting workers costs time (each imports the scenario and its dependencies: about half a second
 * from TypeScript sources), so the first replication runs on the calling thread and is timed; when
 * the others would take less than `serialBelowMs` serially, they stay on the calling thread.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { ParameterError } from '../kernel/errors.js';
import { integer, nonEmptyString } from '../kernel/validate.js';
import { ReplicationError } from './replicate.js';
import type { Scenario } from './scenario.js';
import type { ScenarioAnswer, ScenarioTask } from './scenarioParallel-worker.js';
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
import { workerEntry } from './workerModules.js';

/**
 * How to run a scenario's replications on worker threads.
 *
 * @example
 * ```ts
 * const how: ScenarioWorkersOptions = { workers: 4, serialBelowMs: 0 };
 * ```
 */
export interface ScenarioWorkersOptions {
  /** Worker threads, an integer ≥ 1 (1: every replication on the calling thread); default `os.availableParallelism()`. */
  readonly workers?: number;
  /**
   * Keep the replications on the calling thread when the first one projects the rest to take less
   * than this many milliseconds serially (starting workers would cost more); default 1500, 0 = always
   * use workers.
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
  const runner = new ParallelScenarioRunner(checkWorkers(options, 'options'));
  try {
    return await runner.run(scenario, options);
  } finally {
    await runner.close();
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
  const runner = new ParallelScenarioRunner(checkWorkers(options, 'options'));
  try {
    return await runner.compare(a, b, options);
  } finally {
    await runner.close();
  }
}

/**
 * Worker threads kept for many scenario runs and comparisons (a series of alternatives, a notebook):
 * the threads start on the first run that needs them and keep the scenario modules they imported.
 * Every result equals the serial one. Close it when done (or use `await using`).
 *
 * @example
 * ```ts
 * await using runner = new ParallelScenarioRunner({ workers: 2 });
 * const module = new URL('./qingxu-2022-04-13.ts', import.meta.url);
 * for (const swabbers of [180, 216, 260])
 *   await runner.run(scenario, { module, seed: 7, overrides: { hedong: { staff: { swabbers } } } });
 * ```
 */
export class ParallelScenarioRunner {
  /** Worker threads in the pool. */
  readonly workers: number;
  /** See {@link ScenarioWorkersOptions.serialBelowMs}. */
  readonly serialBelowMs: number;
  #pool: Piscina | undefined;

  /**
   * @param options - `workers` (default one per core) and `serialBelowMs` (default 1500).
   * @throws {@link surgesim!ParameterError} for a bad thread count or threshold.
   */
  constructor(options: ScenarioWorkersOptions = {}) {
    const how = checkWorkers(options, 'ParallelScenarioRunner.options');
    this.workers = how.workers;
    this.serialBelowMs = how.serialBelowMs;
  }

  /**
   * {@link runScenarioParallel} on this runner's threads.
   *
   * @example
   * ```ts
   * const r = await runner.run(scenario, { module, replications: 100, seed: 7 });
   * ```
   */
  run<P, R>(
    scenario: Scenario<P, R>,
    options: Omit<RunScenarioParallelOptions<NoInfer<P>>, keyof ScenarioWorkersOptions>,
  ): Promise<ScenarioResult<P, R>> {
    const target = checkTarget(options.module, options.exportName, 'options.module', 'options.exportName');
    const plan = planScenarioRun(scenario, options, 'options');
    return this.#runPlan(scenario, target, plan, options);
  }

  /**
   * {@link compareScenariosParallel} on this runner's threads.
   *
   * @example
   * ```ts
   * const c = await runner.compare(a, b, { moduleA: url, moduleB: url, replications: 30, seed: 7 });
   * ```
   */
  async compare<PA, RA, PB, RB>(
    a: Scenario<PA, RA>,
    b: Scenario<PB, RB>,
    options: Omit<CompareScenariosParallelOptions<NoInfer<PA>, NoInfer<PB>>, keyof ScenarioWorkersOptions>,
  ): Promise<ScenarioComparison> {
    const targetA = checkTarget(
      options.moduleA,
      options.exportNameA,
      'options.moduleA',
      'options.exportNameA',
    );
    const targetB = checkTarget(
      options.moduleB,
      options.exportNameB,
      'options.moduleB',
      'options.exportNameB',
    );
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
    const resultA = await this.#runPlan(a, targetA, planA, { onProgress: progress(0) });
    const resultB = await this.#runPlan(b, targetB, planB, { onProgress: progress(replications) });
    return scenarioComparison(a, b, resultA, resultB);
  }

  /** Stop the worker threads (if any were started). */
  async close(): Promise<void> {
    await this.#pool?.destroy();
    this.#pool = undefined;
  }

  /** `await using runner = new ParallelScenarioRunner()` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #runPlan<P, R>(
    scenario: Scenario<P, R>,
    target: Target,
    plan: ScenarioRunPlan<P>,
    options: Pick<RunScenarioOptions<P>, 'keepRuns' | 'onProgress'>,
  ): Promise<ScenarioResult<P, R>> {
    const pool = {
      threads: this.workers,
      // Started on first use, so a run that stays serial never starts a thread.
      get: (): Piscina =>
        (this.#pool ??= new Piscina({
          ...workerEntry('scenarioParallel-worker'),
          minThreads: this.workers,
          maxThreads: this.workers,
          idleTimeout: 60_000,
        })),
    };
    return runOn(
      pool,
      scenario,
      target,
      plan,
      { workers: this.workers, serialBelowMs: this.serialBelowMs },
      options,
    );
  }
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
  const file = decodeURIComponent(url.pathname);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ParameterError(modulePath, 'an existing module file', url.href);
  if (exportName !== undefined) nonEmptyString(exportName, exportPath);
  return { url: url.href, exportName: (exportName as string | undefined) ?? null };
}

function checkWorkers(options: ScenarioWorkersOptions, path: string): Required<ScenarioWorkersOptions> {
  const workers =
    options.workers === undefined ? availableParallelism() : integer(options.workers, `${path}.workers`, 1);
  const serialBelowMs = options.serialBelowMs ?? 1500;
  if (typeof serialBelowMs !== 'number' || !(serialBelowMs >= 0))
    throw new ParameterError(`${path}.serialBelowMs`, 'a number of milliseconds ≥ 0', serialBelowMs);
  return { workers, serialBelowMs };
}

/** The runner's pool as the run functions see it. */
interface Pool {
  readonly threads: number;
  get(): Piscina;
}

async function runOn<P, R>(
  pool: Pool,
  scenario: Scenario<P, R>,
  target: Target,
  plan: ScenarioRunPlan<P>,
  how: Required<ScenarioWorkersOptions>,
  options: Pick<RunScenarioOptions<P>, 'keepRuns' | 'onProgress'>,
): Promise<ScenarioResult<P, R>> {
  const n = plan.replications;
  const keepRuns = options.keepRuns === true;
  const values = plan.ids.map((): (number | null)[] => []);
  const runs: R[] = [];
  const add = (row: { values: readonly (number | null)[]; output?: R }) => {
    for (const [k, v] of row.values.entries()) values[k]!.push(v);
    if (keepRuns) runs.push(row.output as R);
  };
  // The first replication on this thread: it runs anyway, and its time says whether workers pay.
  const start = performance.now();
  add(runScenarioReplication(scenario, plan.parameters, plan.seed, 0));
  const projected = (performance.now() - start) * (n - 1);
  options.onProgress?.(1, n);
  if (n > 1 && how.workers > 1 && projected >= how.serialBelowMs) {
    for (const row of await onWorkers(pool, scenario, target, plan, keepRuns, options.onProgress)) add(row);
  } else {
    for (let i = 1; i < n; i++) {
      add(runScenarioReplication(scenario, plan.parameters, plan.seed, i));
      options.onProgress?.(i + 1, n);
    }
  }
  return scenarioResult(scenario, plan, values, keepRuns ? runs : undefined);
}

/** Replications 1 … n−1 on the pool, in replication order. */
async function onWorkers<P, R>(
  pool: Pool,
  scenario: Scenario<P, R>,
  target: Target,
  plan: ScenarioRunPlan<P>,
  keepRuns: boolean,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<{ values: (number | null)[]; output?: R }[]> {
  const n = plan.replications;
  // Small tasks keep the threads evenly busy and the progress bar moving; a replication worth
  // running on a worker takes far longer than posting a task.
  const size = Math.max(1, Math.ceil((n - 1) / (pool.threads * 16)));
  let done = 1;
  const tasks: Promise<ScenarioAnswer>[] = [];
  for (let from = 1; from < n; from += size) {
    const task: ScenarioTask = {
      moduleUrl: target.url,
      exportName: target.exportName,
      name: scenario.name,
      ids: plan.ids,
      parameters: plan.parameters,
      seed: plan.seed,
      from,
      to: Math.min(n, from + size),
      keepRuns,
    };
    tasks.push(
      (pool.get().run(task) as Promise<ScenarioAnswer>).then((answer) => {
        if (answer.ok) {
          done += answer.values.length;
          onProgress?.(done, n);
        }
        return answer;
      }),
    );
  }
  const rows: { values: (number | null)[]; output?: R }[] = [];
  // Wait for every task, then report the lowest failing replication, as the serial run would.
  for (const answer of await Promise.all(tasks)) {
    if (!answer.ok) throw failure(answer, target);
    answer.values.forEach((v, j) => {
      rows.push(keepRuns ? { values: v, output: answer.runs![j] as R } : { values: v });
    });
  }
  return rows;
}

function failure(answer: Exclude<ScenarioAnswer, { ok: true }>, target: Target): Error {
  switch (answer.kind) {
    case 'module':
      return new ParameterError('scenario module', `a module that loads (${answer.message})`, target.url);
    case 'export':
      return new ParameterError(
        'scenario module',
        `a module exporting the scenario being run (${answer.message})`,
        target.url,
      );
    case 'parameter':
      return new ParameterError(answer.path, answer.expected, answer.value);
    case 'model': {
      const cause = new Error(answer.message);
      cause.name = answer.name;
      if (answer.stack !== undefined) cause.stack = answer.stack;
      return new ReplicationError(answer.replication, answer.seed, cause);
    }
  }
}

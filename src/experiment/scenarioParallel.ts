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
 * Starting a worker costs about as much as loading the scenario (each imports it and its
 * dependencies: ≈ 1–1.5 s of CPU for the Qingxu replay from TypeScript sources, most of it tsx compiling), so
 * the calling thread runs replications too — from the first one, which is timed (when the others
 * would take less than `serialBelowMs` serially, they stay on the calling thread and no worker
 * starts), through the workers' start-up, to the end — and the pool has one thread fewer than
 * `workers`.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { ParameterError } from '../kernel/errors.js';
import { integer, nonEmptyString } from '../kernel/validate.js';
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
import { errorOf } from './workerFailure.js';
import { idleCores, workerEntry } from './workerModules.js';

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
   * default one per idle core: the cores minus the 1-minute load average, at least 1.
   */
  readonly workers?: number;
  /**
   * Keep the replications on the calling thread when the first one projects the rest to take less
   * than this many milliseconds serially; 0 = always use workers. Default 4000: a worker pays off
   * once the remaining work exceeds its start-up (with the calling thread working meanwhile, W
   * seconds of replications take ≈ (W + start-up) / 2 on two threads), and a worker importing a
   * scenario from TypeScript sources takes ≈ 3.5 s (the Qingxu replay).
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
  /** Threads running replications, this one included (the pool has `workers − 1`). */
  readonly workers: number;
  /** See {@link ScenarioWorkersOptions.serialBelowMs}. */
  readonly serialBelowMs: number;
  #pool: Piscina | undefined;

  /**
   * @param options - `workers` (default one per idle core) and `serialBelowMs` (default 4000).
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
  async run<P, R>(
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
      // This thread runs replications too: the pool has one thread fewer.
      threads: this.workers - 1,
      // Started on first use, so a run that stays serial never starts a thread.
      get: (): Piscina =>
        (this.#pool ??= new Piscina({
          ...workerEntry('scenarioParallel-worker'),
          minThreads: this.workers - 1,
          maxThreads: this.workers - 1,
          // Two tasks queued in each worker: it starts the next without waiting for this thread,
          // which may be busy with a replication of its own.
          concurrentTasksPerWorker: 2,
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
  const file = fileURLToPath(url);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ParameterError(modulePath, 'an existing module file', url.href);
  if (exportName !== undefined) nonEmptyString(exportName, exportPath);
  return { url: url.href, exportName: (exportName as string | undefined) ?? null };
}

function checkWorkers(options: ScenarioWorkersOptions, path: string): Required<ScenarioWorkersOptions> {
  const workers =
    options.workers === undefined ? idleCores() : integer(options.workers, `${path}.workers`, 1);
  const serialBelowMs = options.serialBelowMs ?? 4000;
  if (typeof serialBelowMs !== 'number' || !(serialBelowMs >= 0))
    throw new ParameterError(`${path}.serialBelowMs`, 'a number of milliseconds ≥ 0', serialBelowMs);
  return { workers, serialBelowMs };
}

/** The runner's pool as the run functions see it. */
interface Pool {
  readonly threads: number;
  get(): Piscina;
}

/** One replication's figure values, and its result when the runs are kept. */
interface Row<R> {
  readonly values: readonly (number | null)[];
  readonly output?: R;
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
  const local = (i: number): Row<R> => {
    const { values, output } = runScenarioReplication(scenario, plan.parameters, plan.seed, i);
    return keepRuns ? { values, output } : { values };
  };
  // The first replication on this thread: it runs anyway, and its time says whether workers pay.
  const start = performance.now();
  const first = local(0);
  const projected = (performance.now() - start) * (n - 1);
  options.onProgress?.(1, n);
  let rows: Row<R>[];
  if (n > 1 && pool.threads > 0 && projected >= how.serialBelowMs)
    rows = await shared(pool, scenario, target, plan, keepRuns, first, local, options.onProgress);
  else {
    rows = [first];
    for (let i = 1; i < n; i++) {
      rows.push(local(i));
      options.onProgress?.(i + 1, n);
    }
  }
  const values = plan.ids.map((_, k) => rows.map((row) => row.values[k]!));
  return scenarioResult(scenario, plan, values, keepRuns ? rows.map((row) => row.output as R) : undefined);
}

/**
 * Replications 1 … n−1 shared between the pool and this thread: the pool's threads each hold two
 * tasks (so a thread never waits for this one to hand it the next), and this thread runs the next
 * free replication whenever it is not handing out tasks — also while the workers are still starting.
 * Returns the rows in replication order; on failure, the error of the lowest failing replication
 * (every lower one was handed out, so it is the one a serial run would report).
 */
async function shared<P, R>(
  pool: Pool,
  scenario: Scenario<P, R>,
  target: Target,
  plan: ScenarioRunPlan<P>,
  keepRuns: boolean,
  first: Row<R>,
  local: (i: number) => Row<R>,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<Row<R>[]> {
  const n = plan.replications;
  const rows: Row<R>[] = [first];
  const failures: { index: number; error: unknown }[] = [];
  // Small tasks keep the threads evenly busy and the progress bar moving; a replication worth
  // running on a worker takes far longer than posting a task.
  const size = Math.max(1, Math.ceil((n - 1) / ((pool.threads + 1) * 16)));
  let next = 1;
  let done = 1;
  const inFlight = new Set<Promise<void>>();
  const hand = (): void => {
    const from = next;
    const to = Math.min(n, from + size);
    next = to;
    const task: ScenarioTask = {
      moduleUrl: target.url,
      exportName: target.exportName,
      name: scenario.name,
      ids: plan.ids,
      parameters: plan.parameters,
      seed: plan.seed,
      from,
      to,
      keepRuns,
    };
    const settled = (pool.get().run(task) as Promise<ScenarioAnswer>).then(
      (answer) => {
        inFlight.delete(settled);
        if (!answer.ok) {
          failures.push({
            index: answer.kind === 'model' ? answer.replication : from,
            error: failure(answer, target),
          });
          return;
        }
        for (const [j, values] of answer.values.entries())
          rows[from + j] = keepRuns ? { values, output: answer.runs![j] as R } : { values };
        done += answer.values.length;
        onProgress?.(done, n);
        if (next < n && failures.length === 0) hand();
      },
      (error: unknown) => {
        inFlight.delete(settled);
        failures.push({ index: from, error });
      },
    );
    inFlight.add(settled);
  };
  while (inFlight.size < 2 * pool.threads && next < n) hand();
  while (next < n && failures.length === 0) {
    const i = next++;
    try {
      rows[i] = local(i);
    } catch (error) {
      failures.push({ index: i, error });
      break;
    }
    done++;
    onProgress?.(done, n);
    // Let the workers' answers in and the next tasks out before the next local replication.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  if (failures.length > 0) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).error;
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
    case 'model':
      return errorOf(answer);
  }
}

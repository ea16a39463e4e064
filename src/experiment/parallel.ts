/**
 * Parallel replications on worker threads (Node only; not part of the browser-safe barrel): one
 * runner, {@link ParallelRunner}, for exported models (replications, sweeps, paired comparisons) and
 * for scenarios ({@link runScenarioParallel}, {@link compareScenariosParallel}).
 *
 * Functions cannot cross threads, so a model is named by where it lives: a module URL and the name
 * of an export `(params, ctx) => plain data` (a scenario: the module that exports it). Each worker imports the module once and runs ranges of
 * replications with the serial runner's own code; the main thread puts the outputs back in
 * replication order and summarises them exactly as {@link surgesim!replicate} does. Because replication i's
 * random numbers depend only on `replicationSeed(seed, i)`, the result is identical, bit for bit, to
 *
 * ```ts
 * replicate((ctx) => model(params, ctx), { replications, seed })
 * ```
 *
 * whatever the number of threads and whichever thread ran which replication. A precision target is
 * honoured the same way: extra replications are computed ahead in parallel, and the result keeps
 * exactly those the serial rule would have run.
 *
 * Threads: all cores by default (`os.availableParallelism()`), never more than there are replications.
 * {@link replicateParallel} starts a pool for one call; a {@link ParallelRunner} keeps one for many.
 *
 * @module surgesim/parallel
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ParameterError } from '../kernel/errors.js';
import { integer, nonEmptyString } from '../kernel/validate.js';
import { replicationSeed } from '../random/seed.js';
import {
  type CompareOptions,
  type CompareResult,
  compareResult,
  compareSides,
  resolveCompareOptions,
} from './compare.js';
import { checkOutput } from './fields.js';
import { type ReplicateOptions, type ResolvedReplicateOptions, resolveReplicateOptions } from './options.js';
import {
  PrecisionRule,
  type ReplicateResult,
  type ReplicationContext,
  ReplicationError,
  type ReplicationRun,
  replicateResult,
} from './replicate.js';
import type { Scenario } from './scenario.js';
import {
  type CompareScenariosRunnerOptions,
  compareScenariosOn,
  runScenarioOn,
  type ScenarioRunnerOptions,
} from './scenarioParallel.js';
import type { ScenarioComparison, ScenarioResult } from './scenarioRun.js';
import { summarise } from './summary.js';
import {
  type Grid,
  type GridPoint,
  planSweep,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
  sweepResult,
} from './sweep.js';
import { type LoadFailure, WorkerPool } from './workerPool.js';

export {
  type CompareScenariosParallelOptions,
  type CompareScenariosRunnerOptions,
  compareScenariosParallel,
  type RunScenarioParallelOptions,
  runScenarioParallel,
  type ScenarioRunnerOptions,
  type ScenarioWorkersOptions,
} from './scenarioParallel.js';

/** Options of {@link replicateParallel}: replication options plus the number of threads. */
export interface ParallelOptions extends ReplicateOptions {
  /** Worker threads, an integer ≥ 1. Default `os.availableParallelism()`. */
  readonly threads?: number;
}

/** How a parallel result was computed (kept apart from `options`, which match the serial run's). */
export interface ParallelInfo {
  /** The model module's URL. */
  readonly moduleUrl: string;
  /** The export that was run. */
  readonly exportName: string;
  /** The parameters passed to every replication. */
  readonly params: unknown;
  /** Worker threads used. */
  readonly threads: number;
}

/**
 * The result of {@link replicateParallel}: a {@link ReplicateResult} equal to the serial one, plus how
 * it was run.
 *
 * @example
 * ```ts
 * const { parallel, ...result } = await replicateParallel(url, 'model', params, opts);
 * ```
 */
export interface ParallelReplicateResult<R> extends ReplicateResult<R> {
  /** How it was run: the model's module and export, the parameters and the worker threads. */
  readonly parallel: ParallelInfo;
}

/**
 * A model module's export for {@link replicateParallel}: parameters (structured-cloneable data) and
 * the replication context in, plain data out.
 *
 * @example
 * ```ts
 * // models/desk.ts
 * export const desk: ParallelModel<{ servers: number }, { wait: number }> = (p, ctx) => runDesk(p, ctx.seed);
 * ```
 */
export type ParallelModel<P, R> = (params: P, ctx: ReplicationContext) => R;

function resolveModuleUrl(value: unknown): string {
  const path = 'replicateParallel.moduleUrl';
  let url: URL;
  if (value instanceof URL) url = value;
  else if (typeof value === 'string' && URL.canParse(value)) url = new URL(value);
  else
    throw new ParameterError(
      path,
      "an absolute module URL (e.g. new URL('./model.ts', import.meta.url))",
      value instanceof URL ? value.href : value,
    );
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url)))
    throw new ParameterError(path, 'the URL of an existing module file', url.href);
  return url.href;
}

/**
 * Check what a task needs before anything is posted: the module URL (absolute, and an existing file
 * for `file:`), the export name, and parameters that can cross a thread boundary.
 */
function checkModel(moduleUrl: unknown, exportName: unknown, params: unknown, paramsPath: string): string {
  const url = resolveModuleUrl(moduleUrl);
  nonEmptyString(exportName, 'replicateParallel.exportName');
  try {
    structuredClone(params);
  } catch {
    throw new ParameterError(
      paramsPath,
      'structured-cloneable data (no functions or class instances with methods)',
      params,
    );
  }
  return url;
}

function resolveThreads(value: unknown, path: string): number {
  return value === undefined ? availableParallelism() : integer(value, path, 1);
}

/**
 * The parallel runner: a pool of worker threads for many parallel experiments. Threads start on the
 * first run and keep the modules they have imported, so a sweep, a series of scenario alternatives or
 * a notebook pays the start-up once. Every result equals the serial one, bit for bit. Close it when
 * done (or use `await using`).
 *
 * An exported model (`replicate`, `sweep`, `compareParams`) runs on the pool's threads only. A
 * scenario (`runScenario`, `compareScenarios`) is in the calling thread's hands too, so that thread
 * runs replications beside the pool (see {@link runScenarioParallel}).
 *
 * @example
 * ```ts
 * await using runner = new ParallelRunner({ threads: 4 });
 * const url = new URL('./desk.ts', import.meta.url);
 * for (const servers of [4, 5, 6]) {
 *   const r = await runner.replicate(url, 'desk', { servers }, { replications: 50, seed: 42 });
 *   console.log(servers, r.summary.wait);
 * }
 * ```
 */
export class ParallelRunner {
  /** Worker threads in the pool. */
  readonly threads: number;
  readonly #pool: WorkerPool;

  /**
   * @param options - `threads`: an integer ≥ 1; default `os.availableParallelism()`.
   * @throws {@link surgesim!ParameterError} for a bad thread count.
   */
  constructor(options: { readonly threads?: number } = {}) {
    this.threads = resolveThreads(options?.threads, 'ParallelRunner.threads');
    this.#pool = new WorkerPool(this.threads);
  }

  /**
   * Run replications of an exported model on this pool; the result equals the serial
   * {@link surgesim!replicate} of `(ctx) => model(params, ctx)` with the same options, bit for bit. Same
   * arguments and errors as {@link replicateParallel} (without `threads`).
   *
   * @example
   * ```ts
   * const r = await runner.replicate(url, 'desk', { servers: 5 }, { replications: 50, seed: 42 });
   * ```
   */
  async replicate<R = unknown, P = unknown>(
    moduleUrl: string | URL,
    exportName: string,
    params: P,
    options: ReplicateOptions,
  ): Promise<ParallelReplicateResult<R>> {
    const resolved = resolveReplicateOptions(options, 'replicateParallel.options');
    const url = checkModel(moduleUrl, exportName, params, 'replicateParallel.params');
    return this.#replicate<R, P>(url, exportName, params, resolved);
  }

  #replicate<R, P>(
    url: string,
    exportName: string,
    params: P,
    resolved: ResolvedReplicateOptions,
  ): Promise<ParallelReplicateResult<R>> {
    return replicateResultOn<R, P>(this.#pool, url, exportName, params, resolved);
  }

  /**
   * A parameter sweep with each point's replications on this pool (points one after another); the
   * result equals the serial {@link sweep} of the exported model, bit for bit.
   *
   * @param moduleUrl - absolute URL of the model module.
   * @param exportName - the export, `(params, ctx) => plain data`.
   * @param grid - parameter name → values (see {@link surgesim!gridPoints}).
   * @param options - replication options and fixed `base` parameters (structured-cloneable).
   * @example
   * ```ts
   * const s = await runner.sweep(url, 'desk', { servers: [4, 5, 6] }, { replications: 50, seed: 42 });
   * s.rows; // tidy rows, as from sweep()
   * ```
   */
  async sweep<G extends Grid, R = unknown, B extends object = Record<never, never>>(
    moduleUrl: string | URL,
    exportName: string,
    grid: G,
    options: SweepOptions<B>,
  ): Promise<SweepResult<G, B & GridPoint<G>, R> & { readonly parallel: Omit<ParallelInfo, 'params'> }> {
    const plan = planSweep(grid, options, 'sweep');
    const url = checkModel(moduleUrl, exportName, plan.base, 'sweep.options.base');
    const points: SweepPoint<B & GridPoint<G>, R>[] = [];
    for (const [index, params] of plan.params.entries()) {
      const { parallel: _, ...result } = await this.#replicate<R, B & GridPoint<G>>(
        url,
        exportName,
        params,
        plan.resolved,
      );
      points.push({ index, params, result });
    }
    return {
      ...sweepResult(grid, plan, points),
      parallel: { moduleUrl: url, exportName, threads: this.threads },
    };
  }

  /**
   * A paired comparison of two parameter sets of an exported model, each side's replications on this
   * pool; the result equals the serial {@link compareParams}, bit for bit (common random numbers
   * unless `seedB` is given).
   *
   * @param moduleUrl - absolute URL of the model module.
   * @param exportName - the export, `(params, ctx) => plain data`.
   * @param paramsA - the baseline's parameters (structured-cloneable).
   * @param paramsB - the alternative's parameters.
   * @param options - replications, seed, level, optional `seedB`.
   * @example
   * ```ts
   * const c = await runner.compareParams(url, 'desk', { servers: 4 }, { servers: 5 }, { replications: 50, seed: 7 });
   * c.differences.wait; // paired-t interval of B − A
   * ```
   */
  async compareParams<R = unknown, P = unknown>(
    moduleUrl: string | URL,
    exportName: string,
    paramsA: P,
    paramsB: P,
    options: CompareOptions,
  ): Promise<
    CompareResult<R, R> & {
      readonly paramsA: P;
      readonly paramsB: P;
      readonly parallel: Omit<ParallelInfo, 'params'>;
    }
  > {
    const resolved = resolveCompareOptions(options, 'compareParams.options');
    const url = checkModel(moduleUrl, exportName, paramsA, 'compareParams.paramsA');
    checkModel(url, exportName, paramsB, 'compareParams.paramsB');
    const sides = compareSides(resolved);
    const { parallel: _a, ...a } = await this.#replicate<R, P>(url, exportName, paramsA, sides.a);
    const { parallel: _b, ...b } = await this.#replicate<R, P>(url, exportName, paramsB, sides.b);
    return {
      ...compareResult(a, b, resolved),
      paramsA,
      paramsB,
      parallel: { moduleUrl: url, exportName, threads: this.threads },
    };
  }

  /**
   * {@link runScenarioParallel} on this runner: the pool's threads and the calling thread share the
   * replications. The result equals {@link surgesim!runScenario} with the same options.
   *
   * @param scenario - the scenario (used on this thread to check the options, run replications and
   *   summarise).
   * @param options - {@link surgesim!runScenario}'s options, plus `module` (where the workers import the
   *   same scenario from), `exportName` and `serialBelowMs`.
   * @throws as {@link runScenarioParallel}.
   * @example
   * ```ts
   * const module = new URL('./qingxu-2022-04-13.ts', import.meta.url);
   * for (const swabbers of [180, 216, 260])
   *   await runner.runScenario(scenario, { module, seed: 7, overrides: { hedong: { staff: { swabbers } } } });
   * ```
   */
  runScenario<P, R>(
    scenario: Scenario<P, R>,
    options: ScenarioRunnerOptions<NoInfer<P>>,
  ): Promise<ScenarioResult<P, R>> {
    return runScenarioOn(this.#pool, scenario, options);
  }

  /**
   * {@link compareScenariosParallel} on this runner; the result equals {@link surgesim!compareScenarios}
   * with the same options.
   *
   * @param a - the baseline.
   * @param b - the alternative.
   * @param options - {@link surgesim!compareScenarios}' options, plus `moduleA`, `moduleB`, the export
   *   names and `serialBelowMs`.
   * @example
   * ```ts
   * const c = await runner.compareScenarios(a, b, { moduleA: url, moduleB: url, replications: 30, seed: 7 });
   * ```
   */
  compareScenarios<PA, RA, PB, RB>(
    a: Scenario<PA, RA>,
    b: Scenario<PB, RB>,
    options: CompareScenariosRunnerOptions<NoInfer<PA>, NoInfer<PB>>,
  ): Promise<ScenarioComparison> {
    return compareScenariosOn(this.#pool, a, b, options);
  }

  /** Stop the worker threads. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  /** `await using runner = new ParallelRunner()` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/**
 * Run replications of an exported model on worker threads; the result equals the serial
 * {@link surgesim!replicate} of `(ctx) => model(params, ctx)` with the same options, bit for bit. A pool is
 * started for this call and closed after it (use a {@link ParallelRunner} to reuse one).
 *
 * @param moduleUrl - absolute URL of the module (`new URL('./model.ts', import.meta.url)`).
 * @param exportName - name of the export, a function `(params, ctx) => plain data`.
 * @param params - structured-cloneable parameters, passed to every replication.
 * @param options - replications, seed, level, optional target, threads.
 * @throws {@link surgesim!ParameterError} for a bad option, URL, export name, unknown export or uncloneable
 *   params, before any replication runs; {@link ReplicationError} when the model throws.
 * @example
 * ```ts
 * import { replicateParallel } from 'surgesim/parallel';
 * const result = await replicateParallel(new URL('./desk.ts', import.meta.url), 'desk', { servers: 5 }, {
 *   replications: 100,
 *   seed: 42,
 * });
 * result.summary.wait; // same as the serial run
 * ```
 */
export async function replicateParallel<R = unknown, P = unknown>(
  moduleUrl: string | URL,
  exportName: string,
  params: P,
  options: ParallelOptions,
): Promise<ParallelReplicateResult<R>> {
  const resolved = resolveReplicateOptions(options, 'replicateParallel.options', ['threads']);
  const url = checkModel(moduleUrl, exportName, params, 'replicateParallel.params');
  const threads = resolveThreads(options.threads, 'replicateParallel.options.threads');
  // More threads than replications would only cost start-up time.
  const pool = new WorkerPool(Math.min(threads, resolved.maxReplications ?? resolved.replications));
  try {
    return await replicateResultOn<R, P>(pool, url, exportName, params, resolved);
  } finally {
    await pool.close();
  }
}

async function replicateResultOn<R, P>(
  pool: WorkerPool,
  url: string,
  exportName: string,
  params: P,
  resolved: ResolvedReplicateOptions,
): Promise<ParallelReplicateResult<R>> {
  const runs = await replicateOn(pool, url, exportName, params, resolved);
  return {
    ...replicateResult(runs as ReplicationRun<R>[], resolved),
    parallel: { moduleUrl: url, exportName, params, threads: pool.threads },
  };
}

/** The replications of an exported model on the pool, with the serial runner's precision rule. */
async function replicateOn(
  pool: WorkerPool,
  moduleUrl: string,
  exportName: string,
  params: unknown,
  options: ResolvedReplicateOptions,
): Promise<ReplicationRun<unknown>[]> {
  const range = (from: number, to: number): Promise<unknown[]> =>
    pool.run(from, to, {
      task: (start, end) => ({
        kind: 'model',
        moduleUrl,
        exportName,
        params,
        seed: options.seed,
        from: start,
        to: end,
      }),
      local: null,
      loadError: (answer) => loadError(answer, moduleUrl, exportName),
    });

  const rule = new PrecisionRule(options);
  const runs: ReplicationRun<unknown>[] = [];
  const accept = (output: unknown): void => {
    const i = runs.length;
    checkOutput(output, `replicateParallel.model output (replication ${i})`);
    runs.push({ replication: i, seed: replicationSeed(options.seed, i), output });
    rule.add(output);
  };
  for (const output of await range(0, options.replications)) accept(output);
  if (options.target !== null) {
    rule.checkFields(
      summarise(
        runs.map((r) => r.output),
        options.level,
      ),
      'replicateParallel.options',
    );
    // Compute ahead a block at a time; keep exactly the replications the serial rule would run.
    while (rule.wantsMore()) {
      const to = Math.min(options.maxReplications!, runs.length + pool.threads * 4);
      const outputs = await range(runs.length, to);
      for (const output of outputs) {
        if (!rule.wantsMore()) break;
        accept(output);
      }
    }
  }
  return runs;
}

function loadError(answer: LoadFailure, moduleUrl: string, exportName: string): Error {
  return answer.kind === 'module'
    ? new ParameterError('replicateParallel.moduleUrl', `a module that loads (${answer.message})`, moduleUrl)
    : new ParameterError(
        'replicateParallel.exportName',
        `the name of a function exported by ${moduleUrl} (${answer.message})`,
        exportName,
      );
}

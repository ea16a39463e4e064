/**
 * The queue runner (Node only; `surgesim/distributed`): scenario runs, comparisons and batches of
 * runs with their replications computed by `surgesim worker` processes on any number of machines,
 * through BullMQ on Redis. Every result equals the serial one with the same options, bit for bit:
 * this side checks the options and resolves the parameters exactly as {@link surgesim!runScenario}
 * does, workers run each replication with the serial runner's own code, and this side puts the
 * values back in replication order and summarises them with the same function.
 *
 * **Batches.** A job carries a range of replications, so that a short replication is not dominated
 * by the queue's own cost per job (a few milliseconds: bench/README.md). Unless `batchSize` is given,
 * the first replication runs here and is timed (its result is kept, as the serial run's first) while
 * the workers start on the next {@link EARLY_JOBS}, one per job; every other job then gets enough
 * replications to last about {@link JOB_TARGET_MS}, but a run is cut into at least {@link MIN_JOBS}
 * jobs when it has that many replications, so that many workers share it.
 *
 * **Shape.** {@link RedisRunner} has the thread runner's methods (`runScenario`, `compareScenarios`,
 * `close`), and {@link RedisRunner.runScenarios} runs a batch of requests as one queue run — the
 * `(batch) => Promise<results>` a search evaluates its candidates with.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ScenarioRow } from '../experiment/parallel-worker.js';
import type { Scenario } from '../experiment/scenario.js';
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
} from '../experiment/scenarioRun.js';
import { ParameterError } from '../kernel/errors.js';
import { integer, nonEmptyString } from '../kernel/validate.js';
import { validateSeed } from '../random/seed.js';
import { redisPrefix, redisUrl } from './connection.js';
import type { RemoteTask } from './protocol.js';
import { type QueueJob, runJobs } from './submit.js';

/**
 * A job's replications are chosen to last about this long (ms), far above the queue's cost per job.
 *
 * @example
 * ```ts
 * JOB_TARGET_MS; // 250
 * ```
 */
export const JOB_TARGET_MS = 250;

/**
 * A run of at least this many replications is cut into at least this many jobs.
 *
 * @example
 * ```ts
 * MIN_JOBS; // 32
 * ```
 */
export const MIN_JOBS = 32;

/**
 * Replications the workers start on, one per job, while the submitter times a scenario's first
 * replication to size the rest of its jobs.
 *
 * @example
 * ```ts
 * EARLY_JOBS; // 4
 * ```
 */
export const EARLY_JOBS = 4;

/**
 * Options of a {@link RedisRunner}.
 *
 * @example
 * ```ts
 * const o: RedisRunnerOptions = { redis: 'redis://10.0.0.5:6379', prefix: 'county-a' };
 * ```
 */
export interface RedisRunnerOptions {
  /** The Redis URL the workers serve, `redis://host:port[/db]` (`rediss://` for TLS). */
  readonly redis: string;
  /** Key prefix shared with the workers (`surgesim worker --prefix`); default `surgesim`. */
  readonly prefix?: string;
  /** Replications per job; default chosen from the first replication's time (see the module). */
  readonly batchSize?: number;
  /** How long Redis may be unreachable, at the start or during a run, before the run fails (ms); default 60 000. */
  readonly redisTimeoutMs?: number;
  /** Where notes go (no worker serves the run yet; Redis lost and back); default nowhere. */
  readonly note?: (text: string) => void;
}

/**
 * Options of {@link RedisRunner.runScenario}: those of {@link surgesim!runScenario}, and where the
 * workers find the scenario.
 *
 * @example
 * ```ts
 * const o: RedisScenarioOptions<DeskParams> = { module: new URL('./desk.ts', import.meta.url), replications: 100, seed: 7 };
 * ```
 */
export interface RedisScenarioOptions<P> extends RunScenarioOptions<P> {
  /**
   * The module exporting the scenario, which every worker imports (a `file:` URL or path that exists
   * on the workers' machines too). Leave it out for a campaign spec's scenario: the spec travels in
   * the job and each worker builds the scenario from it.
   */
  readonly module?: string | URL;
  /** The export holding it; default `scenario`, else the default export. */
  readonly exportName?: string;
}

/**
 * Options of {@link RedisRunner.compareScenarios}: those of {@link surgesim!compareScenarios}, and
 * where the workers find each scenario (left out: a campaign spec's).
 *
 * @example
 * ```ts
 * const o: RedisCompareOptions<P, P> = { replications: 30, seed: 7, overridesB: { staff: 6 } };
 * ```
 */
export interface RedisCompareOptions<PA, PB> extends CompareScenariosOptions<PA, PB> {
  /** The module exporting scenario A; left out for a spec's scenario. */
  readonly moduleA?: string | URL;
  /** The module exporting scenario B; left out for a spec's scenario. */
  readonly moduleB?: string | URL;
  /** The export holding A. */
  readonly exportNameA?: string;
  /** The export holding B. */
  readonly exportNameB?: string;
}

/**
 * One scenario run of a batch.
 *
 * @example
 * ```ts
 * const r: ScenarioRequest = { scenario, options: { replications: 20, seed: 1, overrides: { staff: { clerks: 5 } } } };
 * ```
 */
export interface ScenarioRequest<P = unknown, R = unknown> {
  /** The scenario (used here to check the options, run the first replication and summarise). */
  readonly scenario: Scenario<P, R>;
  /** Its run options and where the workers find it. */
  readonly options: RedisScenarioOptions<P>;
}

/**
 * Scenario runs on `surgesim worker` processes through Redis. Each call is a run of its own (own
 * queue, cleaned up at the end); the runner holds no connection between calls.
 *
 * @example
 * ```ts
 * import { RedisRunner } from 'surgesim/distributed';
 * const runner = new RedisRunner({ redis: 'redis://10.0.0.5:6379' });
 * const result = await runner.runScenario(campaignScenario(spec), { replications: 100, seed: 1 });
 * ```
 */
export class RedisRunner {
  readonly #url: string;
  readonly #prefix: string;
  readonly #batchSize: number | null;
  readonly #redisTimeoutMs: number;
  readonly #note: (text: string) => void;
  /** Measured milliseconds per replication, per scenario: timed once per runner. */
  readonly #msPerReplication = new WeakMap<object, number>();

  /**
   * @param options - the Redis URL, prefix, batch size, timeout and where notes go.
   * @throws {@link surgesim!ParameterError} for a bad option.
   */
  constructor(options: RedisRunnerOptions) {
    this.#url = redisUrl(options?.redis, 'options.redis');
    this.#prefix = redisPrefix(options.prefix, 'options.prefix');
    this.#batchSize =
      options.batchSize === undefined ? null : integer(options.batchSize, 'options.batchSize', 1);
    this.#redisTimeoutMs =
      options.redisTimeoutMs === undefined
        ? 60_000
        : integer(options.redisTimeoutMs, 'options.redisTimeoutMs', 1000);
    this.#note = options.note ?? (() => {});
  }

  /**
   * Run a scenario with its replications on the workers; the result equals
   * {@link surgesim!runScenario} with the same options.
   *
   * @throws {@link surgesim!ParameterError} for a bad option or parameter, before anything is queued;
   *   the first failure a worker reports (`ReplicationError` naming replication, seed, simulated time
   *   and entity, and the worker); {@link RemoteRunError} when a worker refuses the job (another
   *   version, a spec it cannot read); {@link RedisUnavailableError} when Redis is lost too long.
   * @example
   * ```ts
   * const r = await runner.runScenario(scenario, { module: url, replications: 100, seed: 7 });
   * ```
   */
  async runScenario<P, R>(
    scenario: Scenario<P, R>,
    options: RedisScenarioOptions<NoInfer<P>>,
  ): Promise<ScenarioResult<P, R>> {
    const [result] = await this.runScenarios(
      [
        {
          scenario: scenario as unknown as Scenario<unknown, unknown>,
          options: options as RedisScenarioOptions<unknown>,
        },
      ],
      options.onProgress,
    );
    return result as ScenarioResult<P, R>;
  }

  /**
   * Compare two scenarios with common random numbers, each side's replications on the workers (one
   * queue run for both); the result equals {@link surgesim!compareScenarios}.
   *
   * @example
   * ```ts
   * const c = await runner.compareScenarios(a, a, { replications: 30, seed: 7, overridesB: { staff: 6 } });
   * ```
   */
  async compareScenarios<PA, RA, PB, RB>(
    a: Scenario<PA, RA>,
    b: Scenario<PB, RB>,
    options: RedisCompareOptions<NoInfer<PA>, NoInfer<PB>>,
  ): Promise<ScenarioComparison> {
    const { replications, seed, level } = planComparison(options);
    const side = <P>(overrides: unknown, module: string | URL | undefined, exportName: string | undefined) =>
      ({
        replications,
        seed,
        level,
        ...(overrides === undefined ? {} : { overrides }),
        ...(module === undefined ? {} : { module }),
        ...(exportName === undefined ? {} : { exportName }),
      }) as RedisScenarioOptions<P>;
    const [ra, rb] = await this.runScenarios(
      [
        {
          scenario: a as Scenario<unknown, unknown>,
          options: side(options.overridesA, options.moduleA, options.exportNameA),
        },
        {
          scenario: b as Scenario<unknown, unknown>,
          options: side(options.overridesB, options.moduleB, options.exportNameB),
        },
      ],
      options.onProgress,
    );
    return scenarioComparison(a, b, ra as ScenarioResult<PA, RA>, rb as ScenarioResult<PB, RB>);
  }

  /**
   * Run a batch of scenario runs as one queue run (their jobs share the workers, so the batch ends
   * when its last job does, not when each run in turn would); results in request order, each equal
   * to {@link surgesim!runScenario} of that request.
   *
   * @param requests - the scenario runs.
   * @param onProgress - called with replications done and total, over the whole batch.
   * @throws as {@link RedisRunner.runScenario}; every request is checked before anything is queued.
   * @example
   * ```ts
   * const results = await runner.runScenarios(
   *   [4, 5, 6].map((clerks) => ({ scenario, options: { replications: 20, seed: 1, overrides: { clerks } } })),
   * );
   * ```
   */
  async runScenarios(
    requests: readonly ScenarioRequest[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<ScenarioResult<unknown, unknown>[]> {
    if (!Array.isArray(requests))
      throw new ParameterError('requests', 'an array of { scenario, options }', requests);
    const planned = requests.map(({ scenario, options }, r) => ({
      scenario,
      options,
      plan: planScenarioRun(scenario, options, `requests[${r}].options`),
      source: sourceOf(options, `requests[${r}].options`),
    }));
    const total = planned.reduce((a, p) => a + p.plan.replications, 0);
    const rows = planned.map((p) => new Array<ScenarioRow>(p.plan.replications));
    let done = 0;
    const progress = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };
    const jobOf = (r: number, from: number, to: number): QueueJob => {
      const p = planned[r]!;
      return {
        request: r,
        task: taskOf(p.scenario, p.plan, p.source, from, to, p.options.keepRuns === true),
      };
    };
    const accept =
      (list: readonly QueueJob[]) =>
      (k: number, outputs: unknown[]): void => {
        const { request, task } = list[k]!;
        if (outputs.length !== task.to - task.from)
          throw new Error(`job ${k}: ${outputs.length} outputs for replications ${task.from}–${task.to - 1}`);
        for (const [j, output] of outputs.entries()) rows[request]![task.from + j] = output as ScenarioRow;
        progress(outputs.length);
      };
    const settings = {
      url: this.#url,
      prefix: this.#prefix,
      redisTimeoutMs: this.#redisTimeoutMs,
      note: this.#note,
    };
    // A scenario not yet timed has its first replication timed here (its row is kept) to size its
    // jobs; the next EARLY_JOBS replications go to the workers first, one per job, so that they start
    // while this thread times (one replication of a large day can take minutes).
    const untimed = planned.flatMap((p, r) =>
      this.#batchSize === null && !this.#msPerReplication.has(p.scenario) ? [r] : [],
    );
    const firsts = planned.map(() => 0);
    const early: QueueJob[] = [];
    for (const r of untimed) {
      const n = planned[r]!.plan.replications;
      firsts[r] = Math.min(n, 1 + EARLY_JOBS);
      for (let i = 1; i < firsts[r]!; i++) early.push(jobOf(r, i, i + 1));
    }
    let queued = () => {};
    const earlyQueued = new Promise<void>((resolve) => {
      queued = resolve;
    });
    const earlyRun = runJobs(settings, early, accept(early), queued);
    // Its failure is taken up below, with the others'; not an unhandled rejection meanwhile.
    earlyRun.catch(() => {});
    try {
      await Promise.race([earlyQueued, earlyRun]);
      for (const r of untimed) {
        const p = planned[r]!;
        const start = performance.now();
        rows[r]![0] = rowOf(p.scenario, p.plan, 0, p.options.keepRuns === true);
        this.#msPerReplication.set(p.scenario, performance.now() - start);
        progress(1);
      }
      const jobs: QueueJob[] = [];
      for (const [r, p] of planned.entries()) {
        const n = p.plan.replications;
        const size = this.#batchSize ?? batchSize(this.#msPerReplication.get(p.scenario)!, n);
        for (let from = firsts[r]!; from < n; from += size)
          jobs.push(jobOf(r, from, Math.min(n, from + size)));
      }
      // The early jobs hold the lower replications: their failure is the one a serial run meets first.
      for (const outcome of await Promise.allSettled([earlyRun, runJobs(settings, jobs, accept(jobs))]))
        if (outcome.status === 'rejected') throw outcome.reason;
    } catch (error) {
      // Never leave the early jobs' queue behind (the first replication failed here, say).
      await Promise.allSettled([earlyRun]);
      throw error;
    }
    return planned.map((p, r) => {
      const all = rows[r]!;
      const values = p.plan.ids.map((_, k) => all.map((row) => row.values[k]!));
      return scenarioResult(
        p.scenario,
        p.plan,
        values,
        p.options.keepRuns === true ? all.map((row) => row.output) : undefined,
      );
    });
  }

  /**
   * Replications `0 … replications − 1` of an exported model `(params, ctx) => plain data` on the
   * workers (the thread runner's model tasks: the outputs of `runReplication`, in replication order).
   * A model in one of surgesim's own modules travels by its path in the package, so each worker runs
   * its own copy; any other module by URL (it must exist at that path on every worker).
   *
   * This is the batch function's shape for searches that run spec + overrides + seeds: pass the runs
   * in `params` and index them by `ctx.replication` (e.g. the staffing search's `specAreaTask`).
   *
   * @param module - the module's URL or path.
   * @param exportName - the model's export.
   * @param params - plain data, passed to every replication.
   * @param options - `replications` (≥ 1) and `seed` (replication i's seed derives from it); `batchSize` overrides the runner's.
   * @throws as {@link RedisRunner.runScenario}; a model failure as the serial run's `ReplicationError`.
   * @example
   * ```ts
   * const figures = await runner.runModel(new URL('./specRuns.js', import.meta.url), 'specAreaTask',
   *   { spec, area: 'hedong', runs: batch }, { replications: batch.length, seed: 0 });
   * ```
   */
  async runModel<R = unknown>(
    module: string | URL,
    exportName: string,
    params: unknown,
    options: { readonly replications: number; readonly seed: number; readonly batchSize?: number },
  ): Promise<R[]> {
    const path = 'runModel';
    const source = sourceOf({ module, exportName }, path);
    if (source.kind !== 'module')
      throw new ParameterError(`${path}.exportName`, 'a model export, not the campaign scenario', exportName);
    const replications = integer(options?.replications, `${path}.options.replications`, 1);
    const seed = validateSeed(options.seed, `${path}.options.seed`);
    const size =
      options.batchSize !== undefined
        ? integer(options.batchSize, `${path}.options.batchSize`, 1)
        : (this.#batchSize ?? Math.max(1, Math.floor(replications / MIN_JOBS)));
    try {
      structuredClone(params);
    } catch {
      throw new ParameterError(`${path}.params`, 'plain data (no functions)', params);
    }
    const inPackage = packagePath(source.moduleUrl);
    const jobs: QueueJob[] = [];
    for (let from = 0; from < replications; from += size)
      jobs.push({
        request: 0,
        task: {
          kind: 'model',
          module: inPackage === null ? { url: source.moduleUrl } : { packagePath: inPackage },
          exportName,
          params,
          seed,
          from,
          to: Math.min(replications, from + size),
        },
      });
    const outputs = new Array<R>(replications);
    await runJobs(
      { url: this.#url, prefix: this.#prefix, redisTimeoutMs: this.#redisTimeoutMs, note: this.#note },
      jobs,
      (k, answer) => {
        const { from } = jobs[k]!.task;
        for (const [j, output] of answer.entries()) outputs[from + j] = output as R;
      },
    );
    return outputs;
  }

  /** Nothing to release (each call opens and closes its own connections); for the thread runner's shape. */
  async close(): Promise<void> {}

  /** `await using runner = new RedisRunner(…)`, as with the thread runner. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/**
 * Replications per job for a replication of `ms` milliseconds in a run of `n`: about
 * {@link JOB_TARGET_MS} of work, and at least {@link MIN_JOBS} jobs when there are that many
 * replications.
 *
 * @internal
 * @example
 * ```ts
 * batchSize(800, 100); // 1: a Qingxu day is worth a job of its own
 * batchSize(0.5, 1000); // 31: at least 32 jobs
 * ```
 */
export function batchSize(ms: number, n: number): number {
  const forTime = Math.ceil(JOB_TARGET_MS / Math.max(ms, 1e-3));
  const forSpread = Math.max(1, Math.floor(n / MIN_JOBS));
  return Math.max(1, Math.min(forTime, forSpread));
}

/** surgesim's own root (the folder holding src/ and models/, in the sources or in dist/). */
const PACKAGE_ROOT = new URL('../../', import.meta.url).href;

/** A module of surgesim itself as its path from the package root without extension, or null. */
function packagePath(url: string): string | null {
  if (!url.startsWith(PACKAGE_ROOT)) return null;
  const rest = url.slice(PACKAGE_ROOT.length);
  return /^(src|models)\/[\w/.-]+\.(ts|js)$/.test(rest) && !rest.includes('..')
    ? rest.replace(/\.(ts|js)$/, '')
    : null;
}

type Source =
  | { readonly kind: 'spec' }
  | { readonly kind: 'module'; readonly moduleUrl: string; readonly exportName: string | null };

/** The campaign module's URL here, in the sources or the build: a scenario from it travels as a spec. */
const CAMPAIGN_MODULES = ['ts', 'js'].map(
  (ext) => new URL(`../../models/campaign/scenario.${ext}`, import.meta.url).href,
);

function sourceOf(
  options: { readonly module?: string | URL | undefined; readonly exportName?: string | undefined },
  path: string,
): Source {
  const { module, exportName } = options;
  if (exportName !== undefined) nonEmptyString(exportName, `${path}.exportName`);
  if (module === undefined) return { kind: 'spec' };
  let url: URL;
  if (module instanceof URL) url = module;
  else if (typeof module === 'string' && module !== '')
    url = /^[a-z][a-z0-9+.-]+:/i.test(module) ? new URL(module) : pathToFileURL(resolve(module));
  else throw new ParameterError(`${path}.module`, 'the scenario module, a file: URL or a file path', module);
  if (url.protocol !== 'file:')
    throw new ParameterError(`${path}.module`, 'a file: URL or a file path', url.href);
  const file = fileURLToPath(url);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ParameterError(`${path}.module`, 'an existing module file', url.href);
  // The package's own campaign module: the spec travels, so workers use their own copy of it.
  if (CAMPAIGN_MODULES.includes(url.href) && exportName === 'campaignScenario') return { kind: 'spec' };
  return { kind: 'module', moduleUrl: url.href, exportName: exportName ?? null };
}

function taskOf(
  scenario: Scenario<unknown, unknown>,
  plan: ScenarioRunPlan<unknown>,
  source: Source,
  from: number,
  to: number,
  keepRuns: boolean,
): RemoteTask {
  const common = {
    ids: plan.ids,
    name: scenario.name,
    parameters: plan.parameters,
    seed: plan.seed,
    from,
    to,
    keepRuns,
  };
  return source.kind === 'spec'
    ? { ...common, kind: 'spec' }
    : { ...common, kind: 'module', moduleUrl: source.moduleUrl, exportName: source.exportName };
}

function rowOf(
  scenario: Scenario<unknown, unknown>,
  plan: ScenarioRunPlan<unknown>,
  i: number,
  keepRuns: boolean,
): ScenarioRow {
  const { values, output } = runScenarioReplication(scenario, plan.parameters, plan.seed, i);
  return keepRuns ? { values, output } : { values };
}

/**
 * The worker side (Node only; `surgesim worker --redis URL`): a process that serves every run in
 * progress under a prefix, computing its jobs on this machine's cores.
 *
 * **Finding runs.** Each run has a queue of its own (`<prefix>:run-<id>:*`), listed in the sorted
 * set `<prefix>:runs` while it lasts, with its submitter's last heartbeat as score. A run whose
 * submitter stopped renewing it for 30 s (`ABANDONED_AFTER_MS`) is removed, keys and all, by the
 * first worker that sees it. The worker reads that set when it starts, on every announcement on
 * the channel of the same name, and every {@link REGISTRY_POLL_MS} in case an announcement was
 * missed (e.g. across a Redis restart). For each listed run it opens a BullMQ `Worker`; when the run
 * leaves the set, it closes it without waiting for jobs in hand (the submitter no longer wants them).
 *
 * **Cores.** A job's replications run on the one parallel scheduler's thread pool
 * (`src/experiment/workerPool.ts`), with `concurrency` threads, and each run's BullMQ `Worker` takes up
 * to `concurrency` jobs at a time. The process's main thread only talks to Redis, so it renews its
 * job locks on time however long a replication takes.
 *
 * **Stalls.** A worker that dies (SIGKILL, a lost machine) stops renewing the locks of its jobs; after
 * `stallTimeoutMs` (BullMQ's `lockDuration`) the other workers' stalled-job check (every half of it)
 * puts those jobs back in the queue for another worker. A job that stalls more than
 * {@link MAX_STALLS} times (it kills every worker that takes it, e.g. by running out of memory)
 * fails the run instead.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ParallelTask } from '../experiment/parallel-worker.js';
import { ReplicationError } from '../experiment/replicate.js';
import { failureOf } from '../experiment/workerFailure.js';
import { idleCores } from '../experiment/workerModules.js';
import { type LoadFailure, WorkerPool } from '../experiment/workerPool.js';
import { ParameterError } from '../kernel/errors.js';
import { integer } from '../kernel/validate.js';
import { connect, ready, redisPrefix, redisUrl, safeUrl } from './connection.js';
import {
  ABANDONED_AFTER_MS,
  decode,
  encode,
  type JobAnswer,
  type JobData,
  MAX_STALLS,
  type RemoteTask,
  redisNow,
  registryKey,
  runQueueName,
  versionRefusal,
  workerName,
} from './protocol.js';
import { deleteMatching } from './submit.js';

/**
 * How often a worker rereads the set of runs in progress, besides the announcements (ms).
 *
 * @internal
 * @example
 * ```ts
 * REGISTRY_POLL_MS; // 2000
 * ```
 */
export const REGISTRY_POLL_MS = 2000;

/**
 * Options of {@link startWorker}.
 *
 * @example
 * ```ts
 * const o: RedisWorkerOptions = { redis: 'redis://10.0.0.5:6379', concurrency: 8 };
 * ```
 */
export interface RedisWorkerOptions {
  /** The Redis URL, `redis://host:port[/db]` (`rediss://` for TLS). */
  readonly redis: string;
  /** Key prefix shared with the submitters; default `surgesim`. */
  readonly prefix?: string;
  /** Threads running replications, and jobs taken at a time; default one per idle core. */
  readonly concurrency?: number;
  /**
   * After how long without a lock renewal a job is taken from a worker that stopped (ms): BullMQ's
   * `lockDuration`; the stalled-job check runs every half of it. Default 10 000.
   */
  readonly stallTimeoutMs?: number;
  /** How long to wait for Redis at start (ms); default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Where to write one line per event (a run joined or left, a refused job, a Redis error). */
  readonly log?: (line: string) => void;
}

/**
 * A started worker.
 *
 * @example
 * ```ts
 * const worker = await startWorker({ redis: 'redis://127.0.0.1:6379' });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 */
export interface RunningWorker {
  /** Threads running replications (and jobs taken at a time per run). */
  readonly concurrency: number;
  /** Jobs completed so far (refusals and model failures included). */
  readonly completed: () => number;
  /** Runs being served now. */
  readonly runs: () => readonly string[];
  /**
   * Stop taking jobs and disconnect. `force`: abandon jobs in hand (Redis gives them to another
   * worker after the stall timeout); otherwise wait for them to finish.
   */
  readonly close: (force?: boolean) => Promise<void>;
}

/**
 * Start a worker: serve every run in progress under the prefix until closed.
 *
 * @throws {@link surgesim!ParameterError} for a bad option; `RedisUnavailableError` when Redis cannot be
 *   reached within `connectTimeoutMs`.
 * @example
 * ```ts
 * import { startWorker } from 'surgesim/distributed';
 * const worker = await startWorker({ redis: 'redis://127.0.0.1:6379', concurrency: 2 });
 * ```
 */
export async function startWorker(options: RedisWorkerOptions): Promise<RunningWorker> {
  const url = redisUrl(options.redis, 'options.redis');
  const prefix = redisPrefix(options.prefix, 'options.prefix');
  const concurrency =
    options.concurrency === undefined ? idleCores() : integer(options.concurrency, 'options.concurrency', 1);
  const stallTimeoutMs =
    options.stallTimeoutMs === undefined
      ? 10_000
      : integer(options.stallTimeoutMs, 'options.stallTimeoutMs', 1000);
  const log = options.log ?? (() => {});
  // A worker waits for jobs: its threads import what spec jobs and staffing searches run while it
  // waits, so that a run's first job does not pay for it.
  const pool = new WorkerPool(concurrency, [
    packageModule('models/campaign/scenario'),
    packageModule('src/cli/specRuns'),
  ]);
  const redis = connect(url);
  const subscriber = connect(url);
  const quietErrors = new ErrorLog(log);
  redis.on('error', (e) => quietErrors.note(e));
  subscriber.on('error', (e) => quietErrors.note(e));
  try {
    await ready(redis, url, options.connectTimeoutMs ?? 10_000);
    await pool.start();
  } catch (e) {
    redis.disconnect();
    subscriber.disconnect();
    await pool.close();
    throw e;
  }
  const workers = new Map<string, Worker>();
  let completed = 0;
  let closing = false;

  const open = (runId: string): Worker => {
    const worker = new Worker(
      runQueueName(runId),
      async (job: Job<JobData>) => {
        const answer = await runJob(pool, job.data);
        completed++;
        if (!answer.ok && answer.failure.kind !== 'model' && answer.failure.kind !== 'parameter')
          log(`run ${runId}: refused job ${job.id}: ${(answer.failure as { message: string }).message}`);
        return encode(answer);
      },
      {
        connection: redis,
        prefix,
        name: workerName(),
        concurrency,
        lockDuration: stallTimeoutMs,
        stalledInterval: Math.round(stallTimeoutMs / 2),
        maxStalledCount: MAX_STALLS,
      },
    );
    worker.on('error', (e) => quietErrors.note(e));
    log(`run ${runId}: serving`);
    return worker;
  };
  const sync = async (): Promise<void> => {
    if (closing) return;
    let ids: string[];
    try {
      const now = await redisNow(redis);
      ids = await redis.zrangebyscore(registryKey(prefix), now - ABANDONED_AFTER_MS, '+inf');
      for (const id of await redis.zrangebyscore(registryKey(prefix), '-inf', `(${now - ABANDONED_AFTER_MS}`))
        if ((await redis.zrem(registryKey(prefix), id)) === 1) await removeAbandoned(redis, prefix, id, log);
    } catch (e) {
      quietErrors.note(e as Error);
      return;
    }
    if (closing) return;
    for (const id of ids) if (!workers.has(id) && /^[0-9a-f-]{36}$/.test(id)) workers.set(id, open(id));
    for (const [id, worker] of workers)
      if (!ids.includes(id)) {
        workers.delete(id);
        // The run is over (finished, failed or abandoned): nobody will read what is still in hand.
        void worker.close(true).catch((e: unknown) => quietErrors.note(e as Error));
        log(`run ${id}: done`);
      }
  };
  // One sync at a time; a request during one runs once more after it.
  let syncing: Promise<void> | null = null;
  let again = false;
  const requestSync = (): void => {
    if (syncing !== null) {
      again = true;
      return;
    }
    syncing = sync().finally(() => {
      syncing = null;
      if (again) {
        again = false;
        requestSync();
      }
    });
  };
  subscriber.on('message', () => requestSync());
  subscriber.on('ready', () => requestSync());
  await subscriber.subscribe(registryKey(prefix));
  requestSync();
  const poll = setInterval(requestSync, REGISTRY_POLL_MS);
  log(`surgesim worker ${workerName()}: ${concurrency} thread(s), serving ${safeUrl(url)} prefix ${prefix}`);

  return {
    concurrency,
    completed: () => completed,
    runs: () => [...workers.keys()],
    close: async (force = false) => {
      if (closing) return;
      closing = true;
      clearInterval(poll);
      await syncing;
      await Promise.allSettled([...workers.values()].map((w) => w.close(force)));
      workers.clear();
      await pool.close();
      subscriber.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Remove a run whose submitter stopped renewing it (killed, machine lost): nobody will collect its
 * answers, so its queue and keys go (the worker that took it off the registry does this once).
 */
async function removeAbandoned(
  redis: Redis,
  prefix: string,
  runId: string,
  log: (line: string) => void,
): Promise<void> {
  const queue = new Queue(runQueueName(runId), { connection: redis, prefix });
  queue.on('error', () => {});
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
  await deleteMatching(redis, `${prefix}:${runQueueName(runId)}:*`);
  log(`run ${runId}: abandoned by its submitter; its keys are removed`);
}

/** A load failure of the thread pool, kept apart from a model's failure. */
class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.message);
  }
}

/**
 * A module of this surgesim by its path from the package root (no extension): the TypeScript source
 * when running from the sources, the compiled JavaScript otherwise.
 *
 * @internal
 * @example
 * ```ts
 * packageModule('models/campaign/scenario'); // file:///…/models/campaign/scenario.ts
 * ```
 */
export function packageModule(path: string): string {
  const ts = new URL(`../../${path}.ts`, import.meta.url);
  return existsSync(fileURLToPath(ts)) ? ts.href : new URL(`../../${path}.js`, import.meta.url).href;
}

/** The thread runner's task for a job's task. */
function parallelTask(task: RemoteTask): Exclude<ParallelTask, { kind: 'load' }> {
  if (task.kind === 'model')
    return {
      kind: 'model',
      moduleUrl: 'url' in task.module ? task.module.url : packageModule(task.module.packagePath),
      exportName: task.exportName,
      params: task.params,
      seed: task.seed,
      from: task.from,
      to: task.to,
    };
  return {
    kind: 'scenario',
    moduleUrl: task.kind === 'spec' ? packageModule('models/campaign/scenario') : task.moduleUrl,
    exportName: task.kind === 'spec' ? 'campaignScenario' : task.exportName,
    name: task.name,
    ids: task.ids,
    parameters: task.parameters,
    seed: task.seed,
    from: task.from,
    to: task.to,
    keepRuns: task.keepRuns,
  };
}

/**
 * Run one job on the thread pool and say how it went, as data.
 *
 * @internal
 * @example
 * ```ts
 * const answer = await runJob(pool, job.data);
 * ```
 */
export async function runJob(pool: WorkerPool, data: JobData): Promise<JobAnswer> {
  const worker = workerName();
  const refused = versionRefusal(data?.version);
  if (refused !== null) return { ok: false, worker, failure: refused };
  let task: RemoteTask;
  try {
    task = decode(data.task) as RemoteTask;
  } catch (e) {
    return {
      ok: false,
      worker,
      failure: { ok: false, kind: 'crash', message: `unreadable job: ${(e as Error).message}` },
    };
  }
  const base = parallelTask(task);
  try {
    const outputs = await pool.run<unknown>(task.from, task.to, {
      task: (from, to) => ({ ...base, from, to }),
      local: null,
      loadError: (failure) => new LoadError(failure),
    });
    return { ok: true, worker, outputs };
  } catch (e) {
    if (e instanceof LoadError) {
      const { kind, message } = e.failure;
      return {
        ok: false,
        worker,
        failure:
          task.kind === 'spec'
            ? {
                ok: false,
                kind: 'spec',
                message: `worker ${worker} cannot read the spec: ${message.replace(/^export '\w+' made no scenario of the parameters: /, '')}`,
              }
            : { ok: false, kind, message: `worker ${worker}: ${message} (${base.moduleUrl})` },
      };
    }
    if (e instanceof ParameterError || e instanceof ReplicationError)
      return { ok: false, worker, failure: failureOf(e) };
    return {
      ok: false,
      worker,
      failure: {
        ok: false,
        kind: 'crash',
        message: `worker ${worker}: ${(e as Error)?.message ?? String(e)}`,
      },
    };
  }
}

/** Redis errors (mostly the same one, many times, while Redis restarts), logged once a minute per message. */
class ErrorLog {
  readonly #last = new Map<string, number>();
  constructor(readonly log: (line: string) => void) {}
  note(e: Error): void {
    const now = Date.now();
    const message = e?.message ?? String(e);
    if ((this.#last.get(message) ?? -Infinity) > now - 60_000) return;
    this.#last.set(message, now);
    this.log(`redis: ${message}`);
  }
}

/**
 * The submitter's side of one run on the queue (Node only): put the jobs on a queue of the run's own,
 * collect the answers keyed by job, survive a Redis restart, and leave nothing behind.
 *
 * - **Own queue.** A run gets a random id and the queue `<prefix>:run-<id>`, listed in
 *   `<prefix>:runs` (and announced on the channel of that name) while it lasts, so workers find it and
 *   two runs — two users — never share a key.
 * - **Counted once.** Answers arrive as BullMQ `completed` events (read from the queue's event
 *   stream from its start, so none is missed); a job answered twice (a worker thought dead that
 *   finished after all, a job re-added after a restart) is taken once, and both answers are the same
 *   bytes anyway.
 * - **Redis restarts.** When the connection comes back after a loss, the run is listed again and
 *   every job not yet answered is added again under the same job id (BullMQ ignores an id it still
 *   has, so with persistence on nothing runs twice; with it off, the lost jobs run again). A loss
 *   longer than `redisTimeoutMs` fails the run, saying how much was done. As a safety net, a run that
 *   hears nothing for a while checks that its unanswered jobs are still queued and re-adds any that
 *   are not.
 * - **Failures.** A worker's answer may be a failure (a model error with its replication, seed, time
 *   and entity; a refused version or spec): the run fails at once with it. A job BullMQ itself fails
 *   (it lost its worker too many times) fails the run too. Nothing hangs: the run ends when every
 *   job is answered or the first failure arrives.
 * - **Cleanliness.** At the end, success or not, the run leaves the list, its queue is obliterated
 *   (jobs, events, metadata) and any key left under its name is deleted.
 *
 * @internal
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { errorOf, type WorkerFailure } from '../experiment/workerFailure.js';
import { ParameterError, SurgesimError } from '../kernel/errors.js';
import { version } from '../version.js';
import { connect, RedisUnavailableError, ready, safeUrl } from './connection.js';
import {
  decode,
  encode,
  HEARTBEAT_MS,
  type JobAnswer,
  type JobData,
  MAX_STALLS,
  type Refusal,
  type RemoteTask,
  redisNow,
  registryKey,
  runQueueName,
} from './protocol.js';

/**
 * Where and how a run talks to Redis.
 *
 * @internal
 * @example
 * ```ts
 * const q: QueueSettings = { url: 'redis://127.0.0.1:6379', prefix: 'surgesim', redisTimeoutMs: 60_000, note: () => {} };
 * ```
 */
export interface QueueSettings {
  readonly url: string;
  readonly prefix: string;
  /** How long Redis may be unreachable before the run fails (ms). */
  readonly redisTimeoutMs: number;
  /** Notes for the user (no worker yet, Redis lost and back). */
  readonly note: (text: string) => void;
}

/**
 * One job of a run: a request's range of replications.
 *
 * @internal
 * @example
 * ```ts
 * const job: QueueJob = { request: 0, task };
 * ```
 */
export interface QueueJob {
  readonly request: number;
  readonly task: RemoteTask;
}

/**
 * A worker refused a job (another surgesim version, a spec or module it cannot read), or the queue
 * failed one (it lost its worker too many times): the run cannot complete as asked.
 *
 * @example
 * ```ts
 * try { await runner.runScenario(scenario, options); } catch (e) { if (e instanceof RemoteRunError) console.error(e.message); }
 * ```
 */
export class RemoteRunError extends SurgesimError {
  override name = 'RemoteRunError';
}

/** A run waits this long without any answer before it checks that its jobs are still queued. */
const QUIET_CHECK_MS = 15_000;
/** … and tells the user when no worker serves it after this long. */
const NO_WORKER_NOTE_MS = 10_000;

/**
 * Run `jobs` on a new queue and hand each answer's outputs to `accept` (once per job, in the order
 * they arrive); resolves when every job is answered. `onQueued` is called once the jobs are on the
 * queue (not for an empty list, which resolves at once).
 *
 * @internal
 * @throws the first failure a worker reports (rebuilt as the serial run's `ReplicationError` or
 *   `ParameterError`, naming the worker), {@link RemoteRunError} for a refusal or a failed job,
 *   `RedisUnavailableError` when Redis is lost for longer than allowed.
 * @example
 * ```ts
 * await runJobs(settings, jobs, (k, outputs) => keep(k, outputs));
 * ```
 */
export async function runJobs(
  settings: QueueSettings,
  jobs: readonly QueueJob[],
  accept: (job: number, outputs: unknown[]) => void,
  onQueued: () => void = () => {},
): Promise<void> {
  if (jobs.length === 0) return;
  const { url, prefix, note } = settings;
  const client = connect(url);
  let lastError = '';
  client.on('error', (e: Error) => {
    lastError = e.message;
  });
  try {
    await ready(client, url, Math.min(settings.redisTimeoutMs, 10_000));
  } catch (e) {
    client.disconnect();
    throw e;
  }
  const runId = randomUUID();
  const name = runQueueName(runId);
  const registry = registryKey(prefix);
  const queue = new Queue(name, {
    connection: client,
    prefix,
    // Every job's events fit in the stream, so a submitter that falls behind never misses one.
    streams: { events: { maxLen: Math.max(10_000, jobs.length * 10) } },
  });
  queue.on('error', () => {});
  const events = new QueueEvents(name, { connection: client, prefix, lastEventId: '0-0' });
  events.on('error', () => {});
  const answered = new Array<boolean>(jobs.length).fill(false);
  let left = jobs.length;
  let lastAnswer = Date.now();
  const started = Date.now();
  let timers: NodeJS.Timeout[] = [];
  let removeSignals = () => {};
  try {
    await events.waitUntilReady();
    const add = async (which: readonly number[]): Promise<void> => {
      await client.zadd(registry, await redisNow(client), runId);
      await queue.addBulk(
        which.map((k) => ({
          name: 'replications',
          data: { version, request: jobs[k]!.request, task: encode(jobs[k]!.task) } satisfies JobData,
          opts: { jobId: `j${k}`, removeOnComplete: true, removeOnFail: true },
        })),
      );
      await client.publish(registry, runId);
    };
    const unanswered = () => answered.flatMap((done, k) => (done ? [] : [k]));
    await new Promise<void>((resolve, reject) => {
      let finished = false;
      const finish = (error?: Error) => {
        if (finished) return;
        finished = true;
        if (error === undefined) resolve();
        else reject(error);
      };
      events.on('completed', ({ jobId, returnvalue }) => {
        const k = jobIndex(jobId);
        if (finished || !Number.isInteger(k) || answered[k] !== false) return;
        let answer: JobAnswer;
        try {
          answer = decode(returnvalue as unknown as string) as JobAnswer;
        } catch (e) {
          finish(new RemoteRunError(`job ${k}: an answer that does not parse (${(e as Error).message})`));
          return;
        }
        if (!answer.ok) {
          finish(failureError(answer.failure, answer.worker));
          return;
        }
        answered[k] = true;
        left--;
        lastAnswer = Date.now();
        try {
          accept(k, answer.outputs);
        } catch (e) {
          finish(e as Error);
          return;
        }
        if (left === 0) finish();
      });
      events.on('failed', ({ jobId, failedReason }) => {
        const k = jobIndex(jobId);
        if (finished || !Number.isInteger(k) || answered[k] !== false) return;
        const t = jobs[k]!.task;
        finish(
          new RemoteRunError(
            `replications ${t.from}–${t.to - 1} of ${t.kind === 'model' ? t.exportName : t.name} failed on the queue: ${failedReason} (a job is given up after its workers stopped ${MAX_STALLS} times: see docs/distributed.md)`,
          ),
        );
      });
      // Redis lost: fail after the allowed time; back: list the run again and re-add what is missing.
      let lostAt: number | null = null;
      client.on('close', () => {
        if (lostAt !== null || finished) return;
        lostAt = Date.now();
        note(
          `lost Redis at ${safeUrl(url)}; waiting up to ${settings.redisTimeoutMs / 1000} s for it to come back`,
        );
        const timer = setTimeout(() => {
          if (lostAt === null) return;
          finish(
            new RedisUnavailableError(
              `lost Redis at ${safeUrl(url)} for more than ${settings.redisTimeoutMs / 1000} s${lastError ? ` (${lastError})` : ''}: ${jobs.length - left} of ${jobs.length} jobs were done; nothing was printed`,
            ),
          );
        }, settings.redisTimeoutMs);
        timers.push(timer);
      });
      client.on('ready', () => {
        if (lostAt === null || finished) return;
        lostAt = null;
        note(`Redis is back: re-adding the ${left} unanswered job(s)`);
        add(unanswered()).catch((e: unknown) => note(`re-adding jobs failed: ${(e as Error).message}`));
      });
      // The heartbeat: workers take a run not renewed for a while as abandoned and remove it.
      timers.push(
        setInterval(() => {
          if (finished || lostAt !== null) return;
          redisNow(client)
            .then((now) => client.zadd(registry, 'XX', now, runId))
            .catch(() => {});
        }, HEARTBEAT_MS),
      );
      // Interrupted (Ctrl-C, SIGTERM): stop and clean up before the process ends.
      const interrupted = (signal: NodeJS.Signals) =>
        finish(new RemoteRunError(`interrupted (${signal}): the run was removed from the queue`));
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      removeSignals = () => {
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
      };
      // The safety net: quiet for a while, and nothing queued for the unanswered jobs.
      let noted = false;
      timers.push(
        setInterval(() => {
          if (finished || lostAt !== null) return;
          const quiet = Date.now() - lastAnswer;
          if (!noted && left === jobs.length && Date.now() - started > NO_WORKER_NOTE_MS) {
            noted = true;
            queue
              .getWorkersCount()
              .then((n) => {
                if (n === 0 && left === jobs.length)
                  note(
                    `no worker is serving this run yet: start one with 'surgesim worker --redis ${safeUrl(url)}'${prefix === 'surgesim' ? '' : ` --prefix ${prefix}`}`,
                  );
              })
              .catch(() => {});
          }
          if (quiet < QUIET_CHECK_MS) return;
          lastAnswer = Date.now();
          queue
            .getJobCounts('waiting', 'active', 'delayed', 'prioritized')
            .then(async (counts) => {
              const queued = Object.values(counts).reduce((a, b) => a + b, 0);
              if (queued === 0 && left > 0 && !finished) await add(unanswered());
            })
            .catch(() => {});
        }, 1000),
      );
      add(jobs.map((_, k) => k)).then(onQueued, (e: unknown) => finish(e as Error));
    });
  } finally {
    for (const t of timers) clearTimeout(t);
    timers = [];
    await cleanUp(client, queue, events, registry, runId, prefix, name);
    removeSignals();
  }
}

/** Job k's id is `j<k>` (BullMQ refuses integer ids); -1 for anything else. */
function jobIndex(jobId: string): number {
  return /^j\d+$/.test(jobId) ? Number(jobId.slice(1)) : -1;
}

/** The error a worker's failure answer stands for. */
function failureError(failure: WorkerFailure | Refusal, worker: string): Error {
  if (failure.kind === 'parameter' || failure.kind === 'model') {
    const e = errorOf(failure);
    if (e instanceof ParameterError) return e;
    e.message += ` [on worker ${worker}]`;
    return e;
  }
  return new RemoteRunError(failure.message);
}

/**
 * Take the run off the list, let the workers close their side, obliterate the queue and delete any
 * key left under its name; bounded in time (Redis may be gone, which is why the run failed).
 */
async function cleanUp(
  client: ReturnType<typeof connect>,
  queue: Queue,
  events: QueueEvents,
  registry: string,
  runId: string,
  prefix: string,
  name: string,
): Promise<void> {
  if (client.status !== 'ready') {
    // Redis is gone (which is why the run failed): nothing to remove there, nothing to wait for.
    void events.close().catch(() => {});
    void queue.close().catch(() => {});
    client.disconnect();
    return;
  }
  const work = (async () => {
    await events.close().catch(() => {});
    await client.zrem(registry, runId);
    await client.publish(registry, runId);
    // Workers close their BullMQ worker on the announcement; wait briefly so none recreates a key.
    for (let i = 0; i < 30; i++) {
      const n = await queue.getWorkersCount().catch(() => 0);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await queue.obliterate({ force: true });
    await deleteMatching(client, `${prefix}:${name}:*`);
  })();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
  await Promise.race([work.catch(() => {}), timeout]);
  await queue.close().catch(() => {});
  await client.quit().catch(() => client.disconnect());
}

/**
 * Delete every key matching `pattern` (SCAN, so a large Redis is not blocked).
 *
 * @internal
 * @example
 * ```ts
 * await deleteMatching(client, 'surgesim:run-0b5e…:*');
 * ```
 */
export async function deleteMatching(client: ReturnType<typeof connect>, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

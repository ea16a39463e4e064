/**
 * What travels through Redis between a submitter (`surgesim run|compare|sweep --redis`, a
 * {@link RedisRunner}) and the workers (`surgesim worker`): the job's data, the answer a worker
 * returns, the key names, and the version check.
 *
 * A job is data only — the spec (or the URL of a scenario module every worker can import), the
 * resolved parameters, the base seed and a range of replications — so any worker of the same surgesim
 * version computes exactly the values the submitter's own thread would. Failures come back as data
 * too (an answer, not a thrown error): a model's failure is deterministic, so retrying it elsewhere
 * would only fail again; only a worker that disappears (killed, lost) has its job retried.
 *
 * @internal
 * @module
 */
import { hostname } from 'node:os';
import type { WorkerFailure } from '../experiment/workerFailure.js';
import { version } from '../version.js';

/**
 * What a job asks for: replications of a scenario or of an exported model.
 *
 * @internal
 * @example
 * ```ts
 * if (task.kind === 'model') console.log(task.exportName);
 * ```
 */
export type RemoteTask = RemoteScenarioTask | RemoteModelTask;

/**
 * Replications `from`–`to` of an exported model `(params, ctx) => plain data` (the thread runner's
 * `kind: 'model'` task), as a job carries them.
 *
 * @internal
 * @example
 * ```ts
 * const task: RemoteModelTask = { kind: 'model', module: { packagePath: 'src/cli/specRuns' }, exportName: 'specAreaTask', params, seed: 0, from: 0, to: 8 };
 * ```
 */
export interface RemoteModelTask {
  readonly kind: 'model';
  /** Where the model is: a URL every worker can import, or a module of surgesim itself (path from the package root, no extension), which each worker finds in its own copy. */
  readonly module: { readonly url: string } | { readonly packagePath: string };
  /** The model's export. */
  readonly exportName: string;
  /** Its parameters (plain data). */
  readonly params: unknown;
  /** Base seed; replication i draws from `replicationSeed(seed, i)`. */
  readonly seed: number;
  /** First replication (inclusive). */
  readonly from: number;
  /** Last replication (exclusive). */
  readonly to: number;
}

/**
 * Replications `from`–`to` (exclusive) of one scenario, as a job carries them.
 *
 * @internal
 * @example
 * ```ts
 * const task: RemoteScenarioTask = { kind: 'spec', name: 'qingxu-2022-04-13', ids, parameters: spec, seed: 1, from: 0, to: 4, keepRuns: false };
 * ```
 */
export type RemoteScenarioTask = {
  /** Figure ids then metric ids, as the submitter reads them. */
  readonly ids: readonly string[];
  /** The scenario's name (checked against what the worker loads). */
  readonly name: string;
  /** The resolved parameters (for a spec: the spec with every override merged). */
  readonly parameters: unknown;
  /** Base seed; replication i draws from `replicationSeed(seed, i)`. */
  readonly seed: number;
  /** First replication (inclusive). */
  readonly from: number;
  /** Last replication (exclusive). */
  readonly to: number;
  /** Return each replication's whole result too (for report charts). */
  readonly keepRuns: boolean;
} & (
  | {
      /** A campaign spec: the worker builds the scenario from `parameters` with its own surgesim. */
      readonly kind: 'spec';
    }
  | {
      /** A scenario module: every worker must be able to import this URL. */
      readonly kind: 'module';
      /** The module's URL. */
      readonly moduleUrl: string;
      /** The export holding the scenario; null: `scenario`, else the default export. */
      readonly exportName: string | null;
    }
);

/**
 * A job's data.
 *
 * @internal
 * @example
 * ```ts
 * const data: JobData = { version, request: 0, task: encode(task) };
 * ```
 */
export interface JobData {
  /** The submitter's surgesim version; a worker of another version refuses the job. */
  readonly version: string;
  /** Which request of the run (a sweep point, a side of a comparison). */
  readonly request: number;
  /** The replications to run: a {@link RemoteTask}, {@link encode}d. */
  readonly task: string;
}

/**
 * Why a worker could not run a job, beyond a model's own failure: another version, a spec it cannot
 * read, a module it cannot load or that lacks the scenario, or something unexpected.
 *
 * @internal
 * @example
 * ```ts
 * const r: Refusal = { ok: false, kind: 'version', message: 'worker runs surgesim 0.2.0' };
 * ```
 */
export interface Refusal {
  readonly ok: false;
  readonly kind: 'version' | 'spec' | 'module' | 'export' | 'crash';
  readonly message: string;
}

/**
 * What a worker returns for a job (the BullMQ return value, {@link encode}d): the outputs in
 * replication order, or a failure, with the worker's name.
 *
 * @internal
 * @example
 * ```ts
 * if (!answer.ok) console.error(`${answer.worker}: ${answer.failure.kind}`);
 * ```
 */
export type JobAnswer =
  | { readonly ok: true; readonly worker: string; readonly outputs: unknown[] }
  | { readonly ok: false; readonly worker: string; readonly failure: WorkerFailure | Refusal };

/**
 * How many times a job may lose its worker (the worker stopped renewing its lock: killed, machine
 * lost) before it fails the run: a job that kills every worker taking it (e.g. out of memory) must
 * not go round for ever.
 *
 * @internal
 * @example
 * ```ts
 * MAX_STALLS; // 3
 * ```
 */
export const MAX_STALLS = 3;

/**
 * The queue of one run: its own name under the prefix, so its keys are `<prefix>:run-<id>:*` and
 * nothing of one run is shared with another.
 *
 * @internal
 * @example
 * ```ts
 * runQueueName('0b5e…'); // 'run-0b5e…'
 * ```
 */
export function runQueueName(runId: string): string {
  return `run-${runId}`;
}

/**
 * The runs in progress under a prefix (and the channel announcing changes to it): how workers find
 * the queues to serve. A sorted set: each run's score is the Redis time (ms) of its submitter's last
 * heartbeat, so a run whose submitter died (killed, machine lost) is recognised and removed.
 *
 * @internal
 * @example
 * ```ts
 * registryKey('surgesim'); // 'surgesim:runs'
 * ```
 */
export function registryKey(prefix: string): string {
  return `${prefix}:runs`;
}

/**
 * How often a submitter renews its run's entry in the registry (ms).
 *
 * @internal
 * @example
 * ```ts
 * HEARTBEAT_MS; // 5000
 * ```
 */
export const HEARTBEAT_MS = 5000;

/**
 * A run whose entry was not renewed for this long (ms) is abandoned: its submitter is gone, and the
 * first worker to see it removes its queue and keys.
 *
 * @internal
 * @example
 * ```ts
 * ABANDONED_AFTER_MS; // 30000
 * ```
 */
export const ABANDONED_AFTER_MS = 30_000;

/**
 * Redis's own clock in ms, so that every machine's heartbeats and checks use one clock.
 *
 * @internal
 * @example
 * ```ts
 * const now = await redisNow(client);
 * ```
 */
export async function redisNow(client: { time(): Promise<(string | number)[]> }): Promise<number> {
  const [seconds, micros] = await client.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/**
 * This process as a worker names itself in answers and in Redis's client list: host and pid.
 *
 * @internal
 * @example
 * ```ts
 * workerName(); // 'node-3:41207'
 * ```
 */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * The refusal for a job submitted by another surgesim version, or null when the versions agree.
 * Results carry the version that produced them, and a replication's bytes may change between
 * versions, so a run is computed by one version only.
 *
 * @internal
 * @example
 * ```ts
 * versionRefusal('0.0.9'); // { ok: false, kind: 'version', message: '…' }
 * ```
 */
export function versionRefusal(submitted: unknown): Refusal | null {
  if (submitted === version) return null;
  return {
    ok: false,
    kind: 'version',
    message: `worker ${workerName()} runs surgesim ${version}, but the run was submitted by surgesim ${String(submitted)}: start workers of the submitter's version (a result is computed by one version only)`,
  };
}

/**
 * Job data and answers as text. JSON alone would turn `Infinity`, `-Infinity` and `NaN` into `null`
 * and `-0` into `0` (a parameter of `Infinity` servers, a figure that never happened), so those
 * travel tagged and come back as the same numbers a worker thread's structured clone would give.
 *
 * @internal
 * @example
 * ```ts
 * decode(encode({ servers: Infinity })); // { servers: Infinity }
 * ```
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? { $number: String(v === 0 ? '-0' : v) }
      : v,
  );
}

/**
 * The value {@link encode} wrote.
 *
 * @internal
 * @example
 * ```ts
 * decode('{"$number":"-0"}'); // -0
 * ```
 */
export function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$number') return Number((v as { $number: string }).$number);
    }
    return v;
  });
}

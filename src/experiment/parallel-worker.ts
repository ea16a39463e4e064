/**
 * The worker side of the parallel runner (Node only): imports the user's module by URL, once per
 * thread, and runs a range of replications with exactly the code the serial runners use
 * ({@link runReplication} for an exported model, {@link runScenarioReplication} for a scenario), so
 * each replication's output is the same bit for bit whichever thread runs it.
 *
 * Failures are returned as data, not thrown: an error crossing a thread boundary loses its class and
 * fields, and the main thread needs them to rebuild a proper `ParameterError` or `ReplicationError`
 * (see `workerFailure.ts`).
 *
 * @module
 */
import { workerData } from 'node:worker_threads';
import { runReplication } from './replicate.js';
import { checkScenario, type Scenario } from './scenario.js';
import { runScenarioReplication } from './scenarioRun.js';
import { failureOf, type WorkerFailure } from './workerFailure.js';
import { importOnce } from './workerModules.js';

// The pool's preload modules (see WorkerPool): imported before this thread takes its first task.
// A failure is kept by importOnce and reported by the first task that uses the module.
const preload = (workerData as { preload?: readonly string[] } | null)?.preload ?? [];
await Promise.all(preload.map((url) => importOnce(url).catch(() => undefined)));

/**
 * A task for a worker: run replications `from` (inclusive) to `to` (exclusive) of an exported model
 * `(params, ctx) => plain data` (`kind: 'model'`), or of the scenario a module exports, which must be
 * the scenario the main thread summarises: same name, same figure and metric ids (`kind: 'scenario'`).
 *
 * @example
 * ```ts
 * const task: ParallelTask = { kind: 'model', moduleUrl, exportName: 'model', params, seed: 42, from: 0, to: 8 };
 * ```
 */
export type ParallelTask =
  /** Nothing to run: answered once the thread has started (see `WorkerPool.start`). */
  | { readonly kind: 'load' }
  | {
      readonly kind: 'model';
      readonly moduleUrl: string;
      readonly exportName: string;
      readonly params: unknown;
      readonly seed: number;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'scenario';
      readonly moduleUrl: string;
      /** The export holding the scenario; null: `scenario`, else the default export. */
      readonly exportName: string | null;
      readonly name: string;
      /** Figure ids then metric ids, as the main thread reads them. */
      readonly ids: readonly string[];
      readonly parameters: unknown;
      readonly seed: number;
      readonly from: number;
      readonly to: number;
      /** Send each replication's whole result back, not only its figure values (results can be large). */
      readonly keepRuns: boolean;
    };

/**
 * One scenario replication as a worker returns it: its figure values, and its result when the runs
 * are kept.
 *
 * @example
 * ```ts
 * const row: ScenarioRow<DayResult> = { values: [1200, null] };
 * ```
 */
export interface ScenarioRow<R = unknown> {
  /** The figure values, then the metric values, in the scenario's order. */
  readonly values: readonly (number | null)[];
  /** The replication's result, when the runs are kept. */
  readonly output?: R;
}

/**
 * What a task returns: the outputs in replication order (a model's outputs, or {@link ScenarioRow}s),
 * or a failure described as data.
 *
 * @example
 * ```ts
 * if (!answer.ok && answer.kind === 'export') console.error(answer.message);
 * ```
 */
export type ParallelAnswer =
  | { readonly ok: true; readonly outputs: unknown[] }
  | { readonly ok: false; readonly kind: 'module' | 'export'; readonly message: string }
  | WorkerFailure;

/** The task's model function from the loaded module, or why it is not there. */
function pickModel(
  mod: Record<string, unknown>,
  exportName: string,
): ((p: unknown, ctx: never) => unknown) | string {
  const fn = Object.hasOwn(mod, exportName) ? mod[exportName] : undefined;
  if (typeof fn === 'function') return fn as (p: unknown, ctx: never) => unknown;
  const found = fn === undefined ? 'no such export' : typeof fn;
  const functions = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
  return `${found}; functions exported: ${functions.join(', ') || 'none'}`;
}

/**
 * The task's scenario from the loaded module, or why it is not there. The export is a scenario, or a
 * function of the parameters that makes one (a scenario that is data, such as a campaign spec's: the
 * parameters are the spec, so the worker rebuilds the same scenario from them).
 */
function pickScenario(
  mod: Record<string, unknown>,
  task: Extract<ParallelTask, { kind: 'scenario' }>,
): Scenario<unknown, unknown> | string {
  const name = task.exportName ?? (mod.scenario !== undefined ? 'scenario' : 'default');
  const exported = Object.hasOwn(mod, name) ? mod[name] : undefined;
  if (exported === undefined)
    return `no export '${name}' (exports: ${Object.keys(mod).join(', ') || 'none'})`;
  let value: unknown = exported;
  if (typeof exported === 'function')
    try {
      value = (exported as (parameters: unknown) => unknown)(task.parameters);
    } catch (e) {
      return `export '${name}' made no scenario of the parameters: ${(e as Error).message}`;
    }
  try {
    checkScenario(value, `export '${name}'`);
  } catch (e) {
    return (e as Error).message;
  }
  const ids = [...value.figures, ...(value.metrics ?? [])].map((f) => f.id);
  if (value.name !== task.name || ids.join('\n') !== task.ids.join('\n'))
    return `export '${name}' is scenario '${value.name}' with figures [${ids.join(', ')}], not '${task.name}' with [${task.ids.join(', ')}]`;
  return value;
}

/** Replication `i` of the task, as the main thread collects it. */
function replicationOf(
  mod: Record<string, unknown>,
  task: Exclude<ParallelTask, { kind: 'load' }>,
): ((i: number) => unknown) | string {
  if (task.kind === 'model') {
    const model = pickModel(mod, task.exportName);
    if (typeof model === 'string') return model;
    return (i) =>
      runReplication((ctx) => model(task.params, ctx as never), task.seed, i, 'replicateParallel.model')
        .output;
  }
  const scenario = pickScenario(mod, task);
  if (typeof scenario === 'string') return scenario;
  return (i): ScenarioRow => {
    const { values, output } = runScenarioReplication(scenario, task.parameters, task.seed, i);
    return task.keepRuns ? { values, output } : { values };
  };
}

/**
 * Run one task (the worker's entry point; piscina calls the default export).
 *
 * @example
 * ```ts
 * const answer = await runTask({ kind: 'model', moduleUrl, exportName: 'model', params, seed: 1, from: 0, to: 4 });
 * ```
 */
export default async function runTask(task: ParallelTask): Promise<ParallelAnswer> {
  if (task.kind === 'load') return { ok: true, outputs: [] };
  let mod: Record<string, unknown>;
  try {
    mod = await importOnce(task.moduleUrl);
  } catch (e) {
    return { ok: false, kind: 'module', message: e instanceof Error ? e.message : String(e) };
  }
  const replication = replicationOf(mod, task);
  if (typeof replication === 'string') return { ok: false, kind: 'export', message: replication };
  const outputs: unknown[] = [];
  try {
    for (let i = task.from; i < task.to; i++) outputs.push(replication(i));
  } catch (e) {
    return failureOf(e);
  }
  return { ok: true, outputs };
}

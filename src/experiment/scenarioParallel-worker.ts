/**
 * The worker side of {@link runScenarioParallel} (Node only): imports the scenario module by URL,
 * once per thread, and runs a range of replications with exactly the code the serial runner uses
 * ({@link runScenarioReplication}), returning each replication's figure values (and its whole result
 * only when the caller keeps the runs, since results can be large to copy between threads).
 *
 * Failures come back as data, not thrown: an error crossing a thread boundary loses its class and
 * fields, and the main thread needs them to rebuild a `ParameterError` or `ReplicationError` (see `workerFailure.ts`).
 *
 * @module
 */
import { checkScenario, type Scenario } from './scenario.js';
import { runScenarioReplication } from './scenarioRun.js';
import { failureOf, type WorkerFailure } from './workerFailure.js';
import { importOnce } from './workerModules.js';

/**
 * A task: run replications `from` (inclusive) to `to` (exclusive) of the scenario exported by the
 * module, which must be the scenario the main thread summarises (same name, same figure ids).
 *
 * @example
 * ```ts
 * const task: ScenarioTask = {
 *   moduleUrl, exportName: null, name: 'desk', ids: ['finish'], parameters, seed: 7, from: 1, to: 2, keepRuns: false,
 * };
 * ```
 */
export interface ScenarioTask {
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
  readonly keepRuns: boolean;
}

/**
 * What a task returns: per replication its figure values (and result, when kept), or a failure.
 *
 * @example
 * ```ts
 * if (answer.ok) values.push(...answer.values);
 * ```
 */
export type ScenarioAnswer =
  | { readonly ok: true; readonly values: (number | null)[][]; readonly runs: unknown[] | null }
  | { readonly ok: false; readonly kind: 'module' | 'export'; readonly message: string }
  | WorkerFailure;

/** The task's scenario from the loaded module, or why it is not there. */
function pick(mod: Record<string, unknown>, task: ScenarioTask): Scenario<unknown, unknown> | string {
  const name = task.exportName ?? (mod.scenario !== undefined ? 'scenario' : 'default');
  const value = Object.hasOwn(mod, name) ? mod[name] : undefined;
  if (value === undefined) return `no export '${name}' (exports: ${Object.keys(mod).join(', ') || 'none'})`;
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

/**
 * Run one task (piscina calls the default export).
 *
 * @example
 * ```ts
 * const answer = await runScenarioTask(task);
 * ```
 */
export default async function runScenarioTask(task: ScenarioTask): Promise<ScenarioAnswer> {
  let mod: Record<string, unknown>;
  try {
    mod = await importOnce(task.moduleUrl);
  } catch (e) {
    return { ok: false, kind: 'module', message: e instanceof Error ? e.message : String(e) };
  }
  const scenario = pick(mod, task);
  if (typeof scenario === 'string') return { ok: false, kind: 'export', message: scenario };
  const values: (number | null)[][] = [];
  const runs: unknown[] = [];
  try {
    for (let i = task.from; i < task.to; i++) {
      const row = runScenarioReplication(scenario, task.parameters, task.seed, i);
      values.push(row.values);
      if (task.keepRuns) runs.push(row.output);
    }
  } catch (e) {
    return failureOf(e);
  }
  return { ok: true, values, runs: task.keepRuns ? runs : null };
}

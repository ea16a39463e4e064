/**
 * The worker side of {@link replicateParallel} (Node only): loads the model module by URL, once per
 * thread, and runs a range of replications with exactly the code the serial runner uses
 * ({@link runReplication}), so each replication's output is the same bit for bit whichever thread
 * runs it.
 *
 * Failures are returned as data, not thrown: an error crossing a thread boundary loses its class and
 * fields, and the main thread needs them to rebuild a proper `ParameterError` or `ReplicationError`
 * (see `workerFailure.ts`).
 *
 * A model written in TypeScript (`.ts`, `.mts`, `.cts`) is loaded through tsx's `tsImport`, because on
 * Node 20 tsx's loader hooks apply only to the main thread; tsx is then needed at run time (it is a
 * development dependency of surgesim, so a published install needs the model compiled to `.js`, or
 * tsx installed).
 *
 * @module
 */
import { runReplication } from './replicate.js';
import { failureOf, type WorkerFailure } from './workerFailure.js';
import { importOnce } from './workerModules.js';

/**
 * A task for the worker: either probe the module (does the export exist and is it a function?) or run
 * replications `from` (inclusive) to `to` (exclusive).
 *
 * @example
 * ```ts
 * const task: ParallelTask = { kind: 'run', moduleUrl, exportName: 'model', params, seed: 42, from: 0, to: 8 };
 * ```
 */
export type ParallelTask =
  | { readonly kind: 'probe'; readonly moduleUrl: string; readonly exportName: string }
  | {
      readonly kind: 'run';
      readonly moduleUrl: string;
      readonly exportName: string;
      readonly params: unknown;
      readonly seed: number;
      readonly from: number;
      readonly to: number;
    };

/**
 * What a task returns: the outputs in replication order, or a failure described as data.
 *
 * @example
 * ```ts
 * if (!answer.ok && answer.kind === 'export') console.error(answer.exports);
 * ```
 */
export type ParallelAnswer =
  | { readonly ok: true; readonly outputs: unknown[] }
  | { readonly ok: false; readonly kind: 'module'; readonly message: string }
  | { readonly ok: false; readonly kind: 'export'; readonly exports: string[]; readonly found: string }
  | WorkerFailure;

/**
 * Run one task (the worker's entry point; piscina calls the default export).
 *
 * @example
 * ```ts
 * const answer = await runTask({ kind: 'probe', moduleUrl, exportName: 'model' });
 * ```
 */
export default async function runTask(task: ParallelTask): Promise<ParallelAnswer> {
  let mod: Record<string, unknown>;
  try {
    mod = await importOnce(task.moduleUrl);
  } catch (e) {
    return { ok: false, kind: 'module', message: e instanceof Error ? e.message : String(e) };
  }
  const fn = Object.hasOwn(mod, task.exportName) ? mod[task.exportName] : undefined;
  if (typeof fn !== 'function')
    return {
      ok: false,
      kind: 'export',
      exports: Object.keys(mod).filter((k) => typeof mod[k] === 'function'),
      found: fn === undefined ? 'no such export' : typeof fn,
    };
  if (task.kind === 'probe') return { ok: true, outputs: [] };
  const model = fn as (params: unknown, ctx: unknown) => unknown;
  const outputs: unknown[] = [];
  try {
    for (let i = task.from; i < task.to; i++) {
      outputs.push(
        runReplication((ctx) => model(task.params, ctx), task.seed, i, 'replicateParallel.model').output,
      );
    }
  } catch (e) {
    return failureOf(e);
  }
  return { ok: true, outputs };
}

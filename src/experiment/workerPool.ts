/**
 * The one scheduler behind every parallel run (Node only): a pool of worker threads, started on first
 * use, that runs consecutive ranges of replications, with the calling thread taking replications too
 * when it can run them itself (a scenario it holds). Outputs come back in replication order, so the
 * caller summarises them exactly as the serial run does; on failure, the error is that of the lowest
 * failing replication, which is the one a serial run would report.
 *
 * Each worker holds two tasks at a time, so it starts the next without waiting for the calling thread
 * to hand it over (that thread may be busy with a replication of its own).
 *
 * @internal
 * @module
 */
import { Piscina } from 'piscina';
import type { ParallelAnswer, ParallelTask } from './parallel-worker.js';
import { errorOf, type WorkerFailure } from './workerFailure.js';
import { workerEntry } from './workerModules.js';

/** A task's failure that is not the model's: the module did not load, or lacks the export. */
export type LoadFailure = Extract<ParallelAnswer, { kind: 'module' | 'export' }>;

/**
 * How {@link WorkerPool.run} runs a range of replications.
 *
 * @internal
 */
export interface RangeRun<T> {
  /** The task for replications `from` (inclusive) to `to` (exclusive). */
  readonly task: (from: number, to: number) => ParallelTask;
  /** Run replication `i` on this thread; null: only the workers run replications. */
  readonly local: ((i: number) => T) | null;
  /** The error for a module that does not load or lacks the export. */
  readonly loadError: (failure: LoadFailure) => Error;
  /** Called with the number of replications done so far, after each one or each task. */
  readonly onDone?: (done: number) => void;
}

/**
 * Worker threads for replications, started on first use and kept, with the modules they imported,
 * until {@link WorkerPool.close}.
 *
 * @internal
 */
export class WorkerPool {
  /** Worker threads (0: everything runs on the calling thread). */
  readonly threads: number;
  readonly #preload: readonly string[];
  #pool: Piscina | undefined;

  /**
   * @param threads - worker threads (0: everything runs on the calling thread)
   * @param preload - URLs of modules every thread imports as it starts, before its first task (a
   *   long-lived pool that knows what it will run, such as `surgesim worker`'s, so that the first
   *   job does not wait for the import); a module that fails to load fails the task that uses it.
   */
  constructor(threads: number, preload: readonly string[] = []) {
    this.threads = threads;
    this.#preload = preload;
  }

  /**
   * Start the threads now rather than on first use, and resolve once they have imported the preload
   * modules (each thread answers one `load` task after its start-up).
   */
  async start(): Promise<void> {
    if (this.threads === 0) return;
    const pool = this.#piscina();
    await Promise.all(
      Array.from({ length: this.threads }, () => pool.run({ kind: 'load' } satisfies ParallelTask)),
    );
  }

  /**
   * Replications `from` to `to` (exclusive), in replication order.
   *
   * @throws the error of the lowest failing replication.
   */
  async run<T>(from: number, to: number, how: RangeRun<T>): Promise<T[]> {
    const out: T[] = [];
    const failures: { index: number; error: unknown }[] = [];
    const helpers = this.threads + (how.local === null ? 0 : 1);
    // Small tasks keep the threads evenly busy and progress moving; a replication worth a thread
    // takes far longer than posting a task.
    const size = Math.max(1, Math.ceil((to - from) / (helpers * 16)));
    let next = from;
    let done = 0;
    const inFlight = new Set<Promise<void>>();
    const hand = (): void => {
      const start = next;
      next = Math.min(to, start + size);
      const settled = (this.#piscina().run(how.task(start, next)) as Promise<ParallelAnswer>).then(
        (answer) => {
          inFlight.delete(settled);
          if (!answer.ok) {
            failures.push({
              index: answer.kind === 'model' ? answer.replication : start,
              error: toError(answer),
            });
            return;
          }
          for (const [j, output] of answer.outputs.entries()) out[start - from + j] = output as T;
          done += answer.outputs.length;
          how.onDone?.(done);
          if (next < to && failures.length === 0) hand();
        },
        (error: unknown) => {
          inFlight.delete(settled);
          failures.push({ index: start, error });
        },
      );
      inFlight.add(settled);
    };
    const toError = (answer: Exclude<ParallelAnswer, { ok: true }>): Error =>
      answer.kind === 'module' || answer.kind === 'export'
        ? how.loadError(answer)
        : errorOf(answer as WorkerFailure);

    if (this.threads > 0) while (inFlight.size < 2 * this.threads && next < to) hand();
    if (how.local !== null)
      while (next < to && failures.length === 0) {
        const i = next++;
        try {
          out[i - from] = how.local(i);
        } catch (error) {
          failures.push({ index: i, error });
          break;
        }
        done++;
        how.onDone?.(done);
        // Let the workers' answers in and the next tasks out before the next local replication.
        if (this.threads > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    while (inFlight.size > 0) await Promise.all([...inFlight]);
    if (failures.length > 0) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).error;
    return out;
  }

  /** Stop the worker threads (if any were started). */
  async close(): Promise<void> {
    await this.#pool?.destroy();
    this.#pool = undefined;
  }

  #piscina(): Piscina {
    const entry = workerEntry('parallel-worker');
    return (this.#pool ??= new Piscina({
      filename: entry.filename,
      workerData: { ...entry.workerData, preload: this.#preload },
      minThreads: this.threads,
      maxThreads: this.threads,
      concurrentTasksPerWorker: 2,
      idleTimeout: 60_000,
    }));
  }
}

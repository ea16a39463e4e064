/**
 * The page's worker pool: one Web Worker per core (`navigator.hardwareConcurrency`), each given one
 * replication at a time so a slow replication never holds up the others; results are put back in
 * replication order. Cancelling terminates the workers (a replication cannot be interrupted
 * half-way), and the next run starts fresh ones. The page itself only posts messages and draws, so
 * it never freezes.
 *
 * @module
 */
import type { CampaignResult } from '../../models/index.js';
import type { StaffSearchResult } from '../../src/index.js';
import type { ErrorInfo, FromWorker, ToWorker } from './messages.js';
import type { LeastStaffQuestion } from './staffing.js';

/** A run that failed in a worker: the error as data, for messages next to the fields. */
export class WorkerFailure extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

/** A run stopped by the user. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const newWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

/** One job: a spec, its seed and the replications still to hand out. */
interface Job {
  readonly key: string;
  readonly spec: unknown;
  readonly seed: number;
  readonly outputs: CampaignResult[];
  next: number;
}

/** Replications on Web Workers. */
export class ReplicationPool {
  private workers: Worker[] = [];
  private stop: (() => void) | null = null;
  /** Milliseconds each replication took inside its worker, by job and replication. */
  readonly timings: number[][] = [];

  constructor(readonly size = Math.max(1, navigator.hardwareConcurrency || 1)) {}

  /**
   * Run replications 0 … n − 1 of every spec with the same seed (common random numbers across
   * specs); `progress` counts finished replications over all specs.
   */
  run(
    specs: readonly unknown[],
    replications: number,
    seed: number,
    progress: (done: number, total: number) => void,
  ): Promise<CampaignResult[][]> {
    this.cancel();
    const stamp = `${Date.now()}-${Math.random()}`;
    const jobs: Job[] = specs.map((spec, k) => ({ key: `${stamp}-${k}`, spec, seed, outputs: [], next: 0 }));
    const total = replications * jobs.length;
    this.timings.length = 0;
    for (const _ of jobs) this.timings.push([]);
    while (this.workers.length < Math.min(this.size, total)) this.workers.push(newWorker());
    let done = 0;
    return new Promise((resolve, reject) => {
      this.stop = () => reject(new Cancelled());
      const give = (w: Worker) => {
        const k = jobs.findIndex((j) => j.next < replications);
        const job = jobs[k];
        if (!job) return;
        const index = job.next++;
        w.onmessage = (event: MessageEvent<FromWorker>) => {
          const m = event.data;
          if (m.kind === 'error') {
            this.halt();
            reject(new WorkerFailure(m));
            return;
          }
          if (m.kind !== 'replication') return;
          job.outputs[m.index] = m.output;
          this.timings[k]![m.index] = m.ms;
          done++;
          progress(done, total);
          if (done === total) {
            this.stop = null;
            resolve(jobs.map((j) => j.outputs));
          } else give(w);
        };
        w.onerror = (event) => {
          this.halt();
          reject(new WorkerFailure({ message: event.message || 'a worker failed to start', issues: [] }));
        };
        w.postMessage({ kind: 'replication', key: job.key, spec: job.spec, seed, index } satisfies ToWorker);
      };
      for (const w of this.workers) give(w);
    });
  }

  /** Ask a least-staff question on a worker of its own; `progress` counts simulations. */
  leastStaff(question: LeastStaffQuestion, progress: (done: number) => void): Promise<StaffSearchResult> {
    this.cancel();
    const w = newWorker();
    this.workers.push(w);
    return new Promise((resolve, reject) => {
      this.stop = () => reject(new Cancelled());
      w.onmessage = (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.kind === 'progress') progress(m.done);
        else if (m.kind === 'leastStaff') {
          this.stop = null;
          resolve(m.result);
        } else if (m.kind === 'error') {
          this.halt();
          reject(new WorkerFailure(m));
        }
      };
      w.postMessage({ kind: 'leastStaff', question } satisfies ToWorker);
    });
  }

  /** Stop whatever runs: terminate the workers and reject the pending run with {@link Cancelled}. */
  cancel(): void {
    const stop = this.stop;
    if (stop) {
      this.halt();
      stop();
    }
  }

  /** Terminate the workers (their state is unknown after a failure or a cancel). */
  private halt(): void {
    this.stop = null;
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}

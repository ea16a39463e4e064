/**
 * The queue runner's rows: a private redis-server (on a free loopback port, persistence off), and
 * `surgesim worker` processes started from the sources as a user starts them (`local-queue.ts`, which
 * the distributed tests start theirs with too).
 *
 * - `queue-1000-jobs`: 1,000 replications of a scenario that does nothing, one per job, through one
 *   worker process: the queue's own cost per job (submit, hand out, answer, collect). Then the same
 *   1,000 replications with the runner's default batching, for the difference batching makes.
 * - `qingxu-100-redis`: the 100 Qingxu days from the spec (`surgesim run qingxu --replications 100`)
 *   on two local worker processes of one thread each, beside the same run on the thread pool with two
 *   threads (`--workers 2`), both from a cold start as a user runs them, one after the other.
 */
import { spawnSync } from 'node:child_process';
import { defineScenario } from '../src/experiment/scenario.js';
import { LocalQueue, root } from './local-queue.js';

export { hasRedisServer } from './local-queue.js';

/**
 * A scenario whose replication does nothing: what is left of a run is the runner's own cost.
 *
 * @example
 * ```ts
 * runScenario(nothing, { replications: 10, seed: 1 });
 * ```
 */
export const nothing = defineScenario({
  name: 'nothing',
  title: 'A replication that does nothing',
  defaults: {},
  run: (_p, ctx) => ({ replication: ctx.replication }),
  figures: [],
  metrics: [{ id: 'replication', label: 'Replication', unit: 'count', value: (r) => r.replication }],
});

/**
 * A redis-server and worker processes for one row; `stop` ends them all.
 *
 * @example
 * ```ts
 * const lab = await queueLab(2); try { … lab.url … } finally { await lab.stop(); }
 * ```
 */
export async function queueLab(workers: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const queue = new LocalQueue();
  try {
    const { url } = await queue.redis();
    await queue.workers(url, workers);
    return { url, stop: () => queue.stop() };
  } catch (e) {
    await queue.stop();
    throw e;
  }
}

/**
 * Run `surgesim <args>` from the sources and time it (wall seconds); throws on a failure.
 *
 * @example
 * ```ts
 * const s = timedCli(['run', 'qingxu', '-n', '100', '--workers', '2', '--json']);
 * ```
 */
export function timedCli(args: readonly string[]): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 2 ** 26,
  });
  if (r.status !== 0) throw new Error(`surgesim ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds: (performance.now() - t0) / 1000, stdout: r.stdout };
}

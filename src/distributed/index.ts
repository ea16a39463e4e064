/**
 * Replications, comparisons and sweeps on many machines (Node only; the package entry
 * `surgesim/distributed`, never part of the browser-safe `surgesim`): BullMQ queues on Redis, served
 * by `surgesim worker` processes ({@link startWorker}) and filled by a {@link RedisRunner}. Results
 * equal the serial ones, bit for bit. How to run it, what Redis needs and what happens on failures:
 * docs/distributed.md.
 *
 * @module surgesim/distributed
 */
export { RedisUnavailableError } from './connection.js';
export {
  JOB_TARGET_MS,
  MIN_JOBS,
  type RedisCompareOptions,
  RedisRunner,
  type RedisRunnerOptions,
  type RedisScenarioOptions,
  type ScenarioRequest,
} from './runner.js';
export { RemoteRunError } from './submit.js';
export { type RedisWorkerOptions, type RunningWorker, startWorker } from './worker.js';

/**
 * What the distributed tests start and stop: a private redis-server and `surgesim worker` processes,
 * from the queue the benchmarks use too (`bench/local-queue.ts`), plus a Redis client for looking
 * inside. Everything started here is stopped by `stopAll` (the tests call it in afterAll, which runs
 * on failure too).
 */
import { Redis } from 'ioredis';
import { LocalQueue, type LocalRedis, hasRedisServer as redisInstalled } from '../../bench/local-queue.js';

export { type LocalWorker as TestWorker, root, until } from '../../bench/local-queue.js';

/** Whether Debian's redis-server is installed here. */
export const hasRedisServer = redisInstalled();

const queue = new LocalQueue();

/** A redis-server of the tests' own, with a client. */
export interface TestRedis extends LocalRedis {
  /** A client for looking inside (keys, job hashes). */
  readonly client: Redis;
}

/** Start redis-server on a free loopback port in a temporary folder, with persistence off. */
export async function startRedis(): Promise<TestRedis> {
  const server = await queue.redis();
  const client = new Redis(server.port, '127.0.0.1', {
    maxRetriesPerRequest: null,
    retryStrategy: () => 200,
  });
  client.on('error', () => {});
  return { ...server, client };
}

/** Start `surgesim worker` processes (one thread each) and wait until each serves the Redis. */
export const startWorkers = (url: string, prefix: string, count: number, stallSeconds = 3) =>
  queue.workers(url, count, { prefix, stallSeconds, startTimeoutMs: 90_000 });

/** Keys under `prefix` (a run leaves none behind once it is over). */
export async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  return client.keys(`${prefix}:*`);
}

/** Wait until no key is left under `prefix`; the keys found if some stay. */
export async function noKeysLeft(client: Redis, prefix: string, timeoutMs = 15_000): Promise<string[]> {
  const end = Date.now() + timeoutMs;
  let keys = await keysUnder(client, prefix);
  while (keys.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    keys = await keysUnder(client, prefix);
  }
  return keys;
}

/** SIGKILL every process started here and remove the temporary folders. */
export async function stopAll(redis?: TestRedis): Promise<void> {
  redis?.client.disconnect();
  await queue.stop();
}

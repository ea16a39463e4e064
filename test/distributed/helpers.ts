/**
 * What the distributed tests start and stop: a private redis-server on a free loopback port (own
 * temporary folder, no persistence), and `surgesim worker` processes run from the sources, exactly as
 * a planner starts them. Everything started here is stopped by `stopAll` (the tests call it in
 * afterAll, which runs on failure too).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Whether Debian's redis-server is installed here. */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

const children = new Set<ChildProcess>();
const folders: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A redis-server of the tests' own. */
export interface TestRedis {
  readonly url: string;
  /** A client for looking inside (keys, job hashes). */
  readonly client: Redis;
  /** Kill the server (SIGKILL: no shutdown, nothing saved). */
  readonly kill: () => Promise<void>;
  /** Start it again on the same port (empty: no persistence). */
  readonly start: () => Promise<void>;
}

/** Start redis-server on a free loopback port in a temporary folder, with persistence off. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'surgesim-redis-'));
  folders.push(dir);
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    children.add(server);
    await until(
      () =>
        spawnSync('redis-cli', ['-p', String(port), 'ping'])
          .stdout?.toString()
          .trim() === 'PONG',
      'redis-server',
    );
  };
  await start();
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: null, retryStrategy: () => 200 });
  client.on('error', () => {});
  return {
    url: `redis://127.0.0.1:${port}`,
    client,
    start,
    kill: async () => {
      const s = server!;
      const exited = new Promise((r) => s.once('exit', r));
      s.kill('SIGKILL');
      await exited;
      children.delete(s);
    },
  };
}

/** A `surgesim worker` process. */
export interface TestWorker {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Everything it wrote to stderr so far. */
  readonly log: () => string;
}

/** Start `surgesim worker` processes (one thread each) and wait until each serves the Redis. */
export async function startWorkers(
  url: string,
  prefix: string,
  count: number,
  stallSeconds = 3,
): Promise<TestWorker[]> {
  const workers = Array.from({ length: count }, () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'worker',
        '--redis',
        url,
        '--prefix',
        prefix,
        '-c',
        '1',
        '--stall-timeout',
        String(stallSeconds),
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.add(child);
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
    });
    return { process: child, pid: child.pid!, log: () => text };
  });
  await Promise.all(
    workers.map((w) => until(() => /serving redis:/.test(w.log()), `worker ${w.pid} to start`, 90_000)),
  );
  return workers;
}

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
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export { until };

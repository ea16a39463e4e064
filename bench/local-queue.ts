/**
 * A queue of this machine's own, for the queue benchmarks (`bench/queue.ts`) and the distributed tests
 * (`test/distributed/helpers.ts`): a private redis-server on a free loopback port (its own temporary
 * folder, persistence off) and `surgesim worker` processes run from the sources, exactly as a planner
 * starts them. It lives in bench/ because both bench/ and test/ import from here and neither ships in
 * the package; it uses only Node built-ins, so neither side pulls the other's dependencies.
 *
 * A {@link LocalQueue} remembers every process and folder it started; `stop` SIGKILLs the processes
 * (no shutdown, nothing saved) and removes the folders, and is safe to call after a failed start.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root: workers run `src/cli/main.ts` from here.
 *
 * @example
 * ```ts
 * spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], { cwd: root });
 * ```
 */
export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Whether redis-server is installed here (Debian: `apt-get install redis-server`).
 *
 * @example
 * ```ts
 * if (!hasRedisServer()) throw new Error('this needs redis-server');
 * ```
 */
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

/**
 * Wait until `check` holds, polling every 100 ms; throws naming `what` after `timeoutMs`.
 *
 * @example
 * ```ts
 * await until(() => answers.size === 2, 'two answers', 60_000);
 * ```
 */
export async function until(
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

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * A redis-server started by a {@link LocalQueue}.
 *
 * @example
 * ```ts
 * const redis = await queue.redis();
 * await redis.kill(); // mid-run
 * await redis.start(); // back, empty, on the same port
 * ```
 */
export interface LocalRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The loopback port it listens on. */
  readonly port: number;
  /** Kill the server (SIGKILL: no shutdown, nothing saved) and wait until it has exited. */
  readonly kill: () => Promise<void>;
  /** Start it again on the same port (empty: no persistence) and wait until it answers. */
  readonly start: () => Promise<void>;
}

/**
 * A `surgesim worker` process started by a {@link LocalQueue}.
 *
 * @example
 * ```ts
 * const [w] = await queue.workers(redis.url, 1);
 * w!.process.kill('SIGKILL');
 * ```
 */
export interface LocalWorker {
  /** The process. */
  readonly process: ChildProcess;
  /** Its process id. */
  readonly pid: number;
  /** Everything it wrote to stderr so far. */
  readonly log: () => string;
}

/**
 * Options of {@link LocalQueue.workers}: what is passed on to `surgesim worker`.
 *
 * @example
 * ```ts
 * const o: LocalWorkerOptions = { prefix: 't42', stallSeconds: 3 };
 * ```
 */
export interface LocalWorkerOptions {
  /** `--prefix`: the key prefix served (default: the worker's own default). */
  readonly prefix?: string;
  /** `--stall-timeout` in seconds (default: the worker's own default). */
  readonly stallSeconds?: number;
  /** How long each worker may take to start serving, ms (default 120 000: tsx compiles the sources). */
  readonly startTimeoutMs?: number;
}

/**
 * Processes and folders of one private queue; {@link LocalQueue.stop} ends them all.
 *
 * @example
 * ```ts
 * const queue = new LocalQueue();
 * try {
 *   const redis = await queue.redis();
 *   await queue.workers(redis.url, 2);
 *   // … runs against redis.url …
 * } finally {
 *   await queue.stop();
 * }
 * ```
 */
export class LocalQueue {
  private readonly children = new Set<ChildProcess>();
  private readonly folders: string[] = [];

  /** Start redis-server on a free loopback port in a temporary folder, with persistence off. */
  async redis(): Promise<LocalRedis> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'surgesim-redis-'));
    this.folders.push(dir);
    let server: ChildProcess | undefined;
    const start = async () => {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: 'ignore' },
      );
      this.children.add(server);
      await until(
        () =>
          spawnSync('redis-cli', ['-p', String(port), 'ping'])
            .stdout?.toString()
            .trim() === 'PONG',
        'redis-server',
      );
    };
    await start();
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      start,
      kill: async () => {
        const s = server!;
        await kill(s);
        this.children.delete(s);
      },
    };
  }

  /** Start `count` `surgesim worker` processes (one thread each) and wait until each serves `url`. */
  async workers(url: string, count: number, options: LocalWorkerOptions = {}): Promise<LocalWorker[]> {
    const flags = [
      ...(options.prefix === undefined ? [] : ['--prefix', options.prefix]),
      ...(options.stallSeconds === undefined ? [] : ['--stall-timeout', String(options.stallSeconds)]),
    ];
    const workers = Array.from({ length: count }, (): LocalWorker => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--redis', url, ...flags, '-c', '1'],
        { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      this.children.add(child);
      let text = '';
      child.stderr!.on('data', (d: Buffer) => {
        text += d.toString();
      });
      return { process: child, pid: child.pid!, log: () => text };
    });
    const timeout = options.startTimeoutMs ?? 120_000;
    await Promise.all(
      workers.map((w) => until(() => /serving redis:/.test(w.log()), `worker ${w.pid} to start`, timeout)),
    );
    return workers;
  }

  /** SIGKILL every process started here and remove the temporary folders. */
  async stop(): Promise<void> {
    await Promise.all([...this.children].map(kill));
    this.children.clear();
    for (const dir of this.folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

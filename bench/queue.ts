/**
 * The queue runner's rows: a private redis-server (on a free loopback port, persistence off), and
 * `surgesim worker` processes started from the sources as a user starts them.
 *
 * - `queue-1000-jobs`: 1,000 replications of a scenario that does nothing, one per job, through one
 *   worker process: the queue's own cost per job (submit, hand out, answer, collect). Then the same
 *   1,000 replications with the runner's default batching, for the difference batching makes.
 * - `qingxu-100-redis`: the 100 Qingxu days from the spec (`surgesim run qingxu --replications 100`)
 *   on two local worker processes of one thread each, beside the same run on the thread pool with two
 *   threads (`--workers 2`), both from a cold start as a user runs them, one after the other.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineScenario } from '../src/experiment/scenario.js';

const root = fileURLToPath(new URL('..', import.meta.url));

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

/** Whether redis-server is installed (the rows need it). */
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

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

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A redis-server and worker processes for one row; `stop` ends them all.
 *
 * @example
 * ```ts
 * const lab = await queueLab(2); try { … lab.url … } finally { await lab.stop(); }
 * ```
 */
export async function queueLab(workers: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'surgesim-bench-redis-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    children.push(server);
    await until(
      () =>
        spawnSync('redis-cli', ['-p', String(port), 'ping'])
          .stdout?.toString()
          .trim() === 'PONG',
      'redis-server',
      30_000,
    );
    const url = `redis://127.0.0.1:${port}`;
    const logs = Array.from({ length: workers }, () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--redis', url, '-c', '1'],
        { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      children.push(child);
      let text = '';
      child.stderr!.on('data', (d: Buffer) => {
        text += d.toString();
      });
      return () => text;
    });
    await until(() => logs.every((log) => /serving redis:/.test(log())), 'the workers', 120_000);
    return { url, stop };
  } catch (e) {
    await stop();
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

/**
 * The worker pool's preload: a pool told what it will run imports it in every thread as the thread
 * starts, so that the first task finds the module already evaluated; a module that cannot load does
 * not break the start, and fails the task that uses it as it would without the preload.
 */
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/experiment/workerPool.js';

const PROBE = new URL('./fixtures/preload-probe.ts', import.meta.url).href;
const MISSING = new URL('./fixtures/no-such-module.ts', import.meta.url).href;

const probeTask = (from: number, to: number) =>
  ({ kind: 'model', moduleUrl: PROBE, exportName: 'probe', params: null, seed: 1, from, to }) as const;

async function evaluatedAt(pool: WorkerPool): Promise<{ startedAt: number; at: number[] }> {
  const startedAt = Date.now();
  // Let a clock tick pass, so that a module evaluated by the task itself is seen as later.
  await new Promise((r) => setTimeout(r, 20));
  const outputs = await pool.run<{ evaluatedAt: number }>(0, 2, {
    task: probeTask,
    local: null,
    loadError: (f) => new Error(f.message),
  });
  return { startedAt, at: outputs.map((o) => o.evaluatedAt) };
}

describe('WorkerPool preload', () => {
  it('every thread imports the preload modules before start() resolves', async () => {
    const pool = new WorkerPool(2, [PROBE]);
    try {
      await pool.start();
      const { startedAt, at } = await evaluatedAt(pool);
      for (const t of at) expect(t).toBeLessThanOrEqual(startedAt);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('without a preload, the module is evaluated by the first task (the test can tell)', async () => {
    const pool = new WorkerPool(1);
    try {
      await pool.start();
      const { startedAt, at } = await evaluatedAt(pool);
      expect(at[0]!).toBeGreaterThan(startedAt);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('a preload module that cannot load fails the task that uses it, not the start', async () => {
    const pool = new WorkerPool(1, [MISSING]);
    try {
      await pool.start();
      await expect(
        pool.run(0, 1, {
          task: (from, to) => ({ ...probeTask(from, to), moduleUrl: MISSING }),
          local: null,
          loadError: (f) => new Error(`load ${f.kind}: ${f.message}`),
        }),
      ).rejects.toThrow(/^load module: /);
    } finally {
      await pool.close();
    }
  }, 120_000);
});

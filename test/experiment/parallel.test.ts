/**
 * Parallel replications: worker threads (piscina) give the serial result, bit for bit, in replication
 * order, whatever the number of threads; failures come back as proper errors.
 *
 * Worker threads start slowly on a loaded machine (each loads the TypeScript sources through tsx), so
 * the file shares one two-thread ParallelRunner and makes a single one-shot call with one thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compareParams } from '../../src/experiment/compare.js';
import { ParallelRunner, replicateParallel } from '../../src/experiment/parallel.js';
import { ReplicationError, replicate } from '../../src/experiment/replicate.js';
import { sweep } from '../../src/experiment/sweep.js';
import { ParameterError } from '../../src/kernel/errors.js';
import { replicationSeed } from '../../src/random/seed.js';
import { type QueueParams, queue } from './fixtures/queue-model.js';

const MODULE = new URL('./fixtures/queue-model.ts', import.meta.url);
const PARAMS: QueueParams = { arrivalRate: 0.8, serviceRate: 1, customers: 500 };

/** Every number as its exact IEEE-754 bit pattern, so equality below is bit for bit (−0 ≠ 0, NaN = NaN). */
function bits(value: unknown): string {
  const view = new DataView(new ArrayBuffer(8));
  return JSON.stringify(value, (_k, v) => {
    if (typeof v !== 'number') return v;
    view.setFloat64(0, v);
    return `f64:${view.getBigUint64(0).toString(16)}`;
  });
}

describe('parallel replications', () => {
  const runner = new ParallelRunner({ threads: 2 });
  afterAll(() => runner.close());

  it('2 threads give exactly the serial result, in replication order', async () => {
    const options = { replications: 9, seed: 4242 };
    const serial = replicate((ctx) => queue(PARAMS, ctx), options);
    const { parallel, ...result } = await runner.replicate<ReturnType<typeof queue>>(
      MODULE,
      'queue',
      PARAMS,
      options,
    );
    expect(result).toStrictEqual(serial);
    expect(bits(result)).toBe(bits(serial));
    expect(result.runs.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.runs.map((r) => r.seed)).toEqual(result.runs.map((_, i) => replicationSeed(4242, i)));
    expect(parallel).toEqual({ moduleUrl: MODULE.href, exportName: 'queue', params: PARAMS, threads: 2 });
  });

  it('one thread (one-shot replicateParallel) gives the same result as two', async () => {
    const options = { replications: 5, seed: 99 };
    const { parallel: one, ...single } = await replicateParallel(MODULE, 'queue', PARAMS, {
      ...options,
      threads: 1,
    });
    const { parallel: two, ...double } = await runner.replicate(MODULE.href, 'queue', PARAMS, options);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(bits(single)).toBe(bits(double));
    expect(bits(single)).toBe(bits(replicate((ctx) => queue(PARAMS, ctx), options)));
  });

  it('with a precision target, stops at the same replication as the serial rule', async () => {
    const options = {
      replications: 3,
      seed: 17,
      target: { fields: ['meanWait'], relativeHalfWidth: 0.2 },
      maxReplications: 200,
    };
    const serial = replicate((ctx) => queue(PARAMS, ctx), options);
    const { parallel: _, ...result } = await runner.replicate(MODULE, 'queue', PARAMS, options);
    expect(serial.replications).toBeGreaterThan(3);
    expect(bits(result)).toBe(bits(serial));
  });

  it('a sweep on the runner equals the serial sweep, bit for bit', async () => {
    const grid = { serviceRate: [1, 1.25], customers: [200, 300] };
    const options = { replications: 3, seed: 8, base: { arrivalRate: 0.8 } };
    const serial = sweep(queue, grid, options);
    const { parallel, ...result } = await runner.sweep(MODULE, 'queue', grid, options);
    expect(bits(result)).toBe(bits(serial));
    expect(parallel).toEqual({ moduleUrl: MODULE.href, exportName: 'queue', threads: 2 });
    await expect(runner.sweep(MODULE, 'queue', { serviceRate: [] }, options)).rejects.toThrow(
      'sweep.grid.serviceRate: expected a non-empty array of values, got []',
    );
  });

  it('a comparison on the runner equals the serial compareParams, bit for bit', async () => {
    const faster = { ...PARAMS, serviceRate: 1.2 };
    for (const options of [
      { replications: 4, seed: 21 },
      { replications: 3, seed: 21, seedB: 22, level: 0.9 },
    ]) {
      const serial = compareParams(queue, PARAMS, faster, options);
      const { parallel, ...result } = await runner.compareParams(MODULE, 'queue', PARAMS, faster, options);
      expect(bits(result)).toBe(bits(serial));
      expect(parallel.threads).toBe(2);
    }
  });

  it('an unknown or non-function export is a ParameterError naming the export and listing the functions', async () => {
    await expect(runner.replicate(MODULE, 'queu', PARAMS, { replications: 2, seed: 1 })).rejects.toThrow(
      `replicateParallel.exportName: expected the name of a function exported by ${MODULE.href} (no such export; functions exported: failing, queue), got "queu"`,
    );
    await expect(runner.replicate(MODULE, 'notAModel', PARAMS, { replications: 2, seed: 1 })).rejects.toThrow(
      /\(number; functions exported: failing, queue\), got "notAModel"$/,
    );
  });

  it('a model that throws in a worker gives a ReplicationError with the replication, its seed and the cause', async () => {
    const error = await runner
      .replicate(MODULE, 'failing', {}, { replications: 4, seed: 6 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplicationError);
    const e = error as ReplicationError;
    expect(e.replication).toBe(2);
    expect(e.seed).toBe(replicationSeed(6, 2));
    expect(e.message).toBe(`replication 2 (seed ${replicationSeed(6, 2)}) failed: boom in replication 2`);
    expect((e.cause as Error).name).toBe('RangeError');
  });

  it('rejects bad arguments before starting any thread', async () => {
    const ok = { replications: 2, seed: 1 };
    await expect(replicateParallel('./fixtures/queue-model.ts', 'queue', PARAMS, ok)).rejects.toThrow(
      'replicateParallel.moduleUrl: expected an absolute module URL (e.g. new URL(\'./model.ts\', import.meta.url)), got "./fixtures/queue-model.ts"',
    );
    const missing = new URL('./fixtures/nope.ts', import.meta.url);
    await expect(replicateParallel(missing, 'queue', PARAMS, ok)).rejects.toThrow(
      `replicateParallel.moduleUrl: expected the URL of an existing module file, got "${missing.href}"`,
    );
    await expect(replicateParallel(MODULE, '', PARAMS, ok)).rejects.toThrow(
      'replicateParallel.exportName: expected a non-empty string, got ""',
    );
    await expect(replicateParallel(MODULE, 'queue', PARAMS, { ...ok, threads: 0 })).rejects.toThrow(
      'replicateParallel.options.threads: expected an integer ≥ 1, got 0',
    );
    await expect(replicateParallel(MODULE, 'queue', { f: () => 1 }, ok)).rejects.toThrow(ParameterError);
    await expect(replicateParallel(MODULE, 'queue', PARAMS, { replications: 1, seed: 1 })).rejects.toThrow(
      'replicateParallel.options.replications: expected an integer ≥ 2 (a confidence interval needs two), got 1',
    );
    expect(() => new ParallelRunner({ threads: 1.5 })).toThrow(
      'ParallelRunner.threads: expected an integer ≥ 1, got 1.5',
    );
  });
});

/**
 * Replications per second, serial and on worker threads, of one M/M/10 model (the process API through
 * a Simulation with its default monitors). The parallel run must reproduce the serial one exactly; the
 * speed-up is what two cores buy (ideal 2×; thread start-up and model import cost some of it).
 */
import { availableParallelism } from 'node:os';
import { ParallelRunner } from '../src/experiment/parallel.js';
import { replicate } from '../src/experiment/replicate.js';
import { type MmcReplicationParams, mmcReplication } from './replication-model.js';

export interface ReplicationBench {
  readonly replications: number;
  readonly customersPerReplication: number;
  readonly threads: number;
  readonly serialPerSecond: number;
  readonly parallelPerSecond: number;
  readonly speedup: number;
  readonly identical: boolean;
}

export async function benchReplications(replications: number, customers: number): Promise<ReplicationBench> {
  const params: MmcReplicationParams = { customers, servers: 10, rho: 0.9 };
  const threads = availableParallelism();
  const t0 = performance.now();
  const serial = replicate((ctx) => mmcReplication(params, ctx), { replications, seed: 11 });
  const serialMs = performance.now() - t0;
  const runner = new ParallelRunner({ threads });
  try {
    // Warm the pool (thread start-up and module import) outside the timed run, as a study would.
    await runner.replicate(
      new URL('./replication-model.ts', import.meta.url).href,
      'mmcReplication',
      params,
      {
        replications: threads,
        seed: 1,
      },
    );
    const t1 = performance.now();
    const parallel = await runner.replicate(
      new URL('./replication-model.ts', import.meta.url).href,
      'mmcReplication',
      params,
      { replications, seed: 11 },
    );
    const parallelMs = performance.now() - t1;
    const identical = JSON.stringify(parallel.runs) === JSON.stringify(serial.runs);
    return {
      replications,
      customersPerReplication: customers,
      threads,
      serialPerSecond: (replications / serialMs) * 1000,
      parallelPerSecond: (replications / parallelMs) * 1000,
      speedup: serialMs / parallelMs,
      identical,
    };
  } finally {
    await runner.close();
  }
}

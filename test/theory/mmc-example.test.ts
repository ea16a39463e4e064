/**
 * Theory test: the M/M/c model of examples/mmc.ts (process API) against Erlang C at loads from 0.3 to
 * 0.95.
 *
 * Design (fixed before running, error rates stated): at each load, REPLICATIONS independent runs with
 * seeds derived from one base seed. Each run's batch-means 95 % interval (named warm-up and batch count)
 * should contain the Erlang C wait; the count that do is Binomial(REPLICATIONS, 0.95), and fewer than
 * MIN_COVERED has probability ≈ 0.1 % per load. The replication means must also agree with Erlang C by a
 * t-interval across replications at 99.9 %. Over six loads and two checks the family-wise false-alarm
 * rate stays below 2 %. Utilisation must match ρ within 2 %.
 *
 * Run length follows the queue's relaxation time τ = 1 / (cμ(1 − √ρ)²) (the time scale on which an
 * M/M/c queue forgets its state): warm-up ≥ 5τ and each batch ≥ 10τ, so that batch means are nearly
 * independent. Near saturation (ρ = 0.95) that needs far more customers than at light load; a fixed
 * short run gives batch means that are correlated and intervals that are too narrow.
 */
import { describe, expect, it } from 'vitest';
import { runMmc } from '../../examples/mmc-model.js';
import { mmc } from '../../src/analytic/index.js';
import { replicationSeed } from '../../src/random/seed.js';
import { confidenceInterval } from '../../src/stats/confidenceInterval.js';

const REPLICATIONS = 5;
const MIN_COVERED = 3;
const MIN_CUSTOMERS = 60_000;
const BATCHES = 20;

/** Warm-up and run length (in customers) from the relaxation time, as described above. */
function runLength(lambda: number, mu: number, servers: number): { warmup: number; customers: number } {
  const rho = lambda / (servers * mu);
  const tau = 1 / (servers * mu * (1 - Math.sqrt(rho)) ** 2);
  const warmup = Math.max(5_000, Math.ceil(5 * tau * lambda));
  const customers = Math.max(MIN_CUSTOMERS, warmup + Math.ceil(10 * tau * lambda * BATCHES));
  return { warmup, customers };
}
const BASE_SEED = 20261128;

describe('examples/mmc.ts agrees with Erlang C', () => {
  const cases: [rho: number, servers: number][] = [
    [0.3, 1],
    [0.5, 2],
    [0.7, 5],
    [0.8, 10],
    [0.9, 10],
    [0.95, 20],
  ];
  cases.forEach(([rho, servers], k) => {
    it(`ρ = ${rho}, c = ${servers}: waits agree with Erlang C`, () => {
      const mu = 1;
      const lambda = rho * servers * mu;
      const theory = mmc({ arrivalRate: lambda, serviceRate: mu, servers });
      const { warmup, customers } = runLength(lambda, mu, servers);
      const runs = Array.from({ length: REPLICATIONS }, (_, i) =>
        runMmc({
          lambda,
          mu,
          servers,
          customers,
          warmup,
          batches: BATCHES,
          seed: replicationSeed(BASE_SEED + k, i),
        }),
      );
      const covered = runs.filter((r) => r.wait.lower <= theory.Wq && theory.Wq <= r.wait.upper).length;
      expect(covered).toBeGreaterThanOrEqual(MIN_COVERED);
      const across = confidenceInterval(
        runs.map((r) => r.wait.mean),
        0.999,
      );
      expect(theory.Wq).toBeGreaterThanOrEqual(across.lower);
      expect(theory.Wq).toBeLessThanOrEqual(across.upper);
      for (const r of runs) {
        expect(r.served).toBe(customers);
        expect(Math.abs(r.utilisation - rho) / rho).toBeLessThan(0.02);
      }
    });
  });
});

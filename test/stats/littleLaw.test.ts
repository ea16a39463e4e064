/**
 * Monitors composed on a sample path: a hand-written single-server FIFO queue (no kernel, a few lines
 * of event logic) feeds a Tally with sojourn times, a TimeWeighted with the number in system, a
 * Counter and a Histogram. On any path that starts and ends empty, the area under N(t) equals the sum
 * of the sojourn times — Little's law as a sample-path identity — so the monitors must agree to
 * rounding, whatever the random numbers. The busy-server monitor's integral must equal the total
 * service time for the same reason.
 */
import { describe, expect, test } from 'vitest';
import { Counter, Histogram, Tally, TimeWeighted } from '../../src/stats/index.js';
import { EPS, uniform } from './helpers.js';

function run(seed: string, customers: number) {
  const u = uniform(seed);
  const exp = (mean: number) => -mean * Math.log(1 - u());
  const sojourn = new Tally('sojourn');
  const inSystem = new TimeWeighted('inSystem');
  const busy = new TimeWeighted('busy');
  const outcome = new Counter('outcome', { labels: ['served'] });
  const waits = Histogram.linear('wait', 0, 10, 5);
  // arrivals at rate 1, service mean 0.8 (ρ = 0.8); FIFO single server
  let t = 0;
  let serverFree = 0;
  let totalService = 0;
  const events: [number, number][] = []; // (time, +1 arrival | −1 departure)
  for (let i = 0; i < customers; i++) {
    t += exp(1);
    const s = exp(0.8);
    const start = Math.max(t, serverFree);
    serverFree = start + s;
    totalService += s;
    events.push([t, +1], [serverFree, -1]);
    sojourn.observe(serverFree - t);
    waits.observe(start - t);
    outcome.increment('served');
  }
  // departures at time d and arrivals at the same instant: order does not change the area
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [time, delta] of events) {
    inSystem.add(time, delta);
    busy.update(time, inSystem.level > 0 ? 1 : 0);
  }
  return { sojourn, inSystem, busy, outcome, waits, end: serverFree, totalService };
}

describe("Little's law on a sample path", () => {
  for (const seed of ['a', 'b', 'c']) {
    test(`∫N dt = Σ sojourn and ∫busy dt = Σ service (seed ${seed}, 20,000 customers)`, () => {
      const r = run(seed, 20_000);
      const area = r.inSystem.integral(r.end);
      const sum = r.sojourn.sum;
      // both are compensated sums of ~4e4 positive terms: agree to a few ulps of the total
      expect(Math.abs(area - sum)).toBeLessThanOrEqual(64 * EPS * sum);
      expect(Math.abs(r.busy.integral(r.end) - r.totalService)).toBeLessThanOrEqual(
        64 * EPS * r.totalService,
      );
      expect(r.inSystem.level).toBe(0);
      expect(r.outcome.total).toBe(20_000);
      expect(r.waits.total).toBe(20_000);
      // L = λ̄·W with λ̄ = n / T, exactly on this path
      expect(r.inSystem.mean(r.end)! * r.end).toBeCloseTo(r.sojourn.mean! * r.sojourn.count, 6);
      // utilisation near ρ = 0.8. The estimate is Σ service / T: Σ of 20,000 Exp(mean 0.8) has
      // relative sd 1/√20000 ≈ 0.71%, and T ≈ Σ of 20,000 Exp(1) inter-arrivals likewise, so the
      // ratio's relative sd is ≈ √2 · 0.71% ≈ 1%, i.e. sd ≈ 0.008; accept 5 sd.
      expect(Math.abs(r.busy.mean(r.end)! - 0.8)).toBeLessThan(5 * 0.008);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { mmcStateProbabilities, mmcWaitTail } from '../../src/analytic/index.js';
import { ParameterError } from '../../src/kernel/errors.js';
import { leastStaff, wilsonInterval } from '../../src/planning/index.js';
import { seededRng } from '../../src/random/index.js';

// M/M/c: λ = 8, μ = 1, wait limit t = 0.1. A replication samples one arrival's wait in steady state
// exactly: the number in system N it finds from the stationary law, and if N ≥ c the FCFS wait is the
// sum of N − c + 1 exponential(cμ) service completions. The analytic P(W ≤ t) = 1 − mmcWaitTail.
const lambda = 8;
const mu = 1;
const limit = 0.1;
const stationary = new Map<number, number[]>();
function cdfFor(c: number): number[] {
  let cdf = stationary.get(c);
  if (!cdf) {
    const probs = mmcStateProbabilities({ arrivalRate: lambda, serviceRate: mu, servers: c }, 400);
    cdf = [];
    let acc = 0;
    for (const p of probs) cdf.push((acc += p));
    stationary.set(c, cdf);
  }
  return cdf;
}
function waitWithin(c: number, seed: number): boolean {
  const rng = seededRng(seed, 'mmc');
  const u = rng.next();
  const cdf = cdfFor(c);
  let n = cdf.findIndex((x) => u <= x);
  if (n < 0) n = cdf.length;
  if (n < c) return true;
  let w = 0;
  for (let k = 0; k <= n - c; k++) w += -Math.log(rng.next()) / (c * mu);
  return w <= limit;
}
const pWithin = (c: number): number =>
  1 - mmcWaitTail({ arrivalRate: lambda, serviceRate: mu, servers: c }, limit);

describe('wilsonInterval', () => {
  it('brackets the estimate and reaches the ends at 0 and n', () => {
    const w = wilsonInterval(95, 100);
    expect(w.lower).toBeCloseTo(0.8882, 3);
    expect(w.upper).toBeCloseTo(0.9785, 3);
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(10, 10).upper).toBe(1);
  });
  it('rejects successes above trials', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/successes: expected an integer ≤ trials/);
  });
});

describe('leastStaff on M/M/c with a wait target', () => {
  // Target 0.75 with the answer chosen analytically; the levels either side are far enough from the
  // target (checked below) that the sequential 95 % rule decides them correctly with high probability.
  const target = 0.75;
  const exact = (() => {
    let c = 9;
    while (pWithin(c) < target) c++;
    return c;
  })();

  it('the analytic answer has a margin either side of the target', () => {
    expect(pWithin(exact)).toBeGreaterThan(target + 0.05);
    expect(pWithin(exact - 1)).toBeLessThan(target - 0.05);
  });

  it('returns the Erlang C answer from a start below and above it', () => {
    for (const start of [9, exact + 4]) {
      const r = leastStaff({
        trial: waitWithin,
        target,
        min: 9,
        max: 30,
        start,
        seed: 11,
        maxReplications: 2000,
        batch: 50,
      });
      expect(r.feasible).toBe(true);
      expect(r.staff).toBe(exact);
      expect(r.probability.lower).toBeGreaterThanOrEqual(target);
      expect(r.simulations).toBe(r.path.reduce((a, c) => a + c.probability.trials, 0));
    }
  });

  it('is reproducible with a seed', () => {
    const o = { trial: waitWithin, target, min: 9, max: 30, seed: 5, batch: 50, maxReplications: 2000 };
    expect(leastStaff(o)).toEqual(leastStaff(o));
  });

  it('is monotone in the target', () => {
    let previous = 0;
    for (const t of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98]) {
      const r = leastStaff({
        trial: waitWithin,
        target: t,
        min: 9,
        max: 40,
        start: 12,
        seed: 3,
        batch: 50,
        maxReplications: 1000,
      });
      expect(r.staff).not.toBeNull();
      expect(r.staff as number).toBeGreaterThanOrEqual(previous);
      previous = r.staff as number;
    }
  });

  it('reports an unreachable target within the bounds', () => {
    const r = leastStaff({ trial: waitWithin, target: 0.95, min: 9, max: 10, seed: 1 });
    expect(r.feasible).toBe(false);
    expect(r.staff).toBeNull();
    expect(r.message).toMatch(/no staffing within the bounds \[9, 10\] meets the target 0.95/);
  });
});

describe('leastStaff input checks', () => {
  const base = { trial: () => true, target: 0.9, min: 1, max: 5, seed: 1 };
  it.each([
    [{ target: 1 }, /target: expected a number in \(0, 1\)/],
    [{ target: 1.2 }, /target: expected a number in \(0, 1\)/],
    [{ min: -1 }, /min: expected/],
    [{ max: 0 }, /max: expected an integer ≥ min \(1\), got 0/],
    [{ batch: 0 }, /batch: expected/],
    [{ batch: 50, maxReplications: 10 }, /maxReplications: expected an integer ≥ batch/],
    [{ trial: 3 }, /trial: expected a function/],
    // 20 of 20 shows at best a lower bound of ≈ 0.839: 0.9 can never be cleared with that cap.
    [
      { batch: 20, maxReplications: 20 },
      /target: expected a probability ≤ 0\.83\d+, the most 20 replications/,
    ],
  ])('%o', (patch, message) => {
    expect(() => leastStaff({ ...base, ...patch } as never)).toThrow(ParameterError);
    expect(() => leastStaff({ ...base, ...patch } as never)).toThrow(message);
  });
});

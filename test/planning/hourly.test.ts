import { describe, expect, it } from 'vitest';
import { minimumServers } from '../../src/analytic/index.js';
import { hourlyStaffing } from '../../src/planning/index.js';
import { seededRng } from '../../src/random/index.js';

describe('hourlyStaffing', () => {
  const rates = [0.05, 0.2, 0.1];
  const mu = 1 / 60;
  it('starts from the lagged Erlang C plan per hour', async () => {
    const r = await hourlyStaffing({
      rates,
      serviceRate: mu,
      period: 3600,
      targets: { maxWaitProbability: 0.2 },
      max: 100,
    });
    const lag = 60 / 3600;
    const expected = rates.map(
      (x, i) =>
        minimumServers({
          arrivalRate: (1 - lag) * x + lag * (rates[i - 1] ?? 0),
          serviceRate: mu,
          maxWaitProbability: 0.2,
        }).servers,
    );
    expect(r.start).toEqual(expected);
    expect(r.plan).toEqual(expected);
  });
  it('repairs an hour that misses in simulation and reports its achieved probability', async () => {
    // The check needs at least 20 staff in hour 1 (with noise-free success above that).
    const r = await hourlyStaffing({
      rates,
      serviceRate: mu,
      period: 3600,
      targets: { maxWaitProbability: 0.2 },
      max: 40,
      check: {
        trial: (plan, h, seed) => h !== 1 || (plan[1] ?? 0) >= 19 + seededRng(seed, 'x').next(),
        target: 0.9,
        seed: 1,
        maxReplications: 80,
      },
    });
    expect(r.start[1]).toBeLessThan(20);
    expect(r.plan[1]).toBe(20);
    expect(r.checks[1]?.plan).toEqual({ staff: 20 });
    expect(r.checks[1]?.probability.lower).toBeGreaterThanOrEqual(0.9);
    // Hours 0 and 2 always meet: their Erlang C level stands.
    expect([r.plan[0], r.plan[2]]).toEqual([r.start[0], r.start[2]]);
    expect(r.unmet).toEqual([]);
    expect(r.simulations).toBe(r.checks.reduce((n, c) => n + c.simulations, 0));
  });
  it('reports an hour that misses even at its bound, and leaves it there', async () => {
    const r = await hourlyStaffing({
      rates,
      serviceRate: mu,
      period: 3600,
      targets: { maxWaitProbability: 0.2 },
      max: 25,
      check: { trial: (plan, h) => h !== 1 || (plan[1] ?? 0) >= 30, target: 0.9, seed: 1 },
    });
    expect(r.unmet).toEqual([1]);
    expect(r.plan[1]).toBe(25);
    expect(r.checks[1]?.feasible).toBe(false);
  });
  it('rejects empty rates, a bound below the Erlang C plan and a bad check before running', async () => {
    await expect(
      hourlyStaffing({
        rates: [],
        serviceRate: mu,
        period: 3600,
        targets: { maxWaitProbability: 0.2 },
        max: 10,
      }),
    ).rejects.toThrow(/rates: expected a non-empty list/);
    await expect(
      hourlyStaffing({
        rates: [1],
        serviceRate: mu,
        period: 3600,
        targets: { maxWaitProbability: 0.2 },
        max: 10,
      }),
    ).rejects.toThrow(/max: expected an integer ≥ the Erlang C staffing of period 0/);
    let ran = 0;
    const trial = () => ++ran > 0;
    const o = { rates, serviceRate: mu, period: 3600, targets: { maxWaitProbability: 0.2 }, max: 40 };
    await expect(hourlyStaffing({ ...o, check: { trial, target: 1, seed: 1 } })).rejects.toThrow(
      /target: expected a number in \(0, 1\)/,
    );
    await expect(hourlyStaffing({ ...o, check: { trial, target: 0.9, seed: -1 } })).rejects.toThrow(
      /check\.seed/,
    );
    expect(ran).toBe(0);
  });
});

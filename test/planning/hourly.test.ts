import { describe, expect, it } from 'vitest';
import { minimumServers } from '../../src/analytic/index.js';
import { hourlyStaffing } from '../../src/planning/index.js';
import { seededRng } from '../../src/random/index.js';

describe('hourlyStaffing', () => {
  const rates = [0.05, 0.2, 0.1];
  const mu = 1 / 60;
  it('starts from the lagged Erlang C plan per hour', () => {
    const r = hourlyStaffing({
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
  it('repairs an hour that misses in simulation and reports its achieved probability', () => {
    // The check needs at least 20 staff in hour 1 (with noise-free success above that).
    const r = hourlyStaffing({
      rates,
      serviceRate: mu,
      period: 3600,
      targets: { maxWaitProbability: 0.2 },
      max: 40,
      check: {
        trial: (plan, h, seed) => h !== 1 || (plan[1] ?? 0) >= 19 + seededRng(seed, 'x').next(),
        target: 0.9,
        seed: 1,
        batch: 40,
        maxReplications: 80,
      },
    });
    expect(r.plan[1]).toBe(20);
    expect(r.checks[1]?.verdict).toBe('meets');
    expect(r.unmet).toEqual([]);
  });
  it('rejects empty rates and a bound below the Erlang C plan', () => {
    expect(() =>
      hourlyStaffing({
        rates: [],
        serviceRate: mu,
        period: 3600,
        targets: { maxWaitProbability: 0.2 },
        max: 10,
      }),
    ).toThrow(/rates: expected a non-empty list/);
    expect(() =>
      hourlyStaffing({
        rates: [1],
        serviceRate: mu,
        period: 3600,
        targets: { maxWaitProbability: 0.2 },
        max: 10,
      }),
    ).toThrow(/max: expected an integer ≥ the Erlang C staffing of period 0/);
  });
});

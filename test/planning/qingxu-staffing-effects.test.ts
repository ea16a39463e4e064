import { describe, expect, it } from 'vitest';
import {
  eveningParameters,
  HedongRuns,
  marginalEvening,
  sensitivityEvening,
  staffingBase,
} from '../../scenarios/qingxu-staffing.js';

// Two of Hedong's 50 points (their share of the people and staff), few replications: the effects
// are large enough at this size for the paired intervals to settle their sign.
describe('what one more person buys on the replayed evening (reduced)', () => {
  const runs = new HedongRuns();
  const m = marginalEvening({ seed: 3, replications: 3, scale: 0.04, runs });
  const clerks = m.roles.find((r) => r.role === 'clerks');
  const swabbers = m.roles.find((r) => r.role === 'swabbers');

  it('adds one per point and counts each distinct run once', () => {
    expect(m.points).toBe(2);
    expect(clerks?.added).toBe(2);
    // base + one plan per role, three seeds each; the per-hour effects reuse them.
    expect(m.simulations).toBe(9);
    expect(runs.simulations).toBe(9);
  });

  it('one more clerk per point brings the last swab forward (registration binds), a swabber does not', () => {
    expect(clerks?.lastSwab.upper).toBeLessThan(0);
    expect(Math.abs(swabbers?.lastSwab.mean ?? 1)).toBeLessThan(Math.abs(clerks?.lastSwab.mean ?? 0) / 10);
  });

  it('states per hour: more swabbed early, fewer left for the last hours, the same people in all', () => {
    const hours = clerks?.perHour ?? [];
    expect(hours.length).toBeGreaterThanOrEqual(6);
    expect(hours[0]?.effect.lower).toBeGreaterThan(0);
    const total = hours.reduce((a, h) => a + h.effect.mean!, 0);
    expect(total).toBeCloseTo(0, 6);
  });
});

describe('sensitivity of the replayed evening (reduced)', () => {
  const s = sensitivityEvening({ seed: 3, replications: 2, scale: 0.04 });

  it('has a row per parameter with its range and basis, sorted by swing', () => {
    expect(s.lastSwab.rows.map((r) => r.name).sort()).toEqual(
      eveningParameters(2, 0.04)
        .map((p) => p.name)
        .sort(),
    );
    for (const r of s.lastSwab.rows) expect(r.basis).toMatch(/hedong\./);
    const swings = s.lastSwab.rows.map((r) => r.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });

  it('fewer clerks and more assisted people finish later; swab tables barely matter', () => {
    const row = (name: string) => s.lastSwab.rows.find((r) => r.name === name);
    expect(row('clerks per point')?.low.lower).toBeGreaterThan(0);
    expect(row('clerks per point')?.high.upper).toBeLessThan(0);
    expect(row('assisted registration')?.high.mean).toBeGreaterThan(0);
    expect(row('swab tables')?.swing).toBeLessThan(row('clerks per point')?.swing ?? 0);
    expect(s.atDeadline.base).toBeLessThanOrEqual(staffingBase(0.04).population);
  });
});

// The calling model: arrivals against hand-worked cases (counts per wave, delays), a fast-check
// property that everyone called is accounted for exactly once, and the plan it is read from.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { type DemandPlan, drawPointDemand, homeVisits, splitHome } from '../../models/campaign/demand.js';
import { planCampaign } from '../../models/campaign/plan.js';
import { checkSpec } from '../../models/campaign/validate.js';
import { constant, type Rng, seededRng, uniform } from '../../src/index.js';

const plan = (over: Partial<DemandPlan> = {}): DemandPlan => ({
  kind: 'waves',
  waves: [
    { name: 'a', at: 0, share: 0.5, turnout: 1 },
    { name: 'b', at: 3600, share: 0.5, turnout: 1 },
  ],
  delay: constant({ value: 600 }),
  late: null,
  mopUp: null,
  walkUp: null,
  home: null,
  ...over,
});

/** An Rng that returns the given values in turn (then 0.5). */
const fixed = (...xs: number[]): Rng => ({ next: () => xs.shift() ?? 0.5 });

describe('drawPointDemand', () => {
  it('puts each wave at its call time plus the delay, with its share of the people', () => {
    const d = drawPointDemand(plan(), 10, 0, seededRng(1));
    // 5 people per wave, each arriving 600 s after the call.
    expect([...d.times]).toEqual([600, 600, 600, 600, 600, 4200, 4200, 4200, 4200, 4200]);
    expect(d.counts).toEqual({ called: 10, onTime: 10, late: 0, moppedUp: 0, absent: 0, home: 0, walkUp: 0 });
  });

  it('splits by largest remainders and applies each wave its turnout', () => {
    const p = plan({
      waves: [
        { name: 'a', at: 0, share: 0.7, turnout: 1 },
        { name: 'b', at: 100, share: 0.3, turnout: 0 },
      ],
    });
    // 7 × 0.7 = 4.9 → 5 and 2.1 → 2; the second group never comes.
    const d = drawPointDemand(p, 7, 0, seededRng(2));
    expect(d.counts.onTime).toBe(5);
    expect(d.counts.absent).toBe(2);
    expect([...d.times]).toEqual([600, 600, 600, 600, 600]);
  });

  it('delays the late and brings the mopped-up after the second call', () => {
    const p = plan({
      waves: [{ name: 'a', at: 0, share: 1, turnout: 0.5 }],
      late: { share: 0.5, delay: constant({ value: 1000 }) },
      mopUp: { at: 5000, share: 0.5, delay: constant({ value: 60 }) },
    });
    // Draws per person: come? (u < 0.5), then late? (u < 0.5) or mopped up? (u < 0.5).
    // P1: 0.1 comes, 0.9 on time → 600.  P2: 0.2 comes, 0.3 late → 1600.
    // P3: 0.7 absent, 0.4 mopped up → 5060.  P4: 0.8 absent, 0.9 stays absent.
    const d = drawPointDemand(p, 4, 0, fixed(0.1, 0.9, 0.2, 0.3, 0.7, 0.4, 0.8, 0.9));
    expect([...d.times]).toEqual([600, 1600, 5060]);
    expect(d.counts).toEqual({ called: 4, onTime: 1, late: 1, moppedUp: 1, absent: 1, home: 0, walkUp: 0 });
  });

  it('draws walk-ups as a Poisson process of the given rate', () => {
    const p = plan({
      waves: [{ name: 'a', at: 0, share: 1, turnout: 1 }],
      walkUp: { rate: 0.01, from: 0, until: 100_000 },
    });
    const d = drawPointDemand(p, 0, 0.01, seededRng(3));
    // Expected 1,000, sd ≈ 31.6: within 5 sd.
    expect(Math.abs(d.counts.walkUp - 1000)).toBeLessThan(160);
    expect(d.times.every((t) => t >= 0 && t < 100_000)).toBe(true);
  });
});

describe('homeVisits', () => {
  it('shares the visits among the teams as each is free', () => {
    const home = { share: 0.1, teams: 2, from: 100, visit: constant({ value: 50 }) };
    const h = homeVisits(home, 5, seededRng(1));
    expect([...h.done]).toEqual([150, 150, 200, 200, 250]);
    expect(h.last).toBe(250);
    expect(splitHome(plan({ home }), 1000)).toEqual({ home: 100, toPoints: 900 });
  });
});

describe('everyone called is accounted for', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 400 }),
      fc.array(
        fc.record({
          share: fc.integer({ min: 1, max: 10 }),
          turnout: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 0.2, noNaN: true }),
      fc.integer({ min: 1, max: 1000 }),
    ],
    { numRuns: 100 },
  )('arrived + late + mopped-up + absent + home = called', (residents, ws, late, mop, home, seed) => {
    const total = ws.reduce((a, w) => a + w.share, 0);
    const p = plan({
      waves: ws.map((w, i) => ({ name: `${i}`, at: i * 600, share: w.share / total, turnout: w.turnout })),
      delay: uniform({ min: 0, max: 1800 }),
      late: { share: late, delay: constant({ value: 900 }) },
      mopUp: { at: 7200, share: mop, delay: constant({ value: 300 }) },
      home: { share: home, teams: 1, from: 0, visit: constant({ value: 60 }) },
    });
    const { home: h, toPoints } = splitHome(p, residents);
    const d = drawPointDemand(p, toPoints, 0, seededRng(seed));
    const c = d.counts;
    expect(c.onTime + c.late + c.moppedUp + c.absent + h).toBe(residents);
    expect(d.times.length).toBe(c.onTime + c.late + c.moppedUp + c.walkUp);
    for (let i = 1; i < d.times.length; i++) expect(d.times[i]!).toBeGreaterThanOrEqual(d.times[i - 1]!);
  });
});

describe('calling in a spec', () => {
  const spec = (calling: unknown) => ({
    name: 'v',
    title: 'v',
    epoch: '2022-04-13T00:00+08:00',
    testing: {
      v: {
        open: '08:00',
        residents: 100,
        turnout: '90%',
        calling,
        staff: { swabbers: 1 },
        flow: [{ serve: 'swab', by: 'swabbers', time: '10 s' }, { leave: 'tested' }],
      },
    },
  });

  it('reads a schedule as equal waves with the area turnout', () => {
    const s = spec({ kind: 'waves', schedule: { from: '08:00', every: '30 min', count: 3 }, delay: '5 min' });
    checkSpec(s);
    const a = planCampaign(s).plan.testing.v!.arrivals as DemandPlan;
    expect(a.waves.map((w) => [w.at, w.turnout])).toEqual([
      [8 * 3600, 0.9],
      [8.5 * 3600, 0.9],
      [9 * 3600, 0.9],
    ]);
  });

  it('refuses waves whose shares do not sum to 1, and both waves and a schedule', () => {
    const bad = spec({ kind: 'waves', waves: [{ at: '08:00', share: 0.5 }], delay: '5 min' });
    checkSpec(bad);
    expect(() => planCampaign(bad)).toThrow(/testing\.v\.calling\.waves.*sum to 1/);
    const both = spec({
      kind: 'waves',
      waves: [{ at: '08:00', share: 1 }],
      schedule: { from: '08:00', every: '1 h', count: 1 },
      delay: '5 min',
    });
    expect(() => checkSpec(both)).toThrow(/calling\.waves.*either waves or a schedule/);
  });
});

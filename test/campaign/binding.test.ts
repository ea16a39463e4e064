// The binding-constraint rule: on samples built by hand, and on whole areas built to be demand-bound
// (arrivals far below what the staff can serve) and capacity-bound (far above).
import { describe, expect, it } from 'vitest';
import { type BindingSample, bindingHours, saturated } from '../../models/campaign/binding.js';
import { planCampaign } from '../../models/campaign/plan.js';
import { runCampaign } from '../../models/campaign/run.js';
import { checkSpec } from '../../models/campaign/validate.js';

const sample = (time: number, waiting: number, onDuty: number, busy: number): BindingSample => ({
  time,
  inPoints: waiting + busy,
  roles: { clerks: { busy, onDuty, waiting, saturated: saturated(waiting, onDuty) ? 1 : 0, points: 1 } },
});

describe('bindingHours (the rule)', () => {
  it('calls an hour capacity-bound when the role is saturated in at least half its samples', () => {
    const s = Array.from({ length: 12 }, (_, i) => sample(i * 300, i < 6 ? 4 : 0, 4, 4));
    const h = bindingHours(0, s, [0]).hours[0]!;
    expect(h.state).toBe('capacity');
    expect(h.role).toBe('clerks');
    expect(h.roles.clerks!.saturated).toBe(0.5);
  });

  it('calls it demand-bound when fewer samples are saturated, and idle when nobody came', () => {
    const s = Array.from({ length: 12 }, (_, i) => sample(i * 300, i < 5 ? 4 : 0, 4, 1));
    const empty = Array.from({ length: 12 }, (_, i) => sample(3600 + i * 300, 0, 4, 0));
    const r = bindingHours(0, [...s, ...empty], [10]);
    expect(r.hours.map((h) => h.state)).toEqual(['demand', 'idle']);
    expect(r.capacityHours).toBe(0);
    expect(r.demandHours).toBe(1);
  });

  it('needs as many waiting as on duty, at least one; nobody on duty with people waiting binds', () => {
    expect(saturated(3, 4)).toBe(false);
    expect(saturated(4, 4)).toBe(true);
    expect(saturated(0, 0)).toBe(false);
    expect(saturated(1, 0)).toBe(true);
  });
});

/** One area of `people` called at once over an hour, served by `swabbers` at 60 s each. */
function area(people: number, swabbers: number) {
  const spec = {
    name: 'b',
    title: 'b',
    epoch: '2022-04-13T00:00+08:00',
    testing: {
      site: {
        open: '08:00',
        deadline: '12:00',
        residents: people,
        calling: { kind: 'call', at: '08:00', within: '1 h' },
        staff: { swabbers },
        flow: [
          { serve: 'swab', by: 'swabbers', time: { dist: 'exponential', mean: '60 s' } },
          { leave: 'tested' },
        ],
      },
    },
  };
  checkSpec(spec);
  return runCampaign(planCampaign(spec).plan, 1).testing.site!;
}

describe('binding constraint of whole areas', () => {
  it('says demand when arrivals are far below what the staff can serve', () => {
    // 120 people in an hour for 10 swabbers who could serve 600: utilisation ≈ 0.2.
    const r = area(120, 10);
    expect(r.binding.hours[0]!.state).toBe('demand');
    expect(r.binding.capacityHours).toBe(0);
    expect(r.binding.hours[0]?.roles.swabbers?.utilisation ?? 1).toBeLessThan(0.4);
  });

  it('says capacity when arrivals are far above it, naming the role', () => {
    // 2,000 people in an hour for 10 swabbers who can serve 600 an hour.
    const r = area(2000, 10);
    expect(r.binding.hours.slice(0, 3).map((h) => [h.state, h.role])).toEqual([
      ['capacity', 'swabbers'],
      ['capacity', 'swabbers'],
      ['capacity', 'swabbers'],
    ]);
    expect(r.binding.hours[1]?.roles.swabbers?.utilisation ?? 0).toBeGreaterThan(0.95);
  });
});

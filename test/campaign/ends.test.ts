/**
 * A campaign's testing area always ends, with everyone accounted for (issue 22's case, written as a
 * spec): every role works 00:00–01:00, 2,000 people are called at 00:00, the deadline is 01:00. When
 * the staff go home the people still waiting can never be served; the run must end and count them,
 * by the stage they wait at.
 */
import { describe, expect, it } from 'vitest';
import { planCampaign, runCampaign } from '../../models/campaign/index.js';

const shifts = (count: number) => ({ shifts: [{ start: '00:00', end: '01:00', count }] });

const SPEC = {
  name: 'night-shift',
  title: 'Staff who go home at 01:00',
  epoch: '2023-01-01T00:00+08:00',
  testing: {
    village: {
      open: '00:00',
      deadline: '01:00',
      residents: 2000,
      calling: { kind: 'call', at: '00:00', within: '10 min' },
      points: 2,
      staff: { clerks: shifts(4), swabbers: shifts(2) },
      flow: [
        { serve: 'registration', by: 'clerks', time: '30 s' },
        { seize: 'swabbers', stage: 'swab' },
        { delay: '15 s', stage: 'swab' },
        { pool: 'tube', size: 10, hold: '20 s' },
        { release: 'swabbers' },
        { leave: 'tested' },
      ],
      courier: { every: '30 min', boxSize: 50, transport: '30 min' },
      lab: { machines: 1, batchSize: 94, runTime: '1 h' },
    },
  },
};

describe('a testing area whose staff all go home', () => {
  it('ends, and counts who was not tested and where they waited', () => {
    const r = runCampaign(planCampaign(SPEC).plan, 1).testing.village!;
    const a = r.accounting;
    const left = Object.values(a.left).reduce((x, y) => x + y, 0);
    expect(a.notArrived + a.queued + a.inService + left).toBe(2000);
    // Two clerks a point register one person each every 30 s for an hour: at most 2 × 2 × 120 = 480
    // people reach the swab, where one swabber a point takes 15 s a person plus 20 s a full tube.
    expect(r.tested).toBeGreaterThan(0);
    expect(r.tested).toBeLessThanOrEqual(480);
    expect(r.notTestedAtDeadline).toBe(2000 - r.testedAtDeadline);
    expect(a.queued).toBe(2000 - r.tested - a.inService);
    expect(a.inService).toBe(0);
    expect((a.queuedAt.registration ?? 0) + (a.queuedAt.swab ?? 0)).toBe(a.queued);
    expect(a.queuedAt.registration).toBeGreaterThan(1000); // most never reached a clerk
    expect(r.finish!).toBeLessThanOrEqual(3600 + 35);
    // The tubes that were sealed still reach the lab and are resulted.
    expect(r.tubes.delivered).toBe(r.tubes.sealed);
    expect(r.lab.resulted).toBe(r.tubes.sealed);
  });
});

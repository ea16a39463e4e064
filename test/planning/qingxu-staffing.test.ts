import { describe, expect, it } from 'vitest';
import { runHedong } from '../../scenarios/qingxu/index.js';
import {
  formatStaffing,
  planHedongStaffing,
  STAFFING_VARIANTS,
  staffingBase,
} from '../../scenarios/qingxu-staffing.js';
import { SIX_HOURS } from '../../scenarios/staffing/plan.js';

// A reduced Hedong (2 of its 50 points, their share of the 119,246 people) with a short cap and a
// target 20 replications can show (20/20 gives a lower bound ≈ 0.84): the search must still return
// a plan whose interval clears the target, or say plainly that none does.
describe('qingxu-staffing (reduced)', () => {
  const target = 0.8;
  const r = planHedongStaffing({
    seed: 2,
    scale: 0.04,
    target,
    maxReplications: 20,
    batch: 20,
    bounds: { clerks: [1, 8], swabbers: [1, 6] },
  });

  it('scales the area and keeps the replay parameters', () => {
    const b = staffingBase(0.04);
    expect(b.points).toBe(2);
    expect(b.population).toBe(Math.round(119_246 * (2 / 50)));
  });

  it('finds a plan for the evening as it was and with QR, at least the throughput bound, and QR needs no more clerks', () => {
    const asIs = r.plans.find((p) => p.id === 'as-it-was');
    const qr = r.plans.find((p) => p.id === 'qr');
    expect(asIs?.result.feasible).toBe(true);
    expect(qr?.result.feasible).toBe(true);
    expect(asIs?.result.probability.lower).toBeGreaterThanOrEqual(target);
    expect(asIs?.result.plan?.clerks).toBeGreaterThanOrEqual(asIs?.estimate.clerks ?? 0);
    expect(qr?.result.plan?.clerks).toBeLessThanOrEqual(asIs?.result.plan?.clerks ?? 0);
  });

  it('reports the replay slots (the last ending at the deadline) as infeasible rather than searching on', () => {
    const slots = r.plans.find((p) => p.id === 'slots');
    expect(slots?.result.feasible).toBe(false);
    expect(slots?.result.message).toMatch(/no staffing within the bounds/);
  });

  it('the replay slots miss only because people still arrive at the deadline, not for want of staff', () => {
    // With 12 clerks and 12 swabbers a point nobody waits long: the last swab falls minutes after
    // 01:00 and only the last minutes' arrivals are left, so no staffing can meet the deadline.
    const slots = STAFFING_VARIANTS.find((v) => v.id === 'slots');
    const h = slots?.apply(staffingBase(0.04));
    if (!h) throw new Error('no slots variant');
    const run = runHedong({ ...h, staff: { ...h.staff, clerks: 24, swabbers: 24 } }, { seed: 5 });
    expect(run.finish).toBeGreaterThan(SIX_HOURS);
    expect((run.finish ?? 0) - SIX_HOURS).toBeLessThan(300);
    expect(run.population - run.testedAtDeadline).toBeLessThan(20);
  });

  it('finds a plan for slots that close an hour before the deadline', () => {
    const early = r.plans.find((p) => p.id === 'slots-early');
    expect(early?.result.feasible).toBe(true);
    expect(early?.result.probability.lower).toBeGreaterThanOrEqual(target);
  });

  it('names registration as the replayed evening’s bottleneck while queues are long, and states the numbers', () => {
    expect(r.bottlenecks.length).toBeGreaterThan(3);
    expect(r.bottlenecks[2]?.bottleneck).toBe('registration');
    const text = formatStaffing({ ...r, marginal: null, sensitivity: null });
    expect(text).toMatch(/P\(done by 6 h\) = [01]\.\d{3} \[/);
    expect(text).toMatch(/Simulations in all: \d+/);
  });
}, 60_000);

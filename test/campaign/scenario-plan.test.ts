/**
 * `campaignScenario` plans its spec once: the plan gives the figures and the provenance gives the
 * fitted values and assumptions, both from one `planCampaign` call (counted by wrapping it), and
 * the replications of a run share the plan of their parameters.
 */
import { describe, expect, it, vi } from 'vitest';
import { campaignScenario } from '../../models/index.js';
import { runScenario } from '../../src/index.js';
import { village } from './helpers.js';

const planned = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../models/campaign/plan.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../models/campaign/plan.js')>();
  return {
    ...mod,
    planCampaign: ((spec) => {
      planned.count++;
      return mod.planCampaign(spec);
    }) as typeof mod.planCampaign,
  };
});

describe('campaignScenario plans once', () => {
  it('one planCampaign call makes the scenario, its fitted values and its assumptions', () => {
    planned.count = 0;
    const s = campaignScenario(village());
    expect(planned.count).toBe(1);
    expect(Object.keys(s.fitted ?? {})).toEqual([
      'testing.village.staff.clerks',
      'isolation.school.workPerBed',
    ]);
    expect(s.figures.map((f) => f.id)).toEqual(['done', 'beds']);
  });

  it('a run plans its parameters once, however many replications', () => {
    const s = campaignScenario(village());
    planned.count = 0;
    runScenario(s, { replications: 3, seed: 1 });
    expect(planned.count).toBe(1);
  });
});

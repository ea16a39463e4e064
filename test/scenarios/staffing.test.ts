import { describe, expect, it } from 'vitest';
import { QINGXU_STAFFING } from '../../scenarios/qingxu-staffing.js';
import { readCampaign } from '../../src/cli/campaign.js';
import type { CliIo } from '../../src/cli/io.js';
import { threadSpecRuns } from '../../src/cli/specRuns.js';
import { staffCommand } from '../../src/cli/staff.js';
import { replicationSeed } from '../../src/random/seed.js';

// Hedong reduced to 2 of its 50 points with their share of the 119,246 people: the staffing question
// of scenarios/qingxu-staffing.ts (its variants as spec changes) at a size that runs in seconds.
const REDUCED = [
  '--set',
  'testing.hedong.points=2',
  '--set',
  'testing.hedong.residents=4770',
  '--set',
  'testing.hedong.staff.marshals=4',
  '--set',
  'testing.hedong.staff.clerks=8',
  '--set',
  'testing.hedong.staff.swabbers=8',
];

describe('qingxu-staffing on the campaign spec (reduced)', async () => {
  let out = '';
  const io: CliIo = { out: (s) => (out += s), err: () => {}, errStream: process.stderr, errIsTTY: false };
  const code = await staffCommand([...QINGXU_STAFFING, ...REDUCED, '--workers', '1', '--json'], io);
  const report = JSON.parse(out);
  const plan = (id: string) => report.plans.find((p: { id: string }) => p.id === id);

  it('plans the evening as it was, QR and the early slots, each confirmed at the target', () => {
    expect(code).toBe(0);
    for (const id of ['as-written', 'qr', 'slots-early']) {
      expect(plan(id).result.feasible).toBe(true);
      expect(plan(id).result.probability.lower).toBeGreaterThanOrEqual(0.95);
      expect(plan(id).totals.clerks).toBe(plan(id).result.plan.clerks * 2);
    }
    // QR moves registration work off the clerks: never more clerks than as it was.
    expect(plan('qr').result.plan.clerks).toBeLessThanOrEqual(plan('as-written').result.plan.clerks);
  });

  it('reports the replay slots (the last ending at the deadline) as infeasible', () => {
    expect(plan('slots').result.feasible).toBe(false);
    expect(plan('slots').result.message).toMatch(/no plan within the bounds meets the target 0\.95/);
  });

  it('one clerk fewer than the answer was shown to miss, and a brute-force count agrees', async () => {
    const asIs = plan('as-written').result;
    const fewer = { clerks: asIs.plan.clerks - 1, swabbers: 12 };
    const verdict = asIs.path.find(
      (v: { plan: Record<string, number> }) =>
        v.plan.clerks === fewer.clerks && v.plan.swabbers === fewer.swabbers,
    );
    expect(verdict?.verdict).toBe('misses');
    // Brute force: 30 replications of that plan on the same seeds, run directly.
    const { spec } = readCampaign('qingxu');
    const { runs, close } = threadSpecRuns(spec, 'hedong', 1);
    const overrides = {
      testing: {
        hedong: {
          residents: 4770,
          turnout: 1,
          points: 2,
          staff: { marshals: 4, clerks: fewer.clerks * 2, swabbers: fewer.swabbers * 2 },
        },
      },
    };
    const figures = await runs(
      Array.from({ length: 30 }, (_, i) => ({ overrides, seed: replicationSeed(1, i) })),
    );
    await close();
    const inTime = figures.filter(
      (f) => f.tested === f.population && f.finish !== null && f.finish - f.opensAt <= 6 * 3600,
    ).length;
    expect(inTime / 30).toBeLessThan(0.95);
  });
});

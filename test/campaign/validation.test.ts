// Every validation spec (campaigns/validation) checks, plans and runs at a small size — one
// replication, the capacity probe cut to a few hundred people — and accounts for everyone; the
// full table is made by scripts/validation-table.ts (docs/validation.md).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignScenario, overrideSpec } from '../../models/campaign/index.js';
import { runScenario } from '../../src/index.js';

const dir = new URL('../../campaigns/validation/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('qingxu'));

describe('campaigns/validation', () => {
  it('has at least five campaigns besides Qingxu, one outside China', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files.some((f) => f.startsWith('slovakia') || f.startsWith('hong-kong'))).toBe(true);
  });

  it.each(files)('%s runs at a small size and accounts for everyone', (file) => {
    const spec = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const small = overrideSpec(spec, { testing: { capacity: { residents: 300 } } });
    const r = runScenario(campaignScenario(small), { replications: 1, seed: 1, keepRuns: true });
    const sites = r.runs?.[0]?.testing.sites;
    if (!sites) throw new Error('no sites result');
    const a = sites.accounting;
    const left = Object.values(a.left).reduce((x, y) => x + y, 0);
    expect(a.notArrived + a.queued + a.inService + left).toBe(a.population);
    if (sites.demand) {
      const d = sites.demand;
      expect(d.onTime + d.late + d.moppedUp + d.absent + d.home).toBe(d.called);
      expect(a.population).toBe(d.onTime + d.late + d.moppedUp + d.walkUp);
    }
    expect(sites.binding.hours.length).toBeGreaterThan(0);
    expect(r.figures[0]!.median).not.toBeNull();
  });
});

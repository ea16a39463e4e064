import { describe, expect, it } from 'vitest';
import { bigCityShard } from '../../bench/big-city.js';
import { twoStageSite } from '../../bench/two-stage.js';
import { runAreaTesting } from '../../models/area-testing.js';
import { replicationSeed } from '../../src/random/seed.js';

const ctx = (seed: number) => ({ seed, replication: 0, streams: undefined as never });

describe('bench/big-city shard', () => {
  it('sums its sites, each run with its own seed', () => {
    const p = { sitesPerShard: 3, peoplePerSite: 400, monitors: false };
    const shard = bigCityShard(p, ctx(9));
    const input = {
      population: 400,
      sites: 1,
      staff: { swabbers: 1, clerks: 2, marshals: 2 },
      site: { arrivals: { kind: 'call', at: 0, within: 10_800 } },
    } as const;
    const sites = [0, 1, 2].map((k) =>
      runAreaTesting(input, { seed: replicationSeed(9, k), monitors: false }),
    );
    expect(shard.people).toBe(1200);
    expect(shard.tested).toBe(sites.reduce((a, r) => a + r.tested, 0));
    expect(shard.lastSwab).toBe(Math.max(...sites.map((r) => r.finish ?? 0)));
    expect(shard.meanSiteFinish).toBeCloseTo(sites.reduce((a, r) => a + (r.finish ?? 0), 0) / 3, 9);
    // Different seeds per site: the sites do not all finish at the same time.
    expect(new Set(sites.map((r) => r.finish)).size).toBe(3);
  });

  it('does not depend on monitors for its sums', () => {
    const p = { sitesPerShard: 2, peoplePerSite: 300, monitors: false };
    expect(bigCityShard({ ...p, monitors: true }, ctx(4))).toEqual(bigCityShard(p, ctx(4)));
  });
});

describe('bench/two-stage site', () => {
  it('tests everyone and finishes after the arrivals', () => {
    const r = twoStageSite(2000, 1);
    expect(r.tested).toBe(2000);
    expect(r.lastSwab).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { areaSites, runAreaTesting, splitProportional } from '../../models/area-testing.js';
import { ParameterError } from '../../src/index.js';

describe('area testing', () => {
  it('splits population and staff pools and accounts for everyone', () => {
    expect(splitProportional(10, [1, 1, 1])).toEqual([4, 3, 3]);
    const sites = areaSites({ population: 1001, sites: 4, staff: { swabbers: 9 } });
    expect(sites.map((s) => s.population)).toEqual([251, 250, 250, 250]);
    expect(sites.reduce((a, s) => a + (s.swabbers as number), 0)).toBe(9);
    const r = runAreaTesting(
      { population: 3000, sites: 3, lab: { machines: 1, runTime: '1 h' } },
      { seed: 1 },
    );
    expect(r.tested).toBe(3000);
    expect(r.finish).toBe(Math.max(...r.sites.map((s) => s.lastSwab ?? 0)));
    expect(r.lab?.resulted).toBe(r.sites.reduce((a, s) => a + s.tubes.sealed, 0));
    expect(r.lab?.lastResult).toBeGreaterThan(r.finish ?? 0);
  });

  it('names the bad parameter', () => {
    expect(() => runAreaTesting({ population: 100, sites: 2, staff: { swabbers: 1 } })).toThrow(
      ParameterError,
    );
    expect(() => runAreaTesting({ sites: [{ swabbers: 0 }] })).toThrow(/sites\[0\]\.swabbers/);
    expect(() => runAreaTesting({ sites: 2, lab: { machines: 0 } })).toThrow(/lab\.machines/);
  });
});

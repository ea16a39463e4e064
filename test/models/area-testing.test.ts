import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaSites, benchAreaTesting, runAreaTesting, splitProportional } from '../../models/area-testing.js';
import { ParameterError } from '../../src/index.js';
import { HAND_SITE } from './hand-site.js';

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

  it('constant times: the area finishes with its slowest site (hand calculation)', () => {
    const site = HAND_SITE;
    // Site 0: swabs 7–17, 17–27 (+3 tube), 30–40, 40–50. Site 1, 20-s swabs: 7–27, 27–47 (+3 tube),
    // p2 waits from 27 to 50, swab 50–70, p3 70–90.
    const r = runAreaTesting({ sites: [site, { ...site, swabTime: 20 }] }, { seed: 1 });
    expect(r.sites.map((x) => x.lastSwab)).toEqual([50, 90]);
    expect(r.finish).toBe(90);
    expect(r.tested).toBe(8);
    expect(r.sites[1]?.waits.swab.all.max).toBeCloseTo(33, 9); // p3: ready at 37, swabbed at 70
  });

  it('names the bad parameter', () => {
    expect(() => runAreaTesting({ population: 100, sites: 2, staff: { swabbers: 1 } })).toThrow(
      ParameterError,
    );
    expect(() => runAreaTesting({ sites: [{ swabbers: 0 }] })).toThrow(/sites\[0\]\.swabbers/);
    expect(() => runAreaTesting({ sites: 2, lab: { machines: 0 } })).toThrow(/lab\.machines/);
  });

  it('bad area inputs are ParameterErrors with a path, never a crash or a hang', () => {
    const badSite = fc.oneof(
      fc.record({ swabbers: fc.oneof(fc.integer({ max: 0 }), fc.constant('many')) }),
      fc.record({ population: fc.oneof(fc.integer({ max: -1 }), fc.constant(0.5)) }),
      fc.record({ pool: fc.integer({ min: 101, max: 1e6 }) }),
      fc.record({ arrivals: fc.constant({ kind: 'slots', slots: [{ start: 0, end: 10, share: 0.5 }] }) }),
    );
    const bad = fc.oneof(
      fc.record({ sites: fc.oneof(fc.integer({ max: 0 }), fc.constant([]), fc.constant('x')) }),
      fc.record({ population: fc.oneof(fc.integer({ max: -1 }), fc.constant(1e12)), sites: fc.constant(2) }),
      fc.record({ sites: fc.array(badSite, { minLength: 1, maxLength: 3 }) }),
      fc.record({
        sites: fc.constant(3),
        staff: fc.record({ clerks: fc.oneof(fc.integer({ max: 2 }), fc.constant(Number.NaN)) }),
      }),
      fc.record({ sites: fc.constant(1), staff: fc.constant({ drivers: 3 }) }),
      fc.record({ sites: fc.constant(1), lab: fc.constant({ machines: -1 }) }),
    );
    fc.assert(
      fc.property(bad, (input) => {
        let err: unknown;
        try {
          runAreaTesting(input as never, { seed: 1 });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ParameterError);
        expect((err as ParameterError).path.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('population', 'sites', 'site', 'staff', 'lab'), fc.anything()),
        (input) => {
          try {
            // A valid junk input may be a small area; keep it small so the property stays fast.
            runAreaTesting({ population: 50, sites: 1, ...input } as never, { seed: 1 });
          } catch (e) {
            expect(e).toBeInstanceOf(ParameterError);
          }
        },
      ),
      { numRuns: 150, seed: 37 },
    );
  });

  it('village time slots: nobody arrives outside a slot and everyone is accounted for', () => {
    const r = runAreaTesting(
      {
        sites: [
          {
            population: 400,
            arrivals: {
              kind: 'slots',
              slots: [
                { start: '19:00', end: '20:00', share: 0.5 },
                { start: '21:00', end: '22:00', share: 0.5 },
              ],
            },
            bin: '1 h',
          },
        ],
      },
      { seed: 4, epoch: '2022-04-13T19:00+08:00' },
    );
    const s = r.sites[0]!;
    expect(s.series.map((x) => x.arrived).slice(0, 3)).toEqual([200, 0, 200]);
    expect(s.tested).toBe(400);
  });

  it("changing one site leaves the others' random numbers alone (named streams per site)", () => {
    const a = runAreaTesting({ sites: [{ population: 300 }, { population: 300 }] }, { seed: 8 });
    const b = runAreaTesting(
      { sites: [{ population: 300 }, { population: 300, swabTime: 20 }] },
      { seed: 8 },
    );
    expect(b.sites[0]).toEqual(a.sites[0]);
    expect(b.sites[1]?.lastSwab).not.toBe(a.sites[1]?.lastSwab);
  });

  it('the 120,000-person benchmark area tests everyone (speed is measured in bench/, not asserted here)', () => {
    const r = benchAreaTesting(120_000, 48, 1, false);
    expect(r.finish).toBeGreaterThan(10_800); // arrivals run to 3 h, the last swab is later
    expect(r.peoplePerSecond).toBeGreaterThan(0);
  });
});

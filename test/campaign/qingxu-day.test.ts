/**
 * The Qingxu day from its spec, beyond the pinned replay (qingxu-replay.test.ts): the result has the
 * documented shape and charts; every component accounts for everyone; key values move the figures
 * the expected way on common random numbers; changing one component never changes another's random
 * numbers; and every value's annotation says where it comes from.
 *
 * The reduced day keeps every component but shrinks Hedong (20,000 residents at 8 points) and the
 * supplies (3,000 items), so the tests stay fast. The shape run's three replications (kept) also
 * serve the conservation checks and the common-random-numbers baseline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { representativeReplication } from '../../models/campaign/charts.js';
import {
  type CampaignResult,
  campaignScenario,
  overrideSpec,
  planCampaign,
  runCampaign,
} from '../../models/campaign/index.js';
import { runScenario } from '../../src/index.js';
import { replicationSeed } from '../../src/random/seed.js';
import { compileSpec } from '../../src/report/node.js';

const SPEC = JSON.parse(
  readFileSync(new URL('../../campaigns/qingxu-2022-04-13.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const SMALL = {
  testing: { hedong: { residents: 20_000, points: 8, staff: { marshals: 16, clerks: 40, swabbers: 24 } } },
  unloading: { supplies: { items: 3000 } },
};
const small = overrideSpec(SPEC, SMALL);
/** The reduced day with more changes on top. */
const smallWith = (changes: Record<string, unknown>) => overrideSpec(small, changes);
const day = (spec: unknown, seed: number): CampaignResult => runCampaign(planCampaign(spec).plan, seed);

const shape = runScenario(campaignScenario(small), { replications: 3, seed: 1, keepRuns: true });
const days = shape.runs ?? [];

describe('the day’s shape', () => {
  it('reports every reported figure with its source, median, interval, tolerance and basis', () => {
    const reported = shape.figures.filter((f) => f.reported !== null);
    expect(reported.map((f) => f.id)).toEqual([
      'yunda.sampled',
      'muster.withinHour',
      'checkpoints.hoursPerKeeper',
      'beds.allReady',
      'transfer.firstDeparture',
      'transfer.moved',
      'transfer.busesUsed',
      'hedong.tested6h',
      'hedong.complete',
      'unloading.hours',
    ]);
    for (const f of reported) {
      expect(f.source).toMatch(/^F\d+$/);
      expect(f.n).toBe(3);
      expect(f.lower! <= f.median! && f.median! <= f.upper!).toBe(true);
      expect(f.tolerance).toBe(f.id === 'hedong.tested6h' ? 0.05 : 0.1);
    }
    expect(shape.figures.find((f) => f.id === 'hedong.tested6h')!.fitted).toBeNull();
    expect(shape.figures.find((f) => f.id === 'unloading.hours')!.fitted).toContain(
      'unloading.supplies.pass',
    );
  });

  it('carries seed and the spec it ran, and survives a JSON round trip', () => {
    const { runs: _runs, ...data } = shape;
    expect(data.seed).toBe(1);
    expect(data.replications).toBe(3);
    expect((data.parameters as typeof SMALL).testing.hedong.residents).toBe(20_000);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(JSON.parse(JSON.stringify(days))).toEqual(days);
  });

  it('offers charts of the median replication that vega-lite compiles without warnings', () => {
    const charts = campaignScenario(small).charts!(shape);
    for (const name of ['hedong-tested', 'hedong-queues', 'isolation-site-beds', 'park-workers-trips'])
      expect(
        charts.map((c) => c.name),
        name,
      ).toContain(name);
    for (const c of charts) expect(compileSpec(c.spec).warnings, c.name).toEqual([]);
  });

  it('draws the charts from the replication with the median value', () => {
    expect(representativeReplication([5, 1, 3])).toBe(2);
    expect(representativeReplication([5, 1, 3, 4])).toBe(2);
    expect(representativeReplication([null, 2, 1])).toBe(2);
  });
});

describe('conservation: everyone is accounted for in every component', () => {
  for (const i of [0, 1, 2])
    it(`replication ${i} of the shape run`, () => {
      const r = days[i]!;
      for (const area of Object.values(r.testing)) {
        const a = area.accounting;
        const left = Object.values(a.left).reduce((x, y) => x + y, 0);
        expect(a.notArrived + a.queued + a.inService + left).toBe(a.population);
        expect(area.testedAtDeadline + area.notTestedAtDeadline).toBe(area.population);
      }
      expect(r.testing.yunda!.tested).toBe(277);
      expect(r.testing.hedong!.population).toBe(Math.round(20_000 * 0.93));
      const c = r.checkpoints.villages!.post;
      expect(c.checked + c.inCheck + c.waiting).toBe(c.arrived);
      expect(r.musters.wangda!.withinOneHour).toBeLessThanOrEqual(113);
      expect(r.isolation['isolation-site']!.readyAtEnd).toBe(500);
      const t = r.transfers['park-workers']!;
      expect(t.counts.atPark + t.counts.onBus + t.counts.atSite).toBe(327);
      expect(t.trips.reduce((a, x) => a + x.load, 0)).toBe(327);
      const u = r.unloading.supplies!.items;
      expect(u.stored + u.inTransit + u.onTrucks).toBe(u.total);
      expect(u.total).toBe(3000);
    });
});

describe('key values move the figures the expected way (paired, common random numbers)', () => {
  const N = 2;
  const SEED = 11;
  const run = (spec: unknown) => runScenario(campaignScenario(spec), { replications: N, seed: SEED });
  const base = run(small);
  const pairs = (spec: unknown, id: string): [number, number][] => {
    const b = run(spec).values[id]!;
    return base.values[id]!.map((a, i) => [Number(a), Number(b[i])]);
  };

  it('more swabbers → more people tested by 01:00 when swabbing binds', () => {
    // 8 points, 2,325 people each: one swabber a point needs ≈ 10 h, three (the reduced day's 24)
    // ≈ 3.3 h, so the base tests far more by the deadline.
    const fewer = smallWith({ testing: { hedong: { staff: { swabbers: 8 } } } });
    for (const [three, one] of pairs(fewer, 'hedong.tested6h')) expect(three).toBeGreaterThan(one + 1000);
  });

  it('an earlier site set-up → earlier buses and less exposure at the park', () => {
    const earlier = smallWith({ isolation: { 'isolation-site': { start: '14:30' } } });
    for (const [a, b] of pairs(earlier, 'transfer.firstDeparture')) expect(a - b).toBeGreaterThan(60 * 60);
    for (const [a, b] of pairs(earlier, 'transfer.exposure')) expect(a - b).toBeGreaterThan(327 * 60);
  });

  it('three chains at three bays → a shorter unloading', () => {
    const chains = smallWith({ unloading: { supplies: { chains: 3, bays: 3 } } });
    for (const [a, b] of pairs(chains, 'unloading.hours')) expect(b).toBeLessThan(0.7 * a);
  });
});

describe('common random numbers across components', () => {
  const a = days[0]!;
  const seed = replicationSeed(1, 0);

  it('the kept replication is the one runCampaign gives for its seed', () => {
    expect(day(small, seed)).toEqual(a);
  });

  it('changing the buses leaves the testing areas, the set-up and the unloading unchanged', () => {
    const b = day(smallWith({ transfers: { 'park-workers': { buses: 34 } } }), seed);
    expect(b.testing).toEqual(a.testing);
    expect(b.unloading).toEqual(a.unloading);
    expect(b.isolation).toEqual(a.isolation);
    expect(b.transfers['park-workers']!.trips).not.toEqual(a.transfers['park-workers']!.trips);
  });

  it('an earlier Hedong opening shifts Hedong’s times and nothing else', () => {
    const b = day(
      smallWith({
        testing: { hedong: { open: '17:00', deadline: '23:00', calling: { at: '17:00' } } },
      }),
      seed,
    );
    const [ha, hb] = [a.testing.hedong!, b.testing.hedong!];
    expect(hb.opensAt).toBe(ha.opensAt - 7200);
    expect(hb.finish!).toBeCloseTo(ha.finish! - 7200, 6);
    expect(hb.testedAtDeadline).toBe(ha.testedAtDeadline);
    expect(b.transfers).toEqual(a.transfers);
    expect(b.testing.yunda).toEqual(a.testing.yunda);
  });
});

describe('every value says where it comes from', () => {
  type Note = { path: string; basis: string; source: string[]; note: string; fittedTo?: string };
  const annotations: Note[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('value' in o && 'basis' in o) {
        annotations.push({
          path,
          basis: String(o.basis),
          source: o.source === undefined ? [] : ([] as string[]).concat(o.source as string | string[]),
          note: typeof o.note === 'string' ? o.note : '',
          ...(typeof o.fittedTo === 'string' && { fittedTo: o.fittedTo }),
        });
        walk(o.value, path);
      } else for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(SPEC, '');
  const sources = Object.keys(SPEC.sources as object);

  it('annotates the day’s values (more than 60 of them)', () => {
    expect(annotations.length).toBeGreaterThan(60);
  });

  it('every cited source is one of the spec’s sources', () => {
    for (const a of annotations) for (const s of a.source) expect(sources, `${a.path}: ${s}`).toContain(s);
  });

  it('every assumption states its range or judgement, every fitted value its figure and fact', () => {
    for (const a of annotations) {
      if (a.basis === 'assumed') expect(a.note, a.path).toMatch(/\[(X|A\/D)\]/);
      if (a.basis === 'sourced') expect(a.source.length, a.path).toBeGreaterThan(0);
      if (a.basis === 'fitted') {
        expect(a.fittedTo, a.path).toBeDefined();
        expect(
          a.source.some((s) => /^F\d+$/.test(s)),
          a.path,
        ).toBe(true);
      }
    }
    const fitted = annotations.filter((a) => a.basis === 'fitted').map((a) => a.fittedTo);
    expect(fitted.sort()).toEqual(
      ['beds.allReady', 'hedong.complete', 'transfer.firstDeparture', 'unloading.hours'].sort(),
    );
  });
});

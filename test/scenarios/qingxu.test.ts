/**
 * The Qingxu replay: the scenario runs and its result has the documented shape; every sub-model
 * accounts for everyone; key parameters move the figures the expected way (with common random
 * numbers, on a reduced day so the tests stay fast); changing one part never changes another part's
 * random numbers; bad parameters fail before any work, naming the path.
 *
 * The reduced day keeps every part but shrinks Hedong (20,000 residents at 8 points) and the supplies
 * (3,000 items); the full day runs in the spawned command-line test. Days are shared: the shape run's
 * three replications (kept) also serve the conservation checks and the common-random-numbers
 * baseline, and the paired tests share one baseline run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DAY_PARTS, type DayResult, partSeed, runDay, validateDay } from '../../scenarios/qingxu/day.js';
import { representativeReplication } from '../../scenarios/qingxu/figures.js';
import { hedongSites, hedongStaffSplit, hedongTurnout } from '../../scenarios/qingxu/hedong.js';
import {
  hedongParameters,
  QINGXU_DEFAULTS,
  QINGXU_FITTED,
  QINGXU_SOURCES,
  type QingxuParams,
} from '../../scenarios/qingxu/params.js';
import { scenario } from '../../scenarios/qingxu-2022-04-13.js';
import { mergeParameters, type Overrides, ParameterError, runScenario } from '../../src/index.js';
import { replicationSeed } from '../../src/random/seed.js';
import { compileSpec } from '../../src/report/node.js';

const SMALL: Overrides<QingxuParams> = {
  hedong: { population: 20_000, points: 8, staff: { marshals: 16, clerks: 40, swabbers: 24 } },
  unloading: { items: 3000 },
};
const small = (extra: Overrides<QingxuParams> = {}): QingxuParams =>
  mergeParameters<QingxuParams>(mergeParameters<QingxuParams>(QINGXU_DEFAULTS, SMALL), extra);

/** The reduced day, 3 replications with their results kept: shape, conservation, and a baseline. */
const shape = runScenario<QingxuParams, DayResult>(scenario, {
  replications: 3,
  seed: 1,
  overrides: SMALL,
  keepRuns: true,
});
const days: readonly DayResult[] = shape.runs ?? [];

describe('the scenario shape', () => {
  const result = shape;

  it('reports every reported figure with reported value, source, median, interval and fitted flag', () => {
    const reported = result.figures.filter((f) => f.reported !== null);
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
      expect(typeof f.median).toBe('number');
      expect(f.lower).not.toBeNull();
      expect(f.upper).not.toBeNull();
      expect(f.lower! <= f.median! && f.median! <= f.upper!).toBe(true);
      expect(f.tolerance).toBe(f.id === 'hedong.tested6h' ? 0.05 : 0.1);
      expect(f.fitted === null || typeof f.fitted === 'string').toBe(true);
    }
    const hedong = result.figures.find((f) => f.id === 'hedong.tested6h')!;
    expect(hedong.reported).toBe(119_246);
    expect(hedong.fitted).toBeNull();
    expect(result.figures.find((f) => f.id === 'unloading.hours')!.fitted).toBe('unloading.pass');
  });

  it('names each fitted parameter of a figure in the scenario-level list of fitted parameters', () => {
    const named = result.figures.flatMap((f) => (f.fitted && !f.fitted.includes(' ') ? [f.fitted] : []));
    expect(named.sort()).toEqual(Object.keys(QINGXU_FITTED).sort());
    for (const path of named) expect(QINGXU_SOURCES.find((s) => s.path === path)?.basis).toBe('fitted');
  });

  it('keeps every replication’s day when asked', () => {
    expect(days.length).toBe(3);
  });

  it('carries seed, parameters and version, and survives a JSON round trip', () => {
    const { runs: _runs, ...data } = result;
    expect(data.seed).toBe(1);
    expect(data.replications).toBe(3);
    expect(typeof data.version).toBe('string');
    expect(data.parameters.hedong.population).toBe(20_000);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(JSON.parse(JSON.stringify(result.runs))).toEqual(result.runs);
  });

  it('offers charts of the median replication that vega-lite compiles without warnings', () => {
    const charts = scenario.charts!(result);
    expect(charts.map((c) => c.name)).toEqual([
      'hedong-tested',
      'hedong-queues',
      'hedong-time-in-point',
      'beds-ready',
      'bus-trips',
      'unloading',
      'checkpoint-roster',
    ]);
    for (const c of charts) expect(compileSpec(c.spec).warnings, c.name).toEqual([]);
  });

  it('picks the replication with the median value for the charts', () => {
    expect(representativeReplication([5, 1, 3])).toBe(2);
    expect(representativeReplication([5, 1, 3, 4])).toBe(2);
    expect(representativeReplication([null, 2, 1])).toBe(2);
  });
});

describe('conservation: everyone is accounted for in every part', () => {
  for (const i of [0, 1, 2]) {
    it(`replication ${i} of the shape run`, () => {
      const p = small();
      const r = days[i]!;
      const y = r.yunda.accounting;
      expect(y.notArrived + y.queued + y.inService + y.tested).toBe(p.yunda.workers);
      const c = r.checkpoints.post;
      expect(c.checked + c.inCheck + c.waiting).toBe(c.arrived);
      expect(r.muster.withinOneHour).toBeLessThanOrEqual(p.muster.people);
      expect(r.siteSetup.readyAtEnd).toBe(p.siteSetup.beds);
      const t = r.transfer.counts;
      expect(t.atPark + t.onBus + t.atSite).toBe(p.transfer.people);
      expect(r.transfer.trips.reduce((a, x) => a + x.load, 0)).toBe(p.transfer.people);
      const u = r.unloading.items;
      expect(u.stored + u.inTransit + u.onTrucks).toBe(u.total);
      expect(u.total).toBe(p.unloading.items);
      const h = r.hedong;
      expect(h.population).toBe(hedongTurnout(p.hedong));
      const a = h.accounting;
      expect(a.notArrived + a.queued + a.inService + a.tested).toBe(h.population);
      expect(h.testedAtDeadline + h.notTestedAtDeadline).toBe(h.population);
      expect(h.perPoint.reduce((s, x) => s + x.population, 0)).toBe(h.population);
      expect(h.series.at(-1)?.cumulative).toBe(h.tested);
      expect(h.waits.swab.all?.count).toBe(h.tested);
      const last = h.queues.at(-1)!;
      expect(last.check + last.registration + last.swab).toBe(0);
      for (const q of h.queues) expect(q.check + q.registration + q.swab).toBeLessThanOrEqual(h.population);
    });
  }

  it('splits Hedong’s people and staff pools exactly over the points', () => {
    const h = hedongParameters();
    const staff = hedongStaffSplit(h);
    for (const role of ['marshals', 'clerks', 'assistedClerks', 'swabbers'] as const)
      expect(staff.reduce((a, s) => a + s[role], 0)).toBe(h.staff[role]);
    expect(hedongSites(h).reduce((a, s) => a + (s.population ?? 0), 0)).toBe(hedongTurnout(h));
  });
});

describe('key parameters move the figures the expected way (paired, common random numbers)', () => {
  // Every alternative is compared with one baseline run on the same replication seeds.
  const N = 2;
  const SEED = 11;
  const run = (overrides: Overrides<QingxuParams>) =>
    runScenario<QingxuParams, DayResult>(scenario, { replications: N, seed: SEED, overrides });
  const base = run(small());
  const pairs = (alternative: Overrides<QingxuParams>, id: string): [number, number][] => {
    const b = run(alternative).values[id]!;
    return base.values[id]!.map((a, i) => [Number(a), Number(b[i])]);
  };

  it('more swabbers → more people tested by 01:00 when swabbing binds', () => {
    // 8 points, 2,325 people each: one swabber per point needs ≈10 h, three (the reduced day’s 24)
    // ≈3.3 h, so the baseline tests far more by the deadline.
    for (const [three, one] of pairs(small({ hedong: { staff: { swabbers: 8 } } }), 'hedong.tested6h'))
      expect(three).toBeGreaterThan(one + 1000);
  });

  it('an earlier site set-up → earlier buses and less exposure at the park', () => {
    const earlier = small({ siteSetup: { start: '14:30' } });
    // 90 min earlier start; the gate is the site, so the buses leave about 90 min earlier
    for (const [a, b] of pairs(earlier, 'transfer.firstDeparture')) expect(a - b).toBeGreaterThan(60 * 60);
    for (const [a, b] of pairs(earlier, 'transfer.exposure')) expect(a - b).toBeGreaterThan(327 * 60);
  });

  it('three chains at three bays → a shorter unloading', () => {
    for (const [a, b] of pairs(small({ unloading: { chains: 3, bays: 3 } }), 'unloading.hours'))
      expect(b).toBeLessThan(0.7 * a);
  });
});

describe('common random numbers across parts', () => {
  // Replication 0 of the shape run, and its seed.
  const a = days[0]!;
  const seed = replicationSeed(1, 0);

  it('changing the buses leaves Hedong, Yunda and the unloading unchanged', () => {
    const b = runDay(small({ transfer: { buses: 34, loadCap: 0.5 } }), seed);
    expect(b.hedong).toEqual(a.hedong);
    expect(b.yunda).toEqual(a.yunda);
    expect(b.unloading).toEqual(a.unloading);
    expect(b.siteSetup).toEqual(a.siteSetup);
    expect(b.transfer.trips).not.toEqual(a.transfer.trips);
  });

  it('an earlier Hedong opening shifts Hedong’s times and nothing else', () => {
    const b = runDay(small({ hedong: { open: '17:00', deadline: '23:00' } }), seed);
    expect(b.hedong.opensAt).toBe(a.hedong.opensAt - 7200);
    expect(b.hedong.finish).toBeCloseTo(a.hedong.finish! - 7200, 6);
    expect(b.hedong.testedAtDeadline).toBe(a.hedong.testedAtDeadline);
    expect(b.transfer).toEqual(a.transfer);
  });

  it('gives each part its own seed', () => {
    const seeds = DAY_PARTS.map((p) => partSeed(42, p));
    expect(new Set(seeds).size).toBe(DAY_PARTS.length);
    for (const s of seeds) expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
  });
});

describe('bad parameters fail before any work, naming the path', () => {
  const bad: [string, Overrides<QingxuParams>, RegExp][] = [
    ['hedong.points', { hedong: { points: 0 } }, /^hedong\.points:/],
    [
      'hedong.staff.clerks below one a point',
      { hedong: { staff: { clerks: 10 } } },
      /^hedong\.staff\.clerks:/,
    ],
    ['hedong.mix', { hedong: { mix: { qr: 0.9 } } }, /^hedong\.mix:/],
    ['hedong.pool', { hedong: { pool: 0 } }, /^hedong\.pool:/],
    ['hedong.deadline', { hedong: { deadline: '25:00' } }, /^hedong\.deadline:/],
    ['transfer.gateBeds', { transfer: { gateBeds: 600 } }, /^transfer\.gateBeds:/],
    ['transfer.buses', { transfer: { buses: 0 } }, /^transfer\.buses:/],
    ['yunda.medics', { yunda: { medics: { swabbers: 9 } } }, /^yunda\.medics:/],
    ['siteSetup.workPerBed', { siteSetup: { workPerBed: 'soon' } }, /^siteSetup\.workPerBed:/],
    ['unloading.chains', { unloading: { chains: 0 } }, /^unloading\.chains:/],
  ];
  for (const [name, override, message] of bad)
    it(name, () => {
      const p = mergeParameters<QingxuParams>(QINGXU_DEFAULTS, override);
      expect(() => validateDay(p)).toThrow(ParameterError);
      expect(() => validateDay(p)).toThrow(message);
    });

  it('the defaults are valid', () => {
    expect(() => validateDay(QINGXU_DEFAULTS)).not.toThrow();
  });
});

describe('every parameter has a source', () => {
  const leaves = (v: unknown, path: string): string[] =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !('dist' in v)
      ? Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k))
      : [path];
  const covers = (row: string, leaf: string) =>
    row === leaf || leaf.startsWith(`${row}.`) || (row.endsWith('.*') && leaf.startsWith(row.slice(0, -1)));

  it('each default leaf is covered by a row of QINGXU_SOURCES, and each row names a real parameter', () => {
    const all = leaves(QINGXU_DEFAULTS, '');
    for (const leaf of all)
      expect(
        QINGXU_SOURCES.some((r) => covers(r.path, leaf)),
        `${leaf} has a source row`,
      ).toBe(true);
    for (const r of QINGXU_SOURCES)
      expect(
        all.some((leaf) => covers(r.path, leaf)),
        `${r.path} is a parameter`,
      ).toBe(true);
  });

  it('every assumption states its range or basis, every fitted row its figure', () => {
    for (const r of QINGXU_SOURCES) {
      if (r.basis === 'assumed') expect(r.note, r.path).toMatch(/\[(X|A\/D)\]/);
      if (r.basis === 'fitted')
        expect(
          r.sources.some((s) => /^F\d+$/.test(s)),
          r.path,
        ).toBe(true);
      if (r.basis === 'sourced') expect(r.sources.length, r.path).toBeGreaterThan(0);
    }
  });

  it('the README’s parameter table lists every row', () => {
    const readme = readFileSync(new URL('../../scenarios/README.md', import.meta.url), 'utf8');
    for (const r of QINGXU_SOURCES) expect(readme, r.path).toContain(`| \`${r.path}\` |`);
  });
});

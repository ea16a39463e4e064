import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  resolveSiteSetup,
  runSiteSetup,
  SiteSetup,
  type SiteSetupParams,
  type SiteSetupSnapshot,
} from '../../models/site-setup.js';
import { formatValue, ParameterError, Simulation } from '../../src/index.js';

const fromStart = (r: ReturnType<typeof runSiteSetup>) => r.readyCurve.map((p) => p.time - r.start);

function checkAccounts(s: SiteSetupSnapshot, beds: number): void {
  for (const t of s.tasks) {
    expect(t.done + t.inProgress + t.available + t.blocked).toBe(t.units);
    for (const k of [t.done, t.inProgress, t.available, t.blocked]) expect(k).toBeGreaterThanOrEqual(0);
  }
  expect(s.beds.ready + s.beds.started + s.beds.notStarted).toBe(beds);
  for (const k of [s.beds.ready, s.beds.started, s.beds.notStarted]) expect(k).toBeGreaterThanOrEqual(0);
}

describe('site setup: hand-calculated cases', () => {
  it('one task, constant work: beds come in waves of crew size', () => {
    const r = runSiteSetup(
      {
        start: 0,
        beds: 7,
        target: 4,
        crew: { size: 3, arrival: 'together' },
        tasks: [{ name: 'bed', scope: 'bed', work: '10 min' }],
      },
      { seed: 1 },
    );
    expect(fromStart(r)).toEqual([600, 600, 600, 1200, 1200, 1200, 1800]);
    expect(r.target.time).toBe(1200);
    expect(r.all.hoursAfterStart).toBe(0.5);
    // 7 × 10 min of work over 3 × 30 min available.
    expect(r.final.crew.busyPersonHours).toBeCloseTo(70 / 60, 12);
    expect(r.final.crew.utilisation).toBeCloseTo(70 / 90, 12);
  });

  it('precedence: the hall is cleared before any frame; bedding waits for its own frame', () => {
    const r = runSiteSetup(
      {
        start: 0,
        beds: 2,
        target: 1,
        crew: { size: 2, arrival: 'together' },
        tasks: [
          { name: 'clear', scope: 'site', units: 3, work: 300 },
          { name: 'frame', scope: 'bed', work: 100, after: ['clear'] },
          { name: 'bedding', scope: 'bed', work: 50, after: ['frame'] },
        ],
      },
      { seed: 1 },
    );
    // clear: jobs 1, 2 at 0–300, job 3 at 300–600 (one volunteer idle); frames 600–700; bedding 700–750.
    expect(fromStart(r)).toEqual([750, 750]);
    const clear = r.final.tasks[0]!;
    expect(clear.lastEnd! - r.start).toBe(600);
    expect(r.final.crew.busyPersonHours * 3600).toBeCloseTo(900 + 200 + 100, 9);
  });

  it('bed-first finishes beds one by one; task-first does all frames first', () => {
    const base: SiteSetupParams = {
      start: 0,
      beds: 2,
      target: 1,
      crew: { size: 1, arrival: 'together' },
      tasks: [
        { name: 'frame', scope: 'bed', work: 100 },
        { name: 'bedding', scope: 'bed', work: 50, after: ['frame'] },
      ],
    };
    expect(fromStart(runSiteSetup(base, { seed: 1 }))).toEqual([150, 300]);
    expect(fromStart(runSiteSetup({ ...base, order: 'task-first' }, { seed: 1 }))).toEqual([250, 300]);
  });

  it('work waits for stock: the second bedding kit arrives at 1000 s', () => {
    const r = runSiteSetup(
      {
        start: 0,
        beds: 2,
        target: 1,
        crew: { size: 2, arrival: 'together' },
        materials: [{ name: 'kits', initial: 1, deliveries: [{ at: '1000 s', amount: 1 }] }],
        tasks: [
          { name: 'frame', scope: 'bed', work: 100 },
          { name: 'bedding', scope: 'bed', work: 50, after: ['frame'], material: { name: 'kits' } },
        ],
      },
      { seed: 1 },
    );
    expect(fromStart(r)).toEqual([150, 1050]);
    expect(r.final.crew.materialWaitPersonHours * 3600).toBeCloseTo(900, 9);
    expect(r.final.materials).toEqual([{ material: 'kits', initial: 1, delivered: 1, used: 2, level: 0 }]);
  });

  it('crew arriving at given offsets', () => {
    const r = runSiteSetup(
      {
        start: 0,
        beds: 3,
        target: 1,
        crew: { size: 2, arrival: { times: [0, '5 min'] } },
        tasks: [{ name: 'bed', scope: 'bed', work: 600 }],
      },
      { seed: 1 },
    );
    // A: 0–600, 600–1200; B: 300–900.
    expect(fromStart(r)).toEqual([600, 900, 1200]);
    expect(r.final.crew.availablePersonHours * 3600).toBe(1200 + 900);
  });

  it('bedsReady(n) succeeds at the n-th ready bed, and at once when already reached', () => {
    const sim = new Simulation({ seed: 3 });
    const setup = new SiteSetup(
      sim,
      resolveSiteSetup(sim, {
        start: 100,
        beds: 4,
        target: 2,
        crew: { size: 1, arrival: 'together' },
        tasks: [{ name: 'bed', scope: 'bed', work: 10 }],
      }),
    );
    const log: [string, number][] = [];
    sim.process(
      (function* () {
        const t = yield* setup.bedsReady(3);
        log.push(['3 ready', t], ['now', sim.now]);
        const t2 = yield* setup.bedsReady(1);
        log.push(['1 ready', t2], ['now', sim.now]);
      })(),
    );
    sim.run();
    expect(log).toEqual([
      ['3 ready', 130],
      ['now', 130],
      ['1 ready', 110],
      ['now', 130],
    ]);
    expect(() => setup.bedsReady(5)).toThrow(/bedsReady\(n\)/);
  });
});

describe('site setup: theory and conservation', () => {
  it('makespan of independent units lies within the list-scheduling bounds Σw/c and Σw/c + (1 − 1/c)·max w', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 60, max: 3600, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (beds, crew, longest, seed) => {
          const r = runSiteSetup(
            {
              start: 0,
              beds,
              target: 1,
              crew: { size: crew, arrival: 'together' },
              tasks: [{ name: 'bed', scope: 'bed', work: { dist: 'uniform', min: 30, max: longest + 30 } }],
            },
            { seed },
          );
          const total = r.final.tasks[0]!.workPersonHours * 3600;
          const makespan = r.all.time! - r.start;
          // busy time is exactly the sum of the work drawn
          expect(r.final.crew.busyPersonHours * 3600).toBeCloseTo(total, 6);
          const gaps = r.readyCurve.map((p, i) => p.time - (i === 0 ? r.start : r.readyCurve[i - 1]!.time));
          expect(gaps.every((g) => g >= 0)).toBe(true);
          expect(makespan).toBeGreaterThanOrEqual(total / crew - 1e-6);
          // Graham: greedy list scheduling ends by Σw/c + (1 − 1/c)·max w, and max w ≤ longest + 30.
          expect(makespan).toBeLessThanOrEqual(total / crew + (1 - 1 / crew) * (longest + 30) + 1e-6);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('with many small units the makespan approaches total work / crew', () => {
    const r = runSiteSetup(
      {
        start: 0,
        beds: 2000,
        target: 1,
        crew: { size: 20, arrival: 'together' },
        tasks: [{ name: 'bed', scope: 'bed', work: { dist: 'uniform', min: 30, max: 90 } }],
      },
      { seed: 5 },
    );
    const total = r.final.tasks[0]!.workPersonHours * 3600;
    const makespan = r.all.time! - r.start;
    // Between Σw/c and Σw/c + max w (max w ≤ 90 s).
    expect(makespan).toBeGreaterThanOrEqual(total / 20);
    expect(makespan).toBeLessThanOrEqual(total / 20 + 90);
  });

  it('every unit is done, in progress, available or blocked at any stopping time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 4000, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (beds, crew, clearUnits, until, seed, short) => {
          const params: SiteSetupParams = {
            start: 0,
            beds,
            target: 1,
            crew: { size: crew, arrival: { within: '10 min' } },
            materials: [
              {
                name: 'kits',
                initial: short ? Math.floor(beds / 2) : beds,
                deliveries: [{ at: '30 min', amount: 1 }],
              },
            ],
            tasks: [
              { name: 'clear', scope: 'site', units: clearUnits, work: { dist: 'exponential', mean: 120 } },
              { name: 'frame', scope: 'bed', work: { dist: 'uniform', min: 30, max: 200 }, after: ['clear'] },
              { name: 'bedding', scope: 'bed', work: 60, after: ['frame'], material: { name: 'kits' } },
              { name: 'check', scope: 'site', work: 30, after: ['bedding'] },
            ],
          };
          const partial = runSiteSetup(params, { seed, until });
          checkAccounts(partial.final, beds);
          const full = runSiteSetup(params, { seed });
          checkAccounts(full.final, beds);
          const kits = short ? Math.floor(beds / 2) + 1 : beds;
          const readyBeds = Math.min(beds, kits);
          expect(full.final.beds.ready).toBe(readyBeds);
          expect(full.final.completedAt === null).toBe(readyBeds < beds);
          // A partial run is a prefix of the full one (same seed, same streams).
          expect(partial.readyCurve).toEqual(full.readyCurve.filter((p) => p.time < until));
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});

describe('site setup: defaults, provenance and determinism', () => {
  it('default run (F11): 500 beds near 4 h after 16:00, fitted and declared so', () => {
    const hours = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((seed) => runSiteSetup({}, { seed }).all.hoursAfterStart!);
    hours.sort((a, b) => a - b);
    expect(Math.abs(hours[4]! - 4)).toBeLessThan(0.25);
    const r = runSiteSetup({}, { seed: 1 });
    expect(r.startClock).toBe('16:00');
    expect(r.target.beds).toBe(327);
    expect(r.deadline!.clock).toBe('21:00');
    expect(r.deadline!.met).toBe(true);
    expect(r.deadline!.slackHours).toBeCloseTo((r.deadline!.time - r.target.time!) / 3600, 12);
    const late = runSiteSetup({ crew: { size: 30 } }, { seed: 1 });
    expect(late.deadline!.met).toBe(false);
    expect((late.deadline?.slackHours ?? 0) < 0).toBe(true);
    expect(r.final.beds).toEqual({ ready: 500, started: 0, notStarted: 0 });
    const fitted = r.provenance.filter((p) => p.basis === 'fitted');
    expect(fitted.map((p) => p.path)).toEqual(['tasks[*].work']);
    expect(fitted[0]!.sources).toContain('F11');
    expect(r.provenance.every((p) => p.used === 'default')).toBe(true);
    const given = runSiteSetup({ crew: { size: 150 } }, { seed: 1 }).provenance;
    expect(given.find((p) => p.path === 'crew.size')!.used).toBe('given');
    expect(given.find((p) => p.path === 'crew.arrival')!.used).toBe('default');
  });

  it('same seed, same result; results are JSON', () => {
    const a = runSiteSetup({ beds: 100, target: 50 }, { seed: 9 });
    const b = runSiteSetup({ beds: 100, target: 50 }, { seed: 9 });
    expect(JSON.parse(JSON.stringify(a))).toEqual(b);
  });
});

describe('site setup: bad input', () => {
  const base: SiteSetupParams = {
    start: 0,
    beds: 10,
    target: 5,
    crew: { size: 3, arrival: { within: '10 min' } },
    materials: [{ name: 'kits', initial: 10 }],
    tasks: [
      { name: 'clear', scope: 'site', units: 2, work: 60 },
      { name: 'frame', scope: 'bed', work: '2 min', after: ['clear'], material: { name: 'kits' } },
    ],
  };
  type Mutation = [path: string, value: unknown, apply: (p: any, v: unknown) => void];
  const mutations: Mutation[] = [
    ['siteSetup.beds', 0, (p, v) => (p.beds = v)],
    ['siteSetup.target', 11, (p, v) => (p.target = v)],
    ['siteSetup.start', '25:99', (p, v) => (p.start = v)],
    ['siteSetup.crew.size', -2, (p, v) => (p.crew.size = v)],
    ['siteSetup.crew.arrival.within', '10 kg', (p, v) => (p.crew.arrival = { within: v })],
    ['siteSetup.crew.arrival', 'late', (p, v) => (p.crew.arrival = v)],
    ['siteSetup.crew.arrival.times', [0], (p, v) => (p.crew.arrival = { times: v })],
    ['siteSetup.tasks', [], (p, v) => (p.tasks = v)],
    ['siteSetup.tasks[1].work', '-3 min', (p, v) => (p.tasks[1].work = v)],
    ['siteSetup.tasks[1].work', { dist: 'normal', mean: 60, sd: 10 }, (p, v) => (p.tasks[1].work = v)],
    ['siteSetup.tasks[1].work.sd', -1, (p, v) => (p.tasks[1].work = { dist: 'lognormal', mean: 60, sd: v })],
    ['siteSetup.tasks[1].after[0]', 'sweep', (p, v) => (p.tasks[1].after = [v])],
    ['siteSetup.tasks[1].name', 'clear', (p, v) => (p.tasks[1].name = v)],
    ['siteSetup.tasks[1].units', 5, (p, v) => (p.tasks[1].units = v)],
    ['siteSetup.tasks[0].units', 1.5, (p, v) => (p.tasks[0].units = v)],
    ['siteSetup.tasks[0].scope', 'room', (p, v) => (p.tasks[0].scope = v)],
    ['siteSetup.tasks[1].material.name', 'soap', (p, v) => (p.tasks[1].material = { name: v })],
    [
      'siteSetup.tasks[1].material.perUnit',
      0,
      (p, v) => (p.tasks[1].material = { name: 'kits', perUnit: v }),
    ],
    ['siteSetup.materials[0].initial', Number.NaN, (p, v) => (p.materials[0].initial = v)],
    [
      'siteSetup.materials[0].deliveries[0].amount',
      0,
      (p, v) => (p.materials[0].deliveries = [{ at: 0, amount: v }]),
    ],
    ['siteSetup.order', 'random', (p, v) => (p.order = v)],
    ['siteSetup.deadline', true, (p, v) => (p.deadline = v)],
    ['siteSetup.deadline', '21:61', (p, v) => (p.deadline = v)],
  ];

  it('each bad parameter gives a ParameterError with its path and value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...mutations),
        fc.integer({ min: 0, max: 100 }),
        ([path, value, apply], seed) => {
          const p = structuredClone(base) as any;
          apply(p, value);
          let error: unknown;
          try {
            runSiteSetup(p, { seed });
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(ParameterError);
          expect((error as ParameterError).path).toBe(path);
          expect((error as ParameterError).message).toContain(formatValue(value));
        },
      ),
      { numRuns: 80, seed: 13 },
    );
  });

  it('cycles in precedence are refused, naming the cycle', () => {
    const p = structuredClone(base) as any;
    p.tasks[0].after = ['frame'];
    expect(() => runSiteSetup(p, { seed: 1 })).toThrow(
      /siteSetup\.tasks\[0\]\.after: expected precedence without cycles \(clear → frame → clear\), got \["frame"\]/,
    );
  });

  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (beds, crew, tasks) => {
        try {
          runSiteSetup({ beds, crew, tasks } as any, { seed: 1, until: 36000 });
        } catch (e) {
          expect(e).toBeInstanceOf(ParameterError);
        }
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});

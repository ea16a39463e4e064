import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUS_TRANSFER_SOURCES,
  BusTransfer,
  type BusTransferParams,
  planLoads,
  resolveBusTransfer,
  runBusTransfer,
} from '../../models/bus-transfer.js';
import { resolveSiteSetup, SiteSetup } from '../../models/site-setup.js';
import { ParameterError, Simulation } from '../../src/index.js';

/** 21:00 on the reported day, seconds after the 01:30 epoch. */
const NINE_PM = 19.5 * 3600;

/** Constant times so every figure can be worked out by hand. */
const constant: BusTransferParams = {
  board: '15 s',
  alight: '6 s',
  travel: '30 min',
  turnaround: '20 min',
};

describe('bus transfer: hand calculations', () => {
  it('327 people, 17 buses of 20, one trip each: finish = start + 327·15 s + 30 min + 7·6 s', () => {
    const r = runBusTransfer({ ...constant, seats: 40, loadCap: 0.5, loading: 'fill' }, { seed: 1 });
    expect(r.capacity).toBe(20);
    expect(r.loads).toEqual([...new Array(16).fill(20), 7]);
    expect(r.startedAt).toBe(NINE_PM);
    // The single door boards everyone back to back; the last bus (7 people) leaves at start + 4905 s.
    expect(r.finish.time).toBe(NINE_PM + 327 * 15 + 1800 + 7 * 6);
    expect(r.finish.clock).toBe('22:52:27');
    expect(r.tripsPerBus).toEqual(new Array(17).fill(1));
  });

  it('defaults: 17 even loads (4 × 20, 13 × 19) under the 22-seat cap; finish 22:53:39', () => {
    const r = runBusTransfer({}, { seed: 1 });
    expect(r.capacity).toBe(22);
    expect(r.loads).toEqual([20, 20, 20, 20, ...new Array(13).fill(19)]);
    expect(r.finish.time).toBe(NINE_PM + 327 * 15 + 1800 + 19 * 6);
    // Person i (0-based) steps on at 21:00 + 15 (i + 1) s; exposure runs from 14:30 = 13 h after 01:30.
    const exposure = Array.from({ length: 327 }, (_, i) => NINE_PM + 15 * (i + 1) - 13 * 3600).reduce(
      (a, b) => a + b,
      0,
    );
    expect(r.exposurePersonMinutes).toBeCloseTo(exposure / 60, 9);
    expect(r.exposurePersonMinutes).toBeCloseTo(140_937, 9);
  });

  it('round trips with 2 buses: 100 people in 5 trips of 20, finish 14 100 s', () => {
    // Bus 1: board 0–600, arrive 2400, off 2700, back 4500, clean 5700. Bus 2: board 600–1200, off 3300,
    // clean 6300. Trip 3 (bus 1): 5700–6300, off 8400, clean 11 400. Trip 4 (bus 2): 6300–6900.
    // Trip 5 (bus 1): board 11 400–12 000, arrive 13 800, off 14 100.
    const r = runBusTransfer(
      {
        people: 100,
        buses: 2,
        seats: 40,
        loadCap: 0.5,
        loading: 'fill',
        board: '30 s',
        alight: '15 s',
        travel: '30 min',
        turnaround: '20 min',
        presentFrom: 0,
        exposureFrom: 0,
        start: 0,
      },
      { seed: 1 },
    );
    expect(r.tripsPerBus).toEqual([3, 2]);
    expect(r.trips.map((t) => t.boardingAt)).toEqual([0, 600, 5700, 6300, 11_400]);
    expect(r.finish.time).toBe(14_100);
  });

  it('exposure and bus minutes equal the hand-computed sums', () => {
    // One bus of 2 (4 seats at 50 %), 4 people, 60 s each to board, alighting instant, 10 min each way.
    // Trip 1 boards at 660 and 720, arrives 1320; back 1920, clean 2520; trip 2 boards 2580, 2640.
    const r = runBusTransfer(
      {
        people: 4,
        buses: 1,
        seats: 4,
        board: '60 s',
        alight: 0,
        travel: '10 min',
        turnaround: '10 min',
        presentFrom: 0,
        exposureFrom: 0,
        start: 600,
      },
      { seed: 1 },
    );
    expect(r.exposurePersonMinutes).toBeCloseTo((660 + 720 + 2580 + 2640) / 60, 12);
    expect(r.busTime.total).toBeCloseTo(11 + 10 + 11 + 10, 12);
    expect(r.busTime.max).toBeCloseTo(11, 12);
    expect(r.finish.time).toBe(3240);
    // Exposure counted from later than some boardings is clamped at zero for those people.
    const late = runBusTransfer(
      {
        people: 4,
        buses: 1,
        seats: 4,
        board: '60 s',
        alight: 0,
        travel: '10 min',
        turnaround: '10 min',
        presentFrom: 0,
        exposureFrom: 2000,
        start: 600,
      },
      { seed: 1 },
    );
    expect(late.exposurePersonMinutes).toBeCloseTo((580 + 640) / 60, 12);
  });

  it('a gate event delays the start by exactly its delay', () => {
    const base = runBusTransfer(constant, { seed: 1 });
    const gated = runBusTransfer(constant, { seed: 1, gate: (sim) => sim.timeout(NINE_PM + 600) });
    expect(gated.startedAt).toBe(NINE_PM + 600);
    expect(gated.finish.time).toBe((base.finish.time ?? Number.NaN) + 600);
    // 327 people × 10 min more at the park.
    expect(gated.exposurePersonMinutes - base.exposurePersonMinutes).toBeCloseTo(3270, 9);
    // A gate that fires before the start changes nothing.
    const early = runBusTransfer(constant, { seed: 1, gate: (sim) => sim.timeout(NINE_PM - 600) });
    expect(early.finish.time).toBe(base.finish.time);
  });

  it('a gate that never fires leaves everyone at the park, finish null, exposure to the end of the run', () => {
    const r = runBusTransfer(constant, { seed: 1, gate: (sim) => sim.event(), until: NINE_PM + 3600 });
    expect(r.startedAt).toBeNull();
    expect(r.finish.time).toBeNull();
    expect(r.final).toEqual({ people: 327, atPark: 327, onBus: 0, atSite: 0 });
    expect(r.exposurePersonMinutes).toBeCloseTo((327 * (NINE_PM + 3600 - 13 * 3600)) / 60, 9);
  });

  it('waits for the isolation site model: starts when 327 beds are ready (or at 21:00 if later)', () => {
    const sim = new Simulation({ epoch: '2022-04-13T01:30+08:00', seed: 7 });
    const setup = new SiteSetup(sim, resolveSiteSetup(sim, {}));
    const ready = setup.bedsReady(327);
    const transfer = new BusTransfer(sim, resolveBusTransfer(sim, constant), ready);
    sim.run();
    const bedsAt = setup.timeOfReady(327);
    expect(bedsAt).not.toBeNull();
    expect(transfer.startedAt).toBe(Math.max(NINE_PM, bedsAt ?? Number.NaN));
    expect(transfer.counts().atSite).toBe(327);
  });

  it('escorts bind: 17 buses with 2 escort crews finish exactly as 2 buses with ample escorts', () => {
    const p = { ...constant, loading: 'fill' as const };
    const scarce = runBusTransfer({ ...p, buses: 17, escort: { staff: 6, perBus: 3 } }, { seed: 1 });
    const two = runBusTransfer({ ...p, buses: 2 }, { seed: 1 });
    expect(scarce.finish.time).toBe(two.finish.time);
    expect(scarce.trips.length).toBe(two.trips.length);
  });
});

describe('bus transfer: conservation and sanity', () => {
  it('everyone is at the park, on a bus or at the site, at any stopping time', () => {
    fc.assert(
      fc.property(
        fc.record({
          people: fc.integer({ min: 0, max: 120 }),
          buses: fc.integer({ min: 1, max: 8 }),
          seats: fc.integer({ min: 2, max: 50 }),
          loading: fc.constantFrom('fill' as const, 'even' as const),
          doors: fc.integer({ min: 1, max: 3 }),
        }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 1000 }),
        (p, cut, seed) => {
          const params: BusTransferParams = {
            ...p,
            presentFrom: 0,
            exposureFrom: 0,
            start: 0,
            board: { dist: 'exponential', mean: '15 s' },
            travel: { dist: 'uniform', min: '20 min', max: '40 min' },
          };
          const part = runBusTransfer(params, { seed, until: cut });
          const c = part.final;
          expect(c.atPark + c.onBus + c.atSite).toBe(p.people);
          expect(Math.min(c.atPark, c.onBus, c.atSite)).toBeGreaterThanOrEqual(0);
          const full = runBusTransfer(params, { seed });
          expect(full.final).toEqual({ people: p.people, atPark: 0, onBus: 0, atSite: p.people });
          expect(full.loads.reduce((a, b) => a + b, 0)).toBe(p.people);
          expect(full.tripsPerBus.reduce((a, b) => a + b, 0)).toBe(full.trips.length);
          expect(Math.max(0, ...full.loads)).toBeLessThanOrEqual(full.capacity);
        },
      ),
      { numRuns: 60, seed: 20220413 },
    );
  });

  it('adding buses never delays the finish, and it stops helping at the door bound', () => {
    // With one door the finish can never beat start + 327·15 s + 30 min + 6 s × (last load): the door
    // is busy for 4905 s whatever the fleet. With 'fill' loads of 22 the last load is 327 − 14·22 = 19.
    const bound = NINE_PM + 327 * 15 + 1800 + 19 * 6;
    let previous = Number.POSITIVE_INFINITY;
    for (let buses = 1; buses <= 20; buses++) {
      const r = runBusTransfer({ ...constant, buses, loading: 'fill' }, { seed: 1 });
      const t = r.finish.time ?? Number.NaN;
      expect(t).toBeLessThanOrEqual(previous);
      expect(t).toBeGreaterThanOrEqual(bound);
      if (buses >= 15) expect(t).toBe(bound);
      previous = t;
    }
  });

  it('planLoads splits evenly or fills', () => {
    expect(planLoads(327, 22, 17, 'even')).toEqual([20, 20, 20, 20, ...new Array(13).fill(19)]);
    expect(planLoads(327, 22, 10, 'even').length).toBe(15);
    expect(planLoads(3, 22, 10, 'even')).toEqual([1, 1, 1]);
    expect(planLoads(45, 22, 1, 'fill')).toEqual([22, 22, 1]);
    expect(planLoads(0, 22, 1, 'fill')).toEqual([]);
  });

  it('every default is declared with a basis and, unless assumed, a source', () => {
    for (const row of BUS_TRANSFER_SOURCES) {
      if (row.basis !== 'assumed') expect(row.sources.length).toBeGreaterThan(0);
      if (row.basis === 'assumed') expect(row.note).toMatch(/\[X\].*range/);
    }
    const r = runBusTransfer({ buses: 10 }, { seed: 1 });
    expect(r.provenance.find((u) => u.path === 'buses')?.used).toBe('given');
    expect(r.provenance.find((u) => u.path === 'seats')?.used).toBe('default');
  });
});

describe('bus transfer: bad input', () => {
  const bad: [string, unknown][] = [
    ['people', -1],
    ['people', 2.5],
    ['people', Number.NaN],
    ['people', '327'],
    ['buses', 0],
    ['buses', 1e9],
    ['seats', 0],
    ['seats', Number.POSITIVE_INFINITY],
    ['loadCap', 0],
    ['loadCap', 1.5],
    ['loadCap', 0.01],
    ['loading', 'random'],
    ['doors', 0],
    ['board', '-5 s'],
    ['board', 'fast'],
    ['alight', { dist: 'normal', mean: '5 s', sd: '2 s' }],
    ['travel', null],
    ['travel', '30 furlongs'],
    ['turnaround', []],
    ['start', '25:00'],
    ['start', -10],
    ['presentFrom', true],
    ['exposureFrom', 'noon'],
    ['escort', 'three'],
    ['escort.staff', 2],
    ['escort.perBus', -1],
    ['people', null],
    ['escort', null],
    ['seats', 1e6],
  ];

  function place(path: string, value: unknown): BusTransferParams {
    const [head, tail] = path.split('.');
    return (
      tail === undefined ? { [head as string]: value } : { [head as string]: { [tail]: value } }
    ) as BusTransferParams;
  }

  it('each bad field throws ParameterError naming its path and value, before any work', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bad), fc.integer({ min: 1, max: 30 }), ([path, value], buses) => {
        const params = { buses, ...place(path, value) };
        let caught: unknown;
        try {
          runBusTransfer(params, { seed: 1 });
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ParameterError);
        const err = caught as ParameterError;
        expect(err.path.startsWith(path)).toBe(true);
        expect(err.message).toContain(`\n  ${path}`);
        if (err.path === path) expect(err.value).toEqual(value);
      }),
      { numRuns: 120, seed: 7 },
    );
  });

  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    const field = fc.constantFrom(
      'people',
      'buses',
      'seats',
      'loadCap',
      'loading',
      'doors',
      'board',
      'alight',
      'travel',
      'turnaround',
      'escort',
      'start',
      'presentFrom',
      'exposureFrom',
    );
    fc.assert(
      fc.property(fc.dictionary(field, fc.anything(), { maxKeys: 3 }), (junk) => {
        try {
          resolveBusTransfer(new Simulation({ seed: 1 }), junk as BusTransferParams);
        } catch (e) {
          expect(e).toBeInstanceOf(ParameterError);
        }
      }),
      { numRuns: 300, seed: 41 },
    );
  });

  it('a start before the people are present is rejected', () => {
    expect(() => runBusTransfer({ presentFrom: 1000, start: 10 })).toThrow(
      /\n {2}start: expected a time at or after presentFrom \(1000 s\), got 10$/,
    );
  });
});

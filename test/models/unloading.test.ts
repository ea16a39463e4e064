import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HandlerInput, runUnloading, type UnloadingParams } from '../../models/unloading.js';
import { formatValue, ParameterError } from '../../src/index.js';

const quick = { dockTime: 0, switchTime: 0, bays: 1 } as const;
const elapsed = (r: ReturnType<typeof runUnloading>) => r.finishedAt! - r.start;

describe('unloading: hand-calculated cases', () => {
  it('a 10-link chain with 3 s passes: first item after 30 s, then one every 3 s', () => {
    const r = runUnloading(
      {
        ...quick,
        start: 0,
        trucks: 2,
        items: 100,
        binWidth: '1 min',
        handlers: [{ kind: 'chain', links: 10, pass: 3 }],
      },
      { seed: 1 },
    );
    expect(elapsed(r)).toBe(30 + 99 * 3);
    // stored at 30, 33, ..., 327: 10 in the first minute, then 20 a minute, 10 in the last
    expect(r.throughput.map((b) => b.items)).toEqual([10, 20, 20, 20, 20, 10]);
    expect(r.throughput[1]!.perHour).toBe(1200);
    expect(r.binding).toBe('handling');
    expect(r.items).toEqual({ total: 100, stored: 100, inTransit: 0, onTrucks: 0 });
    expect(r.volunteerHours).toBeCloseTo((10 * 327) / 3600, 12);
  });

  it('docking and switching: the chain waits for the bay and moves between trucks', () => {
    const r = runUnloading(
      {
        start: 0,
        bays: 1,
        dockTime: 60,
        switchTime: 10,
        trucks: 2,
        items: 100,
        handlers: [{ kind: 'chain', links: 10, pass: 3 }],
      },
      { seed: 1 },
    );
    // truck 1 docks 0–60; switch 60–70; takes 50 items 70..217; truck 2 docks 217–277; switch to 287;
    // last item taken at 287 + 147 = 434, stored 30 s later.
    expect(elapsed(r)).toBe(464);
    expect(r.trucks.map((t) => [t.docked, t.emptied])).toEqual([
      [60, 217],
      [277, 434],
    ]);
    const h = r.handlers[0]!.hours;
    expect(h.bays * 3600).toBeCloseTo(120, 9);
    expect(h.changeover * 3600).toBeCloseTo(20, 9);
    expect(h.handling * 3600).toBeCloseTo(324, 9);
  });

  it('a pallet jack: trips of 40 items (load, travel, store, drop, return)', () => {
    const r = runUnloading(
      {
        ...quick,
        start: 0,
        trucks: 1,
        items: 100,
        handlers: [{ kind: 'vehicle', load: 40, loadTime: 100, travel: 50, dropTime: 20, crew: 2 }],
      },
      { seed: 1 },
    );
    expect(elapsed(r)).toBe(590);
    expect(r.trucks[0]!.emptied).toBe(r.start + 440);
    expect(r.handlers[0]!.boundPerHour).toBeCloseTo((40 * 3600) / 220, 9);
    expect(r.volunteerHours).toBeCloseTo((2 * 590) / 3600, 12);
  });

  it('relief: the chain takes nothing for 20 s every 100 s', () => {
    const r = runUnloading(
      {
        ...quick,
        start: 0,
        trucks: 1,
        items: 200,
        handlers: [{ kind: 'chain', links: 1, pass: 1, reserves: 1, relief: { every: 100, pause: 20 } }],
      },
      { seed: 1 },
    );
    expect(elapsed(r)).toBe(240);
    expect(r.shares.relief).toBeCloseTo(40 / 240, 9);
    expect(r.volunteerHours).toBeCloseTo((2 * 240) / 3600, 12);
  });

  it('a deterministic chain delivers at its slowest link: T = Σ pass + (N − 1) · max pass', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 150 }),
        (passes, n) => {
          const r = runUnloading(
            {
              ...quick,
              start: 0,
              trucks: 1,
              items: n,
              handlers: [{ kind: 'chain', links: passes.length, pass: 1, passByLink: passes }],
            },
            { seed: 1 },
          );
          const sum = passes.reduce((a, b) => a + b, 0);
          expect(elapsed(r)).toBe(sum + (n - 1) * Math.max(...passes));
          expect(r.handlingBoundPerHour).toBeCloseTo(3600 / Math.max(...passes), 9);
        },
      ),
      { numRuns: 60, seed: 21 },
    );
  });

  it('with random passes, the long-run rate stays below 1 / largest mean pass', () => {
    const r = runUnloading(
      {
        ...quick,
        start: 0,
        trucks: 1,
        items: 3000,
        handlers: [{ kind: 'chain', links: 20, pass: { dist: 'exponential', mean: 2 } }],
      },
      { seed: 4 },
    );
    const rate = 3000 / elapsed(r);
    expect(rate).toBeLessThan(1 / 2);
    // and a tandem line with blocking loses a lot against it (well below 80 % of the bound)
    expect(rate).toBeLessThan(0.8 / 2);
  });
});

describe('unloading: what binds', () => {
  const chain: HandlerInput = { kind: 'chain', links: 5, pass: 1 };
  it('slow trucks: truck arrivals bind', () => {
    const r = runUnloading(
      { ...quick, start: 0, trucks: 5, items: 500, arrival: { every: '30 min' }, handlers: [chain] },
      { seed: 1 },
    );
    expect(r.binding).toBe('arrivals');
  });
  it('one bay with long docking and small trucks: bays bind', () => {
    const r = runUnloading(
      { start: 0, trucks: 10, items: 100, bays: 1, dockTime: '20 min', switchTime: 0, handlers: [chain] },
      { seed: 1 },
    );
    expect(r.binding).toBe('bays');
    // a second bay hides the docking behind the unloading of the other truck
    const two = runUnloading(
      { start: 0, trucks: 10, items: 100, bays: 2, dockTime: '20 min', switchTime: 0, handlers: [chain] },
      { seed: 1 },
    );
    expect(two.hours!).toBeLessThan(r.hours!);
  });
  it('storage too small: the run stops, storage binds, and every item is accounted for', () => {
    const r = runUnloading(
      { ...quick, start: 0, trucks: 2, items: 100, storage: 50, handlers: [chain] },
      { seed: 1 },
    );
    expect(r.finishedAt).toBeNull();
    expect(r.binding).toBe('storage');
    expect(r.stalled).toBe(true);
    expect(r.items.stored).toBe(50);
    expect(r.items.stored + r.items.inTransit + r.items.onTrucks).toBe(100);
    expect(r.items.inTransit).toBe(5);
    // with a relief rotation too: the run still ends
    const relief = runUnloading(
      {
        ...quick,
        start: 0,
        trucks: 2,
        items: 100,
        storage: 50,
        handlers: [{ ...chain, relief: { every: 60, pause: 10 } }],
      },
      { seed: 1 },
    );
    expect(relief.stalled).toBe(true);
    expect(relief.items.stored).toBe(50);
  });

  it('a relief rotation waits while trucks are late, and resumes with work', () => {
    const r = runUnloading(
      {
        ...quick,
        start: 0,
        trucks: 2,
        items: 20,
        arrival: { times: [0, '2 h'] },
        handlers: [{ kind: 'chain', links: 1, pass: 1, relief: { every: 100, pause: 20 } }],
      },
      { seed: 1 },
    );
    // truck 1: items at 0..9; truck 2 at 7200: items 7200..7209, stored by 7210.
    expect(elapsed(r)).toBe(7210);
  });
  it('a slow chain with all trucks there: the chain binds', () => {
    const r = runUnloading(
      { ...quick, start: 0, trucks: 3, items: 300, handlers: [{ kind: 'chain', links: 30, pass: 4 }] },
      { seed: 1 },
    );
    expect(r.binding).toBe('handling');
  });
});

describe('unloading: conservation', () => {
  it('items are stored, in transit or on trucks at any time; bins and handlers add up', () => {
    const handler = fc.oneof(
      fc.record({
        kind: fc.constant('chain' as const),
        count: fc.integer({ min: 1, max: 3 }),
        links: fc.integer({ min: 1, max: 15 }),
        pass: fc.double({ min: 0.5, max: 5, noNaN: true }).map((mean) => ({ dist: 'exponential', mean })),
        reserves: fc.integer({ min: 0, max: 5 }),
        relief: fc.option(fc.constant({ every: '20 min', pause: '2 min' }), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('vehicle' as const),
        load: fc.integer({ min: 1, max: 50 }),
        loadTime: fc.integer({ min: 1, max: 300 }),
        travel: fc.integer({ min: 0, max: 120 }),
        dropTime: fc.integer({ min: 0, max: 120 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(handler, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 50, max: 400 })),
        fc.double({ min: 0, max: 4000, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (handlers, trucks, items, bays, perTruck, storage, until, seed) => {
          const p: UnloadingParams = {
            start: 0,
            trucks,
            items,
            bays,
            handlersPerTruck: perTruck,
            storage,
            arrival: { every: '5 min' },
            handlers: handlers as HandlerInput[],
          };
          for (const r of [runUnloading(p, { seed, until }), runUnloading(p, { seed })]) {
            const a = r.items;
            expect(a.stored + a.inTransit + a.onTrucks).toBe(items);
            for (const k of [a.stored, a.inTransit, a.onTrucks]) expect(k).toBeGreaterThanOrEqual(0);
            expect(r.handlers.reduce((s, h) => s + h.moved, 0)).toBe(a.stored);
            expect(r.throughput.reduce((s, b) => s + b.items, 0)).toBe(a.stored);
            expect(a.stored).toBeLessThanOrEqual(storage);
            const shares = Object.values(r.shares);
            if (shares.some((x) => x > 0)) expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
          }
          const full = runUnloading(p, { seed });
          expect(full.finishedAt === null).toBe(storage < items);
        },
      ),
      { numRuns: 60, seed: 22 },
    );
  });
});

describe('unloading: defaults and alternatives', () => {
  it('default run (F16–F17): about 9 h through one 120-person chain, fitted and declared so', () => {
    const r = runUnloading({}, { seed: 1 });
    expect(r.startClock).toBe('22:00');
    expect(Math.abs(r.hours! - 9)).toBeLessThan(0.1);
    expect(r.binding).toBe('handling');
    expect(r.items).toEqual({ total: 10000, stored: 10000, inTransit: 0, onTrucks: 0 });
    expect(r.volunteerHours).toBeCloseTo(120 * r.hours!, 9);
    const fitted = r.provenance.filter((p) => p.basis === 'fitted');
    expect(fitted.map((p) => p.path)).toEqual(['handlers[0].pass']);
    expect(fitted[0]!.sources).toContain('F17');
    // The same 120 people as three chains of 40, three bays: shorter chains, three lines at once.
    const three = runUnloading(
      {
        bays: 3,
        handlers: [
          { kind: 'chain', count: 3, links: 40, pass: { dist: 'lognormal', mean: 2.23, sd: 0.558 } },
        ],
      },
      { seed: 1 },
    );
    // Each bay still docks its ten trucks one after another (5 min each), so not quite a third.
    expect(three.hours!).toBeLessThan(r.hours! / 2);
    expect(three.provenance.find((p) => p.path === 'handlers[0].pass')!.used).toBe('given');
  });

  it('same seed, same result; results are JSON', () => {
    const p: UnloadingParams = {
      trucks: 4,
      items: 400,
      handlers: [{ kind: 'chain', links: 12, pass: { dist: 'gamma', shape: 4, rate: 2 } }],
    };
    expect(JSON.parse(JSON.stringify(runUnloading(p, { seed: 5 })))).toEqual(runUnloading(p, { seed: 5 }));
  });
});

describe('unloading: bad input', () => {
  const base = {
    start: 0,
    trucks: 3,
    items: 90,
    bays: 1,
    handlers: [
      { kind: 'chain', links: 5, pass: '2 s' },
      { kind: 'vehicle', load: 10, loadTime: 60, travel: 30, dropTime: 10 },
    ],
  };
  type Mutation = [path: string, value: unknown, apply: (p: any, v: unknown) => void];
  const mutations: Mutation[] = [
    ['unloading.trucks', 0, (p, v) => (p.trucks = v)],
    ['unloading.items', -1, (p, v) => (p.items = v)],
    ['unloading.items', [1, 2], (p, v) => (p.items = v)],
    ['unloading.items[1]', 2.5, (p, v) => (p.items = [1, v, 3])],
    ['unloading.start', 'noon', (p, v) => (p.start = v)],
    ['unloading.arrival.every', '5 kg', (p, v) => (p.arrival = { every: v })],
    ['unloading.arrival', 'soon', (p, v) => (p.arrival = v)],
    ['unloading.bays', 0, (p, v) => (p.bays = v)],
    ['unloading.dockTime', -5, (p, v) => (p.dockTime = v)],
    ['unloading.storage', 0, (p, v) => (p.storage = v)],
    ['unloading.binWidth', 0, (p, v) => (p.binWidth = v)],
    ['unloading.handlersPerTruck', 1.5, (p, v) => (p.handlersPerTruck = v)],
    ['unloading.handlers', [], (p, v) => (p.handlers = v)],
    ['unloading.handlers[0].kind', 'conveyor', (p, v) => (p.handlers[0].kind = v)],
    ['unloading.handlers[0].links', 0, (p, v) => (p.handlers[0].links = v)],
    ['unloading.handlers[0].pass', '2 m', (p, v) => (p.handlers[0].pass = v)],
    ['unloading.handlers[0].pass', 0, (p, v) => (p.handlers[0].pass = v)],
    [
      'unloading.handlers[0].pass.mean',
      '-2 s',
      (p, v) => (p.handlers[0].pass = { dist: 'lognormal', mean: v, sd: 1 }),
    ],
    ['unloading.handlers[0].passByLink', [1], (p, v) => (p.handlers[0].passByLink = v)],
    ['unloading.handlers[0].relief.every', 10, (p, v) => (p.handlers[0].relief = { every: v, pause: 20 })],
    ['unloading.handlers[0].count', -1, (p, v) => (p.handlers[0].count = v)],
    ['unloading.handlers[0].reserves', 0.5, (p, v) => (p.handlers[0].reserves = v)],
    ['unloading.handlers[1].load', 0, (p, v) => (p.handlers[1].load = v)],
    ['unloading.handlers[1].travel', Number.POSITIVE_INFINITY, (p, v) => (p.handlers[1].travel = v)],
    ['unloading.handlers[1].crew', 0, (p, v) => (p.handlers[1].crew = v)],
  ];
  it('each bad parameter gives a ParameterError with its path and value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...mutations), ([path, value, apply]) => {
        const p = structuredClone(base) as any;
        apply(p, value);
        let error: unknown;
        try {
          runUnloading(p, { seed: 1 });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).path).toBe(path);
        expect((error as ParameterError).message).toContain(formatValue(value));
      }),
      { numRuns: 80, seed: 23 },
    );
  });
  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (trucks, items, handlers) => {
        try {
          runUnloading({ start: 0, trucks, items, handlers } as any, { seed: 1, until: 36000 });
        } catch (e) {
          expect(e).toBeInstanceOf(ParameterError);
        }
      }),
      { numRuns: 150, seed: 24 },
    );
  });
});

/**
 * Monitor tables (`new Simulation({ tables: true })`): the arrivals and resources tables against a
 * hand-worked trace with deterministic arrivals and services (exact rows), their CSV round trip, that
 * recording does not change the run, and that with the option off nothing is attached and the memory
 * kept after a run does not grow with the number of customers.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ARRIVALS_COLUMNS,
  fromCSV,
  ParameterError,
  RESOURCE_COLUMNS,
  Resource,
  rows,
  Simulation,
  toCSV,
} from '../../src/index.js';

const KEY = { scenario: 'trace', replication: 2, seed: 11 };

/**
 * One desk (capacity 1) and an unlimited lab. Customers, each a named process:
 * - c1 starts at 0, takes the desk for 3, then the lab for 1;
 * - c2 starts at 0.5, walks 0.5, then takes the desk for 3;
 * - c3 starts at 2 and will wait 2.5 at most for the desk;
 * - c4 starts at 5 and takes the desk for 3; c5 starts at 7 and takes it for 3.
 * A generator process starts them; it requests nothing, so it is not an arrival. The run stops at 8.
 */
function trace(tables = true) {
  const sim = new Simulation({ ...KEY, tables });
  const desk = new Resource(sim, { name: 'desk', capacity: 1 });
  const lab = new Resource(sim, { name: 'lab', capacity: Number.POSITIVE_INFINITY });
  function* customer(walk: number, service: number, patience?: number) {
    if (walk > 0) yield* sim.delay(walk);
    const req = yield* desk.request(patience === undefined ? {} : { patience });
    if (!req.granted) return;
    yield* sim.delay(service);
    desk.release(req);
  }
  function* c1() {
    yield* customer(0, 3);
    const bench = yield* lab.request();
    yield* sim.delay(1);
    lab.release(bench);
  }
  const starts: [number, string, () => Generator<any, void, any>][] = [
    [0, 'c1', c1],
    [0.5, 'c2', () => customer(0.5, 3)],
    [2, 'c3', () => customer(0, 3, 2.5)],
    [5, 'c4', () => customer(0, 3)],
    [7, 'c5', () => customer(0, 3)],
  ];
  sim.process(
    (function* () {
      for (const [at, name, make] of starts) {
        yield* sim.delay(at - sim.now);
        sim.process(make(), { name });
      }
    })(),
    { name: 'generator' },
  );
  sim.run(8);
  return { sim, desk, lab };
}

describe('monitor tables: a hand-worked trace', () => {
  it('the resources table has each starting state and every change, in order', () => {
    const { sim } = trace();
    const table = sim.resourcesTable();
    expect(table.schema).toBe(RESOURCE_COLUMNS);
    const got = rows(table).map(({ resource, time, busy, queue, capacity }) => [
      resource,
      time,
      busy,
      queue,
      capacity,
    ]);
    expect(got).toEqual([
      ['desk', 0, 0, 0, 1], // created
      ['lab', 0, 0, 0, null], // created; unlimited capacity is null
      ['desk', 0, 1, 0, 1], // c1 served at once
      ['desk', 1, 1, 1, 1], // c2 queues after its walk
      ['desk', 2, 1, 2, 1], // c3 queues
      ['desk', 3, 1, 1, 1], // c1 leaves the desk, c2 takes it: busy stays 1, queue drops
      ['lab', 3, 1, 0, null], // c1 at the lab
      ['lab', 4, 0, 0, null],
      ['desk', 4.5, 1, 0, 1], // c3's patience runs out
      ['desk', 5, 1, 1, 1], // c4 queues
      ['desk', 6, 1, 0, 1], // c2 leaves, c4 takes the desk
      ['desk', 7, 1, 1, 1], // c5 queues
    ]);
    expect(new Set(table.columns.scenario)).toEqual(new Set(['trace']));
    expect(new Set(table.columns.replication)).toEqual(new Set([2]));
    expect(new Set(table.columns.seed)).toEqual(new Set([11]));
  });

  it('the arrivals table has one row per requesting process, finished or not', () => {
    const { sim } = trace();
    const table = sim.arrivalsTable();
    expect(table.schema).toBe(ARRIVALS_COLUMNS);
    const got = rows(table).map(({ entity, start, end, wait, service, finished, outcome }) => ({
      entity,
      start,
      end,
      wait,
      service,
      finished,
      outcome,
    }));
    expect(got).toEqual([
      // desk 0–3 (no wait), lab 3–4
      { entity: 'c1', start: 0, end: 4, wait: 0, service: 4, finished: true, outcome: 'finished' },
      // walk 0.5–1, queue 1–3, desk 3–6: service = 6 − 0.5 − 2 (walking counts as activity, as in simmer)
      { entity: 'c2', start: 0.5, end: 6, wait: 2, service: 3.5, finished: true, outcome: 'finished' },
      // queue 2–4.5, then leaves
      { entity: 'c3', start: 2, end: 4.5, wait: 2.5, service: 0, finished: false, outcome: 'reneged' },
      // queue 5–6, at the desk from 6 when the run stops at 8
      { entity: 'c4', start: 5, end: null, wait: 1, service: 2, finished: false, outcome: 'in-service' },
      // queued from 7 when the run stops at 8
      { entity: 'c5', start: 7, end: null, wait: 1, service: 0, finished: false, outcome: 'queued' },
    ]);
  });

  it('reads the state now: after running on, the unfinished arrivals finish', () => {
    const { sim } = trace();
    sim.run();
    const got = rows(sim.arrivalsTable()).map((r) => [r.entity, r.end, r.wait, r.outcome]);
    expect(got.slice(3)).toEqual([
      ['c4', 9, 1, 'finished'],
      ['c5', 12, 2, 'finished'],
    ]);
    // Every arrival is accounted for, and the desk's own counts agree.
    expect(rows(sim.resourcesTable()).at(-1)).toMatchObject({
      resource: 'desk',
      time: 12,
      busy: 0,
      queue: 0,
    });
  });

  it('round-trips through CSV', () => {
    const { sim } = trace();
    for (const [table, schema] of [
      [sim.arrivalsTable(), ARRIVALS_COLUMNS],
      [sim.resourcesTable(), RESOURCE_COLUMNS],
    ] as const) {
      const back = fromCSV(toCSV(table), schema);
      expect(back.length).toBe(table.length);
      expect(rows(back)).toEqual(rows(table as never));
    }
  });

  it('does not change the run it records', () => {
    const on = trace(true);
    const off = trace(false);
    expect(on.sim.report()).toEqual(off.sim.report());
    expect(on.desk.accounting()).toEqual(off.desk.accounting());
  });
});

describe('monitor tables: off by default, and free when off', () => {
  it('are not recorded unless asked for, and say how to ask', () => {
    const { sim, desk } = trace(false);
    // Nothing is attached to the resource but its standard monitor.
    expect(desk.observer).toBe(sim.monitorOf(desk));
    expect(() => sim.arrivalsTable()).toThrow(
      new ParameterError('arrivalsTable(): tables', 'true (set in the Simulation options)', false),
    );
    expect(() => new Simulation({ tables: 'yes' as never })).toThrow(
      /^tables: expected true or false, got "yes"/,
    );
  });

  /** M/M/1-like run of `customers` processes; returns the simulation (which the caller keeps alive). */
  function run(customers: number, tables: boolean): Simulation {
    const sim = new Simulation({ seed: 5, tables });
    const desk = new Resource(sim, { name: 'desk', capacity: 2 });
    const rng = sim.stream('x');
    sim.process(
      (function* () {
        for (let i = 0; i < customers; i++) {
          sim.process(
            (function* () {
              const req = yield* desk.request();
              yield* sim.delay(rng.next() * 1.8);
              desk.release(req);
            })(),
            { name: `customer#${i}` },
          );
          yield* sim.delay(1);
        }
      })(),
    );
    sim.run();
    return sim;
  }

  it('keeps no memory per customer when off (and measurably some when on)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    /** Heap still in use after a full collection while the finished simulation is kept alive. */
    const retained = (customers: number, tables: boolean): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const sim = run(customers, tables);
      gc();
      const after = process.memoryUsage().heapUsed;
      expect(sim.now).toBeGreaterThan(customers - 2);
      return after - before;
    };
    retained(1_000, false); // warm up the code paths first, so compiled code is not counted below
    retained(1_000, true);
    const offSmall = retained(2_000, false);
    const offLarge = retained(20_000, false);
    const onLarge = retained(20_000, true);
    // 18,000 more customers: with the tables on that is 18,000 arrival rows and about 36,000 resource
    // rows (about 250 bytes a customer); with them off the run keeps only fixed-size monitors. The
    // bound for "off" is 1 MB, under 56 bytes a customer: less than one row, above the few hundred
    // kilobytes that heap measurements move by between collections.
    expect(onLarge - offSmall).toBeGreaterThan(2_500_000);
    expect(offLarge - offSmall).toBeLessThan(1_000_000);
  });
});

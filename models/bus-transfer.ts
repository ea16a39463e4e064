/**
 * Closed-loop bus transfer of exposed people from a sealed site to an isolation site.
 *
 * The reported day (F15): at 21:00, 17 buses left the logistics park and moved 327 workers in a
 * closed loop to the isolation site, escorted by 60+ staff; the workers had waited at the park for
 * the site to be ready (F11: "every minute earlier is one minute less infection risk").
 *
 * Mechanics, all in one {@link Simulation} so the start can wait on another model's event:
 * - `people` are at the park from `presentFrom`. The transfer starts at `start` and, if a `gate`
 *   event is given (e.g. the isolation site's "327 beds ready"), not before that event.
 * - A fleet of `buses` with `seats` each, filled to at most `loadCap` of the seats (a 50 % cap for
 *   high-risk passengers, cal §1d). The loads are planned up front: `'fill'` fills each bus to
 *   capacity, `'even'` spreads people evenly over at least as many trips as there are buses (what the
 *   report's 19.2 per bus suggests). Bigger loads go first.
 * - A bus needs an escort crew (`escort.perBus` staff out of `escort.staff`) before it may board:
 *   no escort, no departure. The crew rides the whole cycle and is released when the bus is back (or,
 *   on its last trip, when its passengers have alighted at the site).
 * - Boarding goes through `doors` boarding points at the park (default one: the sealed park's single
 *   checked exit), one person at a time (`board` per person). A bus then travels (`travel`), its
 *   people alight one at a time (`alight`), and, while planned loads remain, it drives back
 *   (`travel` again) and is disinfected (`turnaround`) before its next trip.
 *
 * With one door, the transfer cannot finish before `start + people·board + travel + a·(last load)`
 * however many buses there are: adding buses helps only until the door binds.
 *
 * Results: the finish time (last person alighted), trips per bus, bus loads, per-person park wait
 * and bus time, and **exposure person-minutes**: the minutes each person waited at the park after
 * `exposureFrom` (default the 14:30 zoning, F8) until stepping on a bus, summed.
 *
 * @module
 */

import * as z from 'zod';
import {
  type Distribution,
  Resource,
  type RunIdentity,
  type SimEvent,
  Simulation,
  validate,
} from '../src/index.js';
import type { DurationSpec } from './durations.js';
import { givenPaths, type ParameterSource, type ParameterUse, provenanceOf } from './provenance.js';
import { clockTime, count, parseParams, perEpoch, strictObject, varying } from './values.js';

/** How planned bus loads are chosen. @example `const l: LoadingRule = 'even';` */
export type LoadingRule = 'fill' | 'even';

/**
 * Parameters of the transfer. Every field is optional; defaults are in {@link BUS_TRANSFER_SOURCES}.
 *
 * @example
 * ```ts
 * const p: BusTransferParams = { buses: 10, travel: '25 min', loadCap: 0.5 };
 * ```
 */
export interface BusTransferParams {
  /** People to move (default 327, F15). */
  readonly people?: number;
  /** Clock time ("01:30") or simulated seconds from which the people are at the park. */
  readonly presentFrom?: string | number;
  /** Clock time or seconds at which exposure is counted from (default "14:30", F8). */
  readonly exposureFrom?: string | number;
  /** Earliest start of boarding (default "21:00", F15). A gate event can only delay it. */
  readonly start?: string | number;
  /** Buses in the fleet (default 17, F15). */
  readonly buses?: number;
  /** Seats per bus (default 45, cal §1d). */
  readonly seats?: number;
  /** Share of seats that may be used, in (0, 1] (default 0.5, cal §1d high-risk cap). */
  readonly loadCap?: number;
  /** `'even'` (default) or `'fill'`. */
  readonly loading?: LoadingRule;
  /** Boarding points at the park (default 1). */
  readonly doors?: number;
  /** Boarding time per person. */
  readonly board?: DurationSpec;
  /** Alighting time per person. */
  readonly alight?: DurationSpec;
  /** One-way travel time park → site (the return takes a fresh draw). */
  readonly travel?: DurationSpec;
  /** Disinfection and turnaround at the park before the next trip. */
  readonly turnaround?: DurationSpec;
  /** Escort staff. */
  readonly escort?: { readonly staff?: number; readonly perBus?: number };
}

/** Parameters after parsing and validation (times in simulated seconds). @example `resolved.capacity` */
export interface ResolvedBusTransfer {
  /** People to move, after validation (0 to 1 000 000; default 327). */
  readonly people: number;
  /** Simulated seconds from which the people are at the park. */
  readonly presentFrom: number;
  /** Simulated seconds from which park waiting counts as exposure. */
  readonly exposureFrom: number;
  /** Earliest start of boarding, simulated seconds; never before `presentFrom`. A gate can only delay it. */
  readonly start: number;
  /** Buses in the fleet (at least 1). */
  readonly buses: number;
  /** Seats per bus (1 to 200). */
  readonly seats: number;
  /** Share of seats that may be used, in (0, 1]. */
  readonly loadCap: number;
  /** Passengers per bus: floor(seats × loadCap). */
  readonly capacity: number;
  /** How the planned loads were chosen (`'fill'` or `'even'`). */
  readonly loading: LoadingRule;
  /** Boarding points at the park (at least 1); boarding is one person at a time per door. */
  readonly doors: number;
  /** Boarding time per person, seconds. */
  readonly board: Distribution;
  /** Alighting time per person, seconds. */
  readonly alight: Distribution;
  /** One-way travel time park → site, seconds; drawn afresh for every leg. */
  readonly travel: Distribution;
  /** Disinfection and turnaround at the park before the next trip, seconds. */
  readonly turnaround: Distribution;
  /** Escort staff in all; with `escortPerBus` it sets how many buses can be crewed at once. */
  readonly escortStaff: number;
  /** Escort staff a bus needs before it may board; 0 means buses need no escort. */
  readonly escortPerBus: number;
  /** Planned loads, in boarding order. */
  readonly loads: readonly number[];
}

/**
 * The declared defaults with their sources. `[X]` marks an assumption and the range considered.
 *
 * @example
 * ```ts
 * BUS_TRANSFER_SOURCES.find((r) => r.path === 'buses')?.value; // 17
 * ```
 */
export const BUS_TRANSFER_SOURCES: readonly ParameterSource[] = [
  {
    path: 'people',
    value: 327,
    basis: 'sourced',
    sources: ['F15'],
    note: '327 workers moved (F11: 300+ waiting)',
  },
  {
    path: 'presentFrom',
    value: '01:30',
    basis: 'sourced',
    sources: ['F1'],
    note: 'park sealed off when the case is found',
  },
  {
    path: 'exposureFrom',
    value: '14:30',
    basis: 'sourced',
    sources: ['F8'],
    note: 'zoning: the park is a sealed zone',
  },
  {
    path: 'start',
    value: '21:00',
    basis: 'assumed',
    sources: ['F15'],
    note: '[X] buses left at 21:00; boarding is taken to start then (range 20:00–21:00, boarding time unreported)',
  },
  { path: 'buses', value: 17, basis: 'sourced', sources: ['F15'], note: '17 buses' },
  {
    path: 'seats',
    value: 45,
    basis: 'sourced',
    sources: ['cal §1d', 'cal §2'],
    note: '45–55-seat coaches; lower end',
  },
  {
    path: 'loadCap',
    value: 0.5,
    basis: 'sourced',
    sources: ['cal §1d'],
    note: '≤50 % of seats in high-risk areas → 22 per bus',
  },
  {
    path: 'loading',
    value: 'even',
    basis: 'derived',
    sources: ['F15', 'cal §2'],
    note: '327 / 17 = 19.2 per bus: every bus went, none full',
  },
  {
    path: 'doors',
    value: 1,
    basis: 'assumed',
    sources: [],
    note: '[X] one checked exit from the sealed park (range 1–2)',
  },
  {
    path: 'board',
    value: '15 s',
    basis: 'assumed',
    sources: [],
    note: '[X] per person incl. name check (range 8–30 s)',
  },
  { path: 'alight', value: '6 s', basis: 'assumed', sources: [], note: '[X] per person (range 3–10 s)' },
  {
    path: 'travel',
    value: '30 min',
    basis: 'assumed',
    sources: [],
    note: '[X] site location unreported (range 20–40 min)',
  },
  {
    path: 'turnaround',
    value: '20 min',
    basis: 'assumed',
    sources: ['cal §1d'],
    note: '[X] disinfection before reuse (range 15–30 min)',
  },
  { path: 'escort.staff', value: 60, basis: 'sourced', sources: ['F15'], note: '60+ staff' },
  {
    path: 'escort.perBus',
    value: 3,
    basis: 'derived',
    sources: ['F15', 'cal §1d'],
    note: '60 / 17 ≈ 3.5 staff per bus, rounded down',
  },
];

const MAX_PEOPLE = 1_000_000;
const MAX_BUSES = 10_000;
const MAX_SEATS = 200;

/**
 * Planned loads in boarding order (bigger first). `'fill'`: full buses and one remainder.
 * `'even'`: `max(buses, ⌈people / capacity⌉)` trips (at most one per person) of ⌊n/t⌋ or ⌈n/t⌉.
 *
 * @example
 * ```ts
 * planLoads(327, 22, 17, 'even').length; // 17 (4 × 20, 13 × 19)
 * ```
 */
export function planLoads(people: number, capacity: number, buses: number, loading: LoadingRule): number[] {
  if (people === 0) return [];
  const minTrips = Math.ceil(people / capacity);
  if (loading === 'fill') {
    const loads = new Array<number>(minTrips).fill(capacity);
    loads[minTrips - 1] = people - capacity * (minTrips - 1);
    return loads;
  }
  const trips = Math.min(people, Math.max(buses, minTrips));
  const base = Math.floor(people / trips);
  const extra = people - base * trips;
  return Array.from({ length: trips }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The schema of a transfer's parameters for a simulation's epoch (it places clock times). */
const busTransferSchema = perEpoch((epoch) => {
  const clock = clockTime(epoch);
  return strictObject({
    people: count(0, MAX_PEOPLE).default(327),
    presentFrom: clock.prefault('01:30'),
    exposureFrom: clock.prefault('14:30'),
    start: clock.prefault('21:00'),
    buses: count(1, MAX_BUSES).default(17),
    seats: count(1, MAX_SEATS).default(45),
    loadCap: z
      .number({ error: 'a share in (0, 1]' })
      .gt(0, { error: 'a share in (0, 1]' })
      .max(1, { error: 'a share in (0, 1]' })
      .default(0.5),
    loading: z.enum(['even', 'fill']).default('even'),
    doors: count(1, MAX_BUSES).default(1),
    board: varying.prefault('15 s'),
    alight: varying.prefault('6 s'),
    travel: varying.prefault('30 min'),
    turnaround: varying.prefault('20 min'),
    escort: strictObject({
      staff: count(0, MAX_PEOPLE).default(60),
      perBus: count(0, MAX_SEATS).default(3),
    }).prefault({}),
  }).transform((p, ctx): ResolvedBusTransfer => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (p.start < p.presentFrom) issue(['start'], `a time at or after presentFrom (${p.presentFrom} s)`);
    const capacity = Math.floor(p.seats * p.loadCap + 1e-9);
    if (capacity < 1) issue(['loadCap'], `a share leaving at least one of ${p.seats} seats`);
    if (p.escort.staff < p.escort.perBus)
      issue(['escort', 'staff'], `at least escort.perBus (${p.escort.perBus}): no escort, no departure`);
    const { escort, ...rest } = p;
    return {
      ...rest,
      capacity,
      escortStaff: escort.staff,
      escortPerBus: escort.perBus,
      loads: capacity < 1 ? [] : planLoads(p.people, capacity, p.buses, p.loading),
    };
  });
});

/**
 * Parse and validate parameters against a simulation (for its epoch). Throws before any work.
 *
 * @throws ParameterError (a `SpecError`) listing every bad parameter, each with its path and value.
 * @example
 * ```ts
 * resolveBusTransfer(sim, { buses: 10 }).capacity; // 22
 * ```
 */
export function resolveBusTransfer(sim: Simulation, params: BusTransferParams = {}): ResolvedBusTransfer {
  return parseParams(busTransferSchema(sim.epoch), params, '', 'bus transfer');
}

/** One trip. @example `trip.load` */
export interface TransferTrip {
  /** Bus number, 1-based. */
  readonly bus: number;
  /** Passengers carried on this trip. */
  readonly load: number;
  /** Door granted (boarding starts). */
  readonly boardingAt: number;
  /** Simulated seconds at which the last passenger boarded and the bus left the park. */
  readonly departedAt: number;
  /** Simulated seconds at which the bus reached the site (before alighting). */
  readonly arrivedAt: number;
  /** Last passenger off. */
  readonly alightedAt: number;
}

/** Where everyone is; `atPark + onBus + atSite === people` at every moment. @example `c.atSite` */
export interface TransferCounts {
  /** People to move in all (constant over the run). */
  readonly people: number;
  /** People still waiting at the park (not yet boarded). */
  readonly atPark: number;
  /** People boarded and not yet alighted. */
  readonly onBus: number;
  /** People alighted at the isolation site. */
  readonly atSite: number;
}

/** One person's times. @example `p.parkWait` */
export interface PersonRecord {
  /** Stepped on the bus (left the park), or null. */
  readonly boardedAt: number | null;
  /** Stepped off at the site, or null. */
  readonly alightedAt: number | null;
}

/**
 * The transfer running in a simulation. Build it before `sim.run()`.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ epoch: '2022-04-13T01:30+08:00', seed: 1 });
 * const t = new BusTransfer(sim, resolveBusTransfer(sim, {}));
 * sim.run();
 * t.counts().atSite; // 327
 * ```
 */
export class BusTransfer {
  /** The validated parameters the transfer runs with. */
  readonly params: ResolvedBusTransfer;
  /** When boarding could begin (start and gate both passed), or null while waiting. */
  startedAt: number | null = null;
  private readonly sim: Simulation;
  private readonly trips: TransferTrip[] = [];
  private readonly persons: { boardedAt: number | null; alightedAt: number | null }[];
  private nextLoad = 0;
  private nextPerson = 0;
  private boarded = 0;
  private alighted = 0;

  constructor(sim: Simulation, params: ResolvedBusTransfer, gate?: SimEvent<unknown>) {
    this.sim = sim;
    this.params = params;
    this.persons = Array.from({ length: params.people }, () => ({ boardedAt: null, alightedAt: null }));
    const door = new Resource(sim, { name: 'transfer.doors', capacity: params.doors });
    const crews = new Resource(sim, {
      name: 'transfer.escortCrews',
      capacity:
        params.escortPerBus === 0 ? params.buses : Math.floor(params.escortStaff / params.escortPerBus),
    });
    const self = this;
    sim.process(
      (function* () {
        if (sim.now < params.start) yield sim.timeout(params.start - sim.now);
        if (gate !== undefined && !gate.processed) yield gate;
        self.startedAt = sim.now;
        for (let b = 0; b < params.buses; b++)
          sim.process(self.bus(b, door, crews), { name: `bus ${b + 1}` });
      })(),
      { name: 'transfer.start' },
    );
  }

  private *bus(id: number, door: Resource, crews: Resource): Generator<SimEvent<unknown>, void, unknown> {
    const sim = this.sim;
    const p = this.params;
    const board = sim.stream('transfer.board');
    const alight = sim.stream('transfer.alight');
    const travel = sim.stream('transfer.travel');
    const turn = sim.stream('transfer.turnaround');
    while (this.nextLoad < p.loads.length) {
      const crew = crews.request();
      yield crew;
      const d = door.request();
      yield d;
      if (this.nextLoad >= p.loads.length) {
        door.release(d);
        crews.release(crew);
        return;
      }
      const load = p.loads[this.nextLoad++] ?? 0;
      const boardingAt = sim.now;
      const riders: number[] = [];
      for (let i = 0; i < load; i++) {
        yield sim.timeout(p.board.sample(board));
        const who = this.nextPerson++;
        riders.push(who);
        const rec = this.persons[who];
        if (rec) rec.boardedAt = sim.now;
        this.boarded++;
      }
      door.release(d);
      const departedAt = sim.now;
      yield sim.timeout(p.travel.sample(travel));
      const arrivedAt = sim.now;
      for (const who of riders) {
        yield sim.timeout(p.alight.sample(alight));
        const rec = this.persons[who];
        if (rec) rec.alightedAt = sim.now;
        this.alighted++;
      }
      this.trips.push({ bus: id + 1, load, boardingAt, departedAt, arrivedAt, alightedAt: sim.now });
      if (this.nextLoad >= p.loads.length) {
        crews.release(crew);
        return;
      }
      yield sim.timeout(p.travel.sample(travel));
      yield sim.timeout(p.turnaround.sample(turn));
      crews.release(crew);
    }
  }

  /** Where everyone is now. @example `t.counts()` */
  counts(): TransferCounts {
    const p = this.params.people;
    return {
      people: p,
      atPark: p - this.boarded,
      onBus: this.boarded - this.alighted,
      atSite: this.alighted,
    };
  }

  /** Trips so far, in order of last alighting. @example `t.tripLog().length` */
  tripLog(): readonly TransferTrip[] {
    return this.trips.slice();
  }

  /** Per-person times. @example `t.people()[0]?.boardedAt` */
  people(): readonly PersonRecord[] {
    return this.persons.map((r) => ({ ...r }));
  }
}

/** Summary statistics of a per-person quantity, minutes. @example `s.mean` */
export interface MinuteStats {
  /** Sum over people, minutes. */
  readonly total: number;
  /** Mean per person, minutes; 0 when there are no people. */
  readonly mean: number;
  /** Largest value, minutes; 0 when there are no people. */
  readonly max: number;
}

/** Result of {@link runBusTransfer}; plain JSON. @example `r.finish.clock` */
export interface BusTransferResult extends RunIdentity {
  /** When boarding could start (start time and gate passed), or null if the gate never fired. */
  readonly startedAt: number | null;
  /** Last person alighted at the site, or null if someone never got there. */
  readonly finish: {
    /** Simulated seconds at which the last person alighted, or null if someone never got there. */
    readonly time: number | null;
    /** Local clock time of `time` in the run's epoch, or null with it. */
    readonly clock: string | null;
    /** Minutes from `startedAt` to `time`, or null if either is null. */
    readonly minutesAfterStart: number | null;
  };
  /** Passengers per bus: floor(seats × loadCap). */
  readonly capacity: number;
  /** Every completed trip, in order of last alighting. */
  readonly trips: readonly TransferTrip[];
  /** Trips made by each bus (index 0 is bus 1). */
  readonly tripsPerBus: readonly number[];
  /** Passengers per completed trip, in the same order as `trips`. */
  readonly loads: readonly number[];
  /** Σ over people of minutes at the park after exposureFrom until boarding (open waits count to the end of the run). */
  readonly exposurePersonMinutes: number;
  /** Park wait per person, minutes, from max(exposureFrom, presentFrom). */
  readonly parkWait: MinuteStats;
  /** Time on the bus per person (boarded → alighted), minutes, over people who arrived. */
  readonly busTime: MinuteStats;
  /** Counts at the end; they add up to `people`. */
  readonly final: TransferCounts;
  /** Each parameter used, its value and whether it was given or a default (with its source). */
  readonly provenance: readonly ParameterUse[];
}

/** Options of {@link runBusTransfer}. @example `{ seed: 1, gate: (sim) => sim.timeout(600) }` */
export interface RunBusTransferOptions {
  /** Seed of every random stream; when omitted one is drawn and reported in the result's `seed`. */
  readonly seed?: number;
  /** Default `2022-04-13T01:30+08:00` (F1). */
  readonly epoch?: string;
  /** Replication index (integer ≥ 0, default 0), recorded in the result's identity; it does not change the streams. */
  readonly replication?: number;
  /** Build the event the start waits for (e.g. `setup.bedsReady(327)` of a site set-up in the same simulation). */
  readonly gate?: (sim: Simulation) => SimEvent<unknown>;
  /** Stop at this simulated time (default: until done). */
  readonly until?: number;
}

const RUN_OPTION_KEYS = Object.keys({
  seed: true,
  epoch: true,
  replication: true,
  gate: true,
  until: true,
} satisfies Record<keyof RunBusTransferOptions, true>);

function stats(xs: readonly number[]): MinuteStats {
  const total = xs.reduce((a, b) => a + b, 0);
  return {
    total,
    mean: xs.length === 0 ? 0 : total / xs.length,
    max: xs.reduce((a, b) => Math.max(a, b), 0),
  };
}

/**
 * Run the transfer to the end and summarise it.
 *
 * @throws ParameterError for bad parameters, before any work.
 * @example
 * ```ts
 * const r = runBusTransfer({ buses: 17 }, { seed: 1 });
 * r.finish.clock; r.exposurePersonMinutes;
 * ```
 */
export function runBusTransfer(
  params: BusTransferParams = {},
  options: RunBusTransferOptions = {},
): BusTransferResult {
  validate.knownKeys(options, 'options', RUN_OPTION_KEYS);
  const sim = new Simulation({
    epoch: options.epoch ?? '2022-04-13T01:30+08:00',
    scenario: 'bus-transfer',
    onDeadlock: 'ignore',
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.replication !== undefined && { replication: options.replication }),
  });
  const resolved = resolveBusTransfer(sim, params);
  const gate = options.gate?.(sim);
  const transfer = new BusTransfer(sim, resolved, gate);
  if (options.until === undefined) sim.run();
  else {
    // `until: 0` builds and checks the model without running it (the kernel refuses a run to now).
    const until = validate.nonNegative(options.until, 'until');
    if (until > sim.now) sim.run(until);
  }
  const end = sim.now;
  const final = transfer.counts();
  const people = transfer.people();
  const from = Math.max(resolved.exposureFrom, resolved.presentFrom);
  const waits = people.map((r) => Math.max(0, (r.boardedAt ?? end) - from) / 60);
  const onBus = people.flatMap((r) =>
    r.boardedAt !== null && r.alightedAt !== null ? [(r.alightedAt - r.boardedAt) / 60] : [],
  );
  const trips = transfer.tripLog();
  const tripsPerBus = new Array<number>(resolved.buses).fill(0);
  for (const t of trips) tripsPerBus[t.bus - 1] = (tripsPerBus[t.bus - 1] ?? 0) + 1;
  const done = final.atSite === final.people;
  const finishTime = done ? trips.reduce((m, t) => Math.max(m, t.alightedAt), transfer.startedAt ?? 0) : null;
  return {
    ...sim.identity(),
    startedAt: transfer.startedAt,
    finish: {
      time: finishTime,
      clock: finishTime === null ? null : sim.clock(finishTime),
      minutesAfterStart:
        finishTime === null || transfer.startedAt === null ? null : (finishTime - transfer.startedAt) / 60,
    },
    capacity: resolved.capacity,
    trips,
    tripsPerBus,
    loads: trips.map((t) => t.load),
    exposurePersonMinutes: stats(waits).total,
    parkWait: stats(waits),
    busTime: stats(onBus),
    final,
    provenance: provenanceOf(BUS_TRANSFER_SOURCES, givenPaths(params)),
  };
}

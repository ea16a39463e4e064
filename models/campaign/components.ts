/**
 * The campaign's components other than testing areas — village checkpoints, musters, isolation sites
 * with the transfers they gate, supply unloading — each run by its model from `models/`, with results
 * as plain JSON in seconds after the campaign's epoch.
 *
 * Inputs are the spec's values with annotations stripped and references resolved (units still written
 * out: the models parse them, with the campaign's epoch for clock times). A model's parameter error is
 * re-labelled with the component's path in the spec (`transfers.park-workers.buses`), so the message
 * points at the line the planner wrote.
 *
 * An isolation site and every transfer gated by it share one simulation: each transfer's buses are
 * called `dispatch` after the site has `beds` beds ready, so an earlier set-up moves people earlier.
 *
 * @module
 */

import { duration, Epoch, ParameterError, Simulation } from '../../src/index.js';
import { BusTransfer, resolveBusTransfer } from '../bus-transfer.js';
import { runMuster } from '../checkpoints/muster.js';
import { checkpointStaffing } from '../checkpoints/staffing.js';
import { runCheckpointFlow } from '../checkpoints/throughput.js';
import type { DurationSpec } from '../durations.js';
import { SiteSetup } from '../setup/model.js';
import { resolveSiteSetup, type SetupTaskInput } from '../setup/params.js';
import { runUnloading } from '../unloading.js';

/** A duration or a distribution of durations, as written in the spec. */
type Dur = DurationSpec;

/**
 * Village checkpoints: a roster for all posts, and one post's flow over 24 h.
 *
 * @example
 * ```ts
 * const c: CheckpointInput = { from: '14:30', posts: 33, positionsPerPost: 1, pattern: '2x12', handover: '15 min',
 *   arrivalRate: '30 per h', steps: [{ name: 'register', time: '30 s' }] };
 * ```
 */
export interface CheckpointInput {
  /** Posts staffed from this clock time. */
  readonly from: string | number;
  /** Posts (one per sealed village). */
  readonly posts: number;
  /** Keepers on duty at once per post. */
  readonly positionsPerPost: number;
  /** Shift pattern. */
  readonly pattern: '2x12' | '3x8';
  /** Overlap at each change of shift. */
  readonly handover: string | number;
  /** People entering one post. */
  readonly arrivalRate: string | number;
  /** The checks at a post, in order. */
  readonly steps: readonly { readonly name: string; readonly time: Dur }[];
}

/** A muster: people called at once, each to a village. @example `{ call: '15:30', people: 113, villages: 10, delay: '20 min', travel: '10 min' }` */
export interface MusterInput {
  /** Clock time of the call. */
  readonly call: string | number;
  /** People called. */
  readonly people: number;
  /** Villages they are sent to, round robin. */
  readonly villages: number;
  /** From the call to the muster point. */
  readonly delay: Dur;
  /** From the muster point to a village. */
  readonly travel: Dur;
}

/** An isolation site set up by volunteers. @example `{ start: '16:00', beds: 500, volunteers: 110, arrivalWithin: '30 min', workPerBed: '42 min', split: { clear: 0.1, frame: 0.4, bedding: 0.35, necessities: 0.15 }, cv: 0.3, order: 'bed-first' }` */
export interface IsolationInput {
  /** Clock time the set-up starts. */
  readonly start: string | number;
  /** Beds to set up. */
  readonly beds: number;
  /** Volunteers. */
  readonly volunteers: number;
  /** The volunteers arrive uniformly within this time of the start. */
  readonly arrivalWithin: string | number;
  /** Person-time of work per bed, all tasks together. */
  readonly workPerBed: string | number;
  /** Shares of the work per bed: clearing the hall, frame, bedding, necessities. */
  readonly split: {
    readonly clear: number;
    readonly frame: number;
    readonly bedding: number;
    readonly necessities: number;
  };
  /** Coefficient of variation of the work per unit (lognormal). */
  readonly cv: number;
  /** Finish beds one by one, or each task across all beds first. */
  readonly order: 'bed-first' | 'task-first';
}

/** A closed-loop bus transfer, gated by an isolation site. @example `{ people: 327, buses: 17, gate: { site: 'isolation-site', beds: 500, dispatch: '53 min' }, ... }` */
export interface TransferInput {
  /** People to move. */
  readonly people: number;
  /** They are at the pick-up point from this clock time. */
  readonly presentFrom: string | number;
  /** Exposure is counted from this clock time. */
  readonly exposureFrom: string | number;
  /** Boarding may not start before this clock time. */
  readonly earliest: string | number;
  /** The isolation site whose beds gate the buses; absent: no gate. */
  readonly gate?: { readonly site: string; readonly beds: number; readonly dispatch: Dur };
  /** Buses. */
  readonly buses: number;
  /** Seats per bus. */
  readonly seats: number;
  /** Share of seats that may be used. */
  readonly loadCap: number;
  /** How loads are planned. */
  readonly loading: 'even' | 'fill';
  /** Boarding doors. */
  readonly doors: number;
  /** Boarding time per person. */
  readonly board: Dur;
  /** Alighting time per person. */
  readonly alight: Dur;
  /** Travel time each way. */
  readonly travel: Dur;
  /** Disinfection before another trip. */
  readonly turnaround: Dur;
  /** Escort staff and escorts per bus. */
  readonly escort: { readonly staff: number; readonly perBus: number };
}

/** Supply unloading by human chains. @example `{ start: '22:00', trucks: 30, items: 10000, volunteers: 120, chains: 1, bays: 2, dockTime: '5 min', switchTime: '1 min', pass: '2.2 s' }` */
export interface UnloadingInput {
  /** Clock time the trucks arrive. */
  readonly start: string | number;
  /** Truckloads. */
  readonly trucks: number;
  /** Items over all trucks. */
  readonly items: number;
  /** Volunteers in the chains (each chain gets an equal share). */
  readonly volunteers: number;
  /** Parallel chains. */
  readonly chains: number;
  /** Trucks unloaded at once. */
  readonly bays: number;
  /** Time to dock a truck. */
  readonly dockTime: string | number;
  /** Time for a chain to move to the next truck. */
  readonly switchTime: string | number;
  /** Pass interval per link. */
  readonly pass: Dur;
}

/** Checkpoints' results. @example `r.headcount; r.dutyPerKeeper` */
export interface CheckpointResult {
  /** Posts. */
  readonly posts: number;
  /** People tied up by the roster (on and off shift). */
  readonly headcount: number;
  /** People on duty at once. */
  readonly onDuty: number;
  /** Time on duty per keeper a day, seconds (handovers included). */
  readonly dutyPerKeeper: number;
  /** Person-hours a day over all posts. */
  readonly personHoursPerDay: number;
  /** Whether every keeper is on duty at least 12 h a day. */
  readonly atLeast12hPerDay: boolean;
  /** Whether the roster covers every post around the clock. */
  readonly covered: boolean;
  /** One post over 24 h: arrived = checked + inCheck + waiting. */
  readonly post: {
    readonly arrived: number;
    readonly checked: number;
    readonly inCheck: number;
    readonly waiting: number;
    readonly waitMean: number | null;
    readonly utilisation: number | null;
  };
  /** The first posts' shifts, for the roster chart. */
  readonly shifts: readonly { readonly person: string; readonly start: number; readonly end: number }[];
}

/** A muster's results. @example `r.withinOneHour` */
export interface MusterResultSummary {
  /** People called. */
  readonly people: number;
  /** In their villages within one hour of the call. */
  readonly withinOneHour: number;
  /** Time from the call until 90 % had arrived, seconds. */
  readonly ninetyPercentAfter: number;
  /** Time from the call until every village had its team, seconds. */
  readonly allVillagesAfter: number;
}

/** An isolation site's results. @example `r.allReady` */
export interface IsolationResult {
  /** The start. */
  readonly start: number;
  /** Beds to set up. */
  readonly beds: number;
  /** When every bed was ready, or null. */
  readonly allReady: number | null;
  /** Volunteer person-hours from the start to the last bed. */
  readonly volunteerHours: number;
  /** Share of the crew's time spent working. */
  readonly crewUtilisation: number | null;
  /** Ready beds over time (one point per 10 beds, and the last). */
  readonly curve: readonly { readonly time: number; readonly ready: number }[];
  /** Beds ready at the end of the run. */
  readonly readyAtEnd: number;
}

/** A transfer's results. @example `r.firstDeparture; r.exposurePersonMinutes` */
export interface TransferResult {
  /** People to move. */
  readonly people: number;
  /** When boarding could start (start time and gate passed), or null. */
  readonly startedAt: number | null;
  /** When the gate's beds were ready (null without a gate or before it). */
  readonly gateReady: number | null;
  /** When the site had a bed for everyone to be moved (null without a gate). */
  readonly bedsReadyForAll: number | null;
  /** First and last departure, or null. */
  readonly firstDeparture: number | null;
  /** Last departure, or null. */
  readonly lastDeparture: number | null;
  /** Last person off at the destination, or null when not everyone arrived. */
  readonly finish: number | null;
  /** Buses that made at least one trip. */
  readonly busesUsed: number;
  /** Every trip. */
  readonly trips: readonly {
    readonly bus: number;
    readonly load: number;
    readonly departedAt: number;
    readonly arrivedAt: number;
  }[];
  /** Σ over people of minutes exposed at the pick-up point before boarding. */
  readonly exposurePersonMinutes: number;
  /** Mean minutes waiting at the pick-up point. */
  readonly meanParkWaitMinutes: number | null;
  /** Escort person-hours from the start to the finish. */
  readonly escortHours: number;
  /** Where the people are at the end: atPark + onBus + atSite = people. */
  readonly counts: { readonly atPark: number; readonly onBus: number; readonly atSite: number };
}

/** Unloading results. @example `r.finishedAt` */
export interface UnloadingResultSummary {
  /** When the trucks arrive. */
  readonly start: number;
  /** When the last item was stored, or null. */
  readonly finishedAt: number | null;
  /** What limited the chains most. */
  readonly binding: string | null;
  /** Volunteer person-hours. */
  readonly volunteerHours: number;
  /** Items: stored + in transit + on trucks = total. */
  readonly items: {
    readonly total: number;
    readonly stored: number;
    readonly inTransit: number;
    readonly onTrucks: number;
  };
  /** Items stored per bin. */
  readonly throughput: readonly { readonly start: number; readonly items: number }[];
}

/**
 * Run `f`, re-labelling a model's parameter error with the component's path in the spec. The model
 * names its own fields (`buses`, `transfer.buses`); the planner wrote `transfers.park-workers.buses`.
 */
export function under<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ParameterError && !e.path.startsWith(prefix)) {
      const field = e.path.replace(
        /^(siteSetup|unloading|muster|checkpointFlow|transfer|checkpoints)\.?/,
        '',
      );
      throw new ParameterError(field ? `${prefix}.${field}` : prefix, e.expected, e.value);
    }
    throw e;
  }
}

/**
 * Run village checkpoints.
 *
 * @example
 * ```ts
 * runCheckpoints(input, 'checkpoints.villages', seed, epoch).headcount;
 * ```
 */
export function runCheckpoints(
  c: CheckpointInput,
  path: string,
  seed: number,
  epoch: string,
): CheckpointResult {
  return under(path, () => {
    const from =
      typeof c.from === 'number'
        ? c.from
        : new Epoch(epoch).at(c.from, { path: `${path}.from`, before: 'error' });
    const staffing = checkpointStaffing({
      posts: c.posts,
      positionsPerPost: c.positionsPerPost,
      pattern: c.pattern,
      handover: c.handover,
      days: 1,
      start: from,
    });
    const post = runCheckpointFlow(
      {
        arrivalRate: c.arrivalRate,
        steps: c.steps,
        positions: c.positionsPerPost,
        pattern: c.pattern,
        handover: c.handover,
        period: '24 h',
      },
      { seed },
    );
    const perPost = c.positionsPerPost * (c.pattern === '2x12' ? 2 : 3);
    const shifts = staffing.roster
      .slice(0, 3 * perPost)
      .flatMap((e) => e.shifts.map((sh) => ({ person: e.name, start: sh.start, end: sh.end })));
    return {
      posts: staffing.posts,
      headcount: staffing.headcount,
      onDuty: staffing.onDuty,
      dutyPerKeeper: staffing.hoursPerPersonPerDay * 3600,
      personHoursPerDay: staffing.personHoursPerDay,
      atLeast12hPerDay: staffing.atLeast12hPerDay,
      covered: staffing.covered,
      post: {
        arrived: post.arrived,
        checked: post.checked,
        inCheck: post.inCheck,
        waiting: post.waiting,
        waitMean: post.wait.mean,
        utilisation: post.utilisation,
      },
      shifts,
    };
  });
}

/**
 * Run a muster.
 *
 * @example
 * ```ts
 * runMusterPart(input, 'musters.wangda', seed, epoch).withinOneHour;
 * ```
 */
export function runMusterPart(
  m: MusterInput,
  path: string,
  seed: number,
  epoch: string,
): MusterResultSummary {
  return under(path, () => {
    const r = runMuster(
      { call: m.call, people: m.people, villages: m.villages, delay: m.delay, travel: m.travel },
      { seed, epoch },
    );
    return {
      people: r.people,
      withinOneHour: r.withinOneHour,
      ninetyPercentAfter: r.minutesTo.ninetyPercent * 60,
      allVillagesAfter: r.allVillagesReady * 60,
    };
  });
}

/**
 * The set-up tasks of an isolation site from its work per bed and the split of it (one clearing job
 * per bed; frames after the hall is cleared; bedding and necessities after each frame).
 *
 * @example
 * ```ts
 * setupTasks(site, 'isolation.site').map((t) => t.name); // ['clear hall', 'bed frame', 'bedding', 'necessities']
 * ```
 */
export function setupTasks(
  p: Pick<IsolationInput, 'workPerBed' | 'cv' | 'beds' | 'split'>,
  path: string,
): SetupTaskInput[] {
  const perBed = duration(p.workPerBed, `${path}.workPerBed`);
  const lognormal = (share: number) => {
    const mean = Math.round(perBed * share * 10) / 10;
    return { dist: 'lognormal', mean, sd: Math.round(mean * p.cv * 10) / 10 };
  };
  return [
    { name: 'clear hall', scope: 'site', units: p.beds, work: lognormal(p.split.clear) },
    { name: 'bed frame', scope: 'bed', work: lognormal(p.split.frame), after: ['clear hall'] },
    { name: 'bedding', scope: 'bed', work: lognormal(p.split.bedding), after: ['bed frame'] },
    { name: 'necessities', scope: 'bed', work: lognormal(p.split.necessities), after: ['bed frame'] },
  ];
}

/**
 * Run an isolation site and the transfers it gates, in one simulation.
 *
 * @example
 * ```ts
 * const { site, transfers } = runSiteAndTransfers('isolation-site', input, { 'park-workers': t }, seed, epoch);
 * ```
 */
export function runSiteAndTransfers(
  name: string,
  s: IsolationInput | null,
  transfers: Readonly<Record<string, TransferInput>>,
  seed: number,
  epoch: string,
): { site: IsolationResult | null; transfers: Record<string, TransferResult> } {
  const sim = new Simulation({ seed, epoch, onDeadlock: 'ignore', scenario: `campaign.${name}` });
  const sitePath = `isolation.${name}`;
  let setup: SiteSetup | null = null;
  let start = 0;
  if (s) {
    start =
      typeof s.start === 'number'
        ? s.start
        : sim.epoch!.at(s.start, { path: `${sitePath}.start`, before: 'error' });
    const p = s;
    setup = under(sitePath, () => {
      const gateBeds = Object.values(transfers).reduce((m, t) => Math.max(m, t.gate?.beds ?? 1), 1);
      const resolved = resolveSiteSetup(
        sim,
        {
          start: p.start,
          beds: p.beds,
          target: Math.min(gateBeds, p.beds),
          deadline: null,
          crew: { size: p.volunteers, arrival: { within: p.arrivalWithin } },
          tasks: setupTasks(p, sitePath),
          order: p.order,
        },
        'siteSetup',
      );
      return new SiteSetup(sim, resolved);
    });
  }
  const installed = Object.entries(transfers).map(([tName, t]) => {
    const path = `transfers.${tName}`;
    if (t.gate && setup && t.gate.beds > s!.beds)
      throw new ParameterError(`${path}.gate.beds`, `at most the site's beds (${s!.beds})`, t.gate.beds);
    if (t.people > (s?.beds ?? Number.POSITIVE_INFINITY))
      throw new ParameterError(`${path}.people`, `at most the site's beds (${s!.beds})`, t.people);
    const resolved = under(path, () =>
      resolveBusTransfer(sim, {
        people: t.people,
        presentFrom: t.presentFrom,
        exposureFrom: t.exposureFrom,
        start: t.earliest,
        buses: t.buses,
        seats: t.seats,
        loadCap: t.loadCap,
        loading: t.loading,
        doors: t.doors,
        board: t.board,
        alight: t.alight,
        travel: t.travel,
        turnaround: t.turnaround,
        escort: t.escort,
      }),
    );
    let gate: ReturnType<Simulation['event']> | undefined;
    if (t.gate && setup) {
      const dispatch = duration(t.gate.dispatch, `${path}.gate.dispatch`);
      const called = sim.event<void>();
      setup.bedsReady(t.gate.beds).onProcessed(() => {
        called.succeed(undefined, dispatch);
      });
      gate = called;
    }
    return { name: tName, t, resolved, transfer: new BusTransfer(sim, resolved, gate) };
  });
  sim.run();
  const end = sim.now;
  let site: IsolationResult | null = null;
  if (setup && s) {
    const allReady = setup.timeOfReady(s.beds);
    const snap = setup.snapshot();
    const full = setup.readyCurve();
    site = {
      start,
      beds: s.beds,
      allReady,
      volunteerHours: (s.volunteers * Math.max(0, (allReady ?? start) - start)) / 3600,
      crewUtilisation: snap.crew.utilisation,
      curve: full
        .filter((pt, i) => pt.ready % 10 === 0 || i === full.length - 1)
        .map((pt) => ({ time: pt.time, ready: pt.ready })),
      readyAtEnd: snap.beds.ready,
    };
  }
  const out: Record<string, TransferResult> = {};
  for (const { name: tName, t, resolved, transfer } of installed) {
    const trips = transfer.tripLog();
    const final = transfer.counts();
    const from = Math.max(resolved.exposureFrom, resolved.presentFrom);
    const waits = transfer.people().map((r) => Math.max(0, (r.boardedAt ?? end) - from) / 60);
    const departures = trips.map((x) => x.departedAt);
    const done = final.atSite === final.people;
    const finish = done ? trips.reduce((m, x) => Math.max(m, x.alightedAt), transfer.startedAt ?? 0) : null;
    const buses = new Set(trips.map((x) => x.bus));
    out[tName] = {
      people: t.people,
      startedAt: transfer.startedAt,
      gateReady: t.gate && setup ? setup.timeOfReady(t.gate.beds) : null,
      bedsReadyForAll: setup ? setup.timeOfReady(Math.min(t.people, s!.beds)) : null,
      firstDeparture: departures.length ? Math.min(...departures) : null,
      lastDeparture: departures.length ? Math.max(...departures) : null,
      finish,
      busesUsed: buses.size,
      trips: trips.map((x) => ({
        bus: x.bus,
        load: x.load,
        departedAt: x.departedAt,
        arrivedAt: x.arrivedAt,
      })),
      exposurePersonMinutes: waits.reduce((a, b) => a + b, 0),
      meanParkWaitMinutes: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
      escortHours:
        transfer.startedAt === null || finish === null
          ? 0
          : (t.escort.staff * (finish - transfer.startedAt)) / 3600,
      counts: { atPark: final.atPark, onBus: final.onBus, atSite: final.atSite },
    };
  }
  return { site, transfers: out };
}

/**
 * Run supply unloading.
 *
 * @example
 * ```ts
 * runUnloadingPart(input, 'unloading.supplies', seed, epoch).finishedAt;
 * ```
 */
export function runUnloadingPart(
  u: UnloadingInput,
  path: string,
  seed: number,
  epoch: string,
): UnloadingResultSummary {
  return under(path, () => {
    if (u.volunteers < u.chains)
      throw new ParameterError(`${path}.volunteers`, `at least one per chain (${u.chains})`, u.volunteers);
    const r = runUnloading(
      {
        start: u.start,
        trucks: u.trucks,
        items: u.items,
        arrival: 'together',
        bays: u.bays,
        dockTime: u.dockTime,
        switchTime: u.switchTime,
        handlers: [
          { kind: 'chain', count: u.chains, links: Math.floor(u.volunteers / u.chains), pass: u.pass },
        ],
        handlersPerTruck: 1,
      },
      { seed, epoch },
    );
    return {
      start: r.start,
      finishedAt: r.finishedAt,
      binding: r.binding,
      volunteerHours: r.volunteerHours,
      items: r.items,
      throughput: r.throughput.map((b) => ({ start: b.start, items: b.items })),
    };
  });
}

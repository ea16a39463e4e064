/**
 * One replication of the Qingxu day, 13 April 2022, from 01:30 (F1) to the morning after, composed
 * from the building blocks in `models/`:
 *
 * - 03:00 Yunda distribution centre: 277 workers sampled by 11 medical staff (F5) — a sampling site;
 * - from 14:30 village checkpoints (F9) — a roster (headcount) and one post's flow;
 * - 15:30 muster of 113 party members to 10 villages (F10);
 * - from 16:00 isolation-site set-up (F11) and the closed-loop bus transfer (F15) in one simulation:
 *   the buses are called when the site has `gateBeds` beds ready, so the workers' exposure at the
 *   park depends on the set-up;
 * - from 19:00 Hedong-wide testing (F12–F14) — see `hedong.ts`;
 * - 22:00 supply unloading by a human chain (F16, F17).
 *
 * Each part runs in its own simulation, seeded from the replication's seed and the part's name
 * ({@link partSeed}); within a part, streams are named by the model (`transfer.board`,
 * `hedong.site[3].swab`…). So changing the bus parameters never changes Hedong's random numbers, and
 * two scenarios compared replication by replication share their random numbers part by part (common
 * random numbers).
 *
 * Every time in the result is seconds after the scenario epoch 01:30 (+08:00), {@link QINGXU_EPOCH}.
 *
 * @module
 */

import { runBusTransfer } from '../../models/bus-transfer.js';
import { setupTasks } from '../../models/campaign/components.js';
import { runMuster } from '../../models/checkpoints/muster.js';
import { checkpointStaffing } from '../../models/checkpoints/staffing.js';
import { runCheckpointFlow } from '../../models/checkpoints/throughput.js';
import { boundedCount, durationDistribution } from '../../models/durations.js';
import { resolveLab } from '../../models/lab.js';
import { runSamplingSite } from '../../models/sampling-site.js';
import { SiteSetup } from '../../models/setup/model.js';
import { resolveSiteSetup, type SiteSetupParams as SetupInput } from '../../models/setup/params.js';
import { MAX_ITEMS, type UnloadingParams as UnloadingInput } from '../../models/unloading/params.js';
import { runUnloading } from '../../models/unloading.js';
import {
  duration,
  Epoch,
  ParameterError,
  rate,
  type SimEvent,
  Simulation,
  streamKey,
  validate,
} from '../../src/index.js';
import { type HedongResult, hedongOpening, runHedong, validateHedong } from './hedong.js';
import { HEDONG_EPOCH, QINGXU_EPOCH, type QingxuParams } from './params.js';

const epoch = new Epoch(QINGXU_EPOCH);

/**
 * Seconds from the scenario epoch (01:30) to Hedong's default opening (19:00). A run shifts Hedong's
 * times by its own opening (`hedongOpening(p.hedong)`), which is this unless `hedong.open` changes.
 *
 * @example
 * ```ts
 * HEDONG_OFFSET; // 63_000 (17.5 h)
 * ```
 */
export const HEDONG_OFFSET = (new Epoch(HEDONG_EPOCH).epochMs - epoch.epochMs) / 1000;

/**
 * The parts of the day, each with its own seed (see {@link partSeed}).
 *
 * @example
 * ```ts
 * DAY_PARTS.map((p) => partSeed(1, p));
 * ```
 */
export const DAY_PARTS = ['yunda', 'checkpoints', 'muster', 'site', 'unloading', 'hedong'] as const;

/**
 * The seed of one part of the day: a fixed function of the replication's seed and the part's name,
 * so that parts never share random numbers and a part's numbers do not depend on the others.
 *
 * @example
 * ```ts
 * partSeed(42, 'hedong') !== partSeed(42, 'site'); // true
 * ```
 */
export function partSeed(seed: number, part: (typeof DAY_PARTS)[number]): number {
  // 52 bits of the stream key of (seed, "qingxu.<part>"): a valid seed, independent across parts.
  return Number.parseInt(streamKey(seed, `qingxu.${part}`).slice(0, 13), 16);
}

/** Seconds after 01:30 of a clock time on 13 April ("03:00"); before 01:30 reads as the next day. */
function at(clock: string, path: string): number {
  return epoch.at(clock, { path, before: 'next-day' });
}

/**
 * One replication of the day: plain JSON, times in seconds after 01:30.
 *
 * @example
 * ```ts
 * const r = runDay(QINGXU_DEFAULTS, 7);
 * r.hedong.testedAtDeadline; r.siteSetup.allReady; r.transfer.firstDeparture; r.unloading.hours;
 * ```
 */
export interface DayResult {
  readonly seed: number;
  readonly yunda: {
    readonly workers: number;
    readonly tested: number;
    readonly start: number;
    readonly lastSwab: number | null;
    readonly timeInPointP95: number | null;
    readonly staffHours: number;
    readonly accounting: {
      readonly notArrived: number;
      readonly queued: number;
      readonly inService: number;
      readonly tested: number;
    };
  };
  readonly checkpoints: {
    readonly posts: number;
    readonly headcount: number;
    readonly onDuty: number;
    readonly hoursPerPersonPerDay: number;
    readonly personHoursPerDay: number;
    readonly atLeast12hPerDay: boolean;
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
    /** The first posts' shifts (for the roster chart), seconds after 01:30. */
    readonly shifts: readonly { readonly person: string; readonly start: number; readonly end: number }[];
  };
  readonly muster: {
    readonly people: number;
    readonly withinOneHour: number;
    readonly minutesToNinetyPercent: number;
    readonly minutesToAllVillages: number;
  };
  readonly siteSetup: {
    readonly start: number;
    readonly beds: number;
    /** When `gateBeds` beds were ready (the buses are then called), and when all were. */
    readonly gateReady: number | null;
    /** When there were beds for everyone to be moved (`transfer.people`). */
    readonly neededReady: number | null;
    readonly allReady: number | null;
    readonly volunteerHours: number;
    readonly crewUtilisation: number | null;
    /** Ready beds over time (one point per 10 beds, and the last). */
    readonly curve: readonly { readonly time: number; readonly ready: number }[];
    readonly readyAtEnd: number;
  };
  readonly transfer: {
    readonly people: number;
    readonly startedAt: number | null;
    readonly firstDeparture: number | null;
    readonly lastDeparture: number | null;
    readonly finish: number | null;
    readonly busesUsed: number;
    readonly trips: readonly {
      readonly bus: number;
      readonly load: number;
      readonly departedAt: number;
      readonly arrivedAt: number;
    }[];
    readonly exposurePersonMinutes: number;
    readonly meanParkWaitMinutes: number;
    readonly escortHours: number;
    readonly counts: { readonly atPark: number; readonly onBus: number; readonly atSite: number };
  };
  readonly unloading: {
    readonly start: number;
    readonly finishedAt: number | null;
    readonly hours: number | null;
    readonly binding: string | null;
    readonly volunteerHours: number;
    readonly items: {
      readonly total: number;
      readonly stored: number;
      readonly inTransit: number;
      readonly onTrucks: number;
    };
    readonly throughput: readonly { readonly start: number; readonly items: number }[];
  };
  /** Hedong, times shifted to seconds after 01:30. */
  readonly hedong: HedongResult;
  /** Person-hours by activity. */
  readonly staffHours: {
    readonly yunda: number;
    readonly checkpointsPerDay: number;
    readonly siteSetup: number;
    readonly transferEscort: number;
    readonly hedong: number;
    readonly unloading: number;
    readonly total: number;
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Where a sub-model's parameter comes from in this scenario's parameters, when the names differ:
 * the model's path (after its own prefix) → the path the user wrote, so `--set siteSetup.cv=0` is
 * reported as `siteSetup.cv`, not as the task's `work.sd` it became. The first match wins.
 */
type Renames = readonly (readonly [RegExp, string])[];

const SETUP_RENAMES: Renames = [
  [/^tasks\[\d+\]\.work\.sd$/, 'siteSetup.cv'],
  [/^tasks\[\d+\]\.work(\.mean)?$/, 'siteSetup.workPerBed'],
  [/^tasks\[\d+\]\.units$/, 'siteSetup.beds'],
  [/^crew\.size$/, 'siteSetup.volunteers'],
  [/^crew\.arrival\.within$/, 'siteSetup.arrivalWithin'],
  [/^target$/, 'transfer.gateBeds'],
];
const TRANSFER_RENAMES: Renames = [[/^start$/, 'transfer.earliest']];
const UNLOADING_RENAMES: Renames = [
  [/^handlers\[0\]\.pass/, 'unloading.pass'],
  [/^handlers\[0\]\.links$/, 'unloading.volunteers'],
  [/^handlers\[0\]\.count$/, 'unloading.chains'],
  // The start's clock time is rendered from the epoch under the path `t`.
  [/^t$/, 'unloading.start'],
];

/** Run `f`, rewriting a sub-model's parameter error to the path of this scenario's parameter. */
function under<T>(prefix: string, f: () => T, renames: Renames = []): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    const rest = e.path.replace(/^(siteSetup|unloading|muster|checkpointFlow|transfer)\.?/, '');
    const rename = renames.find(([pattern]) => pattern.test(rest));
    const path = rename
      ? rest.replace(rename[0], rename[1])
      : e.path.startsWith(prefix)
        ? e.path
        : `${prefix}${rest}`;
    if (path === e.path) throw e;
    throw new ParameterError(path, e.expected, e.value);
  }
}

function setupInput(p: QingxuParams): SetupInput {
  const s = p.siteSetup;
  return {
    start: s.start,
    beds: s.beds,
    target: p.transfer.gateBeds,
    deadline: null,
    crew: { size: s.volunteers, arrival: { within: s.arrivalWithin } },
    tasks: setupTasks(s, 'siteSetup'),
    order: s.order,
  };
}

function unloadingInput(p: QingxuParams['unloading']): UnloadingInput {
  return {
    start: p.start,
    trucks: p.trucks,
    items: p.items,
    arrival: 'together',
    bays: p.bays,
    dockTime: p.dockTime,
    switchTime: p.switchTime,
    handlers: [{ kind: 'chain', count: p.chains, links: Math.floor(p.volunteers / p.chains), pass: p.pass }],
    handlersPerTruck: 1,
  };
}

function yundaInput(p: QingxuParams['yunda']) {
  return {
    name: 'yunda',
    population: p.workers,
    mix: p.mix,
    arrivals: { kind: 'call' as const, at: p.start, within: p.within },
    pool: p.pool,
    marshals: p.medics.marshals,
    clerks: p.medics.clerks,
    swabbers: p.medics.swabbers,
  };
}

/**
 * Check the day's parameters, naming the path and the bad value, before any work.
 *
 * @throws ParameterError
 * @example
 * ```ts
 * validateDay({ ...QINGXU_DEFAULTS, transfer: { ...QINGXU_DEFAULTS.transfer, buses: 0 } }); // throws "transfer.buses: …"
 * ```
 */
export function validateDay(p: QingxuParams): void {
  if (!isObject(p)) throw new ParameterError('parameters', 'the Qingxu parameter object', p);
  // Yunda
  const y = p.yunda;
  boundedCount(y.workers, 'yunda.workers', 1, 1_000_000);
  at(y.start, 'yunda.start');
  duration(y.within, 'yunda.within');
  for (const k of ['marshals', 'clerks', 'swabbers'] as const)
    boundedCount(y.medics[k], `yunda.medics.${k}`, 1, 10_000);
  if (y.medics.marshals + y.medics.clerks + y.medics.swabbers !== y.medics.total)
    throw new ParameterError('yunda.medics', `roles summing to total (${y.medics.total})`, y.medics);
  under('yunda.', () =>
    runSamplingSite({ ...yundaInput(y), population: 0 }, { seed: 1, epoch: QINGXU_EPOCH }),
  );
  // Checkpoints and muster
  const c = p.checkpoints;
  at(c.from, 'checkpoints.from');
  boundedCount(c.posts, 'checkpoints.posts', 1, 100_000);
  boundedCount(c.positionsPerPost, 'checkpoints.positionsPerPost', 1, 1000);
  if (c.pattern !== '2x12' && c.pattern !== '3x8')
    throw new ParameterError('checkpoints.pattern', '"2x12" or "3x8"', c.pattern);
  duration(c.handover, 'checkpoints.handover');
  durationDistribution(c.register, 'checkpoints.register');
  // The checkpoint flow checks its arrival rate only when it runs; 10^7 arrivals a day is its bound.
  if (rate(c.arrivalRate, 'checkpoints.arrivalRate') * 86400 > 1e7)
    throw new ParameterError('checkpoints.arrivalRate', 'at most 10,000,000 arrivals a day', c.arrivalRate);
  const m = p.muster;
  at(m.call, 'muster.call');
  boundedCount(m.people, 'muster.people', 1, 1_000_000);
  boundedCount(m.villages, 'muster.villages', 1, m.people);
  durationDistribution(m.delay, 'muster.delay');
  durationDistribution(m.travel, 'muster.travel');
  // Site set-up and transfer
  const s = p.siteSetup;
  at(s.start, 'siteSetup.start');
  boundedCount(s.beds, 'siteSetup.beds', 1, 1_000_000);
  boundedCount(s.volunteers, 'siteSetup.volunteers', 1, 1_000_000);
  duration(s.arrivalWithin, 'siteSetup.arrivalWithin');
  if (!(duration(s.workPerBed, 'siteSetup.workPerBed') > 0))
    throw new ParameterError('siteSetup.workPerBed', 'a positive duration', s.workPerBed);
  let share = 0;
  for (const k of ['clear', 'frame', 'bedding', 'necessities'] as const)
    share += validate.probability(s.split[k], `siteSetup.split.${k}`);
  if (Math.abs(share - 1) > 1e-9) throw new ParameterError('siteSetup.split', 'shares summing to 1', s.split);
  validate.positive(s.cv, 'siteSetup.cv');
  if (s.order !== 'bed-first' && s.order !== 'task-first')
    throw new ParameterError('siteSetup.order', '"bed-first" or "task-first"', s.order);
  const t = p.transfer;
  boundedCount(t.gateBeds, 'transfer.gateBeds', 1, s.beds);
  boundedCount(t.people, 'transfer.people', 0, 1_000_000);
  if (t.people > s.beds)
    throw new ParameterError(
      'transfer.people',
      `at most the beds prepared (siteSetup.beds = ${s.beds})`,
      t.people,
    );
  duration(t.dispatch, 'transfer.dispatch');
  at(t.earliest, 'transfer.earliest');
  const sim = new Simulation({ epoch: QINGXU_EPOCH });
  under('siteSetup.', () => resolveSiteSetup(sim, setupInput(p), 'siteSetup'), SETUP_RENAMES);
  under(
    'transfer.',
    () => runBusTransfer({ ...transferInput(p), people: 1 }, { seed: 1, epoch: QINGXU_EPOCH, until: 0 }),
    TRANSFER_RENAMES,
  );
  // Unloading
  const u = p.unloading;
  boundedCount(u.chains, 'unloading.chains', 1, 10_000);
  boundedCount(u.volunteers, 'unloading.volunteers', u.chains, 1_000_000);
  boundedCount(u.items, 'unloading.items', 0, MAX_ITEMS);
  under(
    'unloading.',
    () => runUnloading({ ...unloadingInput(u), items: 1 }, { until: 0 }),
    UNLOADING_RENAMES,
  );
  validateHedong(p.hedong, 'hedong');
  // The lab is resolved only when Hedong runs.
  resolveLab(p.hedong.lab, 'hedong.lab');
}

function transferInput(p: QingxuParams) {
  const t = p.transfer;
  return {
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
  };
}

/**
 * Run one replication of the day (parameters are assumed validated: see {@link validateDay}).
 *
 * @param p - the parameters.
 * @param seed - the replication's seed; each part gets {@link partSeed}.
 * @example
 * ```ts
 * const r = runDay(QINGXU_DEFAULTS, 1);
 * ```
 */
export function runDay(p: QingxuParams, seed: number): DayResult {
  // 03:00 Yunda distribution centre (F5).
  const y = runSamplingSite(yundaInput(p.yunda), { seed: partSeed(seed, 'yunda'), epoch: QINGXU_EPOCH });
  const yStart = at(p.yunda.start, 'yunda.start');
  const yStaffHours = (p.yunda.medics.total * Math.max(0, (y.lastSwab ?? yStart) - yStart)) / 3600;

  // From 14:30: checkpoints (F9).
  const c = p.checkpoints;
  const from = at(c.from, 'checkpoints.from');
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
      steps: [
        { name: 'temperature', time: '5 s' },
        { name: 'health code', time: '5 s' },
        { name: 'register', time: c.register },
      ],
      positions: c.positionsPerPost,
      pattern: c.pattern,
      handover: c.handover,
      period: '24 h',
    },
    { seed: partSeed(seed, 'checkpoints') },
  );
  const perPost = c.positionsPerPost * (c.pattern === '2x12' ? 2 : 3);
  const shifts = staffing.roster
    .slice(0, 3 * perPost)
    .flatMap((e) => e.shifts.map((sh) => ({ person: e.name, start: sh.start, end: sh.end })));

  // 15:30 muster (F10).
  const mu = runMuster(
    {
      call: p.muster.call,
      people: p.muster.people,
      villages: p.muster.villages,
      delay: p.muster.delay,
      travel: p.muster.travel,
    },
    { seed: partSeed(seed, 'muster'), epoch: QINGXU_EPOCH },
  );

  // 16:00 isolation site (F11) and the bus transfer it gates (F15), in one simulation.
  let setup: SiteSetup | undefined;
  const dispatch = duration(p.transfer.dispatch, 'transfer.dispatch');
  const tr = runBusTransfer(transferInput(p), {
    seed: partSeed(seed, 'site'),
    epoch: QINGXU_EPOCH,
    gate: (sim: Simulation): SimEvent<unknown> => {
      setup = new SiteSetup(sim, resolveSiteSetup(sim, setupInput(p)));
      const called = sim.event<void>();
      setup.bedsReady(p.transfer.gateBeds).onProcessed(() => {
        called.succeed(undefined, dispatch);
      });
      return called;
    },
  });
  if (!setup) throw new Error('site set-up was not built');
  const site: SiteSetup = setup;
  const sStart = at(p.siteSetup.start, 'siteSetup.start');
  const allReady = site.timeOfReady(p.siteSetup.beds);
  const snap = site.snapshot();
  const fullCurve = site.readyCurve();
  const curve = fullCurve
    .filter((pt, i) => pt.ready % 10 === 0 || i === fullCurve.length - 1)
    .map((pt) => ({ time: pt.time, ready: pt.ready }));
  const departures = tr.trips.map((x) => x.departedAt);
  const trFinish = tr.finish.time;
  const escortHours =
    tr.startedAt === null || trFinish === null
      ? 0
      : (p.transfer.escort.staff * (trFinish - tr.startedAt)) / 3600;

  // 22:00 unloading (F16, F17).
  const un = runUnloading(unloadingInput(p.unloading), {
    seed: partSeed(seed, 'unloading'),
    epoch: QINGXU_EPOCH,
  });

  // 19:00 Hedong (F12–F14): run on its own clock (epoch at the opening), shifted to 01:30.
  const h = runHedong(p.hedong, { seed: partSeed(seed, 'hedong') });
  const offset = hedongOpening(p.hedong);
  const shift = (t: number | null) => (t === null ? null : t + offset);
  const hedong: HedongResult = {
    ...h,
    opensAt: h.opensAt + offset,
    deadline: h.deadline + offset,
    finish: shift(h.finish),
    series: h.series.map((r) => ({ ...r, start: r.start + offset })),
    queues: h.queues.map((q) => ({ ...q, time: q.time + offset })),
    lab: { ...h.lab, lastResult: shift(h.lab.lastResult) },
    perPoint: h.perPoint.map((r) => ({ ...r, lastSwab: shift(r.lastSwab) })),
  };

  const setupHours = (p.siteSetup.volunteers * Math.max(0, (allReady ?? sStart) - sStart)) / 3600;
  const staffHours = {
    yunda: yStaffHours,
    checkpointsPerDay: staffing.personHoursPerDay,
    siteSetup: setupHours,
    transferEscort: escortHours,
    hedong: h.staffHours,
    unloading: un.volunteerHours,
  };
  const ya = y.accounting;
  return {
    seed,
    yunda: {
      workers: p.yunda.workers,
      tested: y.tested,
      start: yStart,
      lastSwab: y.lastSwab,
      timeInPointP95: y.timeInSite.all.p95,
      staffHours: yStaffHours,
      accounting: {
        notArrived: ya.notArrived,
        queued: ya.queued.check + ya.queued.registration + ya.queued.swab,
        inService: ya.inService.check + ya.inService.registration + ya.inService.swab,
        tested: ya.tested,
      },
    },
    checkpoints: {
      posts: staffing.posts,
      headcount: staffing.headcount,
      onDuty: staffing.onDuty,
      hoursPerPersonPerDay: staffing.hoursPerPersonPerDay,
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
    },
    muster: {
      people: mu.people,
      withinOneHour: mu.withinOneHour,
      minutesToNinetyPercent: mu.minutesTo.ninetyPercent,
      minutesToAllVillages: mu.allVillagesReady,
    },
    siteSetup: {
      start: sStart,
      beds: p.siteSetup.beds,
      gateReady: site.timeOfReady(p.transfer.gateBeds),
      neededReady: site.timeOfReady(p.transfer.people),
      allReady,
      volunteerHours: setupHours,
      crewUtilisation: snap.crew.utilisation,
      curve,
      readyAtEnd: snap.beds.ready,
    },
    transfer: {
      people: p.transfer.people,
      startedAt: tr.startedAt,
      firstDeparture: departures.length ? Math.min(...departures) : null,
      lastDeparture: departures.length ? Math.max(...departures) : null,
      finish: trFinish,
      busesUsed: tr.tripsPerBus.filter((n) => n > 0).length,
      trips: tr.trips.map((x) => ({
        bus: x.bus,
        load: x.load,
        departedAt: x.departedAt,
        arrivedAt: x.arrivedAt,
      })),
      exposurePersonMinutes: tr.exposurePersonMinutes,
      meanParkWaitMinutes: tr.parkWait.mean,
      escortHours,
      counts: { atPark: tr.final.atPark, onBus: tr.final.onBus, atSite: tr.final.atSite },
    },
    unloading: {
      start: un.start,
      finishedAt: un.finishedAt,
      hours: un.hours,
      binding: un.binding,
      volunteerHours: un.volunteerHours,
      items: un.items,
      throughput: un.throughput.map((b) => ({ start: b.start, items: b.items })),
    },
    hedong,
    staffHours: { ...staffHours, total: Object.values(staffHours).reduce((a, b) => a + b, 0) },
  };
}

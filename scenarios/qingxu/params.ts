/**
 * Parameters of the former TypeScript replay of Qingxu (13 April 2022), with units written out
 * (`"40 s"`, `"4 h"`), and a table saying where every value comes from. The day is now the campaign
 * spec `campaigns/qingxu-2022-04-13.json`; these remain for the staffing questions
 * (`scenarios/staffing/`, through `runHedong`) until they run on the spec.
 *
 * The source table ({@link QINGXU_SOURCES}) gives, per parameter path, the basis — `sourced` (a
 * fact F1–F17 of the reported day or a row of the calibration notes, `cal §…`), `derived`
 * (arithmetic on sourced figures), `assumed` (`[X]`, with the range considered) or `fitted` (chosen
 * so that the model reproduces one reported figure, which then checks the fit and cannot validate
 * the model). Fitted parameters are listed with their figure and method in {@link QINGXU_FITTED}.
 *
 * @module
 */
import type { ParameterSource } from '../../models/provenance.js';

/**
 * A duration (`"40 s"`, `"2 h"`, seconds) or a distribution of durations.
 *
 * @example
 * ```ts
 * const d: DurationValue = { dist: 'uniform', min: '5 s', max: '8 s' };
 * ```
 */
export type DurationValue = number | string | { readonly dist: string; readonly [k: string]: unknown };

/**
 * The Yunda distribution-centre sampling at 03:00 (F4, F5): 277 employees, 11 medical staff,
 * single tubes.
 *
 * @example
 * ```ts
 * const y: YundaParams = { ...QINGXU_DEFAULTS.yunda, medics: { ...QINGXU_DEFAULTS.yunda.medics, swabbers: 8 } };
 * ```
 */
export interface YundaParams {
  /** Employees to sample (F5). */
  readonly workers: number;
  /** Sampling starts (F5). */
  readonly start: string;
  /** The workers come to the sampling point within this time of the start. */
  readonly within: string;
  /** The 11 medical staff (F5) by role; they sum to `medics.total`. */
  readonly medics: {
    readonly total: number;
    readonly marshals: number;
    readonly clerks: number;
    readonly swabbers: number;
  };
  /** Registration mix of the workers. */
  readonly mix: { readonly qr: number; readonly id: number; readonly assisted: number };
  /** Swabs per tube (1 = single tube). */
  readonly pool: number;
}

/**
 * Village checkpoints from 14:30 (F8, F9) and the 15:30 muster (F10).
 *
 * @example
 * ```ts
 * const c: CheckpointParams = { ...QINGXU_DEFAULTS.checkpoints, pattern: '3x8' };
 * ```
 */
export interface CheckpointParams {
  /** Checkpoints staffed from this time (F9). */
  readonly from: string;
  /** Posts (one per sealed village). */
  readonly posts: number;
  /** Keepers on duty at once per post. */
  readonly positionsPerPost: number;
  /** Shift pattern: `'2x12'` or `'3x8'`. */
  readonly pattern: '2x12' | '3x8';
  /** Overlap at each change of shift. */
  readonly handover: string;
  /** People entering one checkpoint. */
  readonly arrivalRate: string;
  /** Register entry per person (temperature and health code are 5 s each, cal §1b). */
  readonly register: DurationValue;
}

/**
 * The 15:30 muster of party members sent to the villages (F10).
 *
 * @example
 * ```ts
 * const m: MusterParams = { ...QINGXU_DEFAULTS.muster, people: 150 };
 * ```
 */
export interface MusterParams {
  readonly call: string;
  readonly people: number;
  readonly villages: number;
  /** From the call to arriving at the muster point. */
  readonly delay: DurationValue;
  /** From the muster point to a village. */
  readonly travel: DurationValue;
}

/**
 * Isolation-site set-up from 16:00 (F11).
 *
 * @example
 * ```ts
 * const s: SiteSetupParams = { ...QINGXU_DEFAULTS.siteSetup, start: '14:30' };
 * ```
 */
export interface SiteSetupParams {
  readonly start: string;
  readonly beds: number;
  readonly volunteers: number;
  /** Volunteers arrive uniformly within this time of the start. */
  readonly arrivalWithin: string;
  /** Person-time of work per bed, all tasks together (fitted to F11). */
  readonly workPerBed: string;
  /** Shares of `workPerBed` per task (clearing the hall, frame, bedding, necessities). */
  readonly split: {
    readonly clear: number;
    readonly frame: number;
    readonly bedding: number;
    readonly necessities: number;
  };
  /** Coefficient of variation of the work per unit (lognormal). */
  readonly cv: number;
  /** `'bed-first'` finishes beds one by one; `'task-first'` all frames first. */
  readonly order: 'bed-first' | 'task-first';
}

/**
 * The closed-loop bus transfer of the park workers (F15), gated by the isolation site.
 *
 * @example
 * ```ts
 * // twice the buses at half the seats, each with its 3 escorts (the 'buses-34' alternative)
 * const t: TransferParams = { ...QINGXU_DEFAULTS.transfer, buses: 34, loadCap: 0.5, escort: { staff: 102, perBus: 3 } };
 * ```
 */
export interface TransferParams {
  readonly people: number;
  /** The workers are at the park from (F1). */
  readonly presentFrom: string;
  /** Exposure is counted from (F8: the park becomes a sealed zone). */
  readonly exposureFrom: string;
  /** Boarding may not start before this time. */
  readonly earliest: string;
  /** Beds that must be ready at the site before the buses are called. */
  readonly gateBeds: number;
  /** From the site being ready to the first bus boarding (call the buses, brief the escort). */
  readonly dispatch: string;
  readonly buses: number;
  readonly seats: number;
  /** Share of seats that may be used (≤ 0.5 in high-risk areas, cal §1d). */
  readonly loadCap: number;
  readonly loading: 'even' | 'fill';
  /** Boarding points at the park. */
  readonly doors: number;
  readonly board: DurationValue;
  readonly alight: DurationValue;
  readonly travel: DurationValue;
  readonly turnaround: DurationValue;
  readonly escort: { readonly staff: number; readonly perBus: number };
}

/**
 * The 22:00 supply unloading by a human chain (F16, F17).
 *
 * @example
 * ```ts
 * const u: UnloadingParams = { ...QINGXU_DEFAULTS.unloading, chains: 3, bays: 3 };
 * ```
 */
export interface UnloadingParams {
  readonly start: string;
  readonly trucks: number;
  readonly items: number;
  /**
   * Volunteers in the chains: each of the `chains` has `floor(volunteers / chains)` links (a remainder
   * would stand idle and is not counted in the volunteer hours).
   */
  readonly volunteers: number;
  /** Parallel chains. */
  readonly chains: number;
  /** Trucks unloaded at once. */
  readonly bays: number;
  readonly dockTime: string;
  readonly switchTime: string;
  /** Pass interval per link (fitted to F17). */
  readonly pass: DurationValue;
}

/**
 * Hedong-wide nucleic-acid testing from 19:00 (F12–F14): the part another scenario can reuse on its
 * own (see {@link hedongParameters}).
 *
 * @example
 * ```ts
 * const h: HedongParams = { ...QINGXU_DEFAULTS.hedong, pool: 20 };
 * ```
 */
export interface HedongParams {
  /** Testing starts (F12). */
  readonly open: string;
  /** "After 6 hours" (F14): the count is read here. */
  readonly deadline: string;
  /** Residents of Hedong (not reported; see the sources). */
  readonly population: number;
  /** Share of residents who come to be tested. */
  readonly participation: number;
  /** Sampling points; the people and staff are split evenly over them. */
  readonly points: number;
  /** Staff pools over all points, split in proportion to population. */
  readonly staff: {
    readonly marshals: number;
    readonly clerks: number;
    /** Clerks of a separate assisted lane (taken in addition to `clerks`); 0 = no such lane. */
    readonly assistedClerks: number;
    readonly swabbers: number;
  };
  /** How people register: pre-registered code, manual ID entry, assisted (F13). */
  readonly mix: { readonly qr: number; readonly id: number; readonly assisted: number };
  /**
   * When people come: `'call'` (everyone called at the opening, arriving uniformly within `within`)
   * or `'slots'` (village time slots: each point's people split over `slots` by share).
   */
  readonly arrivals: {
    readonly pattern: 'call' | 'slots';
    readonly within: string;
    readonly slots: readonly { readonly start: string; readonly end: string; readonly share: number }[];
  };
  readonly checkTime: DurationValue;
  readonly registration: {
    readonly qr: DurationValue;
    readonly id: DurationValue;
    readonly assisted: DurationValue;
  };
  readonly swabTime: DurationValue;
  /** Extra swabber time when a tube is full. */
  readonly tubeChange: DurationValue;
  /** Swabs per tube. */
  readonly pool: number;
  /**
   * Protective-suit rotation of the swabbers: with `rotate`, each position works at most
   * `maxContinuous`, then its swabber rests `rest` and a (re)suited one takes `changeover` to start;
   * `reserves` extra swabbers (a share of `staff.swabbers`) cover the breaks.
   */
  readonly suit: {
    readonly rotate: boolean;
    readonly maxContinuous: string;
    readonly rest: string;
    readonly changeover: string;
    readonly reserves: number;
  };
  readonly courier: { readonly every: string; readonly boxSize: number; readonly transport: string };
  readonly lab: { readonly machines: number; readonly batchSize: number; readonly runTime: string };
}

/**
 * All parameters of the replayed day, as the TypeScript replay had them; kept for the staffing
 * questions until they run on the spec (`campaigns/qingxu-2022-04-13.json`, whose alternatives are
 * changes of the spec in `campaigns/alternatives/qingxu-2022-04-13.json`).
 *
 * @example
 * ```ts
 * const params = mergeParameters<QingxuParams>(QINGXU_DEFAULTS, { hedong: { pool: 20 } });
 * ```
 */
export interface QingxuParams {
  readonly yunda: YundaParams;
  readonly checkpoints: CheckpointParams;
  readonly muster: MusterParams;
  readonly siteSetup: SiteSetupParams;
  readonly transfer: TransferParams;
  readonly unloading: UnloadingParams;
  readonly hedong: HedongParams;
}

/**
 * The scenario clock starts at F1: 13 April 2022, 01:30 local time (+08:00).
 *
 * @example
 * ```ts
 * new Epoch(QINGXU_EPOCH).at('21:00'); // 70_200
 * ```
 */
export const QINGXU_EPOCH = '2022-04-13T01:30+08:00';

/**
 * Hedong's clock starts at its opening (F12), so its waits and utilisation start there.
 *
 * @example
 * ```ts
 * new Epoch(HEDONG_EPOCH).at('01:00', { before: 'next-day' }); // 21_600
 * ```
 */
export const HEDONG_EPOCH = '2022-04-13T19:00+08:00';

/**
 * The Hedong area-testing parameters of the replay (F12–F14), for scenarios that study Hedong alone
 * (a staffing search, alternatives). A fresh copy each call.
 *
 * @example
 * ```ts
 * const h = hedongParameters();
 * h.staff.swabbers; // 180
 * ```
 */
export function hedongParameters(): HedongParams {
  return structuredClone(QINGXU_DEFAULTS.hedong);
}

/**
 * The replay's defaults. Every value's source is in {@link QINGXU_SOURCES}.
 *
 * @example
 * ```ts
 * QINGXU_DEFAULTS.transfer.buses; // 17 (F15)
 * ```
 */
export const QINGXU_DEFAULTS: QingxuParams = {
  yunda: {
    workers: 277,
    start: '03:00',
    within: '1 h',
    medics: { total: 11, marshals: 1, clerks: 4, swabbers: 6 },
    mix: { qr: 0.5, id: 0.5, assisted: 0 },
    pool: 1,
  },
  checkpoints: {
    from: '14:30',
    posts: 33,
    positionsPerPost: 1,
    pattern: '2x12',
    handover: '15 min',
    arrivalRate: '30 per h',
    register: { dist: 'triangular', min: '20 s', mode: '30 s', max: '40 s' },
  },
  muster: {
    call: '15:30',
    people: 113,
    villages: 10,
    delay: { dist: 'triangular', min: '5 min', mode: '20 min', max: '45 min' },
    travel: { dist: 'uniform', min: '5 min', max: '15 min' },
  },
  siteSetup: {
    start: '16:00',
    beds: 500,
    volunteers: 110,
    arrivalWithin: '30 min',
    workPerBed: '42 min',
    split: { clear: 0.1, frame: 0.4, bedding: 0.35, necessities: 0.15 },
    cv: 0.3,
    order: 'bed-first',
  },
  transfer: {
    people: 327,
    presentFrom: '01:30',
    exposureFrom: '14:30',
    earliest: '14:30',
    gateBeds: 500,
    dispatch: '53 min',
    buses: 17,
    seats: 45,
    loadCap: 0.5,
    loading: 'even',
    doors: 1,
    board: '15 s',
    alight: '6 s',
    travel: '30 min',
    turnaround: '20 min',
    escort: { staff: 60, perBus: 3 },
  },
  unloading: {
    start: '22:00',
    trucks: 30,
    items: 10_000,
    volunteers: 120,
    chains: 1,
    bays: 2,
    dockTime: '5 min',
    switchTime: '1 min',
    pass: { dist: 'lognormal', mean: '2.23 s', sd: '0.558 s' },
  },
  hedong: {
    open: '19:00',
    deadline: '01:00',
    population: 126_351,
    participation: 0.93,
    points: 50,
    staff: { marshals: 100, clerks: 200, assistedClerks: 0, swabbers: 180 },
    mix: { qr: 0.5, id: 0.311, assisted: 0.189 },
    arrivals: {
      pattern: 'call',
      within: '3 h',
      slots: [
        { start: '19:00', end: '20:30', share: 0.25 },
        { start: '20:30', end: '22:00', share: 0.25 },
        { start: '22:00', end: '23:30', share: 0.25 },
        { start: '23:30', end: '01:00', share: 0.25 },
      ],
    },
    checkTime: '5 s',
    registration: {
      qr: { dist: 'uniform', min: '5 s', max: '8 s' },
      id: { dist: 'uniform', min: '20 s', max: '40 s' },
      assisted: { dist: 'uniform', min: '60 s', max: '180 s' },
    },
    swabTime: { dist: 'lognormal', mean: '12.91 s', sd: '10.53 s' },
    tubeChange: { dist: 'uniform', min: '20 s', max: '30 s' },
    pool: 10,
    suit: { rotate: false, maxContinuous: '4 h', rest: '30 min', changeover: '10 min', reserves: 0.1 },
    courier: { every: '30 min', boxSize: 50, transport: '30 min' },
    lab: { machines: 40, batchSize: 94, runTime: '2.5 h' },
  },
};

const row = (
  path: string,
  value: unknown,
  basis: ParameterSource['basis'],
  sources: readonly string[],
  note: string,
): ParameterSource => ({ path, value, basis, sources, note });

const d = QINGXU_DEFAULTS;

/**
 * Where every default comes from: path, value, basis, sources and a note (for assumptions `[X]`
 * with the range considered; for derived and fitted values the arithmetic or method).
 *
 * @example
 * ```ts
 * QINGXU_SOURCES.filter((s) => s.basis === 'fitted').map((s) => s.path);
 * // ['siteSetup.workPerBed', 'transfer.dispatch', 'unloading.pass', 'hedong.staff.clerks']
 * ```
 */
export const QINGXU_SOURCES: readonly ParameterSource[] = [
  // Yunda distribution centre, 03:00
  row('yunda.workers', d.yunda.workers, 'sourced', ['F5'], 'all 277 employees of the distribution centre'),
  row('yunda.start', d.yunda.start, 'sourced', ['F4', 'F5'], 'sampling starts at 03:00'),
  row(
    'yunda.within',
    d.yunda.within,
    'assumed',
    ['cal §2'],
    '[X] workers marshalled to the point within 1 h of 03:00 (night shift on site, others called in); range 30 min–2 h. cal §2: elapsed time is set by marshalling, not swabbing',
  ),
  row('yunda.medics.total', d.yunda.medics.total, 'sourced', ['F5'], '11 medical staff drawn from nearby'),
  row(
    'yunda.medics.*',
    d.yunda.medics,
    'assumed',
    ['F7', 'cal §1b'],
    '[X] the 11 split as 1 check, 4 registration, 6 swab tables (F7 three areas; Baoying 4 desks + 4 swab desks); range 3–8 swabbers',
  ),
  row(
    'yunda.mix',
    d.yunda.mix,
    'assumed',
    [],
    '[X] working-age employees: half scan a code, half have their ID entered; nobody needs assisted entry; range qr 30–80 %',
  ),
  row(
    'yunda.pool',
    d.yunda.pool,
    'sourced',
    ['cal §1a'],
    'key groups are sampled one person per tube (2nd ed. pooling rules)',
  ),
  // Checkpoints and muster
  row(
    'checkpoints.from',
    d.checkpoints.from,
    'sourced',
    ['F8', 'F9'],
    'zoning at 14:30; posts staffed from then',
  ),
  row(
    'checkpoints.posts',
    d.checkpoints.posts,
    'sourced',
    ['cal §1e'],
    '33 sealed villages by 16 Apr; one post each [X]; the 13 Apr count was lower (F8 names 2 villages and 2 parks)',
  ),
  row('checkpoints.positionsPerPost', 1, 'assumed', [], '[X] one keeper at a time per post; range 1–2'),
  row(
    'checkpoints.pattern',
    d.checkpoints.pattern,
    'sourced',
    ['F9', 'cal §2'],
    '24 h cover, ≥ 12 h per keeper: 2 × 12 h',
  ),
  row(
    'checkpoints.handover',
    d.checkpoints.handover,
    'assumed',
    [],
    '[X] overlap at shift change; range 0–30 min',
  ),
  row(
    'checkpoints.arrivalRate',
    d.checkpoints.arrivalRate,
    'assumed',
    [],
    '[X] entries at a controlled-zone village post; range 5–60 per h (sealed villages: none)',
  ),
  row(
    'checkpoints.register',
    d.checkpoints.register,
    'assumed',
    ['F9', 'cal §4'],
    '[X] manual register 20–40 s',
  ),
  row('muster.call', d.muster.call, 'sourced', ['F10'], 'muster called at 15:30'),
  row('muster.people', d.muster.people, 'sourced', ['F10'], '113 party members from 7 units'),
  row('muster.villages', d.muster.villages, 'sourced', ['F10'], '10 villages of Wangda township'),
  row(
    'muster.delay',
    d.muster.delay,
    'assumed',
    ['F10'],
    '[X] call to muster point 5–45 min (mode 20), bounded so that F10’s hour can hold; range of the mode 10–30 min',
  ),
  row(
    'muster.travel',
    d.muster.travel,
    'assumed',
    [],
    '[X] muster point to village 5–15 min (township roads)',
  ),
  // Site set-up
  row('siteSetup.start', d.siteSetup.start, 'sourced', ['F11'], 'set-up starts at 16:00'),
  row('siteSetup.beds', d.siteSetup.beds, 'sourced', ['F11'], '500 beds with bedding and daily necessities'),
  row('siteSetup.volunteers', d.siteSetup.volunteers, 'sourced', ['F11'], '110+ volunteers (lower bound)'),
  row(
    'siteSetup.arrivalWithin',
    d.siteSetup.arrivalWithin,
    'assumed',
    [],
    '[X] volunteers arrive over the first 30 min; range 0–60 min',
  ),
  row(
    'siteSetup.workPerBed',
    d.siteSetup.workPerBed,
    'fitted',
    ['F11', 'cal §1d'],
    'fitted by simulation so that 110 volunteers ready 500 beds in a median 4 h (F11); cal §1d’s 52.8 person-min per bed includes the arrival and tail losses the model represents itself',
  ),
  row(
    'siteSetup.split',
    d.siteSetup.split,
    'assumed',
    [],
    '[X] no breakdown reported; shares of the fitted total',
  ),
  row('siteSetup.cv', d.siteSetup.cv, 'assumed', [], '[X] lognormal spread of work per unit; range 0.1–0.5'),
  row('siteSetup.order', d.siteSetup.order, 'assumed', [], '[X] volunteers finish beds one by one'),
  // Transfer
  row('transfer.people', d.transfer.people, 'sourced', ['F15'], '327 workers moved (F11: 300+ waiting)'),
  row(
    'transfer.presentFrom',
    d.transfer.presentFrom,
    'sourced',
    ['F1'],
    'the workers are at the park from the first positive',
  ),
  row(
    'transfer.exposureFrom',
    d.transfer.exposureFrom,
    'sourced',
    ['F8', 'F11'],
    'the park is a sealed zone from 14:30; F11: every minute waiting is risk',
  ),
  row(
    'transfer.earliest',
    d.transfer.earliest,
    'sourced',
    ['F8'],
    'no transfer before the zoning decision at 14:30',
  ),
  row(
    'transfer.gateBeds',
    d.transfer.gateBeds,
    'assumed',
    ['F11', 'F15'],
    '[X] the buses are called when the site is complete (F11 500 beds, then F15); range 327 (only the beds needed) – 500',
  ),
  row(
    'transfer.dispatch',
    d.transfer.dispatch,
    'fitted',
    ['F11', 'F15'],
    'fitted by simulation: F15’s first departure at 21:00 − the median time all 500 beds are ready (≈ 20:02) − the median boarding of the first bus (≈ 5 min) ≈ 53 min (20 replications, seed 1) to call the buses forward and brief the escort',
  ),
  row('transfer.buses', d.transfer.buses, 'sourced', ['F15'], '17 buses'),
  row('transfer.seats', d.transfer.seats, 'sourced', ['cal §1d'], '45–55-seat coaches (lower end)'),
  row(
    'transfer.loadCap',
    d.transfer.loadCap,
    'sourced',
    ['cal §1d'],
    '≤ 50 % of seats in high-risk areas → 22 per bus',
  ),
  row(
    'transfer.loading',
    d.transfer.loading,
    'derived',
    ['F15', 'cal §2'],
    '327 / 17 = 19.2 per bus: every bus used once',
  ),
  row(
    'transfer.doors',
    d.transfer.doors,
    'assumed',
    [],
    '[X] one checked exit of the sealed park; range 1–2',
  ),
  row(
    'transfer.board',
    d.transfer.board,
    'assumed',
    [],
    '[X] per person at the door (check, disinfect, seat); range 8–30 s',
  ),
  row('transfer.alight', d.transfer.alight, 'assumed', [], '[X] per person; range 3–10 s'),
  row('transfer.travel', d.transfer.travel, 'assumed', [], '[X] site location not reported; range 20–40 min'),
  row(
    'transfer.turnaround',
    d.transfer.turnaround,
    'assumed',
    [],
    '[X] disinfection before a second trip; range 15–30 min',
  ),
  row(
    'transfer.escort',
    d.transfer.escort,
    'sourced',
    ['F15', 'cal §1d'],
    '60+ staff; ≈3.5 per bus, rounded down to 3',
  ),
  // Unloading
  row('unloading.start', d.unloading.start, 'sourced', ['F16'], 'trucks arrive at 22:00'),
  row('unloading.trucks', d.unloading.trucks, 'sourced', ['F16'], '30 truckloads'),
  row(
    'unloading.items',
    d.unloading.items,
    'sourced',
    ['F17'],
    '10,000+ items (lower bound), ≈333 per truck',
  ),
  row(
    'unloading.volunteers',
    d.unloading.volunteers,
    'sourced',
    ['F17'],
    '120 volunteers in a human chain, no break',
  ),
  row('unloading.chains', d.unloading.chains, 'sourced', ['F17'], 'one chain'),
  row(
    'unloading.bays',
    d.unloading.bays,
    'assumed',
    [],
    '[X] two unloading positions (the next truck docks while one is worked); range 1–3',
  ),
  row('unloading.dockTime', d.unloading.dockTime, 'assumed', [], '[X] back in and open; range 2–10 min'),
  row(
    'unloading.switchTime',
    d.unloading.switchTime,
    'assumed',
    [],
    '[X] the chain head moves to the next truck; range 0.5–3 min',
  ),
  row(
    'unloading.pass',
    d.unloading.pass,
    'fitted',
    ['F17', 'cal §2'],
    'mean fitted by simulation so that 10,000 items take 9 h (F17); cv 0.25 assumed [X] (range 0.1–0.5)',
  ),
  // Hedong
  row('hedong.open', d.hedong.open, 'sourced', ['F12'], 'Hedong testing starts at 19:00'),
  row('hedong.deadline', d.hedong.deadline, 'sourced', ['F14'], '“after 6 hours”: 01:00'),
  row(
    'hedong.population',
    d.hedong.population,
    'assumed',
    ['cal §1e', 'cal §2'],
    '[A/D] Hedong population not found; hypothesis: 2000-census Wangda + Xugou (incl. Gaohua) + Dongyu = 126,351; plausible range 120k–185k',
  ),
  row(
    'hedong.participation',
    d.hedong.participation,
    'assumed',
    ['cal §4'],
    '[X] ≈93 % turn out in a mandatory campaign; range 85–98 %',
  ),
  row(
    'hedong.points',
    d.hedong.points,
    'derived',
    ['cal §1a', 'cal §2'],
    '1 point per 2,000–3,000 people: 126,351 / 2,500 ≈ 50 (cal §2: 40–60 points)',
  ),
  row(
    'hedong.staff.swabbers',
    d.hedong.staff.swabbers,
    'derived',
    ['cal §1a', 'cal §2'],
    '1 swab table per 600–800 people: 126,351 / 700 ≈ 180 (cal §2: 149–199 tables)',
  ),
  row(
    'hedong.staff.clerks',
    d.hedong.staff.clerks,
    'fitted',
    ['F13', 'F14', 'cal §2'],
    'registration clerks (the number of tables is not reported): fitted by simulation to F14’s “complete after 6 h” — the smallest whole number per point whose median last swab is within 10 % of 6 h: 4 per point (200; ≈1.1 per swab table). 3.92 per point (196) leaves the points with 3 clerks finishing after ≈7.9 h. cal §2: one clerk per table runs at 90 %+ in the mixed case; F13: registration was the hardest part',
  ),
  row('hedong.staff.assistedClerks', 0, 'assumed', ['cal §3'], '[X] no separate assisted lane reported'),
  row(
    'hedong.staff.marshals',
    d.hedong.staff.marshals,
    'assumed',
    ['cal §1b'],
    '[X] 2 per point at the health-code check (CDC template 2–3)',
  ),
  row(
    'hedong.mix.assisted',
    d.hedong.mix.assisted,
    'assumed',
    ['F13', 'cal §1e', 'cal §4'],
    '[X] Shanxi 60+ share 18.9 %; range 10–25 %',
  ),
  row('hedong.mix.qr', d.hedong.mix.qr, 'assumed', [], '[X] share with a pre-registered code; range 30–80 %'),
  row('hedong.mix.id', d.hedong.mix.id, 'assumed', [], '[X] the rest: manual ID entry'),
  row(
    'hedong.arrivals.pattern',
    d.hedong.arrivals.pattern,
    'sourced',
    ['F10', 'F12'],
    'one call (loudspeakers, door to door) for the 19:00 start',
  ),
  row(
    'hedong.arrivals.within',
    d.hedong.arrivals.within,
    'assumed',
    ['F14'],
    '[X] people arrive uniformly within 3 h of the call; range 1–6 h',
  ),
  row(
    'hedong.arrivals.slots',
    d.hedong.arrivals.slots,
    'assumed',
    ['cal §1a', 'cal §3'],
    '[X] used only with pattern "slots": four 90-min slots of equal share (NHC: staggered time slots)',
  ),
  row(
    'hedong.checkTime',
    d.hedong.checkTime,
    'sourced',
    ['F7', 'cal §1b'],
    'card reader showing the health code ≤ 5 s',
  ),
  row(
    'hedong.registration.qr',
    d.hedong.registration.qr,
    'sourced',
    ['cal §1b', 'cal §4'],
    'code scan / ID photo ≈ 5 s; 5–8 s',
  ),
  row(
    'hedong.registration.id',
    d.hedong.registration.id,
    'assumed',
    ['cal §4'],
    '[X] manual ID entry 20–40 s',
  ),
  row(
    'hedong.registration.assisted',
    d.hedong.registration.assisted,
    'assumed',
    ['F13', 'cal §4'],
    '[X] assisted entry 60–180 s; no measured figure',
  ),
  row('hedong.swabTime', d.hedong.swabTime, 'derived', ['cal §4'], 'lognormal with median 10 s and p90 25 s'),
  row('hedong.tubeChange', d.hedong.tubeChange, 'assumed', ['cal §4'], '[X] 20–30 s per full tube'),
  row('hedong.pool', d.hedong.pool, 'sourced', ['cal §1a'], '10-in-1 (20-in-1 allowed from Jan 2022)'),
  row(
    'hedong.suit',
    d.hedong.suit,
    'assumed',
    ['cal §1b'],
    '[X] no rotation in the 6-h night by default; with rotate: 4 h (lab PPE entry) vs 1–2 h (outdoor swabbers), 30 min rest, 10 min to suit up, 10 % reserves',
  ),
  row(
    'hedong.courier',
    d.hedong.courier,
    'assumed',
    ['cal §3'],
    '[X] pickup every 30 min (15–60), box of 50 tubes (20–100), 30 min to the lab (10–60)',
  ),
  row(
    'hedong.lab',
    d.hedong.lab,
    'assumed',
    ['cal §1a', 'cal §2'],
    '[X] 40 machines of 94 tubes a run, 2.5 h a run (the county’s lab capacity is not reported; range 10–80 machines); cal §2: 6-h result norm',
  ),
];

/**
 * Fitted parameters: path → the figure it was fitted to and how. The figures they fit are checks of
 * the fit, not predictions.
 *
 * @example
 * ```ts
 * Object.keys(QINGXU_FITTED); // ['siteSetup.workPerBed', ...]
 * ```
 */
export const QINGXU_FITTED: Readonly<Record<string, string>> = Object.fromEntries(
  QINGXU_SOURCES.filter((s) => s.basis === 'fitted').map((s) => [
    s.path,
    `${s.sources.join(', ')}: ${s.note}`,
  ]),
);

/**
 * Assumptions: path → the assumption and the range considered.
 *
 * @example
 * ```ts
 * QINGXU_ASSUMPTIONS['hedong.population']; // '[A/D] Hedong population not found; ...'
 * ```
 */
export const QINGXU_ASSUMPTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  QINGXU_SOURCES.filter((s) => s.basis === 'assumed').map((s) => [s.path, s.note]),
);

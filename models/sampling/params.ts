/**
 * Parameters of a sampling site: what a planner writes, the declared defaults with their sources,
 * and the one validating parser that turns input into resolved numbers (seconds, distributions).
 *
 * Every field may be omitted; the default is then taken from {@link SAMPLING_SITE_DEFAULTS}, whose
 * rows say where each number comes from (a fact `F7` of the reported day, a row of the calibration
 * notes `cal §1b`, or an assumption `[X]` with the range considered). Durations accept units
 * (`"40 s"`), clock times accept `"19:00"` when the simulation has an epoch, and a bad value throws
 * a {@link ParameterError} naming its path (`sites[3].swabbers`) before any simulation work.
 *
 * @module
 */
import {
  type ArrivalProcess,
  type Distribution,
  type Epoch,
  fixedPopulation,
  ParameterError,
  parseArrivalProcess,
  parseUnits,
  type Roster,
  validate,
  validateRoster,
} from '../../src/index.js';
import { boundedCount, type DurationSpec, durationDistribution } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import {
  type ClosingInput,
  overtimeStaff,
  parseClosing,
  type ResolvedClosing,
  type StaffRole,
} from './closing.js';
import { type Rotation, staggeredTeam } from './rotation.js';

/** The three ways a person is registered (F13; cal §1b, §4). */
export const PERSON_TYPES = ['qr', 'id', 'assisted'] as const;

/**
 * How a person is registered: `qr` a pre-registered code is scanned, `id` an ID card is entered by
 * hand, `assisted` a clerk helps someone who cannot write, hear well or move easily (F13).
 *
 * @example
 * ```ts
 * const t: PersonType = 'assisted';
 * ```
 */
export type PersonType = (typeof PERSON_TYPES)[number];

/** A clock time (`"19:00"`, needs an epoch) or seconds since time 0. */
export type ClockInput = number | string;

/**
 * When the people of a site come.
 *
 * - `call`: everyone is called at `at` and comes within `within`, spread by `profile`
 *   (default uniform; `{ times, weights }` for a piecewise profile, times relative to `at`);
 * - `slots`: village time slots, each `{ start, end, share }`, shares summing to 1 (the counts are
 *   split exactly, largest remainders);
 * - `{ process: ... }`: any arrival process of the library (`poisson`, `piecewise-poisson` rate
 *   tables, `scheduled`...); the number of people is then whatever the process yields, capped at
 *   `population`.
 *
 * @example
 * ```ts
 * const a: ArrivalsInput = { kind: 'call', at: '19:00', within: '2 h' };
 * const b: ArrivalsInput = { kind: 'slots', slots: [{ start: '19:00', end: '20:00', share: 0.6 }, { start: '20:00', end: '21:00', share: 0.4 }] };
 * ```
 */
export type ArrivalsInput =
  | {
      /** Everyone is called at one time and comes within a window. */
      readonly kind: 'call';
      /** When people are called: clock time (needs an epoch) or seconds (default 0); the site opens then. */
      readonly at?: ClockInput;
      /** Window in which everyone arrives, seconds or with units (default `"3 h"`; must be > 0). */
      readonly within?: number | string;
      /** Arrival density over the window (default uniform over it). */
      readonly profile?: {
        /** Breakpoints, seconds or with units, relative to `at`. */
        readonly times: readonly (number | string)[];
        /** Relative density on `[times[i], times[i + 1])`; one fewer than `times`. */
        readonly weights: readonly number[];
      };
    }
  | {
      /** Village time slots, each with a fixed share of the population. */
      readonly kind: 'slots';
      /** The slots, in time order and not overlapping; the first start is the site's opening. */
      readonly slots: readonly {
        /** Start of the slot: clock time (needs an epoch) or seconds. */
        readonly start: ClockInput;
        /** End of the slot, after its start. */
        readonly end: ClockInput;
        /** Share of the population in this slot, in [0, 1]; the shares sum to 1. */
        readonly share: number;
      }[];
    }
  | { readonly process: string; readonly [k: string]: unknown };

/**
 * Protective-suit rotation of a role: continuous-work limit, rest and donning time (cal §1b PPE rows).
 *
 * @example
 * ```ts
 * const suit: WorkLimitInput = { maxContinuous: '2 h', rest: '30 min', changeover: '10 min' };
 * ```
 */
export interface WorkLimitInput {
  /** Longest continuous work before a relief, seconds or with units (must be > 0). */
  readonly maxContinuous: number | string;
  /** Rest after a relief before standing by again, seconds or with units (default 0). */
  readonly rest?: number | string;
  /** Time to change into a fresh suit when taking up a position, seconds or with units (default 0). */
  readonly changeover?: number | string;
  /**
   * For `{ count }` teams: `'staggered'` (default) relieves the positions in turn, one every
   * (maxContinuous + rest + changeover) / count, by shortening first stints (see
   * `sampling/rotation.ts`); `'together'` starts everyone at the opening, so the limit relieves
   * everyone at once. The default is an assumption [X]: a team leader rotates suits in turn so the
   * table is never empty (cal §1b PPE rows give the limit, not the schedule).
   */
  readonly rotation?: Rotation;
}

/**
 * Staff of one role: a head count present for the whole run, or a rostered team.
 *
 * - a number: that many units from time 0 on (a plain resource, the fastest);
 * - `{ count, reserves?, workLimit? }`: `count` positions worked by `count + reserves` people present
 *   for the whole run, rotating under the work limit (suit changes);
 * - `{ roster, positions?, workLimit? }`: named people with shifts (absolute seconds).
 *
 * @example
 * ```ts
 * const swabbers: StaffInput = { count: 4, reserves: 1, workLimit: { maxContinuous: '2 h', changeover: '10 min' } };
 * ```
 */
export type StaffInput =
  | number
  | { readonly count: number; readonly reserves?: number; readonly workLimit?: WorkLimitInput }
  | { readonly roster: Roster; readonly positions?: number; readonly workLimit?: WorkLimitInput };

/**
 * Sample transport from the site: tubes go in a box; a courier leaves every `every` seconds with
 * whatever tubes are boxed, or as soon as the box holds `boxSize` tubes; the trip to the lab takes
 * `transport`.
 *
 * @example
 * ```ts
 * const c: CourierInput = { every: '30 min', boxSize: 50, transport: '25 min' };
 * ```
 */
export interface CourierInput {
  /** Interval between courier rounds, seconds or with units (default 30 min; at least 1 s). */
  readonly every?: number | string;
  /** Tubes that make a full box: a courier leaves at once when the box holds this many (default 50). */
  readonly boxSize?: number;
  /** Travel time of a courier from the site to the lab (default 30 min). */
  readonly transport?: DurationSpec;
}

/**
 * Everything a sampling site takes. All fields are optional (see {@link SAMPLING_SITE_DEFAULTS}).
 *
 * @example
 * ```ts
 * const site: SamplingSiteInput = {
 *   name: 'Wangda-3', population: 2500, clerks: 6, swabbers: 4, assistedClerks: 2,
 *   arrivals: { kind: 'call', at: '19:00', within: '2 h' }, pool: 20,
 * };
 * ```
 */
export interface SamplingSiteInput {
  /** Name in results. Default `site`. */
  readonly name?: string;
  /** People assigned to the site (a village or community), an integer in [0, 10^7]. */
  readonly population?: number;
  /** Share of each registration type; must sum to 1. */
  readonly mix?: { readonly qr?: number; readonly id?: number; readonly assisted?: number };
  /** Arrival profile. */
  readonly arrivals?: ArrivalsInput;
  /** Health-code and temperature check per person (F7). */
  readonly checkTime?: DurationSpec;
  /** Registration time by person type. */
  readonly registration?: {
    readonly qr?: DurationSpec;
    readonly id?: DurationSpec;
    readonly assisted?: DurationSpec;
  };
  /** Swab time per person. */
  readonly swabTime?: DurationSpec;
  /** Extra swabber time when a tube is full (seal, label, new tube). */
  readonly tubeChange?: DurationSpec;
  /** Swabs per tube (1, 5, 10, 20). */
  readonly pool?: number;
  /** Marshals at the health-code check. */
  readonly marshals?: StaffInput;
  /** Registration clerks (main lane; all types when there is no assisted lane). */
  readonly clerks?: StaffInput;
  /** Clerks of a separate assisted lane; 0 = no separate lane. */
  readonly assistedClerks?: StaffInput;
  /** Swabbers (one per swab table). */
  readonly swabbers?: StaffInput;
  /** Sample transport. */
  readonly courier?: CourierInput;
  /** Time at which "not yet tested" is counted (clock or seconds). Default open + 6 h (F14). */
  readonly deadline?: ClockInput;
  /** Closing time and what happens to the people still inside then (see `sampling/closing.ts`). Default none. */
  readonly closing?: ClosingInput;
  /** Width of the bins of the tested-over-time series. */
  readonly bin?: number | string;
}

/** A role's staff after parsing. */
export type ResolvedStaff =
  | { readonly kind: 'count'; readonly count: number }
  | {
      /** Staff given as an object (`{ roster, … }` or `{ count, … }`), resolved into a roster. */
      readonly kind: 'roster';
      /** True for a named `{ roster }`, false for a `{ count }` team present for the whole run. */
      readonly named: boolean;
      /** Who is on duty when; for a head-count team, the staggered rotation built from the work limit. */
      readonly roster: Roster;
      /** Positions worked at once (the head count; for a named roster, default its length). */
      readonly positions: number;
      /** Continuous-work limit, rest and changeover in seconds, or undefined when there is none. */
      readonly workLimit: { maxContinuous: number; rest: number; changeover: number } | undefined;
    };

/** Resolved courier. */
export interface ResolvedCourier {
  /** Interval between courier rounds, seconds (at least 1). */
  readonly every: number;
  /** Tubes that make a full box and send a courier at once. */
  readonly boxSize: number;
  /** Courier travel time site → lab, seconds. */
  readonly transport: Distribution;
}

/** A sampling site's parameters after parsing: seconds and distributions. */
export interface ResolvedSite {
  /** Site name in results (default `site`). */
  readonly name: string;
  /** People assigned to the site. */
  readonly population: number;
  /** Share of each registration type; the three sum to 1. */
  readonly mix: Readonly<Record<PersonType, number>>;
  /** The arrival process, in simulated seconds. */
  readonly arrivals: ArrivalProcess;
  /** The arrival input as plain data, for results. */
  readonly arrivalsSpec: unknown;
  /** Start of the arrival window (the site opens). */
  readonly open: number;
  /** Health-code and temperature check time per person, seconds. */
  readonly checkTime: Distribution;
  /** Registration time per person, by person type, seconds. */
  readonly registration: Readonly<Record<PersonType, Distribution>>;
  /** Swab time per person, seconds. */
  readonly swabTime: Distribution;
  /** Extra swabber time when a tube is full, seconds. */
  readonly tubeChange: Distribution;
  /** Swabs per tube, 1 to 100 (default 10). */
  readonly pool: number;
  /** Marshals at the health-code check. */
  readonly marshals: ResolvedStaff;
  /** Registration clerks of the main lane. */
  readonly clerks: ResolvedStaff;
  /** Clerks of the separate assisted lane; a count of 0 means there is no separate lane. */
  readonly assistedClerks: ResolvedStaff;
  /** Swabbers, one per swab table. */
  readonly swabbers: ResolvedStaff;
  /** Sample transport to the lab. */
  readonly courier: ResolvedCourier;
  /** Time at which "not yet tested" is counted, simulated seconds (default the opening + 6 h). */
  readonly deadline: number;
  /** Closing time and policy, or undefined when the site stays open until it is empty. */
  readonly closing: ResolvedClosing | undefined;
  /**
   * Staff kept on in overtime at closing, per role (positions that stay), for the `overtime` policy;
   * undefined otherwise. A named roster's on-duty shifts are already extended in its `roster`.
   */
  readonly overtimeCrew: Readonly<Record<StaffRole, number>> | undefined;
  /** Width of the bins of the tested-over-time series, seconds (default 900; at least 1). */
  readonly bin: number;
}

// Lognormal with median 10 s and 90th percentile 25 s (cal §4): σ = ln 2.5 / 1.2816 = 0.7150,
// mean = 10·e^{σ²/2} = 12.91 s, sd = mean·√(e^{σ²} − 1) = 10.53 s.
const SWAB_DEFAULT = { dist: 'lognormal', mean: 12.91, sd: 10.53 } as const;

/**
 * The declared defaults of a sampling site, with their sources (see models/provenance.ts).
 *
 * @example
 * ```ts
 * SAMPLING_SITE_DEFAULTS.find((r) => r.path === 'pool')?.value; // 10
 * ```
 */
export const SAMPLING_SITE_DEFAULTS: readonly ParameterSource[] = [
  {
    path: 'population',
    value: 2500,
    basis: 'sourced',
    sources: ['cal §1a'],
    note: '1 point per 2,000–3,000 people (NHC, 3rd ed.)',
  },
  {
    path: 'mix.assisted',
    value: 0.189,
    basis: 'assumed',
    sources: ['cal §2', 'cal §4', 'F13'],
    note: '[X] anchored on the Shanxi 60+ share 18.9 %; range 10–25 %',
  },
  {
    path: 'mix.qr',
    value: 0.5,
    basis: 'assumed',
    sources: [],
    note: '[X] share with a pre-registered code; range 30–80 % considered',
  },
  { path: 'mix.id', value: 0.311, basis: 'assumed', sources: [], note: '[X] the rest: manual ID entry' },
  {
    path: 'arrivals',
    value: { kind: 'call', at: 0, within: 10800 },
    basis: 'assumed',
    sources: ['F12', 'F14'],
    note: '[X] everyone called at the opening (19:00 in F12), arriving uniformly within 3 h; range 1–6 h',
  },
  {
    path: 'checkTime',
    value: 5,
    basis: 'sourced',
    sources: ['F7', 'cal §1b'],
    note: 'ID-card reader showing the health code: ≤5 s (Luoyang)',
  },
  {
    path: 'registration.qr',
    value: { dist: 'uniform', min: 5, max: 8 },
    basis: 'sourced',
    sources: ['cal §1b', 'cal §4'],
    note: 'QR / ID photo ≈5 s (Baoying); 5–8 s suggested',
  },
  {
    path: 'registration.id',
    value: { dist: 'uniform', min: 20, max: 40 },
    basis: 'assumed',
    sources: ['cal §4'],
    note: '[X] manual ID entry 20–40 s',
  },
  {
    path: 'registration.assisted',
    value: { dist: 'uniform', min: 60, max: 180 },
    basis: 'assumed',
    sources: ['cal §4', 'F13'],
    note: '[X] assisted entry 60–180 s; no measured figure',
  },
  {
    path: 'swabTime',
    value: SWAB_DEFAULT,
    basis: 'derived',
    sources: ['cal §4'],
    note: 'lognormal, median 10 s, p90 25 s',
  },
  {
    path: 'tubeChange',
    value: { dist: 'uniform', min: 20, max: 30 },
    basis: 'assumed',
    sources: ['cal §4'],
    note: '[X] tube changeover 20–30 s per full tube',
  },
  {
    path: 'pool',
    value: 10,
    basis: 'sourced',
    sources: ['cal §1a'],
    note: '10-in-1 (2nd ed.; 20-in-1 from Jan 2022)',
  },
  {
    path: 'marshals',
    value: 2,
    basis: 'assumed',
    sources: ['cal §1b'],
    note: '[X] CDC template: temperature/consent 2–3 people',
  },
  {
    path: 'clerks',
    value: 8,
    basis: 'derived',
    sources: ['cal §1a', 'cal §2'],
    note: '2 clerks per table (cal §2) × 4 tables (2,500 ÷ 600–800 per table)',
  },
  {
    path: 'assistedClerks',
    value: 0,
    basis: 'assumed',
    sources: ['cal §3 #2'],
    note: '[X] no separate assisted lane unless asked',
  },
  {
    path: 'swabbers',
    value: 4,
    basis: 'derived',
    sources: ['cal §1a'],
    note: '1 table per 600–800 people: 2,500 ÷ 700 ≈ 4',
  },
  {
    path: 'courier.every',
    value: 1800,
    basis: 'assumed',
    sources: ['cal §3 #8'],
    note: '[X] pickup every 30 min; range 15–60 min',
  },
  {
    path: 'courier.boxSize',
    value: 50,
    basis: 'assumed',
    sources: [],
    note: '[X] tubes per transport box; range 20–100',
  },
  {
    path: 'courier.transport',
    value: 1800,
    basis: 'assumed',
    sources: ['cal §3 #8'],
    note: '[X] 30 min to the lab; range 10–60 min',
  },
  {
    path: 'deadline',
    value: 21600,
    basis: 'sourced',
    sources: ['F14'],
    note: 'open + 6 h: Hedong finished in 6 h',
  },
  { path: 'bin', value: 900, basis: 'assumed', sources: [], note: 'reporting bin of 15 min' },
];

const SITE_KEYS = new Set([
  'name',
  'population',
  'mix',
  'arrivals',
  'checkTime',
  'registration',
  'swabTime',
  'tubeChange',
  'pool',
  'marshals',
  'clerks',
  'assistedClerks',
  'swabbers',
  'courier',
  'deadline',
  'closing',
  'bin',
]);

/** Longest window of a call, seconds (7 days): bounds the per-bin series of a site. */
const MAX_CALL_WINDOW = 7 * 86400;

/** Largest population of one site: keeps a mistyped count from becoming a run that never ends. */
export const MAX_SITE_POPULATION = 10_000_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Record<string, unknown>, keys: ReadonlySet<string>, path: string): void {
  validate.knownKeys(obj, path, [...keys]);
}

function seconds(v: unknown, path: string): number {
  return parseUnits(v, 'duration', path) as number;
}

function clockTime(v: unknown, path: string, epoch: Epoch | undefined): number {
  const t: unknown = parseUnits(v, 'clock', path, epoch ? { epoch, before: 'next-day' } : {});
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0)
    throw new ParameterError(path, 'a clock time ("19:00") or seconds ≥ 0', v);
  return t;
}

type WorkLimitResolved = { maxContinuous: number; rest: number; changeover: number } | undefined;

function parseWorkLimit(v: unknown, path: string, team: boolean): WorkLimitResolved {
  if (v === undefined) return undefined;
  if (!isObject(v))
    throw new ParameterError(path, 'a work limit { maxContinuous, rest?, changeover?, rotation? }', v);
  // A named roster is staggered through its own shifts; `rotation` belongs to head-count teams.
  checkKeys(
    v,
    new Set(
      team ? ['maxContinuous', 'rest', 'changeover', 'rotation'] : ['maxContinuous', 'rest', 'changeover'],
    ),
    path,
  );
  const maxContinuous = seconds(v.maxContinuous, `${path}.maxContinuous`);
  if (!(maxContinuous > 0))
    throw new ParameterError(`${path}.maxContinuous`, 'a duration > 0', v.maxContinuous);
  const rest = v.rest === undefined ? 0 : seconds(v.rest, `${path}.rest`);
  const changeover = v.changeover === undefined ? 0 : seconds(v.changeover, `${path}.changeover`);
  return { maxContinuous, rest, changeover };
}

function parseRotation(limit: unknown, path: string): Rotation {
  const v = isObject(limit) ? limit.rotation : undefined;
  if (v === undefined) return 'staggered';
  if (v !== 'staggered' && v !== 'together') throw new ParameterError(path, "'staggered' or 'together'", v);
  return v;
}

/** Longest run a rostered team created from a head count stays (a whole day is more than any campaign). */
const TEAM_PRESENCE = 7 * 86400;

function parseStaff(v: unknown, path: string, min: number, open: number): ResolvedStaff {
  if (typeof v === 'number') return { kind: 'count', count: boundedCount(v, path, min, 100_000) };
  if (!isObject(v))
    throw new ParameterError(
      path,
      `a head count (integer ≥ ${min}) or { count, reserves?, workLimit? } or { roster, positions?, workLimit? }`,
      v,
    );
  if ('roster' in v) {
    checkKeys(v, new Set(['roster', 'positions', 'workLimit']), path);
    const roster = validateRoster(v.roster as Roster, `${path}.roster`);
    if (roster.length < Math.max(min, 1))
      throw new ParameterError(`${path}.roster`, 'at least one person', v.roster);
    const positions =
      v.positions === undefined ? roster.length : boundedCount(v.positions, `${path}.positions`, 1, 100_000);
    return {
      kind: 'roster',
      named: true,
      roster,
      positions,
      workLimit: parseWorkLimit(v.workLimit, `${path}.workLimit`, false),
    };
  }
  checkKeys(v, new Set(['count', 'reserves', 'workLimit']), path);
  const count = boundedCount(v.count, `${path}.count`, Math.max(min, 1), 100_000);
  const reserves = v.reserves === undefined ? 0 : boundedCount(v.reserves, `${path}.reserves`, 0, 100_000);
  const workLimit = parseWorkLimit(v.workLimit, `${path}.workLimit`, true);
  const rotation = parseRotation(v.workLimit, `${path}.workLimit.rotation`);
  const name = path.split('.').pop() ?? 'staff';
  const roster = staggeredTeam(name, count, reserves, workLimit, open, TEAM_PRESENCE, rotation);
  return { kind: 'roster', named: false, roster, positions: count, workLimit };
}

function staffSize(s: ResolvedStaff): number {
  return s.kind === 'count' ? s.count : s.positions;
}

function parseArrivals(
  v: unknown,
  path: string,
  population: number,
  epoch: Epoch | undefined,
): { process: ArrivalProcess; open: number } {
  if (!isObject(v))
    throw new ParameterError(path, 'an arrival profile { kind: "call" | "slots" } or { process, ... }', v);
  if ('process' in v) {
    const process = parseArrivalProcess(v, path);
    return { process, open: 0 };
  }
  if (v.kind === 'call') {
    checkKeys(v, new Set(['kind', 'at', 'within', 'profile']), path);
    const start = v.at === undefined ? 0 : clockTime(v.at, `${path}.at`, epoch);
    const within = v.within === undefined ? 10800 : seconds(v.within, `${path}.within`);
    // The tested-over-time series has a row per bin up to the last arrival: a window of years (a
    // mistyped unit) would grow it until memory runs out. A longer campaign is several calls.
    if (!(within > 0 && within <= MAX_CALL_WINDOW))
      throw new ParameterError(
        `${path}.within`,
        `a duration in (0, ${MAX_CALL_WINDOW} s] (at most 7 days)`,
        v.within,
      );
    let profile: { kind: 'piecewise'; times: number[]; weights: number[] } | { kind: 'uniform' } = {
      kind: 'uniform',
    };
    if (v.profile !== undefined) {
      const p = v.profile;
      if (!isObject(p) || !Array.isArray(p.times) || !Array.isArray(p.weights))
        throw new ParameterError(
          `${path}.profile`,
          'a profile { times, weights } (times relative to `at`)',
          p,
        );
      const times = p.times.map((t, i) => start + seconds(t, `${path}.profile.times[${i}]`));
      profile = { kind: 'piecewise', times, weights: p.weights as number[] };
    }
    return {
      process: fixedPopulation({ count: population, start, end: start + within, profile }, path),
      open: start,
    };
  }
  if (v.kind === 'slots') {
    checkKeys(v, new Set(['kind', 'slots']), path);
    const slots = v.slots;
    if (!Array.isArray(slots) || slots.length === 0)
      throw new ParameterError(`${path}.slots`, 'a non-empty array of { start, end, share }', slots);
    const windows: { start: number; end: number; share: number }[] = [];
    slots.forEach((s: unknown, i) => {
      const sp = `${path}.slots[${i}]`;
      if (!isObject(s)) throw new ParameterError(sp, 'a slot { start, end, share }', s);
      checkKeys(s, new Set(['start', 'end', 'share']), sp);
      const start = clockTime(s.start, `${sp}.start`, epoch);
      const end = clockTime(s.end, `${sp}.end`, epoch);
      if (!(end > start))
        throw new ParameterError(`${sp}.end`, `a time after the slot's start (${start})`, s.end);
      const prev = windows[windows.length - 1]?.end;
      if (prev !== undefined && start < prev)
        throw new ParameterError(`${sp}.start`, `a time ≥ the previous slot's end (${prev})`, s.start);
      if (typeof s.share !== 'number' || !(s.share >= 0 && s.share <= 1))
        throw new ParameterError(`${sp}.share`, 'a share in [0, 1]', s.share);
      windows.push({ start, end, share: s.share });
    });
    const total = windows.reduce((a, w) => a + w.share, 0);
    if (Math.abs(total - 1) > 1e-9)
      throw new ParameterError(`${path}.slots`, `shares summing to 1 (these sum to ${total})`, slots);
    // Each village slot gets its exact share of the people (largest remainders), spread uniformly.
    const counts = largestRemainders(
      population,
      windows.map((w) => w.share),
    );
    const parts = windows.map((w, i) =>
      fixedPopulation({ count: counts[i]!, start: w.start, end: w.end }, `${path}.slots[${i}]`),
    );
    return { process: concatenated(parts, windows), open: windows[0]!.start };
  }
  throw new ParameterError(`${path}.kind`, '"call" or "slots" (or give `process`)', v.kind);
}

/**
 * Validate and resolve a site's input. Throws a {@link ParameterError} naming `path` + field.
 *
 * @param input - the planner's input (typed `unknown`: it often comes from JSON)
 * @param path - where the site sits in a larger input, e.g. `sites[3]`
 * @param epoch - the simulation's epoch, for clock strings
 * @example
 * ```ts
 * resolveSite({ population: 100, swabbers: 2 }, 'sites[0]').swabbers; // { kind: 'count', count: 2 }
 * ```
 */
export function resolveSite(input: unknown, path = '', epoch?: Epoch): ResolvedSite {
  const p = (k: string) => (path ? `${path}.${k}` : k);
  const v = input === undefined ? {} : input;
  if (!isObject(v)) throw new ParameterError(path || 'site', 'a site parameter object', input);
  checkKeys(v, SITE_KEYS, path);
  const name = v.name === undefined ? 'site' : v.name;
  if (typeof name !== 'string' || name.length === 0)
    throw new ParameterError(p('name'), 'a non-empty string', v.name);
  const population =
    v.population === undefined ? 2500 : boundedCount(v.population, p('population'), 0, MAX_SITE_POPULATION);

  const mixIn = v.mix === undefined ? {} : v.mix;
  if (!isObject(mixIn)) throw new ParameterError(p('mix'), 'shares { qr, id, assisted }', v.mix);
  checkKeys(mixIn, new Set(PERSON_TYPES), p('mix'));
  const given = v.mix !== undefined;
  const mix = { qr: 0.5, id: 0.311, assisted: 0.189 };
  if (given) for (const t of PERSON_TYPES) mix[t] = 0;
  for (const t of PERSON_TYPES) {
    const s = mixIn[t];
    if (s === undefined) continue;
    if (typeof s !== 'number' || !(s >= 0 && s <= 1))
      throw new ParameterError(p(`mix.${t}`), 'a share in [0, 1]', s);
    mix[t] = s;
  }
  const sum = mix.qr + mix.id + mix.assisted;
  if (Math.abs(sum - 1) > 1e-9)
    throw new ParameterError(p('mix'), `shares summing to 1 (these sum to ${sum})`, v.mix);

  const arrivalsIn = v.arrivals ?? { kind: 'call', at: 0, within: 10800 };
  const { process: arrivals, open } = parseArrivals(arrivalsIn, p('arrivals'), population, epoch);

  const dist = (x: unknown, def: unknown, q: string) => durationDistribution(x === undefined ? def : x, p(q));
  const regIn = v.registration === undefined ? {} : v.registration;
  if (!isObject(regIn))
    throw new ParameterError(p('registration'), 'times { qr, id, assisted }', v.registration);
  checkKeys(regIn, new Set(PERSON_TYPES), p('registration'));
  const registration = {
    qr: dist(regIn.qr, { dist: 'uniform', min: 5, max: 8 }, 'registration.qr'),
    id: dist(regIn.id, { dist: 'uniform', min: 20, max: 40 }, 'registration.id'),
    assisted: dist(regIn.assisted, { dist: 'uniform', min: 60, max: 180 }, 'registration.assisted'),
  };
  const pool = v.pool === undefined ? 10 : boundedCount(v.pool, p('pool'), 1, 100);

  const marshals = parseStaff(v.marshals === undefined ? 2 : v.marshals, p('marshals'), 1, open);
  const clerks = parseStaff(v.clerks === undefined ? 8 : v.clerks, p('clerks'), 1, open);
  const assistedClerks = parseStaff(
    v.assistedClerks === undefined ? 0 : v.assistedClerks,
    p('assistedClerks'),
    0,
    open,
  );
  const swabbers = parseStaff(v.swabbers === undefined ? 4 : v.swabbers, p('swabbers'), 1, open);

  const cIn = v.courier === undefined ? {} : v.courier;
  if (!isObject(cIn))
    throw new ParameterError(p('courier'), 'a courier { every, boxSize, transport }', v.courier);
  checkKeys(cIn, new Set(['every', 'boxSize', 'transport']), p('courier'));
  const every = cIn.every === undefined ? 1800 : seconds(cIn.every, p('courier.every'));
  // A courier round more often than once a second would flood the calendar without changing anything.
  if (!(every >= 1)) throw new ParameterError(p('courier.every'), 'a duration ≥ 1 s', cIn.every);
  const courier: ResolvedCourier = {
    every,
    boxSize: cIn.boxSize === undefined ? 50 : boundedCount(cIn.boxSize, p('courier.boxSize'), 1, 100_000),
    transport: dist(cIn.transport, 1800, 'courier.transport'),
  };
  const deadline = v.deadline === undefined ? open + 21600 : clockTime(v.deadline, p('deadline'), epoch);
  const closing = parseClosing(v.closing, p('closing'), epoch, open);
  const overtime =
    closing?.policy === 'overtime'
      ? overtimeStaff({ marshals, clerks, assistedClerks, swabbers }, closing.at)
      : undefined;
  const bin = v.bin === undefined ? 900 : seconds(v.bin, p('bin'));
  if (!(bin >= 1)) throw new ParameterError(p('bin'), 'a duration ≥ 1 s', v.bin);
  return {
    name,
    population,
    mix,
    arrivals,
    arrivalsSpec: arrivalsIn,
    open,
    checkTime: dist(v.checkTime, 5, 'checkTime'),
    registration,
    swabTime: dist(v.swabTime, SWAB_DEFAULT, 'swabTime'),
    tubeChange: dist(v.tubeChange, { dist: 'uniform', min: 20, max: 30 }, 'tubeChange'),
    pool,
    marshals,
    clerks,
    assistedClerks,
    swabbers,
    ...overtime?.staff,
    courier,
    deadline,
    closing,
    overtimeCrew: overtime?.crew,
    bin,
  };
}

/**
 * Number of people who work at once in a role (positions), for reports and splits.
 *
 * @example
 * ```ts
 * staffPositions({ kind: 'count', count: 4 }); // 4
 * ```
 */
export function staffPositions(s: ResolvedStaff): number {
  return staffSize(s);
}

/** Integer parts of `total` proportional to `shares` (largest remainders; ties to the earlier part). */
function largestRemainders(total: number, shares: readonly number[]): number[] {
  const exact = shares.map((x) => total * x);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]!++;
  return parts;
}

/** Arrival processes over disjoint, ordered windows, one after the other (so times stay sorted). */
function concatenated(
  parts: readonly ArrivalProcess[],
  windows: readonly { start: number; end: number; share: number }[],
): ArrivalProcess {
  const params = { slots: windows.map((w) => ({ start: w.start, end: w.end, share: w.share })) };
  return {
    name: 'slots',
    params,
    *times(rng) {
      for (const p of parts) yield* p.times(rng);
    },
    describe: () => `village slots ${windows.map((w) => `[${w.start}, ${w.end}] ${w.share}`).join(', ')}`,
    toJSON: () => ({ process: 'slots', ...params }),
  };
}

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
import * as z from 'zod';
import {
  type ArrivalProcess,
  type Distribution,
  type Epoch,
  fixedPopulation,
  parseArrivalProcess,
  type Roster,
  validateRoster,
} from '../../src/index.js';
import type { DurationSpec } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import {
  attempt,
  clockTime,
  count,
  parseParams,
  perEpoch,
  resolving,
  seconds,
  share,
  strictObject,
  varying,
} from '../values.js';
import {
  CLOSING_POLICIES,
  type ClosingInput,
  overtimeStaff,
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

/** Longest window of a call, seconds (7 days): bounds the per-bin series of a site. */
const MAX_CALL_WINDOW = 7 * 86400;

/** Largest population of one site: keeps a mistyped count from becoming a run that never ends. */
export const MAX_SITE_POPULATION = 10_000_000;

/** Longest run a rostered team created from a head count stays (a whole day is more than any campaign). */
const TEAM_PRESENCE = 7 * 86400;

const ROSTER = resolving(z.array(z.unknown(), { error: 'a roster: a list of people with shifts' }), (r) =>
  validateRoster(r as unknown as Roster, '@'),
);

function workLimit(team: boolean) {
  const shape = {
    maxContinuous: seconds.refine((t) => t > 0, { error: 'a duration > 0' }),
    rest: seconds.default(0),
    changeover: seconds.default(0),
  };
  // A named roster is staggered through its own shifts; `rotation` belongs to head-count teams.
  return team
    ? strictObject({ ...shape, rotation: z.enum(['staggered', 'together']).default('staggered') })
    : strictObject(shape);
}
const TEAM_LIMIT = workLimit(true);
const ROSTER_LIMIT = workLimit(false);

/** Staff of a role: a head count ≥ `min`, a `{ count }` team, or a named `{ roster }`. */
function staff(min: number) {
  return z.union([
    count(min, 100_000),
    strictObject({
      count: count(Math.max(min, 1), 100_000),
      reserves: count(0, 100_000).default(0),
      workLimit: TEAM_LIMIT.optional(),
    }),
    strictObject({
      roster: ROSTER.refine((r) => r.length >= Math.max(min, 1), { error: 'at least one person' }),
      positions: count(1, 100_000).optional(),
      workLimit: ROSTER_LIMIT.optional(),
    }),
  ]);
}
const STAFF = staff(1);
const OPTIONAL_STAFF = staff(0);
type StaffParsed = z.output<typeof STAFF>;

/** A role's staff resolved: a team's rotation roster is laid out from the site's opening. */
function resolveStaff(v: StaffParsed, role: string, open: number): ResolvedStaff {
  if (typeof v === 'number') return { kind: 'count', count: v };
  const limit = v.workLimit && {
    maxContinuous: v.workLimit.maxContinuous,
    rest: v.workLimit.rest,
    changeover: v.workLimit.changeover,
  };
  if ('roster' in v)
    return {
      kind: 'roster',
      named: true,
      roster: v.roster,
      positions: v.positions ?? v.roster.length,
      workLimit: limit,
    };
  const rotation: Rotation =
    v.workLimit && 'rotation' in v.workLimit ? (v.workLimit.rotation as Rotation) : 'staggered';
  const roster = staggeredTeam(role, v.count, v.reserves, limit, open, TEAM_PRESENCE, rotation);
  return { kind: 'roster', named: false, roster, positions: v.count, workLimit: limit };
}

function arrivalsSchema(clock: ReturnType<typeof clockTime>) {
  return z.union([
    z.looseObject({ process: z.string() }),
    z.discriminatedUnion('kind', [
      strictObject({
        kind: z.literal('call'),
        at: clock.default(0),
        // The tested-over-time series has a row per bin up to the last arrival: a window of years (a
        // mistyped unit) would grow it until memory runs out. A longer campaign is several calls.
        within: seconds
          .refine((w) => w > 0 && w <= MAX_CALL_WINDOW, {
            error: `a duration in (0, ${MAX_CALL_WINDOW} s] (at most 7 days)`,
          })
          .default(10800),
        profile: strictObject({ times: z.array(seconds), weights: z.array(z.number()) }).optional(),
      }),
      strictObject({
        kind: z.literal('slots'),
        slots: z.array(strictObject({ start: clock, end: clock, share })).min(1, {
          error: 'a non-empty array of { start, end, share }',
        }),
      }),
    ]),
  ]);
}

/** The arrival process of `population` people and the opening; issues for what the kinds cannot see. */
function resolveArrivals(
  v: z.output<ReturnType<typeof arrivalsSchema>>,
  population: number,
  ctx: z.core.$RefinementCtx,
): { process: ArrivalProcess | undefined; open: number } {
  if ('process' in v) return { process: attempt(ctx, () => parseArrivalProcess(v, 'arrivals')), open: 0 };
  if (v.kind === 'call') {
    const start = v.at;
    const profile = v.profile
      ? {
          kind: 'piecewise' as const,
          times: v.profile.times.map((t) => start + t),
          weights: v.profile.weights,
        }
      : { kind: 'uniform' as const };
    const spec = { count: population, start, end: start + v.within, profile };
    return { process: attempt(ctx, () => fixedPopulation(spec, 'arrivals')), open: start };
  }
  const slots = v.slots;
  slots.forEach((w, i) => {
    const at = (k: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: ['arrivals', 'slots', i, k], message });
    if (!(w.end > w.start)) at('end', `a time after the slot's start (${w.start})`);
    const prev = slots[i - 1]?.end;
    if (prev !== undefined && w.start < prev) at('start', `a time ≥ the previous slot's end (${prev})`);
  });
  const total = slots.reduce((a, w) => a + w.share, 0);
  if (Math.abs(total - 1) > 1e-9)
    ctx.addIssue({
      code: 'custom',
      path: ['arrivals', 'slots'],
      message: `shares summing to 1 (these sum to ${total})`,
    });
  // Each village slot gets its exact share of the people (largest remainders), spread uniformly.
  const counts = largestRemainders(
    population,
    slots.map((w) => w.share),
  );
  const parts = slots.map((w, i) =>
    attempt(ctx, () =>
      fixedPopulation({ count: counts[i]!, start: w.start, end: w.end }, `arrivals.slots[${i}]`),
    ),
  );
  const process = parts.every((x) => x !== undefined) ? concatenated(parts, slots) : undefined;
  return { process, open: slots[0]!.start };
}

const mixShare = share.optional();

/** The default times, resolved once (distributions are immutable, so sites can share them). */
const DEFAULT = {
  checkTime: varying.parse(5),
  qr: varying.parse({ dist: 'uniform', min: 5, max: 8 }),
  id: varying.parse({ dist: 'uniform', min: 20, max: 40 }),
  assisted: varying.parse({ dist: 'uniform', min: 60, max: 180 }),
  swabTime: varying.parse(SWAB_DEFAULT),
  tubeChange: varying.parse({ dist: 'uniform', min: 20, max: 30 }),
  transport: varying.parse(1800),
};

/** The schema of a site's parameters with clock times placed by `epoch`. */
const siteSchema = perEpoch((epoch) => {
  const clock = clockTime(epoch, 'next-day');
  return strictObject({
    name: z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' }).default('site'),
    population: count(0, MAX_SITE_POPULATION).default(2500),
    mix: strictObject({ qr: mixShare, id: mixShare, assisted: mixShare }).optional(),
    arrivals: arrivalsSchema(clock).prefault({ kind: 'call', at: 0, within: 10800 }),
    checkTime: varying.optional(),
    registration: strictObject({
      qr: varying.optional(),
      id: varying.optional(),
      assisted: varying.optional(),
    }).optional(),
    swabTime: varying.optional(),
    tubeChange: varying.optional(),
    pool: count(1, 100).default(10),
    marshals: STAFF.default(2),
    clerks: STAFF.default(8),
    assistedClerks: OPTIONAL_STAFF.default(0),
    swabbers: STAFF.default(4),
    courier: strictObject({
      // A courier round more often than once a second would flood the calendar without changing anything.
      every: seconds.refine((t) => t >= 1, { error: 'a duration ≥ 1 s' }).default(1800),
      boxSize: count(1, 100_000).default(50),
      transport: varying.optional(),
    }).prefault({}),
    deadline: clock.optional(),
    closing: strictObject({ at: clock, policy: z.enum(CLOSING_POLICIES).default('send-home') }).optional(),
    bin: seconds.refine((t) => t >= 1, { error: 'a duration ≥ 1 s' }).default(900),
  }).transform((v, ctx): Omit<ResolvedSite, 'arrivalsSpec'> => {
    // Given shares replace the default mix as a whole: a type left out has none.
    const mix = v.mix
      ? { qr: v.mix.qr ?? 0, id: v.mix.id ?? 0, assisted: v.mix.assisted ?? 0 }
      : { qr: 0.5, id: 0.311, assisted: 0.189 };
    const sum = mix.qr + mix.id + mix.assisted;
    if (Math.abs(sum - 1) > 1e-9)
      ctx.addIssue({ code: 'custom', path: ['mix'], message: `shares summing to 1 (these sum to ${sum})` });
    const { process, open } = resolveArrivals(v.arrivals, v.population, ctx);
    const roles = {
      marshals: resolveStaff(v.marshals, 'marshals', open),
      clerks: resolveStaff(v.clerks, 'clerks', open),
      assistedClerks: resolveStaff(v.assistedClerks, 'assistedClerks', open),
      swabbers: resolveStaff(v.swabbers, 'swabbers', open),
    };
    if (v.closing && !(v.closing.at > open))
      ctx.addIssue({
        code: 'custom',
        path: ['closing', 'at'],
        message: `a clock time ("23:00") or seconds after the opening (${open})`,
      });
    const closing = v.closing;
    const overtime = closing?.policy === 'overtime' ? overtimeStaff(roles, closing.at) : undefined;
    const r = v.registration;
    return {
      ...v,
      checkTime: v.checkTime ?? DEFAULT.checkTime,
      registration: {
        qr: r?.qr ?? DEFAULT.qr,
        id: r?.id ?? DEFAULT.id,
        assisted: r?.assisted ?? DEFAULT.assisted,
      },
      swabTime: v.swabTime ?? DEFAULT.swabTime,
      tubeChange: v.tubeChange ?? DEFAULT.tubeChange,
      courier: { ...v.courier, transport: v.courier.transport ?? DEFAULT.transport },
      mix,
      arrivals: process as ArrivalProcess,
      open,
      ...roles,
      ...overtime?.staff,
      deadline: v.deadline ?? open + 21600,
      closing,
      overtimeCrew: overtime?.crew,
    };
  });
});

/**
 * Validate and resolve a site's input. Throws one `ParameterError` (a `SpecError`) listing
 * every problem, each naming `path` + field and the value.
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
  const site = parseParams(siteSchema(epoch), input === undefined ? {} : input, path, 'sampling site');
  const arrivalsSpec = (input as { arrivals?: unknown } | undefined)?.arrivals ?? {
    kind: 'call',
    at: 0,
    within: 10800,
  };
  return { ...site, arrivalsSpec };
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
  return s.kind === 'count' ? s.count : s.positions;
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

/**
 * Area testing: many sampling sites over an area (a riverbank, a county), one simulation per
 * replication, and the figure a command post watches — the time the last person in the area is
 * swabbed (F14: Hedong, 119,246 people in 6 h) — with per-site results and, optionally, a lab.
 *
 * The area's population is split over `sites` (a number of identical sites, or a list of sites with
 * their own parameters); staff pools (`staff.swabbers` ...) are split over the sites in proportion to
 * their population (largest remainders, at least one each), unless a site sets that role itself.
 * All sites share one calendar; their random streams are named `site[k].…`, so changing one site
 * never changes the random numbers of another (common random numbers across scenarios).
 *
 * @module
 */

import * as z from 'zod';
import { Epoch, ParameterError, Simulation, Tally, validate } from '../src/index.js';
import { Lab, type LabInput, type LabResults } from './lab.js';
import type { ClosingInput } from './sampling/closing.js';
import { type EndReason, SamplingSiteModel } from './sampling/model.js';
import { resolveSite, type SamplingSiteInput } from './sampling/params.js';
import { type SamplingSiteResults, siteResults } from './sampling/results.js';
import { runSites } from './sampling/run.js';
import { count, parseParams, strictObject } from './values.js';

/** Roles whose head count can come from an area pool. */
const POOLED_ROLES = ['marshals', 'clerks', 'assistedClerks', 'swabbers'] as const;

/** Largest staff pool of a role. */
const MAX_POOL = 10_000_000;

const pool = count(0, MAX_POOL).optional();

/** An area's own fields; its sites (and `site`, `closing`) are read by the sampling site's schema, `lab` by the lab's. */
const AREA = strictObject({
  population: count(0, 100_000_000).optional(),
  sites: z
    .union([
      count(1, 100_000),
      z.array(z.looseObject({})).min(1, { error: 'a site count ≥ 1 or a non-empty list of sites' }),
    ])
    .default(1),
  site: z.looseObject({}).default({}),
  staff: strictObject({ marshals: pool, clerks: pool, assistedClerks: pool, swabbers: pool }).default({}),
  lab: z.unknown().optional(),
  closing: z.unknown().optional(),
}).superRefine((a, ctx) => {
  if (Array.isArray(a.sites) && a.population !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['population'],
      message: 'no area population when sites are listed (give each site its population)',
    });
});

/**
 * Input of an area.
 *
 * @example
 * ```ts
 * const hedong: AreaTestingInput = {
 *   population: 120_000, sites: 48, staff: { swabbers: 200, clerks: 400 },
 *   site: { arrivals: { kind: 'call', at: '19:00', within: '3 h' } },
 * };
 * ```
 */
export interface AreaTestingInput {
  /** Total population, split evenly over `sites` when `sites` is a count. */
  readonly population?: number;
  /** A number of identical sites, or a list of sites (each with its own `population`). */
  readonly sites?: number | readonly SamplingSiteInput[];
  /** Parameters shared by every site (a site's own fields win). */
  readonly site?: SamplingSiteInput;
  /** Staff pools split over the sites in proportion to population. */
  readonly staff?: Partial<Record<(typeof POOLED_ROLES)[number], number>>;
  /** Closing time of every site (a site's own `closing`, or `site.closing`, wins). Default none. */
  readonly closing?: ClosingInput;
  /** Optional lab receiving every site's couriers. */
  readonly lab?: LabInput;
}

/**
 * Run options.
 *
 * @example
 * ```ts
 * const o: AreaRunOptions = { seed: 1, epoch: '2022-04-13T19:00+08:00', monitors: false };
 * ```
 */
export interface AreaRunOptions {
  /** Seed of every random stream; when omitted one is drawn and reported in the result's `seed`. */
  readonly seed?: number;
  /** Local date-time with offset of simulated time 0 (e.g. `2022-04-13T19:00+08:00`); needed for clock times in the input. Default none. */
  readonly epoch?: string;
  /** Replication index (integer ≥ 0, default 0), recorded in the result; it does not change the streams. */
  readonly replication?: number;
  /** Standard resource monitors (queue lengths, utilisation); default true. Off saves their updates (bench/README.md). */
  readonly monitors?: boolean;
  /**
   * Run an area of more than {@link LARGE_AREA} people anyway (default false: such an area is refused
   * before the run, with an estimate of its time and memory).
   */
  readonly allowLarge?: boolean;
}

/**
 * People in one area run above which {@link runAreaTesting} asks for `allowLarge`: a few seconds of
 * CPU per million people is fine, a typo with extra zeros (10⁸) would run for half an hour.
 *
 * @example
 * ```ts
 * LARGE_AREA; // 2_000_000
 * ```
 */
export const LARGE_AREA = 2_000_000;

/** Rough cost of one person in an area run (measured: 10⁶ people, 9.6 s of CPU, 223 MB). */
const SECONDS_PER_PERSON = 1e-5;
const BYTES_PER_PERSON = 230;

/**
 * Refuse an area of more than {@link LARGE_AREA} people unless asked, saying what it would cost.
 *
 * @example
 * ```ts
 * checkAreaSize(120_000, false); // fine
 * checkAreaSize(1e8, false);     // throws: population: expected at most 2,000,000 people … (≈ 17 min, ≈ 23 GB) …
 * ```
 */
export function checkAreaSize(people: number, allowLarge: boolean, path = 'population'): void {
  if (people <= LARGE_AREA || allowLarge) return;
  const minutes = Math.ceil((people * SECONDS_PER_PERSON) / 60);
  const gb = ((people * BYTES_PER_PERSON) / 1e9).toFixed(1);
  throw new ParameterError(
    path,
    `at most ${LARGE_AREA.toLocaleString('en-US')} people in one run, or allowLarge: true to run it anyway (this many would take ≈ ${minutes} min of CPU and ≈ ${gb} GB)`,
    people,
  );
}

/**
 * Results of one area replication.
 *
 * @example
 * ```ts
 * const r: AreaTestingResults = runAreaTesting({ population: 5000, sites: 2 }, { seed: 1 });
 * r.finish; r.sites[0]?.lastSwab;
 * ```
 */
export interface AreaTestingResults {
  /** Seed of every random stream in the run, given or drawn: rerun with it to replay the run. */
  readonly seed: number;
  /** Replication index of the run. */
  readonly replication: number;
  /** The epoch as a local ISO string with offset, or null when the run has none. */
  readonly epoch: string | null;
  /** surgesim version that produced the result. */
  readonly version: string;
  /** People assigned to all sites together. */
  readonly population: number;
  /** People swabbed at all sites by the end of the run. */
  readonly tested: number;
  /** Time the last person in the area was swabbed (null if nobody was). */
  readonly finish: number | null;
  /** `finish` as a clock time, or null when there is no finish or no epoch. */
  readonly finishClock: string | null;
  /** Sum over sites of people not swabbed at each site's deadline. */
  readonly notTestedAtDeadline: number | null;
  /** People who reached a site, all sites: `arrived = tested + notServed`. */
  readonly arrived: number;
  /** People who reached a site and were not swabbed, all sites (each site's `notServed` says where and since when). */
  readonly notServed: number;
  /**
   * Why the run ended: `no-staff-left` if any site had people left waiting with no staff to come
   * back, else `closing-time` if any site closed with people inside or still to come, else
   * `all-served` (each site's own reason is in `sites[k].endReason`).
   */
  readonly endReason: EndReason;
  /** Simulated time at which the run ended: every site finished and the lab had every result. */
  readonly endTime: number;
  /** Calendar entries the run scheduled (its work; bounded for every valid input). */
  readonly events: number;
  /** Each site's results, in site order. */
  readonly sites: readonly SamplingSiteResults[];
  /** The lab's results, or null when the input has no lab. */
  readonly lab: LabResults | null;
}

/**
 * Split `total` into integer parts proportional to `weights` (largest remainders), each ≥ `min`.
 *
 * @example
 * ```ts
 * splitProportional(10, [1, 1, 1]); // [4, 3, 3]
 * ```
 */
export function splitProportional(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  const rest = total - min * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]![1]]!++;
  return parts.map((p) => p + min);
}

function _isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validate an area input and return each site's full input (population and pooled staff filled in).
 *
 * @example
 * ```ts
 * areaSites({ population: 10, sites: 2 })[1]?.population; // 5
 * ```
 */
export function areaSites(input: AreaTestingInput, epoch?: Epoch): SamplingSiteInput[] {
  const area = parseParams(AREA, input, '', 'testing area');
  const shared = (
    area.closing === undefined ? area.site : { closing: area.closing, ...area.site }
  ) as SamplingSiteInput;
  const s = area.sites;
  let sites: SamplingSiteInput[];
  if (typeof s === 'number') {
    const total = area.population;
    if (total === undefined)
      sites = Array.from({ length: s }, (_, k) => ({ ...shared, name: `site-${k + 1}` }));
    else {
      const split = splitProportional(total, new Array(s).fill(1));
      sites = split.map((population, k) => ({ ...shared, name: `site-${k + 1}`, population }));
    }
  } else sites = s.map((x, k) => ({ ...shared, name: `site-${k + 1}`, ...x }) as SamplingSiteInput);
  const staff = area.staff;
  const pops = sites.map((x, k) => resolveSite(x, `sites[${k}]`, epoch).population);
  for (const role of POOLED_ROLES) {
    const pool = staff[role];
    if (pool === undefined) continue;
    const min = role === 'assistedClerks' ? 0 : 1;
    // A listed site that sets the role itself keeps it; the pool covers the rest.
    const ks = sites
      .map((_, k) => k)
      .filter((k) => !Array.isArray(s) || (s[k] as Record<string, unknown>)[role] === undefined);
    if (pool < min * ks.length)
      throw new ParameterError(`staff.${role}`, `an integer in [${min * ks.length}, ${MAX_POOL}]`, pool);
    const parts = splitProportional(
      pool,
      ks.map((k) => pops[k]!),
      min,
    );
    ks.forEach((k, j) => {
      sites[k] = { ...sites[k], [role]: parts[j]! };
    });
  }
  return sites;
}

/**
 * Run one replication of an area: one simulation, every site on its calendar, optionally a lab.
 *
 * @example
 * ```ts
 * const r = runAreaTesting(
 *   { population: 120_000, sites: 48, staff: { swabbers: 200, clerks: 400 },
 *     site: { arrivals: { kind: 'call', at: '19:00', within: '3 h' } } },
 *   { seed: 1, epoch: '2022-04-13T19:00+08:00' },
 * );
 * r.finishClock; // when the last person was swabbed
 * ```
 */
export function runAreaTesting(input: AreaTestingInput, options: AreaRunOptions = {}): AreaTestingResults {
  validate.knownKeys(options, 'options', ['seed', 'epoch', 'replication', 'monitors', 'allowLarge']);
  const epoch = options.epoch === undefined ? undefined : Epoch.from(options.epoch, 'epoch');
  const siteInputs = areaSites(input, epoch);
  if (options.allowLarge !== undefined && typeof options.allowLarge !== 'boolean')
    throw new ParameterError('allowLarge', 'true or false', options.allowLarge);
  checkAreaSize(
    siteInputs.reduce((a, x) => a + (x.population ?? 0), 0),
    options.allowLarge === true,
  );
  const sim = new Simulation({
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(epoch !== undefined && { epoch }),
    ...(options.replication !== undefined && { replication: options.replication }),
    ...(options.monitors !== undefined && { monitors: options.monitors }),
  });
  // Every site is read (and refused) before the simulation is built.
  const resolved = siteInputs.map((x, k) => resolveSite(x, `sites[${k}]`, epoch));
  const lab = input.lab === undefined ? null : new Lab(sim, input.lab, 'lab');
  const models: SamplingSiteModel[] = resolved.map(
    (params, k) => new SamplingSiteModel(sim, params, `site[${k}].`, lab ? lab.receive : null),
  );
  runSites(sim, models, lab);
  const sites = models.map((m) => siteResults(m, (n) => new Tally(n)));
  let finish: number | null = null;
  let notTested: number | null = 0;
  let tested = 0;
  let arrived = 0;
  let notServed = 0;
  for (const r of sites) {
    tested += r.tested;
    arrived += r.arrived;
    notServed += r.notServed.total;
    if (r.lastSwab !== null && (finish === null || r.lastSwab > finish)) finish = r.lastSwab;
    notTested =
      notTested === null || r.notTestedAtDeadline === null ? null : notTested + r.notTestedAtDeadline;
  }
  const id = sim.identity();
  return {
    seed: id.seed,
    replication: id.replication,
    epoch: id.epoch,
    version: id.version,
    population: sites.reduce((a, r) => a + r.population, 0),
    tested,
    finish,
    finishClock: finish !== null && sim.epoch ? sim.clock(finish) : null,
    notTestedAtDeadline: notTested,
    arrived,
    notServed,
    endReason: sites.some((r) => r.endReason === 'no-staff-left')
      ? 'no-staff-left'
      : sites.some((r) => r.endReason === 'closing-time')
        ? 'closing-time'
        : 'all-served',
    endTime: sim.now,
    events: sim.scheduled,
    sites,
    lab: lab ? lab.results() : null,
  };
}

/**
 * Benchmark entry for bench/: one area replication of `people` people over `sites` sites, called at
 * 19:00 and arriving within 3 h, staffed at the calibration's table ratio; returns wall time and
 * people per second. Monitors are on by default (the figure a user gets). `cpuSeconds` is the
 * process's CPU time over the run where the platform reports it (Node), which is steadier than wall
 * time on a shared machine (a parallel test runner or other jobs inflate wall time, not CPU time).
 *
 * @example
 * ```ts
 * benchAreaTesting(120_000).cpuSeconds; // CPU seconds of the run (figures: models/README.md, Area testing)
 * ```
 */
export function benchAreaTesting(
  people = 120_000,
  sites = 48,
  seed = 1,
  monitors = true,
): {
  /** People in the area (the argument). */
  people: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
  /** Process CPU seconds (user + system) over the run, or null where the platform does not report them. */
  cpuSeconds: number | null;
  /** `people / seconds`. */
  peoplePerSecond: number;
  /** Simulated time the last person was swabbed, or null if nobody was. */
  finish: number | null;
} {
  const input: AreaTestingInput = {
    population: people,
    sites,
    staff: { swabbers: Math.ceil(people / 600), clerks: Math.ceil(people / 300), marshals: 2 * sites },
    site: { arrivals: { kind: 'call', at: 0, within: 10800 } },
  };
  const c0 = cpuMicros();
  const t0 = performance.now();
  const r = runAreaTesting(input, { seed, monitors });
  const seconds = (performance.now() - t0) / 1000;
  const c1 = cpuMicros();
  const cpuSeconds = c0 === null || c1 === null ? null : (c1 - c0) / 1e6;
  return { people, seconds, cpuSeconds, peoplePerSecond: people / seconds, finish: r.finish };
}

/** Process CPU time in microseconds (user + system) where available; null in a browser. */
function cpuMicros(): number | null {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  const u = p?.cpuUsage?.();
  return u ? u.user + u.system : null;
}

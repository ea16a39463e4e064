/**
 * Isolation-site setup (F11): volunteers prepare beds — frames, bedding, daily necessities — after
 * clearing the hall, as they arrive and as stock allows. The model answers *when are N beds ready*
 * (327 by 21:00 for the transfer, F15; all 500) and how busy the crew was, and gives other models an
 * event to wait on ({@link SiteSetup.bedsReady}).
 *
 * Two ways in:
 * - {@link runSiteSetup}: build, run and report in one call (its own {@link Simulation});
 * - `new SiteSetup(sim, resolveSiteSetup(sim, params))`: inside a larger model, e.g. with the bus
 *   transfer gated by `setup.bedsReady(327)`.
 *
 * See `./setup/params.ts` for the parameters and the provenance of each default.
 *
 * @module
 */
import { type RunIdentity, Simulation, validate } from '../src/index.js';
import { givenPaths, type ParameterUse, provenanceOf } from './provenance.js';
import { type ReadyPoint, SiteSetup, type SiteSetupSnapshot } from './setup/model.js';
import { resolveSiteSetup, SITE_SETUP_SOURCES, type SiteSetupParams } from './setup/params.js';

export {
  type CrewAccount,
  type MaterialAccount,
  type ReadyPoint,
  SiteSetup,
  type SiteSetupSnapshot,
  type TaskAccount,
} from './setup/model.js';
export {
  type CrewArrival,
  DEFAULT_SETUP_TASKS,
  type MaterialInput,
  type ResolvedMaterial,
  type ResolvedSiteSetup,
  type ResolvedTask,
  resolveSiteSetup,
  type SetupTaskInput,
  SITE_SETUP_SOURCES,
  type SiteSetupParams,
} from './setup/params.js';

/**
 * When a number of beds was ready.
 *
 * @example
 * ```ts
 * const m: BedMilestone = { beds: 327, time: 64_000, clock: '19:16:40', hoursAfterStart: 3.3 };
 * ```
 */
export interface BedMilestone {
  /** Beds of the milestone (the target, or all beds). */
  readonly beds: number;
  /** Simulated time, or null if never reached. */
  readonly time: number | null;
  /** `time` as a local clock time in the run's epoch, or null with it. */
  readonly clock: string | null;
  /** Hours from the setup's start to `time`, or null with it. */
  readonly hoursAfterStart: number | null;
}

/**
 * Whether `target` beds were ready by the deadline.
 *
 * @example
 * ```ts
 * const d: DeadlineCheck = { time: 70_200, clock: '21:00', met: true, slackHours: 2.2 };
 * ```
 */
export interface DeadlineCheck {
  /** The deadline, simulated seconds. */
  readonly time: number;
  /** The deadline as a local clock time in the run's epoch. */
  readonly clock: string;
  /** Target beds ready at or before the deadline. */
  readonly met: boolean;
  /** Deadline minus the time the target was reached, hours (negative when late; null if never reached). */
  readonly slackHours: number | null;
}

/**
 * Result of {@link runSiteSetup}: plain JSON.
 *
 * @example
 * ```ts
 * const r = runSiteSetup({}, { seed: 1 });
 * r.all.clock; r.target.clock; r.final.crew.utilisation; r.provenance.filter((p) => p.basis === 'fitted');
 * ```
 */
export interface SiteSetupResult extends RunIdentity {
  /** Start of the setup, simulated seconds. */
  readonly start: number;
  /** `start` as a local clock time in the run's epoch. */
  readonly startClock: string;
  /** When `target` beds were ready. */
  readonly target: BedMilestone;
  /** When every bed was ready. */
  readonly all: BedMilestone;
  /** The target against the deadline (F15: 327 beds by 21:00), or null without a deadline. */
  readonly deadline: DeadlineCheck | null;
  /** Readiness curve, one point per bed. */
  readonly readyCurve: readonly ReadyPoint[];
  /** Accounting at the end of the run. */
  readonly final: SiteSetupSnapshot;
  /** Each declared default, and whether this run used it. */
  readonly provenance: readonly ParameterUse[];
}

/**
 * Options of {@link runSiteSetup}: the simulation's seed and epoch.
 *
 * @example
 * ```ts
 * const o: RunSiteSetupOptions = { seed: 7, epoch: '2022-04-13T01:30+08:00' };
 * ```
 */
export interface RunSiteSetupOptions {
  /** Seed of every random stream; when omitted one is drawn and reported in the result's `seed`. */
  readonly seed?: number;
  /** Default `2022-04-13T01:30+08:00` (F1), so `start: '16:00'` is 14.5 h into the run. */
  readonly epoch?: string;
  /** Replication index (integer ≥ 0, default 0), recorded in the result's identity; it does not change the streams. */
  readonly replication?: number;
  /** Stop at this simulated time even if work remains (default: run until done). */
  readonly until?: number;
}

function deadlineCheck(
  deadline: number | null,
  reached: number | null,
  sim: Simulation,
): DeadlineCheck | null {
  if (deadline === null) return null;
  return {
    time: deadline,
    clock: sim.clock(deadline),
    met: reached !== null && reached <= deadline,
    slackHours: reached === null ? null : (deadline - reached) / 3600,
  };
}

const RUN_OPTION_KEYS = Object.keys({
  seed: true,
  epoch: true,
  replication: true,
  until: true,
} satisfies Record<keyof RunSiteSetupOptions, true>);

/**
 * Build, run and report the setup model.
 *
 * @throws ParameterError for bad parameters, before anything runs.
 * @example
 * ```ts
 * const r = runSiteSetup({ crew: { size: 150 } }, { seed: 42 });
 * console.log(`${r.target.beds} beds at ${r.target.clock}, all ${r.all.beds} at ${r.all.clock}`);
 * ```
 */
export function runSiteSetup(
  params: SiteSetupParams = {},
  options: RunSiteSetupOptions = {},
): SiteSetupResult {
  validate.knownKeys(options, 'options', RUN_OPTION_KEYS);
  const sim = new Simulation({
    epoch: options.epoch ?? '2022-04-13T01:30+08:00',
    scenario: 'site-setup',
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.replication !== undefined && { replication: options.replication }),
  });
  const resolved = resolveSiteSetup(sim, params);
  const setup = new SiteSetup(sim, resolved);
  if (options.until === undefined) sim.run();
  else sim.run(options.until);
  const milestone = (n: number): BedMilestone => {
    const t = setup.timeOfReady(n);
    return {
      beds: n,
      time: t,
      clock: t === null ? null : sim.clock(t),
      hoursAfterStart: t === null ? null : (t - resolved.start) / 3600,
    };
  };
  return {
    ...sim.identity(),
    start: resolved.start,
    startClock: sim.clock(resolved.start),
    target: milestone(resolved.target),
    all: milestone(resolved.beds),
    deadline: deadlineCheck(resolved.deadline, setup.timeOfReady(resolved.target), sim),
    readyCurve: setup.readyCurve(),
    final: setup.snapshot(),
    provenance: provenanceOf(SITE_SETUP_SOURCES, givenPaths(params)),
  };
}

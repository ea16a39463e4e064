/**
 * Sampling site: the public entry of the mass-testing sampling-site model.
 *
 * A site serves the people of one village or community: they arrive by a profile, pass the
 * health-code and temperature check, register (QR, ID card or assisted — F13's bottleneck) and are
 * swabbed (F7); swabs are pooled into tubes that a courier takes to the lab. See models/README.md
 * (## Sampling site) for the parameters, their sources and the results.
 *
 * Two ways in:
 * - {@link runSamplingSite}: one site, one simulation, results back;
 * - {@link samplingSite}: validate once, then `install` the site into a simulation of your own (an
 *   area of many sites, a lab, other models on the same calendar).
 *
 * @module
 */
import { Epoch, Simulation, Tally, validate } from '../src/index.js';
import { givenPaths, type ParameterUse, provenanceOf } from './provenance.js';
import { type DeliveryHook, installSamplingSite, type SamplingSiteModel } from './sampling/model.js';
import {
  type ResolvedSite,
  resolveSite,
  SAMPLING_SITE_DEFAULTS,
  type SamplingSiteInput,
} from './sampling/params.js';
import { type SamplingSiteResults, siteResults } from './sampling/results.js';
import { runSites } from './sampling/run.js';

export {
  CLOSING_POLICIES,
  type ClosingInput,
  type ClosingPolicy,
  type ResolvedClosing,
  type StaffRole,
} from './sampling/closing.js';
export {
  type DeliveryHook,
  type EndReason,
  type NotServed,
  type NotServedAt,
  SamplingSiteModel,
  STAGES,
  type Stage,
  type Station,
  type WhereCounts,
} from './sampling/model.js';
export {
  type ArrivalsInput,
  type ClockInput,
  type CourierInput,
  PERSON_TYPES,
  type PersonType,
  type ResolvedCourier,
  type ResolvedSite,
  type ResolvedStaff,
  resolveSite,
  SAMPLING_SITE_DEFAULTS,
  type SamplingSiteInput,
  type StaffInput,
  type WorkLimitInput,
} from './sampling/params.js';
export {
  type ClosingResult,
  type RoleOvertime,
  type RoleResult,
  type SamplingSiteResults,
  type SeriesRow,
  siteResults,
  type WaitSummary,
  waitRows,
} from './sampling/results.js';
export { type Rotation, staggeredTeam } from './sampling/rotation.js';
export { runSites } from './sampling/run.js';

/**
 * Options of a run: seed, epoch (so `"19:00"` can be written), replication, and a run horizon.
 *
 * @example
 * ```ts
 * const o: SiteRunOptions = { seed: 7, epoch: '2022-04-13T19:00+08:00' };
 * ```
 */
export interface SiteRunOptions {
  /** Seed of every random stream; when omitted one is drawn and reported in the result's `seed`. */
  readonly seed?: number;
  /** Local date-time with offset of simulated time 0 (e.g. `2022-04-13T19:00+08:00`); needed for clock times in the input. Default none. */
  readonly epoch?: string;
  /** Replication index (integer ≥ 0, default 0), recorded in the result; it does not change the streams. */
  readonly replication?: number;
  /** Stop the run at this simulated time (seconds); default: run until the site has finished (`endReason`). */
  readonly until?: number;
}

/**
 * A validated site, ready to install into any number of simulations.
 *
 * @example
 * ```ts
 * const site = samplingSite({ population: 800, swabbers: 3 });
 * const sim = new Simulation({ seed: 1 });
 * const model = site.install(sim);
 * sim.run();
 * site.results(model).tested; // 800
 * ```
 */
export interface SamplingSite {
  /** The input as given. */
  readonly input: SamplingSiteInput;
  /** Which defaults this site used and which the caller set. */
  readonly provenance: readonly ParameterUse[];
  /** Resolve against `sim`'s epoch and build the site in it. Names start with `prefix`. */
  install(sim: Simulation, prefix?: string, onDelivery?: DeliveryHook): SamplingSiteModel;
  /** Results of an installed site at the simulation's current time. */
  results(model: SamplingSiteModel): SamplingSiteResults;
}

/**
 * Validate a site's parameters (throws a ParameterError with the path before any work) and return a
 * {@link SamplingSite} to install. Clock strings are checked against `epoch` when given.
 *
 * @example
 * ```ts
 * samplingSite({ swabbers: -1 }); // throws 'swabbers: expected an integer in [1, 100000], got -1'
 * ```
 */
export function samplingSite(input: SamplingSiteInput = {}, path = '', epoch?: string): SamplingSite {
  // Validate now, so a bad input fails before any simulation is built.
  resolveSite(input, path, epoch === undefined ? undefined : Epoch.from(epoch, 'epoch'));
  return {
    input,
    provenance: provenanceOf(SAMPLING_SITE_DEFAULTS, givenPaths(input)),
    install(sim, prefix = '', onDelivery) {
      const resolved: ResolvedSite = resolveSite(input, path, sim.epoch);
      return installSamplingSite(sim, resolved, prefix, onDelivery ?? null);
    },
    results: (model) => siteResults(model, (n) => new Tally(n)),
  };
}

/**
 * Everything {@link runSamplingSite} returns: the site's results plus the run's identity and the
 * provenance of every default.
 *
 * @example
 * ```ts
 * const r: SamplingSiteRun = runSamplingSite({}, { seed: 1 });
 * ```
 */
export interface SamplingSiteRun extends SamplingSiteResults {
  /** Seed of every random stream in the run, given or drawn: rerun with it to replay the run. */
  readonly seed: number;
  /** Replication index of the run. */
  readonly replication: number;
  /** The epoch as a local ISO string with offset, or null when the run has none. */
  readonly epoch: string | null;
  /** surgesim version that produced the result. */
  readonly version: string;
  /** Simulated time at which the run ended. */
  readonly endTime: number;
  /** Calendar entries the run scheduled (its work; bounded for every valid input). */
  readonly events: number;
  /** Each parameter used, its value and whether it was given or a default (with its source). */
  readonly provenance: readonly ParameterUse[];
}

/**
 * Run one site in its own simulation and return plain-JSON results.
 *
 * @example
 * ```ts
 * const r = runSamplingSite(
 *   { population: 2500, arrivals: { kind: 'call', at: '19:00', within: '2 h' }, deadline: '01:00' },
 *   { seed: 7, epoch: '2022-04-13T19:00+08:00' },
 * );
 * r.lastSwabClock; r.notTestedAtDeadline; r.waits.registration.assisted.p95;
 * ```
 */
export function runSamplingSite(
  input: SamplingSiteInput = {},
  options: SiteRunOptions = {},
): SamplingSiteRun {
  validate.knownKeys(options, 'options', ['seed', 'epoch', 'replication', 'until']);
  const site = samplingSite(input, '', options.epoch);
  const sim = new Simulation({
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.epoch !== undefined && { epoch: options.epoch }),
    ...(options.replication !== undefined && { replication: options.replication }),
  });
  const model = site.install(sim);
  runSites(sim, [model], null, options.until);
  const id = sim.identity();
  return {
    ...site.results(model),
    seed: id.seed,
    replication: id.replication,
    epoch: id.epoch,
    version: id.version,
    endTime: sim.now,
    events: sim.scheduled,
    provenance: site.provenance,
  };
}

/**
 * Supply unloading (F16–F17): trucks arrive, wait for a bay, and are emptied by human chains or
 * vehicles into storage. The model answers *how long does it take*, *what limits it* (the handlers'
 * own rate, truck changeovers, bays, truck arrivals, storage, relief), the throughput over time and
 * the volunteer hours it costs — and lets planners try three parallel chains, pallet jacks or
 * forklifts, or more bays.
 *
 * {@link runUnloading} builds, runs and reports in one call; `new Unloading(sim, resolveUnloading(sim,
 * params))` runs inside a larger model. See `./unloading/params.ts` for parameters and provenance.
 *
 * @module
 */
import { type RunIdentity, Simulation, validate } from '../src/index.js';
import { givenPaths, type ParameterUse, provenanceOf } from './provenance.js';
import { type HandlerRecord, type LimitCategory, type TruckRecord, Unloading } from './unloading/model.js';
import { resolveUnloading, UNLOADING_SOURCES, type UnloadingParams } from './unloading/params.js';

export {
  type HandlerRecord,
  LIMIT_CATEGORIES,
  type LimitCategory,
  type TruckRecord,
  Unloading,
} from './unloading/model.js';
export {
  type ChainInput,
  DEFAULT_HANDLERS,
  type HandlerInput,
  type ResolvedHandler,
  type ResolvedUnloading,
  resolveUnloading,
  type TruckArrival,
  UNLOADING_SOURCES,
  type UnloadingParams,
  type VehicleInput,
} from './unloading/params.js';

/**
 * Items stored in one throughput bin.
 *
 * @example
 * ```ts
 * const b: ThroughputBin = { start: 72000, clock: '21:30', items: 560, perHour: 1120 };
 * ```
 */
export interface ThroughputBin {
  /** Start of the bin (simulated time). */
  readonly start: number;
  /** `start` as a local clock time in the run's epoch. */
  readonly clock: string;
  /** Items put into storage during the bin. */
  readonly items: number;
  /** Items per hour over the bin. */
  readonly perHour: number;
}

/**
 * Result of {@link runUnloading}: plain JSON.
 *
 * @example
 * ```ts
 * const r = runUnloading({}, { seed: 1 });
 * r.hours; r.binding; r.shares; r.volunteerHours; r.items;
 * ```
 */
export interface UnloadingResult extends RunIdentity {
  /** Start of the unloading, simulated seconds. */
  readonly start: number;
  /** `start` as a local clock time in the run's epoch. */
  readonly startClock: string;
  /** When the last item was stored (null if it never was, e.g. storage full). */
  readonly finishedAt: number | null;
  /** `finishedAt` as a local clock time, or null with it. */
  readonly finishedClock: string | null;
  /** Hours from the start to the last item stored. */
  readonly hours: number | null;
  /** `stored + inTransit + onTrucks = total`. */
  readonly items: {
    /** Items in all trucks together. */
    readonly total: number;
    /** Items in storage. */
    readonly stored: number;
    /** Items taken off a truck and not yet in storage. */
    readonly inTransit: number;
    /** Items still on the trucks. */
    readonly onTrucks: number;
  };
  /** The category with the most handler-time (see `LIMIT_CATEGORIES`). */
  readonly binding: LimitCategory | null;
  /** Items remain and nothing can move them any more (e.g. storage full). */
  readonly stalled: boolean;
  /** Share of handler-time per category. */
  readonly shares: Readonly<Record<LimitCategory, number>>;
  /** Upper bound of the handlers' combined rate, items per hour. */
  readonly handlingBoundPerHour: number;
  /** Items stored per bin of `binWidth` from the start, up to the last item stored. */
  readonly throughput: readonly ThroughputBin[];
  /** One record per handler, in resolved order. */
  readonly handlers: readonly HandlerRecord[];
  /** One record per truck, in truck order. */
  readonly trucks: readonly TruckRecord[];
  /** People (chain links + reserves, vehicle crews) × hours from the start to the end. */
  readonly volunteerHours: number;
  /** Each parameter used, its value and whether it was given or a default (with its source). */
  readonly provenance: readonly ParameterUse[];
}

/**
 * Options of {@link runUnloading}.
 *
 * @example
 * ```ts
 * const o: RunUnloadingOptions = { seed: 3, until: 200_000 };
 * ```
 */
export interface RunUnloadingOptions {
  /** Seed of every random stream; when omitted one is drawn and reported in the result's `seed`. */
  readonly seed?: number;
  /** Default `2022-04-13T01:30+08:00` (F1), so `start: '22:00'` is 20.5 h into the run. */
  readonly epoch?: string;
  /** Replication index (integer ≥ 0, default 0), recorded in the result's identity; it does not change the streams. */
  readonly replication?: number;
  /** Stop at this simulated time even if items remain. */
  readonly until?: number;
}

const RUN_OPTION_KEYS = Object.keys({
  seed: true,
  epoch: true,
  replication: true,
  until: true,
} satisfies Record<keyof RunUnloadingOptions, true>);

/**
 * Build, run and report the unloading model.
 *
 * @throws ParameterError for bad parameters, before anything runs.
 * @example
 * ```ts
 * const three = runUnloading({ handlers: [{ kind: 'chain', count: 3, links: 40, pass: '2 s' }], bays: 3 }, { seed: 1 });
 * console.log(three.hours, three.binding);
 * ```
 */
export function runUnloading(
  params: UnloadingParams = {},
  options: RunUnloadingOptions = {},
): UnloadingResult {
  validate.knownKeys(options, 'options', RUN_OPTION_KEYS);
  const sim = new Simulation({
    epoch: options.epoch ?? '2022-04-13T01:30+08:00',
    scenario: 'unloading',
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.replication !== undefined && { replication: options.replication }),
  });
  const resolved = resolveUnloading(sim, params);
  const op = new Unloading(sim, resolved);
  if (options.until === undefined) sim.run();
  // `until: 0` builds and checks the model without running it (the kernel refuses a run to now).
  else if (options.until !== sim.now) sim.run(options.until);
  const end = op.finishedAt ?? sim.now;
  const { binding, stalled, shares } = op.binding();
  const handlers = op.handlerRecords();
  const w = resolved.binWidth;
  return {
    ...sim.identity(),
    start: resolved.start,
    startClock: sim.clock(resolved.start),
    finishedAt: op.finishedAt,
    finishedClock: op.finishedAt === null ? null : sim.clock(op.finishedAt),
    hours: op.finishedAt === null ? null : (op.finishedAt - resolved.start) / 3600,
    items: op.accounting(),
    binding,
    stalled,
    shares,
    handlingBoundPerHour: handlers.reduce((s, h) => s + h.boundPerHour, 0),
    throughput: op.throughputBins().map((items, i) => ({
      start: resolved.start + i * w,
      clock: sim.clock(resolved.start + i * w),
      items,
      perHour: (items * 3600) / w,
    })),
    handlers,
    trucks: op.truckRecords(),
    volunteerHours:
      (resolved.handlers.reduce((s, h) => s + h.people, 0) * Math.max(0, end - resolved.start)) / 3600,
    provenance: provenanceOf(UNLOADING_SOURCES, givenPaths(params)),
  };
}

/**
 * Parameters of the supply-unloading model (F16–F17).
 *
 * **Trucks** arrive after the start (together, evenly spaced, or at given offsets), each with a number
 * of items. A truck must stand at a **bay** (a door or unloading position; one truck per bay) and
 * takes `dockTime` to back in and open before items can come off. **Handlers** move items from a
 * docked truck into **storage** (a hall with a capacity):
 *
 * - a **human chain** (`kind: 'chain'`) of `links` people passing items hand to hand; each link holds
 *   one item at a time and takes a pass interval (a distribution, per link) to turn and hand it on,
 *   and can only hand over when the next person's hands are free. Its rate is set by its slowest
 *   links and the hand-offs, not by its head count (cal §1d, §2). `reserves` extra people and a
 *   `relief` rotation (the chain stops for `pause` every `every`) let people rest;
 * - a **vehicle** (`kind: 'vehicle'`: pallet jack, forklift, trolley) with a crew, carrying up to
 *   `load` items per trip: load at the truck, travel, drop in storage, travel back.
 *
 * `count` repeats a handler (three parallel chains: `{ kind: 'chain', count: 3, ... }`). Up to
 * `handlersPerTruck` handlers work one truck at once; a handler moving to another truck takes
 * `switchTime`.
 *
 * Defaults replay F16–F17 and are declared in {@link UNLOADING_SOURCES}; the chain's pass interval
 * is **fitted** to F17's 9 hours, so F17 cannot also validate the model.
 *
 * @module
 */
import * as z from 'zod';
import type { Distribution, DurationInput, Simulation } from '../../src/index.js';
import type { DurationSpec } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import {
  clockTime,
  count,
  notBeforeNow,
  parseParams,
  perEpoch,
  seconds,
  strictObject,
  varying,
} from '../values.js';

/**
 * A human chain.
 *
 * @example
 * ```ts
 * const chain: ChainInput = { kind: 'chain', links: 40, pass: { dist: 'lognormal', mean: '2.5 s', sd: '0.6 s' }, count: 3 };
 * ```
 */
export interface ChainInput {
  /** Marks a human chain. */
  readonly kind: 'chain';
  /** Name prefix for reports (default `chain`). */
  readonly name?: string;
  /** Identical chains of this kind (default 1). */
  readonly count?: number;
  /** People in the line (an integer ≥ 1). */
  readonly links: number;
  /** Pass interval of every link: receive, turn, hand on (duration or distribution). */
  readonly pass: DurationSpec;
  /** Per-link overrides of `pass` (length `links`; `null` keeps `pass`), e.g. a slow link at a door. */
  readonly passByLink?: readonly (DurationSpec | null)[];
  /** People standing by to relieve (count in volunteer hours; default 0). */
  readonly reserves?: number;
  /** Relief rotation: the chain takes no new item for `pause` every `every` (default none). */
  readonly relief?: { readonly every: DurationInput; readonly pause: DurationInput };
}

/**
 * A vehicle handler (pallet jack, forklift, trolley).
 *
 * @example
 * ```ts
 * const jack: VehicleInput = { kind: 'vehicle', load: 40, loadTime: '5 min', travel: '1 min', dropTime: '2 min', crew: 3 };
 * ```
 */
export interface VehicleInput {
  /** Marks a vehicle handler. */
  readonly kind: 'vehicle';
  /** Name prefix for reports (default `vehicle`); numbered `#k` when there are several handlers. */
  readonly name?: string;
  /** Identical vehicles of this kind (integer 1 to 1000; default 1). */
  readonly count?: number;
  /** Items per trip (an integer ≥ 1). */
  readonly load: number;
  /** Time to load one trip at the truck. */
  readonly loadTime: DurationSpec;
  /** One-way travel between truck and storage. */
  readonly travel: DurationSpec;
  /** Time to drop one trip in storage. */
  readonly dropTime: DurationSpec;
  /** People per vehicle (for volunteer hours; default 1). */
  readonly crew?: number;
}

/**
 * A handler: a chain or a vehicle.
 *
 * @example
 * ```ts
 * const h: HandlerInput = { kind: 'chain', links: 120, pass: '3 s' };
 * ```
 */
export type HandlerInput = ChainInput | VehicleInput;

/**
 * When trucks arrive, after the start.
 *
 * @example
 * ```ts
 * const a: TruckArrival = 'together';
 * const b: TruckArrival = { every: '18 min' };   // first at the start
 * const c: TruckArrival = { times: [0, '10 min', '25 min'] };
 * ```
 */
export type TruckArrival =
  | 'together'
  | { readonly every: DurationInput }
  | { readonly times: readonly DurationInput[] };

/**
 * Inputs of the unloading model; every field has a cited default (see {@link UNLOADING_SOURCES}).
 *
 * @example
 * ```ts
 * const p: UnloadingParams = { handlers: [{ kind: 'chain', count: 3, links: 40, pass: '2.5 s' }], bays: 3 };
 * ```
 */
export interface UnloadingParams {
  /** Start: clock time (`"22:00"`, needs an epoch) or simulated seconds. */
  readonly start?: string | number;
  /** Number of trucks (integer ≥ 1). */
  readonly trucks?: number;
  /** Items in all (split as evenly as possible), or items per truck (length `trucks`). */
  readonly items?: number | readonly number[];
  /** When trucks arrive after the start (default `'together'`). */
  readonly arrival?: TruckArrival;
  /** Bays: trucks unloaded at once (integer ≥ 1). */
  readonly bays?: number;
  /** Time for a truck to back in and open, while holding its bay. */
  readonly dockTime?: DurationInput;
  /** Handlers; replaces the default list as a whole. */
  readonly handlers?: readonly HandlerInput[];
  /** Most handlers working one truck at once (integer ≥ 1). */
  readonly handlersPerTruck?: number;
  /** Time for a handler to move to another truck. */
  readonly switchTime?: DurationInput;
  /** Storage capacity in items (integer ≥ 1 or Infinity). */
  readonly storage?: number;
  /** Width of the throughput bins (default `"30 min"`). */
  readonly binWidth?: DurationInput;
}

/**
 * A handler after validation: one per physical chain or vehicle (`count` expanded).
 *
 * @example
 * ```ts
 * resolveUnloading(sim, { handlers: [{ kind: 'chain', count: 3, links: 40, pass: '2 s' }] }).handlers.length; // 3
 * ```
 */
export type ResolvedHandler =
  | {
      /** Marks a human chain. */
      readonly kind: 'chain';
      /** Name in reports: the prefix, numbered `#k` when there are several handlers. */
      readonly name: string;
      /** People in the line. */
      readonly links: number;
      /** Pass interval of each link, seconds (one distribution per link). */
      readonly pass: readonly Distribution[];
      /** People counted for volunteer hours: links plus reserves. */
      readonly people: number;
      /** Relief rotation in seconds (no new item for `pause` every `every`), or null for none. */
      readonly relief: { readonly every: number; readonly pause: number } | null;
    }
  | {
      /** Marks a vehicle handler. */
      readonly kind: 'vehicle';
      /** Name in reports: the prefix, numbered `#k` when there are several handlers. */
      readonly name: string;
      /** Items per trip. */
      readonly load: number;
      /** Time to load one trip at the truck, seconds. */
      readonly loadTime: Distribution;
      /** One-way travel between truck and storage, seconds. */
      readonly travel: Distribution;
      /** Time to drop one trip in storage, seconds. */
      readonly dropTime: Distribution;
      /** Crew per vehicle, counted for volunteer hours. */
      readonly people: number;
    };

/**
 * Everything the model runs with, in seconds.
 *
 * @example
 * ```ts
 * const r: ResolvedUnloading = resolveUnloading(sim, { trucks: 3, items: 900 });
 * ```
 */
export interface ResolvedUnloading {
  /** Start, simulated seconds. */
  readonly start: number;
  /** Arrival offsets after the start and items, per truck. */
  readonly trucks: readonly { readonly arrival: number; readonly items: number }[];
  /** Trucks unloaded at once. */
  readonly bays: number;
  /** Time for a truck to back in and open while holding its bay, seconds (default 5 min). */
  readonly dockTime: number;
  /** Every handler, one entry per chain or vehicle (counts expanded). */
  readonly handlers: readonly ResolvedHandler[];
  /** Most handlers working one truck at once (default 1). */
  readonly handlersPerTruck: number;
  /** Time for a handler to move to another truck, seconds (default 1 min). */
  readonly switchTime: number;
  /** Storage capacity in items; Infinity (the default) for no limit. */
  readonly storage: number;
  /** Width of the throughput bins, seconds (default 1800). */
  readonly binWidth: number;
}

// Fitted to F17 (10,000 items in 9 h through one 120-person chain, trucks all there at 22:00, with the
// assumed bays, docking and switching below): mean pass interval per link 2.23 s, lognormal with
// coefficient of variation 0.25 (assumed); seeds 1-5 give 9.00-9.02 h. The chain then delivers one item
// every ≈3.0 s while it works a truck, well above the 2.23 s mean pass: a link can hand on only when
// the next link's hands are free, so over 120 links slow passes block the links behind them
// (a constant 2.23 s would give exactly 2.23 s per item).
const PASS_MEAN = 2.23;
const PASS_CV = 0.25;

/**
 * The default handler: one chain of 120 volunteers (F17), with the fitted pass interval.
 *
 * @example
 * ```ts
 * const rested = DEFAULT_HANDLERS.map((h) => ({ ...h, reserves: 20, relief: { every: '1 h', pause: '2 min' } }));
 * ```
 */
export const DEFAULT_HANDLERS: readonly HandlerInput[] = [
  {
    kind: 'chain',
    links: 120,
    pass: { dist: 'lognormal', mean: PASS_MEAN, sd: Math.round(PASS_MEAN * PASS_CV * 1000) / 1000 },
  },
];

/**
 * The defaults, with where each comes from.
 *
 * @example
 * ```ts
 * UNLOADING_SOURCES.find((s) => s.basis === 'fitted')!.path; // 'handlers[0].pass'
 * ```
 */
export const UNLOADING_SOURCES: readonly ParameterSource[] = [
  { path: 'start', value: '22:00', basis: 'sourced', sources: ['F16'], note: 'supplies arrive at 22:00' },
  { path: 'trucks', value: 30, basis: 'sourced', sources: ['F16'], note: '30 truckloads' },
  {
    path: 'items',
    value: 10000,
    basis: 'sourced',
    sources: ['F17'],
    note: '10,000+ items (lower bound), split evenly: ≈333 per truck (cal §2)',
  },
  {
    path: 'arrival',
    value: 'together',
    basis: 'sourced',
    sources: ['F16'],
    note: 'the report gives one arrival time for all 30 trucks',
  },
  {
    path: 'bays',
    value: 2,
    basis: 'assumed',
    sources: [],
    note: 'number of unloading positions not reported; 2 lets the next truck dock while one is unloaded',
  },
  { path: 'dockTime', value: '5 min', basis: 'assumed', sources: [], note: 'back in and open the doors' },
  {
    path: 'handlers[0].links',
    value: 120,
    basis: 'sourced',
    sources: ['F17'],
    note: '120 volunteers form a human chain',
  },
  {
    path: 'handlers[0].reserves',
    value: 0,
    basis: 'sourced',
    sources: ['F17'],
    note: '9 hours without a break: no relief',
  },
  {
    path: 'handlers[0].pass',
    value: DEFAULT_HANDLERS[0]!.kind === 'chain' ? DEFAULT_HANDLERS[0]!.pass : null,
    basis: 'fitted',
    sources: ['F17', 'cal §2'],
    note: `mean ${PASS_MEAN} s per link-pass fitted so 10,000 items take 9 h (one item every 3.2 s through the chain, cal §2); spread (cv ${PASS_CV}) assumed. F17 cannot validate the model: it was used to fit it`,
  },
  { path: 'handlersPerTruck', value: 1, basis: 'assumed', sources: [], note: 'one chain works a truck tail' },
  {
    path: 'switchTime',
    value: '1 min',
    basis: 'assumed',
    sources: [],
    note: 'the chain head moves to the next truck',
  },
  {
    path: 'storage',
    value: 'Infinity',
    basis: 'assumed',
    sources: ['F17'],
    note: 'the basketball hall held all 10,000+ items',
  },
];

/**
 * Most items accepted in one run (a guard against mistyped counts).
 *
 * @example
 * ```ts
 * resolveUnloading(sim, { items: MAX_ITEMS + 1 }); // throws a ParameterError at unloading.items
 * ```
 */
export const MAX_ITEMS = 10_000_000;

/** Most throughput bins between the start and the last truck's arrival. */
const MAX_BINS = 100_000;

/** Most of one thing a model is given at once (bays, handlers per truck, crew). */
const MAX_UNITS = 100_000;

const Chain = strictObject({
  kind: z.literal('chain'),
  name: z.string().min(1, { error: 'a non-empty string' }).default('chain'),
  count: count(1, 1000).default(1),
  links: count(1, 10_000),
  pass: varying,
  passByLink: z.array(z.union([z.null(), varying])).optional(),
  reserves: count(0, MAX_UNITS).default(0),
  relief: strictObject({ every: seconds, pause: seconds }).optional(),
});

const Vehicle = strictObject({
  kind: z.literal('vehicle'),
  name: z.string().min(1, { error: 'a non-empty string' }).default('vehicle'),
  count: count(1, 1000).default(1),
  load: count(1, MAX_ITEMS),
  loadTime: varying,
  travel: varying,
  dropTime: varying,
  crew: count(1, MAX_UNITS).default(1),
});

const Arrival = z.union([
  z.literal('together'),
  strictObject({ every: seconds }),
  strictObject({ times: z.array(seconds) }),
]);

/** A cross-field issue: a path inside the parameters, what is expected there. */
function issue(ctx: z.core.$RefinementCtx, path: (string | number)[], expected: string): void {
  ctx.addIssue({ code: 'custom', path, message: expected });
}

/** The schema of the parameters for a simulation's epoch (it places clock times). */
const unloadingSchema = perEpoch((epoch) =>
  strictObject({
    start: clockTime(epoch).prefault('22:00'),
    trucks: count(1, MAX_UNITS).default(30),
    items: z.union([count(0, MAX_ITEMS), z.array(count(0, MAX_ITEMS))]).default(10000),
    arrival: Arrival.default('together'),
    bays: count(1, MAX_UNITS).default(2),
    dockTime: seconds.prefault('5 min'),
    handlers: z
      .array(z.discriminatedUnion('kind', [Chain, Vehicle]))
      .min(1, { error: 'a non-empty array of chains or vehicles' })
      .prefault(DEFAULT_HANDLERS as never),
    handlersPerTruck: count(1, MAX_UNITS).default(1),
    switchTime: seconds.prefault('1 min'),
    storage: z
      .union([count(1, Number.MAX_SAFE_INTEGER), z.literal(Number.POSITIVE_INFINITY)])
      .default(Number.POSITIVE_INFINITY),
    binWidth: seconds.refine((w) => w > 0, { error: 'a duration > 0' }).prefault('30 min'),
  }).transform((p, ctx): ResolvedUnloading => {
    const n = p.trucks;
    let items: number[];
    if (Array.isArray(p.items)) {
      items = p.items;
      if (items.length !== n) issue(ctx, ['items'], `a total or ${n} counts (one per truck)`);
      else if (items.reduce((a, b) => a + b, 0) > MAX_ITEMS)
        issue(ctx, ['items'], `counts adding up to at most ${MAX_ITEMS}`);
    } else {
      const total = p.items;
      items = Array.from({ length: n }, (_v, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
    }
    let arrivals: readonly number[];
    if (p.arrival === 'together') arrivals = new Array<number>(n).fill(0);
    else if ('every' in p.arrival) {
      const every = p.arrival.every;
      arrivals = Array.from({ length: n }, (_v, i) => i * every);
    } else {
      arrivals = p.arrival.times;
      if (arrivals.length !== n)
        issue(ctx, ['arrival', 'times'], `an array of ${n} durations (one per truck)`);
    }
    // The throughput series has a row per bin from the start to the end: trucks spread over years (a
    // mistyped unit) would grow it until memory runs out, so the last arrival is bounded in bins.
    if (Math.max(0, ...arrivals) / p.binWidth > MAX_BINS)
      issue(
        ctx,
        ['arrival'],
        `truck arrivals within ${MAX_BINS} bins of binWidth (${p.binWidth} s) after the start`,
      );
    const handlers: ResolvedHandler[] = [];
    p.handlers.forEach((h, i) => {
      const named = (k: number) => (h.count === 1 && p.handlers.length === 1 ? h.name : `${h.name}#${k}`);
      if (h.kind === 'chain') {
        let pass: Distribution[] = new Array<Distribution>(h.links).fill(h.pass);
        if (h.passByLink !== undefined) {
          if (h.passByLink.length !== h.links)
            issue(
              ctx,
              ['handlers', i, 'passByLink'],
              `an array of ${h.links} pass intervals (null keeps pass)`,
            );
          pass = h.passByLink.map((d) => d ?? h.pass);
        }
        if (pass.every((d) => d.mean === 0 && d.support[1] === 0))
          issue(ctx, ['handlers', i, 'pass'], 'a pass interval that is not always 0');
        if (h.relief && !(h.relief.every > h.relief.pause))
          issue(
            ctx,
            ['handlers', i, 'relief', 'every'],
            `a duration longer than pause (${h.relief.pause} s)`,
          );
        const relief = h.relief ?? null;
        for (let k = 0; k < h.count; k++)
          handlers.push({
            kind: h.kind,
            name: named(handlers.length + 1),
            links: h.links,
            pass,
            people: h.links + h.reserves,
            relief,
          });
      } else {
        if (h.load > p.storage)
          issue(ctx, ['handlers', i, 'load'], `at most the storage capacity (${p.storage})`);
        const { load, loadTime, travel, dropTime } = h;
        if (
          loadTime.mean + travel.mean + dropTime.mean <= 0 &&
          loadTime.support[1] + travel.support[1] + dropTime.support[1] === 0
        )
          issue(
            ctx,
            ['handlers', i, 'loadTime'],
            'a trip that takes some time (load, travel and drop all 0)',
          );
        for (let k = 0; k < h.count; k++)
          handlers.push({
            kind: h.kind,
            name: named(handlers.length + 1),
            load,
            loadTime,
            travel,
            dropTime,
            people: h.crew,
          });
      }
    });
    const { start, bays, dockTime, handlersPerTruck, switchTime, storage, binWidth } = p;
    return {
      start,
      trucks: arrivals.map((a, i) => ({ arrival: a, items: items[i]! })),
      bays,
      dockTime,
      handlers,
      handlersPerTruck,
      switchTime,
      storage,
      binWidth,
    };
  }),
);

/**
 * Validate and resolve the parameters against a simulation (for its epoch).
 *
 * @throws ParameterError (a `SpecError`) listing every bad parameter, each with its path and value.
 * @example
 * ```ts
 * resolveUnloading(sim, { trucks: 3, items: 900 }).trucks.map((t) => t.items); // [300, 300, 300]
 * ```
 */
export function resolveUnloading(
  sim: Simulation,
  params: UnloadingParams = {},
  path = 'unloading',
): ResolvedUnloading {
  const r = parseParams(unloadingSchema(sim.epoch), params, path, 'unloading');
  notBeforeNow(sim.now, r.start, `${path}.start`, params.start, 'unloading');
  return r;
}

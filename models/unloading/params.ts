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
import {
  type Distribution,
  type DurationInput,
  duration,
  ParameterError,
  type Simulation,
  validate,
} from '../../src/index.js';
import { boundedCount, type DurationSpec, durationDistribution } from '../durations.js';
import type { ParameterSource } from '../provenance.js';

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

/** The keys of {@link UnloadingParams}, of a chain and of a vehicle (complete, checked by the compiler). */
const UNLOADING_KEYS = Object.keys({
  start: true,
  trucks: true,
  items: true,
  arrival: true,
  bays: true,
  dockTime: true,
  handlers: true,
  handlersPerTruck: true,
  switchTime: true,
  storage: true,
  binWidth: true,
} satisfies Record<keyof UnloadingParams, true>);
const CHAIN_KEYS = Object.keys({
  kind: true,
  name: true,
  count: true,
  links: true,
  pass: true,
  passByLink: true,
  reserves: true,
  relief: true,
} satisfies Record<keyof ChainInput, true>);
const VEHICLE_KEYS = Object.keys({
  kind: true,
  name: true,
  count: true,
  load: true,
  loadTime: true,
  travel: true,
  dropTime: true,
  crew: true,
} satisfies Record<keyof VehicleInput, true>);

function positiveIntOrInfinity(value: unknown, path: string): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  return validate.positiveInt(value, path);
}

/**
 * Validate and resolve the parameters against a simulation (for its epoch).
 *
 * @throws ParameterError naming the path and value of the first bad parameter.
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
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new ParameterError(path, 'an object of unloading parameters', params);
  validate.knownKeys(params, path, UNLOADING_KEYS);
  const startIn = params.start ?? '22:00';
  let start: number;
  if (typeof startIn === 'number') start = validate.finite(startIn, `${path}.start`);
  else if (typeof startIn === 'string') {
    if (sim.epoch === undefined)
      throw new ParameterError(
        `${path}.start`,
        'simulated seconds (clock times need a simulation with an epoch)',
        startIn,
      );
    start = sim.epoch.at(startIn, { path: `${path}.start`, before: 'error' });
  } else throw new ParameterError(`${path}.start`, 'a clock time like "22:00" or simulated seconds', startIn);
  if (start < sim.now)
    throw new ParameterError(`${path}.start`, `a time at or after now (${sim.now})`, startIn);
  const n = boundedCount(params.trucks ?? 30, `${path}.trucks`, 1, 100_000);
  const itemsIn = params.items ?? 10000;
  let items: number[];
  if (Array.isArray(itemsIn)) {
    if (itemsIn.length !== n)
      throw new ParameterError(`${path}.items`, `a total or ${n} counts (one per truck)`, itemsIn);
    items = itemsIn.map((k, i) => boundedCount(k, `${path}.items[${i}]`, 0, MAX_ITEMS));
    if (items.reduce((a, b) => a + b, 0) > MAX_ITEMS)
      throw new ParameterError(`${path}.items`, `counts adding up to at most ${MAX_ITEMS}`, itemsIn);
  } else {
    const total = boundedCount(itemsIn, `${path}.items`, 0, MAX_ITEMS);
    items = Array.from({ length: n }, (_v, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
  }
  const arrIn: unknown = params.arrival ?? 'together';
  let arrivals: number[];
  if (arrIn === 'together') arrivals = new Array<number>(n).fill(0);
  else if (typeof arrIn === 'object' && arrIn !== null && 'every' in arrIn) {
    validate.knownKeys(arrIn, `${path}.arrival`, ['every']);
    const every = duration((arrIn as { every: unknown }).every, `${path}.arrival.every`);
    arrivals = Array.from({ length: n }, (_v, i) => i * every);
  } else if (typeof arrIn === 'object' && arrIn !== null && 'times' in arrIn) {
    validate.knownKeys(arrIn, `${path}.arrival`, ['times']);
    const times = (arrIn as { times: unknown }).times;
    if (!Array.isArray(times) || times.length !== n)
      throw new ParameterError(`${path}.arrival.times`, `an array of ${n} durations (one per truck)`, times);
    arrivals = times.map((t, i) => duration(t, `${path}.arrival.times[${i}]`));
  } else throw new ParameterError(`${path}.arrival`, '"together", { every } or { times }', arrIn);
  const bays = validate.positiveInt(params.bays ?? 2, `${path}.bays`);
  const dockTime = duration(params.dockTime ?? '5 min', `${path}.dockTime`);
  const handlersPerTruck = validate.positiveInt(params.handlersPerTruck ?? 1, `${path}.handlersPerTruck`);
  const switchTime = duration(params.switchTime ?? '1 min', `${path}.switchTime`);
  const storage = positiveIntOrInfinity(params.storage ?? Number.POSITIVE_INFINITY, `${path}.storage`);
  const binWidth = duration(params.binWidth ?? '30 min', `${path}.binWidth`);
  if (!(binWidth > 0)) throw new ParameterError(`${path}.binWidth`, 'a duration > 0', params.binWidth);
  // The throughput series has a row per bin from the start to the end: trucks spread over years (a
  // mistyped unit) would grow it until memory runs out, so the last arrival is bounded in bins.
  const lastArrival = Math.max(0, ...arrivals);
  if (lastArrival / binWidth > MAX_BINS)
    throw new ParameterError(
      `${path}.arrival`,
      `truck arrivals within ${MAX_BINS} bins of binWidth (${binWidth} s) after the start`,
      arrIn,
    );
  const handlersIn = params.handlers ?? DEFAULT_HANDLERS;
  if (!Array.isArray(handlersIn) || handlersIn.length === 0)
    throw new ParameterError(`${path}.handlers`, 'a non-empty array of chains or vehicles', handlersIn);
  const handlers: ResolvedHandler[] = [];
  handlersIn.forEach((h: HandlerInput, i: number) => {
    const at = `${path}.handlers[${i}]`;
    if (typeof h !== 'object' || h === null) throw new ParameterError(at, 'an object { kind, ... }', h);
    const kind = validate.oneOf(h.kind, `${at}.kind`, ['chain', 'vehicle'] as const);
    validate.knownKeys(h, at, kind === 'chain' ? CHAIN_KEYS : VEHICLE_KEYS);
    const count = boundedCount(h.count ?? 1, `${at}.count`, 1, 1000);
    const prefix = validate.nonEmptyString(h.name ?? (kind === 'chain' ? 'chain' : 'vehicle'), `${at}.name`);
    if (kind === 'chain') {
      const c = h as ChainInput;
      const links = boundedCount(c.links, `${at}.links`, 1, 10_000);
      const pass = durationDistribution(c.pass, `${at}.pass`);
      let byLink: Distribution[] = new Array<Distribution>(links).fill(pass);
      if (c.passByLink !== undefined) {
        if (!Array.isArray(c.passByLink) || c.passByLink.length !== links)
          throw new ParameterError(
            `${at}.passByLink`,
            `an array of ${links} pass intervals (null keeps pass)`,
            c.passByLink,
          );
        byLink = c.passByLink.map((s, k) =>
          s === null ? pass : durationDistribution(s, `${at}.passByLink[${k}]`),
        );
      }
      if (byLink.every((d) => d.mean === 0) && byLink.every((d) => d.support[1] === 0))
        throw new ParameterError(`${at}.pass`, 'a pass interval that is not always 0', c.pass);
      const reserves = validate.integer(c.reserves ?? 0, `${at}.reserves`, 0);
      let relief: { every: number; pause: number } | null = null;
      if (c.relief !== undefined) {
        if (typeof c.relief !== 'object' || c.relief === null)
          throw new ParameterError(`${at}.relief`, 'an object { every, pause }', c.relief);
        validate.knownKeys(c.relief, `${at}.relief`, ['every', 'pause']);
        const every = duration(c.relief.every, `${at}.relief.every`);
        const pause = duration(c.relief.pause, `${at}.relief.pause`);
        if (!(every > pause))
          throw new ParameterError(
            `${at}.relief.every`,
            `a duration longer than pause (${pause} s)`,
            c.relief.every,
          );
        relief = { every, pause };
      }
      for (let k = 0; k < count; k++)
        handlers.push({
          kind,
          name: count === 1 && handlersIn.length === 1 ? prefix : `${prefix}#${handlers.length + 1}`,
          links,
          pass: byLink,
          people: links + reserves,
          relief,
        });
    } else {
      const v = h as VehicleInput;
      const load = boundedCount(v.load, `${at}.load`, 1, MAX_ITEMS);
      if (load > storage)
        throw new ParameterError(`${at}.load`, `at most the storage capacity (${storage})`, v.load);
      const loadTime = durationDistribution(v.loadTime, `${at}.loadTime`);
      const travel = durationDistribution(v.travel, `${at}.travel`);
      const dropTime = durationDistribution(v.dropTime, `${at}.dropTime`);
      if (
        loadTime.mean + travel.mean + dropTime.mean <= 0 &&
        loadTime.support[1] + travel.support[1] + dropTime.support[1] === 0
      )
        throw new ParameterError(
          `${at}.loadTime`,
          'a trip that takes some time (load, travel and drop all 0)',
          v.loadTime,
        );
      const crew = validate.positiveInt(v.crew ?? 1, `${at}.crew`);
      for (let k = 0; k < count; k++)
        handlers.push({
          kind,
          name: count === 1 && handlersIn.length === 1 ? prefix : `${prefix}#${handlers.length + 1}`,
          load,
          loadTime,
          travel,
          dropTime,
          people: crew,
        });
    }
  });
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
}

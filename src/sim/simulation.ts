/**
 * Simulation: the environment a model runs in, with a seed and named random streams.
 *
 * {@link Environment} (the kernel) knows only clock, calendar and processes. A `Simulation` adds what
 * a study needs to be reproducible and reportable:
 *
 * - a **seed** (given, or drawn and then always reported) and **named random streams** derived from
 *   `(seed, name)`, so that adding a stream never shifts another and two scenarios with the same seed
 *   share their random numbers (common random numbers);
 * - the **replication** index and **scenario** name, carried into every result;
 * - a registry of the resources and other components created in it, for reports;
 * - on request (`tables: true`), simmer-style monitor tables of every arrival and every resource
 *   change ({@link Simulation.arrivalsTable}, {@link Simulation.resourcesTable}; see `monitorTables.ts`).
 *
 * @module
 */
import { type Component, Environment, type EnvironmentOptions } from '../kernel/environment.js';
import { ParameterError } from '../kernel/errors.js';
import type { Proc, Process, ProcessOptions } from '../kernel/process.js';
import type { Rng } from '../random/rng.js';
import { MAX_SEED, validateSeed } from '../random/seed.js';
import { RandomStreams } from '../random/streams.js';
import { Resource } from '../resources/resource.js';
import type { ARRIVALS_COLUMNS, RESOURCE_COLUMNS } from '../stats/schemas.js';
import type { Table } from '../stats/table.js';
import { Epoch } from '../time/epoch.js';
import { version } from '../version.js';
import { MonitorTables } from './monitorTables.js';
import { ResourceMonitor, type ResourceReport } from './resourceMonitor.js';

/** Options for a {@link Simulation}. */
export interface SimulationOptions extends Omit<EnvironmentOptions, 'clock'> {
  /**
   * The local date-time (with UTC offset) of simulated time 0, e.g. `'2022-04-13T01:30+08:00'`.
   * With an epoch, errors and reports speak in clock times (`19:00`, `01:30 (+1 d)`) and
   * {@link Simulation.timeOf} turns clock times into simulated seconds. Models then use seconds.
   */
  readonly epoch?: string | Epoch;
  /**
   * Seed of every random stream: an integer in `[0, 2^53 − 1]`. When omitted a seed is drawn from the
   * platform's cryptographic source and reported in {@link Simulation.seed}, so any run can be replayed.
   */
  readonly seed?: number;
  /** Replication index, for results (default 0). */
  readonly replication?: number;
  /** Scenario name, for results (default `"default"`). */
  readonly scenario?: string;
  /**
   * Attach the standard monitors (time-weighted busy units and queue length, waits) to every resource
   * created in this simulation. Default true; switch off for the last few percent of speed.
   */
  readonly monitors?: boolean;
  /**
   * Fill the monitor tables: one row per arrival (a process that requests a resource) and one row per
   * change of every resource, read with {@link Simulation.arrivalsTable} and
   * {@link Simulation.resourcesTable}. Default false: they grow with the run, and when off nothing is
   * recorded or attached.
   */
  readonly tables?: boolean;
}

/** The end-of-run report of a {@link Simulation}: identity, time and one entry per monitored resource. */
export interface SimulationReport extends RunIdentity {
  /** Simulated time of the report. */
  readonly time: number;
  /** Standard monitor report of each resource, in creation order. */
  readonly resources: readonly ResourceReport[];
}

/** Identification carried by every result of a run. */
export interface RunIdentity {
  /** Scenario name the simulation was given (default `"default"`). */
  readonly scenario: string;
  /** The epoch as a local ISO string with offset, or null when the run has none. */
  readonly epoch: string | null;
  /** Replication index, an integer ≥ 0 (default 0); a label for results, not an input to the streams. */
  readonly replication: number;
  /** Seed of every random stream in the run, given or drawn: rerun with it to replay the run. */
  readonly seed: number;
  /** surgesim version that produced the result (`version` in package.json). */
  readonly version: string;
}

/**
 * The environment a model runs in: clock, calendar and processes (from {@link Environment}) plus a
 * seed and named random streams.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 7 });
 * const clerks = new Resource(sim, { name: 'registration', capacity: 4 });
 * const reg = exponential({ mean: 40 });
 * const rng = sim.stream('registration');
 * sim.process(function* () {
 *   const desk = yield* clerks.request();
 *   yield* sim.delay(reg.sample(rng));
 *   clerks.release(desk);
 * }());
 * sim.run();
 * ```
 */
export class Simulation extends Environment {
  /** The seed of every stream in this run. */
  readonly seed: number;
  /** Replication index (0 unless set). */
  readonly replication: number;
  /** Scenario name. */
  readonly scenario: string;
  /** The named streams of this run. */
  readonly streams: RandomStreams;
  /** Whether resources get the standard monitors. */
  readonly monitors: boolean;
  /** Clock of simulated time 0, when given. */
  readonly epoch: Epoch | undefined;
  private readonly resourceMonitors: ResourceMonitor[] = [];
  /** The same monitors by resource: `monitorOf` is called per resource, so a scan would be quadratic. */
  private readonly monitorByResource = new Map<Resource, ResourceMonitor>();
  /** The monitor tables, when asked for. */
  private readonly tables: MonitorTables | null;

  constructor(options: SimulationOptions = {}) {
    const epoch = options.epoch === undefined ? undefined : Epoch.from(options.epoch, 'epoch');
    super({ ...options, ...(epoch && { clock: (t: number) => epoch.toClock(t) }) });
    this.epoch = epoch;
    this.seed = options.seed === undefined ? drawSeed() : validateSeed(options.seed, 'seed');
    const replication = options.replication ?? 0;
    if (!Number.isInteger(replication) || replication < 0)
      throw new ParameterError('replication', 'an integer ≥ 0', replication);
    this.replication = replication;
    const scenario = options.scenario ?? 'default';
    if (typeof scenario !== 'string' || scenario.length === 0)
      throw new ParameterError('scenario', 'a non-empty string', scenario);
    this.scenario = scenario;
    this.streams = new RandomStreams(this.seed);
    const monitors = options.monitors ?? true;
    if (typeof monitors !== 'boolean') throw new ParameterError('monitors', 'true or false', monitors);
    this.monitors = monitors;
    const tables = options.tables ?? false;
    if (typeof tables !== 'boolean') throw new ParameterError('tables', 'true or false', tables);
    this.tables = tables ? new MonitorTables(() => this.now) : null;
  }

  /** Starts a process (see {@link Environment.process}); with `tables: true`, notes its start time. */
  override process<R>(generator: Proc<R>, options?: ProcessOptions): Process<R> {
    const p = super.process(generator, options);
    if (this.tables !== null) this.tables.processStarted(p);
    return p;
  }

  /** Records the component and, for a resource, attaches the standard monitor (unless switched off). */
  override register(component: Component): void {
    super.register(component);
    if (!(component instanceof Resource)) return;
    if (this.monitors) {
      const m = new ResourceMonitor(component);
      this.resourceMonitors.push(m);
      this.monitorByResource.set(component, m);
    }
    if (this.tables !== null) this.tables.watch(component);
  }

  /**
   * The arrivals monitor table (simmer's `get_mon_arrivals`): one row per process that requested a
   * resource of this simulation, as of now — see `monitorTables.ts` for what each column means.
   * Needs `tables: true`.
   *
   * @example
   * ```ts
   * const sim = new Simulation({ seed: 1, tables: true });
   * // ... build the model, sim.run()
   * const arrivals = sim.arrivalsTable();
   * arrivals.columns.wait; // one wait per arrival
   * ```
   */
  arrivalsTable(): Table<typeof ARRIVALS_COLUMNS> {
    return this.requireTables('arrivalsTable').arrivals(this.identity());
  }

  /**
   * The resources monitor table (simmer's `get_mon_resources`): each resource's starting state and
   * every change of its busy units, queue or capacity, in order. Needs `tables: true`. Chart it with
   * `resourceUsageSpec` (surgesim/report).
   *
   * @example
   * ```ts
   * const sim = new Simulation({ seed: 1, tables: true });
   * // ... build the model, sim.run()
   * toCSV(sim.resourcesTable()); // scenario,replication,seed,resource,time,busy,queue,capacity
   * ```
   */
  resourcesTable(): Table<typeof RESOURCE_COLUMNS> {
    return this.requireTables('resourcesTable').resources(this.identity());
  }

  private requireTables(method: string): MonitorTables {
    if (this.tables === null)
      throw new ParameterError(`${method}(): tables`, 'true (set in the Simulation options)', false);
    return this.tables;
  }

  /** The standard monitor of `resource` (undefined when monitors are off or it belongs elsewhere). */
  monitorOf(resource: Resource): ResourceMonitor | undefined {
    return this.monitorByResource.get(resource);
  }

  /**
   * Forget all monitored statistics before now: warm-up deletion. Counters of the resources themselves
   * (arrivals, releases...) are not reset, so accounting still adds up over the whole run.
   */
  resetMonitors(): void {
    for (const m of this.resourceMonitors) m.reset(this.now);
  }

  /** Identity, time and the standard monitors' reports, as plain JSON. */
  report(): SimulationReport {
    return {
      ...this.identity(),
      time: this.now,
      resources: this.resourceMonitors.map((m) => m.report(this.now)),
    };
  }

  /**
   * The random stream called `name` (created on first use; the same object afterwards). Give each
   * source of randomness its own stream: `'arrivals'`, `'registration'`, `'sites[3].swab'`.
   */
  stream(name: string): Rng {
    return this.streams.stream(name);
  }

  /** Scenario, epoch, replication, seed and library version: the identification every result carries. */
  identity(): RunIdentity {
    return {
      scenario: this.scenario,
      epoch: this.epoch?.iso ?? null,
      replication: this.replication,
      seed: this.seed,
      version,
    };
  }

  /**
   * Simulated seconds of a clock time, e.g. `sim.timeOf('19:00')` (see {@link Epoch.at} for the forms
   * accepted). Needs an epoch.
   *
   * @example
   * ```ts
   * const sim = new Simulation({ epoch: '2022-04-13T01:30+08:00' });
   * sim.timeOf('19:00'); // 63000
   * ```
   */
  timeOf(clock: string): number {
    if (this.epoch === undefined)
      throw new ParameterError('timeOf(clock)', 'a simulation with an epoch', clock);
    return this.epoch.at(clock, { path: 'timeOf(clock)' });
  }

  /**
   * Clock time of simulated time `t` (default now), e.g. `'19:00'` or `'01:30 (+1 d)'`; without an
   * epoch, the number of seconds.
   */
  clock(t: number = this.now): string {
    return this.epoch === undefined ? `t=${t}` : this.epoch.toClock(t);
  }
}

/** A seed from the platform's cryptographic source (Web Crypto, in Node and browsers alike). */
function drawSeed(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  // 53 bits: 21 from the first word, 32 from the second.
  return ((words[0]! & 0x1fffff) * 2 ** 32 + words[1]!) % (MAX_SEED + 1);
}

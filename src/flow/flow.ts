/**
 * A flow installed in a simulation: entities enter, go through the compiled steps, and leave with
 * an outcome; the flow counts where everyone is and records waits, times in system and a per-bin
 * series.
 *
 * **State.** Per entity, typed arrays indexed by entry number (where it is as a stage code, since
 * when it waits, its arrival time, its attribute codes): a few bytes per entity and no object per
 * entity. Counts by stage are kept up to date at every move, so {@link Flow.accounting} is O(stages)
 * and adds up at any time: `entered = Σ left + Σ queued + Σ in service`.
 *
 * **Leaving a queue.** The kernel's callback `seize` has no cancel: an entity that reneges or is
 * sent home leaves the flow at once (counted, its other units given back), and its entry in the
 * resource's line passes the unit on at the instant it would have been served, so the others are
 * served exactly when they would have been had it left the line. Until then the resource's own
 * `queueLength` still counts it; the flow's accounting does not.
 *
 * **Closing.** At `closing.at` the flow closes its doors: entities entering at or after it leave at
 * once with outcome `sent-home` (stage `entry`). With `send-home`, everyone then waiting at a seize
 * also leaves `sent-home` (counted by stage, with how long they had waited); those in service or in
 * a delay go on to the end of the flow. With `overtime`, those waiting stay and are served by
 * whoever is on duty.
 *
 * **Ending.** Nothing periodic: the flow's calendar entries are one pending entry (from
 * {@link Flow.enterAt}), delays and patience timers of entities in it, and the closing. After
 * {@link Flow.finish}, once the last entry has come and everyone has left, open batches are flushed
 * and the closing (if still ahead) is cancelled. Entities that can never be served (no staff left)
 * stay `queued` in the accounting; the run ends with them reported.
 *
 * @module
 */
import { ParameterError, SimulationError } from '../kernel/errors.js';
import { Priority } from '../kernel/priority.js';
import { Batcher, type BatcherResults } from '../resources/batch/batcher.js';
import { Resource } from '../resources/resource.js';
import { StaffedResource } from '../resources/schedule/staffed-resource.js';
import type { Simulation } from '../sim/simulation.js';
import { Tally } from '../stats/tally.js';
import { checkFlow, type FlowShape } from './check.js';
import { compileFlow, type Runtime, type SeizeSite } from './compile.js';
import { oneOfNames } from './names.js';
import { type Station, station } from './station.js';
import { DONE, type FlowAttribute, type FlowStep, RENEGED, SENT_HOME } from './steps.js';

/**
 * Everything a {@link Flow} takes.
 *
 * @example
 * ```ts
 * const options: FlowOptions = {
 *   name: 'site',
 *   capacity: 2500,
 *   steps: [
 *     { kind: 'seize', resource: 'clerks', stage: 'registration' },
 *     { kind: 'delay', time: uniform({ min: 20, max: 40 }) },
 *     { kind: 'release', resource: 'clerks' },
 *     { kind: 'leave', outcome: 'registered' },
 *   ],
 *   resources: { clerks: new Resource(sim, { name: 'clerks', capacity: 4 }) },
 * };
 * ```
 */
export interface FlowOptions {
  /** Prefix of the random streams and result names, e.g. `hedong.point[3]`. */
  readonly name: string;
  /** The steps every entity goes through. */
  readonly steps: readonly FlowStep[];
  /** Most entities that will ever enter (the per-entity arrays are sized once). */
  readonly capacity: number;
  /** Attributes drawn for each entity at entry, from the stream `<name>.attr.<attribute>`. */
  readonly attributes?: readonly FlowAttribute[];
  /** The resources the steps seize, by the name the steps use. */
  readonly resources: Readonly<Record<string, Resource | StaffedResource>>;
  /** Time 0 of the per-bin series (e.g. the opening); default 0. Earlier entries fall in the first bin. */
  readonly origin?: number;
  /** Width of the per-bin series, seconds; default 900. */
  readonly bin?: number;
  /** Called at each release of a batch, by batch name, with the time and the batch's size. */
  readonly onBatch?: Readonly<Record<string, (time: number, size: number) => void>>;
  /** When the flow closes its doors, and what happens to those waiting (see the module notes). */
  readonly closing?: { readonly at: number; readonly policy: 'send-home' | 'overtime' };
  /** Path of the steps in error messages; default `flow`. */
  readonly path?: string;
  /**
   * Called once when {@link Flow.finish} has been called and every entity has come and left (after
   * the open batches are flushed): what is downstream of the flow (a courier) can stop at once.
   */
  readonly onDone?: () => void;
}

/**
 * Where everyone who entered is: `entered = Σ left + Σ queued + Σ inService` at any time.
 *
 * @example
 * ```ts
 * const a = flow.accounting();
 * a.left.tested + a.queued.swab + a.inService.swab; // ≤ a.entered
 * ```
 */
export interface FlowAccounting {
  /** Entities that entered. */
  readonly entered: number;
  /** Entities that left, by outcome (every outcome of the flow, zeros included). */
  readonly left: Readonly<Record<string, number>>;
  /** Entities waiting at a seize, by stage. */
  readonly queued: Readonly<Record<string, number>>;
  /** Entities holding a unit, in a delay or in a hold, by stage. */
  readonly inService: Readonly<Record<string, number>>;
}

/**
 * One bin of {@link Flow.series}.
 *
 * @example
 * ```ts
 * const row: FlowSeriesRow = { start: 900, entered: 120, left: { tested: 95 } };
 * ```
 */
export interface FlowSeriesRow {
  /** Start of the bin (simulated time). */
  readonly start: number;
  /** Entities that entered in the bin. */
  readonly entered: number;
  /** Entities that left in the bin, by outcome. */
  readonly left: Readonly<Record<string, number>>;
}

/** Stage name of entities turned away at the door after closing. */
const ENTRY_STAGE = 'entry';

/**
 * A flow of entities through steps, compiled to callbacks on `sim` (see the module notes).
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1 });
 * const clerks = new Resource(sim, { name: 'clerks', capacity: 2 });
 * const flow = new Flow(sim, {
 *   name: 'desk',
 *   capacity: 100,
 *   steps: [
 *     { kind: 'seize', resource: 'clerks', stage: 'registration' },
 *     { kind: 'delay', time: constant({ value: 30 }) },
 *     { kind: 'release', resource: 'clerks' },
 *     { kind: 'leave', outcome: 'registered' },
 *   ],
 *   resources: { clerks },
 * });
 * flow.enterAt(Array.from({ length: 100 }, (_, k) => 10 * k));
 * flow.finish();
 * sim.run();
 * flow.accounting().left.registered; // 100
 * flow.waits('registration').mean;   // mean wait for a clerk
 * ```
 */
export class Flow {
  /** The flow's name (prefix of streams and monitors). */
  readonly name: string;
  /** What the checks found: stages, outcomes, batches. */
  readonly shape: FlowShape;
  /** Entities that entered so far. */
  entered = 0;

  private readonly sim: Simulation;
  private readonly capacity: number;
  private readonly origin: number;
  private readonly bin: number;
  private readonly attributes: readonly FlowAttribute[];
  private readonly cumShares: readonly Float64Array[];
  private readonly attrRngs: readonly { next(): number }[];
  private readonly attrs: Uint8Array[];
  private readonly where: Uint16Array;
  private readonly since: Float64Array;
  private readonly arrival: Float64Array;
  /** The seize each waiting entity waits at. */
  private readonly waitingAt: Uint16Array;
  /** Patience timer of each waiting entity (−1 none); empty when no seize has patience. */
  private readonly patience: Float64Array;
  /** Entities by where-code (index 0 unused). */
  private readonly counts: Float64Array;
  private readonly leftBy: Float64Array;
  private readonly lastBy: Float64Array;
  private readonly sojourn: Tally[];
  /** Time in system by outcome, then attribute, then value (empty without attributes). */
  private readonly sojournBy: Tally[][][];
  private readonly onDone: (() => void) | undefined;
  /** Waits at each stage: by stage, then (with attributes) by attribute, then by value. */
  private readonly waitAll: Tally[];
  private readonly waitBy: Tally[][][];
  private readonly sentHomeBy = new Map<string, Tally>();
  private readonly enteredByBin: number[] = [];
  private readonly leftByBin: number[][];
  private readonly batchers = new Map<string, Batcher<number>>();
  private readonly seizes: SeizeSite[] = [];
  private readonly start: (i: number) => void;
  /** Where an entity can start instead of at the first step: the first top-level seize of each stage. */
  private readonly entries = new Map<string, (i: number) => void>();
  private pending: ArrayLike<number> = [];
  private nextPending = 0;
  private entryHandle = -1;
  private closingHandle = -1;
  private readonly closingAt: number;
  private finishing = false;
  private flushed = false;
  private leftTotal = 0;

  constructor(sim: Simulation, options: FlowOptions) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('flow', 'flow options { name, steps, capacity, resources }', options);
    const { name, capacity, resources } = options;
    if (typeof name !== 'string' || name.length === 0)
      throw new ParameterError('flow.name', 'a non-empty name', name);
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0 || capacity > 2 ** 31)
      throw new ParameterError('flow.capacity', 'an integer in [0, 2^31]', capacity);
    if (typeof resources !== 'object' || resources === null)
      throw new ParameterError('flow.resources', 'resources by name', resources);
    for (const [r, res] of Object.entries(resources))
      if (!(res instanceof Resource) && !(res instanceof StaffedResource))
        throw new ParameterError(`flow.resources.${r}`, 'a Resource or a StaffedResource', res);
    this.origin = finiteOr(options.origin, 0, 'flow.origin');
    this.bin = finiteOr(options.bin, 900, 'flow.bin');
    if (!(this.bin > 0)) throw new ParameterError('flow.bin', 'a width > 0 (seconds)', options.bin);
    const closing = options.closing;
    if (closing !== undefined) {
      if (typeof closing !== 'object' || closing === null)
        throw new ParameterError('flow.closing', "{ at, policy: 'send-home' | 'overtime' }", closing);
      finiteOr(closing.at, 0, 'flow.closing.at');
      if (closing.policy !== 'send-home' && closing.policy !== 'overtime')
        throw new ParameterError('flow.closing.policy', "'send-home' or 'overtime'", closing.policy);
    }
    const path = options.path ?? 'flow';
    const shape = checkFlow({
      steps: options.steps,
      resources: Object.keys(resources),
      ...(options.attributes !== undefined && { attributes: options.attributes }),
      path,
    });
    if (options.onDone !== undefined && typeof options.onDone !== 'function')
      throw new ParameterError('flow.onDone', 'a function', options.onDone);
    for (const [b, fn] of Object.entries(options.onBatch ?? {})) {
      if (!(b in shape.batches))
        throw new ParameterError(
          `flow.onBatch.${b}`,
          oneOfNames('a batch of the flow', Object.keys(shape.batches), b),
          b,
        );
      if (typeof fn !== 'function')
        throw new ParameterError(`flow.onBatch.${b}`, 'a function (time, size)', fn);
    }
    const outcomes = [...shape.outcomes];
    if (!outcomes.includes(DONE)) outcomes.push(DONE);
    if (closing !== undefined && !outcomes.includes(SENT_HOME)) outcomes.push(SENT_HOME);
    this.shape = { ...shape, outcomes };
    this.sim = sim;
    this.name = name;
    this.capacity = capacity;
    this.attributes = options.attributes ?? [];
    this.cumShares = this.attributes.map((a) => {
      let s = 0;
      return Float64Array.from(a.shares, (x) => (s += x));
    });
    this.attrRngs = this.attributes.map((a) => sim.stream(`${name}.attr.${a.name}`));
    this.attrs = this.attributes.map(() => new Uint8Array(capacity));
    this.where = new Uint16Array(capacity);
    this.since = new Float64Array(capacity);
    this.arrival = new Float64Array(capacity);
    this.waitingAt = new Uint16Array(capacity);
    this.patience = new Float64Array(shape.outcomes.includes(RENEGED) ? capacity : 0).fill(-1);
    const stages = shape.stages;
    this.counts = new Float64Array(1 + 2 * stages.length);
    this.leftBy = new Float64Array(outcomes.length);
    this.lastBy = new Float64Array(outcomes.length).fill(Number.NaN);
    this.leftByBin = outcomes.map(() => []);
    this.sojourn = outcomes.map((o) => new Tally(`${name}.timeInSystem.${o}`));
    this.sojournBy = outcomes.map((o) =>
      this.attributes.map((a) => a.values.map((v) => new Tally(`${name}.timeInSystem.${o}.${a.name}.${v}`))),
    );
    this.onDone = options.onDone;
    this.waitAll = stages.map((s) => new Tally(`${name}.wait.${s}`));
    this.waitBy = stages.map((s) =>
      this.attributes.map((a) => a.values.map((v) => new Tally(`${name}.wait.${s}.${a.name}.${v}`))),
    );
    for (const [b, size] of Object.entries(shape.batches)) {
      const batcher = new Batcher<number>(sim, { name: `${name}.${b}`, size, outbox: false });
      const fn = options.onBatch?.[b];
      if (fn !== undefined) batcher.onBatch((batch) => fn(batch.releasedAt, batch.size));
      this.batchers.set(b, batcher);
    }
    const stations = new Map<string, Station>();
    for (const [r, res] of Object.entries(resources)) stations.set(r, station(res, capacity));
    this.closingAt = closing?.at ?? Number.POSITIVE_INFINITY;
    this.start = compileFlow(this.runtime(stations), options.steps, shape, path, this.entries);
    if (closing !== undefined)
      this.closingHandle = sim.at(
        Math.max(closing.at, sim.now),
        closing.policy === 'send-home' ? sendHome : markClosed,
        this,
        Priority.LATE,
      );
  }

  /** Entities in the flow now: entered − left. */
  get active(): number {
    return this.entered - this.leftTotal;
  }

  /**
   * An entity enters now and starts its steps at once; returns its index (0, 1, …).
   *
   * @example
   * ```ts
   * sim.schedule(60, () => flow.enter()); // one walk-up a minute from now
   * ```
   */
  enter(): number {
    return this.admit(this.start);
  }

  /**
   * An entity enters now already waiting at `stage`: it starts at the first seize of that stage in
   * the top-level steps (not inside a branch), skipping the steps before it. For starting a flow
   * from an observed state, e.g. the people counted in a registration queue at 21:30; their waits
   * are counted from now.
   *
   * @throws ParameterError when `stage` is not the stage of a top-level seize.
   * @example
   * ```ts
   * for (let k = 0; k < 250; k++) flow.enterAtStage('registration');
   * ```
   */
  enterAtStage(stage: string): number {
    const start = this.entries.get(stage);
    if (start === undefined)
      throw new ParameterError(
        'stage',
        oneOfNames('the stage of a seize in the top-level steps', this.entryStages, stage),
        stage,
      );
    return this.admit(start);
  }

  /**
   * The stages an entity can start at with {@link Flow.enterAtStage}, in the order of the steps.
   *
   * @example
   * ```ts
   * flow.entryStages; // ['check', 'registration', 'swab']
   * ```
   */
  get entryStages(): readonly string[] {
    return this.shape.stages.filter((s) => this.entries.has(s));
  }

  /**
   * Count `count` entities as having entered and left with `outcome` before now (e.g. the people
   * already tested when a flow is started from an observed state at 21:30). They fill the flow's
   * capacity and its accounting, and fall in the series' bin of now; no wait, time in system or last
   * exit is recorded for them (nothing is known of those).
   *
   * @throws ParameterError for an unknown outcome, a count that is not a whole number ≥ 0, or more
   *   entities than the capacity left.
   * @example
   * ```ts
   * flow.settle('tested', 1200);
   * flow.accounting().left.tested; // 1200
   * ```
   */
  settle(outcome: string, count: number): void {
    const o = this.outcomeCode(outcome);
    if (!Number.isInteger(count) || count < 0 || this.entered + count > this.capacity)
      throw new ParameterError(
        'flow.settle(count)',
        `a whole number in [0, ${this.capacity - this.entered}] (the flow's capacity left)`,
        count,
      );
    if (count === 0) return;
    const bin = this.binOf(this.sim.now);
    this.entered += count;
    this.leftTotal += count;
    this.leftBy[o]! += count;
    bump(this.enteredByBin, bin, count);
    bump(this.leftByBin[o]!, bin, count);
  }

  private admit(start: (i: number) => void): number {
    const i = this.entered;
    if (i >= this.capacity || this.flushed)
      throw new SimulationError(
        this.flushed
          ? `flow ${this.name}: an entity entered after finish() and everyone had left`
          : `flow ${this.name}: entity #${i} would exceed the flow's capacity of ${this.capacity}`,
        { time: this.sim.now, clock: this.sim.clockOf(this.sim.now) },
      );
    this.entered++;
    const now = this.sim.now;
    for (let a = 0; a < this.attrs.length; a++) {
      const u = this.attrRngs[a]!.next();
      const cum = this.cumShares[a]!;
      const last = cum.length - 1;
      let v = 0;
      while (v < last && u >= cum[v]!) v++;
      this.attrs[a]![i] = v;
    }
    this.arrival[i] = now;
    this.since[i] = now;
    bump(this.enteredByBin, this.binOf(now));
    if (now >= this.closingAt) {
      this.sentHomeTally(ENTRY_STAGE).observe(0);
      this.leave(i, this.shape.outcomes.indexOf(SENT_HOME));
    } else start(i);
    return i;
  }

  /**
   * Schedule entries at `times` (non-decreasing, ≥ now), one pending calendar entry at a time.
   * One schedule at a time: call again once the previous one has entered everyone.
   *
   * @example
   * ```ts
   * flow.enterAt([0, 10, 10, 25]);
   * ```
   */
  enterAt(times: Float64Array | readonly number[]): void {
    if (this.nextPending < this.pending.length)
      throw new SimulationError(
        `flow ${this.name}: enterAt() while ${this.pending.length - this.nextPending} earlier entries are pending`,
        {
          time: this.sim.now,
        },
      );
    if (typeof times !== 'object' || times === null || typeof times.length !== 'number')
      throw new ParameterError('flow.enterAt(times)', 'an array of times', times);
    let prev = this.sim.now;
    for (let k = 0; k < times.length; k++) {
      const t = times[k]!;
      if (typeof t !== 'number' || !(t >= prev) || t === Number.POSITIVE_INFINITY)
        throw new ParameterError(
          `flow.enterAt(times)[${k}]`,
          `a finite time ≥ ${prev} (non-decreasing, not before now)`,
          t,
        );
      prev = t;
    }
    if (this.entered + times.length > this.capacity)
      throw new ParameterError(
        'flow.enterAt(times)',
        `at most ${this.capacity - this.entered} times (the flow's capacity left)`,
        times.length,
      );
    this.pending = times;
    this.nextPending = 0;
    this.armEntry();
  }

  /**
   * The times of the entries scheduled by {@link Flow.enterAt} that have not come yet, ascending.
   *
   * @example
   * ```ts
   * flow.pendingEntries().length; // people still to come
   * ```
   */
  pendingEntries(): number[] {
    const out: number[] = [];
    for (let k = this.nextPending; k < this.pending.length; k++) out.push(this.pending[k]!);
    return out;
  }

  /**
   * No more entries: once the pending entries have come and everyone has left, flush the open
   * batches (to `onBatch`) and cancel the closing if it is still ahead.
   *
   * @example
   * ```ts
   * flow.enterAt(times);
   * flow.finish();
   * sim.run(); // ends when the last entity leaves
   * ```
   */
  finish(): void {
    this.finishing = true;
    this.maybeFlush();
  }

  /**
   * Time the last entity left with `outcome` (with any outcome when omitted), or null if none has.
   *
   * @example
   * ```ts
   * flow.lastExit('tested'); // time of the last swab
   * ```
   */
  lastExit(outcome?: string): number | null {
    let t = Number.NaN;
    if (outcome === undefined) {
      for (const x of this.lastBy) if (x > t || Number.isNaN(t)) t = x;
    } else t = this.lastBy[this.outcomeCode(outcome)]!;
    return Number.isNaN(t) ? null : t;
  }

  /**
   * Where everyone who entered is now (see {@link FlowAccounting}).
   *
   * @example
   * ```ts
   * const { entered, left, queued, inService } = flow.accounting();
   * ```
   */
  accounting(): FlowAccounting {
    const stages = this.shape.stages;
    const left: Record<string, number> = {};
    this.shape.outcomes.forEach((o, k) => {
      left[o] = this.leftBy[k]!;
    });
    const queued: Record<string, number> = {};
    const inService: Record<string, number> = {};
    stages.forEach((s, k) => {
      queued[s] = this.counts[1 + 2 * k]!;
      inService[s] = this.counts[2 + 2 * k]!;
    });
    return { entered: this.entered, left, queued, inService };
  }

  /**
   * Waits before being served at `stage` (seconds), all entities; a new Tally each call when the flow
   * has attributes (the waits are kept by value of the first attribute and merged here).
   *
   * @example
   * ```ts
   * flow.waits('registration').mean;
   * ```
   */
  waits(stage: string): Tally {
    const k = this.stageCode(stage);
    if (this.attributes.length === 0) return this.waitAll[k]!;
    const all = new Tally(`${this.name}.wait.${stage}`);
    for (const t of (this.waitBy[k] as Tally[][])[0] as Tally[]) all.merge(t);
    return all;
  }

  /**
   * Waits at `stage` by value of `attribute`.
   *
   * @example
   * ```ts
   * flow.waitsBy('registration', 'type').assisted.mean;
   * ```
   */
  waitsBy(stage: string, attribute: string): Readonly<Record<string, Tally>> {
    const k = this.stageCode(stage);
    const a = this.attributeCode(attribute);
    const out: Record<string, Tally> = {};
    this.attributes[a]!.values.forEach((v, j) => {
      out[v] = ((this.waitBy[k] as Tally[][])[a] as Tally[])[j] as Tally;
    });
    return out;
  }

  /**
   * Time from entry to leaving with `outcome` (all outcomes merged, in a new Tally, when omitted).
   *
   * @example
   * ```ts
   * flow.timeInSystem('tested').mean;
   * ```
   */
  timeInSystem(outcome?: string): Tally {
    if (outcome !== undefined) return this.sojourn[this.outcomeCode(outcome)]!;
    const all = new Tally(`${this.name}.timeInSystem`);
    for (const t of this.sojourn) all.merge(t);
    return all;
  }

  /**
   * Time from entry to leaving with `outcome`, by value of `attribute`.
   *
   * @example
   * ```ts
   * flow.timeInSystemBy('tested', 'type').assisted?.p95; // 95th percentile for assisted people
   * ```
   */
  timeInSystemBy(outcome: string, attribute: string): Readonly<Record<string, Tally>> {
    const o = this.outcomeCode(outcome);
    const a = this.attributeCode(attribute);
    const tallies = (this.sojournBy[o] as Tally[][])[a] as Tally[];
    const out: Record<string, Tally> = {};
    (this.attributes[a] as FlowAttribute).values.forEach((v, j) => {
      out[v] = tallies[j] as Tally;
    });
    return out;
  }

  /**
   * Entities sent home at closing, by the stage they were waiting at (`entry` for those who came
   * after the closing): each Tally holds how long they had waited there.
   *
   * @example
   * ```ts
   * flow.sentHome().registration?.count; // sent home from the registration queue
   * ```
   */
  sentHome(): Readonly<Record<string, Tally>> {
    return Object.fromEntries(this.sentHomeBy);
  }

  /**
   * Entries and exits per bin of `bin` seconds from `origin`, up to the last bin with an entry or
   * an exit.
   *
   * @example
   * ```ts
   * flow.series().map((r) => r.left.tested ?? 0); // tested per 15 min
   * ```
   */
  series(): readonly FlowSeriesRow[] {
    const n = Math.max(this.enteredByBin.length, ...this.leftByBin.map((b) => b.length));
    const rows: FlowSeriesRow[] = [];
    for (let k = 0; k < n; k++) {
      const left: Record<string, number> = {};
      this.shape.outcomes.forEach((o, j) => {
        left[o] = this.leftByBin[j]![k] ?? 0;
      });
      rows.push({ start: this.origin + k * this.bin, entered: this.enteredByBin[k] ?? 0, left });
    }
    return rows;
  }

  /**
   * The batchers' results (batches, items, waits), by batch name.
   *
   * @example
   * ```ts
   * flow.batches().tube?.batchesReleased; // tubes sealed
   * ```
   */
  batches(): Readonly<Record<string, BatcherResults>> {
    return Object.fromEntries([...this.batchers].map(([b, batcher]) => [b, batcher.results()]));
  }

  // ---------------------------------------------------------------- internals

  private runtime(stations: Map<string, Station>): Runtime {
    const sim = this.sim;
    const stages = this.shape.stages;
    const stageIndex = (s: string) => stages.indexOf(s);
    return {
      name: this.name,
      sim,
      counts: this.counts,
      where: this.where,
      waitingAt: this.waitingAt,
      since: this.since,
      patience: this.patience,
      attrs: this.attrs,
      attributeIndex: (n) => this.attributes.findIndex((a) => a.name === n),
      attributeValues: (a) => this.attributes[a]!.values,
      stageIndex,
      outcomeIndex: (o) => this.shape.outcomes.indexOf(o),
      station: (r) => stations.get(r)!,
      waitRecorder: (k) => this.waitRecorder(k),
      batcher: (b) => this.batchers.get(b)!,
      leave: (i, o) => this.leave(i, o),
      seizes: this.seizes,
      fail: (i, step, detail) => {
        throw new SimulationError(detail, {
          time: sim.now,
          clock: sim.clockOf(sim.now),
          entity: `${this.name}#${i}`,
          step,
        });
      },
    };
  }

  private waitRecorder(k: number): (i: number, wait: number) => void {
    if (this.attributes.length === 0) {
      const t = this.waitAll[k]!;
      return (_i, w) => t.observe(w);
    }
    const by = this.waitBy[k]!;
    const attrs = this.attrs;
    if (attrs.length === 1) {
      const t = by[0]!;
      const a = attrs[0]!;
      return (i, w) => (t[a[i] as number] as Tally).observe(w);
    }
    return (i, w) => {
      for (let a = 0; a < attrs.length; a++)
        ((by[a] as Tally[])[(attrs[a] as Uint8Array)[i] as number] as Tally).observe(w);
    };
  }

  private leave(i: number, o: number): void {
    const now = this.sim.now;
    this.counts[this.where[i]!]!--;
    this.where[i] = 0;
    this.leftTotal++;
    this.leftBy[o]!++;
    this.lastBy[o] = now;
    const sojourn = now - this.arrival[i]!;
    this.sojourn[o]!.observe(sojourn);
    const by = this.sojournBy[o]!;
    for (let a = 0; a < by.length; a++) {
      const value = (this.attrs[a] as Uint8Array)[i] as number;
      ((by[a] as Tally[])[value] as Tally).observe(sojourn);
    }
    bump(this.leftByBin[o]!, this.binOf(now));
    if (this.finishing && this.leftTotal === this.entered) this.maybeFlush();
  }

  private binOf(t: number): number {
    return Math.max(0, Math.floor((t - this.origin) / this.bin));
  }

  private armEntry(): void {
    if (this.nextPending < this.pending.length)
      this.entryHandle = this.sim.at(
        Math.max(this.pending[this.nextPending]!, this.sim.now),
        enterNext,
        this,
      );
    else this.entryHandle = -1;
  }

  /** @internal the pending entry is due: enter it (its first steps run now), then arm the next */
  _enterNext(): void {
    this.nextPending++;
    this.enter();
    this.armEntry();
    if (this.finishing) this.maybeFlush();
  }

  /** @internal the closing time came */
  _close(sendAway: boolean): void {
    this.closingHandle = -1;
    if (!sendAway) return;
    const now = this.sim.now;
    const where = this.where;
    for (let i = 0; i < this.entered; i++) {
      const code = where[i]!;
      // Odd codes are the queues.
      if ((code & 1) === 0) continue;
      const site = this.seizes[this.waitingAt[i] as number]!;
      const handle = this.patience[i] ?? -1;
      if (handle >= 0) this.sim.cancel(handle);
      this.sentHomeTally(this.shape.stages[site.stage]!).observe(now - this.since[i]!);
      for (const h of site.held) h.free(i);
      this.leave(i, this.shape.outcomes.indexOf(SENT_HOME));
    }
  }

  private sentHomeTally(stage: string): Tally {
    let t = this.sentHomeBy.get(stage);
    if (t === undefined) {
      t = new Tally(`${this.name}.sentHome.${stage}`);
      this.sentHomeBy.set(stage, t);
    }
    return t;
  }

  private maybeFlush(): void {
    if (this.flushed || !this.finishing || this.entryHandle >= 0 || this.leftTotal < this.entered) return;
    this.flushed = true;
    for (const b of this.batchers.values()) b.flush();
    if (this.closingHandle >= 0) {
      this.sim.cancel(this.closingHandle);
      this.closingHandle = -1;
    }
    this.onDone?.();
  }

  private stageCode(stage: string): number {
    const k = this.shape.stages.indexOf(stage);
    if (k < 0)
      throw new ParameterError('stage', oneOfNames('a stage of the flow', this.shape.stages, stage), stage);
    return k;
  }

  private attributeCode(attribute: string): number {
    const a = this.attributes.findIndex((x) => x.name === attribute);
    if (a < 0)
      throw new ParameterError(
        'attribute',
        oneOfNames(
          'an attribute of the flow',
          this.attributes.map((x) => x.name),
          attribute,
        ),
        attribute,
      );
    return a;
  }

  private outcomeCode(outcome: string): number {
    const o = this.shape.outcomes.indexOf(outcome);
    if (o < 0)
      throw new ParameterError(
        'outcome',
        oneOfNames('an outcome of the flow', this.shape.outcomes, outcome),
        outcome,
      );
    return o;
  }
}

function enterNext(flow: Flow): void {
  flow._enterNext();
}

function sendHome(flow: Flow): void {
  flow._close(true);
}

function markClosed(flow: Flow): void {
  flow._close(false);
}

function finiteOr(v: unknown, fallback: number, path: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParameterError(path, 'a finite number', v);
  return v;
}

function bump(a: number[], k: number, n = 1): void {
  while (a.length <= k) a.push(0);
  a[k]! += n;
}

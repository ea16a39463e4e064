/**
 * The isolation-site setup model: volunteers take units of work from a shared board, in priority
 * order, as precedence and stock allow; a bed is ready when all its bed-scope units are done.
 *
 * Mechanics (all in one {@link Simulation}, so other models can wait on {@link SiteSetup.bedsReady}):
 *
 * - a unit becomes *available* when its precedence is met, and is put on the work board (a
 *   priority {@link Store}); site-scope units come first, then beds in order (`bed-first`) or tasks
 *   in order (`task-first`);
 * - each volunteer is a process that starts at its arrival, takes the first available unit, takes its
 *   material from stock (a {@link Container}; waits if short), works the sampled person-time, and
 *   completes it, which may make other units available;
 * - volunteer processes are daemons: when the board is empty for good they simply stay idle, and
 *   the run ends when nothing is left on the calendar.
 *
 * Every unit is accounted for at any time: done, in progress (taken, incl. waiting for material),
 * available (on the board), or blocked (precedence not met), and these add up to the task's units.
 *
 * @module
 */
import { Container, type SimEvent, type Simulation, SimulationError, Store } from '../../src/index.js';
import type { ResolvedSiteSetup, ResolvedTask } from './params.js';

/** A unit of work on the board. @internal */
interface Unit {
  readonly task: ResolvedTask;
  /** Bed index (bed scope) or unit index (site scope), from 0. */
  readonly index: number;
}

/**
 * Per-task accounting; `done + inProgress + available + blocked = units`.
 *
 * @example
 * ```ts
 * const t: TaskAccount = { task: 'bedding', scope: 'bed', units: 500, done: 500, inProgress: 0, available: 0, blocked: 0,
 *   firstStart: 1800, lastEnd: 14400, workPersonHours: 144 };
 * ```
 */
export interface TaskAccount {
  /** The task's name. */
  readonly task: string;
  /** `'bed'`: one unit per bed; `'site'`: its own number of units. */
  readonly scope: 'bed' | 'site';
  /** Units of the task: the bed count for bed-scope tasks. */
  readonly units: number;
  /** Units completed. */
  readonly done: number;
  /** Taken by a volunteer: working, or waiting at the stock pile. */
  readonly inProgress: number;
  /** On the board, waiting for a volunteer. */
  readonly available: number;
  /** Precedence not yet met. */
  readonly blocked: number;
  /** First start and last completion (simulated time), null before any. */
  readonly firstStart: number | null;
  /** Simulated time the last unit completed so far, or null before any. */
  readonly lastEnd: number | null;
  /** Person-hours worked on completed units. */
  readonly workPersonHours: number;
}

/**
 * A point of the readiness curve: `ready` beds from `time` on.
 *
 * @example
 * ```ts
 * const p: ReadyPoint = { time: 3600, clock: '17:00', ready: 12 };
 * ```
 */
export interface ReadyPoint {
  /** Simulated seconds from which `ready` beds are ready. */
  readonly time: number;
  /** `time` as a clock time (`t=…` seconds when the simulation has no epoch). */
  readonly clock: string;
  /** Beds ready from `time` on: 1 at the first point, then one more at each. */
  readonly ready: number;
}

/**
 * The crew's time, in person-hours, from each volunteer's arrival to the end of the window.
 *
 * @example
 * ```ts
 * const c: CrewAccount = { size: 110, arrived: 110, availablePersonHours: 412, busyPersonHours: 400,
 *   materialWaitPersonHours: 0, utilisation: 0.97 };
 * ```
 */
export interface CrewAccount {
  /** Volunteers in the crew. */
  readonly size: number;
  /** Volunteers who have arrived by the snapshot time. */
  readonly arrived: number;
  /** Σ (window end − arrival) over arrived volunteers. */
  readonly availablePersonHours: number;
  /** Time working on units (completed or in progress). */
  readonly busyPersonHours: number;
  /** Time holding a unit while waiting for stock. */
  readonly materialWaitPersonHours: number;
  /** busy / available, or null before anyone arrived. */
  readonly utilisation: number | null;
}

/**
 * Stock of one material.
 *
 * @example
 * ```ts
 * const m: MaterialAccount = { material: 'bedding kits', initial: 200, delivered: 300, used: 500, level: 0 };
 * ```
 */
export interface MaterialAccount {
  /** The material's name. */
  readonly material: string;
  /** Stock at the start. */
  readonly initial: number;
  /** Amount delivered so far (deliveries whose time has passed). */
  readonly delivered: number;
  /** Amount taken so far by volunteers starting units. */
  readonly used: number;
  /** Stock on hand now: initial + delivered − used. */
  readonly level: number;
}

/**
 * The state of the setup at a time: plain data.
 *
 * @example
 * ```ts
 * const s = setup.snapshot();
 * s.beds.ready + s.beds.started + s.beds.notStarted === 500; // true
 * ```
 */
export interface SiteSetupSnapshot {
  /** Simulated seconds of the snapshot. */
  readonly time: number;
  /** `time` as a clock time (`t=…` seconds when the simulation has no epoch). */
  readonly clock: string;
  /** Beds ready, started (some bed task taken or done, not all done), not started. */
  readonly beds: { readonly ready: number; readonly started: number; readonly notStarted: number };
  /** Accounting of every task, in task order. */
  readonly tasks: readonly TaskAccount[];
  /** The crew's time so far, in person-hours. */
  readonly crew: CrewAccount;
  /** Stock of every material, in the order given. */
  readonly materials: readonly MaterialAccount[];
  /** Time every unit of every task was done, null while some remain. */
  readonly completedAt: number | null;
}

/** Per-volunteer bookkeeping. @internal */
interface Volunteer {
  arrival: number;
  arrived: boolean;
  busy: number;
  materialWait: number;
  /** Start of the current unit's work or stock wait, or NaN when idle. */
  since: number;
  waitingForStock: boolean;
}

/**
 * The setup running in a simulation. Build it before `sim.run()`; wait on {@link SiteSetup.bedsReady}
 * from other processes; read {@link SiteSetup.snapshot} and {@link SiteSetup.readyCurve} at any time.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, epoch: '2022-04-13T01:30+08:00' });
 * const setup = new SiteSetup(sim, resolveSiteSetup(sim, {}));
 * sim.process(function* () { yield* setup.bedsReady(327); console.log('327 beds at', sim.clock()); }());
 * sim.run();
 * ```
 */
export class SiteSetup {
  private readonly board: Store<Unit>;
  private readonly stock: Container[];
  private readonly delivered: number[];
  private readonly blockedBy: Int32Array[];
  private readonly wholeWaiters: number[][];
  private readonly doneCount: number[];
  private readonly taken: number[];
  private readonly onBoard: number[];
  private readonly firstStart: (number | null)[];
  private readonly lastEnd: (number | null)[];
  private readonly workDone: number[];
  private readonly bedTasksDone: Int32Array;
  private readonly bedTouched: Uint8Array;
  private readonly bedTaskCount: number;
  private readonly volunteers: Volunteer[];
  private readonly readyTimes: number[] = [];
  private readonly waiters: { n: number; event: SimEvent<number> }[] = [];
  private touched = 0;
  private completed: number | null = null;
  private remainingUnits: number;

  constructor(
    /** The simulation it runs in. */
    readonly sim: Simulation,
    /** The resolved parameters (see `resolveSiteSetup`). */
    readonly params: ResolvedSiteSetup,
  ) {
    const p = params;
    const T = p.tasks.length;
    this.board = new Store<Unit>(sim, { name: 'setup.board' });
    this.stock = p.materials.map(
      (m) => new Container(sim, { name: `setup.stock(${m.name})`, init: m.initial }),
    );
    this.delivered = p.materials.map(() => 0);
    this.doneCount = new Array<number>(T).fill(0);
    this.taken = new Array<number>(T).fill(0);
    this.onBoard = new Array<number>(T).fill(0);
    this.firstStart = new Array<number | null>(T).fill(null);
    this.lastEnd = new Array<number | null>(T).fill(null);
    this.workDone = new Array<number>(T).fill(0);
    this.bedTasksDone = new Int32Array(p.beds);
    this.bedTouched = new Uint8Array(p.beds);
    this.bedTaskCount = p.tasks.filter((t) => t.scope === 'bed').length;
    this.remainingUnits = p.tasks.reduce((s, t) => s + t.units, 0);
    // Unmet prerequisites per unit: one per per-bed link, one per whole-task link.
    this.blockedBy = p.tasks.map((t) => new Int32Array(t.units).fill(t.perBed.length + t.whole.length));
    this.wholeWaiters = p.tasks.map(() => []);
    for (const t of p.tasks) for (const j of t.whole) this.wholeWaiters[j]!.push(t.index);

    const rng = sim.stream('siteSetup.crewArrival');
    const offsets =
      p.arrival.kind === 'times'
        ? [...p.arrival.times]
        : Array.from({ length: p.crewSize }, () =>
            p.arrival.kind === 'within' ? p.arrival.within * rng.next() : 0,
          );
    this.volunteers = offsets.map((o) => ({
      arrival: p.start + o,
      arrived: false,
      busy: 0,
      materialWait: 0,
      since: Number.NaN,
      waitingForStock: false,
    }));
    this.volunteers.forEach((v, i) => {
      sim.at(v.arrival, () => {
        v.arrived = true;
        sim.process(this.work(v), { name: `volunteer#${i + 1}`, daemon: true });
      });
    });
    p.materials.forEach((m, i) => {
      for (const d of m.deliveries)
        sim.at(p.start + d.at, () => {
          this.delivered[i]! += d.amount;
          this.stock[i]!.put(d.amount);
        });
    });
    sim.at(p.start, () => {
      for (const t of p.tasks)
        for (let u = 0; u < t.units; u++)
          if (this.blockedBy[t.index]![u] === 0) this.post({ task: t, index: u });
    });
  }

  /**
   * An event that succeeds (with its time) when `n` beds are ready — at once if they already are.
   * The bus transfer waits on `bedsReady(327)`.
   *
   * @example
   * ```ts
   * sim.process(function* () { yield* setup.bedsReady(327); buses.open(); }());
   * ```
   */
  bedsReady(n: number): SimEvent<number> {
    if (!(Number.isInteger(n) && n >= 1 && n <= this.params.beds))
      throw new SimulationError(`bedsReady(n): expected an integer in [1, ${this.params.beds}], got ${n}`, {
        time: this.sim.now,
        clock: this.sim.clock(),
      });
    const ev = this.sim.event<number>();
    const t = this.readyTimes[n - 1];
    if (t !== undefined) ev.succeed(t);
    else this.waiters.push({ n, event: ev });
    return ev;
  }

  /**
   * Beds ready now.
   *
   * @example
   * ```ts
   * setup.ready; // 0 before the start
   * ```
   */
  get ready(): number {
    return this.readyTimes.length;
  }

  /**
   * The time `n` beds were ready, or null if not (yet).
   *
   * @example
   * ```ts
   * setup.timeOfReady(500); // e.g. 66_000 (≈ 19:50 with a 01:30 epoch)
   * ```
   */
  timeOfReady(n: number): number | null {
    return this.readyTimes[n - 1] ?? null;
  }

  /**
   * The readiness curve: one point per bed, in time order (bounded by the number of beds).
   *
   * @example
   * ```ts
   * setup.readyCurve().at(-1); // { time, clock, ready: 500 }
   * ```
   */
  readyCurve(): ReadyPoint[] {
    return this.readyTimes.map((time, i) => ({ time, clock: this.sim.clock(time), ready: i + 1 }));
  }

  /**
   * Accounting at the current time (see {@link SiteSetupSnapshot}). The crew window ends at the
   * completion of the last unit, or now while work remains.
   *
   * @example
   * ```ts
   * setup.snapshot().crew.utilisation;
   * ```
   */
  snapshot(): SiteSetupSnapshot {
    const now = this.sim.now;
    const end = this.completed ?? now;
    const tasks: TaskAccount[] = this.params.tasks.map((t, i) => ({
      task: t.name,
      scope: t.scope,
      units: t.units,
      done: this.doneCount[i]!,
      inProgress: this.taken[i]! - this.doneCount[i]!,
      available: this.onBoard[i]!,
      blocked: t.units - this.taken[i]! - this.onBoard[i]!,
      firstStart: this.firstStart[i]!,
      lastEnd: this.lastEnd[i]!,
      workPersonHours: this.workDone[i]! / 3600,
    }));
    let available = 0;
    let busy = 0;
    let wait = 0;
    let arrived = 0;
    for (const v of this.volunteers) {
      if (!v.arrived) continue;
      arrived++;
      available += Math.max(0, end - v.arrival);
      busy += v.busy;
      wait += v.materialWait;
      // Count the open stretch of a unit still being worked on (or waited for) at `end`.
      if (!Number.isNaN(v.since) && end > v.since) {
        if (v.waitingForStock) wait += end - v.since;
        else busy += end - v.since;
      }
    }
    const ready = this.readyTimes.length;
    return {
      time: now,
      clock: this.sim.clock(now),
      beds: { ready, started: this.touched - ready, notStarted: this.params.beds - this.touched },
      tasks,
      crew: {
        size: this.params.crewSize,
        arrived,
        availablePersonHours: available / 3600,
        busyPersonHours: busy / 3600,
        materialWaitPersonHours: wait / 3600,
        utilisation: available > 0 ? busy / available : null,
      },
      materials: this.params.materials.map((m, i) => ({
        material: m.name,
        initial: m.initial,
        delivered: this.delivered[i]!,
        used: this.stock[i]!.accounting().gotAmount,
        level: this.stock[i]!.level,
      })),
      completedAt: this.completed,
    };
  }

  /** Put a unit on the board, with its priority. */
  private post(u: Unit): void {
    const p = this.params;
    const T = p.tasks.length;
    const prio =
      u.task.scope === 'site'
        ? -1 - (T - u.task.index) // site units first, in task order
        : p.order === 'bed-first'
          ? u.index * T + u.task.index
          : u.task.index * p.beds + u.index;
    this.onBoard[u.task.index]!++;
    this.board.put(u, prio);
  }

  /** One volunteer: take units off the board until the run ends. */
  private *work(v: Volunteer) {
    const sim = this.sim;
    const rngs = this.params.tasks.map((t) => sim.stream(`siteSetup.work(${t.name})`));
    for (;;) {
      const u: Unit = yield* this.board.get();
      const t = u.task;
      this.onBoard[t.index]!--;
      this.taken[t.index]!++;
      if (t.scope === 'bed' && this.bedTouched[u.index] === 0) {
        this.bedTouched[u.index] = 1;
        this.touched++;
      }
      if (this.firstStart[t.index] === null) this.firstStart[t.index] = sim.now;
      if (t.material !== null) {
        v.since = sim.now;
        v.waitingForStock = true;
        yield* this.stock[t.material.index]!.get(t.material.perUnit);
        v.materialWait += sim.now - v.since;
        v.waitingForStock = false;
      }
      const w = t.work.sample(rngs[t.index]!);
      v.since = sim.now;
      yield* sim.delay(w);
      v.busy += w;
      v.since = Number.NaN;
      this.workDone[t.index]! += w;
      this.complete(u);
    }
  }

  /** A unit is done: release what waited for it, count beds, fire bedsReady events. */
  private complete(u: Unit): void {
    const t = u.task;
    const now = this.sim.now;
    this.doneCount[t.index]!++;
    this.lastEnd[t.index] = now;
    this.remainingUnits--;
    // Per-bed successors of this bed task.
    if (t.scope === 'bed') {
      for (const s of this.params.tasks) if (s.perBed.includes(t.index)) this.unblock(s, u.index);
      if (++this.bedTasksDone[u.index]! === this.bedTaskCount) this.bedReady(now);
    }
    // Whole-task successors once every unit of this task is done.
    if (this.doneCount[t.index] === t.units)
      for (const s of this.wholeWaiters[t.index]!)
        for (let k = 0; k < this.params.tasks[s]!.units; k++) this.unblock(this.params.tasks[s]!, k);
    if (this.remainingUnits === 0) this.completed = now;
  }

  private unblock(t: ResolvedTask, index: number): void {
    const left = --this.blockedBy[t.index]![index]!;
    if (left === 0) this.post({ task: t, index });
  }

  private bedReady(now: number): void {
    this.readyTimes.push(now);
    const n = this.readyTimes.length;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.n <= n) {
        this.waiters.splice(i, 1);
        w.event.succeed(now);
      }
    }
  }
}

/**
 * Monitor tables, simmer's `get_mon_arrivals()` and `get_mon_resources()`: a full trace of a run as two
 * tidy tables, filled automatically when a {@link Simulation} is made with `tables: true`.
 *
 * - **Resources** ({@link RESOURCE_COLUMNS}): one row when the resource is created (its starting
 *   state) and one row per change of busy units, queue length or capacity after that, in the order
 *   the changes happen across all resources. A call that changes nothing (a balk) adds no row.
 * - **Arrivals** ({@link ARRIVALS_COLUMNS}): one row per **process that made at least one request** to
 *   a resource of the simulation, in the order of their first requests. The process is the arrival:
 *   `entity` is its name (name customer processes: `sim.process(customer(), { name: 'resident#17' })`),
 *   `start` the time it was started, `end` the time it ended (null while it runs). `wait` is the time
 *   its requests spent queued (up to grant, renege, cancellation, or now), and `service` everything
 *   else between start and end: activities, walking, holding units — simmer's activity time. The
 *   outcome is `reneged` or `balked` if any of its requests did, else `finished` once it ended, else
 *   `queued` (a request is waiting now) or `in-service`; `finished` is true for `finished` only.
 *   Daemon processes (servers, generators) and requests made from callbacks are not arrivals, nor are
 *   callback-style seizes, which have no identity.
 *
 * Storage is column-wise (one array per column), and a process's requests are kept only until it ends.
 * The tables grow with the number of entities and changes: ask for them for tests, traces and charts,
 * not for long production runs, which the standard monitors cover in constant memory. When the option
 * is off nothing is attached and nothing is kept. `resetMonitors()` does not clear them: they are the
 * whole run.
 *
 * @module
 */
import type { SimEvent } from '../kernel/event.js';
import type { Process } from '../kernel/process.js';
import type { Request } from '../resources/request.js';
import type { Resource, ResourceObserver } from '../resources/resource.js';
import { ARRIVALS_COLUMNS, RESOURCE_COLUMNS } from '../stats/schemas.js';
import type { RunKey } from '../stats/summaryTable.js';
import type { Schema, Table } from '../stats/table.js';

const RENEGED = 1;
const BALKED = 2;

/** A process that made requests and has not ended yet. */
interface LiveArrival {
  /** Its row in the arrival columns. */
  readonly row: number;
  /** Its requests, folded into the row when it ends. */
  readonly requests: Request[];
}

/**
 * The two monitor tables of one simulation. Made by {@link Simulation} when `tables: true`; read them
 * with `sim.arrivalsTable()` and `sim.resourcesTable()`.
 *
 * @internal
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, tables: true });
 * // ... resources and processes, sim.run()
 * sim.resourcesTable().columns.queue;
 * ```
 */
export class MonitorTables {
  // Resource table columns.
  private readonly resource: string[] = [];
  private readonly time: number[] = [];
  private readonly busy: number[] = [];
  private readonly queue: number[] = [];
  private readonly capacity: (number | null)[] = [];
  // Arrival table columns; `wait` and `flags` are final only once the process ended.
  private readonly entity: string[] = [];
  private readonly start: number[] = [];
  private readonly end: (number | null)[] = [];
  private readonly wait: number[] = [];
  private readonly flags: number[] = [];
  /** Start times of the processes started in the simulation; weak, so ended processes are not kept. */
  private readonly started = new WeakMap<Process<any>, number>();
  private readonly live = new Map<Process<any>, LiveArrival>();
  private readonly onEnd = (event: SimEvent<any>): void => this.ended(event as Process<any>);

  constructor(
    /** Current simulated time. */
    private readonly now: () => number,
  ) {}

  /** A process was started now. */
  processStarted(p: Process<any>): void {
    this.started.set(p, this.now());
  }

  /** Record `resource` from now on: its starting state, then every change. */
  watch(resource: Resource): void {
    resource.addObserver(new ResourceRecorder(this, resource));
  }

  /** @internal one resource row */
  addResourceRow(name: string, time: number, busy: number, queued: number, capacity: number): void {
    this.resource.push(name);
    this.time.push(time);
    this.busy.push(busy);
    this.queue.push(queued);
    this.capacity.push(Number.isFinite(capacity) ? capacity : null);
  }

  /** @internal a process-style request was made */
  requested(req: Request): void {
    const owner = req.owner;
    if (owner === null || owner.daemon) return;
    let arrival = this.live.get(owner);
    if (arrival === undefined) {
      arrival = { row: this.entity.length, requests: [] };
      this.entity.push(owner.name);
      this.start.push(this.started.get(owner) ?? this.now());
      this.end.push(null);
      this.wait.push(0);
      this.flags.push(0);
      this.live.set(owner, arrival);
      owner.onProcessed(this.onEnd);
    }
    arrival.requests.push(req);
  }

  private ended(p: Process<any>): void {
    const arrival = this.live.get(p);
    if (arrival === undefined) return;
    const { wait, flags } = fold(arrival.requests);
    this.end[arrival.row] = this.now();
    this.wait[arrival.row] = wait;
    this.flags[arrival.row] = flags;
    this.live.delete(p);
  }

  /** The resource table so far, with the run key in every row. */
  resources(key: RunKey): Table<typeof RESOURCE_COLUMNS> {
    const n = this.time.length;
    return table(RESOURCE_COLUMNS, n, {
      ...keyColumns(key, n),
      resource: this.resource.slice(),
      time: this.time.slice(),
      busy: this.busy.slice(),
      queue: this.queue.slice(),
      capacity: this.capacity.slice(),
    });
  }

  /** The arrivals table as of now: processes still running are shown with their state now. */
  arrivals(key: RunKey): Table<typeof ARRIVALS_COLUMNS> {
    const n = this.entity.length;
    const now = this.now();
    const wait = this.wait.slice();
    const flags = this.flags.slice();
    const queued = new Array<boolean>(n).fill(false);
    for (const { row, requests } of this.live.values()) {
      const f = fold(requests);
      wait[row] = f.wait;
      flags[row] = f.flags;
      queued[row] = f.queued;
    }
    const service = new Array<number>(n);
    const finished = new Array<boolean>(n);
    const outcome = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const end = this.end[i]!;
      service[i] = (end ?? now) - this.start[i]! - wait[i]!;
      const o =
        flags[i]! & RENEGED
          ? 'reneged'
          : flags[i]! & BALKED
            ? 'balked'
            : end !== null
              ? 'finished'
              : queued[i]
                ? 'queued'
                : 'in-service';
      outcome[i] = o;
      finished[i] = o === 'finished';
    }
    return table(ARRIVALS_COLUMNS, n, {
      ...keyColumns(key, n),
      entity: this.entity.slice(),
      start: this.start.slice(),
      end: this.end.slice(),
      wait,
      service,
      finished,
      outcome,
    });
  }
}

/** Total queueing time of `requests` (so far), whether any reneged or balked, whether one waits now. */
function fold(requests: readonly Request[]): { wait: number; flags: number; queued: boolean } {
  let wait = 0;
  let flags = 0;
  let queued = false;
  for (const r of requests) {
    wait += r.waited;
    if (r.status === 'reneged') flags |= RENEGED;
    else if (r.status === 'balked') flags |= BALKED;
    else if (r.status === 'queued') queued = true;
  }
  return { wait, flags, queued };
}

function keyColumns(key: RunKey, n: number) {
  return {
    scenario: new Array<string>(n).fill(key.scenario),
    replication: new Array<number>(n).fill(key.replication),
    seed: new Array<number>(n).fill(key.seed),
  };
}

/** A frozen table from columns that are right by construction (types fixed by the recorders). */
function table<S extends Schema>(schema: S, length: number, columns: Record<string, unknown[]>): Table<S> {
  const frozen: Record<string, readonly unknown[]> = {};
  for (const c of schema) frozen[c.name] = Object.freeze(columns[c.name]!);
  return Object.freeze({ schema, length, columns: Object.freeze(frozen) }) as unknown as Table<S>;
}

/** Appends a row to the resource table for each change of one resource. */
class ResourceRecorder implements ResourceObserver {
  private lastBusy: number;
  private lastQueue: number;
  private lastCapacity: number;

  constructor(
    private readonly tables: MonitorTables,
    private readonly resource: Resource,
  ) {
    this.lastBusy = resource.busy;
    this.lastQueue = resource.queueLength;
    this.lastCapacity = resource.capacity;
    tables.addResourceRow(resource.name, resource.env.now, this.lastBusy, this.lastQueue, this.lastCapacity);
  }

  changed(time: number, busy: number, queued: number, capacity: number): void {
    if (busy === this.lastBusy && queued === this.lastQueue && capacity === this.lastCapacity) return;
    this.lastBusy = busy;
    this.lastQueue = queued;
    this.lastCapacity = capacity;
    this.tables.addResourceRow(this.resource.name, time, busy, queued, capacity);
  }

  requested(request: Request): void {
    this.tables.requested(request);
  }
}

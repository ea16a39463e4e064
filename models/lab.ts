/**
 * Lab: the optional last stage of mass testing — pooled tubes are run on machines in batches, and the
 * campaign's "time to the last result" is when the last tube's result comes out.
 *
 * A lab has `machines`, each running up to `batchSize` tubes per run of `runTime` (a 96-well plate of
 * PCR is the usual picture). A free machine starts a run at the end of the instant in which tubes are
 * waiting, with as many as are waiting up to `batchSize`: every delivery made at that instant (several
 * sites' couriers arriving together) shares the plate, but a free machine does not hold back beyond the
 * current instant to fill it (at night the last tubes must not wait for company). Tubes arrive from the
 * sites' couriers (see models/sampling-site.ts).
 *
 * Defaults (assumptions [X], cal §1a national capacity and §2 "results ≈6 h after sampling"):
 * 4 machines, 94 tubes per run (96 wells less 2 controls), 2.5 h per run.
 *
 * @module
 */
import { Priority, type Simulation, Tally, type TallySummary } from '../src/index.js';
import { givenPaths, type ParameterSource, type ParameterUse, provenanceOf } from './provenance.js';
import { count, parseParams, seconds, strictObject } from './values.js';

/**
 * Where the lab's defaults come from: all three are assumptions [X]. The calibration notes give
 * national capacity (cal §1a) and the 6-h result norm (cal §2), not a county lab's machines.
 *
 * @example
 * ```ts
 * LAB_DEFAULTS.find((r) => r.path === 'runTime')?.value; // 9000
 * ```
 */
export const LAB_DEFAULTS: readonly ParameterSource[] = [
  {
    path: 'machines',
    value: 4,
    basis: 'assumed',
    sources: ['cal §1a'],
    note: '[X] PCR machines at the county lab; range 2–40 considered (cal §1a is national capacity only)',
  },
  {
    path: 'batchSize',
    value: 94,
    basis: 'assumed',
    sources: [],
    note: '[X] tubes per run: a 96-well plate less 2 controls',
  },
  {
    path: 'runTime',
    value: 9000,
    basis: 'assumed',
    sources: ['cal §2'],
    note: '[X] 2.5 h per run (extraction + PCR), inside the ≈6 h from sampling to result of cal §2',
  },
];

/**
 * Lab input: machines, tubes per run, run time (with units).
 *
 * @example
 * ```ts
 * const lab: LabInput = { machines: 6, batchSize: 94, runTime: '2.5 h' };
 * ```
 */
export interface LabInput {
  /** Machines running in parallel (integer 1 to 10 000; default 4). */
  readonly machines?: number;
  /** Tubes per run at most (integer 1 to 100 000; default 94: a 96-well plate less 2 controls). */
  readonly batchSize?: number;
  /** Time of one run, seconds or with units such as `"2.5 h"` (must be > 0; default 9000 s). */
  readonly runTime?: number | string;
}

/**
 * Lab results: tubes received and resulted, runs, time of the last result, tube turnaround.
 *
 * @example
 * ```ts
 * const r: LabResults = lab.results();
 * ```
 */
export interface LabResults {
  /** Machines running in parallel. */
  readonly machines: number;
  /** Tubes per run at most. */
  readonly batchSize: number;
  /** Time of one run, seconds. */
  readonly runTime: number;
  /** Tubes delivered to the lab so far. */
  readonly received: number;
  /** Tubes whose run has finished. */
  readonly resulted: number;
  /** Tubes waiting or in a run at the end. */
  readonly pending: number;
  /** Runs started so far (finished or under way). */
  readonly runs: number;
  /** Time of the last result (null before any). */
  readonly lastResult: number | null;
  /** `lastResult` as a clock time, or null before any result or when the simulation has no epoch. */
  readonly lastResultClock: string | null;
  /** From the tube's sealing at the site to its result, seconds. */
  readonly turnaround: TallySummary;
  /** Each default of {@link LAB_DEFAULTS}, marked `default` or `given`. */
  readonly provenance: readonly ParameterUse[];
}

const LAB = strictObject({
  machines: count(1, 10_000).default(4),
  batchSize: count(1, 100_000).default(94),
  runTime: seconds.refine((t) => t > 0, { error: 'a duration > 0' }).default(9000),
});

/**
 * Validate a lab input and fill defaults.
 *
 * @throws ParameterError (a `SpecError`) listing every bad field, each with its path and value.
 * @example
 * ```ts
 * resolveLab({ runTime: '2 h' }, 'lab'); // { machines: 4, batchSize: 94, runTime: 7200 }
 * ```
 */
export function resolveLab(
  input: unknown,
  path = 'lab',
): { machines: number; batchSize: number; runTime: number } {
  return parseParams(LAB, input, path, 'lab');
}

/**
 * A lab installed in a simulation; feed it with {@link Lab.receive} (a site's delivery hook).
 *
 * @example
 * ```ts
 * const lab = new Lab(sim, { machines: 2 });
 * installSamplingSite(sim, params, '', lab.receive);
 * sim.run();
 * lab.results().lastResult;
 * ```
 */
export class Lab {
  /** Machines running in parallel, after validation. */
  readonly machines: number;
  /** Tubes per run at most, after validation. */
  readonly batchSize: number;
  /** Time of one run, seconds, after validation. */
  readonly runTime: number;
  private idle: number;
  private readonly queue: number[] = [];
  private head = 0;
  /** A start is scheduled for the end of the current instant. */
  private startPending = false;
  private received = 0;
  private resulted = 0;
  private runs = 0;
  private lastResult = Number.NaN;
  private readonly turnaround = new Tally('lab.turnaround');
  private readonly given: string[];

  constructor(
    /** The simulation the lab runs in. */
    readonly sim: Simulation,
    input: LabInput = {},
    path = 'lab',
  ) {
    const r = resolveLab(input, path);
    this.machines = r.machines;
    this.batchSize = r.batchSize;
    this.runTime = r.runTime;
    this.idle = r.machines;
    this.given = givenPaths(input);
  }

  /** Tubes arrive (their sealing times); bound, so it can be passed as a delivery hook. */
  readonly receive = (_time: number, sealedAt: readonly number[]): void => {
    for (const t of sealedAt) this.queue.push(t);
    this.received += sealedAt.length;
    this.startLater();
  };

  /**
   * Start runs at the end of the current instant rather than now: a zero-delay callback at
   * `Priority.LATE` runs after every ordinary event due at this time, so tubes delivered by several
   * couriers at the same instant (and tubes arriving just as a machine frees) go on one plate.
   * Starting in `receive` itself gave each delivery its own run, so pooling never moved the last result.
   */
  private startLater(): void {
    if (this.startPending) return;
    this.startPending = true;
    this.sim.schedule(0, this.start, undefined, Priority.LATE);
  }

  private readonly start = (): void => {
    this.startPending = false;
    while (this.idle > 0 && this.head < this.queue.length) {
      const batch = this.queue.slice(this.head, this.head + this.batchSize);
      this.head += batch.length;
      // Drop consumed entries now and then so the queue does not grow with the whole campaign.
      if (this.head > 4096) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.idle--;
      this.runs++;
      this.sim.schedule(this.runTime, this.finish, batch);
    }
  };

  private readonly finish = (batch: number[]): void => {
    const now = this.sim.now;
    for (const t of batch) this.turnaround.observe(now - t);
    this.resulted += batch.length;
    this.lastResult = now;
    this.idle++;
    this.startLater();
    if (this.resulted === this.received) this.onSettled?.();
  };

  /** Every tube received so far has a result (nothing waits, nothing runs). */
  get settled(): boolean {
    return this.resulted === this.received;
  }

  /** Called whenever the lab becomes {@link Lab.settled} after a run (a runner sets it to stop the calendar). */
  onSettled: (() => void) | null = null;

  /** Results at the current time. */
  results(): LabResults {
    const last = Number.isNaN(this.lastResult) ? null : this.lastResult;
    return {
      machines: this.machines,
      batchSize: this.batchSize,
      runTime: this.runTime,
      received: this.received,
      resulted: this.resulted,
      pending: this.received - this.resulted,
      runs: this.runs,
      lastResult: last,
      lastResultClock: last !== null && this.sim.epoch ? this.sim.clock(last) : null,
      turnaround: this.turnaround.summary(),
      provenance: provenanceOf(LAB_DEFAULTS, this.given),
    };
  }
}

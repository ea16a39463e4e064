/**
 * The standard monitor of a resource: busy units, queue length and capacity over time (time-weighted)
 * and the waits of granted requests (a tally), in memory that does not grow with the number of
 * entities. A {@link Simulation} attaches one to every resource it creates unless monitors are
 * switched off.
 *
 * @module
 */
import type { Resource, ResourceAccounting, ResourceObserver } from '../resources/resource.js';
import { Tally, type TallySummary } from '../stats/tally.js';
import { TimeWeighted, type TimeWeightedSummary } from '../stats/timeWeighted.js';

/** What a {@link ResourceMonitor} reports: plain JSON. */
export interface ResourceReport {
  /** The resource's name. */
  readonly name: string;
  /** Capacity now. */
  readonly capacity: number;
  /** Busy units averaged over time, divided by capacity averaged over time (null before any time passed). */
  readonly utilisation: number | null;
  /** Time-weighted busy units. */
  readonly busy: TimeWeightedSummary;
  /** Time-weighted queue length. */
  readonly queue: TimeWeightedSummary;
  /** Time-weighted capacity (constant unless the capacity changed). */
  readonly capacityOverTime: TimeWeightedSummary;
  /** Waits of process-style requests from request to grant. */
  readonly waits: TallySummary;
  /** The resource's counts, which add up (see {@link Resource.accounting}). */
  readonly accounting: ResourceAccounting;
}

/**
 * Watches one resource through its observer hook.
 *
 * @example
 * ```ts
 * const monitor = new ResourceMonitor(clerks);   // attaches itself
 * sim.run();
 * monitor.report(sim.now).utilisation;
 * ```
 */
export class ResourceMonitor implements ResourceObserver {
  /** Busy units over time. */
  readonly busy: TimeWeighted;
  /** Waiting requests over time. */
  readonly queue: TimeWeighted;
  /** Capacity over time. */
  readonly capacity: TimeWeighted;
  /** Waits from request to grant. */
  readonly waits: Tally;
  private lastCapacity: number;

  constructor(
    /** The resource observed; the monitor is its observer. */
    readonly resource: Resource,
  ) {
    const t = resource.env.now;
    this.busy = new TimeWeighted(`${resource.name}.busy`, { time: t, level: resource.busy });
    this.queue = new TimeWeighted(`${resource.name}.queue`, { time: t, level: resource.queueLength });
    this.lastCapacity = resource.capacity;
    this.capacity = new TimeWeighted(`${resource.name}.capacity`, {
      time: t,
      level: finiteCapacity(resource.capacity),
    });
    this.waits = new Tally(`${resource.name}.wait`, { time: t });
    resource.addObserver(this);
  }

  /** {@link ResourceObserver} hook, called by the resource: update the levels that moved. */
  changed(time: number, busy: number, queued: number, capacity: number): void {
    // Most changes move one count only (a grant from a free unit moves busy, a wait moves the queue,
    // a hand-over to the next in line moves the queue). A level that did not move is not updated: its
    // interval simply runs on to the next change, which credits the same area, so the report is the
    // same and the monitor does half the work on a typical seize or free (the monitor overhead bench).
    if (busy !== this.busy.level) this.busy.update(time, busy);
    if (queued !== this.queue.level) this.queue.update(time, queued);
    if (capacity !== this.lastCapacity) {
      this.lastCapacity = capacity;
      this.capacity.update(time, finiteCapacity(capacity));
    }
  }

  /** {@link ResourceObserver} hook, called by the resource: record a granted request's wait. */
  waited(_time: number, wait: number): void {
    this.waits.observe(wait);
  }

  /** Forget everything before `time` (warm-up deletion); levels carry on from their current values. */
  reset(time: number): void {
    this.busy.reset(time);
    this.queue.reset(time);
    this.capacity.reset(time);
    this.waits.reset(time);
  }

  /** The report at time `at` (usually the end of the run). */
  report(at: number): ResourceReport {
    const busy = this.busy.summary(at);
    const capacityOverTime = this.capacity.summary(at);
    const meanBusy = this.busy.mean(at);
    const meanCapacity = this.capacity.mean(at);
    return {
      name: this.resource.name,
      capacity: this.resource.capacity,
      utilisation:
        meanBusy === undefined || meanCapacity === undefined || meanCapacity === 0
          ? null
          : meanBusy / meanCapacity,
      busy,
      queue: this.queue.summary(at),
      capacityOverTime,
      waits: this.waits.summary(),
      accounting: this.resource.accounting(),
    };
  }
}

/** Infinite capacity is recorded as 0 in the time-weighted capacity (utilisation is then undefined). */
function finiteCapacity(c: number): number {
  return Number.isFinite(c) ? c : 0;
}

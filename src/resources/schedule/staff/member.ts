/**
 * A person of a staffed resource and their roster timeline: the stretches of each shift at the post
 * (presence, and when accepting work ends within it), and the next instant their state changes of its
 * own accord (a shift starts or ends, a changeover or rest ends, the work limit is reached).
 *
 * @module
 */
import { acceptingIntervals, presenceIntervals, type Roster } from '../roster.js';
import type { StaffRequest, StaffSeat } from './grants.js';
import type { StaffState, WorkLimit } from './types.js';

/** A stretch of a shift at the post. @internal */
export interface Segment {
  /** Arrival at the post. */
  readonly start: number;
  /** Departure from the post. */
  readonly end: number;
  /** End of accepting work (before `end` when a handover window closes the stretch). */
  readonly acceptEnd: number;
  /** Index of the shift in the person's roster entry. */
  readonly shift: number;
  /** True for the shift's first stretch (taking it up at its start needs no changeover). */
  readonly first: boolean;
}

/** Mutable per-shift counters. @internal */
export interface ShiftCounters {
  /** Entities completed. */
  served: number;
  /** Time holding an entity. */
  busyTime: number;
  /** Time accepting work. */
  onTime: number;
  /** Time finishing after having stopped accepting. */
  finishingTime: number;
  /** Finishing time beyond the rostered presence. */
  overtime: number;
}

/** Why a person stopped accepting work. @internal */
export type StopReason = 'presence' | 'limit' | 'positions';

/** What a person holds: a process's grant or a callback's seat. @internal */
export type Holder = StaffRequest | StaffSeat;

/**
 * A person on a staffed resource's roster, with their current state. Read-only for users.
 *
 * @example
 * ```ts
 * const grant = yield* swab.request();
 * grant.person?.name;   // 'staff1.1'
 * grant.person?.state;  // 'on'
 * ```
 */
export class StaffMember {
  /** @internal */ _state: StaffState = 'off';
  /** @internal */ _current: Holder | null = null;
  /** @internal index of the first segment whose accepting window has not ended */ _seg = 0;
  /** @internal (a number from the start, so V8 keeps it an unboxed double: see Environment._now) */ _since = 0;
  /** @internal time of taking up the position (for the work limit) */ _workSince = 0;
  /** @internal */ _changeoverUntil = 0;
  /** @internal */ _restUntil = 0;
  /** @internal when the person last became free or stood by (longest first) */ _queuedSince = 0;
  /** @internal */ _stopAt = 0;
  /** @internal */ _stopReason: StopReason = 'presence';
  /** @internal */ _busySince = 0;
  /** @internal shift the person is working (for per-shift counters) */ _shift = 0;
  /** @internal next own transition */ _due = Number.POSITIVE_INFINITY;
  /** @internal marked to be dropped by a capacity preemption */ _dropping = false;
  /** @internal */ readonly _segments: readonly Segment[];
  /** @internal */ readonly _time: Record<StaffState, number> = {
    off: 0,
    standby: 0,
    changeover: 0,
    on: 0,
    leaving: 0,
    resting: 0,
  };
  /** @internal */ _served = 0;
  /** @internal */ _busyTime = 0;
  /** @internal */ _overtime = 0;
  /** @internal */ _rotations = 0;
  /** @internal */ readonly _shifts: ShiftCounters[];

  /** @internal made by the staffed resource from its roster */
  constructor(
    /** The person's name from the roster. */
    readonly name: string,
    /** Position in the roster. */
    readonly index: number,
    segments: Segment[],
    shiftCount: number,
    now: number,
  ) {
    this._segments = segments;
    this._since = now;
    this._shifts = Array.from({ length: shiftCount }, () => ({
      served: 0,
      busyTime: 0,
      onTime: 0,
      finishingTime: 0,
      overtime: 0,
    }));
  }

  /** Where the person is now (see {@link StaffState}). */
  get state(): StaffState {
    return this._state;
  }

  /** True while the person holds an entity. */
  get busy(): boolean {
    return this._current !== null;
  }
}

/** @internal The roster's people at `now`, each placed at the first stretch not yet over. */
export function membersOf(roster: Roster, now: number): StaffMember[] {
  return roster.map((entry, i) => {
    const segments: Segment[] = [];
    entry.shifts.forEach((shift, j) => {
      const presence = presenceIntervals(shift);
      const accepting = acceptingIntervals(shift);
      presence.forEach((iv, k) => {
        segments.push({
          start: iv.start,
          end: iv.end,
          acceptEnd: accepting[k]!.end,
          shift: j,
          first: k === 0,
        });
      });
    });
    const p = new StaffMember(entry.name, i, segments, entry.shifts.length, now);
    while (p._seg < segments.length && segments[p._seg]!.acceptEnd <= now) p._seg++;
    return p;
  });
}

/** @internal Next own transition time of a person in their current state. */
export function dueOf(p: StaffMember, workLimit: Required<WorkLimit> | undefined): number {
  const seg = p._segments[p._seg];
  const acceptEnd = seg?.acceptEnd ?? Number.POSITIVE_INFINITY;
  switch (p._state) {
    case 'off':
      return seg?.start ?? Number.POSITIVE_INFINITY;
    case 'standby':
      return acceptEnd;
    case 'changeover':
      return Math.min(p._changeoverUntil, acceptEnd);
    case 'on':
      return workLimit === undefined
        ? acceptEnd
        : Math.min(acceptEnd, p._workSince + workLimit.maxContinuous);
    case 'resting':
      return Math.min(p._restUntil, acceptEnd);
    case 'leaving':
      return Number.POSITIVE_INFINITY;
  }
}

/** @internal True if the person is inside an accepting window of their roster at `now`. */
export function inAcceptingWindow(p: StaffMember, now: number): boolean {
  const seg = p._segments[p._seg];
  return seg !== undefined && seg.start <= now && now < seg.acceptEnd;
}

/** @internal When a person took up their position (changeover start, or the start of work). */
export function takenUpAt(p: StaffMember): number {
  return p._state === 'changeover' ? p._changeoverUntil : p._workSince;
}

/**
 * The accounting of a staffed resource's people: time in each state, busy time, served counts and
 * overtime, per person and per shift, and the results built from them. The functions here only count;
 * the staffed resource decides when people change state and what they hold.
 *
 * @module
 */
import type { CapacityPolicy } from '../../resource.js';
import { presenceIntervals, type Roster } from '../roster.js';
import type { StaffMember } from './member.js';
import type { StaffPersonResult, StaffResults, StaffShiftResult, StaffState } from './types.js';

/** @internal Close the time spent in the current state at `now` and enter `state`. */
export function enterState(p: StaffMember, state: StaffState, now: number): void {
  const dt = now - p._since;
  p._time[p._state] += dt;
  const c = p._shifts[p._shift];
  if (c !== undefined) {
    if (p._state === 'on') c.onTime += dt;
    else if (p._state === 'leaving') c.finishingTime += dt;
  }
  p._since = now;
  p._state = state;
}

/**
 * @internal Back-to-back shifts: the time so far (accepting, and busy if holding) is counted to the
 * shift that ends at `now`; the person carries on in the next one.
 */
export function closeShift(p: StaffMember, now: number): void {
  const dt = now - p._since;
  p._time.on += dt;
  const c = p._shifts[p._shift];
  if (c !== undefined) c.onTime += dt;
  if (p._current !== null) {
    const busy = now - p._busySince;
    p._busyTime += busy;
    if (c !== undefined) c.busyTime += busy;
    p._busySince = now;
  }
  p._since = now;
}

/** @internal Stop counting the person's holder at `now` (busy time; served if completed). */
export function endHolding(p: StaffMember, now: number, served: boolean): void {
  const dt = now - p._busySince;
  p._busyTime += dt;
  const c = p._shifts[p._shift];
  if (c !== undefined) {
    c.busyTime += dt;
    if (served) c.served++;
  }
  if (served) p._served++;
  p._current = null;
}

/** @internal Overtime of a leaving person if they stopped at `now`: time beyond their rostered presence. */
export function overtimeSoFar(p: StaffMember, now: number): number {
  const seg = p._segments[p._seg];
  if (seg === undefined || p._stopReason !== 'presence') return 0;
  return Math.max(0, now - Math.max(seg.end, p._stopAt));
}

/** @internal A leaving person is done at `now`: book their overtime. */
export function recordOvertime(p: StaffMember, now: number): void {
  const ot = overtimeSoFar(p, now);
  p._overtime += ot;
  const c = p._shifts[p._shift];
  if (c !== undefined) c.overtime += ot;
}

/** @internal Results at `now`, per person, per shift and in total (plain data). */
export function staffResults(
  name: string,
  policy: CapacityPolicy,
  roster: Roster,
  people: readonly StaffMember[],
  handovers: number,
  preemptions: number,
  now: number,
): StaffResults {
  const persons: StaffPersonResult[] = [];
  const shifts: StaffShiftResult[] = [];
  people.forEach((p, i) => {
    const time = { ...p._time };
    time[p._state] += now - p._since;
    const busyNow = p._current !== null ? now - p._busySince : 0;
    const busyTime = p._busyTime + busyNow;
    const liveOvertime = p._state === 'leaving' ? overtimeSoFar(p, now) : 0;
    const perShift = p._shifts.map((c) => ({ ...c }));
    const cur = perShift[p._shift];
    if (cur !== undefined) {
      cur.busyTime += busyNow;
      if (p._state === 'on') cur.onTime += now - p._since;
      if (p._state === 'leaving') {
        cur.finishingTime += now - p._since;
        cur.overtime += liveOvertime;
      }
    }
    let rosteredAll = 0;
    roster[i]!.shifts.forEach((shift, j) => {
      let rostered = 0;
      for (const iv of presenceIntervals(shift)) rostered += Math.max(0, Math.min(iv.end, now) - iv.start);
      rosteredAll += rostered;
      const c = perShift[j]!;
      shifts.push({
        person: p.name,
        shift: j,
        label: shift.label,
        start: shift.start,
        end: shift.end,
        served: c.served,
        busyTime: c.busyTime,
        onTime: c.onTime,
        finishingTime: c.finishingTime,
        overtime: c.overtime,
        workedTime: rostered + c.overtime,
        utilisation: c.onTime + c.finishingTime > 0 ? c.busyTime / (c.onTime + c.finishingTime) : null,
      });
    });
    const overtime = p._overtime + liveOvertime;
    const working = time.on + time.leaving;
    persons.push({
      person: p.name,
      served: p._served,
      busyTime,
      onTime: time.on,
      finishingTime: time.leaving,
      overtime,
      changeoverTime: time.changeover,
      restTime: time.resting,
      standbyTime: time.standby,
      workedTime: rosteredAll + overtime,
      utilisation: working > 0 ? busyTime / working : null,
      rotations: p._rotations,
    });
  });
  let served = 0;
  for (const p of persons) served += p.served;
  return { resource: name, policy, time: now, served, handovers, preemptions, people: persons, shifts };
}

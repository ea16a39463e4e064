/**
 * Coverage analysis: does a roster put enough people on shift at every moment?
 *
 * Given a roster and a required headcount profile (a {@link CapacitySchedule} whose `capacity` is
 * the number of people needed), {@link coverageGaps} lists every stretch of time where fewer people
 * accept work than required, with the shortfall. {@link headcountProfile} gives the on-shift
 * headcount itself as steps. Both are pure functions of their input: no simulation is run.
 *
 * "On shift" means *accepting work*: breaks and handover windows do not count, because nobody new is
 * served then.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { finite } from '../../kernel/validate.js';
import {
  type CapacitySchedule,
  nextChangeAfter,
  type Seconds,
  stepIndexAt,
  validateCapacitySchedule,
} from './capacity-schedule.js';
import { acceptingIntervals, type Roster, validateRoster } from './roster.js';

/**
 * One step of a headcount profile: from `from` on, `count` people accept work.
 *
 * @example
 * ```ts
 * const step: HeadcountStep = { from: 25200, count: 6 }; // six people from 07:00
 * ```
 */
export interface HeadcountStep {
  /** Absolute simulated seconds from which the count holds (until the next step). */
  readonly from: Seconds;
  /** People accepting work from `from` on, an integer ≥ 0. */
  readonly count: number;
}

/**
 * A stretch of time with fewer people on shift than required.
 *
 * @example
 * ```ts
 * // nobody during A's break, one required
 * const gap: CoverageGap = { start: 21600, end: 23400, required: 1, onShift: 0, shortfall: 1 };
 * ```
 */
export interface CoverageGap {
  /** Start of the stretch. */
  readonly start: Seconds;
  /** End of the stretch (exclusive). */
  readonly end: Seconds;
  /** People required throughout the stretch. */
  readonly required: number;
  /** People on shift (accepting work) throughout the stretch. */
  readonly onShift: number;
  /** `required − onShift`. */
  readonly shortfall: number;
}

/**
 * Result of {@link coverageGaps}.
 *
 * @example
 * ```ts
 * const report: CoverageReport = coverageGaps(roster, 3, { from: 0, to: 86400 });
 * if (!report.covered) console.log(report.gaps, report.shortfallTime / 3600, 'person-hours short');
 * ```
 */
export interface CoverageReport {
  /** The window analysed, `[from, to)`. */
  readonly from: Seconds;
  /** End of the window analysed (exclusive), seconds. */
  readonly to: Seconds;
  /** Every stretch where on-shift < required, in time order; adjacent stretches with equal counts merged. */
  readonly gaps: readonly CoverageGap[];
  /** Total time with any shortfall. */
  readonly gapTime: Seconds;
  /** Shortfall integrated over time (person-seconds missing). */
  readonly shortfallTime: Seconds;
  /** True when there is no gap. */
  readonly covered: boolean;
}

/**
 * The number of people accepting work over time, as steps (first step at the earliest shift start;
 * before it the count is 0). Pure.
 *
 * @example
 * ```ts
 * headcountProfile([{ name: 'Li', shifts: [{ start: 0, end: 3600 }] }]);
 * // [{ from: 0, count: 1 }, { from: 3600, count: 0 }]
 * ```
 */
export function headcountProfile(roster: Roster): HeadcountStep[] {
  validateRoster(roster);
  const deltas = new Map<number, number>();
  for (const entry of roster)
    for (const shift of entry.shifts)
      for (const iv of acceptingIntervals(shift)) {
        if (!(iv.end > iv.start)) continue;
        deltas.set(iv.start, (deltas.get(iv.start) ?? 0) + 1);
        deltas.set(iv.end, (deltas.get(iv.end) ?? 0) - 1);
      }
  const times = [...deltas.keys()].sort((a, b) => a - b);
  const out: HeadcountStep[] = [];
  let count = 0;
  for (const t of times) {
    const d = deltas.get(t)!;
    if (d === 0) continue;
    count += d;
    out.push({ from: t, count });
  }
  return out;
}

/**
 * Compare a roster's on-shift headcount with a required headcount profile over `[from, to)` and
 * list the gaps. `required` is a capacity schedule (steps of `{ from, capacity }`, one-off or
 * repeating) or a constant number; before a one-off schedule's first step nobody is required. Pure.
 *
 * @example
 * ```ts
 * const report = coverageGaps(roundTheClock({ positions: 1, shiftsPerDay: 2 }), 1, { from: 0, to: 86400 });
 * report.covered; // true
 * ```
 */
export function coverageGaps(
  roster: Roster,
  required: CapacitySchedule | number,
  window: { readonly from: Seconds; readonly to: Seconds },
): CoverageReport {
  validateRoster(roster);
  let req: { steps: CapacitySchedule['steps']; period: Seconds | undefined; origin: Seconds };
  if (typeof required === 'number') {
    if (!(Number.isInteger(required) && required >= 0))
      throw new ParameterError('required', 'an integer ≥ 0 or a capacity schedule', required);
    // A constant requirement: one step in force at every time.
    req = { steps: [{ from: 0, capacity: required }], period: undefined, origin: Number.NEGATIVE_INFINITY };
  } else req = validateCapacitySchedule(required, 'required');
  const from = finite(window?.from, 'window.from');
  const to = finite(window?.to, 'window.to');
  if (!(to > from)) throw new ParameterError('window.to', `a time after window.from (${from})`, to);

  const profile = headcountProfile(roster);
  // Breakpoints: headcount changes and requirement changes inside the window.
  const cuts = new Set<number>([from, to]);
  for (const step of profile) if (step.from > from && step.from < to) cuts.add(step.from);
  if (typeof required !== 'number')
    for (let t = nextChangeAfter(req.steps, req.period, req.origin, from); t < to; ) {
      cuts.add(t);
      t = nextChangeAfter(req.steps, req.period, req.origin, t);
    }
  const times = [...cuts].sort((a, b) => a - b);

  const gaps: CoverageGap[] = [];
  let k = -1; // index of the headcount step in force
  let gapTime = 0;
  let shortfallTime = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const start = times[i]!;
    const end = times[i + 1]!;
    while (k + 1 < profile.length && profile[k + 1]!.from <= start) k++;
    const onShift = k < 0 ? 0 : profile[k]!.count;
    const r = stepIndexAt(req.steps, req.period, req.origin, start);
    const need = r < 0 ? 0 : req.steps[r]!.capacity;
    if (onShift >= need) continue;
    const shortfall = need - onShift;
    gapTime += end - start;
    shortfallTime += shortfall * (end - start);
    const last = gaps[gaps.length - 1];
    if (last !== undefined && last.end === start && last.required === need && last.onShift === onShift)
      gaps[gaps.length - 1] = { ...last, end };
    else gaps.push({ start, end, required: need, onShift, shortfall });
  }
  return { from, to, gaps, gapTime, shortfallTime, covered: gaps.length === 0 };
}

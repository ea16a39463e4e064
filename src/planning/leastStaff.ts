/**
 * Least staff under a deadline: the smallest number of staff for which the probability that a
 * replication meets a criterion (everyone done by the deadline, p95 wait within a limit, anything
 * the caller decides from one replication's output) is at least a target.
 *
 * Each candidate staffing is decided by simulation with a sequential rule on the Wilson interval of
 * that probability: replications are added in batches until the lower bound clears the target
 * (meets), the upper bound falls below it (misses), or a cap is reached (inconclusive, counted as
 * a miss so the plan errs towards more staff). Replication `i` uses the same seed at every staffing
 * (common random numbers), so candidates differ by staff, not by luck. More staff is assumed never
 * worse in expectation, so the search brackets from a starting estimate (an analytic one such as
 * Erlang C or square-root staffing) by doubling steps and then bisects. When even the upper bound
 * misses, the result says so instead of searching on.
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { integer, positiveInt } from '../kernel/validate.js';
import { replicationSeed, validateSeed } from '../random/seed.js';
import { type ProportionInterval, wilsonInterval } from './interval.js';

/**
 * One replication at a given staffing: return whether it met the criterion.
 *
 * @example
 * ```ts
 * const run: StaffTrial = (staff, seed) => simulateDay({ clerks: staff, seed }).lastDone <= 6 * 3600;
 * ```
 */
export type StaffTrial = (staff: number, seed: number, replication: number) => boolean;

/**
 * Options for {@link leastStaff}.
 *
 * @example
 * ```ts
 * const o: LeastStaffOptions = { trial: (c, seed) => c >= 7, target: 0.95, min: 1, max: 40, seed: 1 };
 * ```
 */
export interface LeastStaffOptions {
  /** One replication at a staffing level, given a seed shared across levels. */
  readonly trial: StaffTrial;
  /** Required probability of meeting the criterion, in (0, 1). */
  readonly target: number;
  /** Least staffing to consider, an integer ≥ 0. */
  readonly min: number;
  /** Most staffing to consider, an integer ≥ min. */
  readonly max: number;
  /** Starting estimate (e.g. from Erlang C); clamped to [min, max]. Default min. */
  readonly start?: number;
  /** Base seed; replication i uses replicationSeed(seed, i) at every level. */
  readonly seed: number;
  /** Two-sided confidence of the Wilson interval, in (0, 1). Default 0.95. */
  readonly confidence?: number;
  /** Replications added at a time, an integer ≥ 1. Default 20. */
  readonly batch?: number;
  /** Most replications at one level, an integer ≥ batch. Default 400. */
  readonly maxReplications?: number;
}

/**
 * How one staffing level was decided.
 *
 * @example
 * ```ts
 * const c: StaffCandidate = { staff: 7, verdict: 'meets', probability: wilsonInterval(60, 60) };
 * ```
 */
export interface StaffCandidate {
  /** The staffing tried. */
  readonly staff: number;
  /** 'meets' if the lower bound ≥ target, 'misses' if the upper bound < target, else 'inconclusive' at the cap. */
  readonly verdict: 'meets' | 'misses' | 'inconclusive';
  /** The probability of meeting the criterion with its interval. */
  readonly probability: ProportionInterval;
}

/**
 * The answer of {@link leastStaff}.
 *
 * @example
 * ```ts
 * const r = leastStaff({ trial: (c) => c >= 7, target: 0.95, min: 1, max: 40, seed: 1 });
 * r.feasible; // true
 * r.staff;    // 7
 * ```
 */
export interface LeastStaffResult {
  /** Whether some staffing within [min, max] met the target. */
  readonly feasible: boolean;
  /** The least staffing that met the target, or null when none within the bounds did. */
  readonly staff: number | null;
  /** The achieved probability at `staff` (or at `max` when infeasible). */
  readonly probability: ProportionInterval;
  /** Replications (simulations) run in all. */
  readonly simulations: number;
  /** Every level decided, in the order tried. */
  readonly path: readonly StaffCandidate[];
  /** A one-line statement of the result. */
  readonly message: string;
}

function checkProbabilityOpen(value: unknown, path: string): number {
  if (!(typeof value === 'number' && value > 0 && value < 1)) {
    throw new ParameterError(
      path,
      'a number in (0, 1) (a probability of 0 or 1 cannot be shown by sampling)',
      value,
    );
  }
  return value;
}

/**
 * Decide one staffing level with the sequential Wilson rule.
 *
 * @param staff - the staffing level
 * @param options - as for {@link leastStaff}
 *
 * @example
 * ```ts
 * decideStaff(7, { trial: (c) => c >= 7, target: 0.9, min: 1, max: 10, seed: 1 }).verdict; // 'meets'
 * ```
 */
export function decideStaff(staff: number, options: LeastStaffOptions): StaffCandidate {
  const confidence = options.confidence ?? 0.95;
  const batch = options.batch ?? 20;
  const cap = options.maxReplications ?? 400;
  let successes = 0;
  let n = 0;
  for (;;) {
    const end = Math.min(cap, n + batch);
    for (; n < end; n++) if (options.trial(staff, replicationSeed(options.seed, n), n)) successes++;
    const probability = wilsonInterval(successes, n, confidence);
    if (probability.lower >= options.target) return { staff, verdict: 'meets', probability };
    if (probability.upper < options.target) return { staff, verdict: 'misses', probability };
    if (n >= cap) return { staff, verdict: 'inconclusive', probability };
  }
}

/**
 * Find the least staffing within [min, max] whose probability of meeting the criterion is shown,
 * with the stated confidence, to be at least the target.
 *
 * @param options - trial, target, bounds, seed and the sequential rule's settings
 * @throws ParameterError naming the option and value when an option is invalid
 *
 * @example
 * ```ts
 * // Staff needed so that a replication finishes in time with probability ≥ 0.95.
 * const r = leastStaff({ trial: (c, seed) => simulate(c, seed).done <= deadline, target: 0.95, min: 1, max: 60, start: 20, seed: 7 });
 * if (!r.feasible) console.log(r.message);
 * ```
 */
export function leastStaff(options: LeastStaffOptions): LeastStaffResult {
  if (typeof options !== 'object' || options === null)
    throw new ParameterError('options', 'an object', options);
  if (typeof options.trial !== 'function')
    throw new ParameterError('trial', 'a function (staff, seed, replication) => boolean', options.trial);
  const target = checkProbabilityOpen(options.target, 'target');
  const min = integer(options.min, 'min', 0);
  const max = integer(options.max, 'max', 0);
  if (max < min) throw new ParameterError('max', `an integer ≥ min (${min})`, options.max);
  validateSeed(options.seed, 'seed');
  if (options.confidence !== undefined) checkProbabilityOpen(options.confidence, 'confidence');
  const batch = options.batch === undefined ? 20 : positiveInt(options.batch, 'batch');
  const cap =
    options.maxReplications === undefined ? 400 : positiveInt(options.maxReplications, 'maxReplications');
  if (cap < batch)
    throw new ParameterError('maxReplications', `an integer ≥ batch (${batch})`, options.maxReplications);
  // Even a plan that never fails shows at best Wilson's lower bound at cap/cap; a target above it
  // can never be cleared, so say so before running rather than search to the cap at every staffing.
  const reachable = wilsonInterval(cap, cap, options.confidence ?? 0.95).lower;
  if (reachable < target) {
    throw new ParameterError(
      'target',
      `a probability ≤ ${reachable.toFixed(4)}, the most ${cap} replications (maxReplications) can show at ${((options.confidence ?? 0.95) * 100).toFixed(0)} % confidence; raise maxReplications or lower the target`,
      options.target,
    );
  }
  const start =
    options.start === undefined
      ? min
      : Math.min(max, Math.max(min, Math.round(integer(options.start, 'start', 0))));

  const decided = new Map<number, StaffCandidate>();
  const path: StaffCandidate[] = [];
  let simulations = 0;
  const meets = (s: number): boolean => {
    let c = decided.get(s);
    if (!c) {
      c = decideStaff(s, options);
      decided.set(s, c);
      path.push(c);
      simulations += c.probability.trials;
    }
    return c.verdict === 'meets';
  };

  // Bracket: lo misses (or is below min), hi meets.
  let lo: number;
  let hi: number;
  if (meets(start)) {
    hi = start;
    let step = 1;
    lo = min - 1;
    while (hi > min) {
      const s = Math.max(min, hi - step);
      if (meets(s)) {
        hi = s;
        step *= 2;
      } else {
        lo = s;
        break;
      }
    }
  } else {
    lo = start;
    let step = 1;
    hi = Number.NaN;
    while (lo < max) {
      const s = Math.min(max, lo + step);
      if (meets(s)) {
        hi = s;
        break;
      }
      lo = s;
      step *= 2;
    }
    if (Number.isNaN(hi)) {
      const atMax = decided.get(max) as StaffCandidate;
      return {
        feasible: false,
        staff: null,
        probability: atMax.probability,
        simulations,
        path,
        message: `no staffing within the bounds [${min}, ${max}] meets the target ${target}: at ${max} the probability is ${atMax.probability.estimate.toFixed(3)} (${(atMax.probability.confidence * 100).toFixed(0)} % interval ${atMax.probability.lower.toFixed(3)}–${atMax.probability.upper.toFixed(3)}, ${atMax.verdict})`,
      };
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(mid)) hi = mid;
    else lo = mid;
  }
  const best = decided.get(hi) as StaffCandidate;
  return {
    feasible: true,
    staff: hi,
    probability: best.probability,
    simulations,
    path,
    message: `${hi} staff meet the target ${target}: probability ${best.probability.estimate.toFixed(3)} (${(best.probability.confidence * 100).toFixed(0)} % interval ${best.probability.lower.toFixed(3)}–${best.probability.upper.toFixed(3)}) from ${best.probability.trials} replications; ${simulations} simulations in all`,
  };
}

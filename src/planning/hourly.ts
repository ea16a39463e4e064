/**
 * Staffing by the hour for a time-varying arrival rate. The starting plan is a lagged pointwise
 * stationary approximation: each hour is staffed as an M/M/c queue (Erlang C, through
 * `minimumServers`) at the arrival rate seen one mean service time earlier, since the load in
 * service lags the arrivals by about that much. The plan is then checked hour by hour by
 * simulation: an hour whose probability of meeting the criterion is not shown to reach the target
 * (sequential Wilson rule, common random numbers) gets one more person and is checked again, up to
 * its bound, earliest hour first — later hours depend on the backlog earlier hours leave.
 *
 * @module
 */

import { minimumServers, type StaffingTargets } from '../analytic/staffing.js';
import { ParameterError } from '../kernel/errors.js';
import { integer, positive } from '../kernel/validate.js';
import { decideStaff, type LeastStaffOptions, type StaffCandidate } from './leastStaff.js';

/**
 * Options of {@link hourlyStaffing}.
 *
 * @example
 * ```ts
 * const o: HourlyStaffingOptions = { rates: [0.5, 1, 0.8], serviceRate: 1 / 60, period: 3600, targets: { maxWaitProbability: 0.2 }, max: 200 };
 * ```
 */
export interface HourlyStaffingOptions {
  /** Arrival rate in each period (per unit time), ≥ 0, at least one. */
  readonly rates: readonly number[];
  /** Service rate of one server (per unit time, the rates' unit), > 0: 1 / mean service time. */
  readonly serviceRate: number;
  /** Period length in the rates' time unit (3600 for hours in seconds). */
  readonly period: number;
  /** Erlang C targets of the starting plan (as for `minimumServers`, without the rates). */
  readonly targets: Omit<StaffingTargets, 'arrivalRate' | 'serviceRate'>;
  /** Most staff in any period. */
  readonly max: number;
  /** Optional simulation check: one replication of the plan, judged for period `hour`. */
  readonly check?: {
    /** Simulate `plan` once with `seed`; true when period `hour` meets its target. */
    readonly trial: (plan: readonly number[], hour: number, seed: number) => boolean;
    /** Required probability that a period meets its criterion, in (0, 1). */
    readonly target: number;
    /** Base seed; replication i uses the same derived seed at every staffing level. */
    readonly seed: number;
    /** Replications added at a time, an integer ≥ 1 (default 20). */
    readonly batch?: number;
    /** Most replications at one level, an integer ≥ batch (default 400). */
    readonly maxReplications?: number;
  };
}

/**
 * The plan per period with the analytic start and, when checked, each period's achieved probability.
 *
 * @example
 * ```ts
 * const r: HourlyStaffingResult = hourlyStaffing(o);
 * r.plan; r.start; r.checks[0]?.probability;
 * ```
 */
export interface HourlyStaffingResult {
  /** The lagged Erlang C plan: staff per period before any simulation check. */
  readonly start: readonly number[];
  /** Staff per period after the check (equal to `start` without a check). */
  readonly plan: readonly number[];
  /** Final decision per period (empty without a check). */
  readonly checks: readonly StaffCandidate[];
  /** Periods that still miss at their bound. */
  readonly unmet: readonly number[];
  /** Replications run by the check over all periods (0 without a check). */
  readonly simulations: number;
}

/**
 * Per-period plan from the lagged Erlang C approximation, repaired by simulation when a check is given.
 *
 * @param options - rates, service rate, period, targets, bound and optional check
 *
 * @example
 * ```ts
 * hourlyStaffing({ rates: [0, 0.1, 0.05], serviceRate: 1 / 60, period: 3600, targets: { maxWaitProbability: 0.2 }, max: 50 }).plan;
 * ```
 */
export function hourlyStaffing(options: HourlyStaffingOptions): HourlyStaffingResult {
  if (!Array.isArray(options.rates) || options.rates.length === 0)
    throw new ParameterError('rates', 'a non-empty list of rates', options.rates);
  options.rates.forEach((r, i) => {
    if (!(typeof r === 'number' && Number.isFinite(r) && r >= 0))
      throw new ParameterError(`rates[${i}]`, 'a finite rate ≥ 0', r);
  });
  const mu = positive(options.serviceRate, 'serviceRate');
  const period = positive(options.period, 'period');
  const max = integer(options.max, 'max', 1);
  // Lag by one mean service time: the rate seen `1/μ` earlier mixes this period and the previous one.
  const lag = Math.min(1, 1 / mu / period);
  const start = options.rates.map((r, i) => {
    const lagged = (1 - lag) * r + lag * (options.rates[i - 1] ?? 0);
    if (lagged === 0) return 0;
    const s = minimumServers({ ...options.targets, arrivalRate: lagged, serviceRate: mu }, 'targets').servers;
    if (s > max)
      throw new ParameterError(
        'max',
        `an integer ≥ the Erlang C staffing of period ${i} (${s})`,
        options.max,
      );
    return s;
  });
  const plan = [...start];
  const checks: StaffCandidate[] = [];
  const unmet: number[] = [];
  let simulations = 0;
  const check = options.check;
  if (check) {
    for (let h = 0; h < plan.length; h++) {
      for (;;) {
        const o: LeastStaffOptions = {
          trial: (staff, seed) =>
            check.trial(
              plan.map((p, k) => (k === h ? staff : p)),
              h,
              seed,
            ),
          target: check.target,
          min: 0,
          max,
          seed: check.seed,
          ...(check.batch !== undefined && { batch: check.batch }),
          ...(check.maxReplications !== undefined && { maxReplications: check.maxReplications }),
        };
        const c = decideStaff(plan[h] as number, o);
        simulations += c.probability.trials;
        if (c.verdict === 'meets' || (plan[h] as number) >= max) {
          checks.push(c);
          if (c.verdict !== 'meets') unmet.push(h);
          break;
        }
        plan[h] = (plan[h] as number) + 1;
      }
    }
  }
  return { start, plan, checks, unmet, simulations };
}

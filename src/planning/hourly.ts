/**
 * Staffing by the hour for a time-varying arrival rate. The starting plan is a lagged pointwise
 * stationary approximation: each hour is staffed as an M/M/c queue (Erlang C, through
 * `minimumServers`) at the arrival rate seen one mean service time earlier, since the load in
 * service lags the arrivals by about that much. The plan is then checked hour by hour by
 * simulation, earliest hour first — later hours depend on the backlog earlier hours leave: each hour
 * gets the least staff, from its Erlang C level up to the bound, whose probability of meeting the
 * criterion is shown to reach the target, found by {@link searchStaff} (sequential exact tests on
 * common random numbers) with the other hours as planned so far.
 *
 * @module
 */

import { minimumServers, type StaffingTargets } from '../analytic/staffing.js';
import { ParameterError } from '../kernel/errors.js';
import { integer, positive } from '../kernel/validate.js';
import { replicationSeed, validateSeed } from '../random/seed.js';
import { type StaffSearchResult, searchStaff } from './staffSearch.js';

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
    /** Base seed; replication i has `replicationSeed(seed, i)` at every staffing level. */
    readonly seed: number;
    /** Confidence of every verdict, in (0, 1) (default 0.95). */
    readonly confidence?: number;
    /** Most replications of one plan (default 400), as for {@link searchStaff}. */
    readonly maxReplications?: number;
  };
}

/**
 * The plan per period with the analytic start and, when checked, each period's achieved probability.
 *
 * @example
 * ```ts
 * const r: HourlyStaffingResult = await hourlyStaffing(o);
 * r.plan; r.start; r.checks[0]?.probability;
 * ```
 */
export interface HourlyStaffingResult {
  /** The lagged Erlang C plan: staff per period before any simulation check. */
  readonly start: readonly number[];
  /** Staff per period after the check (equal to `start` without a check). */
  readonly plan: readonly number[];
  /** Per period, the search of its staff (plan `{ staff }`; empty without a check). */
  readonly checks: readonly StaffSearchResult[];
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
 * (await hourlyStaffing({ rates: [0, 0.1, 0.05], serviceRate: 1 / 60, period: 3600, targets: { maxWaitProbability: 0.2 }, max: 50 })).plan;
 * ```
 */
export async function hourlyStaffing(options: HourlyStaffingOptions): Promise<HourlyStaffingResult> {
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
  const checks: StaffSearchResult[] = [];
  const unmet: number[] = [];
  let simulations = 0;
  const check = options.check;
  if (check) {
    if (typeof check.trial !== 'function')
      throw new ParameterError('check.trial', 'a function (plan, hour, seed) => boolean', check.trial);
    validateSeed(check.seed, 'check.seed');
    for (let h = 0; h < plan.length; h++) {
      const at = plan[h] as number;
      const planWith = (staff: number) => plan.map((p, k) => (k === h ? staff : p));
      const result = await searchStaff({
        roles: [{ role: 'staff', min: at, max }],
        evaluate: async (batch) =>
          batch.map((q) =>
            check.trial(planWith(q.plan.staff as number), h, replicationSeed(check.seed, q.replication)),
          ),
        target: check.target,
        ...(check.confidence !== undefined && { confidence: check.confidence }),
        ...(check.maxReplications !== undefined && { maxReplications: check.maxReplications }),
      });
      checks.push(result);
      simulations += result.simulations;
      if (result.plan === null) {
        unmet.push(h);
        plan[h] = max;
      } else plan[h] = result.plan.staff as number;
    }
  }
  return { start, plan, checks, unmet, simulations };
}

/**
 * Least staff for several roles by coordinate search: each role in turn is brought to its least
 * level with {@link leastStaff}, the roles already settled at their found levels and the roles
 * still to come at their upper bounds. Every level tried is decided by the same sequential Wilson
 * rule with common random numbers, and the last role's search decides the plan as a whole, so the
 * returned plan is shown to meet the target. The order matters: roles searched first are trimmed
 * while the others are generous, so put the role whose staff is dearest first. The plan is least
 * role by role, not necessarily least in total cost over all combinations.
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { integer } from '../kernel/validate.js';
import type { ProportionInterval } from './interval.js';
import { type LeastStaffResult, leastStaff } from './leastStaff.js';

/**
 * Bounds and optional starting estimate of one role.
 *
 * @example
 * ```ts
 * const r: RoleBounds = { role: 'clerks', min: 50, max: 400, start: 200 };
 * ```
 */
export interface RoleBounds {
  /** The role's name: its key in the plan. */
  readonly role: string;
  /** Least staffing to consider, an integer ≥ 0. */
  readonly min: number;
  /** Most staffing to consider, an integer ≥ min; the role sits here until its turn. */
  readonly max: number;
  /** Starting estimate (e.g. from Erlang C), clamped to [min, max]. Default min. */
  readonly start?: number;
}

/**
 * Options for {@link leastStaffRoles}.
 *
 * @example
 * ```ts
 * const o: LeastStaffRolesOptions = {
 *   roles: [{ role: 'clerks', min: 1, max: 10 }, { role: 'swabbers', min: 1, max: 10 }],
 *   trial: (plan, seed) => plan.clerks + plan.swabbers >= 8,
 *   target: 0.95, seed: 1,
 * };
 * ```
 */
export interface LeastStaffRolesOptions {
  /** The roles, searched in this order. */
  readonly roles: readonly RoleBounds[];
  /** One replication of a plan: whether it met the criterion. */
  readonly trial: (plan: Readonly<Record<string, number>>, seed: number, replication: number) => boolean;
  /** Required probability of meeting the criterion, in (0, 1). */
  readonly target: number;
  /** Base seed; replication i uses the same derived seed at every level of every role. */
  readonly seed: number;
  /** Two-sided confidence of the Wilson interval, in (0, 1). Default 0.95. */
  readonly confidence?: number;
  /** Replications added at a time, an integer ≥ 1. Default 20. */
  readonly batch?: number;
  /** Most replications at one level, an integer ≥ batch. Default 400. */
  readonly maxReplications?: number;
}

/**
 * The answer of {@link leastStaffRoles}.
 *
 * @example
 * ```ts
 * const r: LeastStaffRolesResult = leastStaffRoles(o);
 * if (r.feasible) console.log(r.plan, r.probability.lower, r.simulations);
 * ```
 */
export interface LeastStaffRolesResult {
  /** Whether every role's search found a level meeting the target; false means `plan` is null. */
  readonly feasible: boolean;
  /** The plan found, or null when some role's search found no level within its bounds. */
  readonly plan: Readonly<Record<string, number>> | null;
  /** The achieved probability of the plan (or of the failing search's upper bound). */
  readonly probability: ProportionInterval;
  /** Replications run over all searches. */
  readonly simulations: number;
  /** Each role's search, in order: the role and its {@link leastStaff} result (stops at the first failure). */
  readonly searches: readonly { readonly role: string; readonly result: LeastStaffResult }[];
  /** One-sentence verdict for logs: the plan and its probability, or which role failed and why. */
  readonly message: string;
}

/**
 * Find a least plan over several roles (see the module comment for the search).
 *
 * @param options - roles with bounds, trial, target, seed and the sequential rule's settings
 * @throws ParameterError naming `roles[i].…` or the option when invalid
 *
 * @example
 * ```ts
 * const r = leastStaffRoles({
 *   roles: [{ role: 'clerks', min: 1, max: 10 }, { role: 'swabbers', min: 1, max: 10 }],
 *   trial: (p) => p.clerks >= 3 && p.swabbers >= 4, target: 0.9, seed: 1,
 * });
 * r.plan; // { clerks: 3, swabbers: 4 }
 * ```
 */
export function leastStaffRoles(options: LeastStaffRolesOptions): LeastStaffRolesResult {
  if (typeof options !== 'object' || options === null)
    throw new ParameterError('options', 'an object', options);
  if (!Array.isArray(options.roles) || options.roles.length === 0) {
    throw new ParameterError('roles', 'a non-empty list of roles', options.roles);
  }
  if (typeof options.trial !== 'function')
    throw new ParameterError('trial', 'a function (plan, seed, replication) => boolean', options.trial);
  const seen = new Set<string>();
  options.roles.forEach((r, i) => {
    if (typeof r?.role !== 'string' || r.role === '')
      throw new ParameterError(`roles[${i}].role`, 'a non-empty string', r?.role);
    if (seen.has(r.role)) throw new ParameterError(`roles[${i}].role`, 'a role named once', r.role);
    seen.add(r.role);
    const min = integer(r.min, `roles[${i}].min`, 0);
    const max = integer(r.max, `roles[${i}].max`, 0);
    if (max < min) throw new ParameterError(`roles[${i}].max`, `an integer ≥ min (${min})`, r.max);
  });
  const plan: Record<string, number> = Object.fromEntries(options.roles.map((r) => [r.role, r.max]));
  const searches: { role: string; result: LeastStaffResult }[] = [];
  let simulations = 0;
  for (const r of options.roles) {
    const result = leastStaff({
      trial: (staff, seed, replication) => options.trial({ ...plan, [r.role]: staff }, seed, replication),
      target: options.target,
      min: r.min,
      max: r.max,
      seed: options.seed,
      ...(r.start !== undefined && { start: r.start }),
      ...(options.confidence !== undefined && { confidence: options.confidence }),
      ...(options.batch !== undefined && { batch: options.batch }),
      ...(options.maxReplications !== undefined && { maxReplications: options.maxReplications }),
    });
    simulations += result.simulations;
    searches.push({ role: r.role, result });
    if (!result.feasible || result.staff === null) {
      return {
        feasible: false,
        plan: null,
        probability: result.probability,
        simulations,
        searches,
        message: `${r.role}: ${result.message}${otherRoles(plan, r.role)}`,
      };
    }
    plan[r.role] = result.staff;
  }
  const last = searches[searches.length - 1]?.result as LeastStaffResult;
  const p = last.probability;
  return {
    feasible: true,
    plan: { ...plan },
    probability: p,
    simulations,
    searches,
    message: `${JSON.stringify(plan)} meets the target ${options.target}: probability ${p.estimate.toFixed(3)} (${(p.confidence * 100).toFixed(0)} % interval ${p.lower.toFixed(3)}–${p.upper.toFixed(3)}); ${simulations} simulations in all`,
  };
}

/** ", with swabbers at 12 and marshals at 2": the other roles' staffing when one role's search failed. */
function otherRoles(plan: Readonly<Record<string, number>>, role: string): string {
  const others = Object.entries(plan).filter(([name]) => name !== role);
  return others.length === 0 ? '' : `, with ${others.map(([name, n]) => `${name} at ${n}`).join(' and ')}`;
}

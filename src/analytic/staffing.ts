/**
 * How many servers an M/M/c queue needs: the square-root staffing rule, and the least c that meets
 * wait targets exactly.
 *
 * The square-root rule staffs offered load `R = λ/μ` with `c = ⌈R + β√R⌉`: R servers to carry the
 * load plus a safety margin that grows like √R, because the randomness of Poisson traffic does. β sets
 * the grade of service (see halfinWhitt.ts). {@link minimumServers} turns targets (a probability of
 * waiting, a mean wait, a service level) into a β by the Halfin–Whitt limit, starts from that square-
 * root estimate and then walks c up or down with exact Erlang C until it finds the least c that meets
 * every target. All the targets improve monotonically with c, so the walk ends at the true minimum; the
 * estimate is usually within a server or two, so the exact part costs a few O(c) Erlang evaluations.
 *
 * These are starting points for the simulation-based staffing search, where service is not exponential
 * and traffic not stationary.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { finite, nonNegative, positive } from '../kernel/validate.js';
import { erlangBUnchecked, erlangCFromB } from './erlang.js';
import { halfinWhittWaitProbability, leastBeta } from './halfinWhitt.js';
import { at, readParams } from './params.js';

/**
 * A staffing level and what it achieves in the M/M/c model.
 *
 * @example
 * ```ts
 * const s: StaffingResult = squareRootStaffing({ arrivalRate: 10, serviceRate: 0.1, beta: 1 });
 * s.servers; // 110
 * ```
 */
export interface StaffingResult {
  /** c: the number of servers. */
  readonly servers: number;
  /** R = λ/μ, the offered load in Erlangs. */
  readonly load: number;
  /** Utilisation of each server, R/c. */
  readonly rho: number;
  /** The achieved safety factor (c − R)/√R. */
  readonly beta: number;
  /** Probability of waiting (Erlang C). */
  readonly pWait: number;
  /** Mean wait before service. */
  readonly Wq: number;
  /** Mean time in system. */
  readonly W: number;
}

/**
 * Parameters of {@link squareRootStaffing}.
 *
 * @example
 * ```ts
 * const p: SquareRootStaffingParams = { arrivalRate: 0.5, serviceRate: 1 / 40, beta: 0.5 };
 * ```
 */
export interface SquareRootStaffingParams {
  /** λ: arrivals per unit time, > 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time of one busy server, > 0. */
  readonly serviceRate: number;
  /** β: the safety factor, > 0. */
  readonly beta: number;
}

/**
 * Wait targets for {@link minimumServers}; give at least one. All that are given must hold.
 *
 * @example
 * ```ts
 * const t: StaffingTargets = {
 *   arrivalRate: 0.5, serviceRate: 1 / 40,
 *   serviceLevel: { within: 60, fraction: 0.8 }, // 80 % start service within a minute
 *   maxMeanWait: 30,
 * };
 * ```
 */
export interface StaffingTargets {
  /** λ: arrivals per unit time, > 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time of one busy server, > 0. */
  readonly serviceRate: number;
  /** Largest acceptable probability of waiting at all, in (0, 1). */
  readonly maxWaitProbability?: number;
  /** Largest acceptable mean wait before service, > 0, in the unit of the rates. */
  readonly maxMeanWait?: number;
  /** At least `fraction` (in (0, 1)) of arrivals start service within `within` (≥ 0) time units. */
  readonly serviceLevel?: { readonly within: number; readonly fraction: number };
}

/**
 * The least staffing that meets every target, with the square-root estimate the search started from.
 *
 * @example
 * ```ts
 * const s: MinimumServersResult = minimumServers({ arrivalRate: 1, serviceRate: 0.1, maxWaitProbability: 0.2 });
 * s.estimate; // the square-root guess
 * s.servers;  // the exact answer
 * ```
 */
export interface MinimumServersResult extends StaffingResult {
  /** The square-root (Halfin–Whitt) estimate of c the exact search started from. */
  readonly estimate: number;
}

function evaluate(c: number, load: number, mu: number, blocking: number): StaffingResult {
  const pWait = erlangCFromB(c, load, blocking);
  const Wq = pWait / (mu * (c - load));
  return { servers: c, load, rho: load / c, beta: (c - load) / Math.sqrt(load), pWait, Wq, W: Wq + 1 / mu };
}

/**
 * Square-root staffing: `c = ⌈R + β√R⌉` servers for offered load `R = λ/μ`, with the M/M/c
 * measures that staffing achieves.
 *
 * @param params - arrival rate, service rate and the safety factor β > 0
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * const s = squareRootStaffing({ arrivalRate: 10, serviceRate: 0.1, beta: 1 }); // R = 100
 * s.servers; // 110
 * s.pWait;   // ≈ 0.237, near the Halfin–Whitt limit 0.223 for β = 1
 * ```
 */
export function squareRootStaffing(params: SquareRootStaffingParams, path = ''): StaffingResult {
  const p = readParams(params, path, 'square-root staffing', ['arrivalRate', 'serviceRate', 'beta']);
  const lambda = positive(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  const beta = positive(p.beta, at(path, 'beta'));
  const load = lambda / mu;
  // R + β√R > R, so the ceiling is a stable staffing (and at least one server).
  const c = Math.max(1, Math.ceil(load + beta * Math.sqrt(load)));
  if (!(c > load))
    throw new ParameterError(at(path, 'beta'), 'a safety factor large enough to add a server', beta);
  return evaluate(c, load, mu, erlangBUnchecked(c, load));
}

interface Targets {
  readonly alpha: number | undefined;
  readonly meanWait: number | undefined;
  readonly within: number | undefined;
  readonly tail: number | undefined; // 1 − service-level fraction
}

function readTargets(p: Record<string, unknown>, path: string, params: unknown): Targets {
  const open01 = (v: unknown, vp: string): number => {
    if (typeof v !== 'number' || !(v > 0 && v < 1))
      throw new ParameterError(vp, 'a probability in (0, 1)', v);
    return v;
  };
  const alpha =
    p.maxWaitProbability === undefined
      ? undefined
      : open01(p.maxWaitProbability, at(path, 'maxWaitProbability'));
  const meanWait = p.maxMeanWait === undefined ? undefined : positive(p.maxMeanWait, at(path, 'maxMeanWait'));
  let within: number | undefined;
  let tail: number | undefined;
  if (p.serviceLevel !== undefined) {
    const slPath = at(path, 'serviceLevel');
    const sl = readParams(p.serviceLevel, slPath, 'a service level', ['within', 'fraction']);
    within = nonNegative(sl.within, at(slPath, 'within'));
    tail = 1 - open01(sl.fraction, at(slPath, 'fraction'));
  }
  if (alpha === undefined && meanWait === undefined && tail === undefined)
    throw new ParameterError(
      path || 'params',
      'at least one target: maxWaitProbability, maxMeanWait or serviceLevel',
      params,
    );
  return { alpha, meanWait, within, tail };
}

/**
 * The least number of servers of an M/M/c queue that meets every given wait target, found by an exact
 * Erlang C search started from the square-root (Halfin–Whitt) estimate.
 *
 * @param params - arrival rate, service rate, and one or more of `maxWaitProbability`, `maxMeanWait`,
 *   `serviceLevel: { within, fraction }`
 * @param path - prefix for error paths
 *
 * @example
 * ```ts
 * // Calls at 0.1/s lasting 180 s on average (R = 18); 80 % answered within 20 s.
 * minimumServers({ arrivalRate: 0.1, serviceRate: 1 / 180, serviceLevel: { within: 20, fraction: 0.8 } }).servers;
 * // A swab site with a resident every 2 s, 40 s swabs; nobody should wait 30 s on average.
 * minimumServers({ arrivalRate: 0.5, serviceRate: 1 / 40, maxMeanWait: 30 }).servers;
 * ```
 */
export function minimumServers(params: StaffingTargets, path = ''): MinimumServersResult {
  const p = readParams(params, path, 'a staffing target', [
    'arrivalRate',
    'serviceRate',
    'maxWaitProbability',
    'maxMeanWait',
    'serviceLevel',
  ]);
  const lambda = positive(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  const targets = readTargets(p, path, params);
  const load = finite(lambda / mu, at(path, 'arrivalRate'));
  const sqrtLoad = Math.sqrt(load);
  const least = Math.floor(load) + 1; // fewest servers for a stable queue

  // Square-root estimate: in the Halfin–Whitt limit, c = R + β√R has P(wait) ≈ α(β) and an excess
  // capacity (c − R)μ = βμ√R, so each target becomes a condition on β alone.
  const meetsLimit = (b: number): boolean => {
    const a = halfinWhittWaitProbability(b);
    const theta = b * sqrtLoad * mu;
    if (targets.alpha !== undefined && a > targets.alpha) return false;
    if (targets.meanWait !== undefined && a / theta > targets.meanWait) return false;
    if (targets.tail !== undefined && a * Math.exp(-theta * targets.within!) > targets.tail) return false;
    return true;
  };
  const estimate = Math.max(least, Math.ceil(load + leastBeta(meetsLimit) * sqrtLoad));

  const meets = (r: StaffingResult): boolean =>
    (targets.alpha === undefined || r.pWait <= targets.alpha) &&
    (targets.meanWait === undefined || r.Wq <= targets.meanWait) &&
    (targets.tail === undefined ||
      r.pWait * Math.exp(-(r.servers - load) * mu * targets.within!) <= targets.tail);

  let c = estimate;
  let b = erlangBUnchecked(c, load);
  let best = evaluate(c, load, mu, b);
  if (meets(best)) {
    while (c - 1 >= least) {
      const lower = evaluate(c - 1, load, mu, erlangBUnchecked(c - 1, load));
      if (!meets(lower)) break;
      c -= 1;
      best = lower;
    }
  } else {
    while (!meets(best)) {
      c += 1;
      const ab = load * b;
      b = ab / (c + ab);
      best = evaluate(c, load, mu, b);
    }
  }
  return { ...best, estimate };
}

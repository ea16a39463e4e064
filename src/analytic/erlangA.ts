/**
 * Erlang-A: the M/M/c+M queue (Palm 1943; Garnett, Mandelbaum and Reiman 2002). Poisson arrivals at
 * rate λ, `c` servers with exponential service at rate μ, and customers who abandon the queue after an
 * exponential patience with rate θ (mean patience 1/θ). It is Erlang C with reneging, and unlike
 * Erlang C it has a steady state at any load: the queue cannot grow without bound when people leave it.
 *
 * The number in the system is a birth–death chain with births λ in every state and deaths
 * `min(n, c)·μ + max(n − c, 0)·θ` in state n, so `π_n ∝ ∏_{k=1..n} λ / death_k`. By PASTA an arrival
 * waits with probability `P(N ≥ c)`; abandonments happen at rate `θ·Lq`, so the share of arrivals who
 * abandon is `θ·Lq/λ`; the mean time in queue of all arrivals (served or not) is `Lq/λ` (Little).
 *
 * **Truncation.** The state space is infinite; the sums stop at the first state N at which the tail is
 * provably negligible. The ratios `w_{k+1}/w_k = λ/death_{k+1}` never increase with k (the death rates
 * never decrease), so once `r = λ/death_{N+1} < 1` every later weight is at most `w_N·r^j`, and
 * `Σ_{k>N} (1 + min(k,c) + (k−c)⁺)·w_k ≤ w_N·((c + (N−c)⁺ + 1)·r/(1−r) + r/(1−r)²)`. That bound covers
 * the neglected probability, busy servers and queue length together; the sums stop once it is below
 * 10⁻¹⁶ of the total weight, i.e. below double rounding. Weights are kept in log space (as in the
 * M/M/c chain) so that thousands of servers do not overflow. θ = 0 is Erlang C itself (and needs
 * λ < cμ); it is computed by the closed form.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { nonNegative, positive, positiveInt } from '../kernel/validate.js';
import { mmcUnchecked } from './mmc.js';
import { at, readParams, requireStable } from './params.js';

/**
 * Parameters of an Erlang-A (M/M/c+M) queue.
 *
 * @example
 * ```ts
 * const line: ErlangAParams = { arrivalRate: 3.3, serviceRate: 1, servers: 3, abandonmentRate: 0.5 };
 * ```
 */
export interface ErlangAParams {
  /** λ: arrivals per unit time, ≥ 0. */
  readonly arrivalRate: number;
  /** μ: services per unit time of one busy server, > 0. */
  readonly serviceRate: number;
  /** c: number of servers, an integer ≥ 1. */
  readonly servers: number;
  /** θ: 1 / mean patience, ≥ 0; 0 means nobody abandons (Erlang C, which needs λ < cμ). */
  readonly abandonmentRate: number;
}

/**
 * Steady-state measures of an Erlang-A queue. Times are in the unit of the rates.
 *
 * @example
 * ```ts
 * const m: ErlangAMetrics = erlangA({ arrivalRate: 3.3, serviceRate: 1, servers: 3, abandonmentRate: 0.5 });
 * m.pAbandon; // share of callers who hang up before an agent answers
 * ```
 */
export interface ErlangAMetrics {
  /** Offered load A = λ/μ in Erlangs. */
  readonly load: number;
  /** Offered load per server, λ/(cμ); may exceed 1. */
  readonly rho: number;
  /** Probability that an arrival finds all servers busy and has to wait. */
  readonly pWait: number;
  /** Share of arrivals who abandon the queue before service, θ·Lq/λ (0 when λ = 0). */
  readonly pAbandon: number;
  /** Mean number waiting (not in service). */
  readonly Lq: number;
  /** Mean number in the system. */
  readonly L: number;
  /** Mean time in queue of all arrivals, served or abandoning, Lq/λ (0 when λ = 0). */
  readonly Wq: number;
  /** Services completed per unit time, λ·(1 − pAbandon). */
  readonly throughput: number;
  /** Mean busy servers over c. */
  readonly utilisation: number;
}

/** Below this share of the total weight the neglected tail is below double rounding. */
const TAIL_TOLERANCE = 1e-16;
/** The chain is summed up to this many states at most (patience far too long for the load). */
const MAX_STATES = 1_000_000;

/**
 * Steady-state measures of the Erlang-A (M/M/c+M) queue: Erlang C with exponential patience.
 *
 * @param params - arrival rate λ, service rate μ, servers c, abandonment rate θ (1 / mean patience)
 * @param path - prefix for error paths, e.g. `lines[0]`
 * @throws ParameterError for a bad parameter, for θ = 0 with λ ≥ cμ (no steady state), and for a
 *   θ so small against the overload that the chain would need more than 10⁶ states.
 * @example
 * ```ts
 * const m = erlangA({ arrivalRate: 1, serviceRate: 1, servers: 1, abandonmentRate: 1 });
 * m.pWait;    // 1 − e⁻¹ ≈ 0.632 (θ = μ: the number in system is Poisson(λ/μ))
 * m.pAbandon; // e⁻¹ ≈ 0.368
 * ```
 */
export function erlangA(params: ErlangAParams, path = ''): ErlangAMetrics {
  const p = readParams(params, path, 'Erlang-A (M/M/c+M)', [
    'arrivalRate',
    'serviceRate',
    'servers',
    'abandonmentRate',
  ]);
  const lambda = nonNegative(p.arrivalRate, at(path, 'arrivalRate'));
  const mu = positive(p.serviceRate, at(path, 'serviceRate'));
  const c = positiveInt(p.servers, at(path, 'servers'));
  const theta = nonNegative(p.abandonmentRate, at(path, 'abandonmentRate'));
  const load = lambda / mu;
  if (theta === 0) {
    requireStable(lambda, path, { rate: mu }, c);
    const m = mmcUnchecked(lambda, mu, c);
    return {
      load,
      rho: m.rho,
      pWait: m.pWait,
      pAbandon: 0,
      Lq: m.Lq,
      L: m.L,
      Wq: m.Wq,
      throughput: lambda,
      utilisation: m.rho,
    };
  }
  if (lambda === 0)
    return { load, rho: 0, pWait: 0, pAbandon: 0, Lq: 0, L: 0, Wq: 0, throughput: 0, utilisation: 0 };

  // Running log-sum-exp of the weights and of the weighted sums, rescaled whenever a larger log-weight
  // appears: state 0 has log-weight 0.
  const logLambda = Math.log(lambda);
  let max = 0;
  let total = 1;
  let waiting = 0;
  let busy = 0;
  let queued = 0;
  let logW = 0;
  for (let n = 0; ; n++) {
    const death = Math.min(n + 1, c) * mu + Math.max(n + 1 - c, 0) * theta;
    const r = lambda / death;
    if (r < 1) {
      const excess = Math.max(n - c, 0);
      const bound = (c + excess + 1) * (r / (1 - r)) + r / (1 - r) ** 2;
      if (logW + Math.log(bound) - max <= Math.log(TAIL_TOLERANCE * total)) break;
    }
    if (n + 1 >= MAX_STATES)
      throw new ParameterError(
        at(path, 'abandonmentRate'),
        `an abandonment rate large enough for the queue to settle within ${MAX_STATES} states at λ = ${lambda}, cμ = ${c * mu}`,
        theta,
      );
    logW += logLambda - Math.log(death);
    const k = n + 1;
    if (logW > max) {
      const scale = Math.exp(max - logW);
      total *= scale;
      waiting *= scale;
      busy *= scale;
      queued *= scale;
      max = logW;
    }
    const w = Math.exp(logW - max);
    total += w;
    busy += Math.min(k, c) * w;
    if (k >= c) {
      waiting += w;
      queued += (k - c) * w;
    }
  }
  const Lq = queued / total;
  const meanBusy = busy / total;
  const pAbandon = (theta * Lq) / lambda;
  return {
    load,
    rho: load / c,
    pWait: waiting / total,
    pAbandon,
    Lq,
    L: Lq + meanBusy,
    Wq: Lq / lambda,
    throughput: lambda * (1 - pAbandon),
    utilisation: meanBusy / c,
  };
}

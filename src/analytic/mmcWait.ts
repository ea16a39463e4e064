/**
 * The distribution of time in an M/M/c queue (first come first served), not just its mean.
 *
 * An arrival waits with probability `C = ErlangC(c, A)`; given that it waits, its wait is exponential
 * with rate `θ = cμ − λ` (while all servers are busy, departures come at rate cμ and the arrival's
 * position drains like an M/M/1 with that rate). Hence
 *
 * - `P(Wq > t) = C·e^{−θt}` and the p-quantile of Wq is `max(0, ln(C/(1−p))/θ)`;
 * - the time in system adds an independent Exp(μ) service, so
 *   `P(W > t) = (1 − C)·e^{−μt} + C·P(Exp(θ) + Exp(μ) > t)`.
 *
 * The call-centre "service level" (share answered within t) is `1 − P(Wq > t)`.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { nonNegative } from '../kernel/validate.js';
import { erlangBUnchecked, erlangCFromB } from './erlang.js';
import { type MmcParams, readMmc } from './mmc.js';

/**
 * `P(Wq > t)`: the probability that an arrival waits longer than `t` before its service starts.
 *
 * @param params - M/M/c parameters; needs λ < cμ
 * @param t - time, finite and ≥ 0, in the unit of the rates
 * @param path - prefix for error paths; `t` is reported as `<path>.t`
 *
 * @example
 * ```ts
 * // 1 − service level "answered within 20 s" for 0.1 calls/s, 180 s calls, 21 agents
 * mmcWaitTail({ arrivalRate: 0.1, serviceRate: 1 / 180, servers: 21 }, 20);
 * mmcWaitTail({ arrivalRate: 0.8, serviceRate: 1, servers: 1 }, 0); // 0.8 = P(wait)
 * ```
 */
export function mmcWaitTail(params: MmcParams, t: number, path = ''): number {
  const { lambda, mu, c } = readMmc(params, path, 'M/M/c');
  const time = nonNegative(t, path ? `${path}.t` : 't');
  const load = lambda / mu;
  const pWait = erlangCFromB(c, load, erlangBUnchecked(c, load));
  return pWait * Math.exp(-(c * mu - lambda) * time);
}

/**
 * The p-quantile of the wait before service: the least `t` with `P(Wq ≤ t) ≥ p`. It is 0 when at
 * least a share `p` of arrivals do not wait at all.
 *
 * @param params - M/M/c parameters; needs λ < cμ
 * @param p - probability in [0, 1)
 * @param path - prefix for error paths; `p` is reported as `<path>.p`
 *
 * @example
 * ```ts
 * mmcWaitQuantile({ arrivalRate: 0.8, serviceRate: 1, servers: 1 }, 0.9); // ln(8)/0.2 ≈ 10.4
 * mmcWaitQuantile({ arrivalRate: 0.8, serviceRate: 1, servers: 1 }, 0.1); // 0: 20 % never wait
 * ```
 */
export function mmcWaitQuantile(params: MmcParams, p: number, path = ''): number {
  const { lambda, mu, c } = readMmc(params, path, 'M/M/c');
  const pPath = path ? `${path}.p` : 'p';
  if (typeof p !== 'number' || !(p >= 0 && p < 1))
    throw new ParameterError(pPath, 'a probability in [0, 1)', p);
  const load = lambda / mu;
  const pWait = erlangCFromB(c, load, erlangBUnchecked(c, load));
  if (pWait <= 1 - p) return 0;
  return Math.log(pWait / (1 - p)) / (c * mu - lambda);
}

/**
 * `P(Exp(a) + Exp(b) > t)` for independent exponentials, written so that neither the difference of
 * close rates nor a large `t` loses accuracy: with `r = min(a, b)`, `s = max(a, b)`,
 * `e^{−rt}·(1 + r·(1 − e^{−(s−r)t})/(s − r))`, whose limit as s → r is `e^{−rt}(1 + rt)`.
 */
function hypoexponentialTail(a: number, b: number, t: number): number {
  const r = Math.min(a, b);
  const d = Math.max(a, b) - r;
  const spread = d === 0 ? t : -Math.expm1(-d * t) / d;
  return Math.exp(-r * t) * (1 + r * spread);
}

/**
 * `P(W > t)`: the probability that an arrival spends longer than `t` in the system (wait plus
 * service). For M/M/1 this is `e^{−(μ−λ)t}`.
 *
 * @param params - M/M/c parameters; needs λ < cμ
 * @param t - time, finite and ≥ 0
 * @param path - prefix for error paths; `t` is reported as `<path>.t`
 *
 * @example
 * ```ts
 * mmcSojournTail({ arrivalRate: 0.8, serviceRate: 1, servers: 1 }, 5); // e^{−1} ≈ 0.368
 * ```
 */
export function mmcSojournTail(params: MmcParams, t: number, path = ''): number {
  const { lambda, mu, c } = readMmc(params, path, 'M/M/c');
  const time = nonNegative(t, path ? `${path}.t` : 't');
  const load = lambda / mu;
  const pWait = erlangCFromB(c, load, erlangBUnchecked(c, load));
  const theta = c * mu - lambda;
  return (1 - pWait) * Math.exp(-mu * time) + pWait * hypoexponentialTail(theta, mu, time);
}

/**
 * The stationary distribution of the number in system of an M/M/c queue: `P(N = n)` for n = 0..maxN.
 *
 * Below c the chain is a truncated Poisson shape; from c on it is geometric with ratio ρ, so
 * `P(N ≥ c)` is Erlang C. The tail beyond c is summed in closed form, `w_c / (1 − ρ)`, so the
 * normalisation is exact however long the queue may grow. Useful to check a simulation's
 * time-weighted queue-length histogram against theory.
 *
 * @module
 */
import { integer } from '../kernel/validate.js';
import { logSumExp, logWeights } from './birthDeath.js';
import { type MmcParams, readMmc } from './mmc.js';

/**
 * Steady-state probabilities `P(N = n)`, n = 0..maxN, of the number in an M/M/c system.
 *
 * @param params - M/M/c parameters; needs λ < cμ
 * @param maxN - last state to report, an integer ≥ 0 (the rest of the mass lies beyond it)
 * @param path - prefix for error paths; `maxN` is reported as `<path>.maxN`
 *
 * @example
 * ```ts
 * mmcStateProbabilities({ arrivalRate: 0.5, serviceRate: 1, servers: 1 }, 3); // [0.5, 0.25, 0.125, 0.0625]
 * ```
 */
export function mmcStateProbabilities(params: MmcParams, maxN: number, path = ''): number[] {
  const { lambda, mu, c } = readMmc(params, path, 'M/M/c');
  const last = integer(maxN, path ? `${path}.maxN` : 'maxN');
  const load = lambda / mu;
  const rho = load / c;
  const head = logWeights(load, c, c);
  const logWc = head[c]!;
  // States c, c+1, … have weights w_c·ρ^k: their sum w_c/(1 − ρ) stands in for the whole tail.
  const logZ = logSumExp([...head.slice(0, c), logWc - Math.log1p(-rho)]);
  const logRho = Math.log(rho);
  const out = new Array<number>(last + 1);
  for (let n = 0; n <= last; n++) {
    const logW = n <= c ? head[n]! : logWc + (n - c) * logRho;
    out[n] = Math.exp(logW - logZ);
  }
  return out;
}

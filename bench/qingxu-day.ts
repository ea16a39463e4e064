/**
 * One replication of the Qingxu day (scenarios/qingxu, default parameters) as plain numbers, so it
 * can run through `replicate` and, by module URL, on worker threads (`ParallelRunner`).
 */

import { runDay } from '../scenarios/qingxu/day.js';
import { QINGXU_DEFAULTS } from '../scenarios/qingxu/params.js';
import type { ReplicationContext } from '../src/experiment/replicate.js';

/**
 * The day's headline numbers for replication `ctx` (the parameters are the checked-in defaults; the
 * `params` argument is unused and exists for the parallel runner's signature).
 *
 * @example
 * ```ts
 * qingxuDay({}, { seed: 1 }).staffHours;
 * ```
 */
export function qingxuDay(_params: Record<string, never>, ctx: Pick<ReplicationContext, 'seed'>) {
  const r = runDay(QINGXU_DEFAULTS, ctx.seed);
  return {
    staffHours: r.staffHours.total,
    yundaTested: r.yunda.tested,
    yundaLastSwab: r.yunda.lastSwab ?? Number.NaN,
  };
}

/**
 * One replication of the Qingxu day from its spec (campaigns/qingxu-2022-04-13.json, as written) as
 * plain numbers, so it can run through `replicate` and, by module URL, on worker threads
 * (`ParallelRunner`). The spec is read and planned once per thread, as `campaignScenario` does for a
 * run of many replications; a day is `runCampaign` on that plan.
 */

import { readFileSync } from 'node:fs';
import { planCampaign } from '../models/campaign/plan.js';
import { runCampaign } from '../models/campaign/run.js';
import { checkSpec } from '../models/campaign/validate.js';
import type { ReplicationContext } from '../src/experiment/replicate.js';

const SPEC: unknown = JSON.parse(
  readFileSync(new URL('../campaigns/qingxu-2022-04-13.json', import.meta.url), 'utf8'),
);
checkSpec(SPEC);
const { plan: PLAN } = planCampaign(SPEC);

/**
 * The day's headline numbers for replication `ctx` (the spec as written; the `params` argument is
 * unused and exists for the parallel runner's signature).
 *
 * @example
 * ```ts
 * qingxuDay({}, { seed: 1 }).staffHours;
 * ```
 */
export function qingxuDay(_params: Record<string, never>, ctx: Pick<ReplicationContext, 'seed'>) {
  const r = runCampaign(PLAN, ctx.seed);
  return {
    staffHours: r.staffHours.total,
    hedongTested: r.testing.hedong?.tested ?? Number.NaN,
    hedongLastSwab: r.testing.hedong?.finish ?? Number.NaN,
  };
}

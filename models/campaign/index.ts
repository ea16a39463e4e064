/**
 * Campaigns as data: a day of testing, transfers, isolation sites and supplies written as one spec
 * (JSON, or the same shape as a typed object), checked against a schema, planned and run.
 *
 * ```ts
 * import { campaignScenario } from 'surgesim/models';
 * import { runScenario, formatScenarioTable } from 'surgesim';
 * console.log(formatScenarioTable(runScenario(campaignScenario(spec), { replications: 10, seed: 1 })));
 * ```
 *
 * @module
 */
export { type AreaPlan, type AreaResult, AreaRun, QUEUE_SAMPLE, type WaitSummary } from './area.js';
export { campaignCharts, representativeReplication } from './charts.js';
export { type Basis, planCampaign, type ProvenanceRow, stripAnnotations } from './plan.js';
export {
  type CampaignPlan,
  type CampaignResult,
  componentSeed,
  type FigurePlan,
  figureValue,
  readPath,
  runCampaign,
} from './run.js';
export { campaignScenario, overrideSpec } from './scenario.js';
export { checkSpec } from './validate.js';

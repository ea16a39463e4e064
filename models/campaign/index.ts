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
export { type AreaArrivals, type AreaPlan, type AreaResult, AreaRun, type AreaStaff } from './area.js';
export type { AreaPointStart, AreaStart } from './areaStart.js';
export type { BindingHour, BindingResult, BindingSample } from './binding.js';
export {
  applySpecChanges,
  checkSpecChanges,
  parseChangesFile,
  type SpecChanges,
  SpecChangesSchema,
  specChanges,
  specChangesOverrides,
  withSpecChanges,
} from './changes.js';
export { campaignCharts } from './charts.js';
export type {
  CheckpointInput,
  CheckpointResult,
  IsolationInput,
  IsolationResult,
  MusterInput,
  MusterResultSummary,
  TransferInput,
  TransferResult,
  UnloadingInput,
  UnloadingResultSummary,
} from './components.js';
export type { CallingWave, DemandCounts, DemandPlan } from './demand.js';
export { loadExpressions } from './expressions.js';
export { SpecError, type SpecIssue } from './issues.js';
export { campaignJsonSchema } from './jsonSchema.js';
export { type ProvenanceRow, planCampaign } from './plan.js';
export {
  type CampaignPlan,
  type CampaignResult,
  campaignSubset,
  componentSeed,
  type FigurePlan,
  runCampaign,
} from './run.js';
export { campaignScenario, overrideSpec } from './scenario.js';
export { checkSpec } from './validate.js';

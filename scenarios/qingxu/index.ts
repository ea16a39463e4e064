/**
 * The Qingxu day model (13 April 2022): parameters with their sources, the composed day, Hedong on
 * its own, and the figures read out of a day. The runnable scenario, with its command line (the
 * shared scenario-script entry of src/cli), is `scenarios/qingxu-2022-04-13.ts`.
 *
 * @example
 * ```ts
 * import { hedongParameters, runHedong } from './qingxu/index.js';
 * runHedong({ ...hedongParameters(), pool: 20 }, { seed: 1 }).tubes.sealed;
 * ```
 *
 * @module
 */
export { DAY_PARTS, type DayResult, HEDONG_OFFSET, partSeed, runDay, validateDay } from './day.js';
export {
  QINGXU_FIGURES,
  QINGXU_METRICS,
  qingxuCharts,
  representativeReplication,
} from './figures.js';
export {
  type AreaWait,
  HEDONG_ROLES,
  type HedongResult,
  type HedongRole,
  hedongEpoch,
  hedongOpening,
  hedongSites,
  hedongStaffSplit,
  hedongTurnout,
  QUEUE_SAMPLE,
  runHedong,
  validateHedong,
} from './hedong.js';
export {
  type CheckpointParams,
  type DurationValue,
  HEDONG_EPOCH,
  type HedongParams,
  hedongParameters,
  type MusterParams,
  QINGXU_ASSUMPTIONS,
  QINGXU_DEFAULTS,
  QINGXU_EPOCH,
  QINGXU_FITTED,
  QINGXU_SOURCES,
  type QingxuParams,
  type SiteSetupParams,
  type TransferParams,
  type UnloadingParams,
  type YundaParams,
} from './params.js';

/**
 * Hedong's evening (13 April 2022) as TypeScript parameters and a runner, kept only for the staffing
 * questions (`scenarios/qingxu-staffing.ts`, `scenarios/staffing/`) until they run on the spec. The
 * day itself is the campaign spec `campaigns/qingxu-2022-04-13.json`.
 *
 * @example
 * ```ts
 * import { hedongParameters, runHedong } from './qingxu/index.js';
 * runHedong({ ...hedongParameters(), pool: 20 }, { seed: 1 }).tubes.sealed;
 * ```
 *
 * @module
 */
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

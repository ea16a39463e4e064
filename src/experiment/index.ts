/**
 * Experiments: independent replications with confidence intervals, sequential stopping to a target
 * precision, steady-state estimation (warm-up deletion, batch means, replication/deletion), parameter
 * sweeps and paired comparisons with common random numbers.
 *
 * ```ts
 * const r = replicate((ctx) => runDesk({ servers: 5, seed: ctx.seed }), { replications: 20, seed: 42 });
 * r.summary.meanWait; // mean, sd, n, halfWidth, lower, upper, min, max, level
 * const s = sweep((p, ctx) => runDesk({ ...p, seed: ctx.seed }), { servers: [4, 5, 6] }, { replications: 20, seed: 42 });
 * const c = compareParams((p, ctx) => runDesk({ ...p, seed: ctx.seed }), { servers: 4 }, { servers: 5 }, { replications: 20, seed: 42 });
 * ```
 *
 * Everything here is browser-safe. Parallel replications on worker threads need Node and live in
 * their own module, `./parallel.js` (`replicateParallel`), which this barrel does not import.
 *
 * @module
 */
export { BatchMeans, type BatchMeansInterval, type BatchMeansOptions, batchMeans } from './batchMeans.js';
export {
  type CompareOptions,
  type CompareResult,
  compare,
  compareParams,
  isSignificant,
  type PairedDifference,
  pairedDifference,
  pairedDifferences,
  type ResolvedCompareOptions,
} from './compare.js';
export { type MserOptions, type MserResult, mser } from './mser.js';
export {
  DEFAULT_MAX_REPLICATIONS,
  type PrecisionTarget,
  type ReplicateOptions,
  type ResolvedReplicateOptions,
  type ResolvedTarget,
} from './options.js';
export {
  type Model,
  type ReplicateResult,
  type ReplicationContext,
  ReplicationError,
  type ReplicationRun,
  replicate,
  runReplication,
  type StoppingReport,
} from './replicate.js';
export {
  checkScenario,
  combineOverrides,
  defineScenario,
  FIGURE_UNITS,
  type FigureUnit,
  mergeParameters,
  type Overrides,
  overrideFromAssignment,
  resolveScenarioParameters,
  type Scenario,
  type ScenarioChart,
  type ScenarioFigure,
} from './scenario.js';
export {
  formatComparisonTable,
  formatDifference,
  formatFigure,
  formatScenarioTable,
  textTable,
} from './scenarioFormat.js';
export {
  type CompareScenariosOptions,
  compareScenarios,
  type FigureSummary,
  type RunScenarioOptions,
  runScenario,
  type ScenarioComparison,
  type ScenarioResult,
} from './scenarioRun.js';
export {
  afterWarmup,
  afterWarmupTime,
  type ReplicationDeletionOptions,
  type ReplicationDeletionResult,
  replicationDeletion,
  type SteadyStateContext,
  SteadyStateObserver,
  type SteadyStateReport,
  type SteadyStateWindow,
  TimeBatchMeans,
  type TimeBatchMeansInterval,
  WindowAverage,
  WindowTally,
} from './steadyState.js';
export { type FieldSummary, summarise, summaryOf } from './summary.js';
export {
  type Grid,
  type GridPoint,
  type GridValue,
  gridPoints,
  SWEEP_COLUMNS,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
  type SweepRow,
  sweep,
} from './sweep.js';

/**
 * Charts and report data for planners — browser-safe: vega-lite spec builders (pure functions of
 * plain rows and an epoch) and the generic report data shape. Rendering to SVG, PNG and HTML files is
 * Node-only and lives in `./node.ts` (package entry `surgesim/report/node`).
 *
 * @module surgesim/report
 */
export { type BedsReadyInput, type BedsRow, bedsReadySpec } from './bedsReady.js';
export { type BusTripRow, type BusTripsInput, busTripsSpec } from './busTrips.js';
export {
  CLOCK_LABEL_EXPR,
  clockAxisTitle,
  clockEncoding,
  clockTickStep,
  type EpochLike,
  toEpoch,
} from './clock.js';
export {
  type ComparisonField,
  type ComparisonInput,
  type ComparisonRow,
  comparisonRows,
  comparisonSpec,
} from './comparison.js';
export type { ChartOptions } from './options.js';
export { type QueueLengthInput, type QueueLengthRow, queueLengthSpec } from './queueLength.js';
export {
  type FigureComparison,
  flattenParameters,
  formatCell,
  type HtmlReport,
  type ReportCell,
  type ReportChart,
  type ReportIdentity,
  type ReportTable,
  reportedVsSimulatedTable,
} from './reportData.js';
export { type ResourceUsageOptions, resourceUsageSpec } from './resourceUsage.js';
export {
  type ScenarioFigureRow,
  scenarioDefaultCharts,
  scenarioFigureRows,
  scenarioFiguresChart,
  scenarioReport,
  scenarioResultJson,
} from './scenarioReport.js';
export { type StaffIntervalRow, type StaffRosterInput, staffRosterSpec } from './staffRoster.js';
export type { TargetMarker } from './target.js';
export { type TestedOverTimeInput, type TestedRow, testedOverTimeSpec } from './testedOverTime.js';
export { REPORT_FONT_FAMILY, REPORT_PALETTE, reportConfig, TARGET_COLOR } from './theme.js';
export { tornadoSpec } from './tornado.js';
export { type UnloadingInput, type UnloadingRow, unloadingSpec } from './unloading.js';
export { type WaitingTimeInput, type WaitRow, waitingTimeSpec } from './waitingTime.js';

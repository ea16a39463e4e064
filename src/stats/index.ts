/**
 * Statistics: streaming monitors, summary helpers, confidence intervals, tidy tables and their
 * CSV/JSON exports. Depends only on the kernel's errors and checks (and simple-statistics), never on
 * the simulation clock: monitors take the time as an argument.
 *
 * @module
 */
export type { Accessor } from './accessor.js';
export { type ConfidenceInterval, confidenceInterval } from './confidenceInterval.js';
export { Counter, type CounterOptions, type CounterSummary } from './counter.js';
export { type CsvOptions, fromCSV, toCSV } from './csv.js';
export { Histogram, type HistogramOptions, type HistogramSummary } from './histogram.js';
export { fromJSON, fromNDJSON, type JsonOptions, toJSON, toNDJSON } from './json.js';
export { levelTable } from './levelTable.js';
export { max } from './max.js';
export { mean } from './mean.js';
export { min } from './min.js';
export { type Monitor, SUMMARY_QUANTILES } from './monitor.js';
export { quantile } from './quantile.js';
export { QuantileSketch, type QuantileSketchOptions } from './quantileSketch.js';
export {
  ARRIVALS_COLUMNS,
  KEY_COLUMNS,
  LEVEL_COLUMNS,
  OUTCOMES,
  type Outcome,
  RESOURCE_COLUMNS,
  SUMMARY_COLUMNS,
} from './schemas.js';
export { sd } from './sd.js';
export { studentTCdf, studentTQuantile } from './studentT.js';
export { sum } from './sum.js';
export { type MonitorSummary, type RunKey, summaryTable } from './summaryTable.js';
export {
  bindRows,
  type CellOf,
  type ColumnName,
  type ColumnSpec,
  type ColumnsOf,
  type ColumnType,
  type RowOf,
  rows,
  type Schema,
  type Table,
  TableBuilder,
  type TableBuilderOptions,
  tableFromRows,
  validateSchema,
} from './table.js';
export { Tally, type TallyOptions, type TallySummary } from './tally.js';
export {
  type LevelTrace,
  TimeWeighted,
  type TimeWeightedOptions,
  type TimeWeightedSummary,
} from './timeWeighted.js';
export { timeWeightedMean } from './timeWeightedMean.js';
export { variance } from './variance.js';

/**
 * Batching: items pooled into batches that travel together (samples into tubes, tubes into courier
 * boxes), released when full, after a timeout, on a timetable or on demand.
 *
 * @module
 */
export { Batch, type BatchReason, type BatchSummary } from './batch.js';
export {
  Batcher,
  type BatcherAccounting,
  type BatcherOptions,
  type BatcherResults,
  BatchGet,
} from './batcher.js';
export { resolveTimetable, type TimetableInterval, type TimetableSpec } from './timetable.js';

/**
 * Batching and scheduled departures: items pooled into batches that travel together (samples into
 * tubes, tubes into courier boxes) and passengers taken by vehicles that leave on a timetable or when
 * full (buses out of a sealed park).
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
export {
  Boarding,
  type BoardingStatus,
  type DepartureReason,
  Departures,
  type DeparturesAccounting,
  type DeparturesOptions,
  type DeparturesResults,
  Trip,
  type TripSummary,
} from './departures.js';
export { resolveTimetable, type TimetableInterval, type TimetableSpec } from './timetable.js';

/**
 * Capacity planning: the least staff that meets a deadline with a stated confidence, decided by
 * simulation with common random numbers from an analytic starting point.
 *
 * @module
 */

export { bottlenecksByHour, type HourBottleneck, type QueueSample } from './bottleneck.js';
export { type HourlyStaffingOptions, type HourlyStaffingResult, hourlyStaffing } from './hourly.js';
export { binomialCdf, clopperPearson, type ProportionInterval, wilsonInterval } from './interval.js';
export {
  marginalStaff,
  type TornadoParameter,
  type TornadoRow,
  tornado,
} from './paired.js';
export {
  type PlanVerdict,
  type RoleBounds,
  type StaffBatch,
  type StaffReplication,
  type StaffSearchOptions,
  type StaffSearchResult,
  searchStaff,
} from './staffSearch.js';

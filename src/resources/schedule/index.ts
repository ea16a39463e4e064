/**
 * Capacity over time: capacity schedules, rosters of named staff, shift patterns, coverage analysis,
 * work-limit rotation, mobilisation, and the `serve` helper that handles preemption.
 *
 * @module
 */
export {
  applyCapacitySchedule,
  type CapacitySchedule,
  type CapacityScheduleHandle,
  type CapacityStep,
  capacityAt,
  type Seconds,
  validateCapacitySchedule,
} from './capacity-schedule.js';
export {
  type CoverageGap,
  type CoverageReport,
  coverageGaps,
  type HeadcountStep,
  headcountProfile,
} from './coverage.js';
export { type ArrivalTimes, mobilise, openWhen } from './mobilise.js';
export {
  type MobilisationOptions,
  mobilisationRoster,
  type RoundTheClockOptions,
  roundTheClock,
} from './patterns.js';
export {
  acceptingIntervals,
  type Interval,
  onShiftAt,
  presenceIntervals,
  type Roster,
  type RosterEntry,
  type Shift,
  type ShiftBreak,
  validateRoster,
} from './roster.js';
export { type PreemptAction, type ServeOptions, type ServiceRecord, serve } from './serve.js';
export {
  StaffedResource,
  type StaffedResourceOptions,
  StaffMember,
  type StaffPersonResult,
  StaffRequest,
  type StaffResults,
  StaffSeat,
  type StaffShiftResult,
  type StaffState,
  type StaffTraceRow,
  type WorkLimit,
} from './staffed-resource.js';

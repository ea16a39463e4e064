/**
 * Checkpoints and mobilisation (F9–F10):
 *
 * - {@link checkpointStaffing}: headcount needed and tied up to keep posts staffed around the clock
 *   with 2 × 12 h or 3 × 8 h shifts (a roster from the library's `roundTheClock`, checked for
 *   coverage);
 * - {@link runCheckpointFlow}: people entering one checkpoint (temperature, health code, register)
 *   served by keepers on that roster — waits and keeper utilisation;
 * - {@link Muster} / {@link runMuster}: N volunteers called at once, arriving after random delays and
 *   sent to villages — time until k of N have arrived, and until every village has its team.
 *
 * @module
 */

export {
  MUSTER_SOURCES,
  Muster,
  type MusterParams,
  type MusterResult,
  type ResolvedMuster,
  resolveMuster,
  runMuster,
} from './checkpoints/muster.js';
export {
  CHECKPOINT_SOURCES,
  type CheckpointStaffing,
  type CheckpointStaffingParams,
  checkpointStaffing,
  type ShiftPattern,
} from './checkpoints/staffing.js';
export {
  CHECKPOINT_FLOW_SOURCES,
  type CheckpointFlowParams,
  type CheckpointFlowResult,
  runCheckpointFlow,
} from './checkpoints/throughput.js';

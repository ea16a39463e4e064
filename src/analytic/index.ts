/**
 * Closed-form queueing results: the yardsticks that simulations are checked against and the analytic
 * starting points of staffing searches.
 *
 * - Erlang B and C ({@link erlangB}, {@link erlangC}), stable for thousands of servers.
 * - Erlang-A, M/M/c with exponential patience ({@link erlangA}): waiting, abandonment and queue
 *   measures at any load.
 * - M/M/c and M/M/1 means ({@link mmc}, {@link mm1}), wait and sojourn distributions
 *   ({@link mmcWaitTail}, {@link mmcWaitQuantile}, {@link mmcSojournTail}) and the queue-length
 *   distribution ({@link mmcStateProbabilities}).
 * - Finite capacity M/M/c/K and M/M/1/K ({@link mmck}, {@link mm1k}).
 * - M/G/1 by Pollaczek–Khinchine ({@link mg1}) and M/D/1 ({@link md1}).
 * - Approximations for general arrivals: Allen–Cunneen for G/G/c ({@link allenCunneen}), Kingman for
 *   G/G/1 ({@link kingman}).
 * - Open Jackson networks ({@link jackson}).
 * - Staffing: the square-root rule ({@link squareRootStaffing}), the Halfin–Whitt limit
 *   ({@link halfinWhittWaitProbability}, {@link halfinWhittBeta}) and the exact least staffing for wait
 *   targets ({@link minimumServers}).
 *
 * Every function is pure: numbers in, plain JSON-serialisable objects out. Rates and times share
 * whatever unit the caller uses (surgesim models use seconds). Parameters are validated first; a bad
 * one throws a `ParameterError` naming its path and value, and each function takes an optional `path`
 * prefix so the path points into the caller's own input.
 *
 * ```ts
 * const desk = mmc({ arrivalRate: 0.5, serviceRate: 1 / 40, servers: 25 });
 * desk.Wq;   // mean wait, seconds
 * minimumServers({ arrivalRate: 0.5, serviceRate: 1 / 40, serviceLevel: { within: 60, fraction: 0.9 } });
 * ```
 *
 * @module
 */

export { allenCunneen, type GgcParams } from './allenCunneen.js';
export { erlangB, erlangC } from './erlang.js';
export { type ErlangAMetrics, type ErlangAParams, erlangA } from './erlangA.js';
export { halfinWhittBeta, halfinWhittWaitProbability } from './halfinWhitt.js';
export {
  type JacksonMetrics,
  type JacksonNode,
  type JacksonNodeMetrics,
  type JacksonParams,
  jackson,
} from './jackson.js';
export { type Gg1Params, kingman } from './kingman.js';
export { type Md1Params, type Mg1Params, md1, mg1 } from './mg1.js';
export { type Mm1Params, type MmcParams, mm1, mmc, type QueueMetrics } from './mmc.js';
export { type FiniteQueueMetrics, type Mm1kParams, type MmckParams, mm1k, mmck } from './mmck.js';
export { mmcStateProbabilities } from './mmcStates.js';
export { mmcSojournTail, mmcWaitQuantile, mmcWaitTail } from './mmcWait.js';
export {
  type MinimumServersResult,
  minimumServers,
  type SquareRootStaffingParams,
  type StaffingResult,
  type StaffingTargets,
  squareRootStaffing,
} from './staffing.js';

/**
 * surgesim: discrete-event simulation and capacity planning in TypeScript.
 *
 * The one public entry point. Everything here is browser-safe (no Node built-ins); Node-only
 * renderers and the command line live in their own entry points. The list of exports is pinned by a
 * test (test/api.test.ts), so additions and removals are deliberate.
 *
 * @packageDocumentation
 * @module surgesim
 */

// analytic queueing
export * from './analytic/index.js';
// experiments
export * from './experiment/index.js';
// flows: steps as data, compiled to callbacks
export * from './flow/index.js';
// kernel
export { AllOf, type AllOfValue, AnyOf, type AnyOfValue } from './kernel/condition.js';
export {
  type Component,
  DeadlockError,
  Environment,
  type EnvironmentOptions,
  type WaitingProcess,
  ZeroDelayLoopError,
} from './kernel/environment.js';
export {
  formatValue,
  ParameterError,
  SimulationError,
  type SimulationErrorContext,
  SurgesimError,
} from './kernel/errors.js';
export { type EventCallback, type EventValue, SimEvent, Timeout } from './kernel/event.js';
export { MAX_PRIORITY, Priority, type PriorityLevel } from './kernel/priority.js';
export { Interrupt, type Proc, Process, type ProcessOptions } from './kernel/process.js';
export { ndjsonTrace, type TraceHook, type TraceKind, type TraceRecord } from './kernel/trace.js';
export * as validate from './kernel/validate.js';
export type { WaitEdge } from './kernel/waitfor.js';
// capacity planning (least staff, paired effects, bottlenecks)
export * from './planning/index.js';
// random
export * from './random/index.js';
// resources
export * from './resources/index.js';
// resources
export { Preempted, Request, type RequestOptions, type RequestStatus } from './resources/request.js';
export {
  type CapacityPolicy,
  Resource,
  type ResourceAccounting,
  type ResourceHook,
  type ResourceObserver,
  type ResourceOptions,
} from './resources/resource.js';
// simulation
export type { ResourceMonitor, ResourceReport } from './sim/resourceMonitor.js';
export {
  type RunIdentity,
  Simulation,
  type SimulationOptions,
  type SimulationReport,
} from './sim/simulation.js';
// statistics
export * from './stats/index.js';
// time and units
export * from './time/index.js';
export { version } from './version.js';

/**
 * The kernel: clock, calendar, events, processes, conditions, interrupts and errors. Zero runtime
 * dependencies and no Node built-ins, so it runs anywhere.
 *
 * @module
 */
export { AllOf, type AllOfValue, AnyOf, type AnyOfValue } from './condition.js';
export {
  type Component,
  DeadlockError,
  Environment,
  type EnvironmentOptions,
  type WaitingProcess,
  ZeroDelayLoopError,
} from './environment.js';
export {
  formatValue,
  ParameterError,
  SimulationError,
  type SimulationErrorContext,
  SurgesimError,
} from './errors.js';
export { type EventCallback, type EventValue, SimEvent, Timeout } from './event.js';
export { MAX_PRIORITY, Priority, type PriorityLevel } from './priority.js';
export { Interrupt, type Proc, Process, type ProcessOptions } from './process.js';
export { ndjsonTrace, type TraceHook, type TraceKind, type TraceRecord } from './trace.js';
export * as validate from './validate.js';
export type { WaitEdge } from './waitfor.js';

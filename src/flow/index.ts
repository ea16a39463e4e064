/**
 * The flow layer: entities move through steps (seize, delay, release, batch, branch, leave) that
 * are data, checked before the run and compiled to the kernel's callback API. See src/flow/README.md.
 *
 * @example
 * ```ts
 * const flow = new Flow(sim, { name: 'site', capacity: 2500, steps, resources: { clerks, swabbers } });
 * flow.enterAt(arrivalTimes);
 * flow.finish();
 * sim.run();
 * flow.accounting();
 * ```
 *
 * @module
 */
export { checkFlow, type FlowDefinition, type FlowShape, type StepInfo } from './check.js';
export { Flow, type FlowAccounting, type FlowOptions, type FlowSeriesRow } from './flow.js';
export { oneOfNames } from './names.js';
export {
  type AttributeBranch,
  type BatchStep,
  type DelayStep,
  DONE,
  type FlowAttribute,
  type FlowStep,
  type LeaveStep,
  RENEGED,
  type ReleaseStep,
  SENT_HOME,
  type SeizeStep,
  type ShareBranch,
  type Timing,
  type TimingByAttribute,
} from './steps.js';

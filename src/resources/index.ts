/**
 * Resources: what entities hold and wait for.
 *
 * - {@link Resource}: identical units with a waiting line (priorities, preemption, reneging, balking,
 *   capacity changes), for processes and for callbacks;
 * - {@link Store} (items) and {@link Container} (a continuous level), on a shared put/get base;
 * - {@link Signal}: a value to wait on until a condition holds;
 * - {@link select}: choosing among parallel resources (shortest queue, round robin, random, first free);
 * - capacity schedules, rosters of named staff, work-limit rotation and mobilisation (`schedule/`).
 *
 * @module
 */

export * from './batch/index.js';
export {
  Container,
  type ContainerAccounting,
  type ContainerDiscipline,
  ContainerGet,
  type ContainerOptions,
  ContainerPut,
} from './container.js';
export type { PutGetObserver, PutGetStatus } from './putget.js';
export { Preempted, Request, type RequestOptions, type RequestStatus } from './request.js';
export {
  type CapacityPolicy,
  Resource,
  type ResourceAccounting,
  type ResourceHook,
  type ResourceObserver,
  type ResourceOptions,
} from './resource.js';
export * from './schedule/index.js';
export {
  type Selectable,
  type SelectOptions,
  Selector,
  type SelectPolicy,
  select,
  type UniformSource,
} from './select.js';
export { Signal, type SignalOptions, SignalWait } from './signal.js';
export { Store, type StoreAccounting, StoreGet, type StoreOptions, StorePut } from './store.js';

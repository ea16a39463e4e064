/**
 * Unknown keys in every options object of the resources layer are refused before any work, with the
 * path of the key, its value and a "did you mean" suggestion when a known key is near in spelling.
 * The cases are the misspellings a user types (`amout`, `queuelimit`, `capcity`): each must name the
 * intended key. Constructor options throw a {@link ParameterError}; request options, given during a
 * run, a {@link SimulationError} naming the resource and the time.
 */
import { describe, expect, test } from 'vitest';
import { Environment, ParameterError, SimulationError } from '../../src/kernel/index.js';
import {
  applyCapacitySchedule,
  Batcher,
  Container,
  mobilisationRoster,
  Resource,
  roundTheClock,
  StaffedResource,
  Store,
  validateRoster,
} from '../../src/resources/index.js';

const roster = [{ name: 'A', shifts: [{ start: 0, end: 100 }] }];

/** [what, call, expected error class, path, suggested key] */
const cases: [
  string,
  (env: Environment) => unknown,
  typeof ParameterError | typeof SimulationError,
  string,
  string,
][] = [
  [
    'resource',
    (env) => new Resource(env, { name: 'desk', capcity: 2 } as never),
    ParameterError,
    'resource(desk).capcity',
    'capacity',
  ],
  [
    'resource, unnamed',
    (env) => new Resource(env, { queuelimit: 2 } as never),
    ParameterError,
    'resource.queuelimit',
    'queueLimit',
  ],
  [
    'store',
    (env) => new Store(env, { name: 's', capacty: 2 } as never),
    ParameterError,
    'store(s).capacty',
    'capacity',
  ],
  [
    'container',
    (env) => new Container(env, { name: 'c', inti: 2 } as never),
    ParameterError,
    'container(c).inti',
    'init',
  ],
  [
    'batcher',
    (env) => new Batcher(env, { name: 'b', size: 2, timeot: 5 } as never),
    ParameterError,
    'batcher(b).timeot',
    'timeout',
  ],
  [
    'staffed',
    (env) => new StaffedResource(env, { name: 'sw', roster, postions: 2 } as never),
    ParameterError,
    'staffed(sw).postions',
    'positions',
  ],
  [
    'staffed work limit',
    (env) =>
      new StaffedResource(env, { name: 'sw', roster, workLimit: { maxContinuous: 60, reset: 5 } } as never),
    ParameterError,
    'staffed(sw).workLimit.reset',
    'rest',
  ],
  [
    'roster entry',
    () => validateRoster([{ name: 'A', shift: [] }] as never),
    ParameterError,
    'roster[0].shift',
    'shifts',
  ],
  [
    'roster shift',
    () => validateRoster([{ name: 'A', shifts: [{ start: 0, end: 5, lable: 'day' }] }] as never),
    ParameterError,
    'roster[0].shifts[0].lable',
    'label',
  ],
  [
    'roster break',
    () =>
      validateRoster([
        { name: 'A', shifts: [{ start: 0, end: 9, breaks: [{ start: 2, ned: 3 }] }] },
      ] as never),
    ParameterError,
    'roster[0].shifts[0].breaks[0].ned',
    'end',
  ],
  [
    'roundTheClock',
    () => roundTheClock({ positions: 2, shiftsPerDay: 2, handovr: 60 } as never),
    ParameterError,
    'roundTheClock.handovr',
    'handover',
  ],
  [
    'mobilisation',
    () => mobilisationRoster({ arrivals: [0], stay: 60, prefx: 'v' } as never),
    ParameterError,
    'mobilisation.prefx',
    'prefix',
  ],
  [
    'capacity schedule',
    (env) =>
      applyCapacitySchedule(new Resource(env), { steps: [{ from: 0, capacity: 1 }], perod: 60 } as never),
    ParameterError,
    'schedule.perod',
    'period',
  ],
  [
    'capacity step',
    (env) => applyCapacitySchedule(new Resource(env), { steps: [{ from: 0, capcity: 1 }] } as never),
    ParameterError,
    'schedule.steps[0].capcity',
    'capacity',
  ],
  [
    'request',
    (env) => new Resource(env, { name: 'desk' }).request({ amout: 2 } as never),
    SimulationError,
    'request to resource desk: amout',
    'amount',
  ],
  [
    'staffed request',
    (env) => new StaffedResource(env, { name: 'sw', roster }).request({ priorty: 1 } as never),
    SimulationError,
    'request to resource sw: priorty',
    'priority',
  ],
];

describe('unknown option keys are refused with a did-you-mean', () => {
  test.each(cases)('%s', (_what, call, kind, path, near) => {
    const env = new Environment();
    let error: unknown;
    try {
      call(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(kind);
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toContain(`did you mean "${near}"?`);
  });

  test('a key far from every known one gets the list of known keys and no guess', () => {
    const env = new Environment();
    expect(() => new Resource(env, { name: 'desk', colour: 'red' } as never)).toThrow(
      'resource(desk).colour: expected a known option (known: name, capacity, queueLimit), got "red"',
    );
  });

  test('request({ amount: 2 }) is taken as two units, not silently as one', () => {
    const env = new Environment();
    const beds = new Resource(env, { name: 'beds', capacity: 3 });
    beds.request({ amount: 2 });
    expect(beds.busy).toBe(2);
  });
});

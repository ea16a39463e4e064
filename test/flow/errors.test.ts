/**
 * Every compile-time check of a flow throws a ParameterError naming the step's path and the bad
 * value (with "did you mean" for names) before anything runs; failures during the run name the
 * entity, the simulated time and the step.
 */
import { describe, expect, it } from 'vitest';
import {
  checkFlow,
  constant,
  Flow,
  type FlowOptions,
  type FlowStep,
  ParameterError,
  Resource,
  Simulation,
  SimulationError,
} from '../../src/index.js';

const C = constant({ value: 1 });
const TYPE = { name: 'type', values: ['qr', 'id', 'assisted'], shares: [0.5, 0.3, 0.2] };
const RESOURCES = ['marshals', 'clerks', 'assistedClerks', 'swabbers'];

function stepsError(steps: unknown): ParameterError {
  try {
    checkFlow({ steps: steps as FlowStep[], resources: RESOURCES, attributes: [TYPE] });
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return e as ParameterError;
  }
  throw new Error('no error');
}

const seize = (resource: string, stage = 's'): FlowStep => ({ kind: 'seize', resource, stage });
const release = (resource: string): FlowStep => ({ kind: 'release', resource });

describe('flow compile-time errors', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['unknown resource, with did you mean', [seize('clerk')], 'flow[0].resource', /did you mean "clerks"/],
    [
      'release of a resource not held',
      [seize('clerks'), release('swabbers')],
      'flow[1].resource',
      /clerks held/,
    ],
    [
      'seize of a resource already held',
      [seize('clerks'), seize('clerks')],
      'flow[1].resource',
      /not already held/,
    ],
    [
      'leave while holding',
      [seize('clerks'), { kind: 'leave', outcome: 'x' }],
      'flow[1]',
      /release clerks first/,
    ],
    ['end of the steps while holding', [seize('clerks')], 'flow', /implicit leave 'done'.*release clerks/],
    ['unknown attribute', [{ kind: 'branch', by: 'tpye', routes: {} }], 'flow[0].by', /did you mean "type"/],
    [
      'unknown attribute value',
      [{ kind: 'branch', by: 'type', routes: { asisted: [] } }],
      'flow[0].routes.asisted',
      /did you mean "assisted"/,
    ],
    [
      'shares not summing to 1',
      [{ kind: 'branch', by: 'share', shares: [0.5, 0.4], routes: [[], []] }],
      'flow[0].shares',
      /sum to 0\.9/,
    ],
    [
      'shares and routes of different lengths',
      [{ kind: 'branch', by: 'share', shares: [1], routes: [[], []] }],
      'flow[0].shares',
      /2 shares/,
    ],
    [
      'a nested step, by its full path',
      [
        seize('marshals'),
        release('marshals'),
        { kind: 'branch', by: 'type', routes: { assisted: [seize('asistedClerks')] } },
      ],
      'flow[2].routes.assisted[0].resource',
      /did you mean "assistedClerks"/,
    ],
    ['unknown step kind', [{ kind: 'sieze', resource: 'clerks' }], 'flow[0].kind', /did you mean "seize"/],
    ['unknown field', [{ ...seize('clerks'), patiance: C }], 'flow[0].patiance', /did you mean "patience"/],
    [
      'a stage that is not a name',
      [{ kind: 'seize', resource: 'clerks', stage: '' }],
      'flow[0].stage',
      /stage name/,
    ],
    [
      'patience that is not a distribution',
      [{ ...seize('clerks'), patience: 600 }],
      'flow[0].patience',
      /distribution/,
    ],
    ['a time that is not a distribution', [{ kind: 'delay', time: 5 }], 'flow[0].time', /distribution/],
    [
      'a timing by attribute missing a value',
      [{ kind: 'delay', time: { by: 'type', values: { qr: C, id: C } } }],
      'flow[0].time.values',
      /missing assisted/,
    ],
    [
      'a timing by an unknown value',
      [{ kind: 'delay', time: { by: 'type', values: { qr: C, id: C, assisted: C, walk: C } } }],
      'flow[0].time.values.walk',
      /a value of type/,
    ],
    [
      'a batch size that is not a count',
      [{ kind: 'batch', name: 'tube', size: 2.5 }],
      'flow[0].size',
      /integer ≥ 1/,
    ],
    [
      'one batch name with two sizes',
      [
        { kind: 'batch', name: 'tube', size: 10 },
        { kind: 'batch', name: 'tube', size: 20 },
      ],
      'flow[1].size',
      /10, the size of batch "tube"/,
    ],
    [
      'routes that rejoin holding different units',
      [{ kind: 'branch', by: 'type', routes: { qr: [seize('clerks')] }, otherwise: [] }, release('clerks')],
      'flow[0].otherwise',
      /rejoins holding what flow\[0\]\.routes\.qr holds \(clerks\)/,
    ],
    [
      'a step after a leave',
      [{ kind: 'leave', outcome: 'x' }, seize('clerks')],
      'flow[1]',
      /no step after a leave/,
    ],
    ['a leave without an outcome', [{ kind: 'leave', outcome: '' }], 'flow[0].outcome', /non-empty/],
    ['steps that are not a list', { kind: 'leave' }, 'flow', /array of steps/],
  ];
  for (const [what, steps, path, message] of cases) {
    it(what, () => {
      const e = stepsError(steps);
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
    });
  }

  it('the path prefix is the caller’s', () => {
    expect(() => checkFlow({ steps: [seize('clerk')], resources: RESOURCES, path: 'flows.point' })).toThrow(
      /^flows\.point\[0\]\.resource: /,
    );
  });

  it('checks attributes', () => {
    const bad = (attributes: unknown, path: string) => {
      try {
        checkFlow({ steps: [], resources: [], attributes: attributes as never });
        throw new Error('no error');
      } catch (e) {
        expect((e as ParameterError).path).toBe(path);
      }
    };
    bad([{ name: 'type', values: ['a', 'b'], shares: [0.5, 0.6] }], 'flow.attributes[0].shares');
    bad([{ name: 'type', values: ['a', 'a'], shares: [0.5, 0.5] }], 'flow.attributes[0].values');
    bad([TYPE, TYPE], 'flow.attributes[1].name');
  });

  describe('options', () => {
    const sim = new Simulation({ seed: 1 });
    const clerks = new Resource(sim, { name: 'clerks' });
    const ok: FlowOptions = {
      name: 'f',
      capacity: 10,
      steps: [seize('clerks'), release('clerks')],
      resources: { clerks },
    };
    const cases: [string, Partial<Record<keyof FlowOptions, unknown>>, string][] = [
      ['name', { name: '' }, 'flow.name'],
      ['capacity', { capacity: -1 }, 'flow.capacity'],
      ['a resource that is not one', { resources: { clerks: { capacity: 2 } } }, 'flow.resources.clerks'],
      ['bin', { bin: 0 }, 'flow.bin'],
      ['origin', { origin: Number.NaN }, 'flow.origin'],
      ['closing policy', { closing: { at: 10, policy: 'go-home' } }, 'flow.closing.policy'],
      ['onBatch of an unknown batch', { onBatch: { tub: () => {} } }, 'flow.onBatch.tub'],
    ];
    for (const [what, change, path] of cases)
      it(what, () => {
        expect(() => new Flow(sim, { ...ok, ...change } as FlowOptions)).toThrow(
          expect.objectContaining({ name: 'ParameterError', path }),
        );
      });

    it('enterAt: times in order, within the capacity', () => {
      const flow = new Flow(sim, ok);
      expect(() => flow.enterAt([0, 5, 3])).toThrow(
        expect.objectContaining({ path: 'flow.enterAt(times)[2]' }),
      );
      expect(() => flow.enterAt(new Array(11).fill(0))).toThrow(/at most 10 times/);
    });
  });

  it('names entity, time and step when a draw is bad during the run', () => {
    const sim = new Simulation({ seed: 1 });
    const flow = new Flow(sim, {
      name: 'neg',
      capacity: 2,
      steps: [
        { kind: 'delay', time: constant({ value: 5 }) },
        { kind: 'delay', time: constant({ value: -1 }) },
      ],
      resources: {},
    });
    flow.enterAt([0, 3]);
    // The first entity reaches the bad delay at t = 5.
    expect(() => sim.run()).toThrow(SimulationError);
    expect(sim.now).toBe(5);
  });

  it('the run-time message starts with entity, time and step', () => {
    const sim = new Simulation({ seed: 1 });
    const flow = new Flow(sim, {
      name: 'neg',
      capacity: 1,
      steps: [
        { kind: 'delay', time: constant({ value: 5 }) },
        { kind: 'delay', time: constant({ value: -1 }) },
      ],
      resources: {},
    });
    flow.enterAt([0]);
    expect(() => sim.run()).toThrow(/neg#0 at t=5.* in \[flow\[1\]\]: sampled a duration of -1/);
  });

  it('refuses an entity beyond the capacity', () => {
    const sim = new Simulation({ seed: 1 });
    const flow = new Flow(sim, { name: 'small', capacity: 1, steps: [], resources: {} });
    flow.enter();
    expect(() => flow.enter()).toThrow(/entity #1 would exceed the flow's capacity of 1/);
  });
});

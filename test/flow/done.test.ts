/**
 * What the campaign's testing areas read from a flow besides its accounting: `onDone`, called once at
 * the moment the last entity leaves after `finish()` (so a courier can take the last tube at once),
 * and the time in system by attribute value — both on deterministic input worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { constant, Flow, type FlowStep, ParameterError, Resource, Simulation } from '../../src/index.js';

const C = (value: number) => constant({ value });

describe('flow.onDone and timeInSystemBy', () => {
  it('calls onDone once, when the last entity leaves, after the open batch is flushed', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const log: string[] = [];
    const steps: FlowStep[] = [
      { kind: 'seize', resource: 'desk', stage: 'serve' },
      { kind: 'delay', time: C(10) },
      { kind: 'batch', name: 'tube', size: 2 },
      { kind: 'release', resource: 'desk' },
      { kind: 'leave', outcome: 'tested' },
    ];
    const flow = new Flow(sim, {
      name: 'p',
      capacity: 3,
      steps,
      resources: { desk },
      onBatch: { tube: (t, size) => log.push(`tube ${size} at ${t}`) },
      onDone: () => log.push(`done at ${sim.now}`),
    });
    flow.enterAt([0, 0, 0]);
    flow.finish();
    sim.run();
    // Swabs end at 10, 20, 30: a full tube at 20, the third swab's partial tube flushed at 30.
    expect(log).toEqual(['tube 2 at 20', 'tube 1 at 30', 'done at 30']);
  });

  it('keeps the time in system by attribute value', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const flow = new Flow(sim, {
      name: 'p',
      capacity: 200,
      attributes: [{ name: 'type', values: ['a', 'b'], shares: [0.5, 0.5] }],
      steps: [
        { kind: 'seize', resource: 'desk', stage: 'serve' },
        { kind: 'delay', time: { by: 'type', values: { a: C(1), b: C(3) } } },
        { kind: 'release', resource: 'desk' },
      ],
      resources: { desk },
    });
    // One entity every 10 s: nobody waits, so the time in system is the service time exactly.
    flow.enterAt(Array.from({ length: 200 }, (_, k) => 10 * k));
    sim.run();
    const by = flow.timeInSystemBy('done', 'type');
    expect(by.a!.summary().mean).toBe(1);
    expect(by.b!.summary().mean).toBe(3);
    expect(by.a!.summary().count + by.b!.summary().count).toBe(200);
    expect(() => flow.timeInSystemBy('done', 'kind')).toThrow(ParameterError);
  });

  it('refuses an onDone that is not a function', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    expect(
      () =>
        new Flow(sim, {
          name: 'p',
          capacity: 1,
          steps: [],
          resources: { desk },
          onDone: 3 as unknown as () => void,
        }),
    ).toThrow('flow.onDone: expected a function, got 3');
  });
});

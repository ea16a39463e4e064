import { describe, expect, it } from 'vitest';
import { AreaRun } from '../../models/campaign/area.js';
import { constant, Flow, Resource, Simulation } from '../../src/index.js';
import { tinyPlan } from './helpers.js';

function desk(sim: Simulation, clerks = 1) {
  return new Flow(sim, {
    name: 'desk',
    capacity: 100,
    resources: { clerks: new Resource(sim, { name: 'clerks', capacity: clerks }) },
    steps: [
      { kind: 'seize', resource: 'clerks', stage: 'check' },
      { kind: 'delay', time: constant({ value: 5 }) },
      { kind: 'release', resource: 'clerks' },
      { kind: 'seize', resource: 'clerks', stage: 'registration' },
      { kind: 'delay', time: constant({ value: 30 }) },
      { kind: 'release', resource: 'clerks' },
      { kind: 'leave', outcome: 'registered' },
    ],
  });
}

describe('flow: starting from a state', () => {
  it('settle counts people as entered and left, without times', () => {
    const sim = new Simulation({ seed: 1 });
    const f = desk(sim);
    f.settle('registered', 7);
    expect(f.accounting()).toEqual({
      entered: 7,
      left: { registered: 7, done: 0 },
      queued: { check: 0, registration: 0 },
      inService: { check: 0, registration: 0 },
    });
    expect(f.lastExit('registered')).toBeNull();
    expect(() => f.settle('tested', 1)).toThrow(/an outcome of the flow/);
    expect(() => f.settle('registered', 94)).toThrow(/\[0, 93\]/);
  });

  it('enterAtStage skips the steps before the stage: a hand-worked trace', () => {
    const sim = new Simulation({ seed: 1 });
    const f = desk(sim);
    // Three people already at registration, one clerk, 30 s each: they leave at 30, 60, 90.
    for (let k = 0; k < 3; k++) f.enterAtStage('registration');
    expect(f.accounting().queued.registration).toBe(2);
    expect(() => f.enterAtStage('swab')).toThrow(
      /the stage of a seize in the top-level steps \(check, registration\)/,
    );
    f.finish();
    sim.run();
    expect(f.lastExit('registered')).toBe(90);
    expect(f.waits('registration').max).toBe(60);
  });

  it('pendingEntries lists the entries still to come', () => {
    const sim = new Simulation({ seed: 1 });
    const f = desk(sim);
    f.enterAt([10, 20, 30]);
    sim.run(15);
    expect(f.pendingEntries()).toEqual([20, 30]);
  });
});

describe('area: starting from a state', () => {
  it('accounts for everyone: those who left, those waiting and those to come', () => {
    const sim = new Simulation({ seed: 2, epoch: tinyPlan.epoch });
    const t = 9.5 * 3600;
    let run: AreaRun | null = null;
    sim.at(t, () => {
      run = new AreaRun(sim, tinyPlan.testing.town!, {
        points: [
          {
            left: { tested: 300 },
            waiting: { registration: 50, swab: 3 },
            arrivals: [t + 60, t + 120],
            staff: { clerks: [{ at: t, count: 3 }] },
          },
        ],
      });
    });
    sim.run();
    const r = (run as AreaRun | null)!.results();
    expect(r.population).toBe(355);
    expect(r.tested).toBe(355);
    expect(r.accounting).toMatchObject({ population: 355, notArrived: 0, queued: 0, inService: 0 });
    expect(r.finish!).toBeGreaterThan(t);
  });

  it('refuses a start of the wrong shape, naming the path', () => {
    const sim = new Simulation({ seed: 2, epoch: tinyPlan.epoch });
    expect(() => new AreaRun(sim, tinyPlan.testing.town!, { points: [] })).toThrow(
      /start\.points: expected one state per point \(1\), got 0/,
    );
    expect(
      () =>
        new AreaRun(sim, tinyPlan.testing.town!, {
          points: [{ left: {}, waiting: { registraton: 1 }, arrivals: [] }],
        }),
    ).toThrow(/start\.points\[0\]\.waiting\.registraton: expected a stage a person can wait at/);
  });
});

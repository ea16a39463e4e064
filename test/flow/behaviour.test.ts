/**
 * Deterministic-input tests of the flow's step semantics, with exact counts and times worked by
 * hand or by a naive reference loop: FIFO service at c servers, batch holds, patience (reneging,
 * with units given back), closing (send-home and overtime), a resource that never comes back, a
 * staffed resource behind a seize, branches by attribute, streams that stay put when steps are added.
 */
import { describe, expect, it } from 'vitest';
import {
  constant,
  exponential,
  Flow,
  type FlowStep,
  Resource,
  Simulation,
  StaffedResource,
  uniform,
} from '../../src/index.js';

const C = (value: number) => constant({ value });

function serve(resource: string, stage: string, time: number, extra: Partial<FlowStep> = {}): FlowStep[] {
  return [
    { kind: 'seize', resource, stage, ...extra } as FlowStep,
    { kind: 'delay', time: C(time) },
    { kind: 'release', resource },
  ];
}

describe('flow semantics on deterministic input', () => {
  it('serves FIFO at c servers exactly as a naive reference loop', () => {
    const servers = 3;
    const service = 25;
    const arrivals = Array.from({ length: 500 }, (_, k) => 7 * k + (k % 5 === 0 ? 3 : 0));
    // Reference: entity k starts at max(arrival, the earliest free server).
    const free = new Array(servers).fill(0);
    let waitSum = 0;
    let last = 0;
    for (const a of arrivals) {
      free.sort((x, y) => x - y);
      const start = Math.max(a, free[0]);
      waitSum += start - a;
      free[0] = start + service;
      last = Math.max(last, free[0]);
    }
    const sim = new Simulation({ seed: 1 });
    const desks = new Resource(sim, { name: 'desks', capacity: servers });
    const flow = new Flow(sim, {
      name: 'fifo',
      capacity: arrivals.length,
      steps: serve('desks', 'desk', service),
      resources: { desks },
    });
    flow.enterAt(arrivals);
    sim.run();
    expect(flow.accounting().left).toEqual({ done: 500 });
    expect(flow.waits('desk').sum).toBe(waitSum);
    expect(flow.lastExit()).toBe(last);
    expect(desks.busy).toBe(0);
  });

  it('the entity that fills a batch holds its unit for the hold', () => {
    // One swabber, 10 s a swab, 3 swabs a tube, 7 s to seal; six people at 0.
    // Exits 10, 20, 37 (filled the tube at 30, sealed to 37), 47, 57, 74 (filled at 67).
    const sim = new Simulation({ seed: 1 });
    const swabbers = new Resource(sim, { name: 'swabbers', capacity: 1 });
    const tubes: number[] = [];
    const flow = new Flow(sim, {
      name: 'hold',
      capacity: 6,
      steps: [
        { kind: 'seize', resource: 'swabbers', stage: 'swab' },
        { kind: 'delay', time: C(10) },
        { kind: 'batch', name: 'tube', size: 3, hold: C(7) },
        { kind: 'release', resource: 'swabbers' },
      ],
      resources: { swabbers },
      onBatch: { tube: (t) => tubes.push(t) },
    });
    flow.enterAt([0, 0, 0, 0, 0, 0]);
    flow.finish();
    sim.run();
    const tis = flow.timeInSystem('done');
    expect([tis.sum, tis.max]).toEqual([10 + 20 + 37 + 47 + 57 + 74, 74]);
    expect(flow.waits('swab').sum).toBe(0 + 10 + 20 + 37 + 47 + 57);
    expect(tubes).toEqual([30, 67]);
  });

  it('a hold with no unit held counts at the batch stage', () => {
    const sim = new Simulation({ seed: 1 });
    const flow = new Flow(sim, {
      name: 'van',
      capacity: 2,
      steps: [{ kind: 'batch', name: 'van', size: 2, hold: C(60) }],
      resources: {},
    });
    flow.enterAt([0, 5]);
    let during: unknown;
    sim.at(30, () => {
      during = flow.accounting().inService;
    });
    sim.run();
    expect(during).toEqual({ van: 1 });
    expect(flow.lastExit()).toBe(65);
  });

  it('reneges after its patience and passes its place on', () => {
    // One desk, 10 s service, patience 15 s. #0 at 0 served 0-10; #1 at 0 served 10-20 (waited 10);
    // #2 at 0 reneges at 15; #3 at 12 is served at 20 (waited 8) to 30.
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const flow = new Flow(sim, {
      name: 'patience',
      capacity: 4,
      steps: serve('desk', 'desk', 10, { patience: C(15) } as Partial<FlowStep>),
      resources: { desk },
    });
    flow.enterAt([0, 0, 0, 12]);
    let at16: unknown;
    sim.at(16, () => {
      at16 = flow.accounting();
    });
    sim.run();
    expect(at16).toEqual({
      entered: 4,
      left: { reneged: 1, done: 1 },
      queued: { desk: 1 },
      inService: { desk: 1 },
    });
    expect(flow.accounting().left).toEqual({ reneged: 1, done: 3 });
    expect(flow.lastExit('reneged')).toBe(15);
    expect(flow.lastExit('done')).toBe(30);
    const w = flow.waits('desk');
    expect([w.count, w.sum]).toEqual([3, 0 + 10 + 8]);
    expect(desk.busy).toBe(0);
  });

  it('gives back the units it holds when it reneges', () => {
    // A room (1) is held while waiting for a nurse (1, patience 5). #0 takes room and nurse 0-20;
    // #1 waits for the room; when #0 leaves at 20 #1 takes the room, waits for... the nurse is free.
    // With the nurse held by a second source, the waiter in the room reneges and frees the room.
    const sim = new Simulation({ seed: 1 });
    const room = new Resource(sim, { name: 'room', capacity: 1 });
    const nurse = new Resource(sim, { name: 'nurse', capacity: 1 });
    // The nurse is busy elsewhere from 0 to 100.
    nurse.seize(() => sim.schedule(100, () => nurse.free()), 0);
    const flow = new Flow(sim, {
      name: 'ward',
      capacity: 2,
      steps: [
        { kind: 'seize', resource: 'room', stage: 'room' },
        { kind: 'seize', resource: 'nurse', stage: 'nurse', patience: C(5) },
        { kind: 'delay', time: C(1) },
        { kind: 'release', resource: 'nurse' },
        { kind: 'release', resource: 'room' },
      ],
      resources: { room, nurse },
    });
    flow.enterAt([0, 1]);
    sim.run();
    // #0 takes the room at 0, reneges at 5 (room freed); #1 waited 1 → 5 for the room, reneges at 10.
    expect(flow.accounting().left).toEqual({ reneged: 2, done: 0 });
    expect(flow.waits('room').sum).toBe(0 + 4);
    expect(flow.lastExit('reneged')).toBe(10);
    expect([room.busy, nurse.busy]).toEqual([0, 0]);
  });

  const closingRun = (policy: 'send-home' | 'overtime') => {
    // One desk, 10 s; entries at 0, 1, 2, 3 and 16; closing at 15.
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const flow = new Flow(sim, {
      name: 'close',
      capacity: 5,
      steps: [...serve('desk', 'desk', 10), { kind: 'leave', outcome: 'served' }],
      resources: { desk },
      closing: { at: 15, policy },
    });
    flow.enterAt([0, 1, 2, 3, 16]);
    flow.finish();
    sim.run();
    return { flow, sim, desk };
  };

  it('send-home: those waiting at closing and those who come later leave sent-home', () => {
    const { flow, sim, desk } = closingRun('send-home');
    // #0 0-10, #1 10-20; #2 and #3 waited 13 and 12 s when sent home at 15; #4 turned away at 16.
    expect(flow.accounting().left).toEqual({ served: 2, done: 0, 'sent-home': 3 });
    const sent = flow.sentHome();
    expect([sent.desk!.count, sent.desk!.sum]).toEqual([2, 13 + 12]);
    expect(sent.entry!.count).toBe(1);
    expect(flow.lastExit('served')).toBe(20);
    expect(sim.now).toBe(20);
    expect(desk.busy).toBe(0);
  });

  it('overtime: those waiting at closing are served, later comers are turned away', () => {
    const { flow } = closingRun('overtime');
    expect(flow.accounting().left).toEqual({ served: 4, done: 0, 'sent-home': 1 });
    expect(flow.lastExit('served')).toBe(40);
  });

  it('a closing after the work is done sends no one home, and the run ends', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const flow = new Flow(sim, {
      name: 'early',
      capacity: 1,
      steps: serve('desk', 'desk', 10),
      resources: { desk },
      closing: { at: 10_000, policy: 'send-home' },
    });
    flow.enterAt([0]);
    flow.finish();
    sim.run();
    expect(flow.accounting().left).toEqual({ done: 1, 'sent-home': 0 });
    expect(flow.lastExit()).toBe(10);
    // The closing is cancelled once everyone has left; the kernel cancels lazily, so the clock
    // still stops at its time (read the end of the work from lastExit).
    expect(sim.now).toBe(10_000);
  });

  it('ends with entities that can never be served counted as queued', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 2 });
    sim.at(50, () => desk.setCapacity(0));
    const flow = new Flow(sim, {
      name: 'stuck',
      capacity: 10,
      steps: serve('desk', 'desk', 30),
      resources: { desk },
    });
    flow.enterAt(Array.from({ length: 10 }, (_, k) => 10 * k));
    flow.finish();
    sim.run();
    // #0 0-30, #1 10-40, #2 30-60, #3 40-70 (granted before the staff left at 50); the rest never.
    expect(flow.accounting()).toEqual({
      entered: 10,
      left: { done: 4 },
      queued: { desk: 6 },
      inService: { desk: 0 },
    });
    expect(flow.active).toBe(6);
  });

  it('seizes a staffed resource per entity and gives back the right person', () => {
    const sim = new Simulation({ seed: 1 });
    const clerks = new StaffedResource(sim, {
      name: 'clerks',
      roster: [
        { name: 'Li', shifts: [{ start: 0, end: 1000 }] },
        { name: 'Wang', shifts: [{ start: 0, end: 1000 }] },
      ],
    });
    const flow = new Flow(sim, {
      name: 'staffed',
      capacity: 6,
      steps: serve('clerks', 'desk', 30),
      resources: { clerks },
    });
    flow.enterAt([0, 0, 0, 0, 0, 0]);
    sim.run();
    // Two clerks, 30 s each: exits at 30, 30, 60, 60, 90, 90.
    expect(flow.timeInSystem('done').sum).toBe(2 * (30 + 60 + 90));
    expect(flow.waits('desk').sum).toBe(2 * (0 + 30 + 60));
    expect(clerks.resource.busy).toBe(0);
  });

  it('branches by attribute, with otherwise', () => {
    const sim = new Simulation({ seed: 3 });
    const a = new Resource(sim, { name: 'a', capacity: 1 });
    const b = new Resource(sim, { name: 'b', capacity: 1 });
    const flow = new Flow(sim, {
      name: 'lanes',
      capacity: 400,
      attributes: [{ name: 'kind', values: ['x', 'y', 'z'], shares: [0.2, 0.3, 0.5] }],
      steps: [
        {
          kind: 'branch',
          by: 'kind',
          routes: { x: [...serve('a', 'lane', 1), { kind: 'leave', outcome: 'x' }] },
          otherwise: serve('b', 'lane', 1),
        },
      ],
      resources: { a, b },
    });
    flow.enterAt(Array.from({ length: 400 }, (_, k) => 10 * k));
    sim.run();
    const byKind = flow.waitsBy('lane', 'kind');
    expect(flow.accounting().left.x).toBe(byKind.x!.count);
    expect(flow.accounting().left.done).toBe(byKind.y!.count + byKind.z!.count);
    expect(a.releases).toBe(byKind.x!.count);
  });

  it('keeps each step on its own stream: adding a step leaves the others’ draws', () => {
    const run = (extra: FlowStep[]) => {
      const sim = new Simulation({ seed: 9 });
      const desk = new Resource(sim, { name: 'desk', capacity: 1_000 });
      const flow = new Flow(sim, {
        name: 'crn',
        capacity: 200,
        attributes: [{ name: 'type', values: ['p', 'q'], shares: [0.5, 0.5] }],
        steps: [
          ...extra,
          { kind: 'seize', resource: 'desk', stage: 'desk' },
          {
            kind: 'delay',
            time: { by: 'type', values: { p: exponential({ mean: 10 }), q: uniform({ min: 1, max: 2 }) } },
          },
          { kind: 'release', resource: 'desk' },
        ],
        resources: { desk },
      });
      flow.enterAt(Array.from({ length: 200 }, (_, k) => 100 * k));
      sim.run();
      return flow.timeInSystem('done');
    };
    const before = run([]);
    const after = run([
      { kind: 'branch', by: 'share', shares: [0.5, 0.5], routes: [[], []] },
      { kind: 'delay', time: exponential({ mean: 3 }), stage: 'walk' },
    ]);
    // Same draws at the desk (nobody waits there); the walk adds exactly its own stream's draws.
    const walks = new Simulation({ seed: 9 }).stream('crn.walk');
    const walk = exponential({ mean: 3 });
    let sum = 0;
    for (let k = 0; k < 200; k++) sum += walk.sample(walks);
    expect(after.sum - before.sum).toBeCloseTo(sum, 6);
    expect(run([]).sum).toBe(before.sum);
  });
});

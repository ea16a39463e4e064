/**
 * Log test: a tiny flow with constant times, worked by hand. One desk (capacity 1); each entity
 * seizes it, spends 10 s, drops its item into batch `tube` (2 per tube; the filler spends 4 s
 * sealing while still at the desk), releases the desk and leaves `served`. Entries at 0, 2 and 5.
 *
 * By hand:
 * - #0: desk at 0 (wait 0), done at 10, item 1 of 2, releases and leaves at 10;
 * - #1: waits 2 → 10 (8 s), done at 20, item 2 of 2: tube released at 20; seals to 24, leaves at 24;
 * - #2: waits 5 → 24 (19 s), done at 34, item 1 of 2, leaves at 34; finish() then flushes the
 *   partial tube at 34.
 */
import { describe, expect, it } from 'vitest';
import { constant, Flow, Resource, Simulation } from '../../src/index.js';

describe('flow log: desk, delay, tube with hold', () => {
  it('gives the hand-worked trace', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const log: [string, number, ...number[]][] = [];
    desk.observer = { changed: (t, busy, queued) => log.push(['desk', t, busy, queued]) };
    const flow = new Flow(sim, {
      name: 'log',
      capacity: 3,
      steps: [
        { kind: 'seize', resource: 'desk', stage: 'desk' },
        { kind: 'delay', time: constant({ value: 10 }) },
        { kind: 'batch', name: 'tube', size: 2, hold: constant({ value: 4 }) },
        { kind: 'release', resource: 'desk' },
        { kind: 'leave', outcome: 'served' },
      ],
      resources: { desk },
      onBatch: { tube: (t, size) => log.push(['tube', t, size]) },
    });
    const snapshots: [number, ReturnType<Flow['accounting']>][] = [];
    for (const t of [3, 12, 22, 30]) sim.at(t, () => snapshots.push([t, flow.accounting()]));
    flow.enterAt([0, 2, 5]);
    flow.finish();
    sim.run();
    expect(log).toEqual([
      ['desk', 0, 1, 0], // #0 takes the desk
      ['desk', 2, 1, 1], // #1 waits
      ['desk', 5, 1, 2], // #2 waits
      ['desk', 10, 1, 1], // #0 frees it, #1 takes it at once
      ['tube', 20, 2], // #1 fills the tube
      ['desk', 24, 1, 0], // #1 frees it after sealing, #2 takes it
      ['desk', 34, 0, 0], // #2 leaves
      ['tube', 34, 1], // the partial tube is flushed when everyone has left
    ]);
    const zero = { queued: { desk: 0 }, inService: { desk: 0 } };
    expect(snapshots).toEqual([
      [3, { entered: 2, left: { served: 0, done: 0 }, queued: { desk: 1 }, inService: { desk: 1 } }],
      [12, { entered: 3, left: { served: 1, done: 0 }, queued: { desk: 1 }, inService: { desk: 1 } }],
      [22, { entered: 3, left: { served: 1, done: 0 }, queued: { desk: 1 }, inService: { desk: 1 } }],
      [30, { entered: 3, left: { served: 2, done: 0 }, queued: { desk: 0 }, inService: { desk: 1 } }],
    ]);
    expect(flow.accounting()).toEqual({ entered: 3, left: { served: 3, done: 0 }, ...zero });
    const waits = flow.waits('desk');
    expect([waits.count, waits.sum, waits.max]).toEqual([3, 0 + 8 + 19, 19]);
    const tis = flow.timeInSystem('served');
    expect([tis.count, tis.sum, tis.max]).toEqual([3, 10 + 22 + 29, 29]);
    expect(flow.lastExit('served')).toBe(34);
    expect(flow.lastExit()).toBe(34);
    expect(flow.lastExit('done')).toBeNull();
    expect(sim.now).toBe(34);
    const tube = flow.batches().tube!;
    expect([tube.batchesReleased, tube.full, tube.flush, tube.itemsIn]).toEqual([2, 1, 1, 3]);
  });

  it('bins entries and exits from the origin', () => {
    const sim = new Simulation({ seed: 1 });
    const desk = new Resource(sim, { name: 'desk', capacity: 1 });
    const flow = new Flow(sim, {
      name: 'bins',
      capacity: 4,
      steps: [
        { kind: 'seize', resource: 'desk', stage: 'desk' },
        { kind: 'delay', time: constant({ value: 30 }) },
        { kind: 'release', resource: 'desk' },
      ],
      resources: { desk },
      origin: 100,
      bin: 60,
    });
    // Entries at 90 (before the origin: first bin), 100, 110, 200; exits at 120, 150, 180, 230.
    // Bins [100, 160), [160, 220), [220, 280).
    flow.enterAt([90, 100, 110, 200]);
    sim.run();
    expect(flow.series()).toEqual([
      { start: 100, entered: 3, left: { done: 2 } },
      { start: 160, entered: 1, left: { done: 1 } },
      { start: 220, entered: 0, left: { done: 1 } },
    ]);
  });
});

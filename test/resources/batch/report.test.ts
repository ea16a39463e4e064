/**
 * Batchers as components of a run: registered with the simulation, described in one
 * line for reports and deadlock messages, and reporting results as plain JSON.
 */
import { describe, expect, test } from 'vitest';
import { Environment } from '../../../src/kernel/index.js';
import { Batcher } from '../../../src/resources/batch/index.js';
import { Simulation } from '../../../src/sim/simulation.js';

describe('components and results', () => {
  test('registered with the simulation, in creation order, with one-line descriptions', () => {
    const sim = new Simulation({ seed: 1 });
    const tubes = new Batcher<number>(sim, { name: 'tubes', size: 10, key: (x) => x % 2 });
    const boxes = new Batcher<number>(sim, { name: 'boxes', size: 50 });
    for (let i = 0; i < 5; i++) tubes.put(i);
    expect(sim.components).toEqual([tubes, boxes]);
    expect(sim.components.map((c) => c.describe())).toEqual([
      'batcher tubes (2 open batches holding 5 items, oldest since t=0, 0 in outbox, 0 gets waiting)',
      'batcher boxes (no open batch, 0 in outbox, 0 gets waiting)',
    ]);
  });

  test('a waiting get is described with its place in line', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 10 });
    env.process(
      (function* () {
        yield* tubes.get();
      })(),
      { name: 'courier' },
    );
    expect(() => env.run()).toThrow(
      /courier: waiting on get from batcher tubes by courier \[waiting since t=0, 1 of 1\]/,
    );
  });

  test('results and batch summaries survive a JSON round trip', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 3, timeout: 60 });
    for (let i = 0; i < 5; i++) tubes.put(i);
    env.run(1000);
    const data = { tubes: tubes.results(), batches: tubes.flush().map((b) => b.summary()) };
    // Every field is a finite number, a string or null here, so the data must come back unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.tubes.batchesReleased).toBe(2); // one full at t=0, one by the 60-s timeout
  });

  test('the closed event made after the close succeeds at once', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 3 });
    env.run(10);
    tubes.close();
    const log: unknown[] = [];
    env.process(
      (function* () {
        log.push(yield* tubes.closed);
      })(),
    );
    env.run();
    expect([log, tubes.results().closedAt]).toEqual([[10], 10]);
  });
});

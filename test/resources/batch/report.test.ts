/**
 * Batchers and departures as components of a run: registered with the simulation, described in one
 * line for reports and deadlock messages, and reporting results as plain JSON.
 */
import { describe, expect, test } from 'vitest';
import { Environment } from '../../../src/kernel/index.js';
import { Batcher, Departures } from '../../../src/resources/batch/index.js';
import { Simulation } from '../../../src/sim/simulation.js';

describe('components and results', () => {
  test('registered with the simulation, in creation order, with one-line descriptions', () => {
    const sim = new Simulation({ seed: 1 });
    const tubes = new Batcher<number>(sim, { name: 'tubes', size: 10, key: (x) => x % 2 });
    const buses = new Departures<number>(sim, { name: 'buses', seats: 20, vehicles: 17, timetable: [600] });
    for (let i = 0; i < 5; i++) tubes.put(i);
    buses.board(1);
    expect(sim.components).toEqual([tubes, buses]);
    expect(sim.components.map((c) => c.describe())).toEqual([
      'batcher tubes (2 open batches holding 5 items, oldest since t=0, 0 in outbox, 0 gets waiting)',
      'departures buses (1 waiting, 17 vehicles at the stop, 0 out, next departure t=600)',
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

  test('results, batch and trip summaries survive a JSON round trip', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 3, timeout: 60 });
    const buses = new Departures<number>(env, { name: 'buses', seats: 2, vehicles: 1, turnaround: 100 });
    for (let i = 0; i < 5; i++) {
      tubes.put(i);
      buses.board(i);
    }
    env.run(1000);
    const data = {
      tubes: tubes.results(),
      batches: tubes.flush().map((b) => b.summary()),
      buses: buses.results(),
    };
    // Every field is a finite number, a string or null here, so the data must come back unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.buses.trips.map((t) => [t.vehicle, t.departedAt, t.returnedAt, t.load])).toEqual([
      [1, 0, 100, 2],
      [1, 100, 200, 2],
    ]); // the fifth passenger waits: without a timetable, a vehicle leaves only when full
    expect(data.buses.waiting).toBe(1);
    expect(data.tubes.batchesReleased).toBe(2);
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

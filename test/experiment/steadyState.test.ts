/**
 * Steady-state helpers with deterministic inputs and exact expected values: warm-up deletion, window
 * averages and tallies, the resource observer, time-weighted batch means and replication/deletion.
 */
import { describe, expect, it } from 'vitest';
import { batchMeans } from '../../src/experiment/batchMeans.js';
import {
  afterWarmup,
  afterWarmupTime,
  replicationDeletion,
  SteadyStateObserver,
  TimeBatchMeans,
  WindowAverage,
  WindowTally,
} from '../../src/experiment/steadyState.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';

describe('warm-up deletion', () => {
  it('afterWarmup drops the first `warmup` values; afterWarmupTime those observed before `warmupTime`', () => {
    expect(afterWarmup([5, 6, 7, 8], { warmup: 2 })).toEqual([7, 8]);
    expect(afterWarmup(new Float64Array([1, 2]), { warmup: 0 })).toEqual([1, 2]);
    expect(afterWarmup([1, 2], { warmup: 2 })).toEqual([]);
    expect(afterWarmupTime([0, 1, 2, 2, 5], [10, 11, 12, 13, 14], { warmupTime: 2 })).toEqual([12, 13, 14]);
  });

  it('feeds batchMeans: deletion then batching equals batchMeans with its own warm-up', () => {
    const values = Array.from({ length: 103 }, (_, i) => Math.sin(i) + i / 50);
    expect(batchMeans(afterWarmup(values, { warmup: 13 }), { warmup: 0, batches: 9 })).toEqual({
      ...batchMeans(values, { warmup: 13, batches: 9 }),
      warmup: 0,
    });
  });

  it('rejects a bad warm-up with its path and value', () => {
    expect(() => afterWarmup([1, 2], { warmup: 3 })).toThrow(
      'afterWarmup.warmup: expected an integer in [0, 2] (the number of values), got 3',
    );
    expect(() => afterWarmup([1, 2], { warmup: 0.5 })).toThrow('got 0.5');
    expect(() => afterWarmupTime([0], [1], { warmupTime: -1 })).toThrow(
      'afterWarmupTime.warmupTime: expected a finite time ≥ 0, got -1',
    );
    expect(() => afterWarmupTime([0, 1], [1], { warmupTime: 0 })).toThrow(
      'afterWarmupTime.values: expected as many values as times (2), got 1',
    );
    expect(() => afterWarmupTime([2, 1], [1, 1], { warmupTime: 0 })).toThrow(
      'afterWarmupTime.times[1]: expected a time ≥ 2 (non-decreasing), got 1',
    );
  });
});

describe('WindowAverage and WindowTally', () => {
  it('averages a level over [warmup, horizon] only, the last level held to the horizon', () => {
    const w = new WindowAverage({ warmup: 10, horizon: 30 });
    w.update(0, 5); // before the window: only sets the starting level
    w.update(15, 2); // 5 held 10..15
    w.update(25, 4); // 2 held 15..25
    // 4 held 25..30
    expect(w.integral()).toBe(5 * 5 + 2 * 10 + 4 * 5);
    expect(w.mean()).toBe(65 / 20);
    w.update(40, 100); // after the horizon: ignored, except as the level from then on
    expect(w.integral()).toBe(65);
    expect(() => w.update(39, 1)).toThrow(
      'WindowAverage.update(time): expected a time ≥ 40 (the previous update), got 39',
    );
  });

  it('keeps observations stamped in [warmup, horizon)', () => {
    const t = new WindowTally({ warmup: 10, horizon: 20 });
    expect(t.mean()).toBeNull();
    for (const [time, v] of [
      [9.99, 100],
      [10, 1],
      [15, 2],
      [19.99, 6],
      [20, 100],
    ] as const)
      t.observe(time, v);
    expect(t.count).toBe(3);
    expect(t.mean()).toBe(3);
  });

  it('rejects a window whose horizon is not after the warm-up', () => {
    expect(() => new WindowAverage({ warmup: 10, horizon: 10 })).toThrow(
      'WindowAverage.horizon: expected a finite time > warmup (10), got 10',
    );
    expect(() => new WindowTally({ warmup: -1, horizon: 10 })).toThrow(
      'WindowTally.warmup: expected a finite time ≥ 0, got -1',
    );
  });
});

describe('SteadyStateObserver on a resource', () => {
  it('measures busy, queue, in-system, utilisation and waits over the window, from a deterministic run', () => {
    // Two servers; customers arrive at 0, 0, 0, 1 with service 4 each (process style, so waits are seen).
    const sim = new Simulation({ seed: 1 });
    const servers = new Resource(sim, { name: 'desk', capacity: 2 });
    const obs = new SteadyStateObserver({ warmup: 2, horizon: 10 }, 2);
    servers.observer = obs;
    const customer = function* (arrive: number) {
      yield* sim.delay(arrive);
      const req = yield* servers.request();
      yield* sim.delay(4);
      servers.release(req);
    };
    for (const at of [0, 0, 0, 1]) sim.process(customer(at));
    sim.run(10);
    // Timeline: t0–4: 2 busy, 1 queued (2 from t=1); t4: two finish, two start, 2 busy, 0 queued until 8;
    // t8–10: idle. Window [2, 10]: busy 2 for 6 of 8 → 1.5; queue 2 for 2 of 8 → 0.5.
    const r = obs.report();
    expect(r.busy).toBe(1.5);
    expect(r.queue).toBe(0.5);
    expect(r.inSystem).toBe(2);
    expect(r.utilisation).toBe(0.75);
    // Grants at t=4 (waits 4 and 3) fall in the window; those at t=0 do not.
    expect(r.granted).toBe(2);
    expect(r.wait).toBe(3.5);
  });
});

describe('TimeBatchMeans', () => {
  it('cuts the level after the warm-up into batches of equal duration and averages each', () => {
    const b = new TimeBatchMeans({ warmupTime: 10, batchDuration: 5 });
    b.update(0, 100); // warm-up level, never counted
    b.update(10, 1);
    b.update(12, 3); // batch [10,15): 1·2 + 3·3 = 11 → 2.2
    b.update(20, 0); // batch [15,20): 3 → 3
    b.advance(25); // batch [20,25): 0
    expect(b.batchMeans()).toEqual([2.2, 3, 0]);
    const ci = b.interval(0.95);
    expect(ci.mean).toBeCloseTo(5.2 / 3, 14);
    expect(ci).toMatchObject({ batches: 3, batchSize: 1, warmupTime: 10, batchDuration: 5 });
  });

  it('needs two complete batches for an interval, and checks its options', () => {
    const b = new TimeBatchMeans({ warmupTime: 0, batchDuration: 5 });
    b.advance(7);
    expect(() => b.interval()).toThrow(/batchMeans: expected at least 2 complete batches/);
    expect(() => new TimeBatchMeans({ warmupTime: 0, batchDuration: 0 })).toThrow(
      'TimeBatchMeans.batchDuration: expected a finite duration > 0, got 0',
    );
  });
});

describe('replicationDeletion', () => {
  it('gives each replication the named window and echoes it in the result', () => {
    const r = replicationDeletion(
      (ctx) => {
        const w = new WindowAverage(ctx);
        w.update(0, ctx.replication);
        return { level: w.mean(), warmup: ctx.warmup, horizon: ctx.horizon };
      },
      { replications: 3, seed: 4, warmup: 100, horizon: 1100 },
    );
    expect(r.window).toEqual({ warmup: 100, horizon: 1100 });
    expect(r.runs.map((run) => run.output)).toEqual(
      [0, 1, 2].map((i) => ({ level: i, warmup: 100, horizon: 1100 })),
    );
    expect(r.summary.level!.mean).toBe(1);
  });

  it('rejects a missing or inverted window before running anything', () => {
    let ran = false;
    const model = () => {
      ran = true;
      return { x: 1 };
    };
    expect(() =>
      replicationDeletion(model, { replications: 3, seed: 4, warmup: 100 } as unknown as Parameters<
        typeof replicationDeletion
      >[1]),
    ).toThrow('replicationDeletion.options.horizon: expected a finite time > warmup (100), got undefined');
    expect(() => replicationDeletion(model, { replications: 3, seed: 4, warmup: 500, horizon: 100 })).toThrow(
      'replicationDeletion.options.horizon: expected a finite time > warmup (500), got 100',
    );
    expect(ran).toBe(false);
  });
});

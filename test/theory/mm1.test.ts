/**
 * Theory test: M/M/1 against its closed form, Wq = ρ/(μ − λ) and L = ρ/(1 − ρ), with the waits and the
 * time-weighted number in system read through `Resource.observer` (a SteadyStateObserver).
 *
 * Design (fixed before running): REPLICATIONS independent replications (replication/deletion), each
 * measured over [WARMUP, HORIZON] only. WARMUP = 10 relaxation times τ = 1/(μ(1 − √ρ)²) ≈ 90 s at
 * ρ = 0.8, so the start-empty bias is negligible; the window is 100τ long (about 7,200 customers).
 * Each replication's window averages are one observation; the check is a Student-t interval across
 * replications at LEVEL = 99.9 %, so each of the three checks raises a false alarm with probability
 * 0.1 %. The intervals must also be narrower than 15 % of the theoretical value (3 % for the
 * utilisation), so the test has the power to catch an error of that size.
 *
 * A second design checks the one-long-run tools on the same queue: one run, warm-up WARMUP, then
 * BATCHES batches of BATCH_TAUS τ each (about 43,000 customers in all). L comes from time-weighted
 * batch means (TimeBatchMeans), Wq from deleting the waits granted before WARMUP (afterWarmupTime) and
 * batching the rest (batchMeans). Batches 30τ long span dozens of the queue-length autocorrelation
 * times, so batch means are nearly independent; their 99.9 % intervals must contain the theory (about
 * 0.1 % false alarms each) and be narrower than 30 % of it. The file's false-alarm rate is below 1 %.
 *
 * Callback style with `request()`/`release()` (no processes): the observer's `waited` hook is called
 * for requests, not for `seize`.
 */
import { describe, expect, it } from 'vitest';
import { mm1 } from '../../src/analytic/index.js';
import { batchMeans } from '../../src/experiment/batchMeans.js';
import {
  afterWarmupTime,
  replicationDeletion,
  SteadyStateObserver,
  TimeBatchMeans,
} from '../../src/experiment/steadyState.js';
import type { Request } from '../../src/resources/request.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers, relaxationTime } from './helpers.js';

const LAMBDA = 0.8;
const MU = 1;
const TAU = relaxationTime(LAMBDA, MU, 1);
const WARMUP = Math.ceil(10 * TAU);
const HORIZON = WARMUP + Math.ceil(100 * TAU);
const REPLICATIONS = 20;
const LEVEL = 0.999;
const SEED = 20261128;
const BATCHES = 20;
const BATCH_TAUS = 30;

describe('M/M/1 (λ = 0.8, μ = 1) agrees with theory', () => {
  const theory = mm1({ arrivalRate: LAMBDA, serviceRate: MU });
  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const server = new Resource(sim, { name: 'server' });
      const observer = new SteadyStateObserver(ctx);
      server.observer = observer;
      const arrivals = sim.stream('arrivals');
      const services = sim.stream('service');
      const finish = (req: Request) => server.release(req);
      const start = (req: Request) => {
        sim.schedule(expDraw(services, MU), finish, req);
      };
      const arrive = () => {
        const req = server.request();
        if (req.granted) start(req);
        else req.onProcessed(() => start(req));
        sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      };
      sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      sim.run(ctx.horizon);
      return observer.report();
    },
    { replications: REPLICATIONS, seed: SEED, level: LEVEL, warmup: WARMUP, horizon: HORIZON },
  );

  it('mean wait in queue Wq = ρ/(μ − λ)', () => {
    expectCovers(result.summary.wait, theory.Wq, 0.15);
  });
  it('time-weighted number in system L = ρ/(1 − ρ)', () => {
    expectCovers(result.summary.inSystem, theory.L, 0.15);
  });
  it('utilisation = ρ', () => {
    expectCovers(result.summary.utilisation, LAMBDA / MU, 0.03);
  });
});

describe('M/M/1 (λ = 0.8, μ = 1), one long run: batch means after warm-up deletion', () => {
  const theory = mm1({ arrivalRate: LAMBDA, serviceRate: MU });
  const batchDuration = Math.ceil(BATCH_TAUS * TAU);
  const end = WARMUP + BATCHES * batchDuration;
  const sim = new Simulation({ seed: SEED + 1 });
  const server = new Resource(sim, { name: 'server' });
  const inSystem = new TimeBatchMeans({ warmupTime: WARMUP, batchDuration });
  const grantTimes: number[] = [];
  const waits: number[] = [];
  server.observer = {
    changed: (time, busy, queued) => inSystem.update(time, busy + queued),
    waited: (time, wait) => {
      grantTimes.push(time);
      waits.push(wait);
    },
  };
  const arrivals = sim.stream('arrivals');
  const services = sim.stream('service');
  const finish = (req: Request) => server.release(req);
  const start = (req: Request) => {
    sim.schedule(expDraw(services, MU), finish, req);
  };
  const arrive = () => {
    const req = server.request();
    if (req.granted) start(req);
    else req.onProcessed(() => start(req));
    sim.schedule(expDraw(arrivals, LAMBDA), arrive);
  };
  sim.schedule(expDraw(arrivals, LAMBDA), arrive);
  sim.run(end);
  inSystem.advance(end);

  it('time-weighted batch means of L (TimeBatchMeans)', () => {
    const ci = inSystem.interval(LEVEL);
    expect(ci.batches).toBe(BATCHES);
    expect(ci.lower).toBeLessThanOrEqual(theory.L);
    expect(ci.upper).toBeGreaterThanOrEqual(theory.L);
    expect(ci.halfWidth / theory.L).toBeLessThan(0.3);
  });
  it('batch means of the waits granted after the warm-up (afterWarmupTime + batchMeans)', () => {
    const steady = afterWarmupTime(grantTimes, waits, { warmupTime: WARMUP });
    expect(steady.length).toBeLessThan(waits.length);
    const ci = batchMeans(steady, { warmup: 0, batches: BATCHES }, LEVEL);
    expect(ci.lower).toBeLessThanOrEqual(theory.Wq);
    expect(ci.upper).toBeGreaterThanOrEqual(theory.Wq);
    expect(ci.halfWidth / theory.Wq).toBeLessThan(0.3);
  });
});

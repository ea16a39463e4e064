/**
 * Theory test: M/M/1 against its closed form, Wq = ρ/(μ − λ) and L = ρ/(1 − ρ), with the waits and the
 * time-weighted number in system read through `Resource.observer` (a SteadyStateObserver).
 *
 * Design (fixed before running): REPLICATIONS independent replications (replication/deletion), each
 * measured over [WARMUP, HORIZON] only. WARMUP = 10 relaxation times τ = 1/(μ(1 − √ρ)²) ≈ 90 s at
 * ρ = 0.8, so the start-empty bias is negligible; the window is 100τ long (about 7,200 customers). Each replication's window
 * averages are one observation; the check is a Student-t interval across replications at LEVEL =
 * 99.9 %, so each of the three checks raises a false alarm with probability 0.1 % (0.3 % for the three checks of this file).
 * The intervals must also be narrower than 15 % of the theoretical value, so the test has the power to
 * catch an error of that size.
 *
 * Callback style with `request()`/`release()` (no processes): the observer's `waited` hook is called
 * for requests, not for `seize`.
 */
import { describe, it } from 'vitest';
import { mm1 } from '../../src/analytic/index.js';
import { replicationDeletion, SteadyStateObserver } from '../../src/experiment/steadyState.js';
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

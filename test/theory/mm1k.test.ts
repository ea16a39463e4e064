/**
 * Theory test: M/M/1/K (room for K in the system) against the closed form: blocking probability
 * π_K = (1 − ρ)ρ^K / (1 − ρ^{K+1}) and L. The resource has `queueLimit: K − 1` (one in service, K − 1
 * waiting), so an arrival that finds K in the system balks.
 *
 * Design (fixed before running): REPLICATIONS independent replications, each measured over
 * [WARMUP, HORIZON]. A finite birth–death chain on K + 1 states relaxes within a few dozen mean service
 * times, so WARMUP = 50/μ is ample; the window holds about 2,700 arrivals. Per replication: the fraction
 * of window arrivals that balked, and the time-weighted number in system from the resource observer.
 * Student-t intervals across replications at LEVEL = 99.9 % must contain π_K and L (0.1 % false alarms
 * per check, 0.2 % for the file) and be narrower than 15 % and 5 % of them.
 */
import { describe, it } from 'vitest';
import { mm1k } from '../../src/analytic/index.js';
import { replicationDeletion, SteadyStateObserver, WindowTally } from '../../src/experiment/steadyState.js';
import type { Request } from '../../src/resources/request.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers } from './helpers.js';

const LAMBDA = 0.9;
const MU = 1;
const K = 5;
const WARMUP = 50 / MU;
const HORIZON = WARMUP + 3_000;
const REPLICATIONS = 20;
const LEVEL = 0.999;
const SEED = 31_415;

describe(`M/M/1/${K} (λ = ${LAMBDA}, μ = ${MU}) agrees with theory`, () => {
  const theory = mm1k({ arrivalRate: LAMBDA, serviceRate: MU, capacity: K });
  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const server = new Resource(sim, { name: 'server', queueLimit: K - 1 });
      const observer = new SteadyStateObserver(ctx);
      server.observer = observer;
      const blocked = new WindowTally(ctx);
      const arrivals = sim.stream('arrivals');
      const services = sim.stream('service');
      const finish = (req: Request) => server.release(req);
      const start = (req: Request) => {
        sim.schedule(expDraw(services, MU), finish, req);
      };
      const arrive = () => {
        const req = server.request();
        blocked.observe(sim.now, req.status === 'balked' ? 1 : 0);
        if (req.granted) start(req);
        else if (req.status === 'queued') req.onProcessed(() => start(req));
        sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      };
      sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      sim.run(ctx.horizon);
      return { blocking: blocked.mean(), inSystem: observer.report().inSystem };
    },
    { replications: REPLICATIONS, seed: SEED, level: LEVEL, warmup: WARMUP, horizon: HORIZON },
  );

  it(`blocking probability π_K = ${theory.pBlock.toFixed(5)}`, () => {
    expectCovers(result.summary.blocking, theory.pBlock, 0.15);
  });
  it(`time-weighted number in system L = ${theory.L.toFixed(4)}`, () => {
    expectCovers(result.summary.inSystem, theory.L, 0.05);
  });
});

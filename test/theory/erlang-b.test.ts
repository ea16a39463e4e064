/**
 * Theory test: M/M/c/c (a loss system: no waiting room) against Erlang B. The resource has
 * `queueLimit: 0`, so a request that finds every server busy balks: balked = blocked.
 *
 * Design (fixed before running): REPLICATIONS independent replications, each measured over
 * [WARMUP, HORIZON]. A loss system relaxes on the scale of one mean service time 1/μ, so WARMUP = 20/μ
 * is ample; the window holds about 4,000 arrivals. Per replication: the fraction of arrivals in the
 * window that balked, and the time-weighted busy servers (the carried load A(1 − B)). Student-t
 * intervals across replications at LEVEL = 99.9 % must contain Erlang B and A(1 − B) (0.1 % false
 * alarms per check, 0.2 % for the file) and be narrower than 10 % and 3 % of them.
 */
import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/analytic/index.js';
import { replicationDeletion, SteadyStateObserver, WindowTally } from '../../src/experiment/steadyState.js';
import type { Request } from '../../src/resources/request.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers } from './helpers.js';

const SERVERS = 5;
const LAMBDA = 4;
const MU = 1;
const WARMUP = 20 / MU;
const HORIZON = WARMUP + 1_000;
const REPLICATIONS = 20;
const LEVEL = 0.999;
const SEED = 5_4;

describe(`M/M/${SERVERS}/${SERVERS} offered ${LAMBDA / MU} Erlangs agrees with Erlang B`, () => {
  const load = LAMBDA / MU;
  const blocking = erlangB(SERVERS, load);
  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const lines = new Resource(sim, { name: 'lines', capacity: SERVERS, queueLimit: 0 });
      const observer = new SteadyStateObserver(ctx, SERVERS);
      lines.observer = observer;
      const blocked = new WindowTally(ctx);
      const arrivals = sim.stream('arrivals');
      const services = sim.stream('service');
      const finish = (req: Request) => lines.release(req);
      const arrive = () => {
        const req = lines.request();
        // With no waiting room a request is decided on the spot: granted, or balked (blocked).
        blocked.observe(sim.now, req.status === 'balked' ? 1 : 0);
        if (req.granted) sim.schedule(expDraw(services, MU), finish, req);
        sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      };
      sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      sim.run(ctx.horizon);
      const acc = lines.accounting();
      return {
        blocking: blocked.mean(),
        carried: observer.report().busy,
        arrivals: acc.arrivals,
        balked: acc.balked,
        grants: acc.grants,
        queued: acc.queued,
      };
    },
    { replications: REPLICATIONS, seed: SEED, level: LEVEL, warmup: WARMUP, horizon: HORIZON },
  );

  it(`blocking probability = Erlang B = ${blocking.toFixed(5)}`, () => {
    expectCovers(result.summary.blocking, blocking, 0.1);
  });
  it('carried load = A(1 − B)', () => {
    expectCovers(result.summary.carried, load * (1 - blocking), 0.03);
  });
  it('every request was either granted or balked; none queued', () => {
    for (const { output } of result.runs) {
      expect(output.grants + output.balked).toBe(output.arrivals);
      expect(output.queued).toBe(0);
    }
  });
});

/**
 * Theory test: the time-weighted queue length Lq of M/M/c at two loads against Erlang C
 * (Lq = C(c, a)·ρ/(1 − ρ)), read through `Resource.observer` (a SteadyStateObserver), callback style
 * (`seize`/`free`).
 *
 * Design (fixed before running): for each case, REPLICATIONS independent replications
 * (replication/deletion). Warm-up WARMUP_TAUS relaxation times τ = 1/(cμ(1 − √ρ)²), window WINDOW_TAUS τ but at least
 * MIN_WINDOW seconds (at light load τ is short, and a window of a few hundred customers would give an
 * interval too wide to test anything). A Student-t interval across the replications' window averages at LEVEL = 99.9 % must contain the
 * theoretical Lq (false-alarm probability 0.1 % per check, two checks per case, 0.4 % for the file),
 * and must be narrower than MAX_RELATIVE_HALF_WIDTH of it so that the test has power.
 */
import { describe, expect, it } from 'vitest';
import { mmc } from '../../src/analytic/index.js';
import { replicationDeletion, SteadyStateObserver } from '../../src/experiment/steadyState.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers, relaxationTime } from './helpers.js';

const MU = 1;
const WARMUP_TAUS = 10;
const WINDOW_TAUS = 100;
/** At light load τ is short; the window must still hold enough customers for a tight interval. */
const MIN_WINDOW = 4_000;
const REPLICATIONS = 20;
const LEVEL = 0.999;
const MAX_RELATIVE_HALF_WIDTH = 0.15;
const SEED = 7_2026;

const CASES: { servers: number; rho: number }[] = [
  { servers: 2, rho: 0.6 },
  { servers: 4, rho: 0.85 },
];

describe.each(CASES)('M/M/$servers at ρ = $rho', ({ servers, rho }) => {
  const lambda = rho * servers * MU;
  const tau = relaxationTime(lambda, MU, servers);
  const warmup = Math.ceil(WARMUP_TAUS * tau);
  const horizon = warmup + Math.max(MIN_WINDOW, Math.ceil(WINDOW_TAUS * tau));
  const theory = mmc({ arrivalRate: lambda, serviceRate: MU, servers });

  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const pool = new Resource(sim, { name: 'servers', capacity: servers });
      const observer = new SteadyStateObserver(ctx, servers);
      pool.observer = observer;
      const arrivals = sim.stream('arrivals');
      const services = sim.stream('service');
      const finish = () => pool.free();
      const start = () => {
        sim.schedule(expDraw(services, MU), finish);
      };
      const arrive = () => {
        pool.seize(start, undefined);
        sim.schedule(expDraw(arrivals, lambda), arrive);
      };
      sim.schedule(expDraw(arrivals, lambda), arrive);
      sim.run(ctx.horizon);
      return observer.report();
    },
    { replications: REPLICATIONS, seed: SEED + servers, level: LEVEL, warmup, horizon },
  );

  it(`time-weighted Lq = ${theory.Lq.toFixed(4)} (Erlang C)`, () => {
    expectCovers(result.summary.queue, theory.Lq, MAX_RELATIVE_HALF_WIDTH);
  });
  it('busy servers = cρ', () => {
    expectCovers(result.summary.busy, lambda / MU, 0.03);
    expect(result.window).toEqual({ warmup, horizon });
  });
});

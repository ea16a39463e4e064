/**
 * Theory test: M/D/1 against Pollaczek–Khinchine, Wq = ρD/(2(1 − ρ)) and Lq = λ·Wq — half the M/M/1
 * values, the classic check that a simulator handles non-exponential service correctly.
 *
 * Design (fixed before running): REPLICATIONS independent replications (replication/deletion), each
 * measured over [WARMUP, HORIZON]. The warm-up is 10 relaxation times of the M/M/1 queue with the same
 * ρ (τ = 1/(μ(1 − √ρ)²) ≈ 90 s at ρ = 0.8), a conservative choice since deterministic service makes the
 * queue relax faster; the window is 100τ. Waits are recorded at the start of service (a WindowTally),
 * Lq through the resource observer. Student-t intervals across replications at LEVEL = 99.9 % must
 * contain the theoretical values (0.1 % false alarms per check, 0.2 % for the file) and be narrower
 * than 15 % of them.
 */
import { describe, it } from 'vitest';
import { md1 } from '../../src/analytic/index.js';
import { replicationDeletion, SteadyStateObserver, WindowTally } from '../../src/experiment/steadyState.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers, relaxationTime } from './helpers.js';

const LAMBDA = 0.8;
const SERVICE_TIME = 1;
const TAU = relaxationTime(LAMBDA, 1 / SERVICE_TIME, 1);
const WARMUP = Math.ceil(10 * TAU);
const HORIZON = WARMUP + Math.ceil(100 * TAU);
const REPLICATIONS = 20;
const LEVEL = 0.999;
const SEED = 1_013;

describe('M/D/1 (λ = 0.8, D = 1) agrees with Pollaczek–Khinchine', () => {
  const theory = md1({ arrivalRate: LAMBDA, serviceTime: SERVICE_TIME });
  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const server = new Resource(sim, { name: 'server' });
      const observer = new SteadyStateObserver(ctx);
      server.observer = observer;
      const waits = new WindowTally(ctx);
      const arrivals = sim.stream('arrivals');
      const finish = () => server.free();
      const start = (arrivedAt: number) => {
        waits.observe(sim.now, sim.now - arrivedAt);
        sim.schedule(SERVICE_TIME, finish);
      };
      const arrive = () => {
        server.seize(start, sim.now);
        sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      };
      sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      sim.run(ctx.horizon);
      return { wait: waits.mean(), queue: observer.report().queue };
    },
    { replications: REPLICATIONS, seed: SEED, level: LEVEL, warmup: WARMUP, horizon: HORIZON },
  );

  it(`mean wait Wq = ρD/(2(1 − ρ)) = ${theory.Wq}`, () => {
    expectCovers(result.summary.wait, theory.Wq, 0.15);
  });
  it(`time-weighted queue length Lq = ${theory.Lq}`, () => {
    expectCovers(result.summary.queue, theory.Lq, 0.15);
  });
});

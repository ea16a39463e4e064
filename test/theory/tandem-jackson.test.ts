/**
 * Theory test: two single-server stations in series (an open Jackson network) against `jackson()`:
 * per-station sojourn 1/(μᵢ − λ) and total sojourn their sum. By Burke's theorem station 1's departures
 * are Poisson, so each station is an M/M/1 queue; the simulation must reproduce that.
 *
 * Design (fixed before running): REPLICATIONS independent replications. Customers are counted by
 * their arrival time to the network: those arriving in [WARMUP, HORIZON] are followed to the exit, and
 * the run continues DRAIN past the horizon so that all of them leave (checked). WARMUP is 10 relaxation
 * times of the slower station (τ = 1/(μ(1 − √ρ)²) ≈ 29 s), the window 100τ (about 1,400 customers).
 * Student-t intervals across replications at LEVEL = 99.9 % must contain each station's W and the total
 * (0.1 % false alarms per check, 0.3 % for the file) and be narrower than 15 % of them.
 */
import { describe, expect, it } from 'vitest';
import { jackson } from '../../src/analytic/index.js';
import { replicationDeletion, WindowTally } from '../../src/experiment/steadyState.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers, relaxationTime } from './helpers.js';

const LAMBDA = 0.5;
const MU1 = 1;
const MU2 = 0.8;
const TAU = Math.max(relaxationTime(LAMBDA, MU1, 1), relaxationTime(LAMBDA, MU2, 1));
const WARMUP = Math.ceil(10 * TAU);
const HORIZON = WARMUP + Math.ceil(100 * TAU);
const DRAIN = Math.ceil(50 * TAU);
const REPLICATIONS = 20;
const LEVEL = 0.999;
const SEED = 2_2;

interface Customer {
  readonly arrived: number;
  leftStation1: number;
}

describe(`tandem M/M/1 → M/M/1 (λ = ${LAMBDA}, μ = ${MU1}, ${MU2}) agrees with jackson()`, () => {
  const theory = jackson({
    nodes: [
      { name: 'first', externalRate: LAMBDA, serviceRate: MU1, servers: 1 },
      { name: 'second', externalRate: 0, serviceRate: MU2, servers: 1 },
    ],
    routing: [
      [0, 1],
      [0, 0],
    ],
  });
  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const first = new Resource(sim, { name: 'first' });
      const second = new Resource(sim, { name: 'second' });
      const w1 = new WindowTally(ctx);
      const w2 = new WindowTally(ctx);
      const total = new WindowTally(ctx);
      const arrivals = sim.stream('arrivals');
      const s1 = sim.stream('service:first');
      const s2 = sim.stream('service:second');
      let pending = 0;
      const leave = (c: Customer) => {
        second.free();
        w2.observe(c.arrived, sim.now - c.leftStation1);
        total.observe(c.arrived, sim.now - c.arrived);
        if (c.arrived >= ctx.warmup && c.arrived < ctx.horizon) pending--;
      };
      const serve2 = (c: Customer) => {
        sim.schedule(expDraw(s2, MU2), leave, c);
      };
      const done1 = (c: Customer) => {
        first.free();
        c.leftStation1 = sim.now;
        w1.observe(c.arrived, sim.now - c.arrived);
        second.seize(serve2, c);
      };
      const serve1 = (c: Customer) => {
        sim.schedule(expDraw(s1, MU1), done1, c);
      };
      const arrive = () => {
        if (sim.now >= ctx.warmup && sim.now < ctx.horizon) pending++;
        first.seize(serve1, { arrived: sim.now, leftStation1: Number.NaN });
        if (sim.now < ctx.horizon) sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      };
      sim.schedule(expDraw(arrivals, LAMBDA), arrive);
      sim.run(ctx.horizon + DRAIN);
      return { first: w1.mean(), second: w2.mean(), total: total.mean(), stillInside: pending };
    },
    { replications: REPLICATIONS, seed: SEED, level: LEVEL, warmup: WARMUP, horizon: HORIZON },
  );

  it(`station 1 sojourn W₁ = ${theory.nodes[0]!.W}`, () => {
    expectCovers(result.summary.first, theory.nodes[0]!.W, 0.15);
  });
  it(`station 2 sojourn W₂ = ${theory.nodes[1]!.W}`, () => {
    expectCovers(result.summary.second, theory.nodes[1]!.W, 0.15);
  });
  it(`total sojourn W = ${theory.W}`, () => {
    expectCovers(result.summary.total, theory.W, 0.15);
  });
  it('every customer of the window left before the end of the drain', () => {
    for (const { output } of result.runs) expect(output.stillInside).toBe(0);
  });
});

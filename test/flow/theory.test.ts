/**
 * Theory test: a one-stage flow (seize servers, exponential service, release) fed by Poisson
 * arrivals is an M/M/c queue; its mean wait must agree with Erlang C.
 *
 * Design (fixed before running): REPLICATIONS independent replications of CUSTOMERS customers
 * each, seeds derived from one base seed. The flow's wait tally counts every customer from an empty
 * start (no warm-up is cut): the start-up bias of a mean over a run of length T is of the order
 * τ/T, with τ = 1/(cμ(1 − √ρ)²) ≈ 30 time units the relaxation time, against T ≈ 25,000 here:
 * about 0.1 %, far below the interval. A Student-t interval across replications at LEVEL = 99.9 %
 * must contain Erlang C's Wq and be narrower than MAX_HALF_WIDTH of it.
 */
import { describe, expect, it } from 'vitest';
import { mmc } from '../../src/analytic/index.js';
import {
  confidenceInterval,
  exponential,
  Flow,
  Resource,
  replicationSeed,
  Simulation,
} from '../../src/index.js';
import { expDraw, relaxationTime } from '../theory/helpers.js';

const SERVERS = 3;
const LAMBDA = 2.4;
const MU = 1;
const CUSTOMERS = 60_000;
const REPLICATIONS = 20;
const LEVEL = 0.999;
const MAX_HALF_WIDTH = 0.06;
const BASE_SEED = 15_2026;

function replication(seed: number): number {
  const sim = new Simulation({ seed });
  const servers = new Resource(sim, { name: 'servers', capacity: SERVERS });
  const flow = new Flow(sim, {
    name: 'mmc',
    capacity: CUSTOMERS,
    steps: [
      { kind: 'seize', resource: 'servers', stage: 'queue' },
      { kind: 'delay', time: exponential({ rate: MU }) },
      { kind: 'release', resource: 'servers' },
    ],
    resources: { servers },
  });
  const rng = sim.stream('arrivals');
  const times = new Float64Array(CUSTOMERS);
  let t = 0;
  for (let k = 0; k < CUSTOMERS; k++) times[k] = t += expDraw(rng, LAMBDA);
  flow.enterAt(times);
  sim.run();
  expect(flow.accounting().left.done).toBe(CUSTOMERS);
  return flow.waits('queue').mean!;
}

describe(`a one-stage flow is M/M/${SERVERS} (ρ = ${LAMBDA / (SERVERS * MU)})`, () => {
  it('mean wait agrees with Erlang C', () => {
    const theory = mmc({ arrivalRate: LAMBDA, serviceRate: MU, servers: SERVERS }).Wq;
    expect(relaxationTime(LAMBDA, MU, SERVERS) / (CUSTOMERS / LAMBDA)).toBeLessThan(0.002);
    const means = Array.from({ length: REPLICATIONS }, (_, i) => replication(replicationSeed(BASE_SEED, i)));
    const ci = confidenceInterval(means, LEVEL);
    const where = `Erlang C ${theory}, flow ${ci.mean} [${ci.lower}, ${ci.upper}]`;
    expect(ci.lower, where).toBeLessThanOrEqual(theory);
    expect(ci.upper, where).toBeGreaterThanOrEqual(theory);
    expect((ci.upper - ci.lower) / 2 / theory, `${where}: interval too wide`).toBeLessThanOrEqual(
      MAX_HALF_WIDTH,
    );
  });
});

/**
 * Theory test: Erlang-A (M/M/c+M) against simulation with reneging — customers as processes whose
 * request carries an exponential `patience`, so the resource itself makes them leave the queue.
 *
 * Design (fixed before running): for each case, REPLICATIONS independent replications
 * (replication/deletion). The chain forgets its start on the slower of two scales: below c servers it
 * drains like M/M/∞ at rate μ, above c the queue drains like M/M/∞ at rate θ, so τ = 1/min(μ, θ).
 * Warm-up WARMUP_TAUS τ, then a window of WINDOW_TAUS τ; arrivals stop at the horizon and the run goes
 * on until everyone has left, so every customer who arrived in the window is counted with their
 * outcome. Per replication: the share who found all servers busy (pWait), the share who reneged
 * (pAbandon), the mean time in queue of all of them (Wq), and the time-weighted queue length over the
 * window (Lq, a SteadyStateObserver). A Student-t interval across replications at LEVEL = 99.9 % must
 * contain each theoretical value (0.1 % false alarms per check, 12 checks, about 1.2 % for the file)
 * and be narrower than MAX_RELATIVE_HALF_WIDTH of it, so the test has the power to catch an error of
 * that size.
 */
import { describe, it } from 'vitest';
import { erlangA } from '../../src/analytic/index.js';
import { replicationDeletion, SteadyStateObserver } from '../../src/experiment/steadyState.js';
import { Resource } from '../../src/resources/resource.js';
import { Simulation } from '../../src/sim/simulation.js';
import { expDraw, expectCovers } from './helpers.js';

const WARMUP_TAUS = 20;
const WINDOW_TAUS = 1_000;
const REPLICATIONS = 20;
const LEVEL = 0.999;
const MAX_RELATIVE_HALF_WIDTH = 0.1;
const SEED = 16_2026;

const CASES = [
  // Overloaded (λ > cμ): only abandonment keeps the queue finite.
  { name: 'overloaded', servers: 3, mu: 1, lambda: 3.3, theta: 0.5 },
  // θ = μ: the number in system is Poisson(λ/μ); pAbandon = 1/e.
  { name: 'one server, θ = μ', servers: 1, mu: 1, lambda: 1, theta: 1 },
  // Below capacity with patient customers: few abandon, Erlang C is not far.
  { name: 'ten servers at 90 %', servers: 10, mu: 1, lambda: 9, theta: 0.2 },
] as const;

describe.each(CASES)('Erlang-A, $name (c = $servers, λ = $lambda, μ = $mu, θ = $theta)', (k) => {
  const tau = 1 / Math.min(k.mu, k.theta);
  const warmup = Math.ceil(WARMUP_TAUS * tau);
  const horizon = warmup + Math.ceil(WINDOW_TAUS * tau);
  const theory = erlangA({
    arrivalRate: k.lambda,
    serviceRate: k.mu,
    servers: k.servers,
    abandonmentRate: k.theta,
  });

  const result = replicationDeletion(
    (ctx) => {
      const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
      const agents = new Resource(sim, { name: 'agents', capacity: k.servers });
      const observer = new SteadyStateObserver(ctx, k.servers);
      agents.observer = observer;
      const gaps = sim.stream('arrivals');
      const services = sim.stream('service');
      const patience = sim.stream('patience');
      let counted = 0;
      let waited = 0;
      let reneged = 0;
      let queueTime = 0;
      function* caller() {
        const inWindow = sim.now >= ctx.warmup && sim.now < ctx.horizon;
        const req = agents.request({ patience: expDraw(patience, k.theta) });
        const busyOnArrival = !req.granted;
        yield* req;
        if (inWindow) {
          counted++;
          if (busyOnArrival) waited++;
          if (req.status === 'reneged') reneged++;
          queueTime += req.waited;
        }
        if (!req.granted) return;
        yield* sim.delay(expDraw(services, k.mu));
        agents.release(req);
      }
      sim.process(
        (function* () {
          for (;;) {
            yield* sim.delay(expDraw(gaps, k.lambda));
            if (sim.now >= ctx.horizon) return;
            sim.process(caller());
          }
        })(),
        { name: 'arrivals' },
      );
      sim.run(ctx.horizon);
      const lq = observer.report().queue;
      sim.run();
      return { pWait: waited / counted, pAbandon: reneged / counted, Wq: queueTime / counted, Lq: lq };
    },
    { replications: REPLICATIONS, seed: SEED + k.servers, level: LEVEL, warmup, horizon },
  );

  it(`P(wait) = ${theory.pWait.toFixed(4)}`, () => {
    expectCovers(result.summary.pWait, theory.pWait, MAX_RELATIVE_HALF_WIDTH);
  });
  it(`P(abandon) = ${theory.pAbandon.toFixed(4)}`, () => {
    expectCovers(result.summary.pAbandon, theory.pAbandon, MAX_RELATIVE_HALF_WIDTH);
  });
  it(`mean time in queue = ${theory.Wq.toFixed(4)}`, () => {
    expectCovers(result.summary.Wq, theory.Wq, MAX_RELATIVE_HALF_WIDTH);
  });
  it(`time-weighted queue length = ${theory.Lq.toFixed(4)}`, () => {
    expectCovers(result.summary.Lq, theory.Lq, MAX_RELATIVE_HALF_WIDTH);
  });
});

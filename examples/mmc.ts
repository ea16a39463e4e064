/**
 * M/M/c queue, checked against Erlang C.
 *
 * Customers arrive as a Poisson process (rate λ) at c identical servers with exponential service
 * (rate μ each). The run reports the mean wait in queue with a batch-means 95 % confidence interval
 * (named warm-up and batch count), the mean time in system, server utilisation and customers served,
 * and beside them the exact steady-state values from queueing theory (Erlang C). For any load below 1
 * the Erlang C wait should lie inside the run's own interval about 95 % of the time.
 *
 * Run: npx tsx examples/mmc.ts [--lambda 9] [--mu 1] [--servers 10] [--customers 200000] [--seed 1]
 *                              [--warmup 10000] [--batches 20] [--json]
 */
import { mmc } from '../src/index.js';
import { flag, has } from './cli.js';
import { runMmc } from './mmc-model.js';

const p = {
  lambda: flag('lambda', 9),
  mu: flag('mu', 1),
  servers: flag('servers', 10),
  customers: flag('customers', 200_000),
  seed: flag('seed', 1),
  warmup: flag('warmup', 10_000),
  batches: flag('batches', 20),
};
const theory =
  p.lambda < p.servers * p.mu
    ? mmc({ arrivalRate: p.lambda, serviceRate: p.mu, servers: p.servers })
    : undefined;
const r = runMmc(p);
const ci = r.wait;
const inside = theory ? theory.Wq >= ci.lower && theory.Wq <= ci.upper : null;

if (has('json')) {
  console.log(
    JSON.stringify(
      {
        model: p,
        simulated: {
          meanWaitInQueue: ci.mean,
          meanWaitInterval95: [ci.lower, ci.upper],
          batchLag1: ci.lag1,
          meanTimeInSystem: r.meanTimeInSystem,
          utilisation: r.utilisation,
          served: r.served,
        },
        theory: theory
          ? {
              meanWaitInQueue: theory.Wq,
              meanTimeInSystem: theory.W,
              utilisation: theory.rho,
              pWait: theory.pWait,
            }
          : null,
        erlangCInsideInterval: inside,
        identity: r.identity,
      },
      null,
      2,
    ),
  );
} else {
  const f = (x: number, d = 4) => x.toFixed(d);
  console.log(`M/M/${p.servers}: λ = ${p.lambda}, μ = ${p.mu}, ${p.customers} customers, seed ${p.seed}`);
  console.log('                         simulated                        Erlang C');
  console.log(
    `mean wait in queue       ${f(ci.mean)}  95% CI [${f(ci.lower)}, ${f(ci.upper)}]   ${theory ? f(theory.Wq) : 'unstable (ρ ≥ 1)'}`,
  );
  console.log(
    `mean time in system      ${f(r.meanTimeInSystem)}                           ${theory ? f(theory.W) : '-'}`,
  );
  console.log(
    `server utilisation       ${f(r.utilisation)}                           ${theory ? f(theory.rho) : '-'}`,
  );
  console.log(`customers served         ${r.served}`);
  console.log(
    `batch means: warm-up ${p.warmup}, ${ci.batches} batches of ${ci.batchSize}, lag-1 correlation ${f(ci.lag1, 3)}`,
  );
  if (theory) console.log(`Erlang C inside the interval: ${inside ? 'yes' : 'no'}`);
}

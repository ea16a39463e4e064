/**
 * One replication of M/M/c through the public Simulation (default monitors on), importable by URL
 * so worker threads can run it.
 */
import type { ReplicationContext } from '../src/experiment/replicate.js';
import { Resource } from '../src/resources/resource.js';
import { Simulation } from '../src/sim/simulation.js';

export interface MmcReplicationParams {
  readonly customers: number;
  readonly servers: number;
  readonly rho: number;
}

export function mmcReplication(p: MmcReplicationParams, ctx: ReplicationContext) {
  const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication, scenario: 'bench-mmc' });
  const servers = new Resource(sim, { name: 'servers', capacity: p.servers });
  const arrivals = sim.stream('arrivals');
  const service = sim.stream('service');
  const lambda = p.rho * p.servers;
  function* customer() {
    const req = yield* servers.request();
    yield* sim.delay(-Math.log(service.next()));
    servers.release(req);
  }
  sim.process(
    (function* () {
      for (let i = 0; i < p.customers; i++) {
        yield* sim.delay(-Math.log(arrivals.next()) / lambda);
        sim.process(customer());
      }
    })(),
  );
  sim.run();
  const r = sim.report().resources[0]!;
  return { meanWait: r.waits.mean, utilisation: r.utilisation, meanQueue: r.queue.mean };
}

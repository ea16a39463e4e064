/**
 * Peak memory of a long M/M/10 run (ρ = 0.9) through a Simulation with its default monitors: the
 * monitors must not grow with the number of customers. Peak heap and RSS are sampled by a callback on
 * the simulation's own calendar.
 */
import { Resource } from '../src/resources/resource.js';
import { Simulation } from '../src/sim/simulation.js';

export interface MemoryBench {
  readonly customers: number;
  readonly peakHeapMB: number;
  readonly peakRssMB: number;
  readonly seconds: number;
  readonly meanWait: number | null;
}

export function benchMemory(customers: number): MemoryBench {
  const sim = new Simulation({ seed: 5, scenario: 'bench-memory' });
  const servers = new Resource(sim, { name: 'servers', capacity: 10 });
  const arrivals = sim.stream('arrivals');
  const service = sim.stream('service');
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  let done = false;
  const sampler = () => {
    sample();
    if (!done) sim.schedule(customers / 9 / 200, sampler); // about 200 samples over the run
  };
  function* customer() {
    const req = yield* servers.request();
    yield* sim.delay(-Math.log(service.next()));
    servers.release(req);
  }
  sim.process(
    (function* () {
      for (let i = 0; i < customers; i++) {
        yield* sim.delay(-Math.log(arrivals.next()) / 9);
        sim.process(customer());
      }
      done = true;
    })(),
  );
  sim.schedule(0, sampler);
  const t0 = performance.now();
  sim.run();
  sample();
  return {
    customers,
    peakHeapMB: peakHeap / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
    seconds: (performance.now() - t0) / 1000,
    meanWait: sim.report().resources[0]!.waits.mean,
  };
}

/**
 * The M/M/c model behind examples/mmc.ts, as a function so that tests can run it in-process.
 */
import { BatchMeans, type BatchMeansInterval, exponential, Resource, Simulation } from '../src/index.js';

export interface MmcRun {
  readonly lambda: number;
  readonly mu: number;
  readonly servers: number;
  readonly customers: number;
  readonly seed: number;
  /** Waits discarded before batching. */
  readonly warmup: number;
  /** Number of batches for the batch-means interval. */
  readonly batches: number;
}

export interface MmcOutcome {
  /** Batch-means 95 % interval of the wait in queue. */
  readonly wait: BatchMeansInterval;
  readonly meanTimeInSystem: number;
  readonly utilisation: number;
  readonly served: number;
  readonly identity: ReturnType<Simulation['identity']>;
}

/** Simulate an M/M/c queue with the process API. */
export function runMmc(p: MmcRun): MmcOutcome {
  const sim = new Simulation({ seed: p.seed, scenario: 'mmc' });
  const desk = new Resource(sim, { name: 'servers', capacity: p.servers });
  const interarrival = exponential({ rate: p.lambda }, 'lambda');
  const service = exponential({ rate: p.mu }, 'mu');
  const arrivals = sim.stream('arrivals');
  const services = sim.stream('service');
  const waits = new BatchMeans({
    warmup: p.warmup,
    batchSize: Math.max(1, Math.floor((p.customers - p.warmup) / p.batches)),
  });
  let served = 0;
  let timeInSystem = 0;
  let busyTime = 0;

  function* customer() {
    const arrived = sim.now;
    const req = yield* desk.request();
    waits.observe(sim.now - arrived);
    const s = service.sample(services);
    yield* sim.delay(s);
    desk.release(req);
    served++;
    busyTime += s;
    timeInSystem += sim.now - arrived;
  }

  sim.process(
    (function* () {
      for (let i = 0; i < p.customers; i++) {
        yield* sim.delay(interarrival.sample(arrivals));
        sim.process(customer());
      }
    })(),
    { name: 'arrivals' },
  );
  sim.run();
  return {
    wait: waits.interval(0.95),
    meanTimeInSystem: timeInSystem / served,
    utilisation: busyTime / (p.servers * sim.now),
    served,
    identity: sim.identity(),
  };
}

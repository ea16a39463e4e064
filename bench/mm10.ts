/**
 * M/M/c in three implementations that draw the same random numbers in the same order:
 *
 * - `bareLoop`: a minimal hand-written event loop (a binary heap of departure times, an array queue).
 *   It is the yardstick every other figure is divided by, measured in the same process.
 * - `callbackModel`: surgesim's event-scheduling API (`schedule`, `seize`, `free`).
 * - `generatorModel`: surgesim's process API (`process`, `request`, `delay`, `release`).
 *
 * Each returns the mean wait in queue so that the three can be checked against each other (the bare
 * loop and the generator model consume random numbers in the same order and must agree exactly).
 */
import { Environment } from '../src/kernel/environment.js';
import { log } from '../src/random/math.js';
import { seededRng } from '../src/random/rng.js';
import { Resource } from '../src/resources/resource.js';
import { Simulation } from '../src/sim/simulation.js';

export interface MmcParams {
  readonly customers: number;
  readonly servers: number;
  readonly rho: number;
  readonly seed: number;
  /** Stop the run at this time (to measure what is alive mid-run); default: run to the end. */
  readonly stopAt?: number;
  /**
   * Run in a {@link Simulation} with its standard monitors on (true) or off (false), instead of a bare
   * {@link Environment} (undefined, the default). For the cost of monitoring.
   */
  readonly monitors?: boolean;
}

function environment(p: MmcParams): Environment {
  return p.monitors === undefined
    ? new Environment()
    : new Simulation({ seed: p.seed, monitors: p.monitors });
}

export interface MmcOutcome {
  readonly meanWait: number;
  /** Largest number of customers waiting at once. */
  readonly peakQueue: number;
  /** Customers waiting when the run stopped, and the model's state (kept alive for memory probes). */
  readonly waitingAtStop?: number;
  readonly state?: unknown;
}

function sources(p: MmcParams) {
  const arrivals = seededRng(p.seed, 'arrivals');
  const service = seededRng(p.seed, 'service');
  const lambda = p.rho * p.servers;
  return {
    interarrival: () => -log(arrivals.next()) / lambda,
    service: () => -log(service.next()),
  };
}

/** The yardstick: a bare event loop for M/M/c, no library code. */
export function bareLoop(p: MmcParams): MmcOutcome {
  const draw = sources(p);
  const heap: number[] = [];
  const queue: number[] = [];
  let head = 0;
  let busy = 0;
  let t = 0;
  let nextArrival = draw.interarrival();
  let arrived = 0;
  let served = 0;
  let waitSum = 0;
  let peakQueue = 0;
  const push = (x: number) => {
    let i = heap.length;
    heap.push(x);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= x) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = x;
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && heap[c + 1]! < heap[c]!) c++;
        if (heap[c]! >= last) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  while (served < p.customers) {
    if (arrived < p.customers && (heap.length === 0 || nextArrival < heap[0]!)) {
      t = nextArrival;
      arrived++;
      if (arrived < p.customers) nextArrival = t + draw.interarrival();
      if (busy < p.servers) {
        busy++;
        push(t + draw.service());
      } else {
        queue.push(t);
        if (queue.length - head > peakQueue) peakQueue = queue.length - head;
      }
    } else {
      t = pop();
      served++;
      if (head < queue.length) {
        waitSum += t - queue[head++]!;
        push(t + draw.service());
      } else busy--;
    }
  }
  return { meanWait: waitSum / p.customers, peakQueue };
}

/** surgesim, callback (event-scheduling) API. */
export function callbackModel(p: MmcParams): MmcOutcome {
  const draw = sources(p);
  const env = environment(p);
  const servers = new Resource(env, { name: 'servers', capacity: p.servers });
  let arrived = 0;
  let waitSum = 0;
  let peakQueue = 0;
  const finish = () => servers.free();
  const start = (arrivalTime: number) => {
    waitSum += env.now - arrivalTime;
    env.schedule(draw.service(), finish);
  };
  const arrive = () => {
    arrived++;
    servers.seize(start, env.now);
    if (servers.queueLength > peakQueue) peakQueue = servers.queueLength;
    if (arrived < p.customers) env.schedule(draw.interarrival(), arrive);
  };
  env.schedule(draw.interarrival(), arrive);
  if (p.stopAt !== undefined) {
    env.run(p.stopAt);
    return { meanWait: Number.NaN, peakQueue, waitingAtStop: servers.queueLength, state: env };
  }
  env.run();
  return { meanWait: waitSum / p.customers, peakQueue };
}

/** surgesim, generator (process) API. */
export function generatorModel(p: MmcParams): MmcOutcome {
  const draw = sources(p);
  const env = environment(p);
  const servers = new Resource(env, { name: 'servers', capacity: p.servers });
  let waitSum = 0;
  let peakQueue = 0;
  function* customer() {
    const arrival = env.now;
    const req = yield* servers.request();
    waitSum += env.now - arrival;
    yield* env.delay(draw.service());
    servers.release(req);
  }
  function* source() {
    for (let i = 0; i < p.customers; i++) {
      yield* env.delay(draw.interarrival());
      env.process(customer());
      if (servers.queueLength > peakQueue) peakQueue = servers.queueLength;
    }
  }
  env.process(source());
  if (p.stopAt !== undefined) {
    env.run(p.stopAt);
    return { meanWait: Number.NaN, peakQueue, waitingAtStop: servers.queueLength, state: env };
  }
  env.run();
  return { meanWait: waitSum / p.customers, peakQueue };
}

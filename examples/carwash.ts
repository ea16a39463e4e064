/**
 * Car wash.
 *
 * Two washing machines; each wash takes 5 minutes. Four cars are waiting at opening, then a car
 * arrives every 3 to 7 minutes (uniform) until closing after 60 minutes; cars already waiting are
 * still washed. Time unit: minutes.
 *
 * Shows: a Resource with several units, a source process that stops at a time, `using` for a
 * request that is released when the block ends, and a summary from the resource's counters.
 *
 * Run: npx tsx examples/carwash.ts [--seed N] [--machines N]
 */
import { Resource, Simulation, uniform } from '../src/index.js';
import { flag } from './cli.js';

const seed = flag('seed', 42);
const machines = flag('machines', 2);
const washTime = 5;
const closing = 60;

const sim = new Simulation({ seed, scenario: 'carwash' });
const wash = new Resource(sim, { name: 'wash', capacity: machines });
const gap = uniform({ min: 3, max: 7 });
const arrivals = sim.stream('arrivals');
const at = () => sim.now.toFixed(2).padStart(6);
let longestWait = 0;
let lastOut = 0;

function* car(name: string) {
  console.log(`${at()}  ${name} arrives`);
  using req = yield* wash.request();
  longestWait = Math.max(longestWait, req.waited);
  console.log(`${at()}  ${name} enters the wash`);
  yield* sim.delay(washTime);
  console.log(`${at()}  ${name} leaves clean`);
  lastOut = sim.now;
}

sim.process(
  (function* () {
    let n = 0;
    for (; n < 4; n++) sim.process(car(`car ${n + 1}`));
    for (;;) {
      yield* sim.delay(gap.sample(arrivals));
      if (sim.now >= closing) break;
      sim.process(car(`car ${++n}`));
    }
  })(),
  { name: 'arrivals' },
);
sim.run();

console.log(
  `\nseed ${seed}: ${wash.releases} cars washed on ${machines} machines, longest wait ${longestWait.toFixed(2)} min, last car out at ${lastOut.toFixed(2)}`,
);

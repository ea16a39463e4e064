/**
 * Bank with reneging customers.
 *
 * One teller; customers arrive at random (exponential gaps, mean 10 min) and each will wait only so
 * long (patience uniform between 1 and 3 min) before leaving without service. Service takes an
 * exponential time with mean 12 min. Time unit: minutes.
 *
 * Shows: a Resource, a request with `patience` (reneging), named random streams, and the resource's
 * accounting (every customer is served, reneged or still in the bank at the end).
 *
 * Run: npx tsx examples/bank.ts [--seed N] [--customers N]
 */
import { exponential, Resource, Simulation, uniform } from '../src/index.js';
import { flag } from './cli.js';

const seed = flag('seed', 42);
const customers = flag('customers', 10);

const sim = new Simulation({ seed, scenario: 'bank' });
const teller = new Resource(sim, { name: 'teller', capacity: 1 });
const gap = exponential({ mean: 10 });
const service = exponential({ mean: 12 });
const patience = uniform({ min: 1, max: 3 });
const arrivals = sim.stream('arrivals');
const services = sim.stream('service');
const patiences = sim.stream('patience');
const clock = (t: number) => t.toFixed(2).padStart(6);

function* customer(name: string) {
  console.log(`${clock(sim.now)}  ${name} arrives`);
  const req = yield* teller.request({ patience: patience.sample(patiences) });
  if (!req.granted) {
    console.log(`${clock(sim.now)}  ${name} leaves after waiting ${req.waited.toFixed(2)} min (reneged)`);
    return;
  }
  console.log(`${clock(sim.now)}  ${name} reaches the teller after ${req.waited.toFixed(2)} min`);
  yield* sim.delay(service.sample(services));
  teller.release(req);
  console.log(`${clock(sim.now)}  ${name} is served and leaves`);
}

sim.process(
  (function* () {
    for (let i = 1; i <= customers; i++) {
      sim.process(customer(`customer ${String(i).padStart(2, '0')}`));
      yield* sim.delay(gap.sample(arrivals));
    }
  })(),
  { name: 'arrivals' },
);
sim.run();

const a = teller.accounting();
console.log(`\nseed ${seed}: ${a.arrivals} customers, ${a.releases} served, ${a.reneged} reneged`);

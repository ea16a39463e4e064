/**
 * Gas station with a tanker.
 *
 * Cars arrive at random (exponential gaps, mean 60 s) at a station with two pumps and a 2,000-litre
 * tank. Each car wants 20–50 litres (uniform) and pumps 2 litres a second; if the tank holds less than
 * that, the car waits at the pump until fuel comes. A controller looks at the tank every 5 minutes;
 * below 25 % it calls a tanker, which arrives after 10 to 20 minutes and puts 1,500 litres into the
 * tank. The station runs for six hours. Time unit: seconds.
 *
 * Shows: a `Container` (a continuous level; gets wait until enough is there, puts until it fits), a
 * Resource for the pumps, a daemon controller process, and conservation of fuel
 * (initial + delivered − sold = level).
 *
 * Run: npx tsx examples/gasstation.ts [--seed N]
 */
import { Container, exponential, Resource, Simulation, uniform } from '../src/index.js';
import { flag } from './cli.js';

const seed = flag('seed', 42);
const hours = 6;
const tankSize = 2_000;
const threshold = 0.25;
const delivery = 1_500;
const pumpRate = 2; // litres per second

const sim = new Simulation({ seed, scenario: 'gasstation' });
const tank = new Container(sim, { name: 'tank', capacity: tankSize, init: tankSize });
const pumps = new Resource(sim, { name: 'pumps', capacity: 2 });
const gap = exponential({ mean: 60 });
const want = uniform({ min: 20, max: 50 });
const tankerDelay = uniform({ min: 600, max: 1200 });
const at = (t: number) => {
  const s = Math.round(t);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
let cars = 0;
let litresSold = 0;
let longestWait = 0;
let tankerCalls = 0;

function* car() {
  const arrived = sim.now;
  const litres = want.sample(sim.stream('litres'));
  const pump = yield* pumps.request();
  yield* tank.get(litres);
  longestWait = Math.max(longestWait, sim.now - arrived);
  yield* sim.delay(litres / pumpRate);
  pumps.release(pump);
  cars++;
  litresSold += litres;
}

function* tanker() {
  tankerCalls++;
  console.log(`${at(sim.now)}  tanker called, tank at ${tank.level.toFixed(0)} l`);
  yield* sim.delay(tankerDelay.sample(sim.stream('tanker')));
  console.log(`${at(sim.now)}  tanker arrives, tank at ${tank.level.toFixed(0)} l`);
  yield* tank.put(delivery);
  console.log(`${at(sim.now)}  tanker has delivered ${delivery} l, tank at ${tank.level.toFixed(0)} l`);
}

sim.process(
  (function* () {
    let called: ReturnType<typeof sim.process> | undefined;
    for (;;) {
      if (tank.level < threshold * tankSize && (called === undefined || !called.isAlive))
        called = sim.process(tanker(), { name: 'tanker' });
      yield* sim.delay(300);
    }
  })(),
  { name: 'controller', daemon: true },
);
sim.process(
  (function* () {
    for (;;) {
      yield* sim.delay(gap.sample(sim.stream('arrivals')));
      sim.process(car(), { name: 'car', daemon: true });
    }
  })(),
  { name: 'arrivals', daemon: true },
);
sim.run(hours * 3600);

const a = tank.accounting();
console.log(
  `\nseed ${seed}: ${cars} cars served in ${hours} h, ${litresSold.toFixed(0)} l sold, longest wait ${longestWait.toFixed(0)} s`,
);
console.log(
  `tank: ${a.init} l at start + ${a.putAmount.toFixed(0)} l delivered by ${tankerCalls} tanker call(s) − ${a.gotAmount.toFixed(0)} l taken = ${a.level.toFixed(0)} l now`,
);

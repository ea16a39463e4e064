/**
 * Machine shop with breakdowns.
 *
 * Ten machines make parts (each part takes normal(10, 2) minutes, truncated at 1). Each machine breaks
 * down after an exponential working time (mean 300 min); a breakdown interrupts the part in progress,
 * and the machine waits for the one repairer, whose repair takes 30 minutes, then finishes the part's
 * remaining time. Between repairs the repairer does other, unimportant jobs (30 min each); a repair
 * request preempts them, and an interrupted job is resumed later. Time unit: minutes; the shop runs
 * round the clock for 4 weeks.
 *
 * Shows: preemption (`preempt: true`, priorities), interrupts carrying a cause (`Preempted`), work
 * that resumes after an interruption, and daemon processes (the machines never stop by themselves).
 *
 * Run: npx tsx examples/machineshop.ts [--seed N]
 */
import { exponential, Interrupt, normal, Preempted, Resource, Simulation } from '../src/index.js';
import { flag } from './cli.js';

const seed = flag('seed', 42);
const machines = 10;
const horizon = 4 * 7 * 24 * 60;
const repairTime = 30;
const otherJob = 30;

const sim = new Simulation({ seed, scenario: 'machineshop' });
const repairer = new Resource(sim, { name: 'repairer', capacity: 1 });
const partTime = normal({ mean: 10, sd: 2, lo: 1 });
const timeToFailure = exponential({ mean: 300 });
const parts = new Array<number>(machines).fill(0);
const breakdowns = new Array<number>(machines).fill(0);
/** Whether each machine is making parts now (a machine waiting for or in repair cannot break). */
const working = new Array<boolean>(machines).fill(true);
let otherJobsDone = 0;

/** A machine: makes parts until the end; a breakdown (an interrupt) pauses the part in progress. */
function* machine(id: number) {
  const partRng = sim.stream(`machine[${id}].part`);
  for (;;) {
    let left = partTime.sample(partRng);
    while (left > 0) {
      const start = sim.now;
      try {
        yield* sim.delay(left);
        left = 0;
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        left -= sim.now - start;
        breakdowns[id]!++;
        working[id] = false;
        const repair = yield* repairer.request({ priority: 1, preempt: true });
        yield* sim.delay(repairTime);
        repairer.release(repair);
        working[id] = true;
      }
    }
    parts[id]!++;
  }
}

/** Breaks machine `id` after each exponential working time. */
function* failures(id: number, target: ReturnType<typeof sim.process>) {
  const rng = sim.stream(`machine[${id}].failure`);
  for (;;) {
    yield* sim.delay(timeToFailure.sample(rng));
    if (working[id]) target.interrupt('breakdown');
  }
}

/** The repairer's unimportant jobs, preempted by repairs and resumed afterwards. */
function* otherJobs() {
  for (;;) {
    let left = otherJob;
    while (left > 0) {
      const req = yield* repairer.request({ priority: 2 });
      const start = sim.now;
      try {
        yield* sim.delay(left);
        left = 0;
        repairer.release(req);
      } catch (e) {
        if (!(e instanceof Interrupt && e.cause instanceof Preempted)) throw e;
        left -= sim.now - start;
      }
    }
    otherJobsDone++;
  }
}

for (let i = 0; i < machines; i++) {
  const m = sim.process(machine(i), { name: `machine ${i}`, daemon: true });
  sim.process(failures(i, m), { name: `failures ${i}`, daemon: true });
}
sim.process(otherJobs(), { name: 'other jobs', daemon: true });
sim.run(horizon);

console.log(`Machine shop after ${horizon / 60 / 24} days (seed ${seed})`);
for (let i = 0; i < machines; i++)
  console.log(
    `  machine ${i}: ${String(parts[i]).padStart(5)} parts, ${String(breakdowns[i]).padStart(3)} breakdowns`,
  );
console.log(
  `  total parts: ${parts.reduce((a, b) => a + b, 0)}; repairer's other jobs done: ${otherJobsDone}`,
);

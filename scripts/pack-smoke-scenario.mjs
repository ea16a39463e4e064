// Run by scripts/pack-smoke.sh: a scenario module written against the installed package, run by the
// packaged `surgesim` command (plain JavaScript, so no TypeScript loader is needed).
import { defineScenario, Resource, Simulation } from 'surgesim';

export const scenario = defineScenario({
  name: 'pack-smoke',
  title: 'Pack smoke: two desks, fifty people',
  defaults: { desks: 2, people: 50 },
  run(p, ctx) {
    const sim = new Simulation({ seed: ctx.seed });
    const desk = new Resource(sim, { name: 'desk', capacity: p.desks });
    const rng = sim.stream('service');
    let served = 0;
    for (let i = 0; i < p.people; i++) {
      sim.process(
        (function* () {
          const req = yield* desk.request();
          yield* sim.delay(1 + rng.next());
          desk.release(req);
          served++;
        })(),
      );
    }
    sim.run();
    return { served, finish: sim.now };
  },
  figures: [
    {
      id: 'served',
      label: 'People served',
      unit: 'count',
      value: (r) => r.served,
      reported: 50,
      source: 'input',
    },
  ],
  metrics: [{ id: 'finish', label: 'Last served', unit: 'seconds', value: (r) => r.finish }],
});

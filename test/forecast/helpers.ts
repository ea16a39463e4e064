/**
 * A small county for forecast tests: one town of 3,000 residents at two points, registration the
 * bottleneck (queues build from the first hour), so a snapshot at 10:00 catches long queues.
 */

import { AreaRun } from '../../models/campaign/area.js';
import { type CampaignPlan, componentSeed } from '../../models/campaign/run.js';
import { type ForecastPrior, observeArea, perturbPlan, type Theta } from '../../models/forecast/infer.js';
import type { AreaObservation, Snapshot } from '../../models/forecast/snapshot.js';
import { checkSpec, planCampaign } from '../../models/index.js';
import { Simulation } from '../../src/index.js';

export const smallSpec = {
  name: 'small-town',
  title: 'A small town tested in a morning (made up, for tests)',
  epoch: '2022-04-13T00:00+08:00',
  times: {
    registration: {
      by: 'type',
      qr: { dist: 'uniform', min: '5 s', max: '8 s' },
      id: { dist: 'uniform', min: '20 s', max: '40 s' },
      assisted: { dist: 'uniform', min: '60 s', max: '180 s' },
    },
    swab: { dist: 'lognormal', mean: '12.91 s', sd: '10.53 s' },
  },
  testing: {
    town: {
      open: '08:00',
      deadline: '12:00',
      residents: 3000,
      turnout: 0.9,
      calling: { kind: 'call', at: '08:00', within: '3 h' },
      points: 2,
      people: { type: { qr: 0.5, id: 0.311, assisted: 0.189 } },
      staff: { marshals: 2, clerks: 6, swabbers: 4 },
      flow: [
        { serve: 'check', by: 'marshals', time: '5 s' },
        { serve: 'registration', by: 'clerks', time: '#registration' },
        { seize: 'swabbers', stage: 'swab' },
        { delay: '#swab', stage: 'swab' },
        { pool: 'tube', size: 10, hold: '20 s' },
        { release: 'swabbers' },
        { leave: 'tested' },
      ],
    },
  },
};

checkSpec(smallSpec);
export const smallPlan = planCampaign(smallSpec).plan;
export const town = smallPlan.testing.town!;

/** A smaller town still (600 residents, one point) for studies of hundreds of forecasts. */
export const tinySpec = structuredClone(smallSpec) as typeof smallSpec & {
  testing: { town: Record<string, unknown> };
};
Object.assign(tinySpec.testing.town, {
  residents: 600,
  points: 1,
  deadline: '11:00',
  calling: { kind: 'call', at: '08:00', within: '2 h' },
  staff: { marshals: 1, clerks: 2, swabbers: 1 },
});
checkSpec(tinySpec);
export const tinyPlan = planCampaign(tinySpec).plan;

/** A truth day of the town with inputs `theta`: the observation at `t` and the day's finish. */
export function truthDay(
  plan: CampaignPlan,
  seed: number,
  theta: Theta,
  t: number,
  queues: 'none' | 'total' | 'stage',
): { snapshot: Snapshot; observation: AreaObservation; finish: number | null; notTested: number } {
  const sim = new Simulation({
    seed: componentSeed(seed, 'truth', 'town'),
    epoch: plan.epoch,
    onDeadlock: 'ignore',
  });
  const run = new AreaRun(sim, perturbPlan(plan.testing.town!, theta));
  sim.run(t);
  const observation = observeArea(run, queues);
  sim.run();
  const r = run.results();
  return {
    snapshot: {
      at: t,
      note: '',
      testing: { town: observation },
      transfers: {},
      isolation: {},
      unloading: {},
    },
    observation,
    finish: r.finish,
    notTested: r.notTestedAtDeadline,
  };
}

/** A draw of the inputs from a prior with uniforms u. */
export function drawTheta(prior: ForecastPrior, u: readonly [number, number, number]): Theta {
  const at = (r: readonly [number, number], x: number) => r[0] + (r[1] - r[0]) * x;
  return { turnout: at(prior.turnout, u[0]), within: at(prior.within, u[1]), pace: at(prior.pace, u[2]) };
}

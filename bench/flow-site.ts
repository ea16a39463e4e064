/**
 * The Qingxu sampling point as a flow (src/flow), beside the hand-written `SamplingSiteModel`, on
 * the same input: marshals check → registration by clerks (time by person type; assisted people to
 * their own clerks when the site has an assisted lane) → swab, with swabs pooled into tubes and the
 * swabber who fills a tube sealing it before the next person. The bench row `flow-site` times both;
 * test/flow/equivalence.test.ts checks that they agree.
 *
 * The flow has no courier: the hand-written model's courier rounds are a handful of events per
 * site and leave the people's times unchanged.
 */
import { type ResolvedSite, type ResolvedStaff, resolveSite, samplingSite } from '../models/sampling-site.js';
import { Flow, type FlowStep, Resource, Simulation, StaffedResource } from '../src/index.js';
import { twoStageInput } from './two-stage.js';

/**
 * The steps of the Qingxu point for a resolved site.
 *
 * @example
 * ```ts
 * const steps = qingxuPointSteps(resolveSite({ population: 300 }));
 * ```
 */
export function qingxuPointSteps(p: ResolvedSite): FlowStep[] {
  const registration: FlowStep = { kind: 'delay', time: { by: 'type', values: p.registration } };
  const lane = (clerks: string): FlowStep[] => [
    { kind: 'seize', resource: clerks, stage: 'registration' },
    registration,
    { kind: 'release', resource: clerks },
  ];
  const assistedLane = !(p.assistedClerks.kind === 'count' && p.assistedClerks.count === 0);
  return [
    { kind: 'seize', resource: 'marshals', stage: 'check' },
    { kind: 'delay', time: p.checkTime },
    { kind: 'release', resource: 'marshals' },
    ...(assistedLane
      ? [
          {
            kind: 'branch',
            by: 'type',
            routes: { assisted: lane('assistedClerks') },
            otherwise: lane('clerks'),
          } as const,
        ]
      : lane('clerks')),
    { kind: 'seize', resource: 'swabbers', stage: 'swab' },
    { kind: 'delay', time: p.swabTime },
    { kind: 'batch', name: 'tube', size: p.pool, hold: p.tubeChange },
    { kind: 'release', resource: 'swabbers' },
    { kind: 'leave', outcome: 'tested' },
  ];
}

function staff(sim: Simulation, name: string, s: ResolvedStaff): Resource | StaffedResource {
  if (s.kind === 'count') return new Resource(sim, { name, capacity: s.count });
  return new StaffedResource(sim, {
    name,
    roster: s.roster,
    positions: s.positions,
    ...(s.workLimit && { workLimit: s.workLimit }),
  });
}

/**
 * Install the Qingxu point as a flow in `sim`: its staff, its flow, and the arrivals drawn from the
 * stream `arrivals` (the stream the hand-written model draws them from, so both get the same times).
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1 });
 * const flow = installPointFlow(sim, resolveSite({ population: 300 }));
 * sim.run();
 * flow.accounting().left.tested; // 300
 * ```
 */
export function installPointFlow(
  sim: Simulation,
  p: ResolvedSite,
  onTube?: (time: number, size: number) => void,
): Flow {
  const resources: Record<string, Resource | StaffedResource> = {
    marshals: staff(sim, 'marshals', p.marshals),
    clerks: staff(sim, 'clerks', p.clerks),
    swabbers: staff(sim, 'swabbers', p.swabbers),
  };
  if (!(p.assistedClerks.kind === 'count' && p.assistedClerks.count === 0))
    resources.assistedClerks = staff(sim, 'assistedClerks', p.assistedClerks);
  const flow = new Flow(sim, {
    name: p.name,
    capacity: p.population,
    attributes: [
      { name: 'type', values: ['qr', 'id', 'assisted'], shares: [p.mix.qr, p.mix.id, p.mix.assisted] },
    ],
    steps: qingxuPointSteps(p),
    resources,
    origin: p.open,
    bin: p.bin,
    ...(onTube && { onBatch: { tube: onTube } }),
  });
  const times = new Float64Array(p.population);
  const it = p.arrivals.times(sim.stream('arrivals'));
  let k = 0;
  for (; k < times.length; k++) {
    const r = it.next();
    if (r.done) break;
    times[k] = r.value;
  }
  flow.enterAt(k === times.length ? times : times.subarray(0, k));
  flow.finish();
  return flow;
}

/**
 * One run of the flow site with `people` people (the `two-stage-site` input); throws if anyone is
 * left untested.
 *
 * @example
 * ```ts
 * flowSite(20_000, 1).tested; // 20000
 * ```
 */
export function flowSite(people: number, seed: number): { tested: number; lastExit: number | null } {
  const sim = new Simulation({ seed });
  const flow = installPointFlow(sim, resolveSite(twoStageInput(people)));
  sim.run();
  const tested = flow.accounting().left.tested ?? 0;
  if (tested !== people) throw new Error(`flow site: tested ${tested} of ${people}`);
  return { tested, lastExit: flow.lastExit('tested') };
}

/**
 * One run of the hand-written model on the same input, installed and run the same way.
 *
 * @example
 * ```ts
 * handSite(20_000, 1).tested; // 20000
 * ```
 */
export function handSite(people: number, seed: number): { tested: number; lastSwab: number } {
  const sim = new Simulation({ seed });
  const model = samplingSite(twoStageInput(people)).install(sim);
  sim.run();
  if (model.tested !== people) throw new Error(`hand-written site: tested ${model.tested} of ${people}`);
  return { tested: model.tested, lastSwab: model.lastSwab };
}

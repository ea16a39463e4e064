/**
 * What a snapshot does not say, inferred from what it says: approximate Bayesian computation over the
 * uncertain inputs of a testing area — turnout, how spread out the arrivals are, how fast the staff
 * work. Each *particle* draws those inputs from the prior, simulates the area from its opening to the
 * snapshot's time and keeps the state it reaches there (who has left, who waits at which stage, who
 * is still to come). Particles whose counts (tested, and queuing when counted) are closest to the
 * snapshot's are kept, weighted by an Epanechnikov kernel on the distance; a forecast replication
 * draws one kept particle, so the spread of the kept inputs is part of the forecast interval.
 *
 * @module
 */
import { type Distribution, type FlowStep, Simulation, seededRng, type Timing } from '../../src/index.js';
import { splitProportional } from '../area-testing.js';
import { type AreaPlan, AreaRun } from '../campaign/area.js';
import { componentSeed } from '../campaign/run.js';
import type { AreaObservation, PointObservation } from './snapshot.js';

/**
 * The prior of the uncertain inputs of an area, as factors on the plan's values (uniform between
 * the two ends): `turnout` multiplies the share who come (capped at 1), `within` the call's arrival
 * window (a `call` only; slots are kept), `pace` every service and hold time (1.1 = 10 % slower).
 *
 * @example
 * ```ts
 * const prior: ForecastPrior = { turnout: [0.92, 1.05], within: [0.75, 1.33], pace: [0.85, 1.15] };
 * ```
 */
export interface ForecastPrior {
  /** Factor on the turnout. */
  readonly turnout: readonly [number, number];
  /** Factor on the call's arrival window. */
  readonly within: readonly [number, number];
  /** Factor on service and hold times. */
  readonly pace: readonly [number, number];
}

/**
 * The default prior: turnout −8 % to +5 %, arrival window −25 % to +33 %, staff 15 % faster to 15 %
 * slower than planned — the ranges the Qingxu spec's notes give for its assumed values, narrowed to
 * what a command post would still call "as planned".
 *
 * @example
 * ```ts
 * DEFAULT_PRIOR.pace; // [0.85, 1.15]
 * ```
 */
export const DEFAULT_PRIOR: ForecastPrior = {
  turnout: [0.92, 1.05],
  within: [0.75, 1.33],
  pace: [0.85, 1.15],
};

/**
 * No uncertainty in the inputs: the plan as written (the forecast's spread is then the day's own
 * randomness and what the snapshot leaves unknown of the state).
 *
 * @example
 * ```ts
 * forecastCampaign(plan, snapshot, { prior: FIXED_PRIOR });
 * ```
 */
export const FIXED_PRIOR: ForecastPrior = { turnout: [1, 1], within: [1, 1], pace: [1, 1] };

/**
 * One particle's inputs, as factors on the plan's values.
 *
 * @example
 * ```ts
 * const theta: Theta = { turnout: 0.97, within: 1.1, pace: 1.05 };
 * ```
 */
export interface Theta {
  /** Factor on the turnout. */
  readonly turnout: number;
  /** Factor on the call's arrival window. */
  readonly within: number;
  /** Factor on service and hold times. */
  readonly pace: number;
}

/**
 * One point of a particle at the snapshot's time.
 *
 * @example
 * ```ts
 * const p: ParticlePoint = { left: { tested: 1180 }, waiting: { registration: 240 }, entered: 1420, future: [80_100] };
 * ```
 */
export interface ParticlePoint {
  /** People who had left, by outcome. */
  readonly left: Readonly<Record<string, number>>;
  /** People waiting or in service, by the stage a restarted person waits at. */
  readonly waiting: Readonly<Record<string, number>>;
  /** People who had come. */
  readonly entered: number;
  /** Arrival times of the people still to come. */
  readonly future: readonly number[];
}

/**
 * A particle: inputs drawn from the prior and the state they led to at the snapshot's time.
 *
 * @example
 * ```ts
 * particles[0].theta.turnout; particles[0].points[3].waiting.registration;
 * ```
 */
export interface Particle {
  /** The inputs drawn. */
  readonly theta: Theta;
  /** The state per point. */
  readonly points: readonly ParticlePoint[];
}

/**
 * The kept particles of an area and their weights (summing to 1), with the distance cut-off.
 *
 * @example
 * ```ts
 * const w = weighParticles(particles, observation, 0.2);
 * w.kept.length; // 20 % of the particles
 * ```
 */
export interface WeightedParticles {
  /** The particles kept (closest to the snapshot). */
  readonly kept: readonly Particle[];
  /** Their weights, summing to 1. */
  readonly weights: readonly number[];
  /** All particles simulated. */
  readonly simulated: number;
}

/** A distribution scaled by a factor (same family of shapes; mean × c, variance × c²). */
function scaled(d: Distribution, c: number): Distribution {
  if (c === 1) return d;
  return {
    name: d.name,
    params: d.params,
    sample: (rng) => c * d.sample(rng),
    describe: () => `${c} × ${d.describe()}`,
    mean: c * d.mean,
    variance: c * c * d.variance,
    support: [c * d.support[0], c * d.support[1]],
    toJSON: () => ({ dist: 'scaled', factor: c, of: d.toJSON() }),
  };
}

function scaledTiming(t: Timing, c: number): Timing {
  if (!('by' in t)) return scaled(t as Distribution, c);
  return {
    by: t.by,
    values: Object.fromEntries(Object.entries(t.values).map(([k, d]) => [k, scaled(d, c)])),
    ...(t.otherwise && { otherwise: scaled(t.otherwise, c) }),
  };
}

function scaledSteps(steps: readonly FlowStep[], c: number): FlowStep[] {
  return steps.map((s): FlowStep => {
    if (s.kind === 'delay') return { ...s, time: scaledTiming(s.time, c) };
    if (s.kind === 'batch' && s.hold) return { ...s, hold: scaledTiming(s.hold, c) };
    if (s.kind === 'branch' && s.by === 'share') {
      const b = s as Extract<FlowStep, { by: 'share' }>;
      return { ...b, routes: b.routes.map((r) => scaledSteps(r, c)) };
    }
    if (s.kind === 'branch') {
      const b = s as Extract<FlowStep, { routes: Readonly<Record<string, readonly FlowStep[]>> }>;
      return {
        ...b,
        routes: Object.fromEntries(Object.entries(b.routes).map(([k, r]) => [k, scaledSteps(r, c)])),
        ...(b.otherwise && { otherwise: scaledSteps(b.otherwise, c) }),
      };
    }
    return s;
  });
}

/**
 * The plan with a particle's inputs applied.
 *
 * @example
 * ```ts
 * perturbPlan(plan.testing.hedong!, { turnout: 0.95, within: 1, pace: 1.1 }).turnout;
 * ```
 */
export function perturbPlan(plan: AreaPlan, theta: Theta): AreaPlan {
  if (theta.turnout === 1 && theta.within === 1 && theta.pace === 1) return plan;
  return {
    ...plan,
    turnout: Math.min(1, plan.turnout * theta.turnout),
    arrivals:
      plan.arrivals.kind === 'call'
        ? { ...plan.arrivals, within: plan.arrivals.within * theta.within }
        : plan.arrivals,
    steps: scaledSteps(plan.steps, theta.pace),
  };
}

/**
 * The state of an area's points at the run's current time, as a particle keeps it: people in service
 * are counted as waiting at their stage (they would be served again: the snapshot does not say how
 * far along they are), a stage no one can wait at (a delay, a hold) goes to the seize before it.
 *
 * @example
 * ```ts
 * const state = areaState(run); // after sim.run(t)
 * ```
 */
export function areaState(run: AreaRun): ParticlePoint[] {
  return run.flows.map((f) => {
    const a = f.accounting();
    const entry = f.entryStages;
    const waiting: Record<string, number> = Object.fromEntries(entry.map((s) => [s, 0]));
    let last = entry[0]!;
    for (const s of f.shape.stages) {
      if (entry.includes(s)) last = s;
      waiting[last]! += (a.queued[s] ?? 0) + (a.inService[s] ?? 0);
    }
    const left = Object.fromEntries(Object.entries(a.left).filter(([, n]) => n > 0));
    return { left, waiting, entered: a.entered, future: f.pendingEntries() };
  });
}

/**
 * What a command post would see of a simulated area at the run's current time: per point the people
 * tested and, by `queues`, the people in the point not yet tested (`total`), those by stage (`stage`)
 * or nothing (`none`). For studies that take simulated days as the truth.
 *
 * @example
 * ```ts
 * sim.run(t); const obs = observeArea(run, 'total'); sim.run(); // the truth goes on
 * ```
 */
export function observeArea(run: AreaRun, queues: 'none' | 'total' | 'stage'): AreaObservation {
  return {
    scope: 'points',
    points: areaState(run).map((p) => {
      const q = Object.values(p.waiting).reduce((a, b) => a + b, 0);
      return {
        done: p.left.tested ?? 0,
        queued: queues === 'none' ? null : q,
        queuedAt: queues === 'stage' ? { ...p.waiting } : null,
        staff: {},
      };
    }),
  };
}

/**
 * Simulate `count` particles of one area to time `t`: particle m draws its inputs from the prior
 * (stream `forecast.<area>.prior` of seed m) and runs with the component seed of seed m.
 *
 * @example
 * ```ts
 * const ps = simulateParticles(plan.testing.hedong!, 'hedong', plan.epoch, 73_800, DEFAULT_PRIOR, 100, 1);
 * ```
 */
export function simulateParticles(
  plan: AreaPlan,
  name: string,
  epoch: string,
  t: number,
  prior: ForecastPrior,
  count: number,
  seed: number,
  onParticle?: () => void,
): Particle[] {
  const out: Particle[] = [];
  for (let m = 0; m < count; m++) {
    const pseed = componentSeed(seed, 'forecast.particle', `${name}.${m}`);
    const rng = seededRng(pseed, `forecast.${name}.prior`);
    const draw = (r: readonly [number, number]) => (r[0] === r[1] ? r[0] : r[0] + (r[1] - r[0]) * rng.next());
    const theta = { turnout: draw(prior.turnout), within: draw(prior.within), pace: draw(prior.pace) };
    const sim = new Simulation({ seed: componentSeed(pseed, 'testing', name), epoch, onDeadlock: 'ignore' });
    const run = new AreaRun(sim, perturbPlan(plan, theta));
    if (t > 0) sim.run(t);
    out.push({ theta, points: areaState(run) });
    onParticle?.();
  }
  return out;
}

/** Tested so far and people in the point (waiting), per point or over the area. */
function summary(p: Particle, scope: AreaObservation['scope']): { done: number; queued: number }[] {
  const per = p.points.map((q) => ({
    done: q.left.tested ?? 0,
    queued: Object.values(q.waiting).reduce((a, b) => a + b, 0),
  }));
  if (scope === 'points') return per;
  return [
    per.reduce((a, b) => ({ done: a.done + b.done, queued: a.queued + b.queued }), { done: 0, queued: 0 }),
  ];
}

/**
 * Keep the share `accept` of the particles closest to the observation (distance: the sum over the
 * counts of (simulated − observed)² / (observed + 25), a Poisson-like scale), weighted by an
 * Epanechnikov kernel on the distance. Without an observation every particle is kept, equally.
 *
 * @example
 * ```ts
 * weighParticles(particles, snapshot.testing.hedong!, 0.2).weights;
 * ```
 */
export function weighParticles(
  particles: readonly Particle[],
  obs: AreaObservation | null,
  accept: number,
): WeightedParticles {
  if (obs === null || particles.length === 0)
    return {
      kept: particles,
      weights: particles.map(() => 1 / particles.length),
      simulated: particles.length,
    };
  const observed: PointObservation[] = obs.scope === 'points' ? [...obs.points] : [obs.total];
  const dist = particles.map((p) => {
    const s = summary(p, obs.scope);
    let d = 0;
    observed.forEach((o, k) => {
      d += (s[k]!.done - o.done) ** 2 / (o.done + 25);
      if (o.queued !== null) d += (s[k]!.queued - o.queued) ** 2 / (o.queued + 25);
    });
    return Math.sqrt(d);
  });
  const keep = Math.min(particles.length, Math.max(5, Math.round(accept * particles.length)));
  const order = dist.map((d, i) => [d, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // The cut-off is the first distance left out, so the last one kept still has a weight.
  const h = order[keep]?.[0] ?? order[keep - 1]![0] * 1.001;
  const kept = order.slice(0, keep);
  const raw = kept.map(([d]) => (h > 0 ? Math.max(1 - (d / h) ** 2, 1e-9) : 1));
  const sum = raw.reduce((a, b) => a + b, 0);
  return {
    kept: kept.map(([, i]) => particles[i]!),
    weights: raw.map((w) => w / sum),
    simulated: particles.length,
  };
}

/**
 * Draw one kept particle by weight with `u` uniform in [0, 1).
 *
 * @example
 * ```ts
 * pickParticle(w, rng.next());
 * ```
 */
export function pickParticle(w: WeightedParticles, u: number): Particle {
  let s = 0;
  for (let i = 0; i < w.kept.length; i++) {
    s += w.weights[i]!;
    if (u < s) return w.kept[i]!;
  }
  return w.kept[w.kept.length - 1]!;
}

/**
 * `total` people spread over the stages in proportion to `weights` (all at the first stage when the
 * weights are all zero).
 *
 * @example
 * ```ts
 * spreadOver(10, { check: 0, registration: 3, swab: 1 }); // { check: 0, registration: 8, swab: 2 }
 * ```
 */
export function spreadOver(total: number, weights: Readonly<Record<string, number>>): Record<string, number> {
  const stages = Object.keys(weights);
  const w = stages.map((s) => weights[s]!);
  const parts = w.some((x) => x > 0)
    ? splitProportional(total, w)
    : stages.map((_, k) => (k === 0 ? total : 0));
  return Object.fromEntries(stages.map((s, k) => [s, parts[k]!]));
}

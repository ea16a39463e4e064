/**
 * The rest of the day from a snapshot: each replication draws, per testing area, one particle kept
 * by the inference (its inputs and the state it says the snapshot hides), starts the area at the
 * snapshot's time from the observed state — the people tested are done, the people queuing wait at
 * their stages, the rest of the population comes as the particle's calling model says, the staff on
 * duty are the snapshot's and then the roster's — and runs it to the end.
 *
 * A variant (`--set` changes, staff moves) runs with the same replication seeds, the same particles
 * and the same component seeds as the no-change forecast (common random numbers), and each figure's
 * difference comes with a paired interval (the library's `pairedDifference`).
 *
 * Only testing areas are forecast: the other components' models (bus transfers, isolation sites,
 * unloading) cannot start from a mid-run state yet; their observations are checked and echoed.
 *
 * @module
 */
import {
  Epoch,
  type PairedDifference,
  ParameterError,
  pairedDifference,
  replicationSeed,
  Simulation,
  seededRng,
} from '../../src/index.js';
import { splitProportional } from '../area-testing.js';
import { type AreaPlan, type AreaResult, AreaRun } from '../campaign/area.js';
import type { AreaPointStart, AreaStart } from '../campaign/areaStart.js';
import { type CampaignPlan, componentSeed } from '../campaign/run.js';
import {
  DEFAULT_PRIOR,
  type ForecastPrior,
  type Particle,
  perturbPlan,
  pickParticle,
  simulateParticles,
  spreadOver,
  type WeightedParticles,
  weighParticles,
} from './infer.js';
import type { StaffMove } from './moves.js';
import type { AreaObservation, PointObservation, Snapshot } from './snapshot.js';

/**
 * Options of {@link forecastCampaign}.
 *
 * @example
 * ```ts
 * const o: ForecastOptions = { replications: 40, seed: 1, particles: 200, accept: 0.2 };
 * ```
 */
export interface ForecastOptions {
  /** Forecast replications (default 40). */
  readonly replications?: number;
  /** Base seed (default 1). */
  readonly seed?: number;
  /** Particles simulated per area for the inference (default 200). */
  readonly particles?: number;
  /** Share of the particles kept (default 0.2). */
  readonly accept?: number;
  /** Prior of the uncertain inputs, for every area or by area name (default {@link DEFAULT_PRIOR}). */
  readonly prior?: ForecastPrior | Readonly<Record<string, ForecastPrior>>;
  /** Level of the forecast and paired intervals (default 0.9). */
  readonly level?: number;
  /** A variant to forecast beside the no-change one: a changed plan and/or staff moves. */
  readonly variant?: {
    readonly plan?: CampaignPlan;
    readonly moves?: readonly StaffMove[];
    readonly label: string;
  };
  /** Particles already simulated, by area (e.g. shared by many forecasts in a calibration study). */
  readonly particleBank?: Readonly<Record<string, readonly Particle[]>>;
  /** Called after each simulation with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Median and interval of a forecast figure over the replications; null values are figures that did
 * not happen (e.g. nobody tested after the snapshot: the area had finished).
 *
 * @example
 * ```ts
 * const i: ForecastInterval = { median: 90_000, lower: 88_000, upper: 93_000, missing: 0 };
 * ```
 */
export interface ForecastInterval {
  /** Median, or null when no replication has a value. */
  readonly median: number | null;
  /** Lower end of the central interval at the forecast's level. */
  readonly lower: number | null;
  /** Upper end. */
  readonly upper: number | null;
  /** Replications without a value. */
  readonly missing: number;
}

/**
 * One area's forecast.
 *
 * @example
 * ```ts
 * f.areas.hedong.finish.median; f.areas.hedong.posterior?.turnout;
 * ```
 */
export interface AreaForecast {
  /** Whether the snapshot observed the area. */
  readonly observed: boolean;
  /** People tested at the snapshot (observed, or the particles' median when not observed). */
  readonly doneAtSnapshot: number;
  /** Last person tested (seconds after the epoch); missing when nobody is tested after the snapshot. */
  readonly finish: ForecastInterval;
  /** People who come but are not tested by the deadline. */
  readonly notTestedAtDeadline: ForecastInterval;
  /** Peak of the people queuing at all points together after the snapshot (5-min samples). */
  readonly peakQueued: ForecastInterval;
  /** People who come (tested, queuing and still to come). */
  readonly population: ForecastInterval;
  /** The inferred inputs (factors on the plan's), over the particles used; null without uncertainty. */
  readonly posterior: {
    readonly turnout: ForecastInterval;
    readonly within: ForecastInterval;
    readonly pace: ForecastInterval;
    readonly kept: number;
    readonly simulated: number;
  } | null;
  /** Cumulative tested at each bin's end from the snapshot on: median and intervals over replications. */
  readonly fan: readonly {
    readonly time: number;
    readonly lower: number;
    readonly q25: number;
    readonly median: number;
    readonly q75: number;
    readonly upper: number;
  }[];
  /** The plan as written, from the opening: median cumulative tested at each bin's end (5 runs). */
  readonly planned: readonly { readonly time: number; readonly tested: number }[];
  /** Per replication, the area's figures (for paired comparisons and calibration studies). */
  readonly values: {
    readonly finish: readonly (number | null)[];
    readonly notTestedAtDeadline: readonly number[];
    readonly peakQueued: readonly number[];
  };
}

/**
 * A forecast from a snapshot, with the variant's paired differences when one was asked for.
 *
 * @example
 * ```ts
 * const f = forecastCampaign(plan, snapshot, { replications: 40 });
 * formatForecast(f);
 * ```
 */
export interface CampaignForecast {
  /** The snapshot's time. */
  readonly at: number;
  /** The campaign's epoch. */
  readonly epoch: string;
  /** Replications. */
  readonly replications: number;
  /** Base seed. */
  readonly seed: number;
  /** Level of the intervals. */
  readonly level: number;
  /** The testing areas' forecasts. */
  readonly areas: Readonly<Record<string, AreaForecast>>;
  /** The variant's forecast and its paired differences (variant − no change), when asked for. */
  readonly variant: {
    readonly label: string;
    readonly areas: Readonly<Record<string, AreaForecast>>;
    readonly differences: Readonly<
      Record<
        string,
        {
          readonly finish: PairedDifference;
          readonly notTestedAtDeadline: PairedDifference;
          readonly peakQueued: PairedDifference;
        }
      >
    >;
  } | null;
  /** Components observed but not forecast (their models cannot start from a mid-run state yet). */
  readonly notForecast: readonly { readonly component: string; readonly observed: string }[];
}

/** Runs of the plan as written behind the planned curve of the fan chart. */
const PLANNED_RUNS = 5;

function priorOf(options: ForecastOptions, name: string): ForecastPrior {
  const p = options.prior;
  if (p === undefined) return DEFAULT_PRIOR;
  if ('turnout' in p && Array.isArray((p as ForecastPrior).turnout)) return p as ForecastPrior;
  return (p as Readonly<Record<string, ForecastPrior>>)[name] ?? DEFAULT_PRIOR;
}

/** Observation of point k, splitting an area's total by the particle's own split. */
function pointObservations(obs: AreaObservation | null, particle: Particle): (PointObservation | null)[] {
  const n = particle.points.length;
  if (obs === null) return new Array(n).fill(null);
  if (obs.scope === 'points') return [...obs.points];
  const t = obs.total;
  const done = splitProportional(
    t.done,
    particle.points.map((p) => p.left.tested ?? 0),
  );
  const waitingOf = (p: Particle['points'][number]) => Object.values(p.waiting).reduce((a, b) => a + b, 0);
  const queued = t.queued === null ? null : splitProportional(t.queued, particle.points.map(waitingOf));
  const queuedAt =
    t.queuedAt === null
      ? null
      : Object.entries(t.queuedAt).map(
          ([s, q]) =>
            [
              s,
              splitProportional(
                q,
                particle.points.map((p) => p.waiting[s] ?? 0),
              ),
            ] as const,
        );
  return done.map((d, k) => ({
    done: d,
    queued: queued?.[k] ?? null,
    queuedAt: queuedAt ? Object.fromEntries(queuedAt.map(([s, q]) => [s, q[k]!])) : null,
    staff: {},
  }));
}

/**
 * The start of one area in one replication: the observed counts where the snapshot has them, the
 * particle's state where it does not, and the particle's people still to come thinned or topped up
 * so the population is the particle's.
 */
function startOf(
  particle: Particle,
  obs: AreaObservation | null,
  t: number,
  rng: { next(): number },
): AreaPointStart[] {
  const observed = pointObservations(obs, particle);
  return particle.points.map((p, k) => {
    const o = observed[k] ?? null;
    const left: Record<string, number> = { ...p.left };
    const done = o ? o.done : (p.left.tested ?? 0);
    left.tested = done;
    const other = Object.entries(left).reduce((a, [out, n]) => a + (out === 'tested' ? 0 : n), 0);
    let waiting: Record<string, number>;
    if (o?.queuedAt) {
      const byStage = Object.values(o.queuedAt).reduce((a, b) => a + b, 0);
      const rest = spreadOver(Math.max(0, (o.queued ?? byStage) - byStage), p.waiting);
      waiting = Object.fromEntries(
        Object.keys(p.waiting).map((s) => [s, (o.queuedAt![s] ?? 0) + (rest[s] ?? 0)]),
      );
    } else if (o && o.queued !== null) waiting = spreadOver(o.queued, p.waiting);
    else waiting = spreadOver(Math.max(0, p.entered - done - other), p.waiting);
    const inside = done + other + Object.values(waiting).reduce((a, b) => a + b, 0);
    const population = p.entered + p.future.length;
    const arrivals = adjustArrivals(p.future, Math.max(0, population - inside), t, rng);
    return { left, waiting, arrivals };
  });
}

/** `future` thinned at random to `n`, or topped up with times uniform up to its last (never past it). */
function adjustArrivals(future: readonly number[], n: number, t: number, rng: { next(): number }): number[] {
  if (future.length === 0) return [];
  if (n === future.length) return [...future];
  if (n < future.length) {
    // Selection sampling (Knuth's algorithm S): a uniform subset of size n, in order.
    const out: number[] = [];
    for (let i = 0; i < future.length && out.length < n; i++)
      if (rng.next() * (future.length - i) < n - out.length) out.push(future[i]!);
    return out;
  }
  const last = future[future.length - 1]!;
  const out = [...future];
  for (let k = future.length; k < n; k++) out.push(t + (last - t) * rng.next());
  return out.sort((a, b) => a - b);
}

/**
 * Head counts per point of the roles the snapshot or the moves change: the snapshot's on-duty
 * count (the plan's split otherwise) from `t`, those on a break back at their time, and the moves —
 * staff taken from an area's points in proportion to who is there, added in proportion to the
 * points' people.
 */
function staffOf(
  epoch: string,
  name: string,
  plan: AreaPlan,
  obs: AreaObservation | null,
  pops: readonly number[],
  t: number,
  moves: readonly StaffMove[],
): Record<string, { at: number; count: number }[]>[] {
  const n = plan.points;
  const out: Record<string, { at: number; count: number }[]>[] = pops.map(() => ({}));
  const observed = obs === null ? {} : obs.scope === 'area' ? obs.total.staff : null;
  const roles = new Set<string>([
    ...Object.keys(observed ?? {}),
    ...(obs?.scope === 'points' ? obs.points.flatMap((p) => Object.keys(p.staff)) : []),
    ...moves.filter((m) => m.from === name || m.to === name).map((m) => m.role),
  ]);
  for (const role of roles) {
    const plain = plan.staff[role]!;
    const split = (c: number) => splitProportional(c, pops, c >= n ? 1 : 0);
    // A change adds `delta` per point, or takes `take` people from the points in proportion to who is there.
    const events: { at: number; delta: number[] | null; take?: number }[] = [];
    let now: number[];
    if (obs?.scope === 'points') {
      const planned = split(plain.count);
      now = obs.points.map((p, k) => p.staff[role]?.onDuty ?? planned[k]!);
      obs.points.forEach((p, k) => {
        const s = p.staff[role];
        if (s && s.onBreak > 0) {
          const d = new Array(n).fill(0);
          d[k] = s.onBreak;
          events.push({ at: s.back, delta: d });
        }
      });
    } else {
      const s = observed?.[role];
      now = split(s ? s.onDuty : plain.count);
      if (s && s.onBreak > 0) events.push({ at: s.back, delta: splitProportional(s.onBreak, pops) });
    }
    for (const m of moves) {
      if (m.role !== role) continue;
      if (m.to === name) events.push({ at: m.at, delta: splitProportional(m.count, pops) });
      if (m.from === name) events.push({ at: m.at, delta: null, take: m.count });
    }
    events.sort((a, b) => a.at - b.at);
    out.forEach((o, k) => {
      o[role] = [{ at: t, count: now[k]! }];
    });
    for (const e of events) {
      let delta = e.delta;
      if (delta === null) {
        const take = e.take ?? 0;
        const total = now.reduce((a, b) => a + b, 0);
        if (take > total)
          throw new ParameterError(
            `moves.${role}`,
            `at most the ${total} ${role} of ${name} on duty then (${new Epoch(epoch).toClock(e.at)})`,
            take,
          );
        delta = splitProportional(take, now).map((x) => -x);
      }
      now = now.map((c, k) => c + delta[k]!);
      out.forEach((o, k) => {
        o[role]!.push({ at: e.at, count: now[k]! });
      });
    }
  }
  return out;
}

/**
 * The p-quantile of sorted values at rank (n + 1)·p (Weibull's plotting position, interpolated): the
 * interval between the ranks (n + 1)·a and (n + 1)·(1 − a) holds a new draw from the same
 * distribution with probability 1 − 2a, which is what a forecast interval promises.
 */
function quantile(sorted: readonly number[], p: number): number {
  const h = Math.min(Math.max((sorted.length + 1) * p - 1, 0), sorted.length - 1);
  const lo = Math.floor(h);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (h - lo);
}

/**
 * Median and central interval at `level` of values, nulls left out and counted.
 *
 * @example
 * ```ts
 * interval([3, 1, 2, null], 0.5); // { median: 2, lower: 1, upper: 3, missing: 1 }
 * ```
 */
export function interval(values: readonly (number | null)[], level: number): ForecastInterval {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const missing = values.length - xs.length;
  if (xs.length === 0) return { median: null, lower: null, upper: null, missing };
  const a = (1 - level) / 2;
  return { median: quantile(xs, 0.5), lower: quantile(xs, a), upper: quantile(xs, 1 - a), missing };
}

interface AreaRuns {
  results: AreaResult[];
  particles: Particle[];
}

/** Run one area's replications from the snapshot. */
function runArea(
  name: string,
  plan: AreaPlan,
  epoch: string,
  snapshot: Snapshot,
  weighted: WeightedParticles,
  moves: readonly StaffMove[],
  seeds: readonly number[],
  tick: () => void,
): AreaRuns {
  const obs = snapshot.testing[name] ?? null;
  const t = snapshot.at;
  const results: AreaResult[] = [];
  const particles: Particle[] = [];
  for (const s of seeds) {
    const particle = pickParticle(weighted, seededRng(s, `forecast.${name}.particle`).next());
    particles.push(particle);
    const points = startOf(particle, obs, t, seededRng(s, `forecast.${name}.start`));
    const pops = points.map(
      (p) =>
        p.arrivals.length +
        Object.values(p.left).reduce((a, b) => a + b, 0) +
        Object.values(p.waiting).reduce((a, b) => a + b, 0),
    );
    const staff = staffOf(epoch, name, plan, obs, pops, t, moves);
    const start: AreaStart = { points: points.map((p, k) => ({ ...p, staff: staff[k]! })) };
    const sim = new Simulation({ seed: componentSeed(s, 'testing', name), epoch, onDeadlock: 'ignore' });
    let run: AreaRun | null = null;
    const area = perturbPlan(plan, particle.theta);
    sim.at(t, () => {
      run = new AreaRun(sim, area, start);
    });
    sim.run();
    results.push((run as AreaRun | null)!.results());
    tick();
  }
  return { results, particles };
}

/** The plan's curve: median over `runs` runs from the opening of cumulative tested per bin end. */
function plannedCurve(
  plan: AreaPlan,
  name: string,
  epoch: string,
  seed: number,
  runs: number,
): AreaForecast['planned'] {
  const series = Array.from({ length: runs }, (_, r) => {
    const sim = new Simulation({
      seed: componentSeed(replicationSeed(seed, r), 'testing', name),
      epoch,
      onDeadlock: 'ignore',
    });
    const run = new AreaRun(sim, plan);
    sim.run();
    return run.results().series;
  });
  const ends = [...new Set(series.flatMap((s) => s.map((b) => b.start + plan.bin)))].sort((a, b) => a - b);
  const at = (s: (typeof series)[number], time: number) => {
    let c = 0;
    for (const b of s) if (b.start + plan.bin <= time) c = b.cumulative;
    return c;
  };
  return [
    { time: plan.open, tested: 0 },
    ...ends.map((time) => ({
      time,
      tested: quantile(
        series.map((s) => at(s, time)).sort((a, b) => a - b),
        0.5,
      ),
    })),
  ];
}

function summarise(
  runs: AreaRuns,
  planned: AreaForecast['planned'],
  plan: AreaPlan,
  observed: AreaObservation | null,
  weighted: WeightedParticles,
  t: number,
  level: number,
  uncertain: boolean,
): AreaForecast {
  const { results } = runs;
  const finish = results.map((r) => r.finish);
  const done =
    observed === null
      ? (interval(
          results.map((r) => r.series.filter((b) => b.start + plan.bin <= t).at(-1)?.cumulative ?? 0),
          0.5,
        ).median ?? 0)
      : observed.scope === 'points'
        ? observed.points.reduce((a, p) => a + p.done, 0)
        : observed.total.done;
  // Fan: cumulative tested at each bin end after the snapshot, each replication held at its last value.
  const ends = new Set<number>();
  for (const r of results) for (const b of r.series) if (b.start + plan.bin > t) ends.add(b.start + plan.bin);
  const times = [...ends].sort((a, b) => a - b);
  const a = (1 - level) / 2;
  const fan = times.map((time) => {
    const xs = results
      .map((r) => {
        let c = 0;
        for (const b of r.series) if (b.start + plan.bin <= time) c = b.cumulative;
        return c;
      })
      .sort((x, y) => x - y);
    return {
      time,
      lower: quantile(xs, a),
      q25: quantile(xs, 0.25),
      median: quantile(xs, 0.5),
      q75: quantile(xs, 0.75),
      upper: quantile(xs, 1 - a),
    };
  });
  const theta = (k: 'turnout' | 'within' | 'pace') =>
    interval(
      runs.particles.map((p) => p.theta[k]),
      level,
    );
  return {
    observed: observed !== null,
    doneAtSnapshot: done,
    finish: interval(finish, level),
    notTestedAtDeadline: interval(
      results.map((r) => r.notTestedAtDeadline),
      level,
    ),
    peakQueued: interval(
      results.map((r) => r.peakQueued),
      level,
    ),
    population: interval(
      results.map((r) => r.population),
      level,
    ),
    posterior: uncertain
      ? {
          turnout: theta('turnout'),
          within: theta('within'),
          pace: theta('pace'),
          kept: weighted.kept.length,
          simulated: weighted.simulated,
        }
      : null,
    fan,
    planned,
    values: {
      finish,
      notTestedAtDeadline: results.map((r) => r.notTestedAtDeadline),
      peakQueued: results.map((r) => r.peakQueued),
    },
  };
}

/**
 * Forecast the rest of the day from a snapshot (see the module notes).
 *
 * @throws ParameterError for bad options, before any run.
 * @example
 * ```ts
 * const { plan } = planCampaign(spec);
 * const snapshot = parseSnapshot(readFileSync('obs.csv', 'utf8'), plan);
 * const f = forecastCampaign(plan, snapshot, { replications: 40, seed: 1 });
 * f.areas.hedong?.finish.median;
 * ```
 */
export function forecastCampaign(
  plan: CampaignPlan,
  snapshot: Snapshot,
  options: ForecastOptions = {},
): CampaignForecast {
  const whole = (v: number | undefined, fallback: number, min: number, path: string) => {
    const x = v ?? fallback;
    if (!Number.isInteger(x) || x < min) throw new ParameterError(path, `a whole number ≥ ${min}`, v);
    return x;
  };
  const share = (v: number | undefined, fallback: number, path: string) => {
    const x = v ?? fallback;
    if (!(x > 0 && x < 1) && !(path.endsWith('accept') && x === 1))
      throw new ParameterError(path, path.endsWith('accept') ? 'a share in (0, 1]' : 'a level in (0, 1)', v);
    return x;
  };
  const replications = whole(options.replications, 40, 1, 'forecast.replications');
  const seed = whole(options.seed, 1, 0, 'forecast.seed');
  const count = whole(options.particles, 200, 1, 'forecast.particles');
  const accept = share(options.accept, 0.2, 'forecast.accept');
  const level = share(options.level, 0.9, 'forecast.level');
  const seeds = Array.from({ length: replications }, (_, r) => replicationSeed(seed, r));
  const names = Object.keys(plan.testing);
  const variant = options.variant ?? null;
  let done = 0;
  const total = names.length * (count + PLANNED_RUNS + replications * (variant ? 2 : 1));
  const tick = () => options.onProgress?.(++done, total);
  const areas: Record<string, AreaForecast> = {};
  const variantAreas: Record<string, AreaForecast> = {};
  const differences: Record<string, NonNullable<CampaignForecast['variant']>['differences'][string]> = {};
  for (const name of names) {
    const area = plan.testing[name]!;
    const prior = priorOf(options, name);
    const uncertain = [prior.turnout, prior.within, prior.pace].some((r) => r[0] !== r[1]);
    const bank = options.particleBank?.[name];
    const particles =
      bank ??
      simulateParticles(
        area,
        name,
        plan.epoch,
        snapshot.at,
        prior,
        uncertain ? count : Math.min(count, replications),
        seed,
        tick,
      );
    if (bank) done += count;
    const obs = snapshot.testing[name] ?? null;
    const weighted = weighParticles(particles, obs, uncertain ? accept : 1);
    const base = runArea(name, area, plan.epoch, snapshot, weighted, [], seeds, tick);
    const planned = plannedCurve(area, name, plan.epoch, seed, PLANNED_RUNS);
    areas[name] = summarise(base, planned, area, obs, weighted, snapshot.at, level, uncertain);
    if (variant) {
      const vArea = variant.plan?.testing[name] ?? area;
      const v = runArea(name, vArea, plan.epoch, snapshot, weighted, variant.moves ?? [], seeds, tick);
      variantAreas[name] = summarise(v, planned, vArea, obs, weighted, snapshot.at, level, uncertain);
      const pair = (f: (r: AreaResult) => number | null) =>
        pairedDifference(
          name,
          base.results.map((r) => f(r) ?? Number.NaN),
          v.results.map((r) => f(r) ?? Number.NaN),
          level,
        );
      differences[name] = {
        finish: pair((r) => r.finish),
        notTestedAtDeadline: pair((r) => r.notTestedAtDeadline),
        peakQueued: pair((r) => r.peakQueued),
      };
    }
  }
  const notForecast = [
    ...Object.entries(snapshot.transfers).map(([n, v]) => ({
      component: `transfers.${n}`,
      observed: `${v.busesDispatched} buses dispatched`,
    })),
    ...Object.entries(snapshot.isolation).map(([n, v]) => ({
      component: `isolation.${n}`,
      observed: `${v.bedsReady} beds ready`,
    })),
    ...Object.entries(snapshot.unloading).map(([n, v]) => ({
      component: `unloading.${n}`,
      observed: `${v.trucksUnloaded} trucks unloaded`,
    })),
  ];
  return {
    at: snapshot.at,
    epoch: plan.epoch,
    replications,
    seed,
    level,
    areas,
    variant: variant ? { label: variant.label, areas: variantAreas, differences } : null,
    notForecast,
  };
}

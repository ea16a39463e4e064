/**
 * A testing area as the campaign runs it: the people who come (residents × turnout) split evenly over
 * identical points, each point a compiled flow (the spec's steps: check, registration, swab… as data)
 * with its own staff, the pooled tubes carried by couriers to one lab, and the area-wide figures a
 * command post reads — who was tested by the deadline, the last swab, waits by stage and person type
 * over every point, queues every five minutes, staff use and hours.
 *
 * Every point is installed on one calendar with streams named `<area>.point[k].…`, so changing one
 * point never changes another's random numbers. Staff pools are split over the points in proportion to
 * their people (largest remainders, at least one each when the pool has any). A role with a work
 * limit (suit rotation) is a rostered team relieved in turn (`staggeredTeam`); otherwise a head count.
 *
 * @module
 */
import {
  Batcher,
  type Distribution,
  Flow,
  type FlowStep,
  fixedPopulation,
  ParameterError,
  Resource as PlainResource,
  type Resource,
  type Simulation,
  StaffedResource,
  Tally,
} from '../../src/index.js';
import { splitProportional } from '../area-testing.js';
import { Lab, type LabInput } from '../lab.js';
import type { WaitSummary } from '../sampling/results.js';
import { staggeredTeam } from '../sampling/rotation.js';
import { type AreaStart, startPoint, startPopulation } from './areaStart.js';
import { type BindingResult, type BindingSample, bindingHours, saturated } from './binding.js';
import { type DemandCounts, type DemandPlan, drawPointDemand, homeVisits, splitHome } from './demand.js';

/** Interval of the area-wide queue samples, seconds (5 min). */
export const QUEUE_SAMPLE = 300;

/** How long a rostered team stays present: longer than any day the models run. */
const TEAM_PRESENCE = 7 * 86_400;

/**
 * Staff of one role over the whole area: a head count present from the opening, positions worked
 * under a work limit by the count plus reserves, or shifts (a count on duty from `start` to `end`;
 * gaps between shifts are breaks, and nobody after the last shift).
 *
 * @example
 * ```ts
 * const swabbers: AreaStaff = { count: 180, reserves: 18, workLimit: { maxContinuous: 14_400, rest: 1800, changeover: 600 } };
 * const clerks: AreaStaff = { count: 8, reserves: 0, shifts: [{ start: 0, end: 3600, count: 8 }] };
 * ```
 */
export interface AreaStaff {
  /** Positions over the whole area (split over the points); with shifts, the most on duty at once. */
  readonly count: number;
  /** Extra people who cover reliefs, over the whole area (split like the count). */
  readonly reserves: number;
  /** Continuous-work limit, rest and changeover in seconds; absent for none. */
  readonly workLimit?: { readonly maxContinuous: number; readonly rest: number; readonly changeover: number };
  /** Shifts, each with the people on duty over the whole area; absent: on duty from the opening. */
  readonly shifts?: readonly { readonly start: number; readonly end: number; readonly count: number }[];
}

/**
 * When the people of an area come: everyone called at `at` and arriving uniformly within `within`
 * (0: all at `at`), village time slots each with its exact share of the people, or the calling model of
 * {@link DemandPlan} (waves, notice-to-arrival delay, late-comers, mop-up, walk-ups, home visits).
 *
 * @example
 * ```ts
 * const a: AreaArrivals = { kind: 'call', at: 63_000, within: 10_800 };
 * ```
 */
export type AreaArrivals =
  | { readonly kind: 'call'; readonly at: number; readonly within: number }
  | {
      readonly kind: 'slots';
      readonly slots: readonly { readonly start: number; readonly end: number; readonly share: number }[];
    }
  | DemandPlan;

/**
 * Everything one testing area needs, resolved (seconds after the campaign's epoch, distributions).
 *
 * @example
 * ```ts
 * const plan: AreaPlan = { name: 'village', open: 0, deadline: 21_600, residents: 3000, turnout: 1, points: 2,
 *   arrivals: { kind: 'call', at: 0, within: 7200 }, attributes: [], staff: { clerks: { count: 4, reserves: 0 } },
 *   steps: [{ kind: 'seize', resource: 'clerks', stage: 'registration' }, { kind: 'release', resource: 'clerks' }],
 *   courier: null, lab: null, bin: 900 };
 * ```
 */
export interface AreaPlan {
  /** The area's name: the prefix of its streams and resources. */
  readonly name: string;
  /** The points open (and the staff are present from) this time. */
  readonly open: number;
  /** "Tested by the deadline" is counted at this time. */
  readonly deadline: number;
  /** Residents of the area. */
  readonly residents: number;
  /** Share of residents who come. */
  readonly turnout: number;
  /** Identical points over which people and staff are split. */
  readonly points: number;
  /** How people come. */
  readonly arrivals: AreaArrivals;
  /** Person attributes drawn at entry (e.g. registration type), with their shares. */
  readonly attributes: readonly {
    readonly name: string;
    readonly values: readonly string[];
    readonly shares: readonly number[];
  }[];
  /** Staff pools by role (the roles the steps seize). */
  readonly staff: Readonly<Record<string, AreaStaff>>;
  /** The point's flow. */
  readonly steps: readonly FlowStep[];
  /** Couriers carrying each point's pooled batches to the lab; null when nothing is carried. */
  readonly courier: {
    readonly every: number;
    readonly boxSize: number;
    readonly transport: Distribution;
  } | null;
  /** The lab that results the carried batches; null for none. */
  readonly lab: LabInput | null;
  /** Closing time and what happens to the people still queuing then; absent: open until done. */
  readonly closing?: { readonly at: number; readonly policy: 'send-home' | 'overtime' };
  /** Width of the per-bin series, seconds. */
  readonly bin: number;
}

/**
 * One area's results: plain JSON, times in seconds after the campaign's epoch.
 *
 * @example
 * ```ts
 * r.testedAtDeadline; r.finish; r.waits.registration.assisted.p95; r.roles.clerks.utilisation;
 * ```
 */
export interface AreaResult {
  /** Residents of the area (input). */
  readonly residents: number;
  /**
   * People to be tested: residents × turnout, rounded; with the calling model of {@link DemandPlan},
   * those who came to a point plus those left to the home teams.
   */
  readonly population: number;
  /** Points. */
  readonly points: number;
  /** The opening. */
  readonly opensAt: number;
  /** The deadline. */
  readonly deadline: number;
  /** People tested (left a point with outcome `tested`, or swabbed at home) by the end of the run. */
  readonly tested: number;
  /** Tested by the deadline (points and home visits). */
  readonly testedAtDeadline: number;
  /** People who came but were not tested by the deadline (population − tested then). */
  readonly notTestedAtDeadline: number;
  /** Last person tested anywhere in the area, or null when nobody was. */
  readonly finish: number | null;
  /** Waits before each stage (a seize's stage name), by attribute value and `all`, over every point. */
  readonly waits: Readonly<Record<string, Readonly<Record<string, WaitSummary>>>>;
  /** Time from arrival to leaving tested, by attribute value and `all`. */
  readonly timeInPoint: Readonly<Record<string, WaitSummary>>;
  /** Per stage: the longest queue at one point over the samples. */
  readonly stages: Readonly<Record<string, { readonly peakQueue: number }>>;
  /** Peak of the people queuing at all stages of all points together (5-min samples). */
  readonly peakQueued: number;
  /**
   * Per role: people (positions + reserves), utilisation while the points worked (busy time over the
   * positions' time from the opening to each point's last exit), the longest queue at one point.
   */
  readonly roles: Readonly<
    Record<
      string,
      { readonly people: number; readonly utilisation: number | null; readonly peakQueue: number }
    >
  >;
  /** Staff person-hours: each point's staff from the opening to its last exit. */
  readonly staffHours: number;
  /** Per bin: arrived, tested, cumulative tested, people in the points at the bin's end. */
  readonly series: readonly {
    readonly start: number;
    readonly arrived: number;
    readonly tested: number;
    readonly cumulative: number;
    readonly inPoints: number;
  }[];
  /** People queued before each stage over all points, every 5 minutes while anyone is in a point. */
  readonly queues: readonly { readonly time: number; readonly [stage: string]: number }[];
  /** Pooled batches (tubes) sealed at the points and delivered to the lab. */
  readonly tubes: { readonly sealed: number; readonly delivered: number };
  /** Lab: tubes resulted and the last result (null without a lab or before any). */
  readonly lab: { readonly resulted: number; readonly lastResult: number | null };
  /** Per point: people, tested, last swab. */
  readonly perPoint: readonly {
    readonly population: number;
    readonly tested: number;
    readonly lastSwab: number | null;
  }[];
  /** Hour by hour: whether capacity or demand bound, by the rule of `BINDING_RULE` (binding.ts). */
  readonly binding: BindingResult;
  /**
   * With the calling model: who was called and how they came (`called = onTime + late + moppedUp +
   * absent + home`; walk-ups come on top), and the home teams' visits; null for the other kinds.
   */
  readonly demand:
    | (DemandCounts & {
        /** Home visits done by the end of the run. */
        readonly homeVisited: number;
        /** Home visits done by the deadline. */
        readonly homeVisitedAtDeadline: number;
        /** The last home visit done, or null. */
        readonly lastHomeVisit: number | null;
      })
    | null;
  /**
   * End of the run, summed over points: `notArrived + queued + inService + left = population`, with
   * `left` by outcome (tested, reneged, sent-home…); home visits are not in it.
   */
  readonly accounting: {
    readonly population: number;
    readonly notArrived: number;
    readonly queued: number;
    /** The people still queuing at the end, by the stage they wait for (stranded when no staff is left). */
    readonly queuedAt: Readonly<Record<string, number>>;
    readonly inService: number;
    readonly left: Readonly<Record<string, number>>;
  };
}

interface Point {
  readonly population: number;
  readonly flow: Flow;
  readonly resources: Readonly<Record<string, Resource>>;
  readonly people: Readonly<Record<string, number>>;
  readonly courier: Courier | null;
  /** Arrival times of the point's people. */
  readonly arrivals: Float64Array;
}

/**
 * A point's courier: sealed batches go into a box (a {@link Batcher} of `boxSize`, released at once
 * when full); a round every `every` seconds takes whatever is boxed; rounds stop once the point has
 * sent its last batch, or once nothing but periodic rounds is left on the calendar (people stranded
 * with no staff to come back): nothing periodic outlives the work.
 */
class Courier {
  sealed = 0;
  delivered = 0;
  private readonly box: Batcher<number>;
  private round = -1;
  private stopped = false;

  constructor(
    private readonly sim: Simulation,
    name: string,
    private readonly plan: NonNullable<AreaPlan['courier']>,
    open: number,
    private readonly lab: Lab | null,
    private readonly workPending: () => boolean,
  ) {
    this.box = new Batcher<number>(sim, { name: `${name}.box`, size: plan.boxSize, outbox: false });
    const rng = sim.stream(`${name}.courier`);
    this.box.onBatch((batch) => {
      const sealedAt = [...batch.items];
      this.sim.schedule(this.plan.transport.sample(rng), this.deliver, sealedAt);
    });
    this.round = sim.at(Math.max(sim.now, open + plan.every), this.doRound, this);
  }

  /** A batch was sealed at the point. */
  readonly seal = (): void => {
    this.sealed++;
    this.box.put(this.sim.now);
  };

  /** The point is done: send what is boxed now and stop the rounds. */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.box.flush();
    this.sim.cancel(this.round);
  }

  /** Whether a round is on the calendar: the area counts them apart from real work. */
  get active(): boolean {
    return !this.stopped;
  }

  private readonly doRound = (self: Courier): void => {
    self.box.flush();
    if (self.stopped) return;
    if (self.workPending()) self.round = self.sim.schedule(self.plan.every, self.doRound, self);
    else self.stopped = true;
  };

  private readonly deliver = (sealedAt: number[]): void => {
    this.delivered += sealedAt.length;
    this.lab?.receive(this.sim.now, sealedAt);
  };
}

/** Arrival times of a point's people, ascending. */
function arrivalTimes(sim: Simulation, plan: AreaPlan, k: number, population: number): Float64Array {
  const rng = sim.stream(`${plan.name}.point[${k}].arrivals`);
  const out = new Float64Array(population);
  const a = plan.arrivals;
  const windows =
    a.kind === 'call' ? [{ start: a.at, end: a.at + a.within, share: 1 }] : a.kind === 'slots' ? a.slots : [];
  const counts = splitProportional(
    population,
    windows.map((w) => w.share),
  );
  let n = 0;
  windows.forEach((w, i) => {
    // A window of no length (`within: "0 s"`) is the limit of a uniform spread: everyone at its start.
    if (w.end === w.start) {
      out.fill(w.start, n, n + counts[i]!);
      n += counts[i]!;
      return;
    }
    const times = fixedPopulation({ count: counts[i]!, start: w.start, end: w.end }, 'arrivals').times(rng);
    for (let r = times.next(); !r.done; r = times.next()) out[n++] = r.value;
  });
  const times = n === population ? out : out.slice(0, n);
  // Slots may overlap or be listed out of time order; each is drawn in the order written.
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) return times.sort();
  return times;
}

function summary(tallies: readonly Tally[]): WaitSummary {
  const t = new Tally('area');
  for (const x of tallies) t.merge(x);
  const s = t.summary();
  return { count: s.count, mean: s.mean, p95: s.p95, max: s.max };
}

/**
 * An area installed in a simulation: build it, run the simulation, read {@link AreaRun.results}.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, epoch: '2022-04-13T01:30+08:00' });
 * const area = new AreaRun(sim, plan);
 * sim.run();
 * area.results().testedAtDeadline;
 * ```
 */
export class AreaRun {
  private readonly points: Point[];
  private readonly lab: Lab | null;
  private readonly queues: { time: number; [stage: string]: number }[] = [];
  private readonly stageNames: readonly string[];
  private readonly peakByStage = new Map<string, number>();
  private testedAtDeadline = 0;
  /** The queue sampler is on the calendar. */
  private sampling = true;
  private readonly bindingSamples: BindingSample[] = [];
  /** The calling model's draws per point, or null for the other kinds of calling. */
  private readonly draws: readonly { readonly times: Float64Array; readonly counts: DemandCounts }[] | null;
  /** Home visits (calling model only). */
  private readonly home: {
    readonly people: number;
    readonly done: Float64Array;
    readonly last: number | null;
  } | null;

  constructor(
    /** The simulation the area runs in. */
    readonly sim: Simulation,
    /** The resolved plan. */
    readonly plan: AreaPlan,
    /** A state to start from now instead of the opening (see `areaStart.ts`); absent: the opening. */
    private readonly start?: AreaStart,
  ) {
    if (start !== undefined && start.points.length !== plan.points)
      throw new ParameterError('start.points', `one state per point (${plan.points})`, start.points.length);
    let pops: number[];
    let weights: number[];
    const arrivals = plan.arrivals;
    if (start !== undefined) {
      // Started from an observed state: each point's people are those the state says are still to come.
      pops = start.points.map(startPopulation);
      weights = pops;
      this.draws = null;
      this.home = null;
    } else if (arrivals.kind === 'waves') {
      const { home, toPoints } = splitHome(arrivals, plan.residents);
      weights = splitProportional(toPoints, new Array(plan.points).fill(1));
      const rate = arrivals.walkUp ? arrivals.walkUp.rate / plan.points : 0;
      this.draws = weights.map((n, k) =>
        drawPointDemand(arrivals, n, rate, sim.stream(`${plan.name}.point[${k}].calling`)),
      );
      pops = this.draws.map((d) => d.times.length);
      this.home = arrivals.home
        ? { people: home, ...homeVisits(arrivals.home, home, sim.stream(`${plan.name}.home`)) }
        : null;
    } else {
      pops = splitProportional(Math.round(plan.residents * plan.turnout), new Array(plan.points).fill(1));
      weights = pops;
      this.draws = null;
      this.home = null;
    }
    this.lab = plan.lab ? new Lab(sim, plan.lab, `${plan.name}.lab`) : null;
    const split: Record<string, { count: number[]; reserves: number[]; shifts: number[][] }> = {};
    const share = (n: number) => splitProportional(n, weights, n >= plan.points ? 1 : 0);
    for (const [role, s] of Object.entries(plan.staff))
      split[role] = {
        count: share(s.count),
        reserves: splitProportional(s.reserves, weights, 0),
        shifts: (s.shifts ?? []).map((sh) => share(sh.count)),
      };
    this.stageNames = stagesOf(plan.steps);
    this.points = pops.map((n, k) => this.point(k, n, split));
    sim.at(Math.max(sim.now, plan.deadline), this.atDeadline, this);
    sim.at(Math.max(sim.now, plan.open), this.sample, this);
  }

  private point(
    k: number,
    population: number,
    split: Record<string, { count: number[]; reserves: number[] }>,
  ): Point {
    const { sim, plan } = this;
    const name = `${plan.name}.point[${k}]`;
    const resources: Record<string, Resource> = {};
    const flowResources: Record<string, Resource | StaffedResource> = {};
    const people: Record<string, number> = {};
    for (const [role, s] of Object.entries(plan.staff)) {
      const parts = split[role] as { count: number[]; reserves: number[]; shifts: number[][] };
      const count = parts.count[k] as number;
      const reserves = parts.reserves[k] as number;
      people[role] = count + reserves;
      if (s.shifts && s.shifts.length > 0) {
        // One person per place on a shift: shift j's people are named role-j-1, role-j-2, …
        const roster = s.shifts.flatMap((sh, j) =>
          Array.from({ length: (parts.shifts[j] as number[])[k] as number }, (_, n) => ({
            name: `${role}-${j + 1}-${n + 1}`,
            shifts: [{ start: sh.start, end: sh.end }],
          })),
        );
        people[role] = roster.length;
        const staffed = new StaffedResource(sim, {
          name: `${name}.${role}`,
          roster,
          positions: Math.max(1, count),
          ...(s.workLimit && { workLimit: s.workLimit }),
        });
        resources[role] = staffed.resource;
        flowResources[role] = staffed;
      } else if (s.workLimit && count > 0) {
        const staffed = new StaffedResource(sim, {
          name: `${name}.${role}`,
          roster: staggeredTeam(role, count, reserves, s.workLimit, plan.open, TEAM_PRESENCE, 'staggered'),
          positions: count,
          workLimit: s.workLimit,
        });
        resources[role] = staffed.resource;
        flowResources[role] = staffed;
      } else {
        const r = new PlainResource(sim, { name: `${name}.${role}`, capacity: count });
        resources[role] = r;
        flowResources[role] = r;
      }
    }
    const courier = plan.courier
      ? new Courier(sim, name, plan.courier, plan.open, this.lab, this.workPending)
      : null;
    const batches = batchNames(plan.steps);
    const flow = new Flow(sim, {
      name,
      steps: plan.steps,
      capacity: population,
      attributes: plan.attributes,
      resources: flowResources,
      origin: plan.open,
      bin: plan.bin,
      onBatch: Object.fromEntries(batches.map((b) => [b, () => courier?.seal()])),
      ...(plan.closing && { closing: plan.closing }),
      onDone: () => courier?.close(),
    });
    const arrivals = this.start
      ? Float64Array.from(this.start.points[k]!.arrivals)
      : this.draws
        ? this.draws[k]!.times
        : arrivalTimes(sim, plan, k, population);
    if (this.start) {
      const headCounts = Object.keys(plan.staff).filter((r) => resources[r] === flowResources[r]);
      startPoint(sim, flow, resources, this.start.points[k]!, `start.points[${k}]`, new Set(headCounts));
    } else flow.enterAt(arrivals);
    flow.finish();
    return { population, flow, resources, people, courier, arrivals };
  }

  /** The points' flows, in point order: a point's state can be read mid-run (e.g. for a snapshot). */
  get flows(): readonly Flow[] {
    return this.points.map((p) => p.flow);
  }

  private readonly atDeadline = (self: AreaRun): void => {
    self.testedAtDeadline = self.points.reduce((a, p) => a + (p.flow.accounting().left.tested ?? 0), 0);
  };

  /**
   * Whether anything but the periodic entries (this sampler and the couriers' rounds) is on the
   * calendar: arrivals, services, deliveries, staff changes. When nothing else is, nobody in a point
   * can ever move again, and the periodic entries stop so the run ends.
   */
  private readonly workPending = (): boolean => {
    let periodic = this.sampling ? 1 : 0;
    for (const p of this.points) if (p.courier?.active) periodic++;
    return this.sim.pending > periodic;
  };

  /** Sample the queues every 5 min while anyone is still to come or in a point and can move. */
  private readonly sample = (self: AreaRun): void => {
    const q: { time: number; [stage: string]: number } = { time: self.sim.now };
    let busy = false;
    for (const name of self.stageNames) q[name] = 0;
    for (const p of self.points) {
      const a = p.flow.accounting();
      for (const name of self.stageNames) {
        const n = a.queued[name] ?? 0;
        q[name] = (q[name] ?? 0) + n;
        if (n > (self.peakByStage.get(name) ?? 0)) self.peakByStage.set(name, n);
      }
      if (p.flow.active > 0 || p.flow.entered < p.population) busy = true;
    }
    self.queues.push(q);
    self.sampleRoles(q.time);
    // The sampler's own entry has been taken off the calendar: it is not counted as pending now.
    self.sampling = false;
    if (busy && self.workPending()) {
      self.sampling = true;
      self.sim.schedule(QUEUE_SAMPLE, self.sample, self);
    }
  };

  /** Per role, people busy, on duty and waiting over all points, for the binding-constraint rule. */
  private sampleRoles(time: number): void {
    const roles: Record<
      string,
      { busy: number; onDuty: number; waiting: number; saturated: number; points: number }
    > = {};
    let inPoints = 0;
    for (const p of this.points) {
      inPoints += p.flow.active;
      for (const [role, r] of Object.entries(p.resources)) {
        const x = roles[role] ?? { busy: 0, onDuty: 0, waiting: 0, saturated: 0, points: 0 };
        x.busy += r.busy;
        x.onDuty += r.capacity;
        x.waiting += r.queueLength;
        x.points++;
        if (saturated(r.queueLength, r.capacity)) x.saturated++;
        roles[role] = x;
      }
    }
    this.bindingSamples.push({ time, inPoints, roles });
  }

  /**
   * The area's results at the current time (call after the run).
   *
   * @example
   * ```ts
   * area.results().finish;
   * ```
   */
  results(): AreaResult {
    const { plan, points } = this;
    const end = this.sim.now;
    const attrValues = plan.attributes[0]?.values ?? [];
    const byAttr = (pick: (p: Point) => Readonly<Record<string, Tally>>, all: (p: Point) => Tally) => {
      const out: Record<string, WaitSummary> = {};
      for (const v of attrValues)
        out[v] = summary(points.map((p) => pick(p)[v]!).filter((t) => t !== undefined));
      out.all = summary(points.map(all));
      return out;
    };
    const first = plan.attributes[0]?.name;
    const waits: Record<string, Record<string, WaitSummary>> = {};
    for (const stage of this.stageNames)
      waits[stage] = byAttr(
        (p) => (first ? p.flow.waitsBy(stage, first) : {}),
        (p) => p.flow.waits(stage),
      );
    const timeInPoint = byAttr(
      (p) => (first ? p.flow.timeInSystemBy('tested', first) : {}),
      (p) => p.flow.timeInSystem('tested'),
    );
    let finish: number | null = null;
    let staffHours = 0;
    const acc = {
      population: 0,
      notArrived: 0,
      queued: 0,
      queuedAt: {} as Record<string, number>,
      inService: 0,
      left: {} as Record<string, number>,
    };
    const perPoint = points.map((p) => {
      const last = p.flow.lastExit('tested');
      if (last !== null && (finish === null || last > finish)) finish = last;
      const worked = Math.max(0, (p.flow.lastExit() ?? plan.open) - plan.open);
      staffHours += (Object.values(p.people).reduce((a, b) => a + b, 0) * worked) / 3600;
      const a = p.flow.accounting();
      acc.population += p.population;
      acc.notArrived += p.population - a.entered;
      for (const [stage, n] of Object.entries(a.queued)) {
        acc.queued += n;
        acc.queuedAt[stage] = (acc.queuedAt[stage] ?? 0) + n;
      }
      for (const n of Object.values(a.inService)) acc.inService += n;
      for (const [o, n] of Object.entries(a.left)) acc.left[o] = (acc.left[o] ?? 0) + n;
      return { population: p.population, tested: a.left.tested ?? 0, lastSwab: last };
    });
    const roles: Record<string, { people: number; utilisation: number | null; peakQueue: number }> = {};
    for (const role of Object.keys(plan.staff)) {
      let people = 0;
      let busy = 0;
      let capacityTime = 0;
      let peak = 0;
      for (const p of points) {
        people += p.people[role] ?? 0;
        const r = p.resources[role]!;
        const m = this.sim.monitorOf(r)?.report(end);
        const worked = Math.max(0, (p.flow.lastExit() ?? plan.open) - plan.open);
        // The monitor averages over the whole run; rescale to the point's working time.
        if (m && m.utilisation !== null && r.capacity > 0 && worked > 0) {
          busy += m.utilisation * r.capacity * end;
          capacityTime += r.capacity * worked;
        }
        peak = Math.max(peak, m?.queue.max ?? 0);
      }
      roles[role] = { people, utilisation: capacityTime > 0 ? busy / capacityTime : null, peakQueue: peak };
    }
    const bins = new Map<number, { arrived: number; tested: number }>();
    for (const p of points)
      for (const row of p.flow.series()) {
        const b = bins.get(row.start) ?? { arrived: 0, tested: 0 };
        b.arrived += row.entered;
        b.tested += row.left.tested ?? 0;
        bins.set(row.start, b);
      }
    let cumArrived = 0;
    let cumulative = 0;
    const series = [...bins.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([start, b]) => {
        cumArrived += b.arrived;
        cumulative += b.tested;
        return { start, arrived: b.arrived, tested: b.tested, cumulative, inPoints: cumArrived - cumulative };
      });
    const home = this.home;
    const homeAtDeadline = home ? countUpTo(home.done, plan.deadline) : 0;
    const population = acc.population + (home?.people ?? 0);
    const tested = (acc.left.tested ?? 0) + (home?.people ?? 0);
    const testedAtDeadline =
      (end >= plan.deadline ? this.testedAtDeadline : (acc.left.tested ?? 0)) + homeAtDeadline;
    const stages = Object.fromEntries(
      this.stageNames.map((s) => [s, { peakQueue: this.peakByStage.get(s) ?? 0 }]),
    );
    const lab = this.lab?.results();
    return {
      residents: plan.residents,
      population,
      points: plan.points,
      opensAt: plan.open,
      deadline: plan.deadline,
      tested,
      testedAtDeadline,
      notTestedAtDeadline: population - testedAtDeadline,
      finish,
      waits,
      timeInPoint,
      stages,
      peakQueued: this.queues.reduce(
        (m, q) =>
          Math.max(
            m,
            this.stageNames.reduce((a, s) => a + (q[s] ?? 0), 0),
          ),
        0,
      ),
      roles,
      staffHours,
      series,
      queues: this.queues,
      tubes: {
        sealed: points.reduce((a, p) => a + (p.courier?.sealed ?? 0), 0),
        delivered: points.reduce((a, p) => a + (p.courier?.delivered ?? 0), 0),
      },
      lab: { resulted: lab?.resulted ?? 0, lastResult: lab?.lastResult ?? null },
      perPoint,
      binding: bindingHours(plan.open, this.bindingSamples, concat(points.map((p) => p.arrivals))),
      demand: this.draws && {
        ...sumCounts(
          this.draws.map((d) => d.counts),
          home?.people ?? 0,
        ),
        homeVisited: home?.people ?? 0,
        homeVisitedAtDeadline: homeAtDeadline,
        lastHomeVisit: home?.last ?? null,
      },
      accounting: acc,
    };
  }
}

/** How many of the ascending `times` are ≤ `t`. */
function countUpTo(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}

/** The points' counts summed, with the home visits and everyone called. */
function sumCounts(counts: readonly DemandCounts[], home: number): DemandCounts {
  const sum = (k: keyof DemandCounts) => counts.reduce((a, c) => a + c[k], 0);
  return {
    called: sum('called') + home,
    onTime: sum('onTime'),
    late: sum('late'),
    moppedUp: sum('moppedUp'),
    absent: sum('absent'),
    home,
    walkUp: sum('walkUp'),
  };
}

/** Stage names of the seizes in a flow (branches included), in first-seen order. */
function stagesOf(steps: readonly FlowStep[], out: string[] = []): string[] {
  for (const s of steps) {
    if (s.kind === 'seize' && !out.includes(s.stage)) out.push(s.stage);
    if (s.kind === 'branch')
      for (const r of Array.isArray(s.routes) ? s.routes : Object.values(s.routes)) stagesOf(r, out);
    if (s.kind === 'branch' && 'otherwise' in s && s.otherwise) stagesOf(s.otherwise, out);
  }
  return out;
}

/** Names of the batch steps in a flow. */
function batchNames(steps: readonly FlowStep[], out: string[] = []): string[] {
  for (const s of steps) {
    if (s.kind === 'batch' && !out.includes(s.name)) out.push(s.name);
    if (s.kind === 'branch')
      for (const r of Array.isArray(s.routes) ? s.routes : Object.values(s.routes)) batchNames(r, out);
  }
  return out;
}

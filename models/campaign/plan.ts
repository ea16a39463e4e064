/**
 * From a campaign spec to a plan that runs: expressions evaluated and `#name` references to shared
 * `times` resolved (resolve.ts), annotations stripped into a provenance table (one place per fact:
 * the value and its source together in the spec), clock times and durations parsed once against the campaign's epoch, a testing area's
 * steps turned into the flow layer's steps, figures turned into paths and seconds.
 *
 * The spec has been checked against the schema before this runs (see `schema.ts`); the checks here
 * are the ones a schema cannot make (cross-references, times after the epoch), and they name the path
 * in the spec and the bad value.
 *
 * @module
 */
import {
  checkFlow,
  duration,
  Epoch,
  type FlowAttribute,
  type FlowStep,
  oneOfNames,
  ParameterError,
  rate,
  type Timing,
} from '../../src/index.js';
import { checkAreaSize } from '../area-testing.js';
import { durationDistribution } from '../durations.js';
import type { Basis, ParameterSource } from '../provenance.js';
import type { AreaPlan, AreaStaff } from './area.js';
import type { CallingWave, DemandPlan } from './demand.js';
import { SpecError } from './issues.js';
import { needsResolving, resolveValues } from './resolve.js';
import type { CampaignPlan, FigurePlan } from './run.js';

/**
 * One annotated value of the spec: its path in the spec, value, basis, sources and note, and for a
 * fitted value the figure it was fitted to.
 *
 * @example
 * ```ts
 * const row: ProvenanceRow = { path: 'transfers.park-workers.buses', value: 17, basis: 'sourced', sources: ['F15'], note: '', fittedTo: null };
 * ```
 */
export interface ProvenanceRow extends ParameterSource {
  /** For a fitted value: the id of the figure it was fitted to; null otherwise. */
  readonly fittedTo: string | null;
}

const ANNOTATION_KEYS = new Set(['value', 'basis', 'source', 'note', 'fittedTo']);

/** An object is an annotation when it has `value` and `basis` and nothing but annotation keys. */
function isAnnotation(
  v: unknown,
): v is { value: unknown; basis: Basis; source?: unknown; note?: string; fittedTo?: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return 'value' in v && 'basis' in v && keys.every((k) => ANNOTATION_KEYS.has(k));
}

/**
 * The spec with every annotation replaced by its value, and the annotations as rows.
 *
 * @example
 * ```ts
 * stripAnnotations({ buses: { value: 17, basis: 'sourced', source: 'F15' } }).plain; // { buses: 17 }
 * ```
 */
export function stripAnnotations(spec: unknown): { plain: unknown; provenance: ProvenanceRow[] } {
  const provenance: ProvenanceRow[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (isAnnotation(v)) {
      const value = walk(v.value, path);
      const src = v.source;
      provenance.push({
        path,
        value,
        basis: v.basis,
        sources: src === undefined ? [] : Array.isArray(src) ? src.map(String) : [String(src)],
        note: v.note ?? '',
        fittedTo: v.fittedTo ?? null,
      });
      return value;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]));
    return v;
  };
  return { plain: walk(spec, ''), provenance };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** A share: a number in [0, 1] or a percentage string ("93%"). */
function share(v: unknown, path: string): number {
  const x = typeof v === 'string' && /^\s*[\d.]+\s*%\s*$/.test(v) ? Number(v.replace('%', '')) / 100 : v;
  if (typeof x !== 'number' || !(x >= 0 && x <= 1))
    throw new ParameterError(path, 'a share in [0, 1] or a percentage', v);
  return x;
}

function count(v: unknown, path: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw new ParameterError(path, `an integer ≥ ${min}`, v);
  return v;
}

/**
 * Everything that turns the plain spec into a plan, with the campaign's epoch and shared times.
 */
class Planner {
  readonly epoch: Epoch;

  constructor(readonly spec: Obj) {
    this.epoch = Epoch.from(spec.epoch as string, 'epoch');
  }

  /** A clock time in seconds after the epoch; before the epoch is an error. */
  clock(v: unknown, path: string): number {
    if (typeof v === 'number') return v;
    return this.epoch.at(v as string, { path, before: 'error' });
  }

  timing(v: unknown, path: string): Timing {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'by' in v) {
      const { by, ...rest } = v as Obj;
      const values: Record<string, ReturnType<typeof durationDistribution>> = {};
      let otherwise: ReturnType<typeof durationDistribution> | undefined;
      for (const [k, x] of Object.entries(rest)) {
        const d = durationDistribution(x, `${path}.${k}`);
        if (k === '*') otherwise = d;
        else values[k] = d;
      }
      return { by: String(by), values, ...(otherwise && { otherwise }) };
    }
    return durationDistribution(v, path);
  }

  /**
   * The flow layer's steps of a spec's step list. `norm` is the path the flow layer will give the
   * list in its errors; every normalised step's path is mapped back to the spec step it came from in
   * `paths` (a `serve` becomes three steps, so the indexes differ).
   */
  steps(list: unknown, path: string, norm = path, paths = new Map<string, string>()): FlowStep[] {
    if (!Array.isArray(list)) throw new ParameterError(path, 'a list of steps', list);
    const out: FlowStep[] = [];
    list.forEach((raw, i) => {
      const s = obj(raw);
      const at = `${path}[${i}]`;
      const first = out.length;
      this.step(s, raw, at, norm, out, paths);
      for (let j = first; j < out.length; j++) paths.set(`${norm}[${j}]`, at);
    });
    return out;
  }

  private step(
    s: Obj,
    raw: unknown,
    at: string,
    norm: string,
    out: FlowStep[],
    paths: Map<string, string>,
  ): void {
    if ('serve' in s) {
      const stage = String(s.serve);
      const resource = String(s.by);
      out.push({
        kind: 'seize',
        resource,
        stage,
        ...(s.patience !== undefined && {
          patience: durationDistribution(s.patience, `${at}.patience`),
        }),
      });
      out.push({ kind: 'delay', time: this.timing(s.time, `${at}.time`), stage });
      out.push({ kind: 'release', resource });
    } else if ('seize' in s) {
      const resource = String(s.seize);
      out.push({
        kind: 'seize',
        resource,
        stage: String(s.stage ?? resource),
        ...(s.patience !== undefined && {
          patience: durationDistribution(s.patience, `${at}.patience`),
        }),
      });
    } else if ('release' in s) out.push({ kind: 'release', resource: String(s.release) });
    else if ('delay' in s)
      out.push({
        kind: 'delay',
        time: this.timing(s.delay, `${at}.delay`),
        ...(s.stage !== undefined && { stage: String(s.stage) }),
      });
    else if ('pool' in s)
      out.push({
        kind: 'batch',
        name: String(s.pool),
        size: count(s.size, `${at}.size`, 1),
        ...(s.hold !== undefined && { hold: this.timing(s.hold, `${at}.hold`) }),
      });
    else if ('leave' in s) out.push({ kind: 'leave', outcome: String(s.leave) });
    else if ('branch' in s) {
      if (s.branch === 'share') {
        const routes = Array.isArray(s.routes) ? s.routes : [];
        const here = `${norm}[${out.length}]`;
        out.push({
          kind: 'branch',
          by: 'share',
          shares: routes.map((r, k) => share(obj(r).share, `${at}.routes[${k}].share`)),
          routes: routes.map((r, k) =>
            this.steps(obj(r).steps, `${at}.routes[${k}].steps`, `${here}.routes[${k}]`, paths),
          ),
        });
      } else {
        const here = `${norm}[${out.length}]`;
        const routes: Record<string, FlowStep[]> = {};
        let otherwise: FlowStep[] | undefined;
        for (const [k, r] of Object.entries(obj(s.routes))) {
          const steps = this.steps(
            r,
            `${at}.routes.${k}`,
            k === '*' ? `${here}.otherwise` : `${here}.routes.${k}`,
            paths,
          );
          if (k === '*') otherwise = steps;
          else routes[k] = steps;
        }
        out.push({ kind: 'branch', by: String(s.branch), routes, ...(otherwise && { otherwise }) });
      }
    } else throw new ParameterError(at, 'a step: serve, seize, release, delay, pool, branch or leave', raw);
  }

  staff(v: unknown, path: string, count_: number): AreaStaff {
    if (typeof v === 'number') return { count: count(v, path), reserves: 0 };
    const s = obj(v);
    const c = s.count === undefined && s.shifts !== undefined ? 0 : count(s.count, `${path}.count`);
    const r =
      s.reserves === undefined
        ? 0
        : typeof s.reserves === 'number' && Number.isInteger(s.reserves) && s.reserves > 1
          ? s.reserves
          : Math.ceil(c * share(s.reserves, `${path}.reserves`));
    void count_;
    const wl = s.workLimit === undefined ? undefined : obj(s.workLimit);
    const shifts =
      s.shifts === undefined
        ? undefined
        : (Array.isArray(s.shifts) ? s.shifts : []).map((x, i) => {
            const sh = obj(x);
            const at = `${path}.shifts[${i}]`;
            const start = this.clock(sh.start, `${at}.start`);
            const end = this.clock(sh.end, `${at}.end`);
            if (!(end > start))
              throw new ParameterError(`${at}.end`, "a time after the shift's start", sh.end);
            return { start, end, count: count(sh.count ?? c, `${at}.count`) };
          });
    return {
      count: shifts ? Math.max(c, ...shifts.map((x) => x.count)) : c,
      reserves: r,
      ...(shifts && { shifts }),
      ...(wl && {
        workLimit: {
          maxContinuous: duration(wl.maxContinuous, `${path}.workLimit.maxContinuous`),
          rest: wl.rest === undefined ? 0 : duration(wl.rest, `${path}.workLimit.rest`),
          changeover:
            wl.changeover === undefined ? 0 : duration(wl.changeover, `${path}.workLimit.changeover`),
        },
      }),
    };
  }

  area(name: string, a: Obj): AreaPlan {
    const path = `testing.${name}`;
    const open = this.clock(a.open, `${path}.open`);
    const calling = obj(a.calling ?? { kind: 'call' });
    const turnout = a.turnout === undefined ? 1 : share(a.turnout, `${path}.turnout`);
    const deadline = a.deadline === undefined ? open + 6 * 3600 : this.clock(a.deadline, `${path}.deadline`);
    const arrivals: AreaPlan['arrivals'] =
      calling.kind === 'waves'
        ? this.demand(calling, `${path}.calling`, { open, deadline, turnout })
        : calling.kind === 'slots'
          ? { kind: 'slots', slots: this.slots(calling.slots, `${path}.calling.slots`) }
          : {
              kind: 'call',
              at: calling.at === undefined ? open : this.clock(calling.at, `${path}.calling.at`),
              within:
                calling.within === undefined ? 3 * 3600 : duration(calling.within, `${path}.calling.within`),
            };
    const attributes = Object.entries(obj(a.people)).map(([attr, values]) => {
      const entries = Object.entries(obj(values));
      const shares = entries.map(([k, x]) => share(x, `${path}.people.${attr}.${k}`));
      sumToOne(shares, `${path}.people.${attr}`, Object.fromEntries(entries.map(([k], i) => [k, shares[i]])));
      return { name: attr, values: entries.map(([k]) => k), shares };
    });
    const staff: Record<string, AreaStaff> = {};
    for (const [role, v] of Object.entries(obj(a.staff)))
      staff[role] = this.staff(v, `${path}.staff.${role}`, 0);
    const flowIn = typeof a.flow === 'string' ? obj(this.spec.flows)[a.flow] : a.flow;
    if (flowIn === undefined)
      throw new ParameterError(
        `${path}.flow`,
        `steps, or the name of one of the flows (${Object.keys(obj(this.spec.flows)).join(', ')})`,
        a.flow,
      );
    const flowPath = typeof a.flow === 'string' ? `flows.${a.flow}` : `${path}.flow`;
    const paths = new Map<string, string>();
    const steps = this.steps(flowIn, flowPath, flowPath, paths);
    checkAreaFlow(
      path,
      steps,
      staff,
      attributes,
      flowPath,
      paths,
      a.points === undefined ? 1 : (a.points as number),
    );
    const courier = a.courier === undefined ? null : obj(a.courier);
    const lab = a.lab === undefined ? null : obj(a.lab);
    const closing = a.closing === undefined ? null : obj(a.closing);
    const residents = count(a.residents, `${path}.residents`);
    checkAreaSize(Math.round(residents * turnout), false, `${path}.residents`);
    return {
      name,
      open,
      deadline,
      residents,
      turnout,
      points: a.points === undefined ? 1 : count(a.points, `${path}.points`, 1),
      arrivals,
      attributes,
      staff,
      steps,
      courier: courier && {
        every: duration(courier.every ?? '30 min', `${path}.courier.every`),
        boxSize: count(courier.boxSize ?? 50, `${path}.courier.boxSize`, 1),
        transport: durationDistribution(courier.transport ?? '30 min', `${path}.courier.transport`),
      },
      lab: lab && {
        ...(lab.machines !== undefined && { machines: count(lab.machines, `${path}.lab.machines`, 1) }),
        ...(lab.batchSize !== undefined && { batchSize: count(lab.batchSize, `${path}.lab.batchSize`, 1) }),
        ...(lab.runTime !== undefined && { runTime: duration(lab.runTime, `${path}.lab.runTime`) }),
      },
      ...(closing && {
        closing: {
          at: this.clock(closing.at, `${path}.closing.at`),
          policy: closing.policy === 'overtime' ? ('overtime' as const) : ('send-home' as const),
        },
      }),
      bin: a.bin === undefined ? 900 : duration(a.bin, `${path}.bin`),
    };
  }

  /** Village time slots: each ends at or after its start (a slot of no length: everyone at its start); the shares sum to 1. */
  slots(list: unknown, path: string): { start: number; end: number; share: number }[] {
    const slots = (Array.isArray(list) ? list : []).map((x, i) => {
      const sl = obj(x);
      const sp = `${path}[${i}]`;
      const start = this.clock(sl.start, `${sp}.start`);
      const end = this.clock(sl.end, `${sp}.end`);
      if (end < start)
        throw new ParameterError(
          `${sp}.end`,
          `a clock time at or after the slot's start (${sl.start})`,
          sl.end,
        );
      return { start, end, share: share(sl.share, `${sp}.share`) };
    });
    const shares = slots.map((sl) => sl.share);
    sumToOne(shares, path, shares);
    return slots;
  }

  /**
   * The calling model of an area: waves (listed, or a schedule of equal waves), the delays as
   * distributions, clock times against the epoch; the waves' shares must sum to 1.
   */
  demand(c: Obj, path: string, area: { open: number; deadline: number; turnout: number }): DemandPlan {
    const delay = durationDistribution(c.delay, `${path}.delay`);
    let waves: CallingWave[];
    if (Array.isArray(c.waves))
      waves = c.waves.map((x, i) => {
        const w = obj(x);
        const wp = `${path}.waves[${i}]`;
        return {
          name: typeof w.name === 'string' ? w.name : `wave ${i + 1}`,
          at: this.clock(w.at, `${wp}.at`),
          share: share(w.share, `${wp}.share`),
          turnout: w.turnout === undefined ? area.turnout : share(w.turnout, `${wp}.turnout`),
        };
      });
    else {
      const sc = obj(c.schedule);
      const from = this.clock(sc.from, `${path}.schedule.from`);
      const every = duration(sc.every, `${path}.schedule.every`);
      const n = count(sc.count, `${path}.schedule.count`, 1);
      waves = Array.from({ length: n }, (_, i) => ({
        name: `wave ${i + 1}`,
        at: from + i * every,
        share: 1 / n,
        turnout: area.turnout,
      }));
    }
    const total = waves.reduce((x, w) => x + w.share, 0);
    if (Math.abs(total - 1) > 1e-9)
      throw new ParameterError(`${path}.waves`, 'shares that sum to 1', Number(total.toFixed(6)));
    const late = c.late === undefined ? null : obj(c.late);
    const mop = c.mopUp === undefined ? null : obj(c.mopUp);
    const walk = c.walkUp === undefined ? null : obj(c.walkUp);
    const home = c.home === undefined ? null : obj(c.home);
    return {
      kind: 'waves',
      waves,
      delay,
      late: late && {
        share: share(late.share, `${path}.late.share`),
        delay: durationDistribution(late.delay, `${path}.late.delay`),
      },
      mopUp: mop && {
        at: this.clock(mop.at, `${path}.mopUp.at`),
        share: share(mop.share, `${path}.mopUp.share`),
        delay: mop.delay === undefined ? delay : durationDistribution(mop.delay, `${path}.mopUp.delay`),
      },
      walkUp: walk && {
        rate: rate(walk.rate, `${path}.walkUp.rate`),
        from: walk.from === undefined ? area.open : this.clock(walk.from, `${path}.walkUp.from`),
        until: walk.until === undefined ? area.deadline : this.clock(walk.until, `${path}.walkUp.until`),
      },
      home: home && {
        share: share(home.share, `${path}.home.share`),
        teams: count(home.teams, `${path}.home.teams`, 1),
        visit: durationDistribution(home.visit, `${path}.home.visit`),
        from: home.from === undefined ? area.open : this.clock(home.from, `${path}.home.from`),
      },
    };
  }

  /** A component's plain values with clock times read against the epoch. */
  component<T>(v: unknown, path: string, clocks: readonly string[]): T {
    const out: Obj = {};
    for (const [k, x] of Object.entries(obj(v)))
      out[k] = clocks.includes(k) ? this.clock(x, `${path}.${k}`) : x;
    return out as T;
  }

  figure(f: Obj, path: string, fitted: ReadonlyMap<string, string>): FigurePlan {
    const unit = f.unit as FigurePlan['unit'];
    const reported = f.reported === undefined ? null : this.inUnit(f.reported, unit, `${path}.reported`);
    const since =
      f.since === undefined
        ? null
        : typeof f.since === 'string' &&
            /^[A-Za-z]/.test(f.since) &&
            !/^\d/.test(f.since) &&
            f.since.includes('.')
          ? f.since
          : this.clock(f.since, `${path}.since`);
    const id = String(f.id);
    const check = typeof f.check === 'string' ? f.check : null;
    return {
      id,
      label: String(f.label),
      unit,
      read: String(f.read),
      since,
      reported,
      source: typeof f.source === 'string' ? f.source : null,
      tolerance: typeof f.tolerance === 'number' ? f.tolerance : null,
      better: f.better === 'lower' || f.better === 'higher' ? f.better : null,
      fitted: fitted.get(id) ?? check,
    };
  }

  inUnit(v: unknown, unit: FigurePlan['unit'], path: string): number {
    if (unit === 'clock') return this.clock(v, path);
    if (unit === 'duration' || unit === 'seconds') return duration(v, path);
    if (unit === 'fraction') return share(v, path);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParameterError(path, 'a finite number', v);
    return v;
  }
}

/** Roles and attribute names a flow uses (branches included). */
function namesUsed(steps: readonly FlowStep[], roles = new Set<string>(), attrs = new Set<string>()) {
  for (const s of steps) {
    if (s.kind === 'seize' || s.kind === 'release') roles.add(s.resource);
    if (s.kind === 'branch') {
      if (s.by !== 'share') attrs.add(s.by);
      const routes = Array.isArray(s.routes) ? s.routes : Object.values(s.routes);
      for (const r of routes) namesUsed(r, roles, attrs);
      if ('otherwise' in s && s.otherwise) namesUsed(s.otherwise, roles, attrs);
    }
  }
  return { roles, attrs };
}

/**
 * What a testing area's flow needs of the area, checked with the spec's paths: every role the flow
 * seizes is staffed (and every staffed role is used: a misspelt role is caught here), each role has
 * at least one person per point, and the flow passes the flow layer's own checks (its error paths
 * mapped back to the spec's steps).
 */
function checkAreaFlow(
  path: string,
  steps: readonly FlowStep[],
  staff: Readonly<Record<string, AreaStaff>>,
  attributes: readonly FlowAttribute[],
  flowPath: string,
  paths: ReadonlyMap<string, string>,
  points: number,
): void {
  const { roles } = namesUsed(steps);
  const staffed = Object.keys(staff);
  for (const role of staffed) {
    if (!roles.has(role))
      throw new ParameterError(
        `${path}.staff.${role}`,
        oneOfNames('a role the flow uses', [...roles], role),
        role,
      );
    const n = staff[role]!.count;
    if (n < points)
      throw new ParameterError(`${path}.staff.${role}`, `at least one per point (${points} points)`, n);
  }
  try {
    checkFlow({ steps, resources: staffed, attributes, path: flowPath });
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    // An attribute of people is written under the area's `people`, not in the flow.
    const attr = /^\.attributes\[(\d+)\]/.exec(e.path.slice(flowPath.length));
    if (e.path.startsWith(flowPath) && attr)
      throw new ParameterError(`${path}.people.${attributes[Number(attr[1])]!.name}`, e.expected, e.value);
    // The longest normalised prefix of the error's path that maps to a spec step.
    let best = '';
    for (const k of paths.keys()) if (e.path.startsWith(k) && k.length > best.length) best = k;
    // A path that maps to no step (the flow's own fields) is the spec's path already.
    const field = best ? e.path.slice(best.length) : '';
    const spec = best ? paths.get(best)! : e.path;
    throw new ParameterError(
      /^\.(resource|stage)$/.test(field) ? spec : `${spec}${field}`,
      e.expected,
      e.value,
    );
  }
}

/**
 * Shares that must sum to 1, as the flow layer and the arrivals read them (to within 1e-9): a
 * ParameterError naming the path, the sum and the shares as they were given, before the run.
 */
function sumToOne(shares: readonly number[], path: string, given: unknown): void {
  const total = shares.reduce((x, y) => x + y, 0);
  if (Math.abs(total - 1) > 1e-9)
    throw new ParameterError(path, `shares that sum to 1 (these sum to ${Number(total.toFixed(6))})`, given);
}

const CLOCKS = {
  checkpoints: ['from'],
  musters: ['call'],
  isolation: ['start'],
  transfers: ['presentFrom', 'exposureFrom', 'earliest'],
  unloading: ['start'],
} as const;

/**
 * Turn a spec (already checked against the schema) into a plan, with its provenance table.
 *
 * @throws SpecError listing every expression or reference that has no value (path, expected,
 *   text), or a ParameterError naming the path in the spec and the bad value.
 * @example
 * ```ts
 * const { plan, provenance } = planCampaign(JSON.parse(readFileSync('campaigns/qingxu-2022-04-13.json', 'utf8')));
 * ```
 */
export function planCampaign(spec: unknown): { plan: CampaignPlan; provenance: ProvenanceRow[] } {
  const resolved = needsResolving(spec) ? resolveValues(spec, { unknown: true }) : { spec, issues: [] };
  if (resolved.issues.length > 0) throw new SpecError(resolved.issues);
  const { plain, provenance } = stripAnnotations(resolved.spec);
  const s = obj(plain);
  const p = new Planner(s);
  const fitted = new Map<string, string>();
  for (const row of provenance)
    if (row.basis === 'fitted' && row.fittedTo !== null)
      fitted.set(row.fittedTo, `${row.path}${row.note ? `: ${row.note}` : ''}`);
  const section = <T>(kind: keyof typeof CLOCKS): Record<string, T> =>
    Object.fromEntries(
      Object.entries(obj(s[kind])).map(([name, v]) => [
        name,
        p.component<T>(v, `${kind}.${name}`, CLOCKS[kind]),
      ]),
    );
  const plan: CampaignPlan = {
    name: String(s.name),
    title: String(s.title),
    description: typeof s.description === 'string' ? s.description : null,
    epoch: p.epoch.iso,
    testing: Object.fromEntries(
      Object.entries(obj(s.testing)).map(([name, a]) => [name, p.area(name, obj(a))]),
    ),
    checkpoints: section('checkpoints'),
    musters: section('musters'),
    isolation: section('isolation'),
    transfers: section('transfers'),
    unloading: section('unloading'),
    figures: (Array.isArray(s.figures) ? s.figures : []).map((f, i) =>
      p.figure(obj(f), `figures[${i}]`, fitted),
    ),
    metrics: (Array.isArray(s.metrics) ? s.metrics : []).map((f, i) =>
      p.figure(obj(f), `metrics[${i}]`, fitted),
    ),
  };
  return { plan, provenance };
}

/**
 * Compile-time checks of a flow: everything that can be wrong with a list of steps is found before
 * the run and thrown as a {@link ParameterError} naming the step's path
 * (`flow[2].routes.assisted[0].resource`) and the bad value, with "did you mean" for names.
 *
 * Checked: the shape of every step (kind, fields, no unknown fields); resource, attribute and value
 * names; distributions; what each path holds — a seize of a resource already held, a release of
 * one not held, a leave (or the end of the list) while holding units, routes of a branch that rejoin
 * holding different units; branch shares summing to 1; batch sizes (one size per batch name).
 *
 * The walk also works out, for the compiler, each step's stage label and the units held before it
 * ({@link FlowShape}).
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { oneOfNames } from './names.js';
import { DONE, type FlowAttribute, type FlowStep, RENEGED } from './steps.js';

/** A unit held on a path, and the stage of the seize that took it. */
interface Held {
  readonly resource: string;
  readonly stage: string;
}

/**
 * What {@link checkFlow} checks: the steps and the names they may use.
 *
 * @example
 * ```ts
 * const d: FlowDefinition = { steps, resources: ['clerks', 'swabbers'], attributes: [type], path: 'flows.site' };
 * ```
 */
export interface FlowDefinition {
  /** The steps. */
  readonly steps: readonly FlowStep[];
  /** Names of the resources the steps may seize. */
  readonly resources: readonly string[];
  /** The entities' attributes. */
  readonly attributes?: readonly FlowAttribute[];
  /** Path of the step list in error messages; default `flow`. */
  readonly path?: string;
}

/**
 * What the compiler needs to know about a checked flow.
 *
 * @example
 * ```ts
 * const shape = checkFlow({ steps, resources: ['clerks'] });
 * shape.stages;   // ['registration']
 * shape.outcomes; // ['done']
 * ```
 */
export interface FlowShape {
  /** Every stage an entity can be queued or in service at, in order of first appearance. */
  readonly stages: readonly string[];
  /** Every outcome an entity can leave with (including `reneged` when a seize has patience). */
  readonly outcomes: readonly string[];
  /** Size of each batch by name. */
  readonly batches: Readonly<Record<string, number>>;
  /** Per step path: its stage label (seize, delay, batch) and the resources held before it. */
  readonly steps: ReadonlyMap<string, StepInfo>;
}

/**
 * What the walk found about one step.
 *
 * @example
 * ```ts
 * shape.steps.get('flow[1]'); // { stage: 'registration', held: ['clerks'] }
 * ```
 */
export interface StepInfo {
  /** The stage an entity is at during this step (seize, delay, batch hold). */
  readonly stage: string;
  /** Resources held when the step starts, in the order they were seized. */
  readonly held: readonly string[];
}

const KEYS: Readonly<Record<string, readonly string[]>> = {
  seize: ['kind', 'resource', 'stage', 'patience'],
  release: ['kind', 'resource'],
  delay: ['kind', 'time', 'stage'],
  branch: ['kind', 'by', 'shares', 'routes', 'name', 'otherwise'],
  batch: ['kind', 'name', 'size', 'hold'],
  leave: ['kind', 'outcome'],
};

const SHARE_TOLERANCE = 1e-9;

/**
 * Stage of a delay that holds no unit and names none.
 *
 * @example
 * ```ts
 * checkFlow({ steps: [{ kind: 'delay', time: constant({ value: 60 }) }], resources: [] }).stages; // ['delay']
 * ```
 */
export const DELAY_STAGE = 'delay';

/**
 * Check a flow's steps against the resources and attributes it may use; throws a
 * {@link ParameterError} at the first problem, else returns the flow's {@link FlowShape}.
 *
 * @example
 * ```ts
 * checkFlow({ steps: [{ kind: 'seize', resource: 'clerk', stage: 'registration' }], resources: ['clerks'] });
 * // ParameterError: flow[0].resource: expected a resource of the flow (clerks; did you mean "clerks"?), got "clerk"
 * ```
 */
export function checkFlow(definition: FlowDefinition): FlowShape {
  if (typeof definition !== 'object' || definition === null)
    throw new ParameterError('flow', 'a flow definition { steps, resources }', definition);
  const path = definition.path ?? 'flow';
  const attributes = checkAttributes(definition.attributes ?? [], `${path}.attributes`);
  const walk = new Walk(definition.resources, attributes);
  const held = walk.list(definition.steps, path, []);
  if (held !== null)
    walk.leave(
      path,
      held.map((h) => h.resource),
      DONE,
      `the end of ${path} (an implicit leave 'done')`,
    );
  return {
    stages: [...walk.stages],
    outcomes: [...walk.outcomes],
    batches: Object.fromEntries(walk.batches),
    steps: walk.info,
  };
}

/**
 * Check the attributes' names, values and shares.
 *
 * @example
 * ```ts
 * checkAttributes([{ name: 'type', values: ['qr'], shares: [1] }], 'flow.attributes');
 * ```
 */
export function checkAttributes(attributes: unknown, path: string): readonly FlowAttribute[] {
  if (!Array.isArray(attributes)) throw new ParameterError(path, 'an array of attributes', attributes);
  const seen = new Set<string>();
  attributes.forEach((a: unknown, k) => {
    const p = `${path}[${k}]`;
    if (typeof a !== 'object' || a === null)
      throw new ParameterError(p, 'an attribute { name, values, shares }', a);
    const { name, values, shares } = a as Record<string, unknown>;
    if (typeof name !== 'string' || name.length === 0 || seen.has(name))
      throw new ParameterError(`${p}.name`, 'a non-empty name not used by another attribute', name);
    seen.add(name);
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      values.length > 255 ||
      values.some((v, j) => typeof v !== 'string' || v.length === 0 || values.indexOf(v) !== j)
    )
      throw new ParameterError(`${p}.values`, 'an array of 1 to 255 distinct non-empty strings', values);
    checkShares(shares, `${p}.shares`, values.length);
  });
  return attributes as FlowAttribute[];
}

function checkShares(shares: unknown, path: string, n: number): void {
  if (!Array.isArray(shares) || shares.length !== n)
    throw new ParameterError(path, `an array of ${n} shares`, shares);
  shares.forEach((s, j) => {
    if (typeof s !== 'number' || !(s >= 0 && s <= 1))
      throw new ParameterError(`${path}[${j}]`, 'a share in [0, 1]', s);
  });
  const sum = shares.reduce((a: number, b: number) => a + b, 0);
  if (Math.abs(sum - 1) > SHARE_TOLERANCE)
    throw new ParameterError(path, `shares summing to 1 (they sum to ${sum})`, shares);
}

function list(held: readonly Held[]): string {
  return held.map((h) => h.resource).join(', ') || 'nothing';
}

function isDistribution(d: unknown): boolean {
  return typeof d === 'object' && d !== null && typeof (d as { sample?: unknown }).sample === 'function';
}

class Walk {
  readonly stages = new Set<string>();
  readonly outcomes = new Set<string>();
  readonly batches = new Map<string, number>();
  readonly info = new Map<string, StepInfo>();
  private readonly attributeNames: string[];

  constructor(
    private readonly resources: readonly string[],
    private readonly attributes: readonly FlowAttribute[],
  ) {
    this.attributeNames = attributes.map((a) => a.name);
  }

  /**
   * Check the steps of one list starting with `held`; returns what is held at its end, or null
   * when every path through it leaves.
   */
  list(steps: unknown, path: string, held: readonly Held[]): Held[] | null {
    if (!Array.isArray(steps)) throw new ParameterError(path, 'an array of steps', steps);
    let now: Held[] | null = [...held];
    steps.forEach((step: unknown, k) => {
      const p = `${path}[${k}]`;
      if (now === null) throw new ParameterError(p, 'no step after a leave (it would never run)', step);
      now = this.step(step, p, now);
    });
    return now;
  }

  private step(step: unknown, p: string, held: Held[]): Held[] | null {
    if (typeof step !== 'object' || step === null || Array.isArray(step))
      throw new ParameterError(p, 'a step object with a kind', step);
    const s = step as Record<string, unknown>;
    const allowed = KEYS[s.kind as string];
    if (allowed === undefined)
      throw new ParameterError(`${p}.kind`, oneOfNames('a step kind', Object.keys(KEYS), s.kind), s.kind);
    for (const key of Object.keys(s))
      if (!allowed.includes(key))
        throw new ParameterError(
          `${p}.${key}`,
          oneOfNames(`a field of a ${s.kind} step`, allowed, key),
          s[key],
        );
    const names = held.map((h) => h.resource);
    // A delay or a hold is at the stage of the last unit still held: the seize that took it named it.
    const current = held.length === 0 ? DELAY_STAGE : held[held.length - 1]!.stage;
    switch (s.kind) {
      case 'seize': {
        const r = this.resource(s.resource, `${p}.resource`);
        if (names.includes(r))
          throw new ParameterError(`${p}.resource`, 'a resource not already held on this path', r);
        const stage = this.stage(s.stage, `${p}.stage`);
        if (s.patience !== undefined) {
          if (!isDistribution(s.patience))
            throw new ParameterError(`${p}.patience`, 'a distribution', s.patience);
          this.outcomes.add(RENEGED);
        }
        this.info.set(p, { stage, held: names });
        return [...held, { resource: r, stage }];
      }
      case 'release': {
        const r = this.resource(s.resource, `${p}.resource`);
        if (!names.includes(r))
          throw new ParameterError(
            `${p}.resource`,
            `a resource held on this path (${names.length === 0 ? 'none is' : `${names.join(', ')} held`})`,
            r,
          );
        return held.filter((x) => x.resource !== r);
      }
      case 'delay': {
        this.timing(s.time, `${p}.time`);
        const stage = s.stage === undefined ? current : this.stage(s.stage, `${p}.stage`);
        this.stages.add(stage);
        this.info.set(p, { stage, held: names });
        return held;
      }
      case 'batch': {
        if (typeof s.name !== 'string' || s.name.length === 0)
          throw new ParameterError(`${p}.name`, 'a non-empty batch name', s.name);
        if (typeof s.size !== 'number' || !Number.isInteger(s.size) || s.size < 1)
          throw new ParameterError(`${p}.size`, 'an integer ≥ 1', s.size);
        const size = this.batches.get(s.name);
        if (size !== undefined && size !== s.size)
          throw new ParameterError(
            `${p}.size`,
            `${size}, the size of batch "${s.name}" elsewhere in the flow`,
            s.size,
          );
        this.batches.set(s.name, s.size);
        const stage = held.length === 0 ? s.name : current;
        if (s.hold !== undefined) {
          this.timing(s.hold, `${p}.hold`);
          this.stages.add(stage);
        }
        this.info.set(p, { stage, held: names });
        return held;
      }
      case 'leave':
        if (typeof s.outcome !== 'string' || s.outcome.length === 0)
          throw new ParameterError(`${p}.outcome`, 'a non-empty outcome', s.outcome);
        this.leave(p, names, s.outcome, 'a leave');
        return null;
      default:
        return this.branch(s, p, held);
    }
  }

  leave(p: string, held: readonly string[], outcome: string, what: string): void {
    if (held.length > 0)
      throw new ParameterError(p, `${what} with no unit held (release ${held.join(', ')} first)`, outcome);
    this.outcomes.add(outcome);
  }

  private branch(s: Record<string, unknown>, p: string, held: Held[]): Held[] | null {
    const routes: [string, unknown][] = [];
    if (s.by === 'share') {
      if (s.otherwise !== undefined)
        throw new ParameterError(`${p}.otherwise`, 'no otherwise in a branch by share', s.otherwise);
      if (!Array.isArray(s.routes) || s.routes.length === 0)
        throw new ParameterError(`${p}.routes`, 'a non-empty array of routes', s.routes);
      checkShares(s.shares, `${p}.shares`, s.routes.length);
      if (s.name !== undefined && (typeof s.name !== 'string' || s.name.length === 0))
        throw new ParameterError(`${p}.name`, 'a non-empty stream name', s.name);
      s.routes.forEach((r, k) => {
        routes.push([`${p}.routes[${k}]`, r]);
      });
    } else {
      const attr = this.attribute(s.by, `${p}.by`);
      if (s.shares !== undefined)
        throw new ParameterError(`${p}.shares`, 'no shares in a branch by attribute', s.shares);
      if (s.name !== undefined)
        throw new ParameterError(`${p}.name`, 'no name in a branch by attribute (it draws nothing)', s.name);
      if (typeof s.routes !== 'object' || s.routes === null || Array.isArray(s.routes))
        throw new ParameterError(`${p}.routes`, `routes by value of ${attr.name}`, s.routes);
      for (const [value, r] of Object.entries(s.routes)) {
        if (!attr.values.includes(value))
          throw new ParameterError(
            `${p}.routes.${value}`,
            oneOfNames(`a value of ${attr.name}`, attr.values, value),
            value,
          );
        routes.push([`${p}.routes.${value}`, r]);
      }
      if (s.otherwise !== undefined) routes.push([`${p}.otherwise`, s.otherwise]);
      else if (Object.keys(s.routes).length < attr.values.length) routes.push([p, []]);
    }
    let rejoin: Held[] | null = null;
    let from = '';
    for (const [rp, r] of routes) {
      const end = this.list(r, rp, held);
      if (end === null) continue;
      if (rejoin === null) {
        rejoin = end;
        from = rp;
      } else if (
        end.length !== rejoin.length ||
        end.some((x) => !rejoin!.some((y) => y.resource === x.resource))
      )
        throw new ParameterError(
          rp,
          `a route that rejoins holding what ${from} holds (${list(rejoin)})`,
          list(end),
        );
    }
    return rejoin;
  }

  private resource(r: unknown, p: string): string {
    if (typeof r !== 'string' || !this.resources.includes(r))
      throw new ParameterError(p, oneOfNames('a resource of the flow', this.resources, r), r);
    return r;
  }

  private stage(s: unknown, p: string): string {
    if (typeof s !== 'string' || s.length === 0) throw new ParameterError(p, 'a non-empty stage name', s);
    this.stages.add(s);
    return s;
  }

  private attribute(by: unknown, p: string): FlowAttribute {
    const a = this.attributes.find((x) => x.name === by);
    if (a === undefined)
      throw new ParameterError(p, oneOfNames('an attribute of the flow', this.attributeNames, by), by);
    return a;
  }

  private timing(t: unknown, p: string): void {
    if (isDistribution(t)) return;
    if (typeof t !== 'object' || t === null || !('by' in t))
      throw new ParameterError(p, 'a distribution or { by, values, otherwise? }', t);
    const { by, values, otherwise, ...rest } = t as Record<string, unknown>;
    for (const key of Object.keys(rest))
      throw new ParameterError(
        `${p}.${key}`,
        oneOfNames('a field of a timing by attribute', ['by', 'values', 'otherwise'], key),
        rest[key],
      );
    const attr = this.attribute(by, `${p}.by`);
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      throw new ParameterError(`${p}.values`, `distributions by value of ${attr.name}`, values);
    for (const [value, d] of Object.entries(values)) {
      if (!attr.values.includes(value))
        throw new ParameterError(
          `${p}.values.${value}`,
          oneOfNames(`a value of ${attr.name}`, attr.values, value),
          value,
        );
      if (!isDistribution(d)) throw new ParameterError(`${p}.values.${value}`, 'a distribution', d);
    }
    if (otherwise !== undefined) {
      if (!isDistribution(otherwise)) throw new ParameterError(`${p}.otherwise`, 'a distribution', otherwise);
    } else {
      const missing = attr.values.filter((v) => !(v in values));
      if (missing.length > 0)
        throw new ParameterError(
          `${p}.values`,
          `a distribution for every value of ${attr.name} or an otherwise (missing ${missing.join(', ')})`,
          values,
        );
    }
  }
}

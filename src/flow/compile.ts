/**
 * Compile checked steps into continuation closures on the kernel's callback API: each step becomes
 * a function of the entity's index that does the step and calls the next step's function, at once
 * (`release`, `branch`, a batch that does not fill) or from the calendar (`delay`, a hold) or from
 * the resource when a unit is granted (`seize`). A list is compiled from its end, so each closure
 * holds its successor; a branch's routes end in the closure of the steps after the branch.
 *
 * Per-entity state lives in the runtime's typed arrays ({@link Runtime}); the closures allocate
 * nothing per entity.
 *
 * @internal
 * @module
 */
import type { Distribution } from '../random/distribution.js';
import type { Rng } from '../random/rng.js';
import type { Batcher } from '../resources/batch/batcher.js';
import type { Simulation } from '../sim/simulation.js';
import type { FlowShape } from './check.js';
import { DELAY_STAGE } from './check.js';
import type { Station } from './station.js';
import type { FlowStep, Timing } from './steps.js';
import { RENEGED } from './steps.js';

/** What compiled steps act on: a flow's per-entity arrays and bookkeeping. @internal */
export interface Runtime {
  readonly name: string;
  readonly sim: Simulation;
  /** Entities by where-code (index 0 unused). */
  readonly counts: Float64Array;
  /** 0: not in the flow (left, or not entered); 1 + 2k: queued at stage k; 2 + 2k: in service at stage k. */
  readonly where: Uint16Array;
  /** The seize an entity waits at (index into `seizes`). */
  readonly waitingAt: Uint16Array;
  /** Since when an entity waits at a seize. */
  readonly since: Float64Array;
  /** Handle of an entity's patience timer (−1: none). */
  readonly patience: Float64Array;
  /** Attribute codes by attribute index. */
  readonly attrs: readonly Uint8Array[];
  readonly attributeIndex: (name: string) => number;
  readonly attributeValues: (attribute: number) => readonly string[];
  readonly stageIndex: (stage: string) => number;
  readonly outcomeIndex: (outcome: string) => number;
  readonly station: (resource: string) => Station;
  /** Recorder of waits at stage k (overall and by attribute). */
  readonly waitRecorder: (k: number) => (i: number, wait: number) => void;
  readonly batcher: (name: string) => Batcher<number>;
  readonly leave: (i: number, outcome: number) => void;
  /** Seize sites, for entities that leave while waiting (renege, send home). */
  readonly seizes: SeizeSite[];
  readonly fail: (i: number, step: string, detail: string) => never;
}

/** A seize step as the runtime needs it when an entity leaves its queue. @internal */
export interface SeizeSite {
  /** Error path of the step. */
  readonly path: string;
  /** Stage index. */
  readonly stage: number;
  /** Stations held by an entity waiting there (given back when it leaves). */
  readonly held: readonly Station[];
}

type Next = (i: number) => void;

/** Move entity `i` to where-code `code`, keeping the counts by code. @internal */
export function move(where: Uint16Array, counts: Float64Array, i: number, code: number): void {
  counts[where[i] as number]!--;
  counts[code]!++;
  where[i] = code;
}

/**
 * @internal compile `steps` (checked as `shape`) to the entry closure of the flow; `entries`, when
 * given, receives the closure of the first top-level seize of each stage (an entity can start there)
 */
export function compileFlow(
  rt: Runtime,
  steps: readonly FlowStep[],
  shape: FlowShape,
  path: string,
  entries?: Map<string, Next>,
): Next {
  const done = rt.outcomeIndex('done');
  return new Compiler(rt, shape).list(steps, path, (i) => rt.leave(i, done), entries);
}

class Compiler {
  constructor(
    private readonly rt: Runtime,
    private readonly shape: FlowShape,
  ) {}

  list(steps: readonly FlowStep[], path: string, next: Next, entries?: Map<string, Next>): Next {
    let k = next;
    for (let j = steps.length - 1; j >= 0; j--) {
      k = this.step(steps[j]!, `${path}[${j}]`, k);
      // Compiled from the end: the earliest seize of a stage is the one kept.
      if (entries !== undefined && steps[j]!.kind === 'seize')
        entries.set(this.shape.steps.get(`${path}[${j}]`)!.stage, k);
    }
    return k;
  }

  private step(step: FlowStep, p: string, next: Next): Next {
    const rt = this.rt;
    switch (step.kind) {
      case 'seize':
        return this.seize(step.resource, step.patience, p, next);
      case 'release': {
        const st = rt.station(step.resource);
        return (i) => {
          st.free(i);
          next(i);
        };
      }
      case 'delay': {
        const stage = this.shape.steps.get(p)!.stage;
        const stream = stage === DELAY_STAGE && step.stage === undefined ? `delay[${p}]` : stage;
        return this.wait(
          step.time,
          rt.sim.stream(`${rt.name}.${stream}`),
          2 + 2 * rt.stageIndex(stage),
          p,
          next,
        );
      }
      case 'batch': {
        const name = step.name;
        const batcher = rt.batcher(name);
        if (step.hold === undefined)
          return (i) => {
            batcher.put(i);
            next(i);
          };
        const stage = this.shape.steps.get(p)!.stage;
        const hold = this.wait(
          step.hold,
          rt.sim.stream(`${rt.name}.hold[${name}]`),
          2 + 2 * rt.stageIndex(stage),
          p,
          next,
        );
        // The put that fills the batch releases it at once: its reason is then set.
        return (i) => {
          if (batcher.put(i).reason !== null) hold(i);
          else next(i);
        };
      }
      case 'leave': {
        const o = rt.outcomeIndex(step.outcome);
        return (i) => rt.leave(i, o);
      }
      default:
        return step.by === 'share'
          ? this.shareBranch(step as Extract<FlowStep, { by: 'share' }>, p, next)
          : this.attributeBranch(
              step as Extract<
                FlowStep,
                { kind: 'branch'; routes: Readonly<Record<string, readonly FlowStep[]>> }
              >,
              p,
              next,
            );
    }
  }

  private seize(resource: string, patience: Distribution | undefined, p: string, next: Next): Next {
    const rt = this.rt;
    const info = this.shape.steps.get(p)!;
    const st = rt.station(resource);
    const k = rt.stageIndex(info.stage);
    const queued = 1 + 2 * k;
    const serving = queued + 1;
    const id = rt.seizes.push({ path: p, stage: k, held: info.held.map((r) => rt.station(r)) }) - 1;
    const { sim, where, counts, waitingAt, since, patience: handles } = rt;
    const record = rt.waitRecorder(k);
    const timed = patience !== undefined;
    const granted = (i: number): void => {
      // Left while waiting (reneged or sent home): its place in the line passes the unit on.
      if (where[i] !== queued || waitingAt[i] !== id) {
        st.free(i);
        return;
      }
      if (timed && handles[i]! >= 0) {
        sim.cancel(handles[i]!);
        handles[i] = -1;
      }
      record(i, sim.now - since[i]!);
      move(where, counts, i, serving);
      next(i);
    };
    if (patience === undefined)
      return (i) => {
        move(where, counts, i, queued);
        waitingAt[i] = id;
        since[i] = sim.now;
        st.seize(granted, i);
      };
    const rng = rt.sim.stream(`${rt.name}.patience[${info.stage}]`);
    const renege = (i: number): void => {
      handles[i] = -1;
      const site = rt.seizes[id]!;
      for (const h of site.held) h.free(i);
      rt.leave(i, rt.outcomeIndex(RENEGED));
    };
    return (i) => {
      move(where, counts, i, queued);
      waitingAt[i] = id;
      since[i] = sim.now;
      st.seize(granted, i);
      if (where[i] === queued && waitingAt[i] === id) {
        const d = patience.sample(rng);
        if (!(d >= 0 && d < Number.POSITIVE_INFINITY))
          rt.fail(i, `${p}.patience`, `sampled a patience of ${d}`);
        handles[i] = sim.schedule(d, renege, i);
      }
    };
  }

  /** Spend a time drawn from `timing` in service at `code`, then `next`. */
  private wait(timing: Timing, rng: Rng, code: number, p: string, next: Next): Next {
    const rt = this.rt;
    const { sim, where, counts } = rt;
    const check = (i: number, d: number): number => {
      if (!(d >= 0 && d < Number.POSITIVE_INFINITY)) rt.fail(i, p, `sampled a duration of ${d}`);
      return d;
    };
    if (!('by' in timing)) {
      const dist = timing as Distribution;
      return (i) => {
        move(where, counts, i, code);
        const d = dist.sample(rng);
        sim.schedule(d >= 0 && d < Number.POSITIVE_INFINITY ? d : check(i, d), next, i);
      };
    }
    const a = rt.attributeIndex(timing.by);
    const codes = rt.attrs[a]!;
    const table = this.byValue(a, timing.values, timing.otherwise);
    return (i) => {
      move(where, counts, i, code);
      const d = table[codes[i] as number]!.sample(rng);
      sim.schedule(d >= 0 && d < Number.POSITIVE_INFINITY ? d : check(i, d), next, i);
    };
  }

  /** One entry per value code of attribute `a`: the value's own, else `otherwise`. */
  private byValue<T>(a: number, values: Readonly<Record<string, T>>, otherwise: T | undefined): T[] {
    return this.rt.attributeValues(a).map((v) => (Object.hasOwn(values, v) ? values[v]! : (otherwise as T)));
  }

  private shareBranch(step: Extract<FlowStep, { by: 'share' }>, p: string, next: Next): Next {
    const rng = this.rt.sim.stream(`${this.rt.name}.${step.name ?? `branch[${p}]`}`);
    const routes = step.routes.map((r, k) => this.list(r, `${p}.routes[${k}]`, next));
    const cum: number[] = [];
    let s = 0;
    for (const x of step.shares) cum.push((s += x));
    const last = routes.length - 1;
    return (i) => {
      const u = rng.next();
      let k = 0;
      while (k < last && u >= cum[k]!) k++;
      routes[k]!(i);
    };
  }

  private attributeBranch(
    step: {
      readonly by: string;
      readonly routes: Readonly<Record<string, readonly FlowStep[]>>;
      readonly otherwise?: readonly FlowStep[];
    },
    p: string,
    next: Next,
  ): Next {
    const a = this.rt.attributeIndex(step.by);
    const codes = this.rt.attrs[a]!;
    const compiled: Record<string, Next> = {};
    for (const [value, r] of Object.entries(step.routes))
      compiled[value] = this.list(r, `${p}.routes.${value}`, next);
    const otherwise = step.otherwise === undefined ? next : this.list(step.otherwise, `${p}.otherwise`, next);
    const table = this.byValue(a, compiled, otherwise);
    return (i) => table[codes[i] as number]!(i);
  }
}

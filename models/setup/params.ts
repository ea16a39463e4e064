/**
 * Parameters of the isolation-site setup model: what must be prepared, by whom, with what.
 *
 * A site is prepared as **tasks**. A `bed`-scope task has one unit per bed (assemble the frame, make
 * up the bedding, lay out slippers, basin and toothbrush); a `site`-scope task has its own number of
 * units (clear the hall, in jobs of a few people-minutes each). Each unit carries a **work content**:
 * the person-time one volunteer needs for it, a distribution. **Precedence** (`after`) links tasks:
 * a bed-scope task after another bed-scope task waits for the same bed's unit (bedding goes on a
 * frame that stands); any other link waits for *every* unit of the earlier task (no beds before the
 * hall is cleared). A task may consume a **material** per unit (a bedding kit per bed) from stock that
 * arrives in deliveries; a volunteer who takes such a unit waits at the stock pile until it is there.
 *
 * The **crew** arrives over time after the start (mobilisation): together, uniformly within a
 * window, or at given offsets.
 *
 * Defaults replay F11 (16:00, 110+ volunteers, 500 beds in 4 h) and are declared in
 * {@link SITE_SETUP_SOURCES}: the split of work between tasks and the crew's arrival window are
 * assumptions; the total work per bed is **fitted** to F11, so F11 cannot also validate the model.
 *
 * @module
 */
import * as z from 'zod';
import type { Distribution, DurationInput, Simulation } from '../../src/index.js';
import type { DurationSpec } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import {
  clockTime,
  count,
  notBeforeNow,
  parseParams,
  perEpoch,
  seconds,
  strictObject,
  varying,
} from '../values.js';

/**
 * One task of the setup.
 *
 * @example
 * ```ts
 * const bedding: SetupTaskInput = { name: 'bedding', scope: 'bed', work: '17 min', after: ['frame'],
 *   material: { name: 'bedding kits' } };
 * ```
 */
export interface SetupTaskInput {
  /** Unique task name. */
  readonly name: string;
  /** `'bed'`: one unit per bed; `'site'`: `units` units for the whole site. */
  readonly scope: 'bed' | 'site';
  /** Units of a site-scope task (an integer ≥ 1; default 1). Not allowed for bed-scope tasks. */
  readonly units?: number;
  /** Person-time per unit: `"17 min"`, seconds, or a distribution `{ dist, ... }` of durations. */
  readonly work: DurationSpec;
  /** Tasks that must be done first (see the module comment for per-bed vs whole-task links). */
  readonly after?: readonly string[];
  /** Stock used per unit, taken when a volunteer starts the unit. */
  readonly material?: { readonly name: string; readonly perUnit?: number };
}

/**
 * A material and its deliveries.
 *
 * @example
 * ```ts
 * const kits: MaterialInput = { name: 'bedding kits', initial: 200, deliveries: [{ at: '1 h', amount: 300 }] };
 * ```
 */
export interface MaterialInput {
  /** Unique material name, referred to by tasks. */
  readonly name: string;
  /** Stock at the start (≥ 0; default 0). */
  readonly initial?: number;
  /** Deliveries: `at` is the time after the start (`"1 h"`), `amount` > 0. */
  readonly deliveries?: readonly { readonly at: DurationInput; readonly amount: number }[];
}

/**
 * When the crew arrives, relative to the start.
 *
 * @example
 * ```ts
 * const a: CrewArrival = 'together';
 * const b: CrewArrival = { within: '30 min' };      // uniform over the first 30 minutes
 * const c: CrewArrival = { times: [0, '10 min'] };  // one per volunteer
 * ```
 */
export type CrewArrival =
  | 'together'
  | { readonly within: DurationInput }
  | { readonly times: readonly DurationInput[] };

/**
 * Inputs of the setup model; every field has a cited default (see {@link SITE_SETUP_SOURCES}).
 *
 * @example
 * ```ts
 * const p: SiteSetupParams = { crew: { size: 150 }, target: 327 };
 * ```
 */
export interface SiteSetupParams {
  /** Start of the setup: a clock time (`"16:00"`, needs an epoch) or simulated seconds. */
  readonly start?: string | number;
  /** Beds to prepare (integer ≥ 1). */
  readonly beds?: number;
  /** Beds needed by a deadline (e.g. 327 for the 21:00 transfer); 1 ≤ target ≤ beds. */
  readonly target?: number;
  /** When `target` beds are needed: a clock time (`"21:00"`) or simulated seconds; `null` for none. */
  readonly deadline?: string | number | null;
  /** Volunteers and their arrival. */
  readonly crew?: { readonly size?: number; readonly arrival?: CrewArrival };
  /** Tasks; replaces the default list as a whole. */
  readonly tasks?: readonly SetupTaskInput[];
  /** Materials with stock and deliveries; replaces the default list as a whole. */
  readonly materials?: readonly MaterialInput[];
  /**
   * Which unit a free volunteer takes: `'bed-first'` (finish beds in order, so beds become ready
   * early; default) or `'task-first'` (all frames, then all bedding...). Site-scope units always come
   * first.
   */
  readonly order?: 'bed-first' | 'task-first';
}

/**
 * Largest count of beds, volunteers or units accepted (a guard against mistyped counts).
 *
 * @example
 * ```ts
 * resolveSiteSetup(sim, { beds: MAX_COUNT + 1 }); // throws a ParameterError at siteSetup.beds
 * ```
 */
export const MAX_COUNT = 1_000_000;

/** Latest deadline after the start, seconds (a year). */
const MAX_DEADLINE_AFTER = 366 * 86400;

/**
 * A task after validation (internal to the model; exported for its engine).
 *
 * @example
 * ```ts
 * const frame: ResolvedTask = resolveSiteSetup(sim, {}).tasks[1]!;
 * ```
 */
export interface ResolvedTask {
  /** Unique task name. */
  readonly name: string;
  /** Position of the task in `tasks`, from 0. */
  readonly index: number;
  /** `'bed'`: one unit per bed; `'site'`: `units` units for the whole site. */
  readonly scope: 'bed' | 'site';
  /** Units: the bed count for bed-scope tasks, else the given count (default 1). */
  readonly units: number;
  /** Person-time per unit, seconds. */
  readonly work: Distribution;
  /** Indices of earlier bed-scope tasks linked per bed: the same bed's unit must be done first. */
  readonly perBed: readonly number[];
  /** Indices of earlier tasks all of whose units must be done first. */
  readonly whole: readonly number[];
  /** Stock used per unit: the material's index in `materials` and the amount (> 0), or null for none. */
  readonly material: { readonly index: number; readonly perUnit: number } | null;
}

/**
 * A material after validation (internal to the model; exported for its engine).
 *
 * @example
 * ```ts
 * const kits: ResolvedMaterial | undefined = resolveSiteSetup(sim, {}).materials[0];
 * ```
 */
export interface ResolvedMaterial {
  /** Unique material name. */
  readonly name: string;
  /** Stock at the start (≥ 0). */
  readonly initial: number;
  /** Deliveries: `at` seconds after the setup's start, `amount` > 0. */
  readonly deliveries: readonly { readonly at: number; readonly amount: number }[];
}

/**
 * Everything the model runs with, in seconds and simulated time.
 *
 * @example
 * ```ts
 * const r: ResolvedSiteSetup = resolveSiteSetup(sim, { beds: 100, target: 80 });
 * ```
 */
export interface ResolvedSiteSetup {
  /** Start of the setup, simulated seconds (not before the simulation's current time). */
  readonly start: number;
  /** Beds to prepare (default 500). */
  readonly beds: number;
  /** Beds needed by the deadline (default min(327, beds)). */
  readonly target: number;
  /** Simulated time `target` beds are needed by, or null. */
  readonly deadline: number | null;
  /** Volunteers in the crew (default 110). */
  readonly crewSize: number;
  /** Arrival offsets after the start, or a window for uniform draws. */
  readonly arrival:
    | { readonly kind: 'times'; readonly times: readonly number[] }
    | { readonly kind: 'within'; readonly within: number };
  /** Tasks in the given order; `index` is the position here. */
  readonly tasks: readonly ResolvedTask[];
  /** Materials in the given order, referred to by index from the tasks. */
  readonly materials: readonly ResolvedMaterial[];
  /** Which unit a free volunteer takes first, after site-scope units. */
  readonly order: 'bed-first' | 'task-first';
}

// F11 gives 110+ volunteers, 4 h, 500 beds: at most 440 person-h, 52.8 person-min per bed. Not all of
// it is work: volunteers arrive over the first 30 min (assumed), wait for the last clearing job before
// frames can go up, and run out of work at the tail. The total work per bed is therefore fitted by
// simulation (20 seeds, bed-first order, these tasks): 42 person-min per bed puts the median time to
// 500 beds at 4.0 h (seeds 1-20: 3.84-4.21 h) with crew utilisation ≈ 0.85. The split between tasks
// is assumed (10 % clearing, 40 % frames, 35 % bedding, 15 % daily necessities).
const PER_BED_MIN = 42;
const CLEAR_JOBS = 500;
const CV = 0.3; // spread of work per unit, assumed

function lognormalMinutes(mean: number): DurationSpec {
  return {
    dist: 'lognormal',
    mean: Math.round(mean * 60 * 10) / 10,
    sd: Math.round(mean * 60 * CV * 10) / 10,
  };
}

/**
 * The default tasks: clear the hall, frames, bedding, daily necessities (see {@link SITE_SETUP_SOURCES}).
 *
 * @example
 * ```ts
 * const tasks = DEFAULT_SETUP_TASKS.map((t) => (t.name === 'bedding' ? { ...t, work: '10 min' } : t)); // pre-packed kits
 * ```
 */
export const DEFAULT_SETUP_TASKS: readonly SetupTaskInput[] = [
  {
    name: 'clear hall',
    scope: 'site',
    units: CLEAR_JOBS,
    work: lognormalMinutes((500 * PER_BED_MIN * 0.1) / CLEAR_JOBS),
  },
  { name: 'bed frame', scope: 'bed', work: lognormalMinutes(PER_BED_MIN * 0.4), after: ['clear hall'] },
  { name: 'bedding', scope: 'bed', work: lognormalMinutes(PER_BED_MIN * 0.35), after: ['bed frame'] },
  { name: 'necessities', scope: 'bed', work: lognormalMinutes(PER_BED_MIN * 0.15), after: ['bed frame'] },
];

/**
 * The defaults, with where each comes from.
 *
 * @example
 * ```ts
 * SITE_SETUP_SOURCES.filter((s) => s.basis === 'fitted').map((s) => s.path); // ['tasks[*].work']
 * ```
 */
export const SITE_SETUP_SOURCES: readonly ParameterSource[] = [
  { path: 'start', value: '16:00', basis: 'sourced', sources: ['F11'], note: 'set-up starts at 16:00' },
  {
    path: 'beds',
    value: 500,
    basis: 'sourced',
    sources: ['F11'],
    note: '500 beds with bedding and daily necessities',
  },
  {
    path: 'target',
    value: 327,
    basis: 'sourced',
    sources: ['F15'],
    note: '327 workers moved to the site at 21:00',
  },
  {
    path: 'deadline',
    value: '21:00',
    basis: 'sourced',
    sources: ['F15'],
    note: 'the buses leave the park at 21:00',
  },
  {
    path: 'crew.size',
    value: 110,
    basis: 'sourced',
    sources: ['F11'],
    note: '110+ volunteers (lower bound taken)',
  },
  {
    path: 'crew.arrival',
    value: { within: '30 min' },
    basis: 'assumed',
    sources: [],
    note: 'arrival spread not reported; uniform over the first 30 min',
  },
  {
    path: 'tasks[*].work',
    value: DEFAULT_SETUP_TASKS.map((t) => t.work),
    basis: 'fitted',
    sources: ['F11', 'cal §1d'],
    note: `total ${PER_BED_MIN} person-min per bed, fitted by simulation so that 110 volunteers ready 500 beds in a median 4 h (F11); cal §1d's ≈1.14 beds per person-hour (52.8 person-min) includes arrival, waiting and tail losses the model represents separately; Wuhan Fangcang (≈800 beds in ≈12 h, cal §1d) is the same order of magnitude. F11 cannot validate the model: it was used to fit it`,
  },
  {
    path: 'tasks[*].split',
    value: { clear: 0.1, frame: 0.4, bedding: 0.35, necessities: 0.15 },
    basis: 'assumed',
    sources: [],
    note: 'no breakdown reported; placeholder shares of the fitted total',
  },
  {
    path: 'tasks[*].cv',
    value: CV,
    basis: 'assumed',
    sources: [],
    note: 'spread of work per unit (lognormal, coefficient of variation 0.3)',
  },
  {
    path: 'tasks[*].after',
    value: 'clear hall → bed frame → bedding, necessities',
    basis: 'assumed',
    sources: ['F11'],
    note: 'order of work as F11 lists the items; the hall must be cleared first',
  },
  {
    path: 'materials',
    value: [],
    basis: 'assumed',
    sources: [],
    note: 'F11 reports no delivery times: stock assumed on hand',
  },
  {
    path: 'order',
    value: 'bed-first',
    basis: 'assumed',
    sources: [],
    note: 'volunteers complete beds one after another',
  },
];

const name = z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' });
const positive = z.number({ error: 'a number > 0' }).positive({ error: 'a number > 0' }).max(1e15);

const Material = strictObject({
  name,
  initial: z.number({ error: 'a number ≥ 0' }).min(0, { error: 'a number ≥ 0' }).max(1e15).default(0),
  deliveries: z.array(strictObject({ at: seconds, amount: positive })).default([]),
});

const Task = strictObject({
  name,
  scope: z.enum(['bed', 'site']),
  units: count(1, MAX_COUNT).optional(),
  work: varying,
  after: z.array(z.string()).default([]),
  material: strictObject({ name: z.string(), perUnit: positive.default(1) }).optional(),
});

const Arrival = z.union([
  z.literal('together'),
  strictObject({ within: seconds }),
  strictObject({ times: z.array(seconds) }),
]);

type Ctx = z.core.$RefinementCtx;

/** Tasks resolved against the beds and materials; links, names and cycles checked. */
function resolveTasks(
  tasks: readonly z.output<typeof Task>[],
  beds: number,
  materials: readonly ResolvedMaterial[],
  ctx: Ctx,
): ResolvedTask[] {
  const names = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (names.has(t.name))
      issue(ctx, ['tasks', i, 'name'], `a name not used before (tasks[${names.get(t.name)}] has it)`, t.name);
    else names.set(t.name, i);
  });
  const out = tasks.map((t, i): ResolvedTask => {
    if (t.scope === 'bed' && t.units !== undefined)
      issue(ctx, ['tasks', i, 'units'], 'no units for a bed-scope task (it has one unit per bed)', t.units);
    const perBed: number[] = [];
    const whole: number[] = [];
    t.after.forEach((a, k) => {
      const j = names.get(a);
      if (j === undefined)
        issue(
          ctx,
          ['tasks', i, 'after', k],
          `the name of a task (${[...names.keys()].map((n) => JSON.stringify(n)).join(', ')})`,
          a,
        );
      else if (j === i)
        issue(ctx, ['tasks', i, 'after', k], 'another task (a task cannot wait for itself)', a);
      else if (t.scope === 'bed' && tasks[j]!.scope === 'bed') perBed.push(j);
      else whole.push(j);
    });
    let material: ResolvedTask['material'] = null;
    if (t.material !== undefined) {
      const index = materials.findIndex((m) => m.name === t.material!.name);
      if (index < 0)
        issue(
          ctx,
          ['tasks', i, 'material', 'name'],
          `the name of a material (${materials.map((m) => JSON.stringify(m.name)).join(', ') || 'none declared'})`,
          t.material.name,
        );
      material = { index, perUnit: t.material.perUnit };
    }
    const units = t.scope === 'bed' ? beds : (t.units ?? 1);
    return { name: t.name, index: i, scope: t.scope, units, work: t.work, perBed, whole, material };
  });
  // Precedence must be acyclic, or some units could never start: depth-first search for a cycle.
  const state = new Array<number>(out.length).fill(0);
  const visit = (i: number, trail: number[]): boolean => {
    if (state[i] === 2) return true;
    if (state[i] === 1) {
      const cycle = [...trail.slice(trail.indexOf(i)), i].map((k) => out[k]!.name);
      issue(ctx, ['tasks', i, 'after'], `precedence without cycles (${cycle.join(' → ')})`, undefined);
      return false;
    }
    state[i] = 1;
    for (const j of [...out[i]!.perBed, ...out[i]!.whole]) if (!visit(j, [...trail, i])) return false;
    state[i] = 2;
    return true;
  };
  for (let i = 0; i < out.length; i++) if (!visit(i, [])) break;
  if (!out.some((t) => t.scope === 'bed'))
    issue(
      ctx,
      ['tasks'],
      'at least one bed-scope task (a bed is ready when its bed tasks are done)',
      out.map((t) => t.name),
    );
  return out;
}

/** A cross-field issue: a path inside the parameters, what is expected there, and the value. */
function issue(ctx: Ctx, path: (string | number)[], expected: string, value: unknown): void {
  ctx.addIssue({ code: 'custom', path, message: expected, input: value });
}

/** The schema of the setup's parameters for a simulation's epoch (it places clock times). */
const setupSchema = perEpoch((epoch) => {
  const clock = clockTime(epoch);
  return strictObject({
    start: clock.prefault('16:00'),
    beds: count(1, MAX_COUNT).default(500),
    target: count(1, MAX_COUNT).optional(),
    // The default (F15) needs an epoch; without one there is no default deadline.
    deadline: z.union([z.null(), clockTime(epoch, 'next-day')]).optional(),
    crew: strictObject({
      size: count(1, MAX_COUNT).default(110),
      arrival: Arrival.prefault({ within: '30 min' }),
    }).prefault({}),
    tasks: z
      .array(Task)
      .min(1, { error: 'a non-empty array of tasks' })
      .prefault(DEFAULT_SETUP_TASKS as never),
    materials: z.array(Material).default([]),
    order: z.enum(['bed-first', 'task-first']).default('bed-first'),
  }).transform((p, ctx): ResolvedSiteSetup => {
    const target = p.target ?? Math.min(327, p.beds);
    if (target > p.beds) issue(ctx, ['target'], `an integer ≤ beds (${p.beds})`, target);
    const deadline =
      p.deadline === undefined ? (epoch?.at('21:00', { before: 'next-day' }) ?? null) : p.deadline;
    // A deadline is reported as a clock time; one before the start or years after it is a typo.
    if (deadline !== null && !(deadline >= p.start && deadline - p.start <= MAX_DEADLINE_AFTER))
      issue(ctx, ['deadline'], 'a time after the start, within a year of it', p.deadline);
    const arrival: ResolvedSiteSetup['arrival'] =
      p.crew.arrival === 'together'
        ? { kind: 'times', times: new Array<number>(p.crew.size).fill(0) }
        : 'within' in p.crew.arrival
          ? { kind: 'within', within: p.crew.arrival.within }
          : { kind: 'times', times: p.crew.arrival.times };
    if (arrival.kind === 'times' && arrival.times.length !== p.crew.size)
      issue(
        ctx,
        ['crew', 'arrival', 'times'],
        `an array of ${p.crew.size} durations (one per volunteer)`,
        arrival.times,
      );
    p.materials.forEach((m, i) => {
      const j = p.materials.findIndex((o) => o.name === m.name);
      if (j !== i)
        issue(ctx, ['materials', i, 'name'], `a name not used before (materials[${j}] has it)`, m.name);
    });
    const tasks = resolveTasks(p.tasks, p.beds, p.materials, ctx);
    const { start, beds, materials, order } = p;
    return { start, beds, target, deadline, crewSize: p.crew.size, arrival, tasks, materials, order };
  });
});

/**
 * Validate and resolve the parameters against a simulation (for its epoch and clock).
 *
 * @throws ParameterError (a `SpecError`) listing every bad parameter, each with its path and value.
 * @example
 * ```ts
 * const r = resolveSiteSetup(sim, { beds: 100, target: 80 });
 * r.tasks.length; // 4
 * ```
 */
export function resolveSiteSetup(
  sim: Simulation,
  params: SiteSetupParams = {},
  path = 'siteSetup',
): ResolvedSiteSetup {
  const r = parseParams(setupSchema(sim.epoch), params, path, 'isolation-site setup');
  notBeforeNow(sim.now, r.start, `${path}.start`, params.start, 'isolation-site setup');
  return r;
}

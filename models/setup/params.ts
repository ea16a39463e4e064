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
import {
  type Distribution,
  type DurationInput,
  duration,
  ParameterError,
  type Simulation,
  validate,
} from '../../src/index.js';
import { boundedCount, type DurationSpec, durationDistribution } from '../durations.js';
import type { ParameterSource } from '../provenance.js';

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

/** The keys of {@link SiteSetupParams} and of a task (complete, checked by the compiler). */
const SETUP_KEYS = Object.keys({
  start: true,
  beds: true,
  target: true,
  deadline: true,
  crew: true,
  tasks: true,
  materials: true,
  order: true,
} satisfies Record<keyof SiteSetupParams, true>);
const TASK_KEYS = Object.keys({
  name: true,
  scope: true,
  units: true,
  work: true,
  after: true,
  material: true,
} satisfies Record<keyof SetupTaskInput, true>);

/**
 * Validate and resolve the parameters against a simulation (for its epoch and clock).
 *
 * @throws ParameterError naming the path and value of the first bad parameter.
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
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new ParameterError(path, 'an object of setup parameters', params);
  validate.knownKeys(params, path, SETUP_KEYS, ['deadline']);
  const startIn = params.start ?? '16:00';
  let start: number;
  if (typeof startIn === 'number') start = validate.finite(startIn, `${path}.start`);
  else if (typeof startIn === 'string') {
    if (sim.epoch === undefined)
      throw new ParameterError(
        `${path}.start`,
        'simulated seconds (clock times need a simulation with an epoch)',
        startIn,
      );
    start = sim.epoch.at(startIn, { path: `${path}.start`, before: 'error' });
  } else throw new ParameterError(`${path}.start`, 'a clock time like "16:00" or simulated seconds', startIn);
  if (start < sim.now)
    throw new ParameterError(`${path}.start`, `a time at or after now (${sim.now})`, startIn);
  const beds = boundedCount(params.beds ?? 500, `${path}.beds`, 1, MAX_COUNT);
  const target = validate.positiveInt(params.target ?? Math.min(327, beds), `${path}.target`);
  if (target > beds) throw new ParameterError(`${path}.target`, `an integer ≤ beds (${beds})`, target);
  let deadline: number | null = null;
  if (params.deadline === undefined) {
    // The default (F15) needs an epoch; without one there is no default deadline.
    if (sim.epoch !== undefined)
      deadline = sim.epoch.at('21:00', { path: `${path}.deadline`, before: 'next-day' });
  } else if (typeof params.deadline === 'number')
    deadline = validate.finite(params.deadline, `${path}.deadline`);
  else if (typeof params.deadline === 'string' && sim.epoch !== undefined)
    deadline = sim.epoch.at(params.deadline, { path: `${path}.deadline`, before: 'error' });
  else if (params.deadline !== null)
    throw new ParameterError(
      `${path}.deadline`,
      'a clock time like "21:00" (with an epoch), simulated seconds or null',
      params.deadline,
    );
  // A deadline is reported as a clock time; one before the start or years after it is a typo.
  if (deadline !== null && !(deadline >= start && deadline - start <= MAX_DEADLINE_AFTER))
    throw new ParameterError(
      `${path}.deadline`,
      'a time after the start, within a year of it',
      params.deadline,
    );

  const crewIn = params.crew ?? {};
  if (typeof crewIn !== 'object' || crewIn === null)
    throw new ParameterError(`${path}.crew`, 'an object { size, arrival }', crewIn);
  validate.knownKeys(crewIn, `${path}.crew`, ['size', 'arrival']);
  const crewSize = boundedCount(crewIn.size ?? 110, `${path}.crew.size`, 1, MAX_COUNT);
  const arrIn: unknown = crewIn.arrival ?? { within: '30 min' };
  let arrival: ResolvedSiteSetup['arrival'];
  if (arrIn === 'together') arrival = { kind: 'times', times: new Array<number>(crewSize).fill(0) };
  else if (typeof arrIn === 'object' && arrIn !== null && 'within' in arrIn) {
    validate.knownKeys(arrIn, `${path}.crew.arrival`, ['within']);
    arrival = {
      kind: 'within',
      within: duration((arrIn as { within: unknown }).within, `${path}.crew.arrival.within`),
    };
  } else if (typeof arrIn === 'object' && arrIn !== null && 'times' in arrIn) {
    validate.knownKeys(arrIn, `${path}.crew.arrival`, ['times']);
    const times = (arrIn as { times: unknown }).times;
    if (!Array.isArray(times) || times.length !== crewSize)
      throw new ParameterError(
        `${path}.crew.arrival.times`,
        `an array of ${crewSize} durations (one per volunteer)`,
        times,
      );
    arrival = { kind: 'times', times: times.map((t, i) => duration(t, `${path}.crew.arrival.times[${i}]`)) };
  } else throw new ParameterError(`${path}.crew.arrival`, '"together", { within } or { times }', arrIn);

  const materialsIn = params.materials ?? [];
  if (!Array.isArray(materialsIn))
    throw new ParameterError(`${path}.materials`, 'an array of materials', materialsIn);
  const materials: ResolvedMaterial[] = materialsIn.map((m: MaterialInput, i: number) => {
    const at = `${path}.materials[${i}]`;
    if (typeof m !== 'object' || m === null)
      throw new ParameterError(at, 'an object { name, initial, deliveries }', m);
    validate.knownKeys(m, at, ['name', 'initial', 'deliveries']);
    const name = validate.nonEmptyString(m.name, `${at}.name`);
    const deliveriesIn = m.deliveries ?? [];
    if (!Array.isArray(deliveriesIn))
      throw new ParameterError(`${at}.deliveries`, 'an array of { at, amount }', deliveriesIn);
    return {
      name,
      initial: validate.nonNegative(m.initial ?? 0, `${at}.initial`),
      deliveries: deliveriesIn.map((d: { at: DurationInput; amount: number }, k: number) => {
        if (typeof d !== 'object' || d === null)
          throw new ParameterError(`${at}.deliveries[${k}]`, 'an object { at, amount }', d);
        validate.knownKeys(d, `${at}.deliveries[${k}]`, ['at', 'amount']);
        return {
          at: duration(d.at, `${at}.deliveries[${k}].at`),
          amount: validate.positive(d.amount, `${at}.deliveries[${k}].amount`),
        };
      }),
    };
  });
  materials.forEach((m, i) => {
    const j = materials.findIndex((o) => o.name === m.name);
    if (j !== i)
      throw new ParameterError(
        `${path}.materials[${i}].name`,
        `a name not used before (materials[${j}] has it)`,
        m.name,
      );
  });

  const tasksIn = params.tasks ?? DEFAULT_SETUP_TASKS;
  if (!Array.isArray(tasksIn) || tasksIn.length === 0)
    throw new ParameterError(`${path}.tasks`, 'a non-empty array of tasks', tasksIn);
  const names = new Map<string, number>();
  tasksIn.forEach((t: SetupTaskInput, i: number) => {
    const at = `${path}.tasks[${i}]`;
    if (typeof t !== 'object' || t === null)
      throw new ParameterError(at, 'an object { name, scope, work }', t);
    validate.knownKeys(t, at, TASK_KEYS);
    const name = validate.nonEmptyString(t.name, `${at}.name`);
    if (names.has(name))
      throw new ParameterError(
        `${at}.name`,
        `a name not used before (tasks[${names.get(name)}] has it)`,
        name,
      );
    names.set(name, i);
  });
  const tasks: ResolvedTask[] = tasksIn.map((t: SetupTaskInput, i: number) => {
    const at = `${path}.tasks[${i}]`;
    const scope = validate.oneOf(t.scope, `${at}.scope`, ['bed', 'site'] as const);
    if (scope === 'bed' && t.units !== undefined)
      throw new ParameterError(
        `${at}.units`,
        'no units for a bed-scope task (it has one unit per bed)',
        t.units,
      );
    const units = scope === 'bed' ? beds : boundedCount(t.units ?? 1, `${at}.units`, 1, MAX_COUNT);
    const work = durationDistribution(t.work, `${at}.work`);
    const afterIn = t.after ?? [];
    if (!Array.isArray(afterIn)) throw new ParameterError(`${at}.after`, 'an array of task names', afterIn);
    const perBed: number[] = [];
    const whole: number[] = [];
    afterIn.forEach((a: unknown, k: number) => {
      const j = typeof a === 'string' ? names.get(a) : undefined;
      if (j === undefined)
        throw new ParameterError(
          `${at}.after[${k}]`,
          `the name of a task (${[...names.keys()].map((n) => JSON.stringify(n)).join(', ')})`,
          a,
        );
      if (j === i)
        throw new ParameterError(`${at}.after[${k}]`, 'another task (a task cannot wait for itself)', a);
      if (scope === 'bed' && tasksIn[j]!.scope === 'bed') perBed.push(j);
      else whole.push(j);
    });
    let material: ResolvedTask['material'] = null;
    if (t.material !== undefined) {
      if (typeof t.material !== 'object' || t.material === null)
        throw new ParameterError(`${at}.material`, 'an object { name, perUnit }', t.material);
      validate.knownKeys(t.material, `${at}.material`, ['name', 'perUnit']);
      const index = materials.findIndex((m) => m.name === t.material!.name);
      if (index < 0)
        throw new ParameterError(
          `${at}.material.name`,
          `the name of a material (${materials.map((m) => JSON.stringify(m.name)).join(', ') || 'none declared'})`,
          t.material.name,
        );
      material = { index, perUnit: validate.positive(t.material.perUnit ?? 1, `${at}.material.perUnit`) };
    }
    return { name: t.name, index: i, scope, units, work, perBed, whole, material };
  });
  // Precedence must be acyclic, or some units could never start: depth-first search for a cycle.
  const state = new Array<number>(tasks.length).fill(0);
  const visit = (i: number, trail: number[]): void => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const cycle = [...trail.slice(trail.indexOf(i)), i].map((k) => tasks[k]!.name);
      throw new ParameterError(`${path}.tasks[${i}].after`, 'precedence without cycles', cycle.join(' → '));
    }
    state[i] = 1;
    for (const j of [...tasks[i]!.perBed, ...tasks[i]!.whole]) visit(j, [...trail, i]);
    state[i] = 2;
  };
  for (let i = 0; i < tasks.length; i++) visit(i, []);
  if (!tasks.some((t) => t.scope === 'bed'))
    throw new ParameterError(
      `${path}.tasks`,
      'at least one bed-scope task (a bed is ready when its bed tasks are done)',
      tasksIn.map((t) => t.name),
    );
  const order = validate.oneOf(params.order ?? 'bed-first', `${path}.order`, [
    'bed-first',
    'task-first',
  ] as const);
  return { start, beds, target, deadline, crewSize, arrival, tasks, materials, order };
}

/**
 * The scenario shape: what a runnable scenario module exports so that a script, the `surgesim`
 * command, a notebook or a test can run it the same way.
 *
 * A scenario is a model of one day (or one question) with documented default parameters, one
 * replication function, and the figures to read out of each replication: figures the source reports
 * (with the reported value, the fact id, and whether a parameter was fitted to it) and planner
 * metrics (no reported value). {@link runScenario} replicates it and summarises every figure as a
 * median with an interval over replications, beside the reported value.
 *
 * A scenario module exports it as `scenario` (or as its default export):
 * ```ts
 * export const scenario = defineScenario({
 *   name: 'desk', title: 'One desk', defaults: { servers: 2 },
 *   run: (p, ctx) => runDesk(p, ctx.seed),
 *   figures: [{ id: 'served', label: 'People served', unit: 'count', value: (r) => r.served, reported: 480, source: 'F1' }],
 * });
 * ```
 *
 * Time figures are in seconds: `unit: 'clock'` means seconds after the scenario's epoch (printed as a
 * clock time), `unit: 'duration'` a length of time (printed as "4 h 5 min").
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { closestName } from '../kernel/validate.js';
import type { ReplicationContext } from './replicate.js';
import type { ScenarioResult } from './scenarioRun.js';

/**
 * How a figure's numbers are read and printed.
 * - `count`: a number of people, beds, trips… (printed with digit groups);
 * - `clock`: seconds after the scenario's epoch (printed as a clock time, "21:37");
 * - `duration`: seconds (printed as "4 h 5 min");
 * - `person-minutes`, `person-hours`: exposure or work, printed as numbers with the unit;
 * - `fraction`: a share in [0, 1] (printed as a percentage);
 * - `seconds`: a short time such as a wait (printed as "95 s" or "3 min 5 s").
 *
 * @example
 * ```ts
 * const unit: FigureUnit = 'clock';
 * ```
 */
export type FigureUnit =
  | 'count'
  | 'clock'
  | 'duration'
  | 'seconds'
  | 'person-minutes'
  | 'person-hours'
  | 'fraction';

/**
 * The units {@link FigureUnit} allows, for validation.
 *
 * @example
 * ```ts
 * FIGURE_UNITS.includes('clock'); // true
 * ```
 */
export const FIGURE_UNITS: readonly FigureUnit[] = [
  'count',
  'clock',
  'duration',
  'seconds',
  'person-minutes',
  'person-hours',
  'fraction',
];

/**
 * One figure read out of each replication's result.
 *
 * @example
 * ```ts
 * const beds: ScenarioFigure<DayResult> = {
 *   id: 'bedsReady500', label: '500 beds ready', unit: 'clock', source: 'F11',
 *   reported: 14.5 * 3600, value: (r) => r.bedsReadyAt,
 * };
 * ```
 */
export interface ScenarioFigure<R> {
  /** Stable identifier (JSON key, comparison key): letters, digits, `_`, `.` and `-`. */
  readonly id: string;
  /** What a planner reads in the table. */
  readonly label: string;
  /** How the number is read and printed. */
  readonly unit: FigureUnit;
  /** The figure in one replication; null when it did not happen (e.g. never reached). */
  readonly value: (result: R) => number | null;
  /** The value the source reports, in the figure's unit; absent for planner metrics. */
  readonly reported?: number;
  /** Where the reported value comes from: a fact id such as `F14`. */
  readonly source?: string;
  /**
   * If a parameter was fitted so that this figure matches the report, that parameter's path (and
   * how): the figure is then a check of the fit, not a prediction.
   */
  readonly fitted?: string;
  /** Relative tolerance for "matches the report" (e.g. 0.05); judged on the median. */
  readonly tolerance?: number;
  /** A lower value is better (for comparisons and plans); default: no preference. */
  readonly better?: 'lower' | 'higher';
}

/**
 * A runnable scenario.
 *
 * @typeParam P - parameters: plain JSON data.
 * @typeParam R - one replication's result: plain JSON data.
 * @example
 * ```ts
 * const s: Scenario<{ servers: number }, { served: number }> = defineScenario({ ... });
 * runScenario(s, { replications: 20, seed: 1 });
 * ```
 */
export interface Scenario<P, R> {
  /** Short machine name (file names, JSON): letters, digits and `-`. */
  readonly name: string;
  /** Title for tables and reports. */
  readonly title: string;
  /** What the scenario replays or asks, in a few sentences. */
  readonly description?: string;
  /** Epoch of the scenario's clock (ISO with offset) so `clock` figures print as clock times. */
  readonly epoch?: string;
  /** Default parameters (the baseline). */
  readonly defaults: P;
  /**
   * Merge overrides into the defaults, for scenarios whose parameters have a vocabulary of their own
   * (a campaign spec, where a value may carry its source); default {@link mergeParameters}.
   */
  readonly merge?: (defaults: P, overrides: Overrides<P>) => P;
  /**
   * Check parameters before any run; throw a {@link ParameterError} naming the path and the value.
   * Called on the defaults merged with any overrides.
   */
  readonly validate?: (params: P) => void;
  /** One replication: all randomness from `ctx` (its seed or streams). Must return plain data. */
  readonly run: (params: P, ctx: ReplicationContext) => R;
  /** Figures the source reports, in table order. */
  readonly figures: readonly ScenarioFigure<R>[];
  /** Planner metrics (figures without a reported value), in table order. */
  readonly metrics?: readonly ScenarioFigure<R>[];
  /** Parameters fitted to reported figures: parameter path → what it was fitted to and how. */
  readonly fitted?: Readonly<Record<string, string>>;
  /** Named assumptions: parameter path → the assumption and the range considered. */
  readonly assumptions?: Readonly<Record<string, string>>;
  /**
   * Charts of a finished run (vega-lite specs, e.g. from `surgesim/report`), for `--out` reports.
   * Called with a result that has `runs` (the runner keeps them when charts are wanted).
   */
  readonly charts?: (result: ScenarioResult<P, R>) => readonly ScenarioChart[];
}

/**
 * A chart a scenario offers for its report: a vega-lite spec with a name (file name) and title.
 * Structurally the same as the report module's `ReportChart`, so the experiment layer does not depend
 * on the report layer.
 *
 * @example
 * ```ts
 * const chart: ScenarioChart = { name: 'beds', title: 'Beds ready', spec: bedsReadySpec({ ... }) };
 * ```
 */
export interface ScenarioChart {
  /** File name stem of the chart's images: letters, digits, `-` and `_`. */
  readonly name: string;
  /** Heading above the chart. */
  readonly title: string;
  /** The vega-lite spec (typed loosely here so this layer does not import vega-lite's types). */
  readonly spec: any;
  /** A sentence under the chart saying what to look for; absent for none. */
  readonly caption?: string;
}

const ID = /^[A-Za-z0-9_.-]+$/;
const NAME = /^[A-Za-z0-9-]+$/;

/**
 * Check a scenario's shape and return it unchanged (typed). Throws a {@link ParameterError} naming the
 * bad field, so a scenario file with a mistake fails before any run.
 *
 * @param scenario - the scenario.
 * @param path - name used in messages.
 * @example
 * ```ts
 * export const scenario = defineScenario({ name: 'desk', title: 'One desk', defaults: {}, run, figures: [] });
 * ```
 */
export function defineScenario<P, R>(scenario: Scenario<P, R>, path = 'scenario'): Scenario<P, R> {
  checkScenario(scenario, path);
  return scenario;
}

/**
 * Throw a {@link ParameterError} unless `value` has the scenario shape.
 *
 * @param value - anything (e.g. a module's `scenario` export).
 * @param path - name used in messages.
 * @example
 * ```ts
 * checkScenario(mod.scenario ?? mod.default, 'scenarios/qingxu.ts: scenario');
 * ```
 */
export function checkScenario(
  value: unknown,
  path = 'scenario',
): asserts value is Scenario<unknown, unknown> {
  if (value === null || typeof value !== 'object')
    throw new ParameterError(path, 'a scenario object (see defineScenario)', value);
  const s = value as Record<string, unknown>;
  if (typeof s.name !== 'string' || !NAME.test(s.name))
    throw new ParameterError(`${path}.name`, 'a name of letters, digits and -', s.name);
  if (typeof s.title !== 'string' || s.title.trim() === '')
    throw new ParameterError(`${path}.title`, 'a non-empty string', s.title);
  if (s.defaults === null || typeof s.defaults !== 'object')
    throw new ParameterError(`${path}.defaults`, 'a parameter object', s.defaults);
  if (typeof s.run !== 'function')
    throw new ParameterError(`${path}.run`, 'a function (params, ctx) => result', s.run);
  if (s.merge !== undefined && typeof s.merge !== 'function')
    throw new ParameterError(`${path}.merge`, 'a function (defaults, overrides) => params', s.merge);
  if (s.validate !== undefined && typeof s.validate !== 'function')
    throw new ParameterError(`${path}.validate`, 'a function (params) => void', s.validate);
  if (s.charts !== undefined && typeof s.charts !== 'function')
    throw new ParameterError(`${path}.charts`, 'a function (result) => charts', s.charts);
  if (s.epoch !== undefined && typeof s.epoch !== 'string')
    throw new ParameterError(`${path}.epoch`, 'an ISO date-time with offset', s.epoch);
  checkFigures(s.figures, `${path}.figures`, false);
  if (s.metrics !== undefined) checkFigures(s.metrics, `${path}.metrics`, true);
  const ids = new Set<string>();
  for (const [key, list] of [
    ['figures', s.figures],
    ['metrics', s.metrics ?? []],
  ] as const)
    for (const [i, f] of (list as ScenarioFigure<unknown>[]).entries()) {
      if (ids.has(f.id)) throw new ParameterError(`${path}.${key}[${i}].id`, 'an id used once', f.id);
      ids.add(f.id);
    }
}

function checkFigures(list: unknown, path: string, metrics: boolean): void {
  if (!Array.isArray(list)) throw new ParameterError(path, 'an array of figures', list);
  for (const [i, f] of list.entries()) {
    const at = `${path}[${i}]`;
    if (f === null || typeof f !== 'object') throw new ParameterError(at, 'a figure object', f);
    if (typeof f.id !== 'string' || !ID.test(f.id))
      throw new ParameterError(`${at}.id`, 'an id of letters, digits, _, . and -', f.id);
    if (typeof f.label !== 'string' || f.label === '')
      throw new ParameterError(`${at}.label`, 'a non-empty string', f.label);
    if (!FIGURE_UNITS.includes(f.unit))
      throw new ParameterError(`${at}.unit`, `one of ${FIGURE_UNITS.join(', ')}`, f.unit);
    if (typeof f.value !== 'function')
      throw new ParameterError(`${at}.value`, 'a function (result) => number | null', f.value);
    if (f.reported !== undefined && !Number.isFinite(f.reported))
      throw new ParameterError(`${at}.reported`, 'a finite number', f.reported);
    if (metrics && f.reported !== undefined)
      throw new ParameterError(
        `${at}.reported`,
        'no reported value on a planner metric (put it in figures)',
        f.reported,
      );
    if (f.tolerance !== undefined && !(Number.isFinite(f.tolerance) && f.tolerance > 0))
      throw new ParameterError(`${at}.tolerance`, 'a relative tolerance > 0', f.tolerance);
    if (f.better !== undefined && f.better !== 'lower' && f.better !== 'higher')
      throw new ParameterError(`${at}.better`, "'lower' or 'higher'", f.better);
  }
}

/**
 * Parameter overrides: any part of the parameters, nested objects merged, everything else replaced.
 *
 * @example
 * ```ts
 * const o: Overrides<{ site: { clerks: number; swabbers: number } }> = { site: { clerks: 6 } };
 * ```
 */
export type Overrides<P> = P extends readonly unknown[]
  ? P
  : P extends object
    ? { readonly [K in keyof P]?: Overrides<P[K]> }
    : P;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Merge overrides into parameters: plain objects are merged key by key, anything else (numbers,
 * strings, arrays) replaces the default. A key the defaults do not have is an error naming its path,
 * with the closest known key as a suggestion, so a misspelt override never goes unnoticed; so is
 * `null` where the default is not null (null never means "use the default"), and a value whose kind differs from the default's
 * (an object for a number) — except that a number may replace a string and vice versa, because
 * durations and rates may be written either way ("40 s" or 40).
 *
 * @param defaults - the baseline parameters.
 * @param overrides - the changes.
 * @param path - prefix for error paths.
 * @example
 * ```ts
 * mergeParameters({ site: { clerks: 4, swabbers: 6 } }, { site: { clerks: 6 } });
 * // { site: { clerks: 6, swabbers: 6 } }
 * mergeParameters({ site: { clerks: 4 } }, { site: { clarks: 6 } }); // throws "site.clarks: ..."
 * ```
 */
export function mergeParameters<P>(defaults: P, overrides: Overrides<P> | undefined, path = 'parameters'): P {
  if (overrides === undefined) return structuredClone(defaults);
  return merge(defaults, overrides, path) as P;
}

function merge(base: unknown, over: unknown, path: string): unknown {
  if (isPlainObject(base)) {
    if (!isPlainObject(over)) throw new ParameterError(path, 'an object of overrides', over);
    const out: Record<string, unknown> = structuredClone(base);
    for (const [key, value] of Object.entries(over)) {
      if (value === undefined) continue;
      const at = `${path}.${key}`;
      if (!Object.hasOwn(base, key)) {
        const near = closestName(key, Object.keys(base));
        const hint = near === undefined ? '' : ` — did you mean "${near}"?`;
        throw new ParameterError(
          at,
          `one of the known parameters${hint} (${Object.keys(base).join(', ')})`,
          value,
        );
      }
      out[key] = merge(base[key], value, at);
    }
    return out;
  }
  const kind = (v: unknown) =>
    v === null
      ? 'null'
      : Array.isArray(v)
        ? 'array'
        : typeof v === 'number' || typeof v === 'string'
          ? 'scalar'
          : typeof v;
  // null never stands for "the default": leaving the key out does. It may only replace a null default.
  if (over === null && base !== null)
    throw new ParameterError(
      path,
      `a value like the default (${JSON.stringify(base)}); null is not a default`,
      over,
    );
  if (base !== null && base !== undefined && kind(base) !== kind(over))
    throw new ParameterError(path, `a value like the default (${JSON.stringify(base)})`, over);
  return structuredClone(over);
}

/**
 * The scenario's parameters with overrides merged in and validated: what a run uses.
 *
 * @param scenario - the scenario.
 * @param overrides - changes to the defaults.
 * @example
 * ```ts
 * const p = resolveScenarioParameters(scenario, { hedong: { swabbers: 1200 } });
 * ```
 */
export function resolveScenarioParameters<P, R>(scenario: Scenario<P, R>, overrides?: Overrides<P>): P {
  const params =
    scenario.merge && overrides !== undefined
      ? scenario.merge(structuredClone(scenario.defaults), overrides)
      : mergeParameters(scenario.defaults, overrides, 'parameters');
  scenario.validate?.(params);
  return params;
}

/**
 * Set one parameter by a dotted path, for command-line `--set hedong.swabbers=1200`: the value is
 * parsed as JSON when it can be (numbers, booleans, arrays, objects) and taken as a string otherwise
 * ("40 s"). Returns overrides for {@link mergeParameters}.
 *
 * @param assignment - `path=value`.
 * @example
 * ```ts
 * overrideFromAssignment('hedong.swabbers=1200'); // { hedong: { swabbers: 1200 } }
 * overrideFromAssignment('registration.mean=40 s'); // { registration: { mean: '40 s' } }
 * ```
 */
export function overrideFromAssignment(assignment: string): Record<string, unknown> {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new ParameterError('--set', 'path=value (e.g. hedong.swabbers=1200)', assignment);
  const keys = assignment.slice(0, eq).trim().split('.');
  if (keys.some((k) => !/^[A-Za-z0-9_$-]+$/.test(k)))
    throw new ParameterError(
      '--set',
      'a dotted parameter path (e.g. hedong.swabbers)',
      assignment.slice(0, eq),
    );
  const raw = assignment.slice(eq + 1).trim();
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // not JSON: keep the text, e.g. a duration "40 s"
  }
  let out: unknown = value;
  for (let i = keys.length - 1; i >= 0; i--) out = { [keys[i]!]: out };
  return out as Record<string, unknown>;
}

/**
 * Merge several override objects (later ones win), e.g. one per `--set`.
 *
 * @example
 * ```ts
 * combineOverrides([{ a: { b: 1 } }, { a: { c: 2 } }]); // { a: { b: 1, c: 2 } }
 * ```
 */
export function combineOverrides(list: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const into = (target: Record<string, unknown>, source: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(source)) {
      const t = target[k];
      if (isPlainObject(v) && isPlainObject(t)) into(t, v);
      else target[k] = structuredClone(v);
    }
  };
  for (const o of list) into(out, o);
  return out;
}

/**
 * Parameter sweeps: replications at every point of a grid, summarised as one tidy table.
 *
 * A grid names each parameter with the values to try, `{ servers: [4, 5, 6], rate: [0.5, 0.6] }`; the
 * points are the cartesian product, the first parameter varying slowest. Every point runs the same
 * replication seeds (`replicationSeed(seed, i)`), so with a model that draws from named streams the
 * points share their random numbers — common random numbers, which make differences *between* points
 * far more precise than the intervals at each point suggest.
 *
 * The rows are tidy: one per (point, output field), with the point's parameter values as columns next
 * to the fixed statistic columns ({@link SWEEP_COLUMNS}), ready for a chart or a CSV.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { version } from '../version.js';
import { type ReplicateOptions, type ResolvedReplicateOptions, resolveReplicateOptions } from './options.js';
import { type ReplicateResult, type ReplicationContext, replicateResolved } from './replicate.js';
import type { FieldSummary } from './summary.js';

/** A value a grid parameter can take: plain and printable, so it can be a table column. */
export type GridValue = number | string | boolean;

/**
 * A parameter grid: each parameter's name with the values to try.
 *
 * @example
 * ```ts
 * const grid = { servers: [4, 5, 6], policy: ['fifo', 'priority'] } as const satisfies Grid;
 * ```
 */
export type Grid = { readonly [name: string]: readonly GridValue[] };

/**
 * One point of a grid: a value for each parameter.
 *
 * @example
 * ```ts
 * const p: GridPoint<{ servers: readonly number[] }> = { servers: 5 };
 * ```
 */
export type GridPoint<G extends Grid> = { -readonly [K in keyof G]: G[K][number] };

/**
 * The fixed columns of a sweep row. A row is `point`, then the grid's parameters, then `field` and the
 * statistics; a grid parameter may not use one of these names.
 *
 * @example
 * ```ts
 * SWEEP_COLUMNS.includes('halfWidth'); // true
 * ```
 */
export const SWEEP_COLUMNS = [
  'point',
  'field',
  'n',
  'missing',
  'mean',
  'sd',
  'halfWidth',
  'relativeHalfWidth',
  'lower',
  'upper',
  'min',
  'max',
  'level',
] as const;

/**
 * One tidy row: a grid point's parameters and one output field's summary there.
 *
 * @example
 * ```ts
 * const row: SweepRow<{ servers: readonly number[] }> = result.rows[0]!;
 * `${row.servers} servers: ${row.field} = ${row.mean} ± ${row.halfWidth}`;
 * ```
 */
export type SweepRow<G extends Grid> = GridPoint<G> & { readonly point: number } & FieldSummary;

/** Options of {@link sweep}: replication options plus fixed parameters merged into every point. */
export interface SweepOptions<B extends object = Record<never, never>> extends ReplicateOptions {
  /** Parameters shared by every point (grid values override them). */
  readonly base?: B;
}

/** The results at one grid point. */
export interface SweepPoint<P, R> {
  /** Index of the point in grid order. */
  readonly index: number;
  /** The full parameters the model ran with (base merged with the point's grid values). */
  readonly params: P;
  /** Replications at this point. */
  readonly result: ReplicateResult<R>;
}

/**
 * The result of {@link sweep}: plain JSON.
 *
 * @example
 * ```ts
 * const s = sweep(model, { servers: [4, 5] }, { replications: 10, seed: 1 });
 * s.rows.filter((r) => r.field === 'meanWait'); // one row per point
 * ```
 */
export interface SweepResult<G extends Grid, P, R> {
  /** Base seed (the same replication seeds at every point). */
  readonly seed: number;
  /** Replications per point (with a precision target, the minimum; see each point's result). */
  readonly replications: number;
  /** The options, every default filled in. */
  readonly options: ResolvedReplicateOptions & { readonly base: object };
  /** The grid as given. */
  readonly grid: G;
  /** Library version. */
  readonly version: string;
  /** Per point: parameters and replications. */
  readonly points: SweepPoint<P, R>[];
  /** Tidy rows, point by point, fields in output order. */
  readonly rows: SweepRow<G>[];
}

/**
 * The points of a grid, in order (first parameter varying slowest).
 *
 * @param grid - parameter name → non-empty array of distinct values.
 * @param path - where the grid sits, for messages.
 * @throws {@link ParameterError} for an empty grid, a value list that is not a non-empty array, a value
 *   that is not a finite number, string or boolean, a repeated value, or a reserved column name.
 * @example
 * ```ts
 * gridPoints({ a: [1, 2], b: ['x', 'y'] });
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 * ```
 */
export function gridPoints<G extends Grid>(grid: G, path = 'grid'): GridPoint<G>[] {
  if (typeof grid !== 'object' || grid === null || Array.isArray(grid))
    throw new ParameterError(path, 'an object { parameter: [values…] }', grid);
  const names = Object.keys(grid);
  if (names.length === 0) throw new ParameterError(path, 'at least one parameter with values', grid);
  for (const name of names) {
    if ((SWEEP_COLUMNS as readonly string[]).includes(name))
      throw new ParameterError(
        `${path}.${name}`,
        `a parameter name other than the table's own columns (${SWEEP_COLUMNS.join(', ')})`,
        name,
      );
    const values: unknown = grid[name];
    if (!Array.isArray(values) || values.length === 0)
      throw new ParameterError(`${path}.${name}`, 'a non-empty array of values', values);
    values.forEach((v: unknown, i) => {
      const ok =
        typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) throw new ParameterError(`${path}.${name}[${i}]`, 'a finite number, a string or a boolean', v);
      if (values.indexOf(v) !== i)
        throw new ParameterError(
          `${path}.${name}[${i}]`,
          `a value not already in the list (at [${values.indexOf(v)}])`,
          v,
        );
    });
  }
  let points: Record<string, GridValue>[] = [{}];
  for (const name of names) {
    const next: Record<string, GridValue>[] = [];
    for (const p of points) for (const v of grid[name]!) next.push({ ...p, [name]: v });
    points = next;
  }
  return points as GridPoint<G>[];
}

/**
 * Run `model` in replications at every point of `grid`, with the same replication seeds at every
 * point (common random numbers).
 *
 * @param model - `(params, ctx) => plain data`.
 * @param grid - parameter name → values; see {@link gridPoints}.
 * @param options - replication options (see {@link replicate}) and optional fixed `base` parameters.
 * @throws {@link ParameterError} for a bad grid or option, before any replication runs.
 * @example
 * ```ts
 * const s = sweep(
 *   (p, ctx) => runDesk({ servers: p.servers, arrivalRate: p.rate, seed: ctx.seed }),
 *   { servers: [4, 5, 6], rate: [0.5, 0.6] },
 *   { replications: 20, seed: 42 },
 * );
 * s.rows; // [{ point: 0, servers: 4, rate: 0.5, field: 'meanWait', mean, halfWidth, … }, …]
 * ```
 */
export function sweep<G extends Grid, R, B extends object = Record<never, never>>(
  model: (params: B & GridPoint<G>, ctx: ReplicationContext) => R,
  grid: G,
  options: SweepOptions<B>,
): SweepResult<G, B & GridPoint<G>, R> {
  if (typeof model !== 'function')
    throw new ParameterError('sweep.model', 'a function (params, ctx) => plain data', model);
  const plan = planSweep(grid, options, 'sweep');
  const results = plan.params.map((params, index) => ({
    index,
    params,
    result: replicateResolved(
      (ctx: ReplicationContext) => model(params, ctx),
      plan.resolved,
      `sweep.points[${index}]`,
    ),
  }));
  return sweepResult(grid, plan, results);
}

/**
 * A checked sweep: options, base parameters and every point's full parameters.
 *
 * @internal
 * @example
 * ```ts
 * const plan = planSweep({ servers: [4, 5] }, { replications: 10, seed: 1 }, 'sweep');
 * plan.params; // [{ servers: 4 }, { servers: 5 }]
 * ```
 */
export interface SweepPlan<G extends Grid, B extends object> {
  readonly resolved: ResolvedReplicateOptions;
  readonly base: B;
  readonly points: GridPoint<G>[];
  readonly params: (B & GridPoint<G>)[];
}

/**
 * Check a sweep's grid and options (shared with the parallel runner).
 *
 * @internal
 * @example
 * ```ts
 * planSweep({ servers: [4, 5] }, { replications: 10, seed: 1 }, 'sweep');
 * ```
 */
export function planSweep<G extends Grid, B extends object>(
  grid: G,
  options: SweepOptions<B>,
  path: string,
  extraKeys: readonly string[] = [],
): SweepPlan<G, B> {
  const resolved = resolveReplicateOptions(options, `${path}.options`, ['base', ...extraKeys]);
  const base = options.base ?? ({} as B);
  if (typeof base !== 'object' || base === null || Array.isArray(base))
    throw new ParameterError(`${path}.options.base`, 'an object of fixed parameters', base);
  const points = gridPoints(grid, `${path}.grid`);
  return { resolved, base, points, params: points.map((point) => ({ ...base, ...point })) };
}

/**
 * Assemble a sweep's result and tidy rows from the results at each point (shared with the parallel
 * runner, so equal replications give equal results).
 *
 * @internal
 * @example
 * ```ts
 * sweepResult(grid, plan, points);
 * ```
 */
export function sweepResult<G extends Grid, B extends object, R>(
  grid: G,
  plan: SweepPlan<G, B>,
  points: SweepPoint<B & GridPoint<G>, R>[],
): SweepResult<G, B & GridPoint<G>, R> {
  const rows: SweepRow<G>[] = [];
  for (const { index, result } of points) {
    const point = plan.points[index]!;
    for (const s of Object.values(result.summary)) rows.push({ point: index, ...point, ...s } as SweepRow<G>);
  }
  return {
    seed: plan.resolved.seed,
    replications: plan.resolved.replications,
    options: { ...plan.resolved, base: plan.base },
    grid,
    version,
    points,
    rows,
  };
}

/**
 * One resource's usage and queue over time, in one call from the resources monitor table
 * (`sim.resourcesTable()` of a simulation made with `tables: true`): units in use, requests waiting
 * and capacity as step lines (`step-after`: each level holds until the next change). With an epoch
 * the axis is clock time, otherwise simulated seconds.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { ParameterError } from '../kernel/errors.js';
import type { RESOURCE_COLUMNS } from '../stats/schemas.js';
import type { Table } from '../stats/table.js';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch } from './clock.js';
import { type ChartOptions, frame, num } from './options.js';

/**
 * Options of {@link resourceUsageSpec}.
 *
 * @example
 * ```ts
 * const options: ResourceUsageOptions = { resource: 'swab', epoch: '2022-04-13T19:00+08:00', until: sim.now };
 * ```
 */
export interface ResourceUsageOptions extends ChartOptions {
  /** Name of the resource to chart (the table's `resource` column). */
  readonly resource: string;
  /** Replication to chart when the table stacks several (e.g. from `bindRows`). */
  readonly replication?: number;
  /** The scenario's epoch (simulated time 0): the axis then shows clock times. */
  readonly epoch?: EpochLike;
  /** Draw the last levels on to this time (usually the end of the run, `sim.now`). */
  readonly until?: number;
}

/** The three series, in legend order. */
const SERIES = ['in use', 'queue', 'capacity'] as const;

/**
 * A vega-lite spec of one resource's busy units, queue length and capacity over time, from a resources
 * monitor table. Unlimited capacity (null) is not drawn.
 *
 * @throws ParameterError for a resource that is not in the table (the message lists those that
 *   are), a table with several replications and no `replication` chosen, or a bad `until`.
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, tables: true });
 * // ... build and run the model
 * const spec = resourceUsageSpec(sim.resourcesTable(), { resource: 'desk', until: sim.now });
 * ```
 */
export function resourceUsageSpec(
  table: Table<typeof RESOURCE_COLUMNS>,
  options: ResourceUsageOptions,
): TopLevelSpec {
  const { resource, replication } = options;
  const cols = table.columns;
  const picked: number[] = [];
  for (let i = 0; i < table.length; i++)
    if (cols.resource[i] === resource && (replication === undefined || cols.replication[i] === replication))
      picked.push(i);
  if (picked.length === 0) {
    const names = [...new Set(cols.resource)].join(', ');
    throw new ParameterError(
      'options.resource',
      `a resource in the table${replication === undefined ? '' : ` for replication ${replication}`} (${names})`,
      resource,
    );
  }
  const replications = new Set(picked.map((i) => cols.replication[i]!));
  if (replications.size > 1)
    throw new ParameterError(
      'options.replication',
      `one of the replications in the table (${[...replications].join(', ')})`,
      replication,
    );
  const last = picked[picked.length - 1]!;
  const times = picked.map((i) => cols.time[i]!);
  if (options.until !== undefined) {
    const until = num(options.until, 'options.until');
    if (until < cols.time[last]!)
      throw new ParameterError('options.until', `a time ≥ the last change (${cols.time[last]})`, until);
    times.push(until);
    picked.push(last);
  }
  const epoch = options.epoch === undefined ? undefined : toEpoch(options.epoch, 'options.epoch');
  const xs = epoch === undefined ? times : times.map((t) => epoch.toWallClockMillis(t));
  const values: { x: number; series: string; value: number }[] = [];
  picked.forEach((i, k) => {
    const x = xs[k]!;
    values.push({ x, series: 'in use', value: cols.busy[i]! });
    values.push({ x, series: 'queue', value: cols.queue[i]! });
    const capacity = cols.capacity[i]!;
    if (capacity !== null) values.push({ x, series: 'capacity', value: capacity });
  });
  const series = values.some((v) => v.series === 'capacity') ? SERIES : SERIES.slice(0, 2);
  const head = frame(options, `${resource}: in use and queue`);
  return {
    ...head,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
    encoding: {
      x:
        epoch === undefined
          ? { field: 'x', type: 'quantitative', title: 'Simulated time (s)' }
          : clockEncoding('x', clockAxisTitle(epoch), xs, head.width),
      y: { field: 'value', type: 'quantitative', title: 'Units or requests' },
      color: {
        field: 'series',
        type: 'nominal',
        title: resource,
        sort: [...series],
        scale: { domain: [...series] },
      },
      // Same field, title and order as the colour, so vega-lite merges the two into one legend.
      strokeDash: {
        field: 'series',
        type: 'nominal',
        title: resource,
        sort: [...series],
        scale: { domain: [...series], range: series.map((s) => (s === 'capacity' ? [4, 3] : [1, 0])) },
      },
    },
  };
}

/**
 * The standard table schemas: the documented contract for results that leave a run.
 *
 * Every standard table starts with the run key {@link KEY_COLUMNS} — `scenario`, `replication`,
 * `seed` — so that tables from many runs can be stacked with `bindRows` and still say where each row
 * came from, and any row can be reproduced. Times are in model units (seconds in surgesim's models),
 * measured from the simulation start; the scenario's epoch turns them into clock times.
 *
 * Models define further schemas the same way: an array of columns `as const satisfies Schema`,
 * starting with `...KEY_COLUMNS`.
 *
 * @module
 */
import type { Schema } from './table.js';

/**
 * The run key carried by every row: which scenario, which replication, which seed.
 *
 * | column | type | meaning |
 * |---|---|---|
 * | scenario | string | scenario name |
 * | replication | integer | replication index, from 0 |
 * | seed | integer | the replication's own seed (reproduces the row) |
 *
 * @example
 * ```ts
 * const MY_COLUMNS = [...KEY_COLUMNS, { name: 'bus', type: 'string', description: 'bus id' }] as const satisfies Schema;
 * ```
 */
export const KEY_COLUMNS = [
  { name: 'scenario', type: 'string', nullable: false, description: 'Scenario name.' },
  { name: 'replication', type: 'integer', nullable: false, description: 'Replication index, from 0.' },
  {
    name: 'seed',
    type: 'integer',
    nullable: false,
    description: "The replication's seed, an integer in [0, 2^53 − 1]; rerunning with it reproduces the row.",
  },
] as const satisfies Schema;

/**
 * One row per entity (resident, sample, bus) that entered the model — simmer's arrivals monitor plus
 * surgesim's accounting outcome, so that nothing is lost: every entity appears once, finished or not.
 *
 * | column | type | unit | meaning |
 * |---|---|---|---|
 * | scenario, replication, seed | | | run key ({@link KEY_COLUMNS}) |
 * | entity | string | | entity id, e.g. `resident#17` |
 * | start | number | s | arrival time |
 * | end | number \| null | s | departure time; null if still in the system at the end of the run |
 * | wait | number | s | total time spent waiting for resources (up to `end` or the end of the run) |
 * | service | number | s | total time in service / activities (up to `end` or the end of the run) |
 * | finished | boolean | | whether it completed its whole process |
 * | outcome | string | | `finished`, `queued`, `in-service`, `reneged`, `balked` or `rejected` |
 *
 * @example
 * ```ts
 * const arrivals = new TableBuilder(ARRIVALS_COLUMNS, { constants: key });
 * ```
 */
export const ARRIVALS_COLUMNS = [
  ...KEY_COLUMNS,
  { name: 'entity', type: 'string', nullable: false, description: 'Entity id, e.g. "resident#17".' },
  { name: 'start', type: 'number', nullable: false, unit: 's', description: 'Arrival time.' },
  {
    name: 'end',
    type: 'number',
    nullable: true,
    unit: 's',
    description: 'Departure time; null if the entity was still in the system when the run ended.',
  },
  {
    name: 'wait',
    type: 'number',
    nullable: false,
    unit: 's',
    description: 'Total time spent waiting for resources, up to `end` or the end of the run.',
  },
  {
    name: 'service',
    type: 'number',
    nullable: false,
    unit: 's',
    description: 'Total time in service or activities, up to `end` or the end of the run.',
  },
  { name: 'finished', type: 'boolean', nullable: false, description: 'Whether it completed its process.' },
  {
    name: 'outcome',
    type: 'string',
    nullable: false,
    description: 'One of "finished", "queued", "in-service", "reneged", "balked", "rejected".',
  },
] as const satisfies Schema;

/**
 * The values of the `outcome` column of {@link ARRIVALS_COLUMNS}.
 *
 * @example
 * ```ts
 * OUTCOMES.includes(row.outcome as Outcome);
 * ```
 */
export const OUTCOMES = ['finished', 'queued', 'in-service', 'reneged', 'balked', 'rejected'] as const;

/**
 * One of {@link OUTCOMES}.
 *
 * @example
 * ```ts
 * const outcome: Outcome = 'reneged';
 * ```
 */
export type Outcome = (typeof OUTCOMES)[number];

/**
 * One row per change of a resource's state — simmer's resources monitor.
 *
 * | column | type | meaning |
 * |---|---|---|
 * | scenario, replication, seed | | run key ({@link KEY_COLUMNS}) |
 * | resource | string | resource name |
 * | time | number (s) | time of the change |
 * | busy | integer | units in use (servers busy) after the change |
 * | queue | integer | requests waiting after the change |
 * | capacity | integer \| null | capacity after the change; null means unlimited |
 *
 * @example
 * ```ts
 * resources.append({ resource: 'swab', time: sim.now, busy: r.count, queue: r.queueLength, capacity: r.capacity });
 * ```
 */
export const RESOURCE_COLUMNS = [
  ...KEY_COLUMNS,
  { name: 'resource', type: 'string', nullable: false, description: 'Resource name.' },
  { name: 'time', type: 'number', nullable: false, unit: 's', description: 'Time of the change.' },
  { name: 'busy', type: 'integer', nullable: false, description: 'Units in use after the change.' },
  { name: 'queue', type: 'integer', nullable: false, description: 'Requests waiting after the change.' },
  {
    name: 'capacity',
    type: 'integer',
    nullable: true,
    description: 'Capacity after the change; null means unlimited.',
  },
] as const satisfies Schema;

/**
 * One row per (run, monitor, statistic): monitor summaries in long form, ready to group over
 * replications. Built by `summaryTable` from monitor summaries.
 *
 * | column | type | meaning |
 * |---|---|---|
 * | scenario, replication, seed | | run key ({@link KEY_COLUMNS}) |
 * | monitor | string | monitor name |
 * | kind | string | `tally`, `time-weighted`, `counter` or `histogram` |
 * | statistic | string | e.g. `mean`, `p90`, `count:served`, `bin:[0,900)` |
 * | value | number \| null | the value; null when undefined (the mean of nothing) |
 *
 * @example
 * ```ts
 * const summaries = summaryTable(key, [wait.summary(), queue.summary(sim.now)]);
 * ```
 */
export const SUMMARY_COLUMNS = [
  ...KEY_COLUMNS,
  { name: 'monitor', type: 'string', nullable: false, description: 'Monitor name.' },
  {
    name: 'kind',
    type: 'string',
    nullable: false,
    description: 'Monitor kind: "tally", "time-weighted", "counter" or "histogram".',
  },
  {
    name: 'statistic',
    type: 'string',
    nullable: false,
    description: 'Statistic name, e.g. "mean", "p90", "count:served", "bin:[0,900)".',
  },
  {
    name: 'value',
    type: 'number',
    nullable: true,
    description: 'Value of the statistic; null when it is undefined (e.g. the mean of no observations).',
  },
] as const satisfies Schema;

/**
 * One row per change of a traced level (a `TimeWeighted` monitor with `trace: true`): the step
 * function behind a queue-length or occupancy chart.
 *
 * | column | type | meaning |
 * |---|---|---|
 * | scenario, replication, seed | | run key ({@link KEY_COLUMNS}) |
 * | monitor | string | monitor name |
 * | time | number (s) | time of the change |
 * | level | number | the level from `time` on |
 *
 * @example
 * ```ts
 * const levels = levelTable(key, [queue, busy]);
 * ```
 */
export const LEVEL_COLUMNS = [
  ...KEY_COLUMNS,
  { name: 'monitor', type: 'string', nullable: false, description: 'Monitor name.' },
  { name: 'time', type: 'number', nullable: false, unit: 's', description: 'Time of the change.' },
  { name: 'level', type: 'number', nullable: false, description: 'The level from `time` on.' },
] as const satisfies Schema;

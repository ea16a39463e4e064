/**
 * Traced levels as a tidy table ({@link LEVEL_COLUMNS}): the step functions behind queue-length and
 * occupancy charts.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { LEVEL_COLUMNS } from './schemas.js';
import type { RunKey } from './summaryTable.js';
import { type Table, TableBuilder } from './table.js';
import type { TimeWeighted } from './timeWeighted.js';

/**
 * One {@link LEVEL_COLUMNS} row per kept (time, level) change of each monitor, monitors in the order
 * given. Every monitor must have been created with `trace: true`.
 *
 * @throws {@link ParameterError} naming a monitor that keeps no trace.
 * @example
 * ```ts
 * const queue = new TimeWeighted('queue', { trace: true });
 * // … run …
 * const t = levelTable({ scenario: 'base', replication: 0, seed: 42 }, [queue]);
 * ```
 */
export function levelTable(key: RunKey, monitors: readonly TimeWeighted[]): Table<typeof LEVEL_COLUMNS> {
  const builder = new TableBuilder(LEVEL_COLUMNS, {
    name: 'levels',
    constants: { scenario: key.scenario, replication: key.replication, seed: key.seed },
  });
  monitors.forEach((m, i) => {
    const trace = m.trace();
    if (trace === undefined)
      throw new ParameterError(
        `levelTable(monitors)[${i}]`,
        'a TimeWeighted monitor with trace: true',
        m.name,
      );
    for (let j = 0; j < trace.times.length; j++)
      builder.append({ monitor: m.name, time: trace.times[j]!, level: trace.levels[j]! });
  });
  return builder.build();
}

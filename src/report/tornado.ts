/**
 * Tornado chart: for each parameter a bar from the key figure's change at the parameter's low end
 * to its change at the high end (both relative to the base), with the paired intervals as rules,
 * parameters sorted by swing so the widest bar is on top.
 *
 * @module
 */

import type { TopLevelSpec } from 'vega-lite';
import { ParameterError } from '../kernel/errors.js';
import type { TornadoRow } from '../planning/paired.js';

/**
 * A Vega-Lite spec of a tornado table.
 *
 * @param rows - rows from `tornado` (sorted by swing), at least one
 * @param figure - axis title of the key figure's change, e.g. 'finish time change (min)'
 *
 * @example
 * ```ts
 * const spec = tornadoSpec(tornado({ ... }), 'finish time change (s)');
 * ```
 */
export function tornadoSpec(rows: readonly TornadoRow[], figure: string): TopLevelSpec {
  if (!Array.isArray(rows) || rows.length === 0)
    throw new ParameterError('rows', 'a non-empty list of tornado rows', rows);
  const values = rows.flatMap((r, order) => [
    { parameter: r.name, order, end: 'low', mean: r.low.mean, lower: r.low.lower, upper: r.low.upper },
    { parameter: r.name, order, end: 'high', mean: r.high.mean, lower: r.high.lower, upper: r.high.upper },
  ]);
  const y = { field: 'parameter', type: 'nominal' as const, sort: rows.map((r) => r.name), title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y,
          x: { field: 'mean', type: 'quantitative', title: figure },
          x2: { datum: 0 },
          color: { field: 'end', type: 'nominal', title: 'parameter at', scale: { domain: ['low', 'high'] } },
        },
      },
      {
        mark: 'rule',
        encoding: { y, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
    ],
  } as TopLevelSpec;
}

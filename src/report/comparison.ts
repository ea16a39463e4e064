/**
 * A scenario comparison: for each figure, the estimated effect of the alternative (B − A, from
 * paired replications) as a point with its confidence interval as whiskers, and a zero line. Figures
 * have different units, so each gets its own row and its own x scale; the row label carries the unit.
 * An interval that does not cross zero is drawn in a stronger colour.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PairedDifference } from '../experiment/compare.js';
import { ParameterError } from '../kernel/errors.js';
import { type ChartOptions, figureRowFacet, frame, label, mapRows, num } from './options.js';
import { REPORT_PALETTE } from './theme.js';

/**
 * One figure of a comparison: an effect with its interval.
 *
 * @example
 * ```ts
 * const row: ComparisonRow = { figure: 'Mean wait at swab', unit: 'min', effect: -6.2, lower: -7.9, upper: -4.5 };
 * ```
 */
export interface ComparisonRow {
  /** The figure's name. */
  readonly figure: string;
  /** Its unit, shown with the name. */
  readonly unit?: string;
  /** The estimated effect (B − A). */
  readonly effect: number;
  /** Lower end of the interval. */
  readonly lower: number;
  /** Upper end of the interval. */
  readonly upper: number;
}

/**
 * How to show one field of a `compare()` result: its name, its unit and a divisor (e.g. 60 to show
 * seconds as minutes).
 *
 * @example
 * ```ts
 * const f: ComparisonField = { figure: 'Mean wait', unit: 'min', divideBy: 60 };
 * ```
 */
export interface ComparisonField {
  /** Label of the field in the chart; default the field's key. */
  readonly figure?: string;
  /** Unit shown after the label, after dividing (e.g. `min`); default none. */
  readonly unit?: string;
  /** Divide the difference and its interval by this (60: seconds to minutes); default 1. */
  readonly divideBy?: number;
}

/**
 * Rows for {@link comparisonSpec} from the `differences` of a `compare()` or `compareParams()` result.
 * Fields without an interval (fewer than two replications, or missing values) are left out; with
 * `fields` given, only those fields are kept, in that order.
 *
 * @example
 * ```ts
 * const rows = comparisonRows(result.differences, { wait: { figure: 'Mean wait', unit: 'min', divideBy: 60 } });
 * ```
 */
export function comparisonRows(
  differences: Readonly<Record<string, PairedDifference>>,
  fields?: Readonly<Record<string, ComparisonField>>,
): ComparisonRow[] {
  const keys = fields === undefined ? Object.keys(differences) : Object.keys(fields);
  const rows: ComparisonRow[] = [];
  for (const key of keys) {
    const d = differences[key];
    if (d === undefined)
      throw new ParameterError(`fields.${key}`, `one of ${Object.keys(differences).join(', ')}`, key);
    if (d.mean === null || d.lower === null || d.upper === null) continue;
    const f = fields?.[key] ?? {};
    const k = f.divideBy ?? 1;
    rows.push({
      figure: f.figure ?? key,
      ...(f.unit === undefined ? {} : { unit: f.unit }),
      effect: d.mean / k,
      lower: d.lower / k,
      upper: d.upper / k,
    });
  }
  return rows;
}

/**
 * Input of {@link comparisonSpec}.
 *
 * @example
 * ```ts
 * const input: ComparisonInput = { rows, title: 'Two more swab desks vs the replay', level: 0.95 };
 * ```
 */
export interface ComparisonInput extends ChartOptions {
  /** One row per figure. */
  readonly rows: readonly ComparisonRow[];
  /** Confidence level of the intervals, shown in the axis title (default 0.95). */
  readonly level?: number;
  /** What the effect is, shown in the axis title (default `B − A`). */
  readonly effectLabel?: string;
}

/**
 * A vega-lite spec of effects with interval whiskers, one row per figure. `height` is per row
 * (default 36).
 *
 * @example
 * ```ts
 * const spec = comparisonSpec({ rows: [{ figure: 'Mean wait', unit: 'min', effect: -6, lower: -8, upper: -4 }] });
 * ```
 */
export function comparisonSpec(input: ComparisonInput): TopLevelSpec {
  const values = mapRows(input.rows, 'rows', (r, p) => {
    const effect = num(r.effect, `${p}.effect`);
    const lower = num(r.lower, `${p}.lower`);
    const upper = num(r.upper, `${p}.upper`);
    if (!(lower <= effect && effect <= upper))
      throw new ParameterError(p, `lower ≤ effect ≤ upper`, { lower, effect, upper });
    const name = label(r.figure, `${p}.figure`);
    const figure = r.unit === undefined ? name : `${name} (${label(r.unit, `${p}.unit`)})`;
    return {
      figure,
      effect,
      lower,
      upper,
      clear: lower > 0 || upper < 0 ? 'interval excludes 0' : 'interval includes 0',
    };
  });
  const level = input.level === undefined ? 0.95 : num(input.level, 'level');
  const { width, height, ...head } = frame(input, 'Scenario comparison', 36);
  const x = {
    type: 'quantitative' as const,
    title: `${input.effectLabel ?? 'Effect (B − A)'} with ${Math.round(level * 1000) / 10} % interval`,
  };
  const color = {
    field: 'clear',
    type: 'nominal' as const,
    title: null,
    legend: { orient: 'bottom' as const, labelLimit: 0 },
    scale: {
      domain: ['interval excludes 0', 'interval includes 0'],
      range: [REPORT_PALETTE[0] ?? '#0072B2', '#999999'],
    },
  };
  return {
    ...head,
    data: { values },
    facet: figureRowFacet(values),
    spec: {
      width,
      height,
      layer: [
        {
          mark: { type: 'rule', color: '#555', strokeDash: [3, 3] },
          encoding: { x: { datum: 0, type: 'quantitative' } },
        },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' }, color },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: { x: { field: 'effect', ...x }, color },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}

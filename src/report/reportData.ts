/**
 * The data of an HTML report: plain, generic and browser-safe, so a scenario fills it and any renderer
 * (the Node one in `html-node.ts`, or a web page) can show it.
 *
 * A report has a title, the identity of the run (seed, library version, replications, …), the fully
 * resolved parameters, any number of tables (reported vs simulated figures, planner metrics) and
 * charts given as vega-lite specs.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { ParameterError } from '../kernel/errors.js';
import { groupDigits } from './target.js';

/**
 * A table cell: text, a number (formatted for reading), a yes/no, or empty.
 *
 * @example
 * ```ts
 * const cells: ReportCell[] = ['F1 people tested', 119_246, true, null];
 * ```
 */
export type ReportCell = string | number | boolean | null;

/**
 * A table: column headings and rows, each row either an array aligned with the columns or a record
 * keyed by column heading (a missing key is an empty cell).
 *
 * @example
 * ```ts
 * const t: ReportTable = { title: 'Planner metrics', columns: ['metric', 'value'], rows: [['peak queue', 412]] };
 * ```
 */
export interface ReportTable {
  /** Heading above the table. */
  readonly title: string;
  /** Column headings, in order. */
  readonly columns: readonly string[];
  /** The rows: arrays aligned with `columns`, or records keyed by column heading. */
  readonly rows: readonly (readonly ReportCell[] | Readonly<Record<string, ReportCell>>)[];
  /** A note under the table (sources, what was fitted). */
  readonly note?: string;
}

/**
 * A chart of the report. `name` is used for the image files (`<name>.svg`, `<name>.png`), so it is
 * restricted to letters, digits, `-` and `_`.
 *
 * @example
 * ```ts
 * const c: ReportChart = { name: 'tested', title: 'People tested', spec: testedOverTimeSpec(input) };
 * ```
 */
export interface ReportChart {
  /** File name stem of the chart's images: letters, digits, `-` and `_`. */
  readonly name: string;
  /** Heading above the chart. */
  readonly title: string;
  /** The vega-lite spec. */
  readonly spec: TopLevelSpec;
  /** A sentence under the chart saying what to look for. */
  readonly caption?: string;
}

/**
 * The identity of the results: the seed and library version always, and any other key facts
 * (replications, epoch, commit).
 *
 * @example
 * ```ts
 * const id: ReportIdentity = { seed: 7, version: '0.1.0', replications: 30 };
 * ```
 */
export interface ReportIdentity {
  /** The base seed that reproduces the results. */
  readonly seed: number | string;
  /** The surgesim version that produced them. */
  readonly version: string;
  readonly [key: string]: ReportCell;
}

/**
 * Everything an HTML report shows.
 *
 * @example
 * ```ts
 * const report: HtmlReport = {
 *   title: '清徐 13 April 2022 — replay',
 *   identity: { seed: 7, version: '0.1.0', replications: 30 },
 *   parameters: { sites: 176, swabPerHour: 120 },
 *   tables: [],
 *   charts: [{ name: 'tested', title: 'People tested', spec }],
 * };
 * ```
 */
export interface HtmlReport {
  /** The page title and top heading. */
  readonly title: string;
  /** A line under the title. */
  readonly subtitle?: string;
  /** Seed, version and other key facts, shown first. */
  readonly identity: ReportIdentity;
  /** The fully resolved parameters; nested objects and arrays are shown as dotted paths. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Tables, in order (e.g. reported vs simulated, then planner metrics). */
  readonly tables: readonly ReportTable[];
  /** Charts, in order. */
  readonly charts: readonly ReportChart[];
}

/**
 * One figure of the reported-vs-simulated table.
 *
 * @example
 * ```ts
 * const f: FigureComparison = { figure: 'F1 people tested by 01:00', reported: 119_246, median: 118_900, lower: 117_500, upper: 120_100, fitted: false };
 * ```
 */
export interface FigureComparison {
  /** The figure's label, with its source. */
  readonly figure: string;
  /** The value the source reports (text when it is not a number, null when not reported). */
  readonly reported: number | string | null;
  /** Median of the simulated values across replications. */
  readonly median: number | null;
  /** Lower end of the simulated interval. */
  readonly lower: number | null;
  /** Upper end of the simulated interval. */
  readonly upper: number | null;
  /** Unit of the figure. */
  readonly unit?: string;
  /** Whether a parameter was fitted to this figure (then agreement is by construction, not a check). */
  readonly fitted: boolean;
}

/**
 * The reported-vs-simulated table: figure, reported, simulated median, interval, fitted?
 *
 * @param intervalLabel - heading of the interval column, e.g. `5–95 % of replications`.
 * @example
 * ```ts
 * const table = reportedVsSimulatedTable([f1, f2], '90 % interval');
 * ```
 */
export function reportedVsSimulatedTable(
  figures: readonly FigureComparison[],
  intervalLabel = 'interval',
): ReportTable {
  if (!Array.isArray(figures)) throw new ParameterError('figures', 'an array', figures);
  return {
    title: 'Reported vs simulated',
    columns: ['figure', 'unit', 'reported', 'simulated median', intervalLabel, 'fitted?'],
    rows: figures.map((f) => [
      f.figure,
      f.unit ?? '',
      f.reported,
      f.median,
      f.lower === null || f.upper === null ? null : `${formatCell(f.lower)} – ${formatCell(f.upper)}`,
      f.fitted ? 'fitted' : 'no',
    ]),
  };
}

/**
 * Format a cell for reading: integers with thousands separators, other numbers to four significant
 * digits, booleans as yes/no, null as an empty string.
 *
 * @example
 * ```ts
 * formatCell(119246); // '119,246'
 * formatCell(0.123456); // '0.1235'
 * ```
 */
export function formatCell(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return String(cell);
    if (Number.isInteger(cell)) return groupDigits(cell);
    return groupDigits(Number(cell.toPrecision(4)));
  }
  return cell;
}

/**
 * Flatten parameters into `[path, value]` rows (`sites[0].swabbers`), values as cells (objects that
 * are neither arrays nor plain records are shown as text).
 *
 * @example
 * ```ts
 * flattenParameters({ a: { b: 1, c: [2, 3] } }); // [['a.b', 1], ['a.c[0]', 2], ['a.c[1]', 3]]
 * ```
 */
export function flattenParameters(parameters: Readonly<Record<string, unknown>>): [string, ReportCell][] {
  const out: [string, ReportCell][] = [];
  const visit = (value: unknown, path: string): void => {
    if (value === null || value === undefined) out.push([path, null]);
    else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
      out.push([path, value]);
    else if (Array.isArray(value)) {
      if (value.length === 0) out.push([path, '[]']);
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`);
    } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const entries = Object.entries(value);
      if (entries.length === 0 && path !== '') out.push([path, '{}']);
      for (const [k, v] of entries) visit(v, path === '' ? k : `${path}.${k}`);
    } else out.push([path, String(value)]);
  };
  if (parameters === null || typeof parameters !== 'object')
    throw new ParameterError('parameters', 'an object', parameters);
  visit(parameters, '');
  return out;
}

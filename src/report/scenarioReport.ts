/**
 * A scenario's result as a report — browser-safe. {@link scenarioReport} turns a `ScenarioResult`
 * into the generic {@link HtmlReport} data (run identity, parameters, the reported-vs-simulated table
 * in planner units, planner metrics, fitted parameters and assumptions, charts), and
 * {@link scenarioDefaultCharts} gives every scenario at least one chart of its figures, whatever its
 * own `charts(result)` hook offers.
 *
 * The default chart shows, for each reported figure, how far the simulation lands from the report:
 * simulated − reported in per cent of the reported value (clock times: of the time since the epoch),
 * the median as a point and the interval over replications as whiskers, the tolerance as a band and a
 * zero line where the simulation matches the report. One scale for all figures, whatever their units,
 * so the misses compare at a glance. A scenario without reported
 * figures gets a chart of its planner metrics (median and interval) instead.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FigureUnit, ScenarioChart } from '../experiment/scenario.js';
import { formatFigure } from '../experiment/scenarioFormat.js';
import type { FigureSummary, ScenarioResult } from '../experiment/scenarioRun.js';
import { ParameterError } from '../kernel/errors.js';
import { Epoch } from '../time/epoch.js';
import { figureRowFacet, frame } from './options.js';
import type { HtmlReport, ReportChart, ReportTable } from './reportData.js';
import { REPORT_PALETTE } from './theme.js';

/** How a unit is drawn on a chart axis: a divisor and the unit's label. */
const AXIS_UNIT: Readonly<Record<FigureUnit, { readonly scale: number; readonly label: string }>> = {
  count: { scale: 1, label: 'count' },
  clock: { scale: 60, label: 'min' },
  duration: { scale: 60, label: 'min' },
  seconds: { scale: 1, label: 's' },
  'person-minutes': { scale: 1, label: 'person-min' },
  'person-hours': { scale: 1, label: 'person-h' },
  fraction: { scale: 0.01, label: '%' },
};

/** Figures whose chart value is defined: a median and an interval (missing replications excluded). */
const drawable = (f: FigureSummary): boolean => f.median !== null && f.lower !== null && f.upper !== null;

/**
 * One row of the default figures chart: how far the simulation lands from the report, in per cent of
 * the reported value (for clock figures, of the time since the scenario's epoch — the same reading
 * as the table's "median vs reported").
 *
 * @example
 * ```ts
 * const row: ScenarioFigureRow = {
 *   figure: 'Last served (F0)', basis: 'prediction', effect: 4, lower: -2, upper: 10, tolerance: 5,
 * };
 * ```
 */
export interface ScenarioFigureRow {
  /** The figure's label with its source. */
  readonly figure: string;
  /** `fitted` when a parameter was fitted to this figure (a check of the fit), else `prediction`. */
  readonly basis: 'fitted' | 'prediction';
  /** (median − reported) / reported, in per cent. */
  readonly effect: number;
  /** The interval over replications' lower end, on the same scale. */
  readonly lower: number;
  /** The interval's upper end. */
  readonly upper: number;
  /** The figure's tolerance in per cent, or null. */
  readonly tolerance: number | null;
}

/**
 * Rows of the default figures chart: for each reported figure with a simulated median (and a
 * reported value other than zero), simulated − reported in per cent of the reported value, for the
 * median and both ends of the interval over replications. One scale for every figure, so a planner
 * sees at a glance which figures the model reproduces and by how much the others miss.
 *
 * @param result - from `runScenario`.
 * @example
 * ```ts
 * scenarioFigureRows(result); // [{ figure: 'People served (F1)', basis: 'prediction', effect: -1.5, lower: -2, upper: -1, tolerance: 5 }]
 * ```
 */
export function scenarioFigureRows(result: ScenarioResult<unknown, unknown>): ScenarioFigureRow[] {
  checkResult(result);
  return result.figures
    .filter((f) => f.reported !== null && f.reported !== 0 && drawable(f))
    .map((f) => {
      const reported = f.reported as number;
      const pct = (v: number | null) => (((v as number) - reported) / Math.abs(reported)) * 100;
      return {
        figure: f.source === null ? f.label : `${f.label} (${f.source})`,
        basis: f.fitted === null ? 'prediction' : 'fitted',
        effect: pct(f.median),
        lower: pct(f.lower),
        upper: pct(f.upper),
        tolerance: f.tolerance === null ? null : f.tolerance * 100,
      };
    });
}

/**
 * The default chart of a scenario's figures: for each reported figure, simulated − reported in per
 * cent, the median as a point (filled for predictions, hollow for fitted figures) and the interval over
 * replications as whiskers, the figure's tolerance as a pale band, and a zero line where the
 * simulation matches the report. Without reported figures, the planner metrics' medians and
 * intervals. Null when nothing can be drawn (no figure has a simulated value).
 *
 * @param result - from `runScenario`.
 * @example
 * ```ts
 * const chart = scenarioFiguresChart(result); // { name: 'figures', title: ..., spec }
 * ```
 */
export function scenarioFiguresChart(result: ScenarioResult<unknown, unknown>): ReportChart | null {
  const rows = scenarioFigureRows(result);
  const pct = Math.round(result.interval * 100);
  if (rows.length > 0)
    return {
      name: 'figures',
      title: 'Reported figures: simulated vs reported',
      spec: figuresSpec(result, rows),
      caption: `Each row is one reported figure: the point is the simulated median's difference from the reported value in per cent (for clock times, of the time since the scenario's start), the whiskers the ${pct} % interval over replications, the pale band the figure's tolerance. Hollow points are figures a parameter was fitted to (checks of the fit); filled points are predictions.`,
    };
  const metrics = result.metrics.filter(drawable);
  if (metrics.length === 0) return null;
  return {
    name: 'metrics',
    title: 'Planner metrics',
    spec: metricsSpec(result, metrics),
    caption: `Each row is one planner metric: the point is the median over replications, the whiskers the ${pct} % interval.`,
  };
}

/** Simulated vs reported in per cent, all figures on one scale. */
function figuresSpec(
  result: ScenarioResult<unknown, unknown>,
  rows: readonly ScenarioFigureRow[],
): TopLevelSpec {
  const pct = Math.round(result.interval * 100);
  const { height: _height, ...head } = frame(
    {
      title: `${result.title}: simulated vs reported`,
      subtitle: `median and ${pct} % interval over ${result.replications} replications, in % of the reported value; 0 = as reported`,
    },
    'Simulated vs reported',
  );
  const color = REPORT_PALETTE[0] ?? '#0072B2';
  const y = {
    field: 'figure',
    type: 'nominal' as const,
    title: null,
    sort: rows.map((r) => r.figure),
    // vega estimates text widths without a canvas (about 0.6 em a character), so leave room for long labels.
    axis: { labelLimit: 560 },
  };
  const x = { type: 'quantitative' as const, title: 'Simulated − reported (% of reported)' };
  return {
    ...head,
    height: { step: 28 },
    data: {
      values: rows.map((r) => ({
        ...r,
        tolLow: r.tolerance === null ? null : -r.tolerance,
        tolHigh: r.tolerance,
      })),
    },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 12, color, opacity: 0.15 },
        transform: [{ filter: 'datum.tolHigh !== null' }],
        encoding: { y, x: { field: 'tolLow', ...x }, x2: { field: 'tolHigh' } },
      },
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#666666' }, encoding: { x: { datum: 0, ...x } } },
      {
        mark: { type: 'rule', strokeWidth: 2, color },
        encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'point', size: 80, strokeWidth: 2, color },
        encoding: {
          y,
          x: { field: 'effect', ...x },
          fill: {
            field: 'basis',
            type: 'nominal',
            title: null,
            scale: { domain: ['prediction', 'fitted'], range: [color, '#ffffff'] },
            legend: {
              labelExpr: "datum.label === 'fitted' ? 'fitted to the report' : 'prediction'",
              labelLimit: 240,
            },
          },
          tooltip: [
            { field: 'figure', type: 'nominal' },
            { field: 'effect', type: 'quantitative', format: '+.1f', title: 'median, %' },
            { field: 'lower', type: 'quantitative', format: '+.1f', title: `${pct} % interval from, %` },
            { field: 'upper', type: 'quantitative', format: '+.1f', title: 'to, %' },
          ],
        },
      },
    ],
  };
}

/** Medians with interval whiskers, one row (own scale) per metric. */
function metricsSpec(
  result: ScenarioResult<unknown, unknown>,
  metrics: readonly FigureSummary[],
): TopLevelSpec {
  const values = metrics.map((f) => {
    const { scale, label } = AXIS_UNIT[f.unit];
    // Clock metrics are drawn as minutes after the epoch: a time of day on a per-row scale.
    const unit = f.unit === 'clock' ? 'min after the epoch' : label;
    return {
      figure: `${f.label} (${unit})`,
      median: (f.median as number) / scale,
      lower: (f.lower as number) / scale,
      upper: (f.upper as number) / scale,
    };
  });
  const pct = Math.round(result.interval * 100);
  const { width, height, ...head } = frame(
    {
      title: `${result.title}: planner metrics`,
      subtitle: `median and ${pct} % interval over ${result.replications} replications`,
    },
    'Planner metrics',
    36,
  );
  const color = REPORT_PALETTE[0] ?? '#0072B2';
  const x = { type: 'quantitative' as const, title: `Median with ${pct} % interval`, scale: { zero: false } };
  return {
    ...head,
    data: { values },
    facet: figureRowFacet(values),
    spec: {
      width,
      height,
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2, color },
          encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } },
        },
        {
          mark: { type: 'point', filled: true, size: 70, color },
          encoding: { x: { field: 'median', ...x } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}

/**
 * The charts of a scenario report: the default figures chart first (when it can be drawn), then the
 * scenario's own charts. A scenario chart named like the default one replaces it.
 *
 * @param result - from `runScenario` (with `runs` if the scenario's charts need them).
 * @param own - the scenario's `charts(result)`, if any.
 * @example
 * ```ts
 * const charts = scenarioDefaultCharts(result, scenario.charts?.(result) ?? []);
 * ```
 */
export function scenarioDefaultCharts(
  result: ScenarioResult<unknown, unknown>,
  own: readonly ScenarioChart[] = [],
): ReportChart[] {
  if (!Array.isArray(own)) throw new ParameterError('charts', 'an array of charts from charts(result)', own);
  const base = scenarioFiguresChart(result);
  const names = new Set(own.map((c) => c.name));
  return [
    ...(base === null || names.has(base.name) ? [] : [base]),
    ...own.map((c) => ({ ...c }) as ReportChart),
  ];
}

/**
 * A scenario's result as report data: identity (scenario, seed, version, replications, interval),
 * the parameters, the reported-vs-simulated table and planner metrics in planner units (clock
 * times, durations, digit groups), fitted parameters, assumptions and the given charts.
 *
 * @param result - from `runScenario`.
 * @param charts - the charts to show, e.g. from {@link scenarioDefaultCharts}.
 * @example
 * ```ts
 * const report = scenarioReport(result, scenarioDefaultCharts(result, scenario.charts?.(result)));
 * ```
 */
export function scenarioReport(
  result: ScenarioResult<unknown, unknown>,
  charts: readonly ReportChart[] = [],
): HtmlReport {
  checkResult(result);
  const epoch = result.epoch ? new Epoch(result.epoch) : undefined;
  const pct = Math.round(result.interval * 100);
  const fmt = (f: FigureSummary, v: number | null) => formatFigure(v, f.unit, epoch);
  const interval = (f: FigureSummary) => (f.lower === null ? '–' : `${fmt(f, f.lower)} – ${fmt(f, f.upper)}`);
  const reached = (f: FigureSummary) => (f.missing === 0 ? '' : ` (not reached in ${f.missing})`);
  const tables: ReportTable[] = [];
  if (result.figures.length > 0)
    tables.push({
      title: 'Reported vs simulated',
      columns: [
        'figure',
        'reported',
        'source',
        'simulated median',
        `${pct} % interval`,
        'median vs reported',
        'status',
      ],
      rows: result.figures.map((f) => [
        `${f.label}${reached(f)}`,
        f.reported === null ? '–' : fmt(f, f.reported),
        f.source ?? '–',
        fmt(f, f.median),
        interval(f),
        f.relativeError === null
          ? '–'
          : `${f.relativeError >= 0 ? '+' : ''}${(100 * f.relativeError).toFixed(1)} %`,
        f.fitted ? `fitted: ${f.fitted}` : 'prediction',
      ]),
      note: `Simulated: median and ${pct} % interval over ${result.replications} replications. "fitted" means a parameter was fitted to the figure, so agreement checks the fit, not the model; "prediction" figures are real checks. Clock percentages are relative to the time since the scenario's epoch.`,
    });
  if (result.metrics.length > 0)
    tables.push({
      title: 'Planner metrics',
      columns: [
        'metric',
        'median',
        `${pct} % interval`,
        'mean',
        `mean, ${Math.round(result.level * 100)} % CI`,
      ],
      rows: result.metrics.map((f) => [
        `${f.label}${reached(f)}`,
        fmt(f, f.median),
        interval(f),
        fmt(f, f.mean),
        f.meanLower === null ? '–' : `${fmt(f, f.meanLower)} – ${fmt(f, f.meanUpper)}`,
      ]),
    });
  const fitted = Object.entries(result.fitted);
  if (fitted.length > 0)
    tables.push({ title: 'Fitted parameters', columns: ['parameter', 'fitted to, and how'], rows: fitted });
  const assumed = Object.entries(result.assumptions);
  if (assumed.length > 0)
    tables.push({
      title: 'Assumptions',
      columns: ['parameter', 'assumption and range considered'],
      rows: assumed,
    });
  return {
    title: result.title,
    subtitle: `${result.replications} replications, seed ${result.seed}, surgesim ${result.version}`,
    identity: {
      scenario: result.scenario,
      seed: result.seed,
      version: result.version,
      replications: result.replications,
      interval: `${pct} % of replications`,
      epoch: result.epoch,
    },
    parameters:
      result.parameters !== null && typeof result.parameters === 'object'
        ? (result.parameters as Record<string, unknown>)
        : { value: result.parameters },
    tables,
    charts: [...charts],
  };
}

/**
 * The result as JSON text (two-space indented, newline-terminated), without `runs` (every
 * replication's full output, kept only for charts): what `--json` prints and `result.json` holds.
 *
 * @param result - from `runScenario`.
 * @example
 * ```ts
 * writeFileSync('result.json', scenarioResultJson(result));
 * ```
 */
export function scenarioResultJson(result: ScenarioResult<unknown, unknown>): string {
  const { runs: _runs, ...data } = result;
  return `${JSON.stringify(data, null, 2)}\n`;
}

function checkResult(result: ScenarioResult<unknown, unknown>): void {
  if (
    result === null ||
    typeof result !== 'object' ||
    !Array.isArray(result.figures) ||
    !Array.isArray(result.metrics)
  )
    throw new ParameterError('result', 'a ScenarioResult from runScenario', result);
}

/**
 * Plain-text tables of scenario results, for a terminal: figures in the units a planner reads (clock
 * times, "4 h 05 min", digit groups, percentages), the reported value beside the simulated median and
 * interval, and whether a parameter was fitted to the figure.
 *
 * @module
 */
import { Epoch } from '../time/epoch.js';
import { formatDuration } from '../time/format.js';
import type { FigureUnit } from './scenario.js';
import type { FigureSummary, ScenarioComparison, ScenarioResult } from './scenarioRun.js';

const group = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * One value in a figure's unit, as a planner reads it.
 *
 * @param value - the value (null prints as "–").
 * @param unit - the figure's unit.
 * @param epoch - the scenario's epoch, for clock figures (without one, clock values print as durations).
 * @example
 * ```ts
 * formatFigure(72_000, 'clock', new Epoch('2022-04-13T01:30+08:00')); // '21:30'
 * formatFigure(14_700, 'duration');                                   // '4 h 05 min'
 * formatFigure(119_246, 'count');                                     // '119,246'
 * ```
 */
export function formatFigure(value: number | null, unit: FigureUnit, epoch?: Epoch): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'clock':
      return epoch ? epoch.toClock(value, { seconds: 'never' }) : formatDuration(value);
    case 'duration':
    case 'seconds':
      return formatDuration(value);
    case 'fraction':
      return `${(100 * value).toFixed(1)} %`;
    case 'person-minutes':
      return `${group(value)} person-min`;
    case 'person-hours':
      return `${group(value)} person-h`;
    default:
      return Math.abs(value) >= 100 || Number.isInteger(value)
        ? group(value)
        : String(Number(value.toPrecision(3)));
  }
}

/**
 * A difference in a figure's unit (clock differences print as durations, with a sign).
 *
 * @example
 * ```ts
 * formatDifference(-1800, 'clock'); // '-30 min 00 s'
 * formatDifference(2500, 'count');  // '+2,500'
 * ```
 */
export function formatDifference(value: number | null, unit: FigureUnit): string {
  if (value === null) return '–';
  const sign = value > 0 ? '+' : '';
  if (unit === 'clock' || unit === 'duration' || unit === 'seconds') return `${sign}${formatDuration(value)}`;
  return `${sign}${formatFigure(value, unit)}`;
}

/**
 * Lay out rows as an aligned text table (first column left, the rest right-aligned).
 *
 * @example
 * ```ts
 * textTable(['figure', 'value'], [['beds', '500']]);
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function figureRows(list: readonly FigureSummary[], epoch: Epoch | undefined, reported: boolean): string[][] {
  return list.map((f) => {
    const fmt = (v: number | null) => formatFigure(v, f.unit, epoch);
    const row = [f.label];
    if (reported)
      row.push(f.reported === null ? '–' : `${fmt(f.reported)}${f.source ? ` (${f.source})` : ''}`);
    row.push(fmt(f.median), f.lower === null ? '–' : `${fmt(f.lower)} – ${fmt(f.upper)}`);
    if (reported) {
      const diff =
        f.relativeError === null
          ? '–'
          : `${f.relativeError >= 0 ? '+' : ''}${(100 * f.relativeError).toFixed(1)} %`;
      row.push(diff, f.fitted ? 'fitted' : 'prediction');
    }
    if (f.missing > 0) row[0] = `${f.label} (not reached in ${f.missing})`;
    return row;
  });
}

/**
 * The result as text: a reported-vs-simulated table, then the planner metrics.
 *
 * @param result - from `runScenario`.
 * @example
 * ```ts
 * console.log(formatScenarioTable(runScenario(scenario, { replications: 20, seed: 7 })));
 * ```
 */
export function formatScenarioTable(result: ScenarioResult<unknown, unknown>): string {
  const epoch = result.epoch ? new Epoch(result.epoch) : undefined;
  const pct = Math.round(result.interval * 100);
  const out = [
    `${result.title} — ${result.replications} replications, seed ${result.seed}, surgesim ${result.version}`,
    '',
  ];
  if (result.figures.length > 0)
    out.push(
      textTable(
        [
          'reported figure',
          'reported',
          'simulated median',
          `${pct} % interval`,
          'median vs reported',
          'status',
        ],
        figureRows(result.figures, epoch, true),
      ),
      '',
    );
  if (result.metrics.length > 0)
    out.push(
      textTable(['planner metric', 'median', `${pct} % interval`], figureRows(result.metrics, epoch, false)),
      '',
    );
  const fitted = Object.entries(result.fitted);
  if (fitted.length > 0) out.push('Fitted parameters:', ...fitted.map(([k, v]) => `  ${k}: ${v}`), '');
  return out.join('\n');
}

/**
 * A comparison as text: each shared figure's A and B means and the paired difference B − A with its
 * interval; `*` marks differences whose interval excludes zero.
 *
 * @example
 * ```ts
 * console.log(formatComparisonTable(compareScenarios(base, alt, { replications: 30, seed: 7 })));
 * ```
 */
export function formatComparisonTable(comparison: ScenarioComparison): string {
  const epoch = comparison.resultA.epoch ? new Epoch(comparison.resultA.epoch) : undefined;
  const rows = comparison.differences.map((d) => [
    d.label,
    formatFigure(d.meanA, d.unit, epoch),
    formatFigure(d.meanB, d.unit, epoch),
    `${formatDifference(d.mean, d.unit)}${d.significant ? ' *' : ''}`,
    d.lower === null ? '–' : `${formatDifference(d.lower, d.unit)} … ${formatDifference(d.upper, d.unit)}`,
  ]);
  const pct = Math.round(comparison.level * 100);
  return [
    `${comparison.b} vs ${comparison.a} — ${comparison.replications} paired replications (common random numbers), seed ${comparison.seed}`,
    '',
    textTable(
      ['figure', `mean ${comparison.a}`, `mean ${comparison.b}`, 'difference', `${pct} % interval`],
      rows,
    ),
    '',
    '* the interval excludes zero',
  ].join('\n');
}

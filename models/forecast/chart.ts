/**
 * The fan chart of a forecast: people tested over time, the forecast's bands (the central interval at
 * the forecast's level and the interquartile range) and median from the snapshot on, over the
 * plan's curve from the opening, with the observed count at the snapshot as a point. A vega-lite
 * spec in the style of `src/report` (clock-time axis, the report theme), rendered like the other
 * reports' charts.
 *
 * @module
 */
import { Epoch } from '../../src/index.js';
import { clockAxisTitle, clockEncoding, type ReportChart, reportConfig } from '../../src/report/index.js';
import type { AreaForecast } from './forecast.js';

/**
 * The fan chart of one area's forecast.
 *
 * @example
 * ```ts
 * const spec = fanChartSpec('hedong', f.areas.hedong!, f.at, f.epoch, f.level);
 * ```
 */
export function fanChartSpec(
  name: string,
  area: AreaForecast,
  at: number,
  epoch: string,
  level: number,
): ReportChart['spec'] {
  const e = new Epoch(epoch);
  const ms = (t: number) => e.toWallClockMillis(t);
  const start = {
    clock: ms(at),
    lower: area.doneAtSnapshot,
    q25: area.doneAtSnapshot,
    median: area.doneAtSnapshot,
    q75: area.doneAtSnapshot,
    upper: area.doneAtSnapshot,
  };
  const fan = [
    start,
    ...area.fan.map((f) => ({
      clock: ms(f.time),
      lower: f.lower,
      q25: f.q25,
      median: f.median,
      q75: f.q75,
      upper: f.upper,
    })),
  ];
  const planned = area.planned.map((p) => ({ clock: ms(p.time), tested: p.tested }));
  const x = clockEncoding(
    'clock',
    clockAxisTitle(e),
    [...fan.map((f) => f.clock), ...planned.map((p) => p.clock)],
    640,
  );
  const pct = Math.round(level * 100);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${name}: people tested — forecast from ${e.toClock(at)}`,
      subtitle: `bands: ${pct} % and 50 % intervals; line: median; dashed: the plan; dot: observed`,
    },
    width: 640,
    height: 300,
    config: reportConfig(),
    layer: [
      {
        data: { values: planned },
        mark: { type: 'line', strokeDash: [6, 4], color: '#888', strokeWidth: 1.5 },
        encoding: {
          x,
          y: { field: 'tested', type: 'quantitative', title: 'People tested (cumulative, persons)' },
        },
      },
      {
        data: { values: fan },
        mark: { type: 'area', opacity: 0.2, color: '#1f77b4' },
        encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } },
      },
      {
        data: { values: fan },
        mark: { type: 'area', opacity: 0.35, color: '#1f77b4' },
        encoding: { x, y: { field: 'q25', type: 'quantitative' }, y2: { field: 'q75' } },
      },
      {
        data: { values: fan },
        mark: { type: 'line', color: '#1f77b4', strokeWidth: 2 },
        encoding: { x, y: { field: 'median', type: 'quantitative' } },
      },
      {
        data: { values: [{ clock: ms(at), tested: area.doneAtSnapshot }] },
        mark: { type: 'point', filled: true, size: 70, color: '#d62728' },
        encoding: { x, y: { field: 'tested', type: 'quantitative' } },
      },
    ],
  } as ReportChart['spec'];
}

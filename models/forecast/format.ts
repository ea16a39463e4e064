/**
 * A forecast as tables a command post reads: per area the finish, the people not tested by the
 * deadline and the peak queue after the snapshot, each as median and interval; the inputs the
 * inference settled on; the variant's paired differences; the components not forecast. The same
 * rows feed the text table of `surgesim forecast` and the HTML report.
 *
 * @module
 */
import { Epoch, formatDuration, type PairedDifference } from '../../src/index.js';
import type { HtmlReport, ReportTable } from '../../src/report/index.js';
import { fanChartSpec } from './chart.js';
import type { AreaForecast, CampaignForecast, ForecastInterval } from './forecast.js';

const n0 = (x: number | null) => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));
const f2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function span(i: ForecastInterval, f: (x: number | null) => string): string {
  return i.lower === null ? '–' : `${f(i.lower)} – ${f(i.upper)}`;
}

function diff(d: PairedDifference, f: (x: number) => string): string {
  if (d.mean === null) return '–';
  const lo = d.lower === null ? '' : ` [${f(d.lower)}, ${f(d.upper!)}]`;
  return `${f(d.mean)}${lo}`;
}

const signed = (x: number, s: string) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${s}`;

/**
 * The tables of a forecast: the forecast by area, the inferred inputs, the variant's differences.
 *
 * @example
 * ```ts
 * forecastTables(f)[0].rows; // one row per testing area
 * ```
 */
export function forecastTables(f: CampaignForecast): ReportTable[] {
  const e = new Epoch(f.epoch);
  const pct = `${Math.round(f.level * 100)} %`;
  const clock = (x: number | null) => (x === null ? '–' : e.toClock(x, { seconds: 'never' }));
  const row = (name: string, a: AreaForecast) => [
    `${name}${a.observed ? '' : ' (not observed)'}`,
    n0(a.doneAtSnapshot),
    a.finish.median === null ? `done by ${e.toClock(f.at)}` : clock(a.finish.median),
    span(a.finish, clock),
    n0(a.notTestedAtDeadline.median),
    span(a.notTestedAtDeadline, n0),
    n0(a.peakQueued.median),
    span(a.peakQueued, n0),
  ];
  const tables: ReportTable[] = [
    {
      title: `Forecast from the snapshot at ${e.toClock(f.at)} (${f.replications} replications, seed ${f.seed}, ${pct} intervals)`,
      columns: [
        'area',
        `tested at ${e.toClock(f.at)}`,
        'finish (median)',
        `${pct} interval`,
        'not tested by the deadline',
        `${pct} interval`,
        'peak queue after the snapshot',
        `${pct} interval`,
      ],
      rows: Object.entries(f.areas).map(([n, a]) => row(n, a)),
      note: 'finish: the last person tested; peak queue: people queuing at all points together (5-min samples)',
    },
  ];
  const inferred = Object.entries(f.areas).filter(([, a]) => a.posterior !== null);
  if (inferred.length > 0)
    tables.push({
      title: 'Inputs inferred from the snapshot (factors on the plan’s values)',
      columns: ['area', 'turnout', 'arrival window', 'pace (time per service)', 'particles kept'],
      rows: inferred.map(([n, a]) => {
        const p = a.posterior!;
        const show = (i: ForecastInterval) => `${f2(i.median)} [${f2(i.lower)}, ${f2(i.upper)}]`;
        return [n, show(p.turnout), show(p.within), show(p.pace), `${p.kept} of ${p.simulated}`];
      }),
      note: `median [${pct} interval] over the particles the replications used; their spread is part of the forecast intervals`,
    });
  const variant = f.variant;
  if (variant) {
    const minutes = (x: number) => signed(x, formatDuration(Math.abs(x)));
    const people = (x: number) => signed(x, Math.abs(Math.round(x)).toLocaleString('en-US'));
    tables.push({
      title: `${variant.label} − no change (paired, common random numbers, ${pct} intervals)`,
      columns: ['area', 'finish', 'finish (variant)', 'not tested by the deadline', 'peak queue'],
      rows: Object.entries(variant.differences).map(([n, d]) => [
        n,
        diff(d.finish, minutes),
        clock(variant.areas[n]?.finish.median ?? null),
        diff(d.notTestedAtDeadline, people),
        diff(d.peakQueued, people),
      ]),
      note: 'mean difference over the paired replications [paired t interval]',
    });
  }
  if (f.notForecast.length > 0)
    tables.push({
      title: 'Observed, not forecast (these models cannot start from a mid-run state yet)',
      columns: ['component', 'observed'],
      rows: f.notForecast.map((c) => [c.component, c.observed]),
    });
  return tables;
}

/**
 * A forecast as text: its tables, columns aligned.
 *
 * @example
 * ```ts
 * console.log(formatForecast(forecastCampaign(plan, snapshot)));
 * ```
 */
export function formatForecast(f: CampaignForecast): string {
  return forecastTables(f)
    .map((t) => {
      const rows = t.rows.map((r) => (r as readonly unknown[]).map(String));
      const widths = t.columns.map((c, j) => Math.max(c.length, ...rows.map((r) => r[j]!.length)));
      const line = (cells: readonly string[]) =>
        cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
      return [
        t.title,
        line(t.columns),
        widths.map((w) => '─'.repeat(w)).join('  '),
        ...rows.map(line),
        ...(t.note ? [`(${t.note})`] : []),
      ].join('\n');
    })
    .join('\n\n');
}

/**
 * A forecast as an HTML report: the tables and a fan chart per area.
 *
 * @example
 * ```ts
 * await writeHtmlReport('out/forecast', forecastReport(f, 'Qingxu at 21:30', { seed: 1, version }));
 * ```
 */
export function forecastReport(
  f: CampaignForecast,
  title: string,
  identity: HtmlReport['identity'],
  parameters: Readonly<Record<string, unknown>> = {},
): HtmlReport {
  return {
    title,
    subtitle: `Forecast from the snapshot at ${new Epoch(f.epoch).toClock(f.at)}`,
    identity,
    parameters,
    tables: forecastTables(f),
    charts: Object.entries(f.areas)
      .filter(([, a]) => a.fan.length > 0)
      .map(([n, a]) => ({
        name: `${n}-forecast`,
        title: `${n}: people tested, forecast`,
        spec: fanChartSpec(n, a, f.at, f.epoch, f.level),
        caption: `Bands: the ${Math.round(f.level * 100)} % and 50 % intervals of the cumulative count over ${f.replications} replications from the snapshot; line: median; dashed: the plan as written (median of 5 runs from the opening); dot: the count observed at the snapshot.`,
      })),
  };
}

/**
 * A scenario result as report data and its default chart: the simulated − reported rows are the
 * summary's numbers moved to the figure's axis unit (minutes for clock times, percentage points for
 * shares), the specs compile without vega-lite warnings and render with their labels, the tables
 * print planner units, and `result.json` text leaves out the per-replication runs.
 */
import { describe, expect, it } from 'vitest';
import type { FigureSummary, ScenarioResult } from '../../src/experiment/index.js';
import { compileSpec, renderHtmlReport, renderSvg } from '../../src/report/node.js';
import {
  scenarioDefaultCharts,
  scenarioFigureRows,
  scenarioFiguresChart,
  scenarioReport,
  scenarioResultJson,
} from '../../src/report/scenarioReport.js';

const figure = (f: Partial<FigureSummary> & Pick<FigureSummary, 'id' | 'label' | 'unit'>): FigureSummary => ({
  reported: null,
  source: null,
  fitted: null,
  n: 10,
  missing: 0,
  median: null,
  lower: null,
  upper: null,
  mean: null,
  meanLower: null,
  meanUpper: null,
  relativeError: null,
  tolerance: null,
  withinTolerance: null,
  ...f,
});

const result = (over: Partial<ScenarioResult<unknown, unknown>> = {}): ScenarioResult<unknown, unknown> => ({
  scenario: 'desk',
  title: '清徐 desk',
  epoch: '2022-04-13T19:00+08:00',
  version: '0.1.0',
  seed: 7,
  replications: 10,
  interval: 0.9,
  level: 0.95,
  parameters: { servers: 2, service: { mean: 60 } },
  fitted: { servers: 'to F1 by scanning 1–4' },
  assumptions: {},
  figures: [
    figure({
      id: 'finish',
      label: 'Last served',
      unit: 'clock',
      reported: 3000,
      source: 'F0',
      median: 3120,
      lower: 2940,
      upper: 3300,
      relativeError: 0.04,
    }),
    figure({
      id: 'share',
      label: 'Share in time',
      unit: 'fraction',
      reported: 0.4,
      median: 0.5,
      lower: 0.45,
      upper: 0.55,
      fitted: 'servers',
    }),
    figure({
      id: 'count',
      label: 'Served',
      unit: 'count',
      reported: 60,
      median: 62,
      lower: 55,
      upper: 66,
      tolerance: 0.05,
    }),
    figure({ id: 'never', label: 'Never reached', unit: 'clock', reported: 100, n: 0, missing: 10 }),
  ],
  metrics: [
    figure({
      id: 'wait',
      label: 'Mean wait',
      unit: 'seconds',
      median: 95,
      lower: 60,
      upper: 130,
      mean: 96,
      meanLower: 90,
      meanUpper: 102,
    }),
  ],
  values: {},
  ...over,
});

describe('scenarioFigureRows', () => {
  it('is simulated − reported in per cent of the reported value, fitted or prediction; undrawable figures left out', () => {
    expect(scenarioFigureRows(result())).toEqual([
      // clock: (3120 − 3000) / 3000 of the time since the epoch, the interval ends likewise
      { figure: 'Last served (F0)', basis: 'prediction', effect: 4, lower: -2, upper: 10, tolerance: null },
      {
        figure: 'Share in time',
        basis: 'fitted',
        effect: expect.closeTo(25, 9),
        lower: expect.closeTo(12.5, 9),
        upper: expect.closeTo(37.5, 9),
        tolerance: null,
      },
      {
        figure: 'Served',
        basis: 'prediction',
        effect: expect.closeTo(10 / 3, 9),
        lower: expect.closeTo(-25 / 3, 9),
        upper: 10,
        tolerance: 5,
      },
    ]);
  });

  it('rejects something that is not a result', () => {
    expect(() => scenarioFigureRows({} as never)).toThrow(/^result: expected a ScenarioResult/);
  });
});

describe('scenarioFiguresChart', () => {
  it('with reported figures: the comparison chart, compiling without warnings and drawing its rows', async () => {
    const chart = scenarioFiguresChart(result())!;
    expect(chart.name).toBe('figures');
    expect(compileSpec(chart.spec).warnings).toEqual([]);
    const svg = await renderSvg(chart.spec);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(
      expect.arrayContaining([
        '清徐 desk: simulated vs reported',
        'Last served (F0)',
        'Share in time',
        'Served',
        'Simulated − reported (% of reported)',
        'fitted to the report',
        'prediction',
      ]),
    );
  });

  it('without reported figures: the metrics chart; with nothing drawable: null', async () => {
    const metricsOnly = result({ figures: [] });
    const chart = scenarioFiguresChart(metricsOnly)!;
    expect(chart.name).toBe('metrics');
    expect(compileSpec(chart.spec).warnings).toEqual([]);
    expect(await renderSvg(chart.spec)).toContain('>Mean wait (s)<');
    expect(
      scenarioFiguresChart(
        result({ figures: [], metrics: [figure({ id: 'x', label: 'X', unit: 'count' })] }),
      ),
    ).toBeNull();
  });
});

describe('scenarioDefaultCharts', () => {
  const own = { name: 'queue', title: 'Queue', spec: { mark: 'point', data: { values: [] } } };
  it('puts the default chart first, then the scenario’s own; an own chart named "figures" replaces it', () => {
    expect(scenarioDefaultCharts(result(), [own]).map((c) => c.name)).toEqual(['figures', 'queue']);
    const replaced = scenarioDefaultCharts(result(), [{ ...own, name: 'figures' }]);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.title).toBe('Queue');
    expect(() => scenarioDefaultCharts(result(), 'x' as never)).toThrow(/^charts:/);
  });
});

describe('scenarioReport', () => {
  it('identity, parameters and tables in planner units', () => {
    const r = scenarioReport(result());
    expect(r.identity).toMatchObject({ scenario: 'desk', seed: 7, version: '0.1.0', replications: 10 });
    expect(r.parameters).toEqual({ servers: 2, service: { mean: 60 } });
    expect(r.tables.map((t) => t.title)).toEqual([
      'Reported vs simulated',
      'Planner metrics',
      'Fitted parameters',
    ]);
    const [figures, metrics] = r.tables;
    expect(figures!.rows[0]).toEqual([
      'Last served',
      '19:50',
      'F0',
      '19:52',
      '19:49 – 19:55',
      '+4.0 %',
      'prediction',
    ]);
    const rows = figures!.rows as readonly (readonly unknown[])[];
    expect(rows[1]?.[6]).toBe('fitted: servers');
    expect(rows[3]?.[0]).toBe('Never reached (not reached in 10)');
    expect(metrics!.rows[0]).toEqual([
      'Mean wait',
      '1 min 35 s',
      '1 min 00 s – 2 min 10 s',
      '1 min 36 s',
      '1 min 30 s – 1 min 42 s',
    ]);
  });

  it('renders as a self-contained HTML report with the default chart inline', async () => {
    const r = result();
    const { html, images } = await renderHtmlReport(scenarioReport(r, scenarioDefaultCharts(r)), {
      png: false,
    });
    expect(images.map((i) => i.name)).toEqual(['figures']);
    expect(html).toContain('<h2>Reported vs simulated</h2>');
    expect(html).toContain('Last served (F0)');
    expect(html).not.toMatch(/<script/);
  });
});

describe('scenarioResultJson', () => {
  it('is the result without runs, and parses back to it', () => {
    const r = result({ runs: [{ big: 1 }] });
    const json = JSON.parse(scenarioResultJson(r));
    expect(json.runs).toBeUndefined();
    const { runs: _runs, ...rest } = r;
    expect(json).toEqual(JSON.parse(JSON.stringify(rest)));
  });
});

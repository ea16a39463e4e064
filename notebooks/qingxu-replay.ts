// Notebook source: `node scripts/notebooks.mjs build` turns this file into qingxu-replay.ipynb.

// %% [markdown]
// # Qingxu, 13 April 2022: the reported day replayed
//
// The county's day after the first positive screen at 01:30, as the Taiyuan Evening News reported it
// (facts F1–F17, restated in `docs/sources/`): the Yunda distribution centre sampled at night, village
// checkpoints, party members mustered, a 500-bed isolation site set up by volunteers, 327 workers moved in
// 17 buses, Hedong tested at 50 points in six hours, and 30 truckloads of supplies unloaded by a human chain.
//
// This notebook runs the day's campaign spec, `campaigns/qingxu-2022-04-13.json` — the same one that
// `npm run surgesim -- run qingxu` executes — and shows the reported figures beside the simulated
// ones, then the day's charts. It uses 6 replications so that it executes in a few seconds; the
// command's default is 20, and the README's table is the reference run.

// %%
import spec from '../campaigns/qingxu-2022-04-13.json' with { type: 'json' };
import { campaignScenario } from '../models/campaign/index.ts';
import { Epoch, formatFigure, runScenario } from '../src/index.ts';
import { scenarioFigureRows, scenarioFiguresChart } from '../src/report/index.ts';
import { renderPng } from '../src/report/node.ts';

const scenario = campaignScenario(spec);
const result = runScenario(scenario, { replications: 6, seed: 1, keepRuns: true });
const epoch = new Epoch(result.epoch!);
`${result.title}: ${result.replications} replications, seed ${result.seed}, surgesim ${result.version}`;

// %% [markdown]
// ## Reported against simulated
//
// For each figure the report gives: the reported value and its fact, the simulated median and the
// interval over replications (5th to 95th percentile), and the median's difference from the report.
// A figure marked **fitted** is one a parameter was tuned to (so agreement there checks the fit, not
// the model); a **prediction** is a figure no parameter was fitted to.

// %%
const cell = (f: (typeof result.figures)[number], v: number | null) => formatFigure(v, f.unit, epoch);
const figureLines = result.figures.map((f) =>
  [
    f.source === null ? f.label : `${f.label} (${f.source})`,
    cell(f, f.reported),
    cell(f, f.median),
    `${cell(f, f.lower)} – ${cell(f, f.upper)}`,
    f.relativeError === null ? '–' : `${(f.relativeError * 100).toFixed(1)} %`,
    f.fitted === null ? 'prediction' : 'fitted',
  ].join(' | '),
);
Deno.jupyter.md`| figure | reported | simulated median | interval | vs reported | basis |
|---|---:|---:|---:|---:|---|
${figureLines.map((l) => `| ${l} |`).join('\n')}`;

// %% [markdown]
// The same table as a chart: every reported figure on one scale, simulated − reported in per cent of
// the reported value (clock figures: of the time since the epoch), the tolerance as a pale band, fitted
// figures hollow and predictions filled.

// %%
const figuresChart = scenarioFiguresChart(result);
if (figuresChart === null) throw new Error('the replay has no reported figure with a simulated value');
Deno.jupyter.image((await renderPng(figuresChart.spec)).png);

// %% [markdown]
// ## Planner metrics
//
// Figures the report does not give but a planner asks for: who was not tested by the deadline, how long
// the queues grew, how busy each role was, how many staff hours the day took.

// %%
const metricLines = result.metrics.map(
  (f) => `| ${f.label} | ${cell(f, f.median)} | ${cell(f, f.lower)} – ${cell(f, f.upper)} |`,
);
Deno.jupyter.md`| metric | median | interval |
|---|---:|---:|
${metricLines.join('\n')}`;

// %% [markdown]
// ## The day's charts
//
// The spec's charts (`scenario.charts`: one set per component), rendered to PNG with the report fonts
// (including a CJK font, so Chinese place names render). PNG rather than inline SVG: nbconvert's HTML
// export drops the children of SVG outputs.

// %%
const charts = scenario.charts!(result);
const images: { name: string; bytes: number }[] = [];
for (const chart of charts) {
  const image = await renderPng(chart.spec);
  images.push({ name: chart.name, bytes: image.png.length });
  // Inside a loop a displayable must be sent with display(); only a cell's last value shows by itself.
  await Deno.jupyter.display(Deno.jupyter.md`### ${chart.title}`);
  await Deno.jupyter.display(Deno.jupyter.image(image.png));
  if (chart.caption) await Deno.jupyter.display(Deno.jupyter.md`${chart.caption}`);
}
images;

// %% [markdown]
// ## Checks
//
// The notebook fails (and CI with it) if the replay no longer reproduces a figure it was fitted to
// within that figure's tolerance, if a chart is missing, or if a chart renders to an implausibly small
// image (resvg drops all text silently when fonts are missing).

// %%
const offFit = result.figures.filter((f) => f.fitted !== null && f.withinTolerance === false);
if (offFit.length > 0)
  throw new Error(`fitted figures outside tolerance: ${offFit.map((f) => f.id).join(', ')}`);
if (scenarioFigureRows(result).length === 0) throw new Error('no figure rows');
const expected = ['hedong-tested', 'isolation-site-beds', 'park-workers-trips', 'supplies-unloading'];
const missing = expected.filter((n) => !charts.some((c) => c.name === n));
if (missing.length > 0) throw new Error(`charts missing: ${missing.join(', ')}`);
const tiny = images.filter((i) => i.bytes < 10_000);
if (tiny.length > 0)
  throw new Error(`charts rendered suspiciously small: ${tiny.map((i) => i.name).join(', ')}`);
`${result.figures.length} figures, ${result.metrics.length} metrics, ${images.length} charts rendered`;

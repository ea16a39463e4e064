/**
 * Writing a scenario's report folder (Node only): `report.html` (self-contained), `result.json` (the
 * result without the per-replication runs, so it stays small and reproducible from its seed), and
 * each chart as `<name>.svg` and `<name>.png`.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioChart } from '../experiment/scenario.js';
import type { ScenarioResult } from '../experiment/scenarioRun.js';
import { nonEmptyString } from '../kernel/validate.js';
import type { MissingFontError } from './fonts-node.js';
import { type HtmlReportOptions, writeHtmlReport } from './html-node.js';
import { scenarioDefaultCharts, scenarioReport, scenarioResultJson } from './scenarioReport.js';

/**
 * Write the report folder of a scenario run: `result.json`, `report.html` and each chart (the
 * default figures chart plus the scenario's own) as SVG and PNG. PNGs are drawn with the report fonts
 * (a {@link MissingFontError} names the package to install rather than writing text-less images).
 *
 * @param dir - the folder (created if needed).
 * @param result - from `runScenario` (with `runs` when `charts` came from the scenario's hook).
 * @param charts - the scenario's own charts, e.g. `scenario.charts?.(result)`.
 * @param options - HTML report options (PNG scale, fonts, embedding).
 * @returns the paths written: `report.html` first, then the images, then `result.json`.
 * @example
 * ```ts
 * const result = runScenario(scenario, { replications: 20, seed: 1, keepRuns: true });
 * await writeScenarioReport('out', result, scenario.charts?.(result) ?? []);
 * ```
 */
export async function writeScenarioReport(
  dir: string,
  result: ScenarioResult<unknown, unknown>,
  charts: readonly ScenarioChart[] = [],
  options: HtmlReportOptions = {},
): Promise<string[]> {
  nonEmptyString(dir, 'dir');
  const report = scenarioReport(result, scenarioDefaultCharts(result, charts));
  const written = await writeHtmlReport(dir, report, options);
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'result.json');
  await writeFile(json, scenarioResultJson(result), 'utf8');
  return [...written, json];
}

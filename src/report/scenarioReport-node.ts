/**
 * Writing a scenario's report folder (Node only): `report.html` (self-contained), `result.json` (the
 * result without the per-replication runs, so it stays small and reproducible from its seed), and
 * each chart as `<name>.svg` and `<name>.png`.
 *
 * @module
 */
import type { ScenarioChart } from '../experiment/scenario.js';
import type { ScenarioResult } from '../experiment/scenarioRun.js';
import type { MissingFontError } from './fonts-node.js';
import { type HtmlReportOptions, writeHtmlReport } from './html-node.js';
import { type OutputFolder, prepareOutputFolder } from './outputFolder-node.js';
import { scenarioDefaultCharts, scenarioReport, scenarioResultJson } from './scenarioReport.js';

/**
 * Write the report folder of a scenario run: `result.json`, `report.html` and each chart (the
 * default figures chart plus the scenario's own) as SVG and PNG. PNGs are drawn with the report fonts
 * (a {@link MissingFontError} names the package to install rather than writing text-less images).
 * Given a path, the folder is written whole or not at all (see {@link prepareOutputFolder}: a folder
 * that already holds files is refused unless `options.force` and it is an earlier report); given an
 * open {@link OutputFolder}, the files are added to it and the caller commits.
 *
 * @param target - the folder (created if needed), or an open output folder.
 * @param result - from `runScenario` (with `runs` when `charts` came from the scenario's hook).
 * @param charts - the scenario's own charts, e.g. `scenario.charts?.(result)`.
 * @param options - HTML report options (PNG scale, fonts, embedding, `force`).
 * @returns the paths written: `report.html` first, then the images, then `result.json`.
 * @example
 * ```ts
 * const result = runScenario(scenario, { replications: 20, seed: 1, keepRuns: true });
 * await writeScenarioReport('out', result, scenario.charts?.(result) ?? []);
 * ```
 */
export async function writeScenarioReport(
  target: string | OutputFolder,
  result: ScenarioResult<unknown, unknown>,
  charts: readonly ScenarioChart[] = [],
  options: HtmlReportOptions = {},
): Promise<string[]> {
  if (typeof target === 'string') {
    const folder = await prepareOutputFolder(target, { force: options.force ?? false });
    try {
      await writeScenarioReport(folder, result, charts, options);
      return await folder.commit();
    } finally {
      await folder.abort();
    }
  }
  const report = scenarioReport(result, scenarioDefaultCharts(result, charts));
  const written = await writeHtmlReport(target, report, options);
  return [...written, await target.write('result.json', scenarioResultJson(result))];
}

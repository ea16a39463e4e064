/**
 * The Qingxu replay: 13 April 2022, from the first positive screen at 01:30 (F1) to the morning
 * after, composed from surgesim's mass-testing models (see `scenarios/qingxu/day.ts`), with every
 * parameter's source in `scenarios/qingxu/params.ts`.
 *
 * Run it:
 * ```sh
 * npx tsx scenarios/qingxu-2022-04-13.ts                       # table: reported vs simulated
 * npx tsx scenarios/qingxu-2022-04-13.ts --replications 50 --seed 7
 * npx tsx scenarios/qingxu-2022-04-13.ts --set hedong.staff.swabbers=216 --set siteSetup.start=14:30
 * npx tsx scenarios/qingxu-2022-04-13.ts --workers 1                 # all replications on one thread
 * npx tsx scenarios/qingxu-2022-04-13.ts --json > replay.json   # seed, parameters, version, figures
 * npx tsx scenarios/qingxu-2022-04-13.ts --out out/qingxu        # report.html, result.json, charts
 * ```
 *
 * @module
 */
import { isMain, runScenarioScript } from '../src/cli/index.js';
import { defineScenario } from '../src/index.js';
import { type DayResult, runDay, validateDay } from './qingxu/day.js';
import { QINGXU_FIGURES, QINGXU_METRICS, qingxuCharts } from './qingxu/figures.js';
import {
  QINGXU_ASSUMPTIONS,
  QINGXU_DEFAULTS,
  QINGXU_EPOCH,
  QINGXU_FITTED,
  type QingxuParams,
} from './qingxu/params.js';

/**
 * The replay as a scenario: defaults from the report and the calibration notes, one replication =
 * one day ({@link runDay}), the report's figures beside the simulated median and 90 % interval.
 *
 * @example
 * ```ts
 * import { runScenario, formatScenarioTable } from 'surgesim';
 * console.log(formatScenarioTable(runScenario(scenario, { replications: 20, seed: 1 })));
 * ```
 */
export const scenario = defineScenario<QingxuParams, DayResult>({
  name: 'qingxu-2022-04-13',
  title: 'Qingxu county, 13 April 2022 — the reported day replayed',
  description:
    'Yunda sampling (F5), checkpoints (F9), the 15:30 muster (F10), isolation-site set-up (F11), Hedong-wide testing from 19:00 (F12–F14), the closed-loop bus transfer gated by the site (F15) and the 22:00 supply unloading (F16–F17), each from the building blocks in models/.',
  epoch: QINGXU_EPOCH,
  defaults: QINGXU_DEFAULTS,
  validate: validateDay,
  run: (params, ctx) => runDay(params, ctx.seed),
  figures: QINGXU_FIGURES,
  metrics: QINGXU_METRICS,
  fitted: QINGXU_FITTED,
  assumptions: QINGXU_ASSUMPTIONS,
  charts: qingxuCharts,
});

export default scenario;

// Run from the command line (not when imported), through the shared scenario-script entry. No
// top-level await, so the module also loads where a bundler targets CommonJS.
if (isMain(import.meta))
  void runScenarioScript(scenario).then((code) => {
    process.exitCode = code;
  });

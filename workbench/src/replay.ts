/**
 * Replications computed elsewhere (in Web Workers), summarised by the library's own runner.
 *
 * The page runs replication i of a spec in a worker with `runReplication` and the scenario's
 * resolved parameters — exactly what `runScenario` does on one thread — and gets the campaign result
 * back by structured clone (numbers cross unchanged). To turn those results into a `ScenarioResult`
 * (figures, medians, intervals, charts) and a comparison (the paired-difference path), this module
 * hands them to `runScenario` and `compareScenarios` through a scenario whose `run` returns the
 * result already computed for that replication. The summary code is therefore the library's, not a
 * copy, and the page's numbers equal a Node run's with the same seed bit for bit
 * (test/workbench/replay.test.ts checks it in Node, test/workbench/browser.test.ts in Chromium).
 *
 * @module
 */
import { type CampaignResult, campaignScenario } from '../../models/index.js';
import {
  compareScenarios,
  runScenario,
  type Scenario,
  type ScenarioComparison,
  type ScenarioResult,
} from '../../src/index.js';

/** The campaign scenario of `spec`, whose replication i returns `outputs[i]` instead of running. */
function replayed(spec: unknown, outputs: readonly CampaignResult[]): Scenario<unknown, CampaignResult> {
  const scenario = campaignScenario(spec);
  return {
    ...scenario,
    run: (_parameters, ctx) => {
      const out = outputs[ctx.replication];
      if (out === undefined) throw new Error(`replication ${ctx.replication} was not run`);
      return out;
    },
  };
}

/**
 * The result of a run of `spec` whose replications 0 … n − 1 gave `outputs`, with the runs kept
 * (the charts need them).
 *
 * @example
 * ```ts
 * const result = summariseRuns(spec, outputsFromWorkers, 1);
 * result.figures[0]?.median;
 * ```
 */
export function summariseRuns(
  spec: unknown,
  outputs: readonly CampaignResult[],
  seed: number,
): ScenarioResult<unknown, CampaignResult> {
  return runScenario(replayed(spec, outputs), { replications: outputs.length, seed, keepRuns: true });
}

/**
 * Plan A against plan B on common random numbers: both ran replications 0 … n − 1 with the same
 * seed; the comparison pairs them figure by figure (B − A with a paired interval).
 *
 * @example
 * ```ts
 * compareRuns(specA, outputsA, specB, outputsB, 1).differences;
 * ```
 */
export function compareRuns(
  specA: unknown,
  outputsA: readonly CampaignResult[],
  specB: unknown,
  outputsB: readonly CampaignResult[],
  seed: number,
): ScenarioComparison {
  return compareScenarios(replayed(specA, outputsA), replayed(specB, outputsB), {
    replications: outputsA.length,
    seed,
  });
}

/**
 * The workbench summarises replications run in Web Workers with the library's own runner
 * (workbench/src/replay.ts). Here, in Node: the replications run one by one the way a worker runs
 * them, and their summary and comparison must equal `runScenario` / `compareScenarios` on the same
 * spec and seed exactly (the JSON text, every figure and every replication's value).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CampaignResult, campaignScenario } from '../../models/index.js';
import { compareScenarios, resolveScenarioParameters, runReplication, runScenario } from '../../src/index.js';
import { scenarioResultJson } from '../../src/report/index.js';
import { compareRuns, summariseRuns } from '../../workbench/src/replay.js';

const spec = JSON.parse(
  readFileSync(new URL('../../campaigns/example-county.json', import.meta.url), 'utf8'),
);

/** What a worker does for replication i (workbench/src/worker.ts), in order 2, 0, 1 as workers finish. */
function asWorkers(s: unknown, seed: number, n: number): CampaignResult[] {
  const scenario = campaignScenario(s);
  const parameters = resolveScenarioParameters(scenario);
  const out: CampaignResult[] = [];
  for (const i of [...Array(n).keys()].reverse())
    out[i] = structuredClone(runReplication((ctx) => scenario.run(parameters, ctx), seed, i).output);
  return out;
}

describe('workbench replay of worker results', () => {
  it('summarises to exactly the result of runScenario', () => {
    const seed = 11;
    const node = runScenario(campaignScenario(spec), { replications: 3, seed, keepRuns: true });
    const page = summariseRuns(spec, asWorkers(spec, seed, 3), seed);
    expect(scenarioResultJson(page)).toBe(scenarioResultJson(node));
    expect(page.runs).toEqual(node.runs);
  });

  it('compares to exactly the paired differences of compareScenarios', () => {
    const seed = 5;
    const area = Object.keys(spec.testing)[0]!;
    const b = structuredClone(spec);
    const staff = b.testing[area].staff;
    const role = Object.keys(staff)[0]!;
    const count = typeof staff[role] === 'number' ? staff[role] : (staff[role].value ?? staff[role].count);
    staff[role] = count + 5;
    const node = compareScenarios(campaignScenario(spec), campaignScenario(b), { replications: 3, seed });
    const page = compareRuns(spec, asWorkers(spec, seed, 3), b, asWorkers(b, seed, 3), seed);
    expect(JSON.stringify(page.differences)).toBe(JSON.stringify(node.differences));
    expect(page.differences.some((d) => d.mean !== 0)).toBe(true);
  });
});

/**
 * The Qingxu day as a campaign spec: a reduced replay (3 replications, seed 1) pinned figure by
 * figure, so a change that moves the replay shows in CI rather than being noticed by hand — a golden
 * (no-regression) test, not a validation. Rewrite the golden file deliberately, after checking the
 * new figures, with `UPDATE_GOLDEN=1 npx vitest run test/campaign/qingxu-replay.test.ts`.
 *
 * Beside it, checks that are not golden: every fitted or read-back figure matches its reported value
 * within the figure's tolerance (the calibration still holds), the Hedong count is a prediction within
 * 5 % of F14, and every testing area accounts for everyone. The rest of the day's properties are in
 * qingxu-day.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignScenario } from '../../models/campaign/index.js';
import { runScenario } from '../../src/index.js';

const SPEC = JSON.parse(
  readFileSync(new URL('../../campaigns/qingxu-2022-04-13.json', import.meta.url), 'utf8'),
);
const GOLDEN = new URL('./qingxu-replay.golden.json', import.meta.url);

describe('campaigns/qingxu-2022-04-13.json', () => {
  const result = runScenario(campaignScenario(SPEC), { replications: 3, seed: 1 });

  it('gives the pinned figures of a 3-replication run at seed 1 (golden)', () => {
    const values = Object.fromEntries(
      Object.entries(result.values).map(([id, v]) => [
        id,
        v.map((x) => (x === null ? null : Number(x.toPrecision(9)))),
      ]),
    );
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(values, null, 2)}\n`);
    expect(existsSync(GOLDEN), 'the golden file: create it with UPDATE_GOLDEN=1').toBe(true);
    expect(values).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('reproduces every fitted or read-back figure within its tolerance', () => {
    const checks = result.figures.filter((f) => f.fitted !== null && f.reported !== null);
    expect(checks.map((f) => f.id).sort()).toEqual(
      [
        'beds.allReady',
        'checkpoints.hoursPerKeeper',
        'hedong.complete',
        'muster.withinHour',
        'transfer.busesUsed',
        'transfer.firstDeparture',
        'transfer.moved',
        'unloading.hours',
        'yunda.sampled',
      ].sort(),
    );
    for (const f of checks)
      expect({ id: f.id, within: f.withinTolerance }).toEqual({ id: f.id, within: true });
  });

  it('predicts the Hedong count (F14) within 5 %, from the assumed population', () => {
    const f = result.figures.find((x) => x.id === 'hedong.tested6h')!;
    expect(f.fitted).toBeNull();
    expect(Math.abs(f.relativeError!)).toBeLessThan(0.05);
  });

  it('accounts for everyone in every testing area', () => {
    const runs = runScenario(campaignScenario(SPEC), { replications: 1, seed: 2, keepRuns: true }).runs!;
    for (const area of Object.values(runs[0]!.testing)) {
      const a = area.accounting;
      const left = Object.values(a.left).reduce((x, y) => x + y, 0);
      expect(a.notArrived + a.queued + a.inService + left).toBe(a.population);
      expect(area.tested).toBe(area.population);
    }
  });
});

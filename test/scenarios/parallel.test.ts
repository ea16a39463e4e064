/**
 * The replay on worker threads: each worker imports scenarios/qingxu-2022-04-13.ts through tsx and
 * the result equals the serial run for the same seed (on the reduced day, so the test stays short;
 * the workers are forced, since three reduced days would otherwise stay on the calling thread).
 */
import { describe, expect, it } from 'vitest';
import type { DayResult } from '../../scenarios/qingxu/day.js';
import type { QingxuParams } from '../../scenarios/qingxu/params.js';
import { scenario } from '../../scenarios/qingxu-2022-04-13.js';
import { runScenarioParallel } from '../../src/experiment/parallel.js';
import { type Overrides, runScenario } from '../../src/index.js';

const SMALL: Overrides<QingxuParams> = {
  hedong: { population: 20_000, points: 8, staff: { marshals: 16, clerks: 40, swabbers: 24 } },
  unloading: { items: 3000 },
};

describe('the replay on two worker threads', () => {
  it('gives exactly the serial result, kept days included', async () => {
    const options = { replications: 3, seed: 21, overrides: SMALL, keepRuns: true };
    const parallel = await runScenarioParallel<QingxuParams, DayResult>(scenario, {
      ...options,
      module: new URL('../../scenarios/qingxu-2022-04-13.ts', import.meta.url),
      workers: 2,
      serialBelowMs: 0,
    });
    expect(parallel).toStrictEqual(runScenario<QingxuParams, DayResult>(scenario, options));
  });
});

/**
 * Scenario runs on worker threads: the same result as the serial run for the same seed (figures,
 * per-replication values, kept runs, comparisons), progress reported up to the total, failures as
 * the serial run reports them, bad options and wrong modules named before the workers run anything,
 * and short runs kept on the calling thread.
 *
 * Workers are forced with `serialBelowMs: 0` (the desk's replications take microseconds, which would
 * otherwise keep them on this thread).
 */
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ParallelRunner, runScenarioParallel } from '../../src/experiment/parallel.js';
import { ReplicationError } from '../../src/experiment/replicate.js';
import {
  type CompareScenariosOptions,
  compareScenarios,
  type RunScenarioOptions,
  runScenario,
} from '../../src/experiment/scenarioRun.js';
import { idleCores } from '../../src/experiment/workerModules.js';
import { ParameterError } from '../../src/kernel/errors.js';
import { scenario as desk } from '../cli/fixtures/desk.js';
import { scenario as failing } from '../cli/fixtures/failing.js';

const DESK = new URL('../cli/fixtures/desk.ts', import.meta.url);
const FAILING = new URL('../cli/fixtures/failing.ts', import.meta.url);
const NO_SCENARIO = new URL('../cli/fixtures/no-scenario.ts', import.meta.url);
const FORCE = { workers: 2, serialBelowMs: 0 } as const;
type Desk = (typeof desk)['defaults'];

describe('scenario runs on worker threads', () => {
  // One pool for the file: worker threads start slowly (each imports the sources through tsx). Its
  // one thread and this one make the two of FORCE.
  const runner = new ParallelRunner({ threads: 1 });
  afterAll(() => runner.close());

  it('give exactly the serial result (values, summaries, kept runs), with progress up to the total', async () => {
    const options: RunScenarioOptions<Desk> = {
      replications: 11,
      seed: 4242,
      overrides: { servers: 3 },
      keepRuns: true,
    };
    const progress: number[] = [];
    const parallel = await runner.runScenario(desk, {
      ...options,
      module: DESK,
      serialBelowMs: 0,
      onProgress: (done: number, total: number) => {
        expect(total).toBe(11);
        progress.push(done);
      },
    });
    expect(parallel).toStrictEqual(runScenario(desk, options));
    expect(progress[0]).toBe(1);
    expect(progress.at(-1)).toBe(11);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('a comparison gives exactly the serial comparison', async () => {
    const options: CompareScenariosOptions<Desk, Desk> = {
      replications: 6,
      seed: 9,
      overridesB: { servers: 3 },
    };
    const parallel = await runner.compareScenarios(desk, desk, {
      ...options,
      serialBelowMs: 0,
      moduleA: DESK,
      moduleB: DESK.pathname,
    });
    expect(parallel).toStrictEqual(compareScenarios(desk, desk, options));
  });

  it('a failing replication is the serial run’s error: same replication, seed and message', async () => {
    let serial: unknown;
    try {
      runScenario(failing, { replications: 5, seed: 1 });
    } catch (e) {
      serial = e;
    }
    const p = runner.runScenario(failing, { replications: 5, seed: 1, module: FAILING, serialBelowMs: 0 });
    await expect(p).rejects.toBeInstanceOf(ReplicationError);
    const e = (await p.catch((x: unknown) => x)) as ReplicationError;
    expect(serial).toBeInstanceOf(ReplicationError);
    expect([e.replication, e.seed, e.message]).toEqual([
      (serial as ReplicationError).replication,
      (serial as ReplicationError).seed,
      (serial as ReplicationError).message,
    ]);
    expect(e.message).toMatch(/desk#1 at t=1234\.50: the desk caught fire/);
  });

  it('a module that does not export this scenario is a ParameterError naming the module', async () => {
    const run = (module: URL) =>
      runner.runScenario(desk, { replications: 3, seed: 1, module, serialBelowMs: 0 });
    await expect(run(NO_SCENARIO)).rejects.toThrow(/no export 'default' \(exports: answer\)/);
    await expect(run(FAILING)).rejects.toThrow(
      /export 'scenario' is scenario 'failing' with figures \[x\], not 'desk'/,
    );
    await expect(run(FAILING)).rejects.toBeInstanceOf(ParameterError);
  });

  it('bad options are named before anything runs', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ module: 'test/cli/fixtures/nope.ts' }, /^options\.module: expected an existing module file/],
      [{ module: 'https://example.com/desk.js' }, /^options\.module: expected a file: URL/],
      [{ module: DESK, workers: 0 }, /^options\.workers:/],
      [{ module: DESK, workers: 1.5 }, /^options\.workers:/],
      [{ module: DESK, serialBelowMs: -1 }, /^options\.serialBelowMs:/],
      [{ module: DESK, exportName: '' }, /^options\.exportName:/],
      [{ module: DESK, replications: 0 }, /^options\.replications:/],
      [{ module: DESK, overrides: { servrs: 3 } }, /servrs/],
    ];
    for (const [options, message] of bad) {
      const p = runScenarioParallel(desk, { seed: 1, ...options } as never);
      await expect(p, message.source).rejects.toBeInstanceOf(ParameterError);
      await expect(p, message.source).rejects.toThrow(message);
    }
  });

  it('the one-shot function starts and closes its own pool, with the same result', async () => {
    // compareScenariosParallel is the same wrapper around runner.compareScenarios (tested above).
    const options = { replications: 4, seed: 5 };
    expect(await runScenarioParallel(desk, { ...options, ...FORCE, module: DESK })).toStrictEqual(
      runScenario(desk, options),
    );
  });

  it('keeps a short run on the calling thread: no worker imports the module', async () => {
    // The module has no scenario, so a worker would fail; under the 4 s default the run never asks one.
    const quick = await runScenarioParallel(desk, {
      replications: 5,
      seed: 2,
      module: NO_SCENARIO,
      workers: 2,
    });
    expect(quick).toStrictEqual(runScenario(desk, { replications: 5, seed: 2 }));
    const one = await runScenarioParallel(desk, {
      replications: 5,
      seed: 2,
      module: NO_SCENARIO,
      workers: 1,
      serialBelowMs: 0,
    });
    expect(one).toStrictEqual(quick);
  });

  it('by default uses the idle cores: a whole number from 1 to the number of cores', () => {
    const n = idleCores();
    expect(Number.isInteger(n)).toBe(true);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(availableParallelism());
  });
});

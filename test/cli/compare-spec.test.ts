/**
 * `surgesim compare` on a campaign spec runs its replications on worker threads as `run` does: the
 * threads rebuild each side's scenario from its spec (`campaignScenario`), and the JSON is the
 * serial run's, byte for byte. The parallel runner is wrapped here to record how it was called and
 * to start the workers however short the run (`serialBelowMs: 0`), so the threads really run
 * replications of both sides.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.js';
import type { CompareScenariosParallelOptions } from '../../src/experiment/scenarioParallel.js';
import { capture } from './helpers.js';

const calls = vi.hoisted(() => [] as CompareScenariosParallelOptions<unknown, unknown>[]);

vi.mock('../../src/experiment/scenarioParallel.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/experiment/scenarioParallel.js')>();
  return {
    ...mod,
    compareScenariosParallel: ((a, b, options) => {
      calls.push(options);
      return mod.compareScenariosParallel(a, b, { ...options, serialBelowMs: 0 });
    }) as typeof mod.compareScenariosParallel,
  };
});

const SPEC = 'test/campaign/fixtures/village.json';
const ARGS = [
  'compare',
  SPEC,
  '-n',
  '3',
  '--seed',
  '11',
  '--set-b',
  'testing.village.staff.clerks=15',
  '--json',
];

describe('surgesim compare on a spec', () => {
  it.skipIf(availableParallelism() < 2)(
    'runs on worker threads (--workers 2) and prints the serial JSON byte for byte',
    async () => {
      const serial = capture();
      expect(await main([...ARGS, '--workers', '1'], serial.io), serial.err()).toBe(0);
      expect(calls).toHaveLength(0);

      const threads = capture();
      expect(await main([...ARGS, '--workers', '2'], threads.io), threads.err()).toBe(0);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        workers: 2,
        exportNameA: 'campaignScenario',
        exportNameB: 'campaignScenario',
      });

      expect(threads.out()).toBe(serial.out());
      const c = JSON.parse(serial.out());
      expect(c.replications).toBe(3);
      // The change made a difference somewhere, so equal outputs are not two empty comparisons.
      expect(c.differences.some((d: { mean: number }) => d.mean !== 0)).toBe(true);
    },
  );
});

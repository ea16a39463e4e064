/**
 * The experiment barrel: its export list is pinned, and it is browser-safe — nothing it imports,
 * directly or transitively, is a Node built-in or piscina (those live in parallel.ts only).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as experiment from '../../src/experiment/index.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Static and dynamic import specifiers of a source file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)) found.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1]!);
  return found;
}

/** Every bare (non-relative) module reached from `entry` through relative imports, with the file that imports it. */
function externalImports(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const external = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!external.has(spec)) external.set(spec, file);
    }
  };
  visit(entry);
  return external;
}

describe('src/experiment/index.ts', () => {
  it('exports exactly the pinned list', () => {
    expect(Object.keys(experiment).sort()).toEqual(
      [
        'BatchMeans',
        'DEFAULT_MAX_REPLICATIONS',
        'ReplicationError',
        'SWEEP_COLUMNS',
        'SteadyStateObserver',
        'TimeBatchMeans',
        'WindowAverage',
        'WindowTally',
        'afterWarmup',
        'afterWarmupTime',
        'batchMeans',
        'compare',
        'compareParams',
        'gridPoints',
        'isSignificant',
        'mser',
        'pairedDifference',
        'pairedDifferences',
        'replicate',
        'replicationDeletion',
        'runReplication',
        'summarise',
        'summaryOf',
        'sweep',
        'FIGURE_UNITS',
        'checkScenario',
        'combineOverrides',
        'compareScenarios',
        'defineScenario',
        'formatComparisonTable',
        'formatDifference',
        'formatFigure',
        'formatScenarioTable',
        'mergeParameters',
        'overrideFromAssignment',
        'resolveScenarioParameters',
        'runScenario',
        'textTable',
      ].sort(),
    );
  });

  it('imports no Node built-in and no piscina, directly or transitively', () => {
    const external = externalImports(resolve(SRC, 'experiment/index.ts'));
    const nodeOnly = [...external].filter(
      ([spec]) => spec.startsWith('node:') || spec === 'piscina' || spec.startsWith('tsx'),
    );
    expect(nodeOnly).toEqual([]);
    // The walk does reach the libraries the layer is built on (so it is not vacuous).
    expect([...external.keys()]).toContain('seedrandom');
  });

  it('parallel.ts is where the Node-only code lives', () => {
    const external = externalImports(resolve(SRC, 'experiment/parallel.ts'));
    expect([...external.keys()]).toEqual(expect.arrayContaining(['node:os', 'piscina', 'tsx/esm/api']));
  });
});

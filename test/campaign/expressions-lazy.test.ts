// mathjs is loaded only by a spec that has an expression. Each case runs in a child process (a
// fresh module graph): the probe checks and plans a spec as `surgesim run` does before it
// simulates, and reports mathjs's CommonJS modules in require's cache and, through a resolve hook,
// every ES module of mathjs. The example county (which has expressions) is the positive control:
// it shows that both traces see mathjs when it is there.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');

function probe(spec: string, ...flags: string[]): { engine: boolean; cjs: number; esm: number } {
  const args = ['--import', 'tsx', '--import', join(fixtures, 'trace-mathjs.mjs')];
  const out = execFileSync(process.execPath, [...args, join(fixtures, 'startup-probe.ts'), spec, ...flags], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('mathjs is loaded lazily', () => {
  it('checking and planning the Qingxu spec (no expressions) loads no part of mathjs', () => {
    expect(probe('campaigns/qingxu-2022-04-13.json')).toEqual({ engine: false, cjs: 0, esm: 0 });
  });

  it('loadExpressions from the models barrel preloads it (as an ES module) for a spec that has none', () => {
    const r = probe('campaigns/qingxu-2022-04-13.json', '--preload');
    expect(r).toEqual({ engine: true, cjs: 0, esm: expect.any(Number) });
    expect(r.esm).toBeGreaterThan(0);
  });

  it('a spec with expressions loads it, and the traces see it', () => {
    const r = probe('campaigns/example-county.json', '--and-import');
    expect(r.engine).toBe(true);
    expect(r.cjs).toBeGreaterThan(0);
    expect(r.esm).toBeGreaterThan(0);
  });
});

/**
 * Golden tests for examples/: each example runs as a user would run it (a separate node process with
 * tsx) and its output must equal the checked-in `.out` file exactly. A change in the engine that
 * changes any example's trace shows up here; update a `.out` file only on purpose.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', 'examples');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.out'))
  .map((f) => f.replace(/\.out$/, ''));

describe('examples match their expected output', () => {
  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });
  for (const name of examples) {
    it(`examples/${name}.ts prints examples/${name}.out`, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.ts`)], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(out).toBe(readFileSync(join(dir, `${name}.out`), 'utf8'));
    });
  }
});

/**
 * The example of src/flow/README.md runs as printed (with `surgesim` pointed at the sources), and
 * everyone it lets in is tested.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('src/flow/README.md', () => {
  it('the example runs and tests everyone', () => {
    const readme = readFileSync(join(root, 'src', 'flow', 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Example')))?.[1];
    expect(code).toBeDefined();
    const dir = mkdtempSync(join(root, '.readme-flow-'));
    try {
      const file = join(dir, 'example.ts');
      const source = code!
        .replace("from 'surgesim'", `from ${JSON.stringify(join(root, 'src', 'index.js'))}`)
        .replace('console.log({', 'console.log(JSON.stringify({')
        .replace(/\}\);\s*$/, '}));\n');
      writeFileSync(file, source);
      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' }));
      expect(out.entered).toBe(2500);
      expect(out.left.tested).toBe(2500);
      expect(out.tubes).toBe(250);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

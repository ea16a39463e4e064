/**
 * The public entry point must load in a browser: nothing reachable from src/index.ts may import a Node
 * built-in (`node:*` or a bare built-in name). Walks the static import graph of the source files.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'src');
const builtins = new Set(builtinModules);
const importRe =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function walk(file: string, seen: Map<string, string[]>): void {
  if (seen.has(file)) return;
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(importRe)) specs.push((m[1] ?? m[2])!);
  seen.set(file, specs);
  for (const s of specs) if (s.startsWith('.')) walk(resolve(dirname(file), s.replace(/\.js$/, '.ts')), seen);
}

describe('browser safety of the public entry point', () => {
  it('no module reachable from src/index.ts imports a Node built-in', () => {
    const seen = new Map<string, string[]>();
    walk(join(root, 'index.ts'), seen);
    const offenders: string[] = [];
    for (const [file, specs] of seen)
      for (const s of specs)
        if (s.startsWith('node:') || builtins.has(s))
          offenders.push(`${file.slice(root.length + 1)} imports ${s}`);
    expect(seen.size).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

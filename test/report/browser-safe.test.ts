/**
 * The chart builders must load in a browser: nothing reachable from src/report/index.ts may import a
 * Node built-in or the Node-only renderers (resvg, the `*-node.ts` files). The walk is checked to work
 * by running it on the Node entry, which must find them.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'src');
const builtins = new Set(builtinModules);
const importRe =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module reachable from `entry` by static (and literal dynamic) imports, with its specifiers. */
function walk(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const specs = [...readFileSync(file, 'utf8').matchAll(importRe)].map((m) => (m[1] ?? m[2] ?? m[3])!);
    seen.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

function offenders(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, specs] of graph) {
    const name = relative(root, file);
    if (/-node\.ts$|[/\\]node\.ts$/.test(file)) out.push(`${name} is Node-only`);
    for (const s of specs)
      if (s.startsWith('node:') || builtins.has(s) || s.startsWith('@resvg/'))
        out.push(`${name} imports ${s}`);
  }
  return out;
}

describe('browser safety of the report builders', () => {
  it('no module reachable from src/report/index.ts is Node-only', () => {
    const graph = walk(join(root, 'report', 'index.ts'));
    expect(graph.size).toBeGreaterThan(10);
    expect(offenders(graph)).toEqual([]);
  });

  it('the walk does find the Node-only modules behind src/report/node.ts', () => {
    const found = offenders(walk(join(root, 'report', 'node.ts')));
    expect(found).toEqual(
      expect.arrayContaining([
        'report/node.ts is Node-only',
        'report/fonts-node.ts imports node:fs',
        'report/render-node.ts imports @resvg/resvg-js',
      ]),
    );
  });
});

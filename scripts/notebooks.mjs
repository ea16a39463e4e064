#!/usr/bin/env node
/**
 * Build the Jupyter notebooks in notebooks/ from their plain TypeScript sources, or check that the
 * committed ones are up to date.
 *
 *   node scripts/notebooks.mjs build    # notebooks/<name>.ts → notebooks/<name>.ipynb
 *   node scripts/notebooks.mjs check    # exit 1 if an .ipynb differs from what its source builds
 *
 * Why sources: an .ipynb is JSON with every line quoted, which reviews badly and invites edits that
 * drift from what was run. The source is an ordinary .ts file (Biome lints and formats it) split into
 * cells by marker comments, in the "percent" format that VS Code, Jupytext and Spyder also read:
 *
 *   // %% [markdown]
 *   // # A heading
 *   // Markdown text, one `// ` per line.
 *
 *   // %%
 *   const x = 1; // a code cell, up to the next marker
 *
 * Anything before the first marker (a file comment) is not part of the notebook. The output is
 * deterministic (no outputs, no execution counts, cell ids from the cell's position), so `check`
 * can compare bytes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../notebooks/', import.meta.url));
const MARKER = /^\/\/ %%(?: \[(markdown|md)\])?\s*$/;

/** Split a source into cells: `{ kind: 'markdown' | 'code', lines }`. */
function cells(text, file) {
  const out = [];
  let current = null;
  text.split('\n').forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m) {
      current = { kind: m[1] ? 'markdown' : 'code', lines: [] };
      out.push(current);
      return;
    }
    if (line.startsWith('// %%')) throw new Error(`${file}:${i + 1}: unknown cell marker '${line}'`);
    if (!current) return;
    if (current.kind === 'markdown') {
      if (line !== '' && line !== '//' && !line.startsWith('// '))
        throw new Error(`${file}:${i + 1}: a markdown cell's lines start with '// ' (got '${line}')`);
      current.lines.push(line.replace(/^\/\/ ?/, ''));
    } else current.lines.push(line);
  });
  for (const c of out) {
    while (c.lines.length > 0 && c.lines[0].trim() === '') c.lines.shift();
    while (c.lines.length > 0 && c.lines.at(-1).trim() === '') c.lines.pop();
  }
  const empty = out.findIndex((c) => c.lines.length === 0);
  if (empty >= 0) throw new Error(`${file}: cell ${empty + 1} is empty`);
  if (out.length === 0) throw new Error(`${file}: no cells (no '// %%' marker)`);
  return out;
}

/** The notebook JSON (nbformat 4.5) for a source file, as text. */
function notebook(file) {
  const name = basename(file, '.ts');
  const source = (lines) => lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
  const nb = {
    cells: cells(readFileSync(file, 'utf8'), file).map((c, i) => ({
      cell_type: c.kind,
      id: `${name}-${i + 1}`.slice(0, 64),
      metadata: {},
      ...(c.kind === 'code' ? { execution_count: null, outputs: [] } : {}),
      source: source(c.lines),
    })),
    metadata: {
      kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' },
      language_info: { file_extension: '.ts', mimetype: 'text/x.typescript', name: 'typescript' },
      source: `notebooks/${name}.ts (built by scripts/notebooks.mjs; edit the source, not this file)`,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

const sources = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => join(DIR, f));
const command = process.argv[2];
if (command !== 'build' && command !== 'check') {
  process.stderr.write('usage: node scripts/notebooks.mjs build|check\n');
  process.exit(2);
}
let stale = 0;
for (const src of sources) {
  const target = src.replace(/\.ts$/, '.ipynb');
  const text = notebook(src);
  let old = null;
  try {
    old = readFileSync(target, 'utf8');
  } catch {}
  if (command === 'build') {
    if (old !== text) writeFileSync(target, text);
    process.stdout.write(`${old === text ? 'unchanged' : 'wrote'} notebooks/${basename(target)}\n`);
  } else if (old !== text) {
    stale++;
    process.stderr.write(
      `notebooks/${basename(target)} is ${old === null ? 'missing' : 'out of date'}: run 'npm run notebooks:build'\n`,
    );
  }
}
const orphans = readdirSync(DIR).filter(
  (f) => f.endsWith('.ipynb') && !sources.includes(join(DIR, f.replace(/\.ipynb$/, '.ts'))),
);
for (const f of orphans)
  process.stderr.write(`notebooks/${f} has no source notebooks/${basename(f, '.ipynb')}.ts\n`);
if (stale > 0 || orphans.length > 0) process.exit(1);

// Shared by the campaign tests: a fresh copy of the village fixture to edit, and reading an issue's
// path back in the input.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpec, SpecError, type SpecIssue } from '../../models/campaign/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A fresh copy of the village fixture (a spec that uses every part of the format). */
export function village(): any {
  return JSON.parse(readFileSync(join(here, 'fixtures', 'village.json'), 'utf8'));
}

/** The keys of an issue path: `testing[0].people.type["60+"]` → ['testing', 0, 'people', 'type', '60+']. */
export function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /([A-Za-z_$*][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(JSON.parse(m[3]));
    last = re.lastIndex;
  }
  if (last !== path.length) throw new Error(`unreadable issue path ${path}`);
  return keys;
}

/** The value at `keys` in `root`, with whether the path exists there. */
export function lookup(
  root: unknown,
  keys: readonly (string | number)[],
): { exists: boolean; value: unknown } {
  let v: unknown = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k))
      return { exists: false, value: undefined };
    v = (v as Record<string | number, unknown>)[k];
  }
  return { exists: true, value: v };
}

/** The issues `checkSpec` lists for a spec (none when it passes). */
export function specIssues(spec: unknown): readonly SpecIssue[] {
  try {
    checkSpec(spec);
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  return [];
}

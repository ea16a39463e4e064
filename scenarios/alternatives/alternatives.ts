/**
 * Alternatives to a campaign as data: a file names a base spec and, per alternative, what changed,
 * its basis and the changes of the spec — `set` (path → value, merged as `--set path=value` merges:
 * objects key by key, lists by index) and `replace` (path → value put there as a whole, for a flow
 * step or a calling pattern that changes shape). A planner writes one as JSON; the workbench and a
 * queue carry it as JSON. The Qingxu file is `campaigns/alternatives/qingxu-2022-04-13.json`.
 *
 * Every alternative changes only what it names; everything else (and every random stream) is the
 * base's, so a paired comparison isolates the change.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { campaignScenario, overrideSpec } from '../../models/campaign/index.js';
import { fromZodIssues, SpecError } from '../../models/campaign/issues.js';
import { ParameterError } from '../../src/index.js';

/** A dotted path into the spec: keys and list indices (`testing.hedong.flow.4.size`). */
const PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const Path = z.string().regex(PATH, 'a dotted path into the spec (e.g. testing.hedong.staff.clerks)');
const Changes = z.record(Path, z.unknown());

const AlternativeSchema = z
  .strictObject({
    changed: z.string().min(1).describe('What changed, in one line a planner reads.'),
    basis: z
      .string()
      .min(1)
      .describe('Where the new values come from: a source, or an assumption [X] with its range.'),
    set: Changes.optional().describe('Path → value, merged as `--set path=value` merges.'),
    replace: Changes.optional().describe('Path → value, put at the path as a whole.'),
  })
  .refine((a) => Object.keys(a.set ?? {}).length + Object.keys(a.replace ?? {}).length > 0, {
    message: 'at least one change in "set" or "replace"',
  });

const AlternativesSchema = z.strictObject({
  base: z.string().min(1).describe('The base spec, a path relative to this file.'),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  keyFigures: z
    .array(z.strictObject({ id: z.string().min(1), heading: z.string().min(1) }))
    .min(1)
    .describe('Figure or metric ids of the base spec shown in the table, with their column headings.'),
  alternatives: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9:+%_-]*$/, 'a short lower-case name'), AlternativeSchema)
    .refine((r) => Object.keys(r).length > 0, { message: 'at least one alternative' }),
});

/**
 * One alternative: what changed, its basis and the changes of the spec.
 *
 * @example
 * ```ts
 * const a: SpecAlternative = {
 *   name: 'pool-20', changed: '20-in-1 pooling instead of 10-in-1', basis: 'cal §1a',
 *   set: { 'testing.hedong.flow.4.size': 20 }, replace: {},
 * };
 * ```
 */
export interface SpecAlternative {
  /** Short id, used by `--only` (its key in the file). */
  readonly name: string;
  /** What changed, in one line a planner reads. */
  readonly changed: string;
  /** Where the new values come from: a calibration row, or an assumption `[X]` with its range. */
  readonly basis: string;
  /** Path → value, merged into the spec as `--set path=value` merges. */
  readonly set: Readonly<Record<string, unknown>>;
  /** Path → value, put at the path as a whole (applied before `set`). */
  readonly replace: Readonly<Record<string, unknown>>;
}

/**
 * A base spec and its alternatives, read and checked.
 *
 * @example
 * ```ts
 * const s: AlternativeSet = readAlternatives('campaigns/alternatives/qingxu-2022-04-13.json');
 * s.alternatives.map((a) => a.name); // ['qr-prereg', 'qr-cards', …]
 * ```
 */
export interface AlternativeSet {
  /** The base spec (the document the file's `base` names). */
  readonly spec: unknown;
  /** Title of the comparison (the file's, or the spec's). */
  readonly title: string;
  /** Figure or metric ids shown in the table, with their column headings. */
  readonly keyFigures: readonly { readonly id: string; readonly heading: string }[];
  /** The alternatives, in the file's order. */
  readonly alternatives: readonly SpecAlternative[];
}

/**
 * The shipped alternatives of the Qingxu day.
 *
 * @example
 * ```ts
 * readAlternatives(QINGXU_ALTERNATIVES_FILE).alternatives.length; // 13
 * ```
 */
export const QINGXU_ALTERNATIVES_FILE: string = fileURLToPath(
  new URL('../../campaigns/alternatives/qingxu-2022-04-13.json', import.meta.url),
);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isAnnotation = (v: unknown): v is Obj & { value: unknown } =>
  isObject(v) && 'value' in v && 'basis' in v;

/** `{ a: { b: value } }` from `a.b`. */
function nested(path: string, value: unknown): Obj {
  return path.split('.').reduceRight<unknown>((inner, k) => ({ [k]: inner }), value) as Obj;
}

/**
 * Put `value` at `path` as a whole. Every step of the path must exist (through an annotation's value,
 * whose annotation is dropped since what it describes changed); the last key must exist too.
 */
function replaceAt(spec: unknown, path: string, value: unknown): unknown {
  const keys = path.split('.');
  const root = structuredClone(spec);
  let holder: unknown = root;
  let parent: unknown = null;
  let parentKey = '';
  for (const [i, key] of keys.entries()) {
    if (isAnnotation(holder) && !Object.hasOwn(holder, key)) {
      // Changing part of an annotated value: the annotation no longer describes it.
      const inner = holder.value;
      if (parent === null) throw new ParameterError(path, 'a path inside the spec', value);
      (parent as Obj)[parentKey] = inner;
      holder = inner;
    }
    const at = keys.slice(0, i + 1).join('.');
    const exists = Array.isArray(holder)
      ? /^(0|[1-9]\d*)$/.test(key) && Number(key) < holder.length
      : isObject(holder) && Object.hasOwn(holder, key);
    if (!exists)
      throw new ParameterError(
        at,
        Array.isArray(holder)
          ? `an index of the list here (0 to ${holder.length - 1})`
          : `one of the spec's keys here (${isObject(holder) ? Object.keys(holder).join(', ') : 'none: not an object'})`,
        key,
      );
    if (i === keys.length - 1) (holder as Obj)[key] = structuredClone(value);
    else {
      parent = holder;
      parentKey = key;
      holder = (holder as Obj)[key];
    }
  }
  return root;
}

/**
 * The spec of one alternative: the base with its `replace` changes, then its `set` changes.
 *
 * @throws ParameterError naming the path when a path is not in the spec.
 * @example
 * ```ts
 * const spec = applyAlternative(base, { name: 'doors-2', changed: '', basis: '', set: { 'transfers.park-workers.doors': 2 }, replace: {} });
 * ```
 */
export function applyAlternative(spec: unknown, alternative: SpecAlternative): unknown {
  let out = spec;
  for (const [path, value] of Object.entries(alternative.replace)) out = replaceAt(out, path, value);
  for (const [path, value] of Object.entries(alternative.set)) out = overrideSpec(out, nested(path, value));
  return out;
}

/**
 * Check one alternative against its base spec: every path exists and the changed spec passes every
 * check of a spec (schema, references, plan). Errors name the alternative and the path.
 *
 * @returns the changed spec.
 * @throws ParameterError (or SpecError) with the path prefixed by `alternatives.<name>`.
 * @example
 * ```ts
 * checkAlternative(set.spec, set.alternatives[0]!);
 * ```
 */
export function checkAlternative(spec: unknown, alternative: SpecAlternative): unknown {
  const prefix = `alternatives.${alternative.name}`;
  try {
    const changed = applyAlternative(spec, alternative);
    campaignScenario(changed);
    return changed;
  } catch (e) {
    if (e instanceof SpecError)
      throw new SpecError(e.issues.map((i) => ({ ...i, path: `${prefix}: ${i.path}` })));
    if (e instanceof ParameterError) throw new ParameterError(`${prefix}: ${e.path}`, e.expected, e.value);
    throw e;
  }
}

/**
 * Read a file of alternatives and its base spec, and check both: the file against its schema (every
 * problem at once, with its path), the key figures against the spec's figures and metrics, and every
 * alternative against the spec ({@link checkAlternative}) — all before anything runs.
 *
 * @param file - the alternatives file (JSON); its `base` is read relative to it.
 * @throws SpecError / ParameterError naming the path and the value.
 * @example
 * ```ts
 * const set = readAlternatives('campaigns/alternatives/qingxu-2022-04-13.json');
 * ```
 */
export function readAlternatives(file: string): AlternativeSet {
  const doc = readJson(file, 'alternatives');
  return parseAlternatives(doc, (base) => readJson(resolve(dirname(resolve(file)), base), 'base'));
}

/**
 * Check an alternatives document already parsed from JSON, with its base spec given by `loadBase`
 * (called with the document's `base`).
 *
 * @throws SpecError / ParameterError naming the path and the value.
 * @example
 * ```ts
 * parseAlternatives(doc, () => spec).alternatives.length;
 * ```
 */
export function parseAlternatives(doc: unknown, loadBase: (base: string) => unknown): AlternativeSet {
  const parsed = AlternativesSchema.safeParse(doc);
  if (!parsed.success) throw new SpecError(fromZodIssues(parsed.error.issues, doc));
  const d = parsed.data;
  const spec = loadBase(d.base);
  const base = campaignScenario(spec);
  const ids = [...base.figures, ...(base.metrics ?? [])].map((f) => f.id);
  d.keyFigures.forEach((k, i) => {
    if (!ids.includes(k.id))
      throw new ParameterError(
        `keyFigures[${i}].id`,
        `a figure or metric of the base spec (${ids.join(', ')})`,
        k.id,
      );
  });
  const alternatives = Object.entries(d.alternatives).map(
    ([name, a]): SpecAlternative => ({
      name,
      changed: a.changed,
      basis: a.basis,
      set: a.set ?? {},
      replace: a.replace ?? {},
    }),
  );
  for (const a of alternatives) checkAlternative(spec, a);
  return { spec, title: d.title ?? base.title ?? base.name, keyFigures: d.keyFigures, alternatives };
}

/**
 * Select alternatives by name (`--only a,b`); throws naming an unknown one.
 *
 * @example
 * ```ts
 * selectAlternatives(set.alternatives, ['pool-20']).length; // 1
 * ```
 */
export function selectAlternatives(
  alternatives: readonly SpecAlternative[],
  names: readonly string[] | undefined,
): readonly SpecAlternative[] {
  if (names === undefined || names.length === 0) return alternatives;
  const known = new Map(alternatives.map((a) => [a.name, a]));
  return names.map((n) => {
    const a = known.get(n);
    if (a === undefined)
      throw new ParameterError('--only', `alternative names (${[...known.keys()].join(', ')})`, n);
    return a;
  });
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ParameterError(what, 'a readable JSON file', file);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ParameterError(file, 'a JSON document', (e as Error).message);
  }
}

/**
 * Changes of a campaign spec as data, one vocabulary for every file that changes a spec (the
 * alternatives of a day, the variants of a staffing question, the ends of a tornado's ranges):
 * `set` (path → value, merged as `--set path=value` merges: objects key by key, lists by index) and
 * `replace` (path → value put at the path as a whole, for a flow step or a calling pattern that
 * changes shape). A file's entries are checked with one zod schema ({@link withSpecChanges}), and
 * every entry's changes against the spec ({@link checkSpecChanges}: a path the spec does not have
 * is named with a "did you mean"), errors naming the file, the entry and the path — all before
 * anything runs.
 *
 * @module
 */
import * as z from 'zod';
import { combineOverrides, oneOfNames, ParameterError } from '../../src/index.js';
import { fromZodIssues, SpecError } from './issues.js';
import { campaignScenario, overrideSpec } from './scenario.js';
import { strict } from './schema.js';

/** A dotted path into the spec: keys and list indices (`testing.hedong.flow.4.size`). */
const PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
// Paths are checked on the record's entries rather than by a key schema, so that a bad path is an
// issue at that path with its own message (zod reports a bad record key as "Invalid key").
const Changes = z.record(z.string(), z.unknown()).superRefine((changes, ctx) => {
  for (const path of Object.keys(changes))
    if (!PATH.test(path))
      ctx.addIssue({
        code: 'custom',
        path: [path],
        input: path,
        message: 'a dotted path into the spec (e.g. testing.hedong.staff.clerks)',
      });
});

const changeFields = {
  set: Changes.optional().describe('Path → value, merged as `--set path=value` merges.'),
  replace: Changes.optional().describe('Path → value, put at the path as a whole.'),
};

/** The changes of an entry as parsed, each field optional. */
type ChangeFields = Partial<Record<keyof SpecChanges, Readonly<Record<string, unknown>> | undefined>>;

/**
 * The schema of a file's entry: its own fields (`shape`) and the changes `set` and `replace`, at
 * least one change, no other key.
 *
 * @param shape - the entry's own fields (what changed, its basis, …)
 * @example
 * ```ts
 * const Variant = withSpecChanges({ changed: z.string().min(1), basis: z.string().min(1) });
 * ```
 */
export function withSpecChanges<T extends z.ZodRawShape>(shape: T) {
  return strict({ ...shape, ...changeFields }).refine(
    (a) => {
      const c = a as ChangeFields;
      return Object.keys(c.set ?? {}).length + Object.keys(c.replace ?? {}).length > 0;
    },
    { message: 'at least one change in "set" or "replace"' },
  );
}

/**
 * The schema of bare changes: `{ "set": { … }, "replace": { … } }`, at least one change.
 *
 * @example
 * ```ts
 * SpecChangesSchema.parse({ set: { 'testing.hedong.turnout': 0.85 } });
 * ```
 */
export const SpecChangesSchema = withSpecChanges({});

/**
 * Changes of a spec by dotted path.
 *
 * @example
 * ```ts
 * const c: SpecChanges = { set: { 'testing.hedong.turnout': 0.85 }, replace: {} };
 * ```
 */
export interface SpecChanges {
  /** Path → value, merged into the spec as `--set path=value` merges. */
  readonly set: Readonly<Record<string, unknown>>;
  /** Path → value, put at the path as a whole (applied before `set`). */
  readonly replace: Readonly<Record<string, unknown>>;
}

/**
 * The changes of a parsed entry, absent fields as empty.
 *
 * @example
 * ```ts
 * specChanges({ set: { 'testing.hedong.turnout': 1 } }); // { set: { … }, replace: {} }
 * ```
 */
export function specChanges(
  entry: Partial<Record<keyof SpecChanges, Readonly<Record<string, unknown>> | undefined>>,
): SpecChanges {
  return { set: entry.set ?? {}, replace: entry.replace ?? {} };
}

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
          : isObject(holder)
            ? oneOfNames("one of the spec's keys here", Object.keys(holder), key)
            : "one of the spec's keys here (none: not an object)",
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
 * The spec with the changes: its `replace` changes, then its `set` changes.
 *
 * @throws ParameterError naming the path when a path is not in the spec.
 * @example
 * ```ts
 * const spec2 = applySpecChanges(spec, { set: { 'transfers.park-workers.doors': 2 }, replace: {} });
 * ```
 */
export function applySpecChanges(spec: unknown, changes: SpecChanges): unknown {
  let out = spec;
  for (const [path, value] of Object.entries(changes.replace)) out = replaceAt(out, path, value);
  for (const [path, value] of Object.entries(changes.set)) out = overrideSpec(out, nested(path, value));
  return out;
}

/**
 * Check changes against a spec: every path exists (a misspelt key is named with a "did you mean")
 * and the changed spec passes every check of a spec (schema, references, plan).
 *
 * @param spec - the spec the changes apply to
 * @param changes - the changes
 * @param where - the file and entry, put before the path of every error (`variants.json: variants.qr`)
 * @returns the changed spec.
 * @throws ParameterError (or SpecError) whose path is `where: path`.
 * @example
 * ```ts
 * checkSpecChanges(spec, { set: { 'testing.hedong.turnout': 0.85 }, replace: {} }, 'alternatives.turnout');
 * ```
 */
export function checkSpecChanges(spec: unknown, changes: SpecChanges, where: string): unknown {
  try {
    const changed = applySpecChanges(spec, changes);
    campaignScenario(changed);
    return changed;
  } catch (e) {
    if (e instanceof SpecError)
      throw new SpecError(e.issues.map((i) => ({ ...i, path: `${where}: ${i.path}` })));
    if (e instanceof ParameterError) throw new ParameterError(`${where}: ${e.path}`, e.expected, e.value);
    throw e;
  }
}

/**
 * A file of changes, already parsed from JSON, checked against its schema: every problem at once,
 * each with its path, under the file's name.
 *
 * @param schema - the file's schema (its entries built with {@link withSpecChanges})
 * @param doc - the parsed JSON
 * @param file - the file's name, the head of the error message
 * @throws SpecError listing every problem.
 * @example
 * ```ts
 * const d = parseChangesFile(z.strictObject({ variants: z.record(z.string(), SpecChangesSchema) }), doc, 'variants.json');
 * ```
 */
export function parseChangesFile<S extends z.ZodType>(schema: S, doc: unknown, file: string): z.output<S> {
  const parsed = schema.safeParse(doc);
  if (!parsed.success) throw new SpecError(fromZodIssues(parsed.error.issues, doc), file);
  return parsed.data;
}

/**
 * The changes as one override object (`{ testing: { hedong: { … } } }`), for a runner that merges
 * overrides into the spec as `--set` does: the `replace` values, then the `set` values. It gives the
 * spec {@link applySpecChanges} gives unless a `replace` drops keys of an object of the same kind
 * (merging cannot drop keys), so a caller compares the two specs.
 *
 * @example
 * ```ts
 * specChangesOverrides({ set: { 'testing.hedong.turnout': 1 }, replace: {} }); // { testing: { hedong: { turnout: 1 } } }
 * ```
 */
export function specChangesOverrides(changes: SpecChanges): Record<string, unknown> {
  return combineOverrides(
    [...Object.entries(changes.replace), ...Object.entries(changes.set)].map(([path, value]) =>
      nested(path, value),
    ),
  );
}

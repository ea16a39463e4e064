/**
 * Expressions and `#name` references resolved to plain values, before a spec is planned.
 *
 * Where a value stands decides what it must be, and the schema knows that: this module walks the
 * spec along the zod schema (schema.ts), and every expression or reference it meets in a value kind
 * (count, share, duration, clock, rate; a distribution's parameters) is a *site* of that kind. An
 * expression is evaluated as its kind (expressions.ts) and must then pass the kind's plain schema
 * (a count in range, a share in [0, 1], a duration ≥ 0); a reference takes the shared time it names
 * — a field that takes a fixed duration must name one, a varying field may name a distribution, and
 * a step's time may name one per attribute. The result is the same spec with plain values in their
 * place, so planning reads numbers, never text it must evaluate.
 *
 * Inside a testing area an expression may name `residents` (the area's), and a ratio per person is
 * taken of the area's people (residents × turnout); `#name` in an expression is a fixed shared time.
 * What refers to what is a graph (times to times, a field to its area's residents), checked for
 * cycles; every problem is an issue with the path, the expected kind and the text written.
 *
 * @module
 */
import type * as z from 'zod';
import { duration, Epoch, ParameterError } from '../../src/index.js';
import { durationDistribution } from '../durations.js';
import {
  type ExpressionKind,
  type ExpressionScope,
  evaluateExpression,
  isExpression,
} from './expressions.js';
import { pathText, type SpecIssue, valueAt } from './issues.js';
import { campaignSpec, DistSpec, TimeSpec, valueKind } from './schema.js';

type Key = string | number;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const REF = /^#([A-Za-z0-9][A-Za-z0-9_-]*)$/;

/** What a reference at a site may name: a fixed duration, also a distribution, also one per attribute. */
type Reach = 0 | 1 | 2;
const FIXED: Reach = 0;
const VARYING: Reach = 1;
const PER_ATTRIBUTE: Reach = 2;

/** An expression or reference in the spec, with the kinds of value that may stand there. */
interface Site {
  readonly keys: readonly Key[];
  readonly text: string;
  readonly kinds: readonly { readonly kind: ExpressionKind; readonly plain: z.ZodType }[];
  readonly reach: Reach;
  /** A parameter of a distribution (checked as a whole once its parameters have values). */
  readonly inDistribution?: boolean;
}

/**
 * A site's value, or why it has none. `cause` says the site failed because a value it depends on
 * did: `cycle` when that value depends on the site itself (every member of the cycle is reported),
 * `other` when that value's own problem is reported where it stands (not again here).
 */
type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly expected: string; readonly cause?: 'cycle' | 'other' };

const causeOf = (o: Outcome): 'cycle' | 'other' => (!o.ok && o.cause === 'cycle' ? 'cycle' : 'other');

/** The time fields of a distribution (those `durationDistribution` reads with units). */
const DIST_TIMES = new Set(['value', 'mean', 'sd', 'median', 'quantile', 'min', 'max', 'mode', 'scale']);
const ANY_NUMBER = {
  kind: 'number',
  plain: { safeParse: () => ({ success: true }) },
} as unknown as Site['kinds'][number];

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** A lazy schema's inner schema, made once by zod (its getter would build a new one per call). */
const lazyInner = (schema: z.ZodType) => (schema._zod as unknown as { innerType: z.ZodType }).innerType;

/** The schema inside wrappers that do not change the shape (optional, lazy, …). */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'readonly'].includes(def.type))
    return unwrap(def.innerType as z.ZodType);
  if (def.type === 'lazy') return unwrap(lazyInner(schema));
  if (def.type === 'pipe') return unwrap(def.in as z.ZodType);
  return schema;
}

/**
 * Whether an option of a union is the one a value was written for, by its shape alone (a full
 * parse of every option would parse each subtree once per union above it): a string or number for
 * a value kind, an object whose keys the option knows, with its required keys and literal tags.
 */
function fits(option: z.ZodType, value: unknown): boolean {
  const schema = unwrap(option);
  const def = defOf(schema);
  if (typeof value === 'string') {
    if (valueKind(schema)) return true;
    return def.type === 'union' && (def.options as z.ZodType[]).some((o) => fits(o, value));
  }
  if (def.type === 'union') return (def.options as z.ZodType[]).some((o) => fits(o, value));
  if (def.type === 'record') return isObj(value);
  if (def.type === 'array') return Array.isArray(value);
  if (def.type !== 'object' || !isObj(value)) return false;
  const shape = def.shape as Record<string, z.ZodType>;
  const open = def.catchall !== undefined && defOf(def.catchall as z.ZodType).type !== 'never';
  if (!open && Object.keys(value).some((k) => !Object.hasOwn(shape, k))) return false;
  return Object.entries(shape).every(([k, f]) => {
    const fd = defOf(f);
    if (!(k in value)) return fd.type === 'optional';
    const inner = defOf(unwrap(f));
    return inner.type !== 'literal' || (inner.values as unknown[]).includes(value[k]);
  });
}

/** The objects and lists of `value` that hold a string starting with `=` or `#`, found in one pass. */
function holders(value: unknown, into = new WeakSet<object>()): WeakSet<object> {
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string') return v.startsWith('#') || isExpression(v);
    if (v === null || typeof v !== 'object') return false;
    let found = false;
    for (const x of Object.values(v)) found = visit(x) || found;
    if (found) into.add(v);
    return found;
  };
  visit(value);
  return into;
}

/** Every site under `value`, read along `schema`; `within` holds the objects that have any. */
function sites(
  schema: z.ZodType,
  value: unknown,
  keys: Key[],
  out: Site[],
  within: WeakSet<object>,
  reach: Reach = FIXED,
): void {
  if (
    typeof value === 'string'
      ? !(value.startsWith('#') || isExpression(value))
      : !(value !== null && typeof value === 'object' && within.has(value))
  )
    return;
  const kind = valueKind(schema);
  if (kind && typeof value === 'string' && (isExpression(value) || REF.test(value))) {
    out.push({ keys, text: value, kinds: [kind], reach });
    return;
  }
  if (schema === DistSpec && isObj(value)) {
    for (const [k, x] of Object.entries(value))
      if (isExpression(x)) {
        const of: ExpressionKind = DIST_TIMES.has(k) ? 'duration' : k === 'rate' ? 'rate' : 'number';
        out.push({
          keys: [...keys, k],
          text: x,
          kinds: [of === 'number' ? ANY_NUMBER : { kind: of, plain: ANY_NUMBER.plain }],
          reach,
          inDistribution: true,
        });
      }
    return;
  }
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      sites(def.innerType as z.ZodType, value, keys, out, within, reach);
      return;
    case 'lazy':
      sites(lazyInner(schema), value, keys, out, within, reach);
      return;
    case 'pipe':
      sites(def.in as z.ZodType, value, keys, out, within, reach);
      return;
    case 'union': {
      const options = def.options as z.ZodType[];
      const here: Reach =
        schema === TimeSpec
          ? PER_ATTRIBUTE
          : options.includes(DistSpec)
            ? (Math.max(reach, VARYING) as Reach)
            : reach;
      const fitting = options.filter((o) => fits(o, value));
      if (typeof value !== 'string') {
        // An annotation also fits a record of any keys: the option that knows `basis` is the one meant.
        const option = (isAnnotation(value) && fitting.find(knowsBasis)) || fitting[0];
        if (option) sites(option, value, keys, out, within, here);
        return;
      }
      // A string several kinds accept (a count or a share) is one site of all of them.
      const found: Site[] = [];
      for (const o of fitting) sites(o, value, keys, found, within, here);
      if (found.length > 0)
        out.push({
          ...found[0]!,
          kinds: found.flatMap((f) => f.kinds),
          reach: Math.max(...found.map((f) => f.reach)) as Reach,
        });
      return;
    }
    case 'object': {
      if (!isObj(value)) return;
      const shape = def.shape as Record<string, z.ZodType>;
      const rest = def.catchall as z.ZodType | undefined;
      for (const [k, x] of Object.entries(value)) {
        const field = Object.hasOwn(shape, k)
          ? shape[k]
          : rest && rest._zod.def.type !== 'never'
            ? rest
            : undefined;
        if (field) sites(field, x, [...keys, k], out, within, reach);
      }
      return;
    }
    case 'record':
      if (isObj(value))
        for (const [k, x] of Object.entries(value))
          sites(def.valueType as z.ZodType, x, [...keys, k], out, within, reach);
      return;
    case 'array':
      if (Array.isArray(value))
        for (const [i, x] of value.entries())
          sites(def.element as z.ZodType, x, [...keys, i], out, within, reach);
      return;
  }
}

/** Whether a value is written as an annotation: `{ value, basis, … }`. */
const isAnnotation = (v: unknown): v is Obj => isObj(v) && 'value' in v && 'basis' in v;

/** Whether a schema is an object with a `basis` key (an annotation). */
function knowsBasis(schema: z.ZodType): boolean {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && Object.hasOwn(def.shape as object, 'basis');
}

/** A value without its annotation (`{ value, basis, … }` → value). */
function plainOf(v: unknown): unknown {
  return isObj(v) && 'value' in v && 'basis' in v ? plainOf(v.value) : v;
}

function setAt(root: unknown, keys: readonly Key[], value: unknown): void {
  let v = root as Record<Key, unknown>;
  for (const k of keys.slice(0, -1)) v = v[k] as Record<Key, unknown>;
  v[keys[keys.length - 1]!] = value;
}

/**
 * Whether a spec has anything to resolve: a string starting with `=` or `#` anywhere.
 *
 * @example
 * ```ts
 * needsResolving({ times: { a: '5 s' }, flows: { p: [{ delay: '#a' }] } }); // true
 * ```
 */
export function needsResolving(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('#') || isExpression(value);
  if (Array.isArray(value)) return value.some(needsResolving);
  if (isObj(value)) return Object.values(value).some(needsResolving);
  return false;
}

/**
 * The spec with every expression evaluated and every `#name` reference replaced by the shared time
 * it names (a copy; the input is not changed), and the issues of those that could not be: a bad
 * expression (mathjs's complaint), a result of the wrong kind or out of range, a reference to a
 * distribution where a fixed duration is needed, a cycle. A reference to a name that `times` does
 * not have is left in place and reported only with `unknown: true` (`checkSpec` reports it with the
 * other references between parts). Parts whose shape is wrong are left alone: the schema's issues
 * say why.
 *
 * @example
 * ```ts
 * const { spec, issues } = resolveValues({ ...base, times: { visit: '=2 h 30 min + 15 min' } });
 * // spec.times.visit === 9900, issues: []
 * ```
 */
export function resolveValues(
  input: unknown,
  options: { unknown?: boolean } = {},
): { spec: unknown; issues: SpecIssue[] } {
  if (!isObj(input)) return { spec: input, issues: [] };
  let epoch: Epoch;
  try {
    epoch = new Epoch(String(input.epoch));
  } catch {
    return { spec: input, issues: [] };
  }
  const found: Site[] = [];
  sites(campaignSpec, input, [], found, holders(input));
  const spec = structuredClone(input);
  const issues: SpecIssue[] = [];
  const times = isObj(input.times) ? input.times : {};
  const siteAt = new Map(found.map((s) => [pathText(s.keys), s]));

  // Each site's value, once; `resolving` holds the sites being evaluated, to find cycles.
  const done = new Map<string, Outcome>();
  const resolving: string[] = [];

  /** The value of a shared time, plain and resolved, or why it cannot stand where `reach` allows. */
  const sharedTime = (name: string, reach: Reach): Outcome => {
    if (!Object.hasOwn(times, name)) return { ok: false, expected: `one of the shared times (no #${name})` };
    let keys: Key[] = ['times', name];
    let raw = times[name];
    // Look through the annotation to the value site of the entry (an expression or another reference).
    while (isObj(raw) && 'value' in raw && 'basis' in raw) {
      keys = [...keys, 'value'];
      raw = raw.value;
    }
    const site = siteAt.get(pathText(keys));
    const value = site ? siteValue(site) : { ok: true as const, value: resolveInside(raw, keys) };
    if (!value.ok)
      return { ok: false, expected: `#${name} to have a value (${value.expected})`, cause: causeOf(value) };
    const v = value.value;
    if (reach < PER_ATTRIBUTE && isObj(v) && 'by' in v)
      return { ok: false, expected: `a duration or a distribution (#${name} is one per attribute)` };
    if (reach < VARYING && isObj(v))
      return { ok: false, expected: `a fixed duration (#${name} is a distribution)` };
    return { ok: true, value: v };
  };

  /** A value from `times` with the sites inside it resolved (a distribution or a time per attribute). */
  const resolveInside = (raw: unknown, keys: Key[]): unknown => {
    const copy = structuredClone(plainOf(raw));
    const walk = (v: unknown, at: Key[]): unknown => {
      const site = siteAt.get(pathText(at));
      if (site) {
        const r = siteValue(site);
        return r.ok ? r.value : v;
      }
      if (isObj(v) && 'value' in v && 'basis' in v) return walk(v.value, [...at, 'value']);
      if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...at, k])]));
      return v;
    };
    return walk(copy, keys);
  };

  /** The scope of an expression at `keys`: a testing area's residents and people, shared times. */
  const scopeOf = (keys: readonly Key[], failed: (cause: 'cycle' | 'other') => void): ExpressionScope => {
    const time = (name: string): number | string => {
      const t = sharedTime(name, FIXED);
      if (!t.ok && t.cause) failed(t.cause);
      if (!t.ok) return t.expected;
      return typeof t.value === 'number' ? t.value : duration(t.value);
    };
    if (keys[0] !== 'testing' || typeof keys[1] !== 'string') {
      return {
        epoch,
        time,
        population: () => "a testing area's people (only a testing area's fields have them)",
      };
    }
    const area = keys[1];
    const field = keys[2];
    const areaValue = (name: 'residents' | 'turnout'): number | string => {
      let at: Key[] = ['testing', area, name];
      let raw = (isObj(input.testing) && isObj(input.testing[area]) ? input.testing[area] : {})[name];
      while (isObj(raw) && 'value' in raw && 'basis' in raw) {
        at = [...at, 'value'];
        raw = raw.value;
      }
      const site = siteAt.get(pathText(at));
      if (site) {
        const r = siteValue(site);
        if (!r.ok) failed(causeOf(r));
        return r.ok ? Number(r.value) : `${name} to have a value`;
      }
      if (name === 'turnout') {
        if (raw === undefined) return 1;
        if (typeof raw === 'string' && raw.trim().endsWith('%')) return Number(raw.trim().slice(0, -1)) / 100;
      }
      return typeof raw === 'number' ? raw : `${name} to be a number`;
    };
    const notHere = `the people of testing.${area}, which are not known in its ${String(field)}`;
    return {
      epoch,
      time,
      symbol: (name) =>
        name !== 'residents' ? undefined : field === 'residents' ? undefined : areaValue('residents'),
      population: () => {
        if (field === 'residents' || field === 'turnout') return notHere;
        const residents = areaValue('residents');
        const turnout = areaValue('turnout');
        if (typeof residents !== 'number') return residents;
        return typeof turnout === 'number' ? Math.round(residents * turnout) : turnout;
      },
    };
  };

  const siteValue = (site: Site): Outcome => {
    const path = pathText(site.keys);
    const known = done.get(path);
    if (known) return known;
    if (resolving.includes(path)) {
      const cycle = [...resolving.slice(resolving.indexOf(path)), path].join(' → ');
      return { ok: false, expected: `a value that does not depend on itself (${cycle})`, cause: 'cycle' };
    }
    resolving.push(path);
    let result: Outcome;
    const ref = REF.exec(site.text);
    if (ref) {
      result = Object.hasOwn(times, ref[1]!)
        ? sharedTime(ref[1]!, site.reach)
        : { ok: false, expected: `one of the shared times (no #${ref[1]})` };
    } else result = evaluate(site);
    resolving.pop();
    done.set(path, result);
    return result;
  };

  const evaluate = (site: Site): Outcome => {
    let cause: 'cycle' | 'other' | undefined;
    const scope = scopeOf(site.keys, (c) => {
      cause = cause === 'cycle' ? cause : c;
    });
    let first: string | undefined;
    for (const { kind, plain } of site.kinds) {
      const r = evaluateExpression(site.text, kind, scope);
      if (!r.ok) {
        first ??= r.expected;
        continue;
      }
      const checked = plain.safeParse(r.value);
      if (checked.success) return { ok: true, value: r.value };
      first ??= `${checked.error.issues[0]?.message ?? 'a valid value'} (the expression gives ${r.value})`;
    }
    return { ok: false, expected: first ?? 'a value', ...(cause && { cause }) };
  };

  for (const site of found) {
    const ref = REF.exec(site.text);
    if (ref && !Object.hasOwn(times, ref[1]!) && !options.unknown) continue;
    const r = siteValue(site);
    if (r.ok) setAt(spec, site.keys, r.value);
    else if (r.cause !== 'other')
      issues.push({ path: pathText(site.keys), expected: r.expected, value: site.text });
  }
  // A distribution whose parameters were expressions is checked as the schema checks one written plain.
  const distributions = new Set(
    found.filter((f) => f.inDistribution).map((f) => pathText(f.keys.slice(0, -1))),
  );
  for (const site of found.filter((f) => f.inDistribution)) {
    const at = site.keys.slice(0, -1);
    const path = pathText(at);
    if (!distributions.delete(path) || issues.some((i) => i.path.startsWith(path))) continue;
    try {
      durationDistribution(valueAt(spec, at), path);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      issues.push({ path: e.path, expected: e.expected, value: valueAt(input, pathKeysOf(e.path, at)) });
    }
  }
  return { spec, issues };
}

/** The keys of an error path inside the distribution at `at` (its own path, or one of its fields). */
function pathKeysOf(path: string, at: readonly Key[]): Key[] {
  const field = path.slice(pathText(at).length).replace(/^\./, '');
  return field ? [...at, field] : [...at];
}

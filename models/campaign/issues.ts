/**
 * Problems found in a campaign spec, all reported at once.
 *
 * Every problem is an issue `{ path, expected, value }` in the vocabulary of `ParameterError`
 * (`testing.hedong.staff.swabbers: expected an integer ≥ 0, got -1`), and a spec with problems throws
 * one {@link SpecError} listing every issue, so a planner fixes a spec in one pass rather than one
 * error per run. This module also turns zod's issues into that form: zod reports a failed union as
 * the issues of every alternative, and a planner wants only the alternative they meant, so
 * {@link fromZodIssues} picks it (the one that matched the shape best).
 *
 * @module
 */
import type * as z from 'zod';
import { formatValue, ParameterError, validate } from '../../src/index.js';

/**
 * One problem of a spec: where it is, what would be valid there, and what was written.
 *
 * @example
 * ```ts
 * const issue: SpecIssue = { path: 'testing.hedong.points', expected: 'an integer ≥ 1', value: 0 };
 * ```
 */
export interface SpecIssue {
  /** Where the value sits in the spec, e.g. `testing.hedong.staff.swabbers` (empty for the whole spec). */
  readonly path: string;
  /** What a valid value looks like there. */
  readonly expected: string;
  /** The value that was written (`undefined` when it is missing). */
  readonly value: unknown;
}

/**
 * A campaign spec failed validation. `issues` holds every problem found; the message lists them,
 * one per line, as `path: expected …, got …`. It extends `ParameterError` (whose `path`,
 * `expected` and `value` are those of the first issue), so code that catches parameter errors
 * catches it too.
 *
 * @example
 * ```ts
 * try { checkSpec(spec); }
 * catch (e) { if (e instanceof SpecError) for (const i of e.issues) console.log(i.path, i.value); }
 * ```
 */
export class SpecError extends ParameterError {
  /** Error name shown in stack traces and `String(error)`: always `'SpecError'`. */
  override name = 'SpecError';
  /** Every problem found, in the order of the spec. */
  readonly issues: readonly SpecIssue[];

  /**
   * @param issues - every problem found
   * @param subject - what was checked, the head of the message (a model's parameters use this class too)
   */
  constructor(issues: readonly SpecIssue[], subject = 'campaign spec') {
    const first = issues[0] ?? { path: '', expected: `a valid ${subject}`, value: undefined };
    super(first.path, first.expected, first.value);
    this.issues = issues;
    const lines = issues.map((i) => `  ${formatIssue(i)}`);
    this.message = `${subject}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
  }
}

/**
 * One issue as a line: `path: expected …, got …`.
 *
 * @example
 * ```ts
 * formatIssue({ path: 'points', expected: 'an integer ≥ 1', value: 0 }); // 'points: expected an integer ≥ 1, got 0'
 * ```
 */
export function formatIssue(issue: SpecIssue): string {
  return `${issue.path || '(spec)'}: expected ${issue.expected}, got ${formatValue(issue.value)}`;
}

/**
 * A path as written in issues: keys joined with `.`, indices as `[i]`, keys that are not
 * identifiers quoted (`people.type["60+"]`).
 *
 * @example
 * ```ts
 * pathText(['testing', 0, 'staff', 'swabbers']); // 'testing.hedong.staff.swabbers'
 * ```
 */
export function pathText(keys: readonly PropertyKey[]): string {
  let out = '';
  for (const k of keys) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$*][\w$-]*$/.test(String(k))) out += out ? `.${String(k)}` : String(k);
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

/**
 * The value at `keys` inside `root`, or `undefined` where the path leaves it.
 *
 * @example
 * ```ts
 * valueAt({ a: [{ b: 3 }] }, ['a', 0, 'b']); // 3
 * ```
 */
export function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * The known name closest to `word` when it is close enough to be a slip (the library's
 * `validate.closestName`, or one name containing the other), else `undefined`.
 *
 * @example
 * ```ts
 * didYouMean('swabber', ['marshals', 'clerks', 'swabbers']); // 'swabbers'
 * didYouMean('xyz', ['marshals']);                            // undefined
 * ```
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const near = validate.closestName(word, known);
  if (near !== undefined || word.length < 3) return near;
  // A name inside the other (`swab` for `swabbers`) is a slip too, however many letters it lacks.
  const w = word.toLowerCase();
  return known.find((k) => k.toLowerCase().includes(w) || w.includes(k.toLowerCase()));
}

/** Indefinite article + zod's type word (`an object`, `a string`). */
function typeWord(type: string): string {
  const words: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    boolean: 'true or false',
    record: 'an object',
  };
  return words[type] ?? `a ${type}`;
}

/**
 * How badly a union alternative missed the input: unknown keys, missing values, and a wrong type or
 * a failed union for the whole value.
 */
function structuralMisses(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  base: readonly PropertyKey[],
): number {
  let n = 0;
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') n += i.keys.length;
    else if (i.path.length === 0) n += i.code === 'invalid_type' || i.code === 'invalid_union' ? 1 : 0;
    else if (valueAt(input, [...base, ...i.path]) === undefined) n += 1;
  }
  return n;
}

/**
 * The alternatives of a union worth comparing: an object with a `basis` key was meant as an
 * annotation, so the annotation's alternative (the one that knows `basis`, or misses its `value`)
 * is taken when there is one — other object forms with free keys would otherwise fit it better.
 */
function candidates(
  branches: readonly (readonly z.core.$ZodIssue[])[],
  input: unknown,
): readonly (readonly z.core.$ZodIssue[])[] {
  if (typeof input !== 'object' || input === null || !('basis' in input)) return branches;
  const annotation = branches.filter((b) =>
    b.some(
      (i) =>
        (i.code === 'unrecognized_keys' &&
          i.path.length === 0 &&
          i.message.startsWith(`${KNOWN_KEYS}value, basis`)) ||
        (i.path.length >= 1 && i.path[0] === 'value'),
    ),
  );
  return annotation.length > 0 ? annotation : branches;
}

/**
 * The message a strict object of the schema gives an unknown key: the keys it knows (read back by
 * {@link fromZodIssues} for the did-you-mean).
 *
 * @example
 * ```ts
 * knownKeysMessage(['name', 'open']); // 'known keys: name, open'
 * ```
 */
export function knownKeysMessage(keys: readonly string[]): string {
  return `${KNOWN_KEYS}${keys.join(', ')}`;
}

const KNOWN_KEYS = 'known keys: ';

/**
 * Turn zod's issues on `input` into {@link SpecIssue}s. A failed union is replaced by the issues of
 * the alternative that fits the input best (fewest type mismatches and unknown or missing keys,
 * then the one that got deepest, then the first), unless the union carries its own message. An
 * unknown key is an issue at that key, with the keys that are known there and a did-you-mean.
 *
 * @example
 * ```ts
 * const r = campaignSpec.safeParse(input);
 * if (!r.success) throw new SpecError(fromZodIssues(r.error.issues, input));
 * ```
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  base: readonly PropertyKey[] = [],
): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of issues) {
    const keys = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.message === 'Invalid input' && issue.errors.length > 0) {
      let best: readonly z.core.$ZodIssue[] = issue.errors[0]!;
      let bestScore = [Number.POSITIVE_INFINITY, 0];
      for (const branch of candidates(issue.errors, valueAt(input, keys))) {
        const misses = structuralMisses(branch, input, keys);
        const depth = Math.max(0, ...branch.map((b) => b.path.length));
        if (misses < bestScore[0]! || (misses === bestScore[0] && depth > bestScore[1]!)) {
          best = branch;
          bestScore = [misses, depth];
        }
      }
      out.push(...fromZodIssues(best, input, keys));
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const known = issue.message.startsWith(KNOWN_KEYS)
        ? issue.message.slice(KNOWN_KEYS.length).split(', ')
        : [];
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        out.push({
          path: pathText([...keys, key]),
          expected: `no key "${key}" here${guess ? ` (did you mean "${guess}"?)` : ''}; known keys: ${known.join(', ')}`,
          value: valueAt(input, [...keys, key]),
        });
      }
      continue;
    }
    const value = valueAt(input, keys);
    out.push({ path: pathText(keys), expected: expectedText(issue, value), value });
  }
  return out;
}

/** zod's built-in messages start like this; ours are written as "expected …" phrases. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;

function expectedText(issue: z.core.$ZodIssue, value: unknown): string {
  if (!ZOD_DEFAULT.test(issue.message) && !issue.message.startsWith(KNOWN_KEYS)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${typeWord(issue.expected)} (it is required)` : typeWord(issue.expected);
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${
        typeof value === 'string'
          ? (
              () => {
                const g = didYouMean(
                  value,
                  issue.values.filter((v): v is string => typeof v === 'string'),
                );
                return g ? ` (did you mean "${g}"?)` : '';
              }
            )()
          : ''
      }`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} item(s)` : `a value ≥ ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} item(s)` : `a value ≤ ${issue.maximum}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (!options) return 'a value of one of the forms this field takes';
      const names = options.filter((o): o is string => typeof o === 'string');
      const guess = typeof value === 'string' ? didYouMean(value, names) : undefined;
      return `one of ${names.map((o) => JSON.stringify(o)).join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`;
    }
    case 'invalid_format':
      return `a string of the form ${issue.format}`;
    default:
      return issue.message;
  }
}

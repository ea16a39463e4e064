/**
 * What every malformed input must end in: a {@link ParameterError} whose message (or the line of its
 * first problem, when it lists several) starts with the parameter's path and ends with the value given — never a crash (TypeError, RangeError), a hang or a
 * silent default. Shared by the fuzz suites of this folder.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { formatValue, ParameterError } from '../../src/kernel/errors.js';

/** One seed for every suite, so a failure replays exactly (fast-check prints the counterexample). */
export const SEED = 20_261_204;

/** Values no numeric, duration, count or name parameter accepts. */
export const NOT_A_VALUE: readonly unknown[] = [
  Number.NaN,
  Number.NEGATIVE_INFINITY,
  null,
  {},
  [],
  true,
  'zzz',
  () => 1,
  Symbol('s'),
  -1e300,
];

/**
 * Call `f` and check it refused its input as a parameter error naming `key` in its path — or one of
 * `related`, the keys a cross-field rule may blame instead (`max` when `min` went above it).
 *
 * @param key - the key or flag that was spoiled.
 */
export function refused(f: () => unknown, key: string, related: readonly string[] = []): ParameterError {
  let error: unknown;
  let result: unknown;
  try {
    result = f();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ParameterError))
    throw new Error(
      error === undefined
        ? `no error for a bad ${key}: it ran (silent default?), giving ${formatValue(result)}`
        : `a bad ${key} gave ${String(error)}, not a ParameterError`,
    );
  // A model's parameters are refused with every problem at once (a SpecError: a head line, then one
  // line per problem); the first problem's line is the one the error's path and value describe.
  const lines = error.message.split('\n');
  const line = lines.length === 1 ? error.message : (lines[1] ?? '').trimStart();
  expect(line.startsWith(`${error.path}: expected `), error.message).toBe(true);
  expect(line.endsWith(`got ${formatValue(error.value)}`), error.message).toBe(true);
  const named = [key, ...related].some((k) => error.path.includes(k));
  expect(named, `${error.message} should name ${[key, ...related].join(' or ')}`).toBe(true);
  return error;
}

/** A key that none of `known` is: letters, possibly close to a known one (a typo). */
export function unknownKey(known: readonly string[]): fc.Arbitrary<string> {
  const typo = fc
    .tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom('drop', 'double', 'swap', 'case'))
    .map(([k, i, how]) => {
      const at = i % k.length;
      if (how === 'drop') return k.slice(0, at) + k.slice(at + 1);
      if (how === 'double') return k.slice(0, at) + k[at] + k.slice(at);
      if (how === 'swap' && at + 1 < k.length) return k.slice(0, at) + k[at + 1] + k[at] + k.slice(at + 2);
      return k.toUpperCase();
    });
  const random = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,11}$/);
  return fc.oneof(typo, random).filter((k) => !known.includes(k) && k !== '__proto__');
}

/**
 * A spoiled copy of `base`: one key replaced by a bad value, or an unknown key added. Returns the
 * input and the key that was spoiled.
 *
 * @param bad - the bad values of each key (keys absent here get {@link NOT_A_VALUE}).
 */
export function spoiled(
  base: Readonly<Record<string, unknown>>,
  known: readonly string[],
  bad: Readonly<Record<string, readonly unknown[]>> = {},
): fc.Arbitrary<{ input: Record<string, unknown>; key: string }> {
  const badValue = fc
    .constantFrom(...known)
    .chain((key) => fc.constantFrom(...(bad[key] ?? NOT_A_VALUE)).map((value) => ({ key, value })))
    .map(({ key, value }) => ({ input: { ...base, [key]: value }, key }));
  const extraKey = fc
    .tuple(unknownKey(known), fc.constantFrom(...NOT_A_VALUE, 1, 'x'))
    .map(([key, value]) => ({ input: { ...base, [key]: value }, key }));
  return fc.oneof(badValue, extraKey);
}

/**
 * Unknown keys in an options object are refused, with a "did you mean" suggestion: a misspelt
 * `amout: 2` or `queuelimit: 5` that silently ran the default would be a wrong result, not an error.
 *
 * @internal
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { closestName } from '../kernel/validate.js';

/** @internal An options key that is not one of the known ones, with what was expected instead. */
export interface UnknownKey {
  /** The unknown key. */
  readonly key: string;
  /** Its value. */
  readonly value: unknown;
  /** `a known option (did you mean "amount"?; known: priority, preempt, …)`. */
  readonly expected: string;
}

/** @internal The first key of `options` that is not in `known`, or undefined when all are known. */
export function unknownKey(options: object, known: readonly string[]): UnknownKey | undefined {
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    // null never means "the default": leave the key out for that.
    if (known.includes(key) && value === null)
      return {
        key,
        value,
        expected: 'a value (leave the option out for the default; null is not a default)',
      };
    if (known.includes(key)) continue;
    const near = closestName(key, known);
    const hint = near === undefined ? '' : `did you mean "${near}"?; `;
    return {
      key,
      value: (options as Record<string, unknown>)[key],
      expected: `a known option (${hint}known: ${known.join(', ')})`,
    };
  }
  return undefined;
}

/**
 * @internal Throw a {@link ParameterError} at `path.key` for the first unknown key of `options`
 * (which must be an object).
 */
export function checkKeys(options: object, known: readonly string[], path: string): void {
  const bad = unknownKey(options, known);
  if (bad !== undefined) throw new ParameterError(`${path}.${bad.key}`, bad.expected, bad.value);
}

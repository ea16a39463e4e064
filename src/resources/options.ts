/**
 * Unknown keys in an options object are refused, with a "did you mean" suggestion: a misspelt
 * `amout: 2` or `queuelimit: 5` that silently ran the default would be a wrong result, not an error.
 *
 * @internal
 * @module
 */
import { ParameterError } from '../kernel/errors.js';

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
    if (known.includes(key)) continue;
    const near = closest(key, known);
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

/** The known key nearest to `key` in edit distance, if near enough to be a likely typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

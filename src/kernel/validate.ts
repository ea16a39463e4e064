/**
 * Parameter checks shared by every layer. Each returns the value (narrowed) or throws a
 * {@link ParameterError} naming the path and the bad value, so a model's validation reads as a list of
 * facts about its input:
 *
 * ```ts
 * const swabbers = positiveInt(p.swabbers, 'sites[3].swabbers');
 * ```
 *
 * @module
 */
import { ParameterError } from './errors.js';

/**
 * A finite number (not NaN, not ±Infinity).
 *
 * @example
 * ```ts
 * finite(3.5, 'rate'); // 3.5
 * finite(NaN, 'rate'); // throws "rate: expected a finite number, got NaN"
 * ```
 */
export function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ParameterError(path, 'a finite number', value);
  return value;
}

/**
 * A finite number ≥ 0.
 *
 * @example
 * ```ts
 * nonNegative(0, 'delay'); // 0
 * ```
 */
export function nonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ParameterError(path, 'a finite number ≥ 0', value);
  return value;
}

/**
 * A finite number > 0.
 *
 * @example
 * ```ts
 * positive(2, 'mu'); // 2
 * ```
 */
export function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new ParameterError(path, 'a finite number > 0', value);
  return value;
}

/**
 * An integer ≥ `min` (default 0).
 *
 * @example
 * ```ts
 * integer(4, 'servers', 1); // 4
 * ```
 */
export function integer(value: unknown, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new ParameterError(path, `an integer ≥ ${min}`, value);
  return value;
}

/**
 * An integer ≥ 1.
 *
 * @example
 * ```ts
 * positiveInt(10, 'capacity'); // 10
 * ```
 */
export function positiveInt(value: unknown, path: string): number {
  return integer(value, path, 1);
}

/**
 * A probability in [0, 1].
 *
 * @example
 * ```ts
 * probability(0.19, 'mix.assisted'); // 0.19
 * ```
 */
export function probability(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new ParameterError(path, 'a probability in [0, 1]', value);
  return value;
}

/**
 * A number within `[min, max]` (inclusive).
 *
 * @example
 * ```ts
 * inRange(0.95, 'confidence', 0, 1); // 0.95
 * ```
 */
export function inRange(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max))
    throw new ParameterError(path, `a number in [${min}, ${max}]`, value);
  return value;
}

/**
 * A non-empty string.
 *
 * @example
 * ```ts
 * nonEmptyString('swab', 'resource.name'); // 'swab'
 * ```
 */
export function nonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ParameterError(path, 'a non-empty string', value);
  return value;
}

/**
 * One of a fixed set of strings.
 *
 * @example
 * ```ts
 * oneOf('finish', 'policy', ['finish', 'preempt'] as const); // 'finish'
 * ```
 */
export function oneOf<const T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value))
    throw new ParameterError(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value);
  return value as T;
}

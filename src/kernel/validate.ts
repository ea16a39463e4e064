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

/**
 * Edit distance between two strings (insertions, deletions, substitutions and swaps of neighbours,
 * each costing 1): how far a misspelt key is from a known one.
 */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  return d[rows * cols - 1]!;
}

/**
 * The known name closest to `name`, if it is close enough to be a slip: at most a third of its
 * length away (and at most 3 edits), or the same name in other letter case.
 *
 * @example
 * ```ts
 * closestName('buss', ['buses', 'seats']); // 'buses'
 * closestName('zzz', ['buses', 'seats']); // undefined
 * ```
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const distance = k.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, k);
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(name.length, best?.length ?? 0) / 3)));
  return bestDistance <= allowed ? best : undefined;
}

/**
 * Every key of a parameter object is a known one: a misspelt key would otherwise be ignored and the
 * run would use the default. The error names the key's path, suggests the closest known key ("did
 * you mean") and lists the known ones. Keys whose value is `undefined` count as absent; a `null`
 * value is refused unless the key is listed in `nullable`, because `null` never means "the default".
 *
 * @param value - the object; anything else (null, an array, a number) is refused too.
 * @param path - its path, `''` at the top level.
 * @param known - the keys it may have.
 * @param nullable - the keys that may be `null` (where `null` has a meaning of its own).
 * @example
 * ```ts
 * knownKeys({ buss: 30 }, '', ['buses', 'seats']);
 * // throws 'buss: expected a known parameter — did you mean "buses"? (known: buses, seats), got 30'
 * ```
 */
export function knownKeys(
  value: unknown,
  path: string,
  known: readonly string[],
  nullable: readonly string[] = [],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ParameterError(
      path === '' ? 'params' : path,
      `an object with keys among ${known.join(', ')}`,
      value,
    );
  const at = (k: string) => (path === '' ? k : `${path}.${k}`);
  for (const [k, v] of Object.entries(value)) {
    if (!known.includes(k)) {
      const near = closestName(k, known);
      const hint = near === undefined ? '' : ` — did you mean "${near}"?`;
      throw new ParameterError(at(k), `a known parameter${hint} (known: ${known.join(', ')})`, v);
    }
    if (v === null && !nullable.includes(k))
      throw new ParameterError(
        at(k),
        'a value (leave the key out for the default; null is not a default)',
        v,
      );
  }
}

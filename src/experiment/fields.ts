/**
 * Output fields: how a replication's plain-data output becomes named numbers to summarise.
 *
 * A model returns a plain object: numbers, possibly nested in objects and arrays, alongside any other
 * data (strings, booleans, null). Every number found is a field, named by its path in the object:
 * `wait`, `wait.mean`, `stations[1].L`. Fields are listed in the order they are first met, so summaries
 * and tables come out in the order the model wrote them.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';

/**
 * Visit every number in `output` with its path. Non-numbers are skipped; `null` leaves are reported
 * as `NaN` (a missing value) so that a field that is sometimes null still counts its missing runs.
 *
 * @param output - a replication's output.
 * @param visit - called with `(path, value)` for each number (or null) found.
 * @example
 * ```ts
 * forEachField({ wait: 2, stations: [{ L: 1 }, { L: 3 }], label: 'a' }, (p, v) => console.log(p, v));
 * // wait 2 · stations[0].L 1 · stations[1].L 3
 * ```
 */
export function forEachField(output: unknown, visit: (path: string, value: number) => void): void {
  walk(output, '', visit, 0);
}

/** Deep structures beyond this are almost certainly cyclic, not model output. */
const MAX_DEPTH = 64;

function walk(
  value: unknown,
  path: string,
  visit: (path: string, value: number) => void,
  depth: number,
): void {
  if (typeof value === 'number') {
    if (path !== '') visit(path, value);
    return;
  }
  if (value === null) {
    if (path !== '') visit(path, Number.NaN);
    return;
  }
  if (typeof value !== 'object') return;
  if (depth > MAX_DEPTH)
    throw new ParameterError(path, `plain data nested at most ${MAX_DEPTH} deep (is it cyclic?)`, '…');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], `${path}[${i}]`, visit, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    walk((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`, visit, depth + 1);
  }
}

/**
 * Check that a model's output is a plain object (or array) of data; returns it unchanged.
 *
 * @param output - what the model returned.
 * @param path - where it came from, for the error message (e.g. `model output (replication 3)`).
 * @throws {@link ParameterError} for a number, string, null, function, promise or class instance.
 * @example
 * ```ts
 * checkOutput({ wait: 1 }, 'model output'); // { wait: 1 }
 * checkOutput(3, 'model output');           // throws "model output: expected a plain object …, got 3"
 * ```
 */
export function checkOutput<R>(output: R, path: string): R {
  const proto = typeof output === 'object' && output !== null ? Object.getPrototypeOf(output) : undefined;
  const plain = proto === Object.prototype || proto === null || Array.isArray(output);
  if (!plain)
    throw new ParameterError(
      path,
      'a plain object of numbers or nested plain data (a promise? models must be synchronous)',
      output,
    );
  return output;
}

/**
 * Columns of values per field across replications: `columns.get(field)[i]` is replication i's value
 * (NaN where missing). Field order is the order of first appearance.
 *
 * @example
 * ```ts
 * fieldColumns([{ a: 1 }, { a: 2, b: 5 }]); // Map { 'a' => [1, 2], 'b' => [NaN, 5] }
 * ```
 */
export function fieldColumns(outputs: readonly unknown[]): Map<string, number[]> {
  const columns = new Map<string, number[]>();
  outputs.forEach((output, i) => {
    forEachField(output, (path, value) => {
      let col = columns.get(path);
      if (col === undefined) {
        col = new Array<number>(outputs.length).fill(Number.NaN);
        columns.set(path, col);
      }
      col[i] = value;
    });
  });
  return columns;
}

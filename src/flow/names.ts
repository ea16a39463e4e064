/**
 * "Did you mean" for names: the closest known name by edit distance, when it is close enough to be a
 * typo. Used for the names in flow steps and in campaign specs (roles, attributes).
 *
 * @module
 */

/** Levenshtein distance between `a` and `b` (case-insensitive). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * What a valid name is, for a ParameterError's `expected`: the known names, and the closest one
 * when it is within a third of the name's length (at least 2 edits).
 *
 * @example
 * ```ts
 * oneOfNames('resource', ['clerks', 'swabbers'], 'clerk');
 * // 'a resource of the flow (clerks, swabbers; did you mean "clerks"?)'
 * ```
 */
export function oneOfNames(what: string, known: readonly string[], given: unknown): string {
  const list = known.length === 0 ? 'none is defined' : known.join(', ');
  let best: string | undefined;
  if (typeof given === 'string') {
    let d = Math.max(2, Math.floor(given.length / 3)) + 1;
    for (const k of known) {
      const e = distance(given, k);
      if (e < d) {
        d = e;
        best = k;
      }
    }
  }
  return `${what} (${list}${best === undefined ? '' : `; did you mean "${best}"?`})`;
}

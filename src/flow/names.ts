/**
 * "Did you mean" for names: the closest known name by edit distance, when it is close enough to be a
 * typo. Used for the names in flow steps and in campaign specs (roles, attributes).
 *
 * @module
 */
import { closestName } from '../kernel/validate.js';

/**
 * What a valid name is, for a ParameterError's `expected`: the known names, and the closest one
 * when it is close enough to be a slip (see `closestName`).
 *
 * @example
 * ```ts
 * oneOfNames('resource', ['clerks', 'swabbers'], 'clerk');
 * // 'a resource of the flow (clerks, swabbers; did you mean "clerks"?)'
 * ```
 */
export function oneOfNames(what: string, known: readonly string[], given: unknown): string {
  const list = known.length === 0 ? 'none is defined' : known.join(', ');
  const best = typeof given === 'string' ? closestName(given, known) : undefined;
  return `${what} (${list}${best === undefined ? '' : `; did you mean "${best}"?`})`;
}

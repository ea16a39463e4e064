/**
 * The library version, carried by every result so that a figure can be traced to the code that made
 * it. A test checks that it equals `version` in package.json.
 *
 * @example
 * ```ts
 * import { version } from 'surgesim';
 * console.log(`surgesim ${version}`);
 * ```
 */
export const version = '0.1.0';

/**
 * Reading a file of spec changes from disk (Node only; the checks are in `models/campaign/changes.ts`, which a
 * browser can use on a document it already has).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { parseChangesFile } from '../../models/campaign/changes.js';
import { ParameterError } from '../kernel/errors.js';

/**
 * A JSON file, parsed.
 *
 * @param file - the file
 * @param what - the flag or field that named it, for the error when it cannot be read
 * @throws ParameterError naming `what` when the file cannot be read, the file when it is not JSON.
 * @example
 * ```ts
 * const spec = readJsonFile('campaigns/qingxu-2022-04-13.json', 'base');
 * ```
 */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ParameterError(what, 'a readable JSON file', `${file} (${(e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ParameterError(file, 'a JSON document', (e as Error).message);
  }
}

/**
 * Read a file of spec changes and check it against its schema (see `parseChangesFile`).
 *
 * @param schema - the file's schema
 * @param file - the file
 * @param what - the flag or field that named it
 * @throws ParameterError when it cannot be read; SpecError under the file's name listing every problem.
 * @example
 * ```ts
 * const doc = readChangesFile(StaffVariantsSchema, 'scenarios/staffing/qingxu-variants.json', '--variants');
 * ```
 */
export function readChangesFile<S extends z.ZodType>(schema: S, file: string, what: string): z.output<S> {
  return parseChangesFile(schema, readJsonFile(file, what), file);
}

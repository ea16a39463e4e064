/**
 * Alternatives to a campaign as data: a file names a base spec and, per alternative, what changed,
 * its basis and the changes of the spec — `set` (path → value, merged as `--set path=value` merges:
 * objects key by key, lists by index) and `replace` (path → value put there as a whole, for a flow
 * step or a calling pattern that changes shape). A planner writes one as JSON; the workbench and a
 * queue carry it as JSON. The Qingxu file is `campaigns/alternatives/qingxu-2022-04-13.json`.
 *
 * Every alternative changes only what it names; everything else (and every random stream) is the
 * base's, so a paired comparison isolates the change.
 *
 * @module
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import {
  applySpecChanges,
  campaignScenario,
  checkSpecChanges,
  parseChangesFile,
  type SpecChanges,
  specChanges,
  withSpecChanges,
} from '../../models/campaign/index.js';
import { strict } from '../../models/campaign/schema.js';
import { readJsonFile } from '../../src/cli/changesFile.js';
import { ParameterError } from '../../src/index.js';

const AlternativeSchema = withSpecChanges({
  changed: z.string().min(1).describe('What changed, in one line a planner reads.'),
  basis: z
    .string()
    .min(1)
    .describe('Where the new values come from: a source, or an assumption [X] with its range.'),
});

const AlternativesSchema = strict({
  base: z.string().min(1).describe('The base spec, a path relative to this file.'),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  keyFigures: z
    .array(strict({ id: z.string().min(1), heading: z.string().min(1) }))
    .min(1)
    .describe('Figure or metric ids of the base spec shown in the table, with their column headings.'),
  alternatives: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9:+%_-]*$/, 'a short lower-case name'), AlternativeSchema)
    .refine((r) => Object.keys(r).length > 0, { message: 'at least one alternative' }),
});

/**
 * One alternative: what changed, its basis and the changes of the spec.
 *
 * @example
 * ```ts
 * const a: SpecAlternative = {
 *   name: 'pool-20', changed: '20-in-1 pooling instead of 10-in-1', basis: 'cal §1a',
 *   set: { 'testing.hedong.flow.4.size': 20 }, replace: {},
 * };
 * ```
 */
export interface SpecAlternative extends SpecChanges {
  /** Short id, used by `--only` (its key in the file). */
  readonly name: string;
  /** What changed, in one line a planner reads. */
  readonly changed: string;
  /** Where the new values come from: a calibration row, or an assumption `[X]` with its range. */
  readonly basis: string;
}

/**
 * A base spec and its alternatives, read and checked.
 *
 * @example
 * ```ts
 * const s: AlternativeSet = readAlternatives('campaigns/alternatives/qingxu-2022-04-13.json');
 * s.alternatives.map((a) => a.name); // ['qr-prereg', 'qr-cards', …]
 * ```
 */
export interface AlternativeSet {
  /** The base spec (the document the file's `base` names). */
  readonly spec: unknown;
  /** Title of the comparison (the file's, or the spec's). */
  readonly title: string;
  /** Figure or metric ids shown in the table, with their column headings. */
  readonly keyFigures: readonly { readonly id: string; readonly heading: string }[];
  /** The alternatives, in the file's order. */
  readonly alternatives: readonly SpecAlternative[];
}

/**
 * The shipped alternatives of the Qingxu day.
 *
 * @example
 * ```ts
 * readAlternatives(QINGXU_ALTERNATIVES_FILE).alternatives.length; // 13
 * ```
 */
export const QINGXU_ALTERNATIVES_FILE: string = fileURLToPath(
  new URL('../../campaigns/alternatives/qingxu-2022-04-13.json', import.meta.url),
);

/**
 * The spec of one alternative: the base with its `replace` changes, then its `set` changes.
 *
 * @throws ParameterError naming the path when a path is not in the spec.
 * @example
 * ```ts
 * const spec = applyAlternative(base, { name: 'doors-2', changed: '', basis: '', set: { 'transfers.park-workers.doors': 2 }, replace: {} });
 * ```
 */
export function applyAlternative(spec: unknown, alternative: SpecAlternative): unknown {
  return applySpecChanges(spec, alternative);
}

/**
 * Check one alternative against its base spec: every path exists and the changed spec passes every
 * check of a spec (schema, references, plan). Errors name the file (when given), the alternative and
 * the path.
 *
 * @returns the changed spec.
 * @throws ParameterError (or SpecError) with the path prefixed by `[file: ]alternatives.<name>`.
 * @example
 * ```ts
 * checkAlternative(set.spec, set.alternatives[0]!);
 * ```
 */
export function checkAlternative(spec: unknown, alternative: SpecAlternative, file?: string): unknown {
  const entry = `alternatives.${alternative.name}`;
  return checkSpecChanges(spec, alternative, file === undefined ? entry : `${file}: ${entry}`);
}

/**
 * Read a file of alternatives and its base spec, and check both: the file against its schema (every
 * problem at once, with its path), the key figures against the spec's figures and metrics, and every
 * alternative against the spec ({@link checkAlternative}) — all before anything runs.
 *
 * @param file - the alternatives file (JSON); its `base` is read relative to it.
 * @throws SpecError / ParameterError naming the path and the value.
 * @example
 * ```ts
 * const set = readAlternatives('campaigns/alternatives/qingxu-2022-04-13.json');
 * ```
 */
export function readAlternatives(file: string): AlternativeSet {
  const doc = readJsonFile(file, 'alternatives');
  return parseAlternatives(doc, (base) => readJsonFile(resolve(dirname(resolve(file)), base), 'base'), file);
}

/**
 * Check an alternatives document already parsed from JSON, with its base spec given by `loadBase`
 * (called with the document's `base`); `file`, when given, heads every error.
 *
 * @throws SpecError / ParameterError naming the path and the value.
 * @example
 * ```ts
 * parseAlternatives(doc, () => spec).alternatives.length;
 * ```
 */
export function parseAlternatives(
  doc: unknown,
  loadBase: (base: string) => unknown,
  file?: string,
): AlternativeSet {
  const d = parseChangesFile(AlternativesSchema, doc, file ?? 'alternatives');
  const spec = loadBase(d.base);
  const base = campaignScenario(spec);
  const ids = [...base.figures, ...(base.metrics ?? [])].map((f) => f.id);
  d.keyFigures.forEach((k, i) => {
    if (!ids.includes(k.id))
      throw new ParameterError(
        `keyFigures[${i}].id`,
        `a figure or metric of the base spec (${ids.join(', ')})`,
        k.id,
      );
  });
  const alternatives = Object.entries(d.alternatives).map(
    ([name, a]): SpecAlternative => ({ name, changed: a.changed, basis: a.basis, ...specChanges(a) }),
  );
  for (const a of alternatives) checkAlternative(spec, a, file);
  return { spec, title: d.title ?? base.title ?? base.name, keyFigures: d.keyFigures, alternatives };
}

/**
 * Select alternatives by name (`--only a,b`); throws naming an unknown one.
 *
 * @example
 * ```ts
 * selectAlternatives(set.alternatives, ['pool-20']).length; // 1
 * ```
 */
export function selectAlternatives(
  alternatives: readonly SpecAlternative[],
  names: readonly string[] | undefined,
): readonly SpecAlternative[] {
  if (names === undefined || names.length === 0) return alternatives;
  const known = new Map(alternatives.map((a) => [a.name, a]));
  return names.map((n) => {
    const a = known.get(n);
    if (a === undefined)
      throw new ParameterError('--only', `alternative names (${[...known.keys()].join(', ')})`, n);
    return a;
  });
}

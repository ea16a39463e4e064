/**
 * Where a model's default parameters come from.
 *
 * A planner replaying the Qingxu day must be able to tell, for every number a model runs with,
 * whether it was **sourced** (read from a cited figure), **fitted** (chosen so that the model
 * reproduces a reported figure — it then cannot also be used to *validate* the model against that
 * figure), **derived** (arithmetic on sourced figures) or **assumed** (a placeholder until data
 * arrive). Each model declares its defaults as a list of {@link ParameterSource} rows, and its results
 * say which rows were used as given and which the caller overrode.
 *
 * Source ids: `F1`–`F17` are rows of the reported day (sources/qingxu-2022-04-13.md); `cal §1d`,
 * `cal §2` are sections of the calibration notes (sources/calibration.md).
 *
 * @module
 */

/**
 * How a default value was obtained.
 *
 * @example
 * ```ts
 * const basis: Basis = 'fitted';
 * ```
 */
export type Basis = 'sourced' | 'fitted' | 'derived' | 'assumed';

/**
 * One declared default: its parameter path, value, basis and the sources it rests on.
 *
 * @example
 * ```ts
 * const row: ParameterSource = {
 *   path: 'crew.size', value: 110, basis: 'sourced', sources: ['F11'], note: '110+ volunteers',
 * };
 * ```
 */
export interface ParameterSource {
  /** Parameter path, as in error messages (`tasks[1].work`). */
  readonly path: string;
  /** The default value, as plain JSON (a distribution appears as its spec). */
  readonly value: unknown;
  /** Sourced, fitted, derived or assumed. */
  readonly basis: Basis;
  /** Fact or calibration ids it rests on (`F11`, `cal §1d`); empty for a pure assumption. */
  readonly sources: readonly string[];
  /** Why this value: the arithmetic for a derived or fitted value, the reasoning for an assumption. */
  readonly note: string;
}

/**
 * A declared default together with whether this run used it or the caller's own value.
 *
 * @example
 * ```ts
 * const used: ParameterUse = { ...row, used: 'default' };
 * ```
 */
export interface ParameterUse extends ParameterSource {
  /** `'default'` when the run used the declared value, `'given'` when the caller set the parameter. */
  readonly used: 'default' | 'given';
}

/**
 * Mark each declared default as used or overridden, given the leaf paths the caller supplied (see
 * {@link surgesim/models!givenPaths}). A default counts as overridden when a given path equals it, lies inside it
 * (giving `crew.arrival.within` overrides `crew.arrival`) or contains it (giving `tasks` overrides
 * every `tasks[*]` row).
 *
 * @example
 * ```ts
 * provenanceOf(defaults, ['crew.size']); // the crew.size row has used: 'given'
 * ```
 */
export function provenanceOf(
  defaults: readonly ParameterSource[],
  givenPaths: readonly string[],
): ParameterUse[] {
  const inside = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return defaults.map((row) => ({
    ...row,
    used: givenPaths.some((g) => inside(g, row.path) || inside(row.path, g)) ? 'given' : 'default',
  }));
}

/**
 * The leaf paths of an input object, for {@link provenanceOf}: plain objects are walked into (down
 * to `depth` levels), anything else (numbers, strings, arrays) is a leaf. Undefined fields are skipped.
 *
 * @example
 * ```ts
 * givenPaths({ crew: { size: 50 }, beds: 300 }); // ['crew.size', 'beds']
 * ```
 */
export function givenPaths(input: unknown, prefix = '', depth = 3): string[] {
  const out: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return out;
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    const p = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && depth > 1) {
      const inner = givenPaths(v, p, depth - 1);
      out.push(...(inner.length > 0 ? inner : [p]));
    } else out.push(p);
  }
  return out;
}

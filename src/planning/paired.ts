/**
 * Paired effects with common random numbers: a figure computed at a base setting and at a changed
 * setting on the same replication seeds, with a paired-t interval on the mean difference (the one
 * paired path, {@link pairedDifference}). Pairing removes the noise the two settings share, which is
 * most of it when only staffing or one parameter changes. Used for what one more person in each role
 * buys ({@link marginalStaff}) and for sensitivity ({@link tornado}).
 *
 * @module
 */

import { type PairedDifference, pairedDifference } from '../experiment/compare.js';
import { ParameterError } from '../kernel/errors.js';
import { positiveInt } from '../kernel/validate.js';
import { replicationSeed, validateSeed } from '../random/seed.js';

/** The figure of every seed at one setting, each a finite number. */
function figures<P>(figure: (p: P, seed: number) => number, p: P, seeds: readonly number[]): number[] {
  return seeds.map((seed) => {
    const value = figure(p, seed);
    if (!Number.isFinite(value)) throw new ParameterError(`figure(…, ${seed})`, 'a finite number', value);
    return value;
  });
}

/**
 * What one more person in each role buys: the paired change of a figure (e.g. finish time) when a
 * role gets `step` more staff, every role measured on the same seeds as the base plan.
 *
 * @param options - base plan, figure of one replication, replications, seed, step (default 1)
 * @returns per role the base figure's mean and the paired effect, sorted by the largest mean effect in absolute value
 *
 * @example
 * ```ts
 * marginalStaff({ plan: { clerks: 4, swabbers: 3 }, figure: (p, seed) => simulate(p, seed).finish, replications: 10, seed: 1 });
 * ```
 */
export function marginalStaff(options: {
  /** The base plan: staff per role (at least one role). */
  readonly plan: Readonly<Record<string, number>>;
  /** The figure of one replication of a plan on a seed (e.g. finish time, seconds). */
  readonly figure: (plan: Readonly<Record<string, number>>, seed: number) => number;
  /** Replications per plan, an integer ≥ 2. */
  readonly replications: number;
  /** Base seed; replication i runs every plan on the same derived seed. */
  readonly seed: number;
  /** Staff added to one role at a time, an integer ≥ 1 (default 1). */
  readonly step?: number;
  /** Two-sided confidence level of the intervals, in (0, 1) (default 0.95). */
  readonly confidence?: number;
}): { readonly role: string; readonly base: number; readonly effect: PairedDifference }[] {
  const roles = Object.keys(options.plan ?? {});
  if (roles.length === 0) throw new ParameterError('plan', 'at least one role', options.plan);
  const n = positiveInt(options.replications, 'replications');
  if (n < 2) throw new ParameterError('replications', 'an integer ≥ 2', options.replications);
  validateSeed(options.seed, 'seed');
  const step = options.step === undefined ? 1 : positiveInt(options.step, 'step');
  const seeds = Array.from({ length: n }, (_, i) => replicationSeed(options.seed, i));
  const base = figures(options.figure, options.plan, seeds);
  return roles
    .map((role) => {
      const plus = { ...options.plan, [role]: (options.plan[role] as number) + step };
      return {
        role,
        base: base.reduce((a, b) => a + b, 0) / n,
        effect: pairedDifference(role, base, figures(options.figure, plus, seeds), options.confidence),
      };
    })
    .sort((a, b) => Math.abs(b.effect.mean!) - Math.abs(a.effect.mean!));
}

/**
 * One parameter's range for {@link tornado}.
 *
 * @example
 * ```ts
 * const p: TornadoParameter<{ swab: number }> = { name: 'swab time', low: (b) => ({ ...b, swab: 10 }), high: (b) => ({ ...b, swab: 16 }) };
 * ```
 */
export interface TornadoParameter<P> {
  /** Label of the parameter in the table. */
  readonly name: string;
  /** The base parameters with this parameter at the low end of its range. */
  readonly low: (base: P) => P;
  /** The base parameters with this parameter at the high end of its range. */
  readonly high: (base: P) => P;
}

/**
 * One row of a tornado table: the figure's paired change at the parameter's low and high ends.
 *
 * @example
 * ```ts
 * const r: TornadoRow = {
 *   name: 'swab time', low: pairedDifference('low', [10, 12], [9, 10]), high: pairedDifference('high', [10, 12], [13, 16]), swing: 5,
 * };
 * ```
 */
export interface TornadoRow {
  /** The parameter's name, from its {@link TornadoParameter}. */
  readonly name: string;
  /** Paired change of the figure (low end − base). */
  readonly low: PairedDifference;
  /** Paired change of the figure (high end − base). */
  readonly high: PairedDifference;
  /** |high.mean − low.mean|: the rows are sorted by it, largest first. */
  readonly swing: number;
}

/**
 * Sensitivity of a key figure to each parameter over its range, as a tornado table: for every
 * parameter the figure's paired change (vs the base) at its low and high ends, on common seeds.
 *
 * @param options - base parameters, the parameters' ranges, figure of one replication, replications, seed
 *
 * @example
 * ```ts
 * const rows = tornado({
 *   base: { rate: 1 }, parameters: [{ name: 'rate', low: () => ({ rate: 0.5 }), high: () => ({ rate: 2 }) }],
 *   figure: (p) => p.rate * 10, replications: 3, seed: 1,
 * });
 * rows[0]?.swing; // 15
 * ```
 */
export function tornado<P>(options: {
  /** The base parameters the changes are measured against. */
  readonly base: P;
  /** The parameters' ranges, one row each. */
  readonly parameters: readonly TornadoParameter<P>[];
  /** The figure of one replication of a parameter set on a seed. */
  readonly figure: (parameters: P, seed: number) => number;
  /** Replications per setting, an integer ≥ 2. */
  readonly replications: number;
  /** Base seed; replication i runs every setting on the same derived seed. */
  readonly seed: number;
  /** Two-sided confidence level of the intervals, in (0, 1) (default 0.95). */
  readonly confidence?: number;
}): TornadoRow[] {
  if (!Array.isArray(options.parameters) || options.parameters.length === 0) {
    throw new ParameterError('parameters', 'a non-empty list of parameter ranges', options.parameters);
  }
  const n = positiveInt(options.replications, 'replications');
  if (n < 2) throw new ParameterError('replications', 'an integer ≥ 2', options.replications);
  validateSeed(options.seed, 'seed');
  const seeds = Array.from({ length: n }, (_, i) => replicationSeed(options.seed, i));
  const base = figures(options.figure, options.base, seeds);
  const effect = (name: string, p: P): PairedDifference =>
    pairedDifference(name, base, figures(options.figure, p, seeds), options.confidence);
  return options.parameters
    .map((p, i) => {
      if (typeof p?.name !== 'string' || typeof p.low !== 'function' || typeof p.high !== 'function') {
        throw new ParameterError(`parameters[${i}]`, 'a { name, low, high } range', p);
      }
      const low = effect(`${p.name} low`, p.low(options.base));
      const high = effect(`${p.name} high`, p.high(options.base));
      return { name: p.name, low, high, swing: Math.abs(high.mean! - low.mean!) };
    })
    .sort((a, b) => b.swing - a.swing);
}

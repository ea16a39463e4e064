/**
 * Paired effects with common random numbers: a figure computed at a base setting and at a changed
 * setting on the same replication seeds, with a paired-t interval on the mean difference. Pairing
 * removes the noise the two settings share, which is most of it when only staffing or one parameter
 * changes. Used for what one more person in each role buys ({@link marginalStaff}) and for
 * sensitivity ({@link tornado}).
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { positiveInt } from '../kernel/validate.js';
import { replicationSeed, validateSeed } from '../random/seed.js';
import { studentTQuantile } from '../stats/studentT.js';

/**
 * A mean paired difference with its two-sided t interval.
 *
 * @example
 * ```ts
 * const d: PairedEffect = { mean: -120, lower: -150, upper: -90, replications: 10, confidence: 0.95 };
 * ```
 */
export interface PairedEffect {
  /** Mean difference (changed − base), in the figure's unit. */
  readonly mean: number;
  /** Lower end of the t interval of the mean difference. */
  readonly lower: number;
  /** Upper end of the t interval of the mean difference. */
  readonly upper: number;
  /** Paired replications the interval is based on (at least 2). */
  readonly replications: number;
  /** Two-sided confidence level of the interval, in (0, 1). */
  readonly confidence: number;
}

/**
 * Paired-t interval of the mean of differences.
 *
 * @param differences - at least two finite differences
 * @param confidence - two-sided level in (0, 1), default 0.95
 *
 * @example
 * ```ts
 * pairedInterval([1, 2, 3]).mean; // 2
 * ```
 */
export function pairedInterval(differences: readonly number[], confidence = 0.95): PairedEffect {
  if (!Array.isArray(differences) || differences.length < 2)
    throw new ParameterError('differences', 'at least two values', differences);
  differences.forEach((d, i) => {
    if (!Number.isFinite(d)) throw new ParameterError(`differences[${i}]`, 'a finite number', d);
  });
  if (!(confidence > 0 && confidence < 1))
    throw new ParameterError('confidence', 'a number in (0, 1)', confidence);
  const n = differences.length;
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  const variance = differences.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, lower: mean - half, upper: mean + half, replications: n, confidence };
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
}): { readonly role: string; readonly base: number; readonly effect: PairedEffect }[] {
  const roles = Object.keys(options.plan ?? {});
  if (roles.length === 0) throw new ParameterError('plan', 'at least one role', options.plan);
  const n = positiveInt(options.replications, 'replications');
  if (n < 2) throw new ParameterError('replications', 'an integer ≥ 2', options.replications);
  validateSeed(options.seed, 'seed');
  const step = options.step === undefined ? 1 : positiveInt(options.step, 'step');
  const seeds = Array.from({ length: n }, (_, i) => replicationSeed(options.seed, i));
  const base = seeds.map((s) => options.figure(options.plan, s));
  return roles
    .map((role) => {
      const plus = { ...options.plan, [role]: (options.plan[role] as number) + step };
      const diff = seeds.map((s, i) => options.figure(plus, s) - (base[i] as number));
      return {
        role,
        base: base.reduce((a, b) => a + b, 0) / n,
        effect: pairedInterval(diff, options.confidence),
      };
    })
    .sort((a, b) => Math.abs(b.effect.mean) - Math.abs(a.effect.mean));
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
 * const r: TornadoRow = { name: 'swab time', low: pairedInterval([-1, -2]), high: pairedInterval([3, 4]), swing: 5 };
 * ```
 */
export interface TornadoRow {
  /** The parameter's name, from its {@link TornadoParameter}. */
  readonly name: string;
  /** Paired change of the figure (low end − base). */
  readonly low: PairedEffect;
  /** Paired change of the figure (high end − base). */
  readonly high: PairedEffect;
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
  const base = seeds.map((s) => options.figure(options.base, s));
  const effect = (p: P): PairedEffect =>
    pairedInterval(
      seeds.map((s, i) => options.figure(p, s) - (base[i] as number)),
      options.confidence,
    );
  return options.parameters
    .map((p, i) => {
      if (typeof p?.name !== 'string' || typeof p.low !== 'function' || typeof p.high !== 'function') {
        throw new ParameterError(`parameters[${i}]`, 'a { name, low, high } range', p);
      }
      const low = effect(p.low(options.base));
      const high = effect(p.high(options.base));
      return { name: p.name, low, high, swing: Math.abs(high.mean - low.mean) };
    })
    .sort((a, b) => b.swing - a.swing);
}

/**
 * Arrival processes: validated descriptions of *when* entities arrive, which produce absolute arrival
 * times (in seconds, the project's time unit) from an {@link Rng} on demand.
 *
 * They are independent of the simulation kernel: `times(rng)` is a lazy generator, so a county of 25
 * million residents never needs an array of 25 million times, and the model feeding a simulation pulls
 * one time at a time. Every process yields times in non-decreasing order, validates its parameters
 * when built (not when first iterated), and records its parameters as plain data.
 *
 * @module
 */
import { ParameterError } from '../../kernel/errors.js';
import { describeParams, type JsonValue } from '../distribution.js';
import type { Rng } from '../rng.js';

/**
 * A description of arrivals that can generate arrival times.
 *
 * @example
 * ```ts
 * const p: ArrivalProcess = poissonProcess({ rate: 0.5, end: 3600 });
 * for (const t of p.times(streams.stream('arrivals'))) schedule(t);
 * ```
 */
export interface ArrivalProcess {
  /** Kind of process, e.g. `"poisson"`. */
  readonly name: string;
  /** Parameters as plain data. */
  readonly params: { readonly [k: string]: JsonValue };
  /** Arrival times in non-decreasing order (seconds), drawn from `rng`. Lazy; may be infinite. */
  times(rng: Rng): Generator<number, void, undefined>;
  /** The expected number of arrivals in `[from, to)`, where it has a closed form. */
  expectedCount?(from: number, to: number): number;
  /** A short human-readable form. */
  describe(): string;
  /** `{ process: name, ...params }`. */
  toJSON(): { readonly process: string; readonly [k: string]: JsonValue };
}

/**
 * Count arrival times per bin `[edges[i], edges[i + 1])`. Times before the first edge are skipped;
 * counting stops at the first time ≥ the last edge, so an endless process can be counted over a
 * finite horizon.
 *
 * @param times - arrival times in non-decreasing order (as every {@link ArrivalProcess} yields them).
 * @param edges - strictly increasing bin edges, at least two.
 * @returns one count per bin (`edges.length − 1` numbers).
 * @throws `ParameterError` for bad edges, or when a time is smaller than the one before it.
 * @example
 * ```ts
 * countArrivals(poissonProcess({ rate: 1 }).times(rng), [0, 3600, 7200]); // [≈3600, ≈3600]
 * ```
 */
export function countArrivals(times: Iterable<number>, edges: readonly number[]): number[] {
  checkIncreasing(edges, 'edges', true);
  if (edges.length < 2) throw new ParameterError('edges', 'at least 2 bin edges', edges);
  const counts: number[] = new Array(edges.length - 1).fill(0);
  const last = edges[edges.length - 1]!;
  let bin = 0;
  let previous = Number.NEGATIVE_INFINITY;
  let index = 0;
  for (const t of times) {
    if (!(t >= previous))
      throw new ParameterError(`times[${index}]`, `a time ≥ the previous one (${previous})`, t);
    previous = t;
    index++;
    if (t >= last) break;
    if (t < edges[0]!) continue;
    while (t >= edges[bin + 1]!) bin++;
    counts[bin]!++;
  }
  return counts;
}

/**
 * Check a list of finite numbers is increasing (strictly, or non-decreasing when `strict` is false).
 * @internal
 */
export function checkIncreasing(values: unknown, path: string, strict: boolean): readonly number[] {
  if (!Array.isArray(values)) throw new ParameterError(path, 'an array of times', values);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ParameterError(`${path}[${i}]`, 'a finite number', v);
    const prev = values[i - 1] as number | undefined;
    if (prev !== undefined && (strict ? !(v > prev) : !(v >= prev)))
      throw new ParameterError(
        `${path}[${i}]`,
        `a time ${strict ? '>' : '≥'} ${path}[${i - 1}] (${prev})`,
        v,
      );
  });
  return values as number[];
}

/**
 * Shared `describe()`/`toJSON()` of the arrival processes. Not exported from the entry; its
 * declaration is published because the arrival processes extend it.
 */
export abstract class ProcessBase {
  abstract readonly name: string;
  abstract readonly params: { readonly [k: string]: JsonValue };

  /** A short human-readable form, e.g. `poisson(rate=0.5, start=0)`. */
  describe(): string {
    return describeParams(this.name, this.params);
  }

  /** `{ process: name, ...params }`. */
  toJSON(): { readonly process: string; readonly [k: string]: JsonValue } {
    return { process: this.name, ...this.params };
  }
}

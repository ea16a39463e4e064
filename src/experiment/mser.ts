/**
 * Warm-up detection by MSER-5 (White 1997; White, Cobb and Spratt 2000): the data choose where the
 * transient ends, instead of a hand-set warm-up.
 *
 * The output series is cut into consecutive batches of 5 (the batch size is an option) and replaced
 * by the batch means `Z_1..Z_b`; a remainder of fewer than 5 values at the end is left out. For each
 * truncation point `d` (in batches) the **marginal standard error**
 *
 * ```
 * MSER(d) = Σ_{j=d+1..b} (Z_j − Z̄_d)² / (b − d)²,   Z̄_d the mean of Z_{d+1..b}
 * ```
 *
 * is the squared standard error of the truncated mean, as if the kept batches were independent. Cutting
 * biased early values lowers the sum faster than the shorter series raises the factor; cutting steady
 * values does not. The warm-up is the `d` with the smallest MSER, searched over the first half
 * (`d < b/2`, so more than half the batches are always kept; ties go to the smaller `d`), and is
 * reported in observations (`d × batchSize`). When the minimum sits at the last point of that
 * half, the series is too short to have left its transient: lengthen the run, do not trust the mean.
 *
 * Use it on a per-customer series (waits in the order customers started service), or with
 * `batchSize: 1` on the equal-duration batch means of a level ({@link TimeBatchMeans.batchMeans}), and
 * feed the result to {@link afterWarmup} or to a replication/deletion window.
 *
 * It suits a transient that is large against the noise. On a strongly autocorrelated series — the
 * waits of a heavily loaded queue — the statistic is dominated by long excursions: MSER-5 then often
 * cuts nothing, or cuts just after a high excursion and biases the mean low. There, take the warm-up
 * from the relaxation time (several times it) instead.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';

/**
 * Options of {@link mser}.
 *
 * @example
 * ```ts
 * const options: MserOptions = { batchSize: 1 }; // plain MSER on already batched values
 * ```
 */
export interface MserOptions {
  /** Observations per batch, an integer ≥ 1. Default 5 (MSER-5). */
  readonly batchSize?: number;
}

/**
 * The result of {@link mser}: where the warm-up ends and what the truncated series gives.
 *
 * @example
 * ```ts
 * const r: MserResult = mser(waits);
 * afterWarmup(waits, { warmup: r.warmup });
 * ```
 */
export interface MserResult {
  /** Observations to delete from the start: `truncatedBatches × batchSize`. */
  readonly warmup: number;
  /** Batches deleted, the minimising `d`. */
  readonly truncatedBatches: number;
  /** Batches formed, `b = floor(n / batchSize)`. */
  readonly batches: number;
  /** Observations per batch. */
  readonly batchSize: number;
  /** The minimal MSER statistic, `MSER(d*)`. */
  readonly statistic: number;
  /** Mean of the observations after the warm-up (the remainder after the last batch included). */
  readonly mean: number;
  /**
   * True when the minimum sits at the last truncation point searched (`d* = ⌈b/2⌉ − 1`): the transient
   * may last longer than half the run, so the run is too short to estimate a steady-state mean.
   */
  readonly atLimit: boolean;
}

/**
 * MSER-5 warm-up detection on `values` (see the module documentation).
 *
 * @param values - observations in the order they were made; finite numbers, at least two batches.
 * @param options - `batchSize` (default 5).
 * @throws {@link ParameterError} for a non-finite value, a bad batch size or fewer than two batches.
 * @example
 * ```ts
 * const { warmup, mean, atLimit } = mser(waits);
 * if (!atLimit) batchMeans(afterWarmup(waits, { warmup }), { warmup: 0, batches: 20 });
 * ```
 */
export function mser(values: ArrayLike<number>, options: MserOptions = {}): MserResult {
  const batchSize = options.batchSize ?? 5;
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1)
    throw new ParameterError('mser.batchSize', 'an integer ≥ 1', batchSize);
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number')
    throw new ParameterError('mser.values', 'an array of numbers', values);
  const n = values.length;
  for (let i = 0; i < n; i++)
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i]))
      throw new ParameterError(`mser.values[${i}]`, 'a finite number', values[i]);
  const b = Math.floor(n / batchSize);
  if (b < 2)
    throw new ParameterError(
      'mser.values',
      `at least ${2 * batchSize} observations (two batches of ${batchSize})`,
      `${n} observations`,
    );
  const z = new Float64Array(b);
  for (let j = 0; j < b; j++) {
    let s = 0;
    for (let i = j * batchSize; i < (j + 1) * batchSize; i++) s += values[i]!;
    z[j] = s / batchSize;
  }
  // Suffix means and sums of squared deviations by Welford's update, from the last batch backwards:
  // one pass, and no cancellation from subtracting large sums of squares.
  const last = Math.ceil(b / 2) - 1;
  let mean = 0;
  let m2 = 0;
  let best = Number.POSITIVE_INFINITY;
  let bestD = 0;
  for (let d = b - 1; d >= 0; d--) {
    const k = b - d;
    const delta = z[d]! - mean;
    mean += delta / k;
    m2 += delta * (z[d]! - mean);
    // `<=` while walking down: an equal statistic at a smaller d wins the tie.
    if (d <= last) {
      const stat = m2 / (k * k);
      if (stat <= best) {
        best = stat;
        bestD = d;
      }
    }
  }
  const warmup = bestD * batchSize;
  let sum = 0;
  for (let i = warmup; i < n; i++) sum += values[i]!;
  return {
    warmup,
    truncatedBatches: bestD,
    batches: b,
    batchSize,
    statistic: best,
    mean: sum / (n - warmup),
    atLimit: bestD === last && last > 0,
  };
}

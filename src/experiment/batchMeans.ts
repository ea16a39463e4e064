/**
 * Batch means: a confidence interval for a steady-state mean from one long run.
 *
 * Observations inside one run (successive waits in a queue) are correlated, so a t-interval on them
 * is far too narrow. Batch means cuts the run, after a named **warm-up**, into `batches` consecutive
 * batches of equal size; when batches are long compared with the correlation time, their means are
 * nearly independent and nearly normal, and the t-interval on the batch means is honest.
 *
 * Both the warm-up (observations discarded) and the number of batches are explicit parameters, never
 * hidden defaults inside a test, and the result reports the lag-1 autocorrelation of the batch means so
 * that a reader can see whether the batches were long enough (|r₁| well below 0.2 is the usual check).
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { integer } from '../kernel/validate.js';
import { type ConfidenceInterval, confidenceInterval } from '../stats/confidenceInterval.js';

/** Options for {@link BatchMeans}. */
export interface BatchMeansOptions {
  /** Observations to discard at the start (warm-up), an integer ≥ 0. */
  readonly warmup: number;
  /** Observations per batch, an integer ≥ 1. */
  readonly batchSize: number;
}

/** The interval from {@link BatchMeans.interval}, with the diagnostics that justify it. */
export interface BatchMeansInterval extends ConfidenceInterval {
  /** Number of complete batches used (the interval's n). */
  readonly batches: number;
  /** Observations per batch. */
  readonly batchSize: number;
  /** Observations discarded as warm-up. */
  readonly warmup: number;
  /** Observations after the last complete batch, not used. */
  readonly unused: number;
  /** Lag-1 autocorrelation of the batch means (near 0 when batches are long enough). */
  readonly lag1: number;
}

/**
 * Streaming batch means: feed observations in order with {@link BatchMeans.observe}; memory grows with
 * the number of batches, not of observations.
 *
 * @example
 * ```ts
 * const bm = new BatchMeans({ warmup: 10_000, batchSize: 20_000 });
 * for (const w of waits) bm.observe(w);
 * const ci = bm.interval(0.95); // { mean, lower, upper, halfWidth, batches, lag1, ... }
 * ```
 */
export class BatchMeans {
  /** Observations to discard at the start (warm-up), an integer ≥ 0. */
  readonly warmup: number;
  /** Observations per batch, an integer ≥ 1. */
  readonly batchSize: number;
  private seen = 0;
  private sum = 0;
  private inBatch = 0;
  private readonly means: number[] = [];

  constructor(options: BatchMeansOptions) {
    this.warmup = integer(options.warmup, 'batchMeans.warmup', 0);
    this.batchSize = integer(options.batchSize, 'batchMeans.batchSize', 1);
  }

  /** Record the next observation. */
  observe(x: number): void {
    if (this.seen++ < this.warmup) return;
    this.sum += x;
    if (++this.inBatch === this.batchSize) {
      this.means.push(this.sum / this.batchSize);
      this.sum = 0;
      this.inBatch = 0;
    }
  }

  /** Means of the complete batches so far. */
  batchMeans(): readonly number[] {
    return this.means;
  }

  /**
   * The t-interval on the batch means at `level` (default 0.95). Needs at least two complete batches.
   */
  interval(level = 0.95): BatchMeansInterval {
    if (this.means.length < 2)
      throw new ParameterError(
        'batchMeans',
        `at least 2 complete batches of ${this.batchSize} after a warm-up of ${this.warmup}`,
        `${this.means.length} batch(es) from ${this.seen} observations`,
      );
    const ci = confidenceInterval(this.means, level);
    return {
      ...ci,
      batches: this.means.length,
      batchSize: this.batchSize,
      warmup: this.warmup,
      unused: this.inBatch,
      lag1: lag1(this.means, ci.mean),
    };
  }
}

/**
 * Batch means over an array: discard `warmup` values, cut the rest into `batches` equal batches (the
 * remainder at the end is unused) and return the t-interval of the batch means.
 *
 * @example
 * ```ts
 * const ci = batchMeans(waits, { warmup: 1000, batches: 20 }, 0.95);
 * ```
 */
export function batchMeans(
  values: ArrayLike<number>,
  options: { readonly warmup: number; readonly batches: number },
  level = 0.95,
): BatchMeansInterval {
  const warmup = integer(options.warmup, 'batchMeans.warmup', 0);
  const batches = integer(options.batches, 'batchMeans.batches', 2);
  const usable = values.length - warmup;
  const batchSize = Math.floor(usable / batches);
  if (batchSize < 1)
    throw new ParameterError(
      'batchMeans.batches',
      `at most ${Math.max(0, usable)} batches for ${values.length} values after warm-up`,
      batches,
    );
  const bm = new BatchMeans({ warmup, batchSize });
  for (let i = 0; i < values.length; i++) bm.observe(values[i]!);
  return bm.interval(level);
}

function lag1(xs: readonly number[], mean: number): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - mean;
    den += d * d;
    if (i > 0) num += d * (xs[i - 1]! - mean);
  }
  return den === 0 ? 0 : num / den;
}

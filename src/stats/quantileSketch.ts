/**
 * A mergeable quantile sketch with a guaranteed *relative* error and memory that does not grow with the
 * number of observations: a histogram on logarithmic buckets (the idea of DDSketch, Masson, Rim & Lee,
 * VLDB 2019).
 *
 * **Why this estimator.** A monitor in a long run sees millions of waits; keeping them all is exactly
 * what "cheap by default" forbids. P² tracks a few fixed quantiles in five markers but gives no error
 * bound and cannot be merged across replications. A fixed-bin histogram needs the range in advance and
 * its error is absolute. Log buckets need neither: with γ = (1 + α)/(1 − α), if every bucket (L, U]
 * spans a ratio U/L ≤ γ, reporting its midpoint-in-ratio 2LU/(L + U) is within a factor (1 ± α) of
 * every value in it. So any quantile of the sketch is within relative error α of the true order
 * statistic — for waits of 2 s and of 2 hours alike — and two sketches merge by adding bucket counts.
 *
 * **Buckets.** Bucket i holds the magnitudes x with ⌈M·ℓ(x)⌉ = i, where ℓ is a logarithm-like map
 * read from the double's exponent and fraction with a cubic (see `logLike.ts`): it costs a few
 * multiplications where `log` costs a hundred instructions, uses only exactly specified arithmetic (so
 * every engine gives the same buckets), and its multiplier M keeps every bucket within the ratio γ.
 * The price is ≈ 1 % more buckets than the exact logarithm for the same α.
 *
 * **Stated accuracy.** For 0-based rank k, {@link QuantileSketch.valueAtRank} returns v with
 * |v − x₍ₖ₎| ≤ α·|x₍ₖ₎| (plus rounding, below 1e-12 relative), where x₍ₖ₎ is the exact k-th smallest
 * value; the smallest and largest values are returned exactly. The bound is for normal doubles: below
 * 2.2e-308 (subnormals) neighbouring doubles are themselves more than α apart.
 * Zeros are counted exactly; negative values go to a mirrored store with the same guarantee. The
 * guarantee holds while each sign's values span a ratio of at most γ^(25/26 · maxBuckets) (≈ 1e17 at
 * the defaults α = 0.01, 2048 buckets: the narrowest buckets span γ^(25/26)); past that the
 * smallest-magnitude buckets are merged into one (the large values, which matter for tails, keep
 * their accuracy) and {@link QuantileSketch.collapsed} turns true.
 *
 * **Memory and allocation.** Buckets live in a `Float64Array` that covers only the span of indices
 * seen so far: when a value falls outside it, the array is re-centred in place if the span still fits,
 * and doubled otherwise, never beyond `maxBuckets` per sign. So `add` allocates only when the observed
 * span doubles — once at the start and at most log₂(maxBuckets/32) more times per sign — never per
 * observation. Counts are doubles, so weights may be durations (for
 * time-weighted level distributions) and integer counts stay exact up to 2^53.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { log1p } from '../random/math.js';
import { LOG_LIKE_MIN_SLOPE, logLike, logLikeInverse } from './logLike.js';

/**
 * Options of a {@link QuantileSketch}.
 *
 * @example
 * ```ts
 * new QuantileSketch({ relativeAccuracy: 0.005, maxBuckets: 4096 });
 * ```
 */
export interface QuantileSketchOptions {
  /** Relative accuracy α in (0, 1); default 0.01 (1%). */
  readonly relativeAccuracy?: number;
  /** Largest number of buckets per sign; default 2048. At least 16. */
  readonly maxBuckets?: number;
}

// A store's first array covers a factor γ^128 (≈ 12 at α = 1 %), which holds most waits of one kind
// without growing: each growth allocates a new Float64Array, and those cost microseconds apiece.
const INITIAL_BUCKETS = 128;

/** Counts on bucket indices [offset, offset + counts.length), for one sign. */
class BucketStore {
  counts = new Float64Array(0);
  offset = 0;
  /** Lowest and highest index with a count (valid when total > 0). */
  minIndex = 0;
  maxIndex = 0;
  total = 0;
  collapsed = false;

  constructor(readonly maxBuckets: number) {}

  add(index: number, weight: number): void {
    if (this.total > 0 && this.maxIndex - index >= this.maxBuckets) {
      // Too far below the largest value to keep: fold into the lowest bucket that can be kept.
      index = this.maxIndex - this.maxBuckets + 1;
      this.collapsed = true;
    }
    if (index < this.offset || index >= this.offset + this.counts.length) {
      if (this.counts.length === 0)
        this.counts = new Float64Array(Math.min(INITIAL_BUCKETS, this.maxBuckets));
      // An empty store (new or cleared) is all zeros: centre it on the index.
      if (this.total === 0) this.offset = index - (this.counts.length >> 1);
      else this.grow(index, index);
    }
    if (this.total === 0 || index < this.minIndex) this.minIndex = index;
    if (this.total === 0 || index > this.maxIndex) this.maxIndex = index;
    this.counts[index - this.offset]! += weight;
    this.total += weight;
  }

  /**
   * Make room for indices `low`…`high` before adding them all (a merge), so that the array grows at
   * most once instead of once per doubling: each new Float64Array costs microseconds. Same counts
   * and flags as adding them one by one.
   */
  reserve(low: number, high: number): void {
    if (this.total > 0) {
      if (low < this.offset || high >= this.offset + this.counts.length) this.grow(low, high);
      return;
    }
    // Empty (all zeros): size and place the array for the span the indices will need.
    const span = Math.min(high - low + 1, this.maxBuckets);
    const size =
      this.counts.length >= 2 * span || this.counts.length === this.maxBuckets
        ? this.counts.length
        : Math.min(this.maxBuckets, Math.max(INITIAL_BUCKETS, 2 * span));
    if (size !== this.counts.length) this.counts = new Float64Array(size);
    this.offset = high - span + 1 - ((size - span) >> 1);
  }

  /**
   * Make room for `low`…`high` (partly outside the current range, total > 0): keep at most
   * maxBuckets indices ending at the highest, folding lower ones into the lowest kept bucket. Doubles
   * the array (up to maxBuckets) when the span would fill more than half of it; otherwise re-centres
   * it in place, without allocating.
   */
  private grow(low: number, high: number): void {
    const hi = Math.max(this.maxIndex, high);
    let lo = Math.min(this.minIndex, low);
    if (hi - lo + 1 > this.maxBuckets) {
      lo = hi - this.maxBuckets + 1;
      this.collapsed = true;
    }
    const span = hi - lo + 1;
    const old = this.counts;
    const oldOffset = this.offset;
    // Re-centre in place only while the span fills at most half the array, so at least a quarter of it
    // is free on each side afterwards: values that keep setting new extremes (waits growing all
    // evening) then cost one copy per quarter-array of new indices, not one per new index.
    const size =
      2 * span <= old.length || old.length === this.maxBuckets
        ? old.length
        : Math.min(this.maxBuckets, Math.max(2 * old.length, 2 * span));
    const offset = lo - ((size - span) >> 1);
    // Weight below the kept range, folded into bucket lo.
    let folded = 0;
    const foldEnd = Math.min(lo, this.maxIndex + 1);
    for (let i = this.minIndex; i < foldEnd; i++) {
      const j = i - oldOffset;
      folded += old[j]!;
      old[j] = 0;
    }
    if (size === old.length) {
      const shift = oldOffset - offset;
      if (shift > 0) {
        old.copyWithin(shift, 0, size - shift);
        old.fill(0, 0, shift);
      } else if (shift < 0) {
        old.copyWithin(0, -shift);
        old.fill(0, size + shift);
      }
    } else {
      const counts = new Float64Array(size);
      // Copy the overlap of the old and new index ranges (outside it the old counts are zero).
      const from = Math.max(oldOffset, offset);
      const to = Math.min(oldOffset + old.length, offset + size);
      if (to > from) counts.set(old.subarray(from - oldOffset, to - oldOffset), from - offset);
      this.counts = counts;
    }
    this.offset = offset;
    if (folded > 0) {
      this.counts[lo - offset]! += folded;
      this.minIndex = lo;
    }
  }

  weightAt(index: number): number {
    const j = index - this.offset;
    return j >= 0 && j < this.counts.length ? this.counts[j]! : 0;
  }

  copyFrom(other: BucketStore): void {
    this.counts = other.counts.slice();
    this.offset = other.offset;
    this.minIndex = other.minIndex;
    this.maxIndex = other.maxIndex;
    this.total = other.total;
    this.collapsed = other.collapsed;
  }

  clear(): void {
    this.counts.fill(0);
    this.total = 0;
    this.collapsed = false;
  }
}

/**
 * Streaming quantile estimator with relative error α and bounded memory (see the module comment).
 *
 * @example
 * ```ts
 * const s = new QuantileSketch({ relativeAccuracy: 0.01 });
 * for (const w of waits) s.add(w);
 * s.quantile(0.9); // within 1% of the exact 90th percentile (type 7)
 * ```
 */
export class QuantileSketch {
  /** The relative accuracy α. */
  readonly relativeAccuracy: number;
  /** Largest number of buckets per sign. */
  readonly maxBuckets: number;
  /** Buckets per unit of ℓ (a factor of 2): every bucket then spans a ratio of at most γ. */
  private readonly multiplier: number;
  private readonly positive: BucketStore;
  private readonly negative: BucketStore;
  private zeros = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  /**
   * @param options - relative accuracy and bucket cap.
   * @param path - where the options sit in the caller's input, for error messages.
   * @throws {@link ParameterError} when α is not in (0, 1) or maxBuckets is not an integer ≥ 16.
   */
  constructor(options: QuantileSketchOptions = {}, path = 'sketch') {
    const alpha = options.relativeAccuracy ?? 0.01;
    if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1))
      throw new ParameterError(`${path}.relativeAccuracy`, 'a number strictly between 0 and 1', alpha);
    const maxBuckets = options.maxBuckets ?? 2048;
    if (typeof maxBuckets !== 'number' || !Number.isInteger(maxBuckets) || maxBuckets < 16)
      throw new ParameterError(`${path}.maxBuckets`, 'an integer ≥ 16', maxBuckets);
    this.relativeAccuracy = alpha;
    this.maxBuckets = maxBuckets;
    // ln γ = ln((1 + α)/(1 − α)) = log1p(2α/(1 − α))
    this.multiplier = 1 / (LOG_LIKE_MIN_SLOPE * log1p((2 * alpha) / (1 - alpha)));
    this.positive = new BucketStore(maxBuckets);
    this.negative = new BucketStore(maxBuckets);
  }

  /** Total weight added (the count, when every weight is 1). */
  get total(): number {
    return this.positive.total + this.negative.total + this.zeros;
  }

  /** Whether buckets were merged because the values spanned more than `maxBuckets` (accuracy lost at the low end). */
  get collapsed(): boolean {
    return this.positive.collapsed || this.negative.collapsed;
  }

  /** Number of bucket slots currently allocated, both signs together (bounded by 2 × maxBuckets). */
  get allocatedBuckets(): number {
    return this.positive.counts.length + this.negative.counts.length;
  }

  /** Smallest value added (exact), or `undefined` when empty. */
  get min(): number | undefined {
    return this.total > 0 ? this.lo : undefined;
  }

  /** Largest value added (exact), or `undefined` when empty. */
  get max(): number | undefined {
    return this.total > 0 ? this.hi : undefined;
  }

  private index(magnitude: number): number {
    // `+ 0` turns the −0 that Math.ceil gives for magnitudes just at or below 1 into 0: a −0 index
    // makes V8 drop the optimised add() again and again.
    return Math.ceil(logLike(magnitude) * this.multiplier) + 0;
  }

  /**
   * 2LU/(L + U) for the bucket's bounds (L, U], written so that nothing overflows; the top bucket of
   * the doubles' range ends at the largest double, since no value lies above it.
   */
  private representative(index: number): number {
    const lower = Math.min(logLikeInverse((index - 1) / this.multiplier), Number.MAX_VALUE);
    const upper = Math.min(logLikeInverse(index / this.multiplier), Number.MAX_VALUE);
    return lower * (2 / (1 + lower / upper));
  }

  /**
   * Add `value` with `weight` (default 1). Allocation-free unless the value widens the observed range.
   * The caller guarantees a finite value and a finite weight > 0 (monitors check their input once).
   *
   * @example
   * ```ts
   * sketch.add(42);        // one observation
   * sketch.add(3, 12.5);   // level 3 held for 12.5 s
   * ```
   */
  add(value: number, weight = 1): void {
    if (value > 0) this.positive.add(this.index(value), weight);
    else if (value < 0) this.negative.add(this.index(-value), weight);
    else this.zeros += weight;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /**
   * The value at 0-based rank `k` (0 ≤ k < total), within relative error α; clamped to [min, max].
   *
   * @example
   * ```ts
   * sketch.valueAtRank(0); // ≈ the smallest value (exactly min, by the clamp)
   * ```
   */
  valueAtRank(k: number): number | undefined {
    // The extremes are known exactly.
    if (k <= 0) return this.total > 0 ? this.lo : undefined;
    if (k >= this.total - 1) return this.total > 0 ? this.hi : undefined;
    return this.search(k, false);
  }

  /**
   * The weighted inverse CDF: the smallest bucket value v with (weight of values ≤ v) ≥ p · total,
   * within relative error α. This is the quantile of a time-weighted level distribution.
   *
   * @example
   * ```ts
   * sketch.inverseCdf(0.5); // median level, weighted by time held
   * ```
   */
  inverseCdf(p: number): number | undefined {
    return this.search(p * this.total, true);
  }

  /**
   * Type-7 quantile (as R, NumPy) of unit-weight observations: linear interpolation between the values
   * at ranks ⌊h⌋ and ⌊h⌋ + 1, h = p·(n − 1). Each is within relative error α of the exact order
   * statistic, so the result lies in [x₍⌊h⌋₎ − α|x₍⌊h⌋₎|, x₍⌈h⌉₎ + α|x₍⌈h⌉₎|].
   *
   * @example
   * ```ts
   * sketch.quantile(0.5); // median, within 1%
   * ```
   */
  quantile(p: number): number | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    const h = p * (n - 1);
    const k = Math.floor(h);
    const lower = this.valueAtRank(k)!;
    const frac = h - k;
    if (frac === 0 || k + 1 >= n) return lower;
    const upper = this.valueAtRank(k + 1)!;
    return lower + frac * (upper - lower);
  }

  /**
   * Walk buckets from the most negative value up. With `inclusive` false, return the first bucket whose
   * cumulative weight exceeds `target` (rank search); with true, the first non-empty bucket whose
   * cumulative weight reaches `target` (inverse CDF).
   */
  private search(target: number, inclusive: boolean): number | undefined {
    if (this.total === 0) return undefined;
    let cum = 0;
    const reached = (w: number): boolean => w > 0 && (inclusive ? cum >= target : cum > target);
    const neg = this.negative;
    if (neg.total > 0) {
      for (let i = neg.maxIndex; i >= neg.minIndex; i--) {
        const w = neg.weightAt(i);
        cum += w;
        if (reached(w)) return this.clamp(-this.representative(i));
      }
    }
    cum += this.zeros;
    if (reached(this.zeros)) return this.clamp(0);
    const pos = this.positive;
    if (pos.total > 0) {
      for (let i = pos.minIndex; i <= pos.maxIndex; i++) {
        const w = pos.weightAt(i);
        cum += w;
        if (reached(w)) return this.clamp(this.representative(i));
      }
    }
    // Rounding in the cumulative weights can leave target just above the total: that is the maximum.
    return this.hi;
  }

  private clamp(v: number): number {
    return v < this.lo ? this.lo : v > this.hi ? this.hi : v;
  }

  /**
   * Add every bucket of `other` into this sketch (the sketch of the union of both data sets).
   *
   * @throws {@link ParameterError} when the two sketches have different relative accuracies.
   * @example
   * ```ts
   * total.merge(replicationSketch);
   * ```
   */
  merge(other: QuantileSketch): this {
    if (other.relativeAccuracy !== this.relativeAccuracy)
      throw new ParameterError(
        'merge(other).relativeAccuracy',
        `the same relative accuracy as this sketch (${this.relativeAccuracy})`,
        other.relativeAccuracy,
      );
    for (const [mine, theirs] of [
      [this.positive, other.positive],
      [this.negative, other.negative],
    ] as const) {
      if (theirs.total === 0) continue;
      mine.reserve(theirs.minIndex, theirs.maxIndex);
      for (let i = theirs.minIndex; i <= theirs.maxIndex; i++) {
        const w = theirs.weightAt(i);
        if (w > 0) mine.add(i, w);
      }
      if (theirs.collapsed) mine.collapsed = true;
    }
    this.zeros += other.zeros;
    if (other.total > 0) {
      if (other.lo < this.lo) this.lo = other.lo;
      if (other.hi > this.hi) this.hi = other.hi;
    }
    return this;
  }

  /**
   * An independent copy.
   *
   * @example
   * ```ts
   * const snapshot = sketch.clone();
   * ```
   */
  clone(): QuantileSketch {
    const copy = new QuantileSketch({
      relativeAccuracy: this.relativeAccuracy,
      maxBuckets: this.maxBuckets,
    });
    copy.positive.copyFrom(this.positive);
    copy.negative.copyFrom(this.negative);
    copy.zeros = this.zeros;
    copy.lo = this.lo;
    copy.hi = this.hi;
    return copy;
  }

  /**
   * Forget every value; keeps the allocated buckets for reuse.
   *
   * @example
   * ```ts
   * sketch.clear(); // after the warm-up period
   * ```
   */
  clear(): void {
    this.positive.clear();
    this.negative.clear();
    this.zeros = 0;
    this.lo = Number.POSITIVE_INFINITY;
    this.hi = Number.NEGATIVE_INFINITY;
  }
}

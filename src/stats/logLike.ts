/**
 * The bucket index of the {@link QuantileSketch}: a logarithm-like map of a magnitude read from the
 * bits of the double, and its inverse — no transcendental function, so that adding a value costs a
 * few multiplications and every engine computes the same index.
 *
 * **The map.** Write x = 2ᵉ·(1 + s) with s in [0, 1) (the exponent and fraction fields of the double),
 * and ℓ(x) = e + P(s) with the cubic P(s) = A·s³ + B·s² + C·s, P(0) = 0, P(1) = 1: ℓ agrees with
 * log₂ at every power of two, is continuous and strictly increasing (P′ has no real root), and
 * ℓ(2x) = ℓ(x) + 1.
 *
 * **Bucket widths.** Bucket i holds the x with ℓ(x)·M in (i − 1, i]. Its width on the log scale is
 * ∫ d(ln x) = ∫ dℓ / (dℓ/d ln x) over an ℓ-interval of 1/M, and dℓ/d ln x = (1 + s)·P′(s). So every
 * bucket spans a ratio of at most exp(1 / (M · min (1 + s)·P′(s))), and the multiplier
 * M = 1 / (min (1 + s)·P′(s) · ln γ) makes that ratio γ = (1 + α)/(1 − α): the sketch's relative
 * accuracy α holds exactly as with the true logarithm. The coefficients A = 6/35, B = −3/5, C = 10/7
 * are those that, under P(1) = 1, maximise that minimum (the approach of DDSketch's "cubically
 * interpolated" mapping, Datadog's sketches-java): it is C, reached at s = 0 and s = 2/3, against
 * 1/ln 2 for log₂ itself, so a factor of 2 takes 1/(C·ln 2) ≈ 1.0099 times the buckets of the
 * logarithmic index — 1 % more buckets for the same α. The slope's maximum, 52/35 at s = 1, makes the
 * narrowest bucket span γ^(25/26): n buckets always cover a ratio of at least γ^(25n/26).
 *
 * **The inverse.** ℓ⁻¹(t) = 2^⌊t⌋·(1 + s) with P(s) = t − ⌊t⌋, solved by Newton's method (P is
 * increasing and concave on [0, 1], so from s = t − ⌊t⌋, which lies at or above the root, the first
 * step lands at or below it and the rest climb to it monotonically). The closed form (Cardano) needs a
 * cube root, and `Math.cbrt` is not exactly specified.
 *
 * Only `+ − × ÷`, comparisons and reading the double's bits are used, all exactly specified by
 * ECMAScript, so index and representative are the same on every engine.
 *
 * @module
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the half with the sign and exponent: typed arrays use the platform's byte order. */
const HI = (() => {
  F64[0] = 1;
  return U32[1] === 0x3ff00000 ? 1 : 0;
})();
const LO = 1 - HI;

/** Newton steps of the inverse: from an error ≤ 0.09 they reach full precision in four. */
const NEWTON_STEPS = 5;

/**
 * ℓ(x) = e + P(s) for x = 2ᵉ·(1 + s) > 0 (finite): log₂ x within 0.02, exact at powers of two.
 *
 * @example
 * ```ts
 * logLike(8); // 3
 * ```
 */
export function logLike(x: number): number {
  // The cubic's coefficients (module comment). Constants are declared inside the functions, where V8
  // folds them into the code: it re-reads and re-checks module constants on every call.
  const A = 6 / 35;
  const B = -3 / 5;
  const C = 10 / 7;
  const TWO32 = 4294967296;
  const TWO_M52 = 2.220446049250313e-16;
  F64[0] = x;
  let hi = U32[HI]!;
  let e = (hi >>> 20) - 1023;
  if (hi < 0x00100000) {
    // subnormal: its fraction field is not 1 + s
    F64[0] = x * TWO32 * TWO32;
    hi = U32[HI]!;
    e = (hi >>> 20) - 1023 - 64;
  }
  const s = ((hi & 0x000fffff) * TWO32 + U32[LO]!) * TWO_M52;
  return e + ((A * s + B) * s + C) * s;
}

/** 2ᵉ for −1022 ≤ e ≤ 1023, built from its bits. */
function twoTo(e: number): number {
  U32[HI] = (e + 1023) << 20;
  U32[LO] = 0;
  return F64[0]!;
}

/**
 * The x with ℓ(x) = t: exact up to rounding; 0 below the doubles' range, ∞ above it.
 *
 * @example
 * ```ts
 * logLikeInverse(3); // 8
 * ```
 */
export function logLikeInverse(t: number): number {
  const A = 6 / 35;
  const B = -3 / 5;
  const C = 10 / 7;
  const e = Math.floor(t);
  const f = t - e;
  let s = f;
  for (let k = 0; k < NEWTON_STEPS; k++) s -= (((A * s + B) * s + C) * s - f) / ((3 * A * s + 2 * B) * s + C);
  if (e > 1023) return Number.POSITIVE_INFINITY;
  if (e >= -1022) return (1 + s) * twoTo(e);
  // Subnormal results: scaled exactly, then rounded once; below 2⁻¹⁰⁷⁵ they round to 0.
  return e < -1076 ? 0 : (1 + s) * twoTo(e + 64) * 5.421010862427522e-20; // 2⁻⁶⁴
}

/**
 * The smallest slope dℓ/d ln x of the map (C = 10/7): the multiplier 1/(C·ln γ) gives buckets no
 * wider than a factor γ.
 *
 * @example
 * ```ts
 * const multiplier = 1 / (LOG_LIKE_MIN_SLOPE * Math.log(gamma));
 * ```
 */
export const LOG_LIKE_MIN_SLOPE = 10 / 7;

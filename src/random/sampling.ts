/**
 * The elementary samplers the distributions are built from: standard exponential, standard normal
 * and unit-rate gamma. They take the {@link Rng} as an argument and keep no state between calls:
 * caching a spare normal (the second Box–Muller value, say) would let one stream's numbers leak into
 * another's draw when a distribution object is shared, breaking common random numbers.
 *
 * @module
 */

import { exp, log, log1p, pow } from './math.js';
import type { Rng } from './rng.js';

// ---- the ziggurat for the standard normal --------------------------------------------------------
//
// Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) in the form Doornik analysed ("An
// Improved Ziggurat Method to Generate Normal Random Samples", 2005): the area under the half-density
// f(x) = exp(−x²/2) is covered by LAYERS horizontal strips of equal area V — a base strip that holds
// the tail beyond R, and rectangles above it. A draw picks a strip and a signed position in it; in
// ~99 % of draws the point lies inside the part of the rectangle that is wholly under the curve and is
// returned after one uniform and one multiplication. Box–Muller needs two uniforms, a logarithm, a
// square root and a cosine per variate: the ziggurat is much cheaper (bench/README.md), which
// matters where a model draws millions of service times (the unloading chain draws one per link-pass).
//
// One uniform gives both the strip and the position: its top 8 bits pick the strip and the 45 bits
// below them the position, so the two are independent (a uniform from `Rng.next` carries 53 bits).

/** Strips; R and V below are the constants for 256 strips (Marsaglia and Tsang 2000). */
const LAYERS = 256;
/** Where the tail starts: x of the base strip's right edge. */
const R = 3.6541528853610088;
/** The area of each strip (under the unnormalised density exp(−x²/2)). */
const V = 0.00492867323399;

/** Strip edges: X[i] is the half-width of strip i (X[0] the base strip's notional width V / f(R)), X[LAYERS] = 0. */
const X = new Float64Array(LAYERS + 1);
/** RATIO[i] = X[i + 1] / X[i]: positions |u| below it are inside the curve for certain. */
const RATIO = new Float64Array(LAYERS);
/** F[i] = f(X[i]), the curve's height at each edge. */
const F = new Float64Array(LAYERS + 1);
{
  const f = (x: number) => exp(-0.5 * x * x);
  X[0] = V / f(R);
  X[1] = R;
  for (let i = 2; i < LAYERS; i++) X[i] = Math.sqrt(-2 * log(V / X[i - 1]! + f(X[i - 1]!)));
  X[LAYERS] = 0;
  for (let i = 0; i < LAYERS; i++) RATIO[i] = X[i + 1]! / X[i]!;
  for (let i = 0; i <= LAYERS; i++) F[i] = f(X[i]!);
}

/** A draw from the normal tail beyond R (Marsaglia 1964), with the sign of `u`. */
function normalTail(rng: Rng, negative: boolean): number {
  for (;;) {
    // 1 − U lies in (0, 1], so the logarithms are finite.
    const x = log(1 - rng.next()) / R;
    const y = log(1 - rng.next());
    if (-2 * y >= x * x) return negative ? x - R : R - x;
  }
}

/**
 * A standard exponential variate, `−ln(1 − U)` (safe when a source returns exactly 0).
 *
 * @example
 * ```ts
 * const e = standardExponential(rng); // mean 1
 * ```
 */
export function standardExponential(rng: Rng): number {
  return -log1p(-rng.next());
}

/**
 * A standard normal variate by the ziggurat method (see the module source): one uniform per draw in
 * ~99 % of draws, a few more in the rest.
 *
 * @example
 * ```ts
 * const z = standardNormal(rng); // mean 0, variance 1
 * ```
 */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const scaled = rng.next() * LAYERS;
    const i = scaled | 0;
    // The bits below the strip index, as a signed position in [−1, 1).
    const u = 2 * (scaled - i) - 1;
    if (Math.abs(u) < RATIO[i]!) return u * X[i]!;
    if (i === 0) return normalTail(rng, u < 0);
    // The wedge between the inner rectangle and the strip's outer edge: accept under the curve.
    const x = u * X[i]!;
    const fx = exp(-0.5 * x * x);
    if (F[i]! + rng.next() * (F[i + 1]! - F[i]!) < fx) return x;
  }
}

/** Marsaglia–Tsang squeeze-and-reject for shape ≥ 1: returns a unit-rate Gamma(shape) variate. */
function gammaAtLeastOne(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/**
 * A unit-rate gamma variate with the given shape (> 0), by Marsaglia and Tsang (2000). For shape < 1
 * it uses Gamma(shape) = Gamma(shape + 1) · U^{1/shape}.
 *
 * @example
 * ```ts
 * const g = standardGamma(rng, 2.5); // mean 2.5, variance 2.5
 * ```
 */
export function standardGamma(rng: Rng, shape: number): number {
  if (shape >= 1) return gammaAtLeastOne(rng, shape);
  return gammaAtLeastOne(rng, shape + 1) * pow(1 - rng.next(), 1 / shape);
}

/**
 * The natural log of a unit-rate gamma variate. For small shapes the variate itself underflows to 0
 * (Gamma(0.01) is below 1e-300 with probability ≈ 0.001), its log does not; the beta sampler relies
 * on this to stay exact when both shapes are small.
 *
 * @example
 * ```ts
 * const lg = logStandardGamma(rng, 0.01); // finite, even when exp(lg) underflows
 * ```
 */
export function logStandardGamma(rng: Rng, shape: number): number {
  if (shape >= 1) return log(gammaAtLeastOne(rng, shape));
  // ln U / shape with U in (0, 1]: −E/shape where E = −ln U is standard exponential.
  return log(gammaAtLeastOne(rng, shape + 1)) - standardExponential(rng) / shape;
}

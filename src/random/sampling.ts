/**
 * The elementary samplers the distributions are built from: standard exponential, standard normal
 * and unit-rate gamma. They take the {@link Rng} as an argument and keep no state between calls:
 * caching the second Box–Muller value, for instance, would let one stream's numbers leak into
 * another's draw when a distribution object is shared, breaking common random numbers.
 *
 * @module
 */
import type { Rng } from './rng.js';

const TWO_PI = 2 * Math.PI;

/**
 * A standard exponential variate, `−ln(1 − U)` (safe when a source returns exactly 0).
 *
 * @example
 * ```ts
 * const e = standardExponential(rng); // mean 1
 * ```
 */
export function standardExponential(rng: Rng): number {
  return -Math.log1p(-rng.next());
}

/**
 * A standard normal variate by the Box–Muller transform (cosine branch only; two uniforms per draw).
 *
 * @example
 * ```ts
 * const z = standardNormal(rng); // mean 0, variance 1
 * ```
 */
export function standardNormal(rng: Rng): number {
  const r = Math.sqrt(-2 * Math.log1p(-rng.next()));
  return r * Math.cos(TWO_PI * rng.next());
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
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
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
  return gammaAtLeastOne(rng, shape + 1) * (1 - rng.next()) ** (1 / shape);
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
  if (shape >= 1) return Math.log(gammaAtLeastOne(rng, shape));
  // ln U / shape with U in (0, 1]: −E/shape where E = −ln U is standard exponential.
  return Math.log(gammaAtLeastOne(rng, shape + 1)) - standardExponential(rng) / shape;
}

/**
 * Test helpers for the stats area: a seeded uniform source (tests never call Math.random), exact
 * reference computations written the plain way, and a message catcher.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { test } from 'vitest';

/** A seeded uniform [0, 1) source. */
export function uniform(seed: string): () => number {
  const rng = seedrandom(seed);
  return () => rng.double();
}

/** Exponential(mean) draws by inversion. */
export function exponentials(seed: string, n: number, mean = 1): number[] {
  const u = uniform(seed);
  return Array.from({ length: n }, () => -mean * Math.log(1 - u()));
}

/** Two-pass mean and sample variance, the textbook reference. */
export function twoPass(xs: readonly number[]): { mean: number; variance: number } {
  const n = xs.length;
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  let ss = 0;
  let c = 0;
  for (const x of xs) {
    ss += (x - mean) ** 2;
    c += x - mean;
  }
  // Corrected two-pass (Chan, Golub & LeVeque): subtract the rounding error of the mean.
  return { mean, variance: n > 1 ? (ss - (c * c) / n) / (n - 1) : Number.NaN };
}

/** Exact type-7 order statistics bracketing quantile p of sorted xs. */
export function bracket(sorted: ArrayLike<number>, p: number): { lo: number; hi: number } {
  const h = p * (sorted.length - 1);
  return { lo: sorted[Math.floor(h)]!, hi: sorted[Math.ceil(h)]! };
}

/** The message of what `fn` throws, or 'no error'. */
export function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return 'no error';
}

/** Machine epsilon. */
export const EPS = Number.EPSILON;

/**
 * A fast-check property as a vitest test, in the shape of `@fast-check/vitest`'s `test.prop` (whose
 * import alone costs seconds here): `prop([arbitraries], { seed, numRuns })('name', predicate)`.
 * The seed is always fixed, so failures replay.
 */
export function prop<T extends unknown[]>(
  arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> },
  params: fc.Parameters<T> & { seed: number },
): (name: string, predicate: (...args: T) => void) => void {
  return (name, predicate) => {
    test(name, () => {
      fc.assert(
        fc.property(
          ...(arbitraries as unknown as [fc.Arbitrary<unknown>]),
          predicate as unknown as (x: unknown) => void,
        ),
        params as unknown as fc.Parameters<[unknown]>,
      );
    });
  };
}

export { fc };

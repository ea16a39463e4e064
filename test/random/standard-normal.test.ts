/**
 * The ziggurat behind `standardNormal`: the whole distribution (Kolmogorov–Smirnov against Φ), the
 * tail beyond the base strip (its mass and its shape), both branches forced with chosen uniforms, and
 * the uniforms it spends per draw. Tolerances are named multiples of a standard error (helpers.ts) or
 * Kolmogorov critical values; the seeds are fixed, so a failure is a real discrepancy.
 */
import { describe, expect, it } from 'vitest';
import { type Rng, rngFromFunction } from '../../src/random/rng.js';
import { standardNormal } from '../../src/random/sampling.js';
import { normalCdf } from '../../src/random/special.js';
import { RandomStreams } from '../../src/random/streams.js';
import { Z } from './helpers.js';

/** Where the ziggurat's tail starts (256 strips). */
const R = 3.6541528853610088;
/** Kolmogorov critical value for √n·D at p = 0.001. */
const KS_CRIT = 1.95;

function ksStatistic(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
  }
  return d * Math.sqrt(n);
}

/** A source that returns `values` in turn, then fails the test if asked for more. */
function scripted(values: number[]): Rng {
  let k = 0;
  return rngFromFunction(() => {
    if (k >= values.length) throw new Error(`asked for uniform #${k + 1}, only ${values.length} scripted`);
    return values[k++]!;
  });
}

describe('standardNormal (ziggurat)', () => {
  it('is standard normal: Kolmogorov–Smirnov against Φ over 100,000 draws', () => {
    const rng = new RandomStreams(11).stream('ks');
    const xs = Float64Array.from({ length: 100_000 }, () => standardNormal(rng)).sort();
    expect(ksStatistic(xs, normalCdf)).toBeLessThan(KS_CRIT);
  });

  it('puts the right mass beyond the base strip', () => {
    const rng = new RandomStreams(12).stream('tail');
    const n = 1_000_000;
    let beyond = 0;
    for (let i = 0; i < n; i++) if (Math.abs(standardNormal(rng)) > R) beyond++;
    const p = 2 * normalCdf(-R);
    expect(Math.abs(beyond / n - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / n));
  });

  it('draws the tail with the right shape: Kolmogorov–Smirnov over 20,000 forced tail draws', () => {
    // Each draw's first uniform lands in the base strip's overhang (strip 0, position 0.998), so the
    // draw goes to the tail sampler, which takes its uniforms from a real stream.
    const stream = new RandomStreams(15).stream('forced-tail');
    let first = true;
    const forced = rngFromFunction(() => {
      if (!first) return stream.next();
      first = false;
      return 0.999 / 256;
    });
    const xs = Float64Array.from({ length: 20_000 }, () => {
      first = true;
      return standardNormal(forced);
    }).sort();
    expect(xs[0]).toBeGreaterThan(R);
    // Given z > R, z has CDF 1 − Φ(−x)/Φ(−R).
    expect(ksStatistic(xs, (x) => 1 - normalCdf(-x) / normalCdf(-R))).toBeLessThan(KS_CRIT);
  });

  it('is symmetric: as many draws below 0 as above', () => {
    const rng = new RandomStreams(13).stream('sign');
    const n = 200_000;
    let below = 0;
    for (let i = 0; i < n; i++) if (standardNormal(rng) < 0) below++;
    expect(Math.abs(below / n - 0.5)).toBeLessThan(Z * Math.sqrt(0.25 / n));
  });

  it('returns from the fast path with one uniform, and spends little more than one on average', () => {
    // Strip 128 of 256, position 0.1 of its half-width: well inside the curve.
    expect(standardNormal(scripted([(128 + 0.55) / 256]))).toBeCloseTo(0.1 * x128(), 10);
    let uniforms = 0;
    const base = new RandomStreams(14).stream('count');
    const counting = rngFromFunction(() => {
      uniforms++;
      return base.next();
    });
    const n = 100_000;
    for (let i = 0; i < n; i++) standardNormal(counting);
    expect(uniforms / n).toBeGreaterThanOrEqual(1);
    expect(uniforms / n).toBeLessThan(1.05);
  });

  it('sends a point of the base strip outside the curve to the tail, with its sign', () => {
    // Strip 0, position ±0.998 of its notional width (beyond R / X[0] ≈ 0.935): tail draws from the
    // two uniforms that follow; 1 − U = 0.5 and 1 − U = 0.9 are accepted at once.
    const up = standardNormal(scripted([0.999 / 256, 0.5, 0.1]));
    const down = standardNormal(scripted([0.001 / 256, 0.5, 0.1]));
    expect(up).toBeCloseTo(R - Math.log(0.5) / R, 12);
    expect(down).toBeCloseTo(-(R - Math.log(0.5) / R), 12);
  });

  it('never returns a non-finite number, even from a source that returns 0 or just below 1', () => {
    for (const u of [0, 1 - 2 ** -53, 0.5, 1 / 256, 255 / 256])
      expect(Number.isFinite(standardNormal(scripted([u, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5])))).toBe(true);
  });
});

/** Half-width of strip 128, rebuilt from the strip recursion (x_{i+1} = f⁻¹(V / x_i + f(x_i))). */
function x128(): number {
  const V = 0.00492867323399;
  const f = (x: number) => Math.exp(-0.5 * x * x);
  let x = R;
  for (let i = 2; i <= 128; i++) x = Math.sqrt(-2 * Math.log(V / x + f(x)));
  return x;
}

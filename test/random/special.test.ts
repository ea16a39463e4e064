/**
 * The special functions against reference values from scipy 1.17 / mpmath 1.3 (printed with repr, so
 * every digit shown is the reference's).
 */
import { describe, expect, it } from 'vitest';
import {
  erfc,
  gammaFunction,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
} from '../../src/random/special.js';

const rel = (x: number, ref: number) => (ref === 0 ? Math.abs(x) : Math.abs(x / ref - 1));

describe('special functions', () => {
  it('erfc has full relative precision in both tails (scipy.special.erfc)', () => {
    const refs: Array<[number, number]> = [
      [-10, 2.0],
      [-5, 1.9999999999984626],
      [-2, 1.9953222650189528],
      [-1, 1.8427007929497148],
      [-0.5, 1.5204998778130465],
      [0, 1.0],
      [0.3, 0.6713732405408726],
      [1, 0.15729920705028516],
      [1.5, 0.03389485352468927],
      [3, 2.2090496998585445e-5],
      [6, 2.1519736712498913e-17],
      [12, 1.3562611692059047e-64],
      [26, 5.663192408856145e-296],
    ];
    for (const [x, ref] of refs) expect(rel(erfc(x), ref), `erfc(${x})`).toBeLessThan(5e-15);
    expect(erfc(40)).toBe(0);
    expect(Number.isNaN(erfc(Number.NaN))).toBe(true);
  });

  it('normalCdf keeps relative precision deep in the lower tail (scipy.stats.norm.cdf)', () => {
    // Rounding y = −x/√2 alone costs about 2y²·ε relative (the conditioning of erfc), hence 1e-13.
    expect(rel(normalCdf(-20), 2.7536241186061556e-89)).toBeLessThan(1e-13);
    expect(rel(normalCdf(-8), 6.22096057427174e-16)).toBeLessThan(1e-13);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
  });

  it('normalQuantile inverts Φ to machine precision (scipy.stats.norm.ppf)', () => {
    const refs: Array<[number, number]> = [
      [1e-300, -37.0470962993612],
      [1e-12, -7.034483825301131],
      [1e-5, -4.264890793922825],
      [0.01, -2.3263478740408408],
      [0.2, -0.8416212335729142],
      [0.8, 0.8416212335729143],
      [0.975, 1.959963984540054],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, ref] of refs) expect(rel(normalQuantile(p), ref), `Φ⁻¹(${p})`).toBeLessThan(1e-14);
    expect(Math.abs(normalQuantile(0.5))).toBeLessThan(1e-16);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });

  it('logGamma matches scipy.special.gammaln; gammaFunction is exact on small integers', () => {
    const refs: Array<[number, number]> = [
      [1e-8, 18.42068073818021],
      [0.01, 4.599479878042022],
      [0.5, 0.5723649429247],
      [1.5, -0.12078223763524526],
      [2.5, 0.2846828704729192],
      [7.3, 7.147892523022249],
      [14.5, 23.86276584168909],
      [15, 25.191221182738683],
      [30.25, 72.104204742008],
      [171.5, 709.1431630309283],
      [1e6, 12815504.569147611],
    ];
    for (const [x, ref] of refs)
      expect(Math.abs(logGamma(x) - ref), `lnΓ(${x})`).toBeLessThan(1e-13 * Math.max(1, Math.abs(ref)));
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    expect(gammaFunction(5)).toBe(24);
    expect(gammaFunction(1)).toBe(1);
    expect(gammaFunction(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 14);
    expect(Number.isNaN(logGamma(0))).toBe(true);
  });
});

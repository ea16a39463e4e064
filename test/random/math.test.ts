/**
 * The engine-independent log, log1p, exp and pow (src/random/math.ts): within 1 ulp of the engine's
 * Math functions (themselves within 1 ulp of the true value) over the ranges the library meets, the
 * exactly specified results at special arguments, and no call to the engine's approximated functions
 * while distributions draw.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Distribution } from '../../src/random/distribution.js';
import { exponential, weibull } from '../../src/random/distributions/exponential.js';
import { beta, erlang, gamma, pert } from '../../src/random/distributions/gamma.js';
import { lognormal, normal } from '../../src/random/distributions/normal.js';
import { poisson } from '../../src/random/distributions/poisson.js';
import { exp, log, log1p, pow } from '../../src/random/math.js';
import { RandomStreams } from '../../src/random/streams.js';

const BITS = new Float64Array(1);
const WORD = new BigInt64Array(BITS.buffer);

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  BITS[0] = a;
  const x = WORD[0]!;
  BITS[0] = b;
  const d = x - WORD[0]!;
  return Number(d < 0n ? -d : d);
}

/** A reproducible uniform on [0, 1) that is independent of the functions under test. */
function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const hi = s;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((hi >>> 5) * 67108864 + (s >>> 6)) / 9007199254740992;
  };
}

const N = 100_000;

/** The largest ulp distance from `reference` over N arguments drawn by `arg`. */
function worst(
  f: (x: number) => number,
  reference: (x: number) => number,
  arg: (u: () => number) => number,
): number {
  const u = uniforms(7);
  let max = 0;
  for (let i = 0; i < N; i++) {
    const x = arg(u);
    max = Math.max(max, ulps(f(x), reference(x)));
  }
  return max;
}

describe('accuracy against the engine', () => {
  it.each([
    ['(0, 1): uniforms', (u: () => number) => 1 - u()],
    ['(0, 1e6)', (u: () => number) => u() * 1e6 + 1e-300],
    ['e^±700', (u: () => number) => Math.exp((u() - 0.5) * 1400)],
    ['subnormals', (u: () => number) => u() * 2e-308 + 5e-324],
  ])('log within 1 ulp on %s', (_, arg) => {
    expect(worst(log, Math.log, arg)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['(−1, 1)', (u: () => number) => u() * 2 - 1 + 1e-16],
    ['±2⁻⁶⁰…1', (u: () => number) => (u() - 0.5) * Math.exp(-u() * 42)],
    ['up to e^700', (u: () => number) => Math.exp(u() * 700)],
  ])('log1p within 1 ulp on %s', (_, arg) => {
    expect(worst(log1p, Math.log1p, arg)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['(−1, 1)', (u: () => number) => u() * 2 - 1],
    ['(−50, 50)', (u: () => number) => (u() - 0.5) * 100],
    ['(−745, 709.7)', (u: () => number) => u() * 1454.7 - 745],
    ['|x| < 1e-8', (u: () => number) => (u() - 0.5) * 1e-8],
  ])('exp within 1 ulp on %s', (_, arg) => {
    expect(worst(exp, Math.exp, arg)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['uniform^(1/shape)', (u: () => number): [number, number] => [1 - u(), 1 / (u() * 20 + 0.05)]],
    ['(0, 50]^(0, 10)', (u: () => number): [number, number] => [50 - u() * 50, u() * 10]],
    ['x³', (u: () => number): [number, number] => [50 - u() * 50, 3]],
    ['e^±50 to ±20', (u: () => number): [number, number] => [Math.exp((u() - 0.5) * 100), (u() - 0.5) * 40]],
    [
      'γ^index (sketch buckets)',
      (u: () => number): [number, number] => [1 + u() * 0.1, Math.floor((u() - 0.5) * 4000)],
    ],
    [
      'x near 1, |y| > 2³¹',
      (u: () => number): [number, number] => [1 + (u() - 0.5) * 1e-7, (u() - 0.5) * 1e10],
    ],
    ['subnormal results', (u: () => number): [number, number] => [u() * 0.5 + 1e-3, 1000 + u() * 100]],
  ])('pow within 1 ulp on %s', (_, arg) => {
    const u = uniforms(11);
    let max = 0;
    for (let i = 0; i < N; i++) {
      const [x, y] = arg(u);
      max = Math.max(max, ulps(pow(x, y), x ** y));
    }
    expect(max).toBeLessThanOrEqual(1);
  });

  it('exp inverts log to within 2 ulps', () => {
    const u = uniforms(3);
    for (let i = 0; i < N; i++) {
      const x = (u() - 0.5) * 200;
      expect(ulps(log(exp(x)), x) <= 2 || Math.abs(log(exp(x)) - x) < 4e-16).toBe(true);
    }
  });
});

describe('special arguments', () => {
  it('give the results ECMAScript specifies', () => {
    const cases: [string, number, number][] = [
      ['log(0)', log(0), -Infinity],
      ['log(-0)', log(-0), -Infinity],
      ['log(-1)', log(-1), Number.NaN],
      ['log(NaN)', log(Number.NaN), Number.NaN],
      ['log(∞)', log(Infinity), Infinity],
      ['log(1)', log(1), 0],
      ['log1p(-1)', log1p(-1), -Infinity],
      ['log1p(-2)', log1p(-2), Number.NaN],
      ['log1p(-0)', log1p(-0), -0],
      ['log1p(∞)', log1p(Infinity), Infinity],
      ['exp(0)', exp(0), 1],
      ['exp(-∞)', exp(-Infinity), 0],
      ['exp(∞)', exp(Infinity), Infinity],
      ['exp(NaN)', exp(Number.NaN), Number.NaN],
      ['exp(710)', exp(710), Infinity],
      ['exp(-746)', exp(-746), 0],
      ['pow(x, 0)', pow(Number.NaN, 0), 1],
      ['pow(0, 0.5)', pow(0, 0.5), 0],
      ['pow(-8, 1/3)', pow(-8, 1 / 3), Number.NaN],
      ['pow(-2, 3)', pow(-2, 3), -8],
      ['pow(2, 1024)', pow(2, 1024), Infinity],
      ['pow(2, -1075)', pow(2, -1075), 0],
      ['pow(2, -1074)', pow(2, -1074), 5e-324],
      ['pow(4, 0.5)', pow(4, 0.5), 2],
      ['pow(1.5, ∞)', pow(1.5, Infinity), Infinity],
    ];
    for (const [name, got, want] of cases) expect({ name, got }).toEqual({ name, got: want });
  });

  it('powers of two are exact', () => {
    for (let n = -1074; n <= 1023; n++) expect(pow(2, n)).toBe(2 ** n);
  });
});

describe('the distributions draw without the engine’s approximated functions', () => {
  afterEach(() => vi.restoreAllMocks());

  const cases: [string, Distribution][] = [
    ['exponential', exponential({ mean: 40 })],
    ['weibull', weibull({ shape: 0.7, scale: 30 })],
    ['normal', normal({ mean: 10, sd: 2 })],
    ['truncated normal, tail', normal({ mean: 0, sd: 1, lo: 3 })],
    ['truncated normal, window', normal({ mean: 0, sd: 1, lo: -7, hi: -6.5 })],
    ['lognormal', lognormal({ mean: 40, sd: 20 })],
    ['gamma, shape < 1', gamma({ shape: 0.3, rate: 2 })],
    ['gamma', gamma({ mean: 40, sd: 20 })],
    ['erlang', erlang({ k: 16, mean: 32 })],
    ['beta', beta({ alpha: 0.2, beta: 0.3 })],
    ['pert', pert({ min: 20, mode: 30, max: 70 })],
    ['poisson, inversion', poisson({ mean: 3.5 })],
    ['poisson, PTRS', poisson({ mean: 47.3 })],
  ];

  it.each(cases)('%s', (name, d) => {
    const rng = new RandomStreams(20221204).stream(name);
    const spies = (['log', 'log1p', 'exp', 'expm1', 'pow', 'sin', 'cos', 'tan'] as const).map((f) =>
      vi.spyOn(Math, f),
    );
    for (let i = 0; i < 20_000; i++) d.sample(rng);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

/**
 * Bad input is rejected before any work, with a ParameterError whose message names the parameter path
 * and shows the offending value. fast-check generates the bad values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, ParameterError } from '../../src/kernel/errors.js';
import {
  piecewisePoissonProcess,
  poissonProcess,
  thinnedPoissonProcess,
} from '../../src/random/arrivals/poisson.js';
import { fixedPopulation } from '../../src/random/arrivals/population.js';
import { countArrivals } from '../../src/random/arrivals/process.js';
import { batchArrivals, scheduledArrivals } from '../../src/random/arrivals/scheduled.js';
import { constant, triangular, uniform } from '../../src/random/distributions/basic.js';
import { categorical, discrete } from '../../src/random/distributions/categorical.js';
import { empirical } from '../../src/random/distributions/empirical.js';
import { exponential, weibull } from '../../src/random/distributions/exponential.js';
import { beta, erlang, gamma, pert } from '../../src/random/distributions/gamma.js';
import { lognormal, normal } from '../../src/random/distributions/normal.js';
import { bernoulli, poisson } from '../../src/random/distributions/poisson.js';
import { parseDistribution } from '../../src/random/spec.js';
import { RandomStreams } from '../../src/random/streams.js';

const notNumber = fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.constant([1]), fc.constant({}));
const notFinite = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  notNumber,
);
const notPositive = fc.oneof(fc.double({ max: 0, noNaN: true }), notFinite);
const notProbability = fc.oneof(
  fc.double({ min: 1, minExcluded: true, noNaN: true }),
  fc.double({ max: 0, maxExcluded: true, noNaN: true }),
  notFinite,
);
const notPositiveInt = fc.oneof(
  fc.integer({ max: 0 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)),
  notFinite,
);
const prefixArb = fc.constantFrom('', 'sites[0].swabTime', 'arrivals');

type Build = (params: any, path: string) => unknown;

/** Expect `fn` to throw a ParameterError at exactly `path` that shows `value`. */
function expectParameterError(fn: () => unknown, path: string, value: unknown): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a ParameterError at ${path}`).toBeInstanceOf(ParameterError);
  const pe = error as ParameterError;
  expect(pe.path).toBe(path);
  expect(pe.message.startsWith(`${path}: expected `)).toBe(true);
  expect(pe.message.endsWith(`got ${formatValue(value)}`)).toBe(true);
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

const cases: Array<{
  name: string;
  build: Build;
  valid: Record<string, unknown>;
  bad: Record<string, fc.Arbitrary<unknown>>;
}> = [
  { name: 'constant', build: constant, valid: { value: 3 }, bad: { value: notFinite } },
  {
    name: 'uniform',
    build: uniform,
    valid: { min: 1, max: 2 },
    bad: { min: notFinite, max: fc.oneof(notFinite, fc.double({ max: 1, noNaN: true })) },
  },
  {
    name: 'triangular',
    build: triangular,
    valid: { min: 0, mode: 1, max: 4 },
    bad: {
      min: notFinite,
      max: fc.oneof(notFinite, fc.double({ max: 0, noNaN: true })),
      mode: fc.oneof(
        notFinite,
        fc.double({ max: 0, maxExcluded: true, noNaN: true }),
        fc.double({ min: 4, minExcluded: true, noNaN: true }),
      ),
    },
  },
  { name: 'exponential(rate)', build: exponential, valid: { rate: 2 }, bad: { rate: notPositive } },
  { name: 'exponential(mean)', build: exponential, valid: { mean: 2 }, bad: { mean: notPositive } },
  {
    name: 'weibull',
    build: weibull,
    valid: { shape: 2, scale: 3 },
    bad: { shape: notPositive, scale: notPositive },
  },
  {
    name: 'normal',
    build: normal,
    valid: { mean: 0, sd: 1, lo: -1, hi: 2 },
    bad: {
      mean: notFinite,
      sd: notPositive,
      lo: notFinite,
      hi: fc.oneof(notFinite, fc.double({ max: -1, noNaN: true })),
    },
  },
  {
    name: 'lognormal(mean, sd)',
    build: lognormal,
    valid: { mean: 40, sd: 20 },
    bad: { mean: notPositive, sd: notPositive },
  },
  {
    name: 'lognormal(mu, sigma)',
    build: lognormal,
    valid: { mu: 1, sigma: 0.5 },
    bad: { mu: notFinite, sigma: notPositive },
  },
  {
    name: 'lognormal(median, p, quantile)',
    build: lognormal,
    valid: { median: 10, p: 0.9, quantile: 25 },
    bad: {
      median: notPositive,
      p: fc.oneof(notProbability, fc.constantFrom(0, 0.5, 1)),
      quantile: fc.oneof(notPositive, fc.double({ min: 1e-9, max: 10, noNaN: true })),
    },
  },
  {
    name: 'gamma(shape, rate)',
    build: gamma,
    valid: { shape: 2, rate: 1 },
    bad: { shape: notPositive, rate: notPositive },
  },
  { name: 'gamma(shape, scale)', build: gamma, valid: { shape: 2, scale: 1 }, bad: { scale: notPositive } },
  {
    name: 'gamma(mean, sd)',
    build: gamma,
    valid: { mean: 2, sd: 1 },
    bad: { mean: notPositive, sd: notPositive },
  },
  { name: 'erlang', build: erlang, valid: { k: 3, rate: 1 }, bad: { k: notPositiveInt, rate: notPositive } },
  { name: 'erlang(mean)', build: erlang, valid: { k: 3, mean: 1 }, bad: { mean: notPositive } },
  { name: 'beta', build: beta, valid: { alpha: 2, beta: 3 }, bad: { alpha: notPositive, beta: notPositive } },
  {
    name: 'pert',
    build: pert,
    valid: { min: 0, mode: 1, max: 4, lambda: 4 },
    bad: {
      min: notFinite,
      max: fc.oneof(notFinite, fc.double({ max: 0, noNaN: true })),
      mode: fc.oneof(notFinite, fc.double({ min: 4, minExcluded: true, noNaN: true })),
      lambda: notPositive,
    },
  },
  { name: 'poisson', build: poisson, valid: { mean: 3 }, bad: { mean: notPositive } },
  { name: 'bernoulli', build: bernoulli, valid: { p: 0.3 }, bad: { p: notProbability } },
  {
    name: 'poissonProcess',
    build: poissonProcess,
    valid: { rate: 1, start: 0, end: 10 },
    bad: {
      rate: notPositive,
      start: notFinite,
      end: fc.oneof(notFinite, fc.double({ max: 0, noNaN: true })),
    },
  },
  {
    name: 'thinnedPoissonProcess',
    build: thinnedPoissonProcess,
    valid: { rate: () => 1, maxRate: 2, start: 0, end: 10 },
    bad: {
      rate: notFinite,
      maxRate: notPositive,
      end: fc.oneof(notFinite, fc.double({ max: 0, noNaN: true })),
    },
  },
  {
    name: 'fixedPopulation',
    build: fixedPopulation,
    valid: { count: 10, start: 0, end: 100 },
    bad: {
      count: fc.oneof(fc.integer({ max: -1 }), notFinite, fc.constant(2.5)),
      start: notFinite,
      end: fc.oneof(notFinite, fc.double({ max: 0, noNaN: true })),
    },
  },
];

describe('every parameter of every distribution and generator is validated with its path', () => {
  for (const c of cases) {
    for (const [key, badArb] of Object.entries(c.bad)) {
      it(`${c.name}: bad ${key}`, () => {
        fc.assert(
          fc.property(prefixArb, badArb, (prefix, bad) => {
            expectParameterError(() => c.build({ ...c.valid, [key]: bad }, prefix), join(prefix, key), bad);
          }),
          { numRuns: 40, seed: 17 },
        );
      });
    }
    it(`${c.name}: an unknown parameter (a typo in scenario data) is named`, () => {
      fc.assert(
        fc.property(
          prefixArb,
          fc.string({ minLength: 1 }).filter((k) => !(k in c.valid) && k !== 'dist' && k !== '__proto__'),
          (prefix, key) => {
            expectParameterError(() => c.build({ ...c.valid, [key]: 1 }, prefix), join(prefix, key), 1);
          },
        ),
        {
          numRuns: 20,
          seed: 18,
        },
      );
    });
    it(`${c.name}: valid parameters are accepted`, () => {
      expect(() => c.build(c.valid, 'x')).not.toThrow();
    });
  }
});

describe('alternative forms must be chosen exactly once', () => {
  it.each([
    ['exponential', () => exponential({ rate: 1, mean: 1 } as never, 'gap')],
    ['exponential', () => exponential({} as never, 'gap')],
    ['lognormal', () => lognormal({ mean: 1, sd: 1, mu: 0 } as never, 'gap')],
    ['gamma', () => gamma({ shape: 1, rate: 1, scale: 1 } as never, 'gap')],
    ['gamma', () => gamma({ shape: 2, mean: 1, sd: 1 } as never, 'gap')],
    ['erlang', () => erlang({ k: 2 } as never, 'gap')],
  ])('%s with no form or two forms', (_name, build) => {
    expect(build).toThrow(/^gap: expected exactly one of|^gap: expected k with exactly one of/);
  });
});

describe('list parameters name the offending element', () => {
  it('categorical and discrete', () => {
    expectParameterError(() => categorical({ values: [], weights: [] }, 'mix'), 'mix.values', []);
    expectParameterError(
      () => categorical({ values: ['a', 'b', 'a'], weights: [1, 1, 1] }, 'mix'),
      'mix.values[2]',
      'a',
    );
    expectParameterError(
      () => categorical({ values: ['a', {} as never], weights: [1, 1] }, 'mix'),
      'mix.values[1]',
      {},
    );
    expectParameterError(() => categorical({ values: ['a', 'b'], weights: [1] }, 'mix'), 'mix.weights', [1]);
    expectParameterError(
      () => categorical({ values: ['a', 'b'], weights: [1, -2] }, 'mix'),
      'mix.weights[1]',
      -2,
    );
    expectParameterError(
      () => categorical({ values: ['a', 'b'], weights: [0, 0] }, 'mix'),
      'mix.weights',
      [0, 0],
    );
    expectParameterError(
      () => discrete({ values: [1, '2' as never], weights: [1, 1] }, 'size'),
      'size.values[1]',
      '2',
    );
    expectParameterError(
      () => discrete({ values: [1, 2], weights: [1, Number.NaN] }, 'size'),
      'size.weights[1]',
      Number.NaN,
    );
  });

  it('empirical names the bad observation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 8 }),
        fc.nat(7),
        notFinite,
        (data, index, bad) => {
          const i = index % data.length;
          const xs: unknown[] = [...data];
          xs[i] = bad;
          expectParameterError(() => empirical({ data: xs as number[] }, 'swab'), `swab.data[${i}]`, bad);
        },
      ),
      { seed: 19 },
    );
  });

  it('empirical needs two observations', () => {
    expectParameterError(() => empirical({ data: [3] }, 'swab'), 'swab.data', [3]);
  });

  it('rate tables: breakpoints increasing, one rate ≥ 0 per segment', () => {
    expectParameterError(
      () => piecewisePoissonProcess({ times: [0, 10, 10], rates: [1, 1] }, 'a'),
      'a.times[2]',
      10,
    );
    expectParameterError(
      () => piecewisePoissonProcess({ times: [0, 10, 5], rates: [1, 1] }, 'a'),
      'a.times[2]',
      5,
    );
    expectParameterError(() => piecewisePoissonProcess({ times: [0], rates: [] }, 'a'), 'a.times', [0]);
    expectParameterError(
      () => piecewisePoissonProcess({ times: [0, 10], rates: [1, 2] }, 'a'),
      'a.rates',
      [1, 2],
    );
    expectParameterError(
      () => piecewisePoissonProcess({ times: [0, 10, 20], rates: [1, -0.5] }, 'a'),
      'a.rates[1]',
      -0.5,
    );
    expectParameterError(
      () => piecewisePoissonProcess({ times: [0, Number.NaN], rates: [1] }, 'a'),
      'a.times[1]',
      Number.NaN,
    );
  });

  it('scheduled times must not decrease', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 2, maxLength: 10 }),
        fc.nat(),
        (times, k) => {
          const sorted = [...times].sort((a, b) => a - b);
          const i = 1 + (k % (sorted.length - 1));
          fc.pre(sorted[i - 1]! > 0);
          const bad = [...sorted];
          bad[i] = sorted[i - 1]! - Math.max(1e-9, sorted[i - 1]! * 0.5);
          expectParameterError(() => scheduledArrivals({ times: bad }, 'buses'), `buses.times[${i}]`, bad[i]);
        },
      ),
      { seed: 20 },
    );
  });
});

describe('arrival generators reject bad input before generating anything', () => {
  const rng = new RandomStreams(1).stream('v');

  it('fixed population profiles', () => {
    const base = { count: 10, start: 0, end: 100 };
    expectParameterError(
      () => fixedPopulation({ ...base, profile: { kind: 'wave' } as never }, 'pop'),
      'pop.profile.kind',
      'wave',
    );
    expectParameterError(
      () =>
        fixedPopulation(
          { ...base, profile: { kind: 'piecewise', times: [0, 50, 120], weights: [1, 1] } },
          'pop',
        ),
      'pop.profile.times',
      [0, 50, 120],
    );
    expectParameterError(
      () =>
        fixedPopulation(
          { ...base, profile: { kind: 'piecewise', times: [0, 50, 100], weights: [1, -1] } },
          'pop',
        ),
      'pop.profile.weights[1]',
      -1,
    );
    expectParameterError(
      () =>
        fixedPopulation(
          { ...base, profile: { kind: 'piecewise', times: [0, 50, 100], weights: [0, 0] } },
          'pop',
        ),
      'pop.profile.weights',
      [0, 0],
    );
    expectParameterError(
      () =>
        fixedPopulation(
          { ...base, profile: { kind: 'distribution', distribution: { dist: 'exponential', mean: 10 } } },
          'pop',
        ),
      'pop.profile.distribution',
      'exponential(mean=10)',
    );
    expectParameterError(
      () =>
        fixedPopulation(
          { ...base, profile: { kind: 'distribution', distribution: { dist: 'normal', mean: 10, sd: -1 } } },
          'pop',
        ),
      'pop.profile.distribution.sd',
      -1,
    );
  });

  it('batches: a size ≥ 1, or a distribution of integers ≥ 0', () => {
    const epochs = scheduledArrivals({ times: [1, 2] });
    expectParameterError(() => batchArrivals({ epochs, size: 0 }, 'bus'), 'bus.size', 0);
    expectParameterError(() => batchArrivals({ epochs, size: 2.5 }, 'bus'), 'bus.size', 2.5);
    expectParameterError(
      () => batchArrivals({ epochs, size: { dist: 'normal', mean: 40, sd: 5 } }, 'bus'),
      'bus.size',
      'normal(mean=40, sd=5)',
    );
    expectParameterError(
      () => batchArrivals({ epochs: [1, 2] as never, size: 3 }, 'bus'),
      'bus.epochs',
      [1, 2],
    );
    // A distribution with a non-negative support but non-integer draws is caught on the first draw.
    const gen = batchArrivals({ epochs, size: { dist: 'uniform', min: 1, max: 3 } }, 'bus').times(rng);
    expect(() => gen.next()).toThrow(
      /^bus\.size: expected draws that are integers ≥ 0 from uniform\(min=1, max=3\), got /,
    );
  });

  it('a thinned rate outside [0, maxRate] is reported with the time at which it happened', () => {
    const p = thinnedPoissonProcess({ rate: (t) => (t < 50 ? 1 : 5), maxRate: 2, end: 100 }, 'walkIns');
    expect(() => [...p.times(rng)]).toThrow(
      /^walkIns\.rate\(t=\d+(\.\d+)?\): expected a rate in \[0, maxRate = 2\], got 5$/,
    );
  });

  it('countArrivals: edges increasing, times non-decreasing', () => {
    expectParameterError(() => countArrivals([1, 2], [0, 0]), 'edges[1]', 0);
    expectParameterError(() => countArrivals([1, 2], [0]), 'edges', [0]);
    expectParameterError(() => countArrivals([1, 3, 2], [0, 10]), 'times[2]', 2);
  });

  it('a dist key given to a factory must name that distribution', () => {
    expect(() => normal({ dist: 'normal', mean: 0, sd: 1 } as never, 'swab')).not.toThrow();
    expectParameterError(
      () => normal({ dist: 'gamma', mean: 0, sd: 1 } as never, 'swab'),
      'swab.dist',
      'gamma',
    );
  });

  it('parseDistribution: unknown names and non-objects', () => {
    expectParameterError(
      () => parseDistribution({ dist: 'lognormall', mean: 1, sd: 1 }, 'swab'),
      'swab.dist',
      'lognormall',
    );
    expectParameterError(() => parseDistribution('40 s', 'swab'), 'swab', '40 s');
    expectParameterError(() => parseDistribution(Number.NaN, 'swab'), 'swab.value', Number.NaN);
    expectParameterError(
      () => parseDistribution({ dist: 'gamma', shape: 2, rate: 0 }, 'sites[1].swab'),
      'sites[1].swab.rate',
      0,
    );
  });
});

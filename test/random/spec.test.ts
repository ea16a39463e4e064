/**
 * Distributions as data: every spec parses, and every distribution's JSON form parses back to an
 * equivalent distribution (same name, params, moments and draws).
 */
import { describe, expect, it } from 'vitest';
import { categorical } from '../../src/random/distributions/categorical.js';
import { lognormal } from '../../src/random/distributions/normal.js';
import { DISTRIBUTION_NAMES, type DistributionSpec, parseDistribution } from '../../src/random/spec.js';
import { RandomStreams } from '../../src/random/streams.js';

const specs: DistributionSpec[] = [
  40,
  { dist: 'constant', value: 3 },
  { dist: 'uniform', min: 1, max: 2 },
  { dist: 'triangular', min: 0, mode: 1, max: 4 },
  { dist: 'exponential', rate: 0.5 },
  { dist: 'exponential', mean: 40 },
  { dist: 'weibull', shape: 1.5, scale: 30 },
  { dist: 'normal', mean: 40, sd: 10 },
  { dist: 'normal', mean: 40, sd: 10, lo: 5, hi: 90 },
  { dist: 'lognormal', mean: 40, sd: 20 },
  { dist: 'lognormal', mu: 3, sigma: 0.4 },
  { dist: 'lognormal', median: 10, p: 0.9, quantile: 25 },
  { dist: 'gamma', shape: 2, rate: 0.1 },
  { dist: 'gamma', shape: 2, scale: 10 },
  { dist: 'gamma', mean: 40, sd: 20 },
  { dist: 'erlang', k: 3, rate: 0.1 },
  { dist: 'erlang', k: 3, mean: 30 },
  { dist: 'beta', alpha: 2, beta: 3 },
  { dist: 'pert', min: 20, mode: 30, max: 70 },
  { dist: 'pert', min: 20, mode: 30, max: 70, lambda: 2 },
  { dist: 'poisson', mean: 12 },
  { dist: 'bernoulli', p: 0.19 },
  { dist: 'discrete', values: [1, 2, 3], weights: [1, 1, 2] },
  { dist: 'empirical', data: [31, 35, 38, 40] },
];

describe('parseDistribution', () => {
  it('covers every name it advertises', () => {
    const names = new Set(specs.map((s) => (typeof s === 'number' ? 'constant' : s.dist)));
    expect([...names].sort()).toEqual([...DISTRIBUTION_NAMES].sort());
  });

  it.each(
    specs.map((s) => [JSON.stringify(s), s] as const),
  )('%s round-trips through JSON', (_label, spec) => {
    const d = parseDistribution(spec, 'x');
    const again = parseDistribution(JSON.parse(JSON.stringify(d)), 'x');
    expect(again.name).toBe(d.name);
    expect(again.params).toEqual(d.params);
    expect(again.describe()).toBe(d.describe());
    expect(again.mean).toBe(d.mean);
    expect(again.variance).toBe(d.variance);
    expect(again.support).toEqual(d.support);
    const a = new RandomStreams(1).stream('s');
    const b = new RandomStreams(1).stream('s');
    for (let i = 0; i < 5; i++) expect(again.sample(b)).toBe(d.sample(a));
    if (typeof spec !== 'number') expect(JSON.parse(JSON.stringify(d)).dist).toBe(spec.dist);
  });

  it('a bare number is a constant; resolved params include defaults', () => {
    expect(parseDistribution(40).describe()).toBe('constant(value=40)');
    expect(parseDistribution({ dist: 'pert', min: 0, mode: 1, max: 2 }).params).toEqual({
      min: 0,
      mode: 1,
      max: 2,
      lambda: 4,
    });
  });

  it('describe() is short and readable', () => {
    expect(lognormal({ mean: 40, sd: 20 }).describe()).toBe('lognormal(mean=40, sd=20)');
    expect(parseDistribution({ dist: 'empirical', data: [3, 1, 2] }).describe()).toBe(
      'empirical(n=3, min=1, max=3)',
    );
    expect(categorical({ values: ['a', 'b'], weights: [1, 2] }).describe()).toBe(
      'categorical(values=["a", "b"], weights=[1, 2])',
    );
  });

  it('categorical serialises as data too', () => {
    const c = categorical({ values: ['self', 'assisted'], weights: [81, 19] });
    expect(JSON.parse(JSON.stringify(c))).toEqual({
      dist: 'categorical',
      values: ['self', 'assisted'],
      weights: [81, 19],
    });
  });
});

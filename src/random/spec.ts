/**
 * Distributions as data. Scenarios are plain JSON-like objects, so a service time is written as
 * `{ dist: 'lognormal', mean: 40, sd: 20 }` (or just `40` for a constant) and turned into a
 * {@link Distribution} here, with errors that name the path inside the scenario:
 *
 * ```ts
 * parseDistribution({ dist: 'lognormal', mean: 40, sd: -2 }, 'sites[0].swabTime');
 * // ParameterError: sites[0].swabTime.sd: expected a finite number > 0, got -2
 * ```
 *
 * Every distribution's `toJSON()` produces a spec this function accepts, so results can record the
 * resolved distributions and rebuild them.
 *
 * @module
 */
import { match } from 'ts-pattern';
import { ParameterError } from '../kernel/errors.js';
import { oneOf } from '../kernel/validate.js';
import { at, type Distribution } from './distribution.js';
import {
  type ConstantParams,
  constant,
  type TriangularParams,
  triangular,
  type UniformParams,
  uniform,
} from './distributions/basic.js';
import { type DiscreteParams, discrete } from './distributions/categorical.js';
import { type EmpiricalParams, empirical } from './distributions/empirical.js';
import {
  type ExponentialParams,
  exponential,
  type WeibullParams,
  weibull,
} from './distributions/exponential.js';
import {
  type BetaParams,
  beta,
  type ErlangParams,
  erlang,
  type GammaParams,
  gamma,
  type PertParams,
  pert,
} from './distributions/gamma.js';
import { type LognormalParams, lognormal, type NormalParams, normal } from './distributions/normal.js';
import { type BernoulliParams, bernoulli, type PoissonParams, poisson } from './distributions/poisson.js';

/**
 * The names `parseDistribution` understands, in the `dist` field of a spec.
 *
 * @example
 * ```ts
 * DISTRIBUTION_NAMES.includes('pert'); // true
 * ```
 */
export const DISTRIBUTION_NAMES = [
  'constant',
  'uniform',
  'triangular',
  'exponential',
  'weibull',
  'normal',
  'lognormal',
  'gamma',
  'erlang',
  'beta',
  'pert',
  'poisson',
  'bernoulli',
  'discrete',
  'empirical',
] as const;

/**
 * One of {@link DISTRIBUTION_NAMES}.
 *
 * @example
 * ```ts
 * const n: DistributionName = 'lognormal';
 * ```
 */
export type DistributionName = (typeof DISTRIBUTION_NAMES)[number];

/**
 * A distribution written as data: `{ dist: name, ...params }`, or a bare number meaning a constant.
 *
 * @example
 * ```ts
 * const specs: DistributionSpec[] = [40, { dist: 'exponential', mean: 40 }, { dist: 'pert', min: 20, mode: 30, max: 70 }];
 * ```
 */
export type DistributionSpec =
  | number
  | ({ readonly dist: 'constant' } & ConstantParams)
  | ({ readonly dist: 'uniform' } & UniformParams)
  | ({ readonly dist: 'triangular' } & TriangularParams)
  | ({ readonly dist: 'exponential' } & ExponentialParams)
  | ({ readonly dist: 'weibull' } & WeibullParams)
  | ({ readonly dist: 'normal' } & NormalParams)
  | ({ readonly dist: 'lognormal' } & LognormalParams)
  | ({ readonly dist: 'gamma' } & GammaParams)
  | ({ readonly dist: 'erlang' } & ErlangParams)
  | ({ readonly dist: 'beta' } & BetaParams)
  | ({ readonly dist: 'pert' } & PertParams)
  | ({ readonly dist: 'poisson' } & PoissonParams)
  | ({ readonly dist: 'bernoulli' } & BernoulliParams)
  | ({ readonly dist: 'discrete' } & DiscreteParams)
  | ({ readonly dist: 'empirical' } & EmpiricalParams);

/**
 * Turn a spec into a {@link Distribution}, validating everything.
 *
 * @param spec - a {@link DistributionSpec} (typed as `unknown` because it usually comes from data).
 * @param path - where the spec sits in the input, e.g. `sites[0].swabTime`.
 * @throws `ParameterError` naming the path and bad value: an unknown `dist`, an unknown parameter, or
 * a parameter out of range.
 * @example
 * ```ts
 * const swab = parseDistribution({ dist: 'lognormal', median: 35, p: 0.9, quantile: 60 }, 'swabTime');
 * const fixed = parseDistribution(40, 'setupTime'); // constant 40
 * ```
 */
export function parseDistribution(spec: unknown, path = ''): Distribution {
  if (typeof spec === 'number') return constant({ value: spec }, path);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new ParameterError(path || 'distribution', 'a number or an object { dist, ...parameters }', spec);
  const raw = spec as { dist?: unknown };
  const name = oneOf(raw.dist, at(path, 'dist'), DISTRIBUTION_NAMES);
  // Each factory validates its own parameters (and rejects unknown keys; `dist` is allowed).
  const p = spec as never;
  return match<DistributionName, Distribution>(name)
    .with('constant', () => constant(p, path))
    .with('uniform', () => uniform(p, path))
    .with('triangular', () => triangular(p, path))
    .with('exponential', () => exponential(p, path))
    .with('weibull', () => weibull(p, path))
    .with('normal', () => normal(p, path))
    .with('lognormal', () => lognormal(p, path))
    .with('gamma', () => gamma(p, path))
    .with('erlang', () => erlang(p, path))
    .with('beta', () => beta(p, path))
    .with('pert', () => pert(p, path))
    .with('poisson', () => poisson(p, path))
    .with('bernoulli', () => bernoulli(p, path))
    .with('discrete', () => discrete(p, path))
    .with('empirical', () => empirical(p, path))
    .exhaustive();
}

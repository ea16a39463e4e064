/**
 * Randomness for surgesim: seeded named streams (common random numbers), distributions that know
 * their moments, and arrival processes that produce absolute arrival times (seconds).
 *
 * ```ts
 * const streams = new RandomStreams(42);
 * const swab = parseDistribution({ dist: 'lognormal', mean: 40, sd: 20 }, 'swabTime');
 * const t = swab.sample(streams.stream('swab'));
 * for (const at of poissonProcess({ rate: 0.5, end: 3600 }).times(streams.stream('arrivals'))) { ... }
 * ```
 *
 * @module
 */

export {
  type PiecewisePoissonParams,
  PiecewisePoissonProcess,
  PoissonProcess,
  type PoissonProcessParams,
  piecewisePoissonProcess,
  poissonProcess,
  type ThinnedPoissonParams,
  ThinnedPoissonProcess,
  thinnedPoissonProcess,
} from './arrivals/poisson.js';
export {
  FixedPopulation,
  type FixedPopulationParams,
  fixedPopulation,
  type PopulationProfile,
} from './arrivals/population.js';
export { type ArrivalProcess, countArrivals } from './arrivals/process.js';
export {
  BatchArrivals,
  type BatchParams,
  batchArrivals,
  ScheduledArrivals,
  type ScheduledParams,
  scheduledArrivals,
} from './arrivals/scheduled.js';
export { ARRIVAL_PROCESS_NAMES, type ArrivalProcessSpec, parseArrivalProcess } from './arrivals/spec.js';
export type { Distribution, JsonValue, Sampler } from './distribution.js';
export {
  Constant,
  type ConstantParams,
  constant,
  Triangular,
  type TriangularParams,
  triangular,
  Uniform,
  type UniformParams,
  uniform,
} from './distributions/basic.js';
export {
  Categorical,
  type CategoricalLabel,
  type CategoricalParams,
  categorical,
  Discrete,
  type DiscreteParams,
  discrete,
} from './distributions/categorical.js';
export { Empirical, type EmpiricalParams, empirical } from './distributions/empirical.js';
export {
  Exponential,
  type ExponentialParams,
  exponential,
  Weibull,
  type WeibullParams,
  weibull,
} from './distributions/exponential.js';
export {
  Beta,
  type BetaParams,
  beta,
  Erlang,
  type ErlangParams,
  erlang,
  Gamma,
  type GammaParams,
  gamma,
  Pert,
  type PertParams,
  pert,
} from './distributions/gamma.js';
export {
  Lognormal,
  type LognormalParams,
  lognormal,
  Normal,
  type NormalParams,
  normal,
} from './distributions/normal.js';
export {
  Bernoulli,
  type BernoulliParams,
  bernoulli,
  Poisson,
  type PoissonParams,
  poisson,
} from './distributions/poisson.js';
export { type Rng, rngFromFunction, SeededRng, seededRng } from './rng.js';
export { standardExponential, standardGamma, standardNormal } from './sampling.js';
export { MAX_SEED, replicationSeed, streamKey, validateSeed } from './seed.js';
export {
  DISTRIBUTION_NAMES,
  type DistributionName,
  type DistributionSpec,
  parseDistribution,
} from './spec.js';
export { erfc, gammaFunction, logGamma, normalCdf, normalPdf, normalQuantile } from './special.js';
export { RandomStreams } from './streams.js';

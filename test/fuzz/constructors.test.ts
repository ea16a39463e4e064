/**
 * Malformed inputs to the public constructors — Resource, Store, Container, StaffedResource, the
 * distributions and the arrival processes — each end in a ParameterError naming the spoiled key and
 * the value (see oracle.ts). Seeded: a failure replays with the same counterexample.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  beta,
  Container,
  constant,
  erlang,
  exponential,
  gamma,
  lognormal,
  normal,
  parseArrivalProcess,
  parseDistribution,
  pert,
  poissonProcess,
  Resource,
  roundTheClock,
  Simulation,
  StaffedResource,
  Store,
  triangular,
  uniform,
  weibull,
} from '../../src/index.js';
import { NOT_A_VALUE, refused, SEED, spoiled } from './oracle.js';

const sim = new Simulation({ seed: 1 });
const roster = roundTheClock({ positions: 1, shiftsPerDay: 2, days: 1, start: 0, handover: 0, prefix: 'k' });

const COUNT = [0, -1, 1.5, ...NOT_A_VALUE];
const LIMIT = [-1, 1.5, ...NOT_A_VALUE];

describe('resources', () => {
  const cases: [
    string,
    () => fc.Arbitrary<{ input: Record<string, unknown>; key: string }>,
    (o: never) => unknown,
  ][] = [
    [
      'Resource',
      () =>
        spoiled({ name: 'desk', capacity: 2 }, ['name', 'capacity', 'queueLimit'], {
          capacity: COUNT,
          queueLimit: LIMIT,
          name: ['', 3, null, {}],
        }),
      (o) => new Resource(sim, o),
    ],
    [
      'Store',
      () =>
        spoiled({ name: 'shelf', capacity: 5 }, ['name', 'capacity', 'key'], {
          capacity: [0, 0.5, -1, ...NOT_A_VALUE],
          key: ['x', 3, null, {}],
          name: ['', 3, null],
        }),
      (o) => new Store(sim, o),
    ],
    [
      'Container',
      () =>
        spoiled({ name: 'tank', capacity: 10, init: 2 }, ['name', 'capacity', 'init', 'discipline'], {
          capacity: [0, -1, ...NOT_A_VALUE.filter((v) => v !== Number.NEGATIVE_INFINITY)],
          init: [-1, 11, Number.POSITIVE_INFINITY, ...NOT_A_VALUE],
          discipline: ['lifo', 3, null, {}],
          name: ['', 3, null],
        }),
      (o) => new Container(sim, o),
    ],
    [
      'StaffedResource',
      () =>
        spoiled(
          { name: 'keepers', roster },
          ['name', 'roster', 'policy', 'positions', 'workLimit', 'queueLimit', 'trace'],
          {
            roster: [[{ name: 'x' }], 'all', 3, null, {}],
            policy: ['drop', 3, null],
            positions: COUNT,
            workLimit: [3, 'x', null, { maxContinuous: -1 }],
            queueLimit: LIMIT,
            trace: ['yes', 1, null],
            name: ['', 3, null],
          },
        ),
      (o) => new StaffedResource(sim, o),
    ],
  ];
  for (const [what, arbitrary, build] of cases)
    it(`${what}: 100 spoiled option objects, each refused naming the key`, () => {
      fc.assert(
        fc.property(arbitrary(), ({ input, key }) => {
          refused(() => build(input as never), key, ['capacity']);
        }),
        { seed: SEED, numRuns: 100 },
      );
    });
});

describe('distributions and arrival processes', () => {
  const POSITIVE = [0, -1, ...NOT_A_VALUE];
  const FINITE = [...NOT_A_VALUE.filter((v) => v !== -1e300), Number.POSITIVE_INFINITY];
  const cases: [
    string,
    Record<string, unknown>,
    Record<string, readonly unknown[]>,
    (p: never) => unknown,
  ][] = [
    ['constant', { value: 3 }, { value: FINITE }, (p) => constant(p)],
    ['uniform', { min: 1, max: 3 }, { min: [5, ...FINITE], max: [0, ...FINITE] }, (p) => uniform(p)],
    [
      'triangular',
      { min: 1, mode: 2, max: 3 },
      { min: [5, ...FINITE], mode: [9, ...FINITE], max: [0, ...FINITE] },
      (p) => triangular(p),
    ],
    ['exponential', { rate: 2 }, { rate: POSITIVE }, (p) => exponential(p)],
    ['lognormal', { mean: 40, sd: 20 }, { mean: POSITIVE, sd: POSITIVE }, (p) => lognormal(p)],
    ['normal', { mean: 1, sd: 2 }, { mean: FINITE, sd: POSITIVE }, (p) => normal(p)],
    ['gamma', { shape: 2, rate: 1 }, { shape: POSITIVE, rate: POSITIVE }, (p) => gamma(p)],
    ['erlang', { k: 3, rate: 1 }, { k: [0, 1.5, ...POSITIVE], rate: POSITIVE }, (p) => erlang(p)],
    ['weibull', { shape: 2, scale: 3 }, { shape: POSITIVE, scale: POSITIVE }, (p) => weibull(p)],
    ['beta', { alpha: 2, beta: 3 }, { alpha: POSITIVE, beta: POSITIVE }, (p) => beta(p)],
    [
      'pert',
      { min: 1, mode: 2, max: 4 },
      { min: [5, ...FINITE], mode: [9, ...FINITE], max: [0, ...FINITE] },
      (p) => pert(p),
    ],
    [
      'poissonProcess',
      { rate: 2, start: 0, end: 100 },
      { rate: [-1, ...NOT_A_VALUE], start: FINITE, end: [-5, ...NOT_A_VALUE] },
      (p) => poissonProcess(p),
    ],
    [
      'parseDistribution',
      { dist: 'uniform', min: 1, max: 3 },
      { dist: ['unifrm', 3, null, {}], min: [5, ...FINITE], max: [0, ...FINITE] },
      (p) => parseDistribution(p, 'd'),
    ],
    [
      'parseArrivalProcess',
      { process: 'poisson', rate: 2 },
      { process: ['poison', 3, null], rate: [-1, ...NOT_A_VALUE] },
      (p) => parseArrivalProcess(p, 'a'),
    ],
  ];
  for (const [what, base, bad, build] of cases)
    it(`${what}: 40 spoiled parameter objects, each refused naming the key`, () => {
      fc.assert(
        fc.property(spoiled(base, Object.keys(base), bad), ({ input, key }) => {
          refused(() => build(input as never), key, Object.keys(base));
        }),
        { seed: SEED, numRuns: 40 },
      );
    });
});

/**
 * Arrival processes as data: specs parse, JSON forms parse back to processes that generate the same
 * times, and errors in nested specs name the nested path.
 */
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/kernel/errors.js';
import { thinnedPoissonProcess } from '../../src/random/arrivals/poisson.js';
import {
  ARRIVAL_PROCESS_NAMES,
  type ArrivalProcessSpec,
  parseArrivalProcess,
} from '../../src/random/arrivals/spec.js';
import { RandomStreams } from '../../src/random/streams.js';

const specs: ArrivalProcessSpec[] = [
  { process: 'poisson', rate: 0.5, end: 60 },
  { process: 'poisson', rate: 0.5, start: 10, end: 70 },
  { process: 'piecewise-poisson', times: [0, 30, 60], rates: [0.2, 1] },
  { process: 'fixed-population', count: 50, start: 0, end: 100 },
  {
    process: 'fixed-population',
    count: 50,
    start: 0,
    end: 100,
    profile: { kind: 'piecewise', times: [0, 20, 100], weights: [3, 1] },
  },
  {
    process: 'fixed-population',
    count: 50,
    start: 0,
    end: 100,
    profile: { kind: 'distribution', distribution: { dist: 'pert', min: 0, mode: 30, max: 100 } },
  },
  { process: 'scheduled', times: [0, 0, 30] },
  { process: 'batch', epochs: { process: 'scheduled', times: [5, 10] }, size: 3 },
  {
    process: 'batch',
    epochs: { process: 'poisson', rate: 0.1, end: 100 },
    size: { dist: 'poisson', mean: 4 },
  },
];

describe('parseArrivalProcess', () => {
  it('covers every name it advertises', () => {
    expect([...new Set(specs.map((s) => s.process))].sort()).toEqual([...ARRIVAL_PROCESS_NAMES].sort());
  });

  it.each(
    specs.map((s) => [JSON.stringify(s), s] as const),
  )('%s round-trips through JSON', (_label, spec) => {
    const p = parseArrivalProcess(spec, 'arrivals');
    const again = parseArrivalProcess(JSON.parse(JSON.stringify(p)), 'arrivals');
    expect(again.toJSON()).toEqual(p.toJSON());
    const a = [...p.times(new RandomStreams(3).stream('a'))];
    const b = [...again.times(new RandomStreams(3).stream('a'))];
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
  });

  it('names the path of errors, nested ones included', () => {
    const cases: Array<[unknown, string]> = [
      [{ process: 'poison', rate: 1 }, 'sites[1].arrivals.process'],
      [{ process: 'poisson', rate: -1 }, 'sites[1].arrivals.rate'],
      [{ process: 'poisson', rate: 1, dist: 'x' }, 'sites[1].arrivals.dist'],
      [
        { process: 'batch', epochs: { process: 'poisson', rate: 0 }, size: 2 },
        'sites[1].arrivals.epochs.rate',
      ],
      [
        { process: 'batch', epochs: { process: 'scheduled', times: [1] }, size: -2 },
        'sites[1].arrivals.size',
      ],
      [
        {
          process: 'fixed-population',
          count: 5,
          start: 0,
          end: 10,
          profile: { kind: 'distribution', distribution: { dist: 'beta', alpha: 0, beta: 1 } },
        },
        'sites[1].arrivals.profile.distribution.alpha',
      ],
      [[1, 2], 'sites[1].arrivals'],
    ];
    for (const [spec, path] of cases) {
      let error: unknown;
      try {
        parseArrivalProcess(spec, 'sites[1].arrivals');
      } catch (e) {
        error = e;
      }
      expect(error, path).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).path).toBe(path);
    }
  });

  it('a thinned process records its numbers but, having a function for a rate, is not a spec', () => {
    const p = thinnedPoissonProcess({ rate: () => 0.1, maxRate: 0.2, end: 10 });
    expect(p.toJSON()).toEqual({ process: 'thinned-poisson', maxRate: 0.2, start: 0, end: 10 });
    expect(() => parseArrivalProcess(p.toJSON())).toThrow(/^process: expected one of "poisson"/);
  });
});

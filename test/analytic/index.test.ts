/**
 * The barrel of the analytic area: its export list is pinned, so additions and removals are deliberate,
 * and every export is a function (the types are erased at run time).
 */
import { describe, expect, it } from 'vitest';
import * as analytic from '../../src/analytic/index.js';

describe('src/analytic/index.ts', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(analytic).sort()).toEqual([
      'allenCunneen',
      'erlangA',
      'erlangB',
      'erlangC',
      'halfinWhittBeta',
      'halfinWhittWaitProbability',
      'jackson',
      'kingman',
      'md1',
      'mg1',
      'minimumServers',
      'mm1',
      'mm1k',
      'mmc',
      'mmcSojournTail',
      'mmcStateProbabilities',
      'mmcWaitQuantile',
      'mmcWaitTail',
      'mmck',
      'squareRootStaffing',
    ]);
    for (const value of Object.values(analytic)) expect(typeof value).toBe('function');
  });

  it('returns plain JSON-serialisable data', () => {
    const results = [
      analytic.mmc({ arrivalRate: 2, serviceRate: 1, servers: 3 }),
      analytic.erlangA({ arrivalRate: 3.3, serviceRate: 1, servers: 3, abandonmentRate: 0.5 }),
      analytic.mmck({ arrivalRate: 2, serviceRate: 1, servers: 3, capacity: 6 }),
      analytic.jackson({ nodes: [{ externalRate: 1, serviceRate: 3, servers: 1 }], routing: [[0.5]] }),
      analytic.minimumServers({ arrivalRate: 5, serviceRate: 1, maxWaitProbability: 0.1 }),
    ];
    for (const r of results) expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

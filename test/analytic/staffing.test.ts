/**
 * Staffing: the square-root rule, the Halfin–Whitt limit and its inverse, and the exact least staffing
 * for wait targets — checked against published examples, a brute-force search, and the limit theorem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlang.js';
import { halfinWhittBeta, halfinWhittWaitProbability } from '../../src/analytic/halfinWhitt.js';
import { mmc } from '../../src/analytic/mmc.js';
import { mmcWaitTail } from '../../src/analytic/mmcWait.js';
import { minimumServers, squareRootStaffing } from '../../src/analytic/staffing.js';
import { expectRel } from './helpers.js';

describe('halfinWhittWaitProbability and halfinWhittBeta', () => {
  it('match values worked from a normal table', () => {
    // α(β) = 1/(1 + βΦ(β)/φ(β)). With Φ(1) = 0.8413447, φ(1) = 0.2419707: α = 1/(1 + 3.4770) = 0.22336;
    // with Φ(2) = 0.9772499, φ(2) = 0.0539910: α = 1/(1 + 36.2006) = 0.026881.
    expectRel(halfinWhittWaitProbability(1), 0.223361, 1e-5);
    expectRel(halfinWhittWaitProbability(2), 0.026881, 1e-4);
    expect(halfinWhittWaitProbability(0)).toBe(1);
    expect(halfinWhittWaitProbability(50)).toBe(0);
  });

  it('invert each other', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-9, noNaN: true }), (alpha) => {
        expectRel(halfinWhittWaitProbability(halfinWhittBeta(alpha)), alpha, 1e-9);
      }),
      { seed: 601, numRuns: 200 },
    );
  });

  it('is the many-server limit of Erlang C at c = R + β√R', () => {
    // The gap to the limit shrinks like 1/√R.
    const gaps = [100, 400, 1600, 6400].map((r) =>
      Math.abs(erlangC(r + Math.sqrt(r), r) - halfinWhittWaitProbability(1)),
    );
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThan(gaps[i - 1]!);
    expect(gaps.at(-1)!).toBeLessThan(0.01);
  });
});

describe('squareRootStaffing', () => {
  it('rounds R + β√R up', () => {
    const s = squareRootStaffing({ arrivalRate: 10, serviceRate: 0.1, beta: 1 });
    expect(s.servers).toBe(110);
    expect(s.load).toBe(100);
    expectRel(s.beta, 1, 1e-15);
    expectRel(s.pWait, erlangC(110, 100), 1e-14);
    expectRel(s.Wq, mmc({ arrivalRate: 10, serviceRate: 0.1, servers: 110 }).Wq, 1e-13);
    // R = 18, β = 0.5: 18 + 2.12 → 21.
    expect(squareRootStaffing({ arrivalRate: 18, serviceRate: 1, beta: 0.5 }).servers).toBe(21);
    // Tiny loads still get one server.
    expect(squareRootStaffing({ arrivalRate: 0.001, serviceRate: 1, beta: 0.1 }).servers).toBe(1);
  });
});

describe('minimumServers', () => {
  it('reproduces a published Erlang C staffing example', () => {
    // The Erlang C calculator page at personal.telefonica.terra.es (web/vr/erlang): 600 calls an hour
    // of 120 s (20 Erlangs) need 26 agents for a delay probability of at most 15 %.
    const s = minimumServers({ arrivalRate: 600 / 3600, serviceRate: 1 / 120, maxWaitProbability: 0.15 });
    expect(s.servers).toBe(26);
    expect(s.pWait).toBeLessThanOrEqual(0.15);
    expect(erlangC(25, 20)).toBeGreaterThan(0.15);
  });

  it('reproduces a published 911 answering example', () => {
    // Application note for the Footbridge "Call Calc" tool (al911.org): 30 calls an hour of 60 s meet
    // "90 % answered within 10 s" with 2 call-takers; one would leave almost half waiting longer.
    const s = minimumServers({
      arrivalRate: 30 / 3600,
      serviceRate: 1 / 60,
      serviceLevel: { within: 10, fraction: 0.9 },
    });
    expect(s.servers).toBe(2);
  });

  it('finds the least staffing that meets every target (brute force check)', () => {
    const targets = fc.record(
      {
        maxWaitProbability: fc.double({ min: 0.001, max: 0.9, noNaN: true }),
        maxMeanWait: fc.double({ min: 1e-4, max: 10, noNaN: true }),
        serviceLevel: fc.record({
          within: fc.double({ min: 0, max: 5, noNaN: true }),
          fraction: fc.double({ min: 0.05, max: 0.999, noNaN: true }),
        }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        targets.filter((t) => Object.keys(t).length > 0),
        (load, mu, t) => {
          const lambda = load * mu;
          const s = minimumServers({ arrivalRate: lambda, serviceRate: mu, ...t });
          const meets = (c: number): boolean => {
            const m = mmc({ arrivalRate: lambda, serviceRate: mu, servers: c });
            return (
              (t.maxWaitProbability === undefined || m.pWait <= t.maxWaitProbability) &&
              (t.maxMeanWait === undefined || m.Wq <= t.maxMeanWait) &&
              (t.serviceLevel === undefined ||
                mmcWaitTail({ arrivalRate: lambda, serviceRate: mu, servers: c }, t.serviceLevel.within) <=
                  1 - t.serviceLevel.fraction)
            );
          };
          let c = Math.floor(load) + 1;
          while (!meets(c)) c++;
          expect(s.servers).toBe(c);
          expect(s.servers).toBeGreaterThan(load);
        },
      ),
      { seed: 602, numRuns: 150 },
    );
  });

  it('starts within a server or two of the answer for a waiting-probability target', () => {
    for (const load of [50, 200, 950, 2000])
      for (const alpha of [0.5, 0.2, 0.05, 0.01]) {
        const s = minimumServers({ arrivalRate: load, serviceRate: 1, maxWaitProbability: alpha });
        expect(Math.abs(s.servers - s.estimate), `R = ${load}, α = ${alpha}`).toBeLessThanOrEqual(2);
      }
  });

  it('is fast and exact at 2000 Erlangs', () => {
    const t0 = performance.now();
    const s = minimumServers({
      arrivalRate: 2000,
      serviceRate: 1,
      maxWaitProbability: 0.05,
      maxMeanWait: 0.001,
    });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(s.pWait).toBeLessThanOrEqual(0.05);
    expect(s.Wq).toBeLessThanOrEqual(0.001);
    const below = mmc({ arrivalRate: 2000, serviceRate: 1, servers: s.servers - 1 });
    expect(below.pWait > 0.05 || below.Wq > 0.001).toBe(true);
  });
});

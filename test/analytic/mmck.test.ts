/**
 * Finite-capacity queues M/M/1/K and M/M/c/K: hand-computed state probabilities, ρ = 1, the Erlang B
 * special case, convergence to M/M/c as the waiting room grows, Little's law, and big systems.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/analytic/erlang.js';
import { mmc } from '../../src/analytic/mmc.js';
import { mm1k, mmck } from '../../src/analytic/mmck.js';
import { expectRel } from './helpers.js';

describe('mm1k', () => {
  it('gives the truncated-geometric state probabilities', () => {
    // λ = 1, μ = 2, K = 3: πₙ = (1 − ρ)ρⁿ/(1 − ρ⁴) with ρ = 1/2, i.e. 8/15, 4/15, 2/15, 1/15.
    const m = mm1k({ arrivalRate: 1, serviceRate: 2, capacity: 3 });
    [8 / 15, 4 / 15, 2 / 15, 1 / 15].forEach((p, n) => {
      expectRel(m.probabilities[n]!, p, 1e-14);
    });
    expectRel(m.pBlock, 1 / 15, 1e-14);
    expectRel(m.throughput, 14 / 15, 1e-14);
    expectRel(m.L, (4 + 4 + 3) / 15, 1e-14); // Σ n πₙ = 11/15
    expectRel(m.Lq, (2 + 2) / 15, 1e-14); // Σ (n − 1) πₙ = 4/15
    expectRel(m.W, 11 / 14, 1e-14); // L / throughput
    expectRel(m.utilisation, 7 / 15, 1e-14); // 1 − π₀
  });

  it('matches the closed form for ρ ≠ 1 across loads and capacities', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 5, noNaN: true }).filter((r) => Math.abs(r - 1) > 1e-3),
        fc.integer({ min: 1, max: 60 }),
        (rho, k) => {
          const m = mm1k({ arrivalRate: rho, serviceRate: 1, capacity: k });
          const norm = (1 - rho) / (1 - rho ** (k + 1));
          m.probabilities.forEach((p, n) => {
            expectRel(p, norm * rho ** n, 1e-10, `π${n}`);
          });
        },
      ),
      { seed: 301, numRuns: 200 },
    );
  });

  it('spreads mass evenly at ρ = 1', () => {
    // With λ = μ every state 0..K has probability 1/(K + 1), so L = K/2 and the blocking is 1/(K + 1).
    const m = mm1k({ arrivalRate: 1, serviceRate: 1, capacity: 4 });
    for (const p of m.probabilities) expectRel(p, 0.2, 1e-14);
    expectRel(m.L, 2, 1e-14);
    expectRel(m.pBlock, 0.2, 1e-14);
    expectRel(m.throughput, 0.8, 1e-14);
    expectRel(m.W, 2.5, 1e-14);
    // Continuity across ρ = 1.
    const below = mm1k({ arrivalRate: 1 - 1e-7, serviceRate: 1, capacity: 4 });
    expectRel(below.L, 2, 1e-6);
  });
});

describe('mmck', () => {
  it('matches the hand-computed M/M/2/4 with λ = 3, μ = 2', () => {
    // A = 3/2: weights 1, 3/2, 9/8, 27/32, 81/128 → πₙ = (128, 192, 144, 108, 81)/653.
    const m = mmck({ arrivalRate: 3, serviceRate: 2, servers: 2, capacity: 4 });
    [128, 192, 144, 108, 81].forEach((w, n) => {
      expectRel(m.probabilities[n]!, w / 653, 1e-14);
    });
    expectRel(m.pBlock, 81 / 653, 1e-14);
    expectRel(m.throughput, (3 * 572) / 653, 1e-14);
    expectRel(m.Lq, 270 / 653, 1e-14);
    expectRel(m.L, 1128 / 653, 1e-14);
    expectRel(m.Wq, 270 / 1716, 1e-14);
    expectRel(m.W, 1128 / 1716, 1e-14);
    // An admitted arrival waits if it finds 2 or 3 present: (144 + 108)/(653 − 81).
    expectRel(m.pWait, 252 / 572, 1e-14);
  });

  it('with no waiting room (K = c) blocks with Erlang B', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 800 }),
        fc.double({ min: 0.01, max: 1500, noNaN: true }),
        (c, a) => {
          const m = mmck({ arrivalRate: a, serviceRate: 1, servers: c, capacity: c });
          expectRel(m.pBlock, erlangB(c, a), 1e-9);
          expect(m.Lq).toBe(0);
          expect(m.Wq).toBe(0);
        },
      ),
      { seed: 302, numRuns: 150 },
    );
  });

  it('tends to M/M/c as the waiting room grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (c, rho) => {
          // Truncation leaves out mass of order ρ^(K−c); take K so that it is below 1e-13.
          const k = c + Math.ceil(Math.log(1e-13) / Math.log(rho));
          const finite = mmck({ arrivalRate: rho * c, serviceRate: 1, servers: c, capacity: k });
          const infinite = mmc({ arrivalRate: rho * c, serviceRate: 1, servers: c });
          expect(finite.pBlock).toBeLessThan(1e-12);
          expectRel(finite.L, infinite.L, 1e-9, 'L');
          expectRel(finite.Lq, infinite.Lq, 1e-8, 'Lq');
          expectRel(finite.W, infinite.W, 1e-9, 'W');
          expectRel(finite.pWait, infinite.pWait, 1e-9, 'pWait');
        },
      ),
      { seed: 303, numRuns: 150 },
    );
  });

  it('grows monotonically towards M/M/c in K', () => {
    const sizes = [3, 5, 10, 20, 40, 80];
    const ls = sizes.map((k) => mmck({ arrivalRate: 2.7, serviceRate: 1, servers: 3, capacity: k }).L);
    for (let i = 1; i < ls.length; i++) expect(ls[i]!).toBeGreaterThan(ls[i - 1]!);
    expect(ls.at(-1)!).toBeLessThan(mmc({ arrivalRate: 2.7, serviceRate: 1, servers: 3 }).L);
  });

  it('obeys Little’s law for admitted customers and sums to 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (c, extra, rho, mu) => {
          const m = mmck({ arrivalRate: rho * c * mu, serviceRate: mu, servers: c, capacity: c + extra });
          expectRel(
            m.probabilities.reduce((s, p) => s + p, 0),
            1,
            1e-12,
            'Σπ',
          );
          if (m.throughput > 0) {
            expectRel(m.L, m.throughput * m.W, 1e-9, 'L = λeff W');
            expectRel(m.Lq, m.throughput * m.Wq, 1e-9, 'Lq = λeff Wq');
          }
          // Carried load = mean busy servers.
          expectRel(m.utilisation * c * mu, m.throughput, 1e-9, 'busy servers × μ = throughput');
        },
      ),
      { seed: 304, numRuns: 200 },
    );
  });

  it('stays finite for 1000 servers, 2000 places and a 10 % overload', () => {
    const m = mmck({ arrivalRate: 1100, serviceRate: 1, servers: 1000, capacity: 3000 });
    expect(m.probabilities.every(Number.isFinite)).toBe(true);
    // Overloaded with a deep buffer: servers are (almost) never idle, so 1000 pass per unit time and
    // the blocked share is 1 − 1000/1100.
    expectRel(m.throughput, 1000, 1e-9);
    expectRel(m.pBlock, 1 - 1000 / 1100, 1e-8);
  });

  it('with no arrivals the system is empty', () => {
    const m = mmck({ arrivalRate: 0, serviceRate: 2, servers: 2, capacity: 5 });
    expect(m.probabilities).toEqual([1, 0, 0, 0, 0, 0]);
    expect(m).toMatchObject({ pBlock: 0, throughput: 0, L: 0, Lq: 0, Wq: 0, W: 0.5, pWait: 0 });
  });
});

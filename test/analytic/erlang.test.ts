/**
 * Erlang B and C: published table values, exact references, numerical stability at thousands of
 * servers, and the structural properties every correct implementation has.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from '../../src/analytic/erlang.js';
import { erlangBDefinition, erlangCDefinition, expectRel } from './helpers.js';

describe('erlangB(servers, load)', () => {
  it('matches the Erlang B value for 10 servers and 5 Erlangs', () => {
    // Standard teletraffic Erlang B tables list E_B(10, 5) ≈ 0.01838. The reference below is the exact
    // value of A^c/c! / Σ A^k/k!, evaluated with rational arithmetic (Python fractions) to 17 digits.
    expectRel(erlangB(10, 5), 0.018384570336648132, 1e-14);
  });

  it('reproduces the 1 % grade-of-service column of the Erlang B table', () => {
    // The usual Erlang B table (e.g. the one printed in teletraffic engineering handbooks and by the
    // online Erlang calculators) gives the load that 10, 20, 50 and 100 circuits carry at 1 % blocking
    // as 4.461, 12.03, 37.90 and 84.06 Erlangs. Those loads are rounded to the table's last digit, so
    // the blocking they produce is 1 % to within about 1e-5 (its sensitivity to the rounding).
    for (const [c, a] of [
      [10, 4.461],
      [20, 12.03],
      [50, 37.9],
      [100, 84.06],
    ] as const) {
      expect(Math.abs(erlangB(c, a) - 0.01)).toBeLessThan(1e-5);
    }
  });

  it('is exact to ~1e-13 at hundreds and thousands of servers (no overflow)', () => {
    // References computed exactly with rational arithmetic from the defining sum.
    expectRel(erlangB(1000, 950), 0.0036492936889424097, 1e-12);
    expectRel(erlangB(2000, 1900), 0.0006789692964986019, 1e-12);
    expectRel(erlangB(500, 500), 0.034847777414685505, 1e-12);
    expectRel(erlangB(1000, 2000), 0.5004980158148081, 1e-12);
  });

  it('handles the edges: no servers blocks everything, no load blocks nothing', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
    expect(erlangB(1, 1)).toBe(0.5); // A/(1 + A)
  });

  it('underflows to 0 rather than NaN for tiny blocking', () => {
    const b = erlangB(5000, 10);
    expect(b).toBe(0);
  });

  it('agrees with the defining sum for random servers and loads up to 3000', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0.01, max: 4000, noNaN: true }),
        (c, a) => {
          expectRel(erlangB(c, a), erlangBDefinition(c, a), 1e-10, `B(${c}, ${a})`);
        },
      ),
      { seed: 101, numRuns: 200 },
    );
  });

  it('decreases in the number of servers and increases in the load', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.double({ min: 0.01, max: 2000, noNaN: true }),
        (c, a) => {
          const b = erlangB(c, a);
          expect(erlangB(c + 1, a)).toBeLessThanOrEqual(b);
          expect(erlangB(c, a * 1.01)).toBeGreaterThanOrEqual(b);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 102, numRuns: 200 },
    );
  });
});

describe('erlangC(servers, load)', () => {
  it('matches hand-computed and exact values', () => {
    // c = 3, A = 2: P0 = 1/9 and C = (A^c/c!)(c/(c−A))·P0 = (8/6)(3)(1/9) = 4/9.
    expectRel(erlangC(3, 2), 4 / 9, 1e-14);
    // One server: C = ρ.
    expectRel(erlangC(1, 0.8), 0.8, 1e-15);
    // Exact rational references.
    expectRel(erlangC(10, 5), 0.03610535915832019, 1e-13);
    expectRel(erlangC(1000, 950), 0.06825341537714143, 1e-12);
    expectRel(erlangC(2000, 1900), 0.013406437303190343, 1e-12);
  });

  it('reproduces the worked examples of a published Erlang C calculator', () => {
    // The Erlang C calculator page hosted at personal.telefonica.terra.es (web/vr/erlang) works an
    // example of 600 calls an hour lasting 120 s (20 Erlangs): 30 circuits give a 2.5 % delay
    // probability, and 30 circuits at a 15 % delay probability carry 23.6 Erlangs (rounded to 0.1).
    expect(erlangC(30, 20)).toBeCloseTo(0.025, 3);
    expect(erlangC(30, 23.55)).toBeLessThan(0.15);
    expect(erlangC(30, 23.65)).toBeGreaterThan(0.15);
  });

  it('is at least Erlang B (waiting customers stay, so more find the servers busy)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2500 }), fc.double({ min: 0, max: 1, noNaN: true }), (c, u) => {
        const a = u * c * 0.999999;
        const b = erlangB(c, a);
        const cc = erlangC(c, a);
        expect(cc).toBeGreaterThanOrEqual(b);
        expect(cc).toBeLessThanOrEqual(1);
        expectRel(cc, erlangCDefinition(c, a), 1e-9, `C(${c}, ${a})`);
      }),
      { seed: 103, numRuns: 200 },
    );
  });

  it('decreases in the number of servers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1500 }),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        (c, u) => {
          const a = u * c;
          expect(erlangC(c + 1, a)).toBeLessThanOrEqual(erlangC(c, a));
        },
      ),
      { seed: 104, numRuns: 200 },
    );
  });

  it('tends to 1 as the load approaches the number of servers', () => {
    expect(erlangC(50, 50 * (1 - 1e-9))).toBeGreaterThan(0.9999);
  });
});

/**
 * Erlang-A (M/M/c+M): its limits (patience → ∞ is Erlang C, patience → 0 with one server is Erlang B's
 * loss system), the exact case θ = μ (the number in system is then Poisson(λ/μ), as in M/M/∞), a plain
 * brute-force sum over a long fixed state space, the flow balance every stationary solution obeys, and
 * bad input. The check against simulation with reneging is in test/theory/erlang-a.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, mmc, ParameterError } from '../../src/index.js';
import { expectRel } from './helpers.js';

/** Poisson(a) probabilities 0..n−1, by the recursion p_k = p_{k−1}·a/k from e^{−a}. */
function poissonHead(a: number, n: number): number[] {
  const p = [Math.exp(-a)];
  for (let k = 1; k < n; k++) p.push((p[k - 1]! * a) / k);
  return p;
}

/** The chain summed plainly over states 0..states−1: no tail bound, no log space (small cases only). */
function bruteForce(lambda: number, mu: number, c: number, theta: number, states: number) {
  const w = [1];
  for (let n = 1; n < states; n++)
    w.push((w[n - 1]! * lambda) / (Math.min(n, c) * mu + Math.max(n - c, 0) * theta));
  const total = w.reduce((s, x) => s + x, 0);
  const pi = w.map((x) => x / total);
  const pWait = pi.reduce((s, x, n) => s + (n >= c ? x : 0), 0);
  const Lq = pi.reduce((s, x, n) => s + Math.max(n - c, 0) * x, 0);
  const busy = pi.reduce((s, x, n) => s + Math.min(n, c) * x, 0);
  return { pWait, Lq, busy };
}

describe('erlangA', () => {
  it('with θ = μ the number in system is Poisson(λ/μ), for any number of servers', () => {
    for (const [c, a] of [
      [1, 1],
      [3, 2.5],
      [10, 12],
      [50, 45],
    ] as const) {
      const m = erlangA({ arrivalRate: a * 0.5, serviceRate: 0.5, servers: c, abandonmentRate: 0.5 });
      const head = poissonHead(a, c);
      const below = head.reduce((s, x) => s + x, 0);
      // E[(N − c)⁺] = E[N] − c + E[(c − N)⁺] = a − c + Σ_{k<c} (c − k)·p_k.
      const Lq = a - c + head.reduce((s, x, k) => s + (c - k) * x, 0);
      expectRel(m.pWait, 1 - below, 1e-12, `pWait c=${c} a=${a}`);
      expectRel(m.Lq, Lq, 1e-10, `Lq c=${c} a=${a}`);
      expectRel(m.L, a, 1e-12, `L c=${c} a=${a}`);
      expectRel(m.pAbandon, (0.5 * Lq) / (a * 0.5), 1e-10, `pAbandon c=${c} a=${a}`);
    }
  });

  it('one server, λ = μ = θ = 1: pWait = 1 − 1/e, pAbandon = Lq = Wq = 1/e', () => {
    const m = erlangA({ arrivalRate: 1, serviceRate: 1, servers: 1, abandonmentRate: 1 });
    expectRel(m.pWait, 1 - Math.exp(-1), 1e-14);
    expectRel(m.pAbandon, Math.exp(-1), 1e-14);
    expectRel(m.Wq, Math.exp(-1), 1e-14);
  });

  it('patience → ∞ gives Erlang C (θ = 0 is Erlang C exactly)', () => {
    for (const [c, lambda] of [
      [1, 0.8],
      [3, 2],
      [20, 17],
    ] as const) {
      const c0 = mmc({ arrivalRate: lambda, serviceRate: 1, servers: c });
      const exact = erlangA({ arrivalRate: lambda, serviceRate: 1, servers: c, abandonmentRate: 0 });
      expect(exact).toMatchObject({ pWait: c0.pWait, Lq: c0.Lq, Wq: c0.Wq, pAbandon: 0 });
      // Through the chain: θ = 1e−9 moves the answer by about θ·E[wait-related terms], far below 1e−6.
      const near = erlangA({ arrivalRate: lambda, serviceRate: 1, servers: c, abandonmentRate: 1e-9 });
      expectRel(near.pWait, c0.pWait, 1e-6, `pWait c=${c}`);
      expectRel(near.Lq, c0.Lq, 1e-6, `Lq c=${c}`);
      expect(near.pAbandon).toBeLessThan(1e-7);
      // And the effect of patience is monotone: shorter patience, fewer waiting.
      const impatient = erlangA({ arrivalRate: lambda, serviceRate: 1, servers: c, abandonmentRate: 1 });
      expect(impatient.pWait).toBeLessThan(c0.pWait);
    }
  });

  it('one server, patience → 0: whoever finds the server busy leaves, the M/M/1/1 loss system', () => {
    for (const a of [0.3, 1, 4]) {
      const m = erlangA({ arrivalRate: a, serviceRate: 1, servers: 1, abandonmentRate: 1e9 });
      expectRel(m.pAbandon, erlangB(1, a), 1e-7, `a=${a}`);
      expectRel(m.pWait, a / (1 + a), 1e-7, `a=${a}`);
    }
  });

  it('agrees with the chain summed plainly over 5 000 states', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        // λ ≤ 36 and θ ≥ 0.05 keep the mass within about (λ − cμ)/θ ≤ 480 states above c: 5 000 is ample.
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (c, rho, theta) => {
          const lambda = rho * c;
          const m = erlangA({ arrivalRate: lambda, serviceRate: 1, servers: c, abandonmentRate: theta });
          const ref = bruteForce(lambda, 1, c, theta, 5_000);
          expect(Math.abs(m.pWait - ref.pWait), `pWait ${m.pWait} vs ${ref.pWait}`).toBeLessThanOrEqual(
            1e-11 * ref.pWait + 1e-15,
          );
          // The tail is cut at 1e−16 of the total weight: tiny probabilities are exact in absolute terms only.
          expect(Math.abs(m.Lq - ref.Lq), `Lq ${m.Lq} vs ${ref.Lq}`).toBeLessThanOrEqual(
            1e-10 * ref.Lq + 1e-15,
          );
          expectRel(m.utilisation * c, ref.busy, 1e-11, 'busy');
        },
      ),
      { seed: 1602, numRuns: 200 },
    );
  });

  it('balances flows: arrivals = services + abandonments, and the measures stay in range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        // θ ≥ 0.1 keeps the overloaded chain within (λ − cμ)/θ ≤ 30 000 states of c.
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (c, rho, theta) => {
          const lambda = rho * c;
          const m = erlangA({ arrivalRate: lambda, serviceRate: 1, servers: c, abandonmentRate: theta });
          // Services per unit time are μ·E[busy]; abandonments θ·Lq. Both are summed separately.
          expectRel(m.utilisation * c + theta * m.Lq, lambda, 1e-9, `c=${c} rho=${rho} theta=${theta}`);
          for (const p of [m.pWait, m.pAbandon, m.utilisation]) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1 + 1e-12);
          }
          expect(m.pAbandon).toBeLessThanOrEqual(m.pWait + 1e-12);
        },
      ),
      { seed: 1603, numRuns: 100 },
    );
  });

  it('no arrivals: nobody waits', () => {
    expect(erlangA({ arrivalRate: 0, serviceRate: 1, servers: 2, abandonmentRate: 1 })).toMatchObject({
      pWait: 0,
      pAbandon: 0,
      Lq: 0,
      throughput: 0,
    });
  });

  it('rejects bad input, naming the path and value', () => {
    const ok = { arrivalRate: 2, serviceRate: 1, servers: 3, abandonmentRate: 0.5 };
    expect(() => erlangA({ ...ok, servers: 0 }, 'lines[1]')).toThrow(/^lines\[1\]\.servers: .*got 0/);
    expect(() => erlangA({ ...ok, abandonmentRate: -1 })).toThrow(/^abandonmentRate: .*got -1/);
    expect(() => erlangA({ ...ok, patience: 3 } as never)).toThrow(/^patience: expected a known parameter/);
    // Without abandonment an overloaded queue has no steady state.
    expect(() => erlangA({ ...ok, arrivalRate: 3, abandonmentRate: 0 })).toThrow(ParameterError);
    expect(() => erlangA({ ...ok, arrivalRate: 3, abandonmentRate: 0 })).toThrow(
      /arrivalRate: expected an arrival rate </,
    );
    // A patience so long against the overload that the queue settles only beyond 10⁶ states.
    expect(() => erlangA({ ...ok, arrivalRate: 4, abandonmentRate: 1e-9 })).toThrow(/^abandonmentRate: /);
  });
});

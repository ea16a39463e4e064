/**
 * M/M/c and M/M/1: textbook values, call-centre examples, the waiting-time and sojourn-time
 * distributions, the queue-length distribution, and the identities (Little's law) that tie them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlang.js';
import { mm1, mmc } from '../../src/analytic/mmc.js';
import { mmcStateProbabilities } from '../../src/analytic/mmcStates.js';
import { mmcSojournTail, mmcWaitQuantile, mmcWaitTail } from '../../src/analytic/mmcWait.js';
import { expectRel } from './helpers.js';

/** A stable M/M/c: servers 1..maxServers, utilisation in (0, 0.995), service rate spread over decades. */
const stableMmcUpTo = (maxServers: number) =>
  fc
    .record({
      servers: fc.integer({ min: 1, max: maxServers }),
      rho: fc.double({ min: 0.001, max: 0.995, noNaN: true }),
      serviceRate: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    })
    .map(({ servers, rho, serviceRate }) => ({
      servers,
      serviceRate,
      arrivalRate: rho * servers * serviceRate,
    }));
const stableMmc = stableMmcUpTo(400);

describe('mm1', () => {
  it('gives the textbook M/M/1 values at ρ = 0.8', () => {
    // Every queueing text (e.g. Gross & Harris, Fundamentals of Queueing Theory, simple Markovian models) has
    // L = ρ/(1−ρ) = 4, Lq = ρ²/(1−ρ) = 3.2, W = 1/(μ−λ) = 5, Wq = ρ/(μ−λ) = 4 for λ = 0.8, μ = 1.
    const m = mm1({ arrivalRate: 0.8, serviceRate: 1 });
    expectRel(m.rho, 0.8, 1e-15);
    expectRel(m.pWait, 0.8, 1e-15);
    expectRel(m.Lq, 3.2, 1e-14);
    expectRel(m.L, 4, 1e-14);
    expectRel(m.Wq, 4, 1e-14);
    expectRel(m.W, 5, 1e-14);
    expect(m.throughput).toBe(0.8);
  });

  it('is M/M/c with one server', () => {
    expect(mm1({ arrivalRate: 3, serviceRate: 7 })).toEqual(
      mmc({ arrivalRate: 3, serviceRate: 7, servers: 1 }),
    );
  });

  it('with no arrivals: nothing waits, a lone customer takes one service', () => {
    const m = mm1({ arrivalRate: 0, serviceRate: 2 });
    expect(m).toMatchObject({ rho: 0, pWait: 0, Lq: 0, L: 0, Wq: 0, W: 0.5 });
  });
});

describe('mmc', () => {
  it('matches the hand-computed M/M/3 with λ = 2, μ = 1', () => {
    // A = 2, ρ = 2/3: P0 = 1/(1 + 2 + 2 + (8/6)·3) = 1/9, C = 4/9, Lq = C·ρ/(1−ρ) = 8/9,
    // Wq = Lq/λ = 4/9, W = 13/9, L = 26/9.
    const m = mmc({ arrivalRate: 2, serviceRate: 1, servers: 3 });
    expectRel(m.load, 2, 1e-15);
    expectRel(m.rho, 2 / 3, 1e-15);
    expectRel(m.pWait, 4 / 9, 1e-14);
    expectRel(m.Lq, 8 / 9, 1e-14);
    expectRel(m.Wq, 4 / 9, 1e-14);
    expectRel(m.W, 13 / 9, 1e-14);
    expectRel(m.L, 26 / 9, 1e-14);
  });

  it('reproduces a published call-centre example (average delay)', () => {
    // The Erlang C calculator page at personal.telefonica.terra.es (web/vr/erlang): 600 calls an hour of
    // 120 s on 26 agents wait about 3 s per call on average (the page rounds to whole seconds).
    const m = mmc({ arrivalRate: 600 / 3600, serviceRate: 1 / 120, servers: 26 });
    expect(Math.round(m.Wq)).toBe(3);
  });

  it('stays finite and exact at 1000 servers and 950 Erlangs', () => {
    const m = mmc({ arrivalRate: 950, serviceRate: 1, servers: 1000 });
    expectRel(m.pWait, 0.06825341537714143, 1e-12);
    expectRel(m.Wq, 0.06825341537714143 / 50, 1e-12);
    expect(Number.isFinite(m.L)).toBe(true);
  });

  it('satisfies Little’s law and L = Lq + A at every stable point', () => {
    fc.assert(
      fc.property(stableMmc, (p) => {
        const m = mmc(p);
        expectRel(m.Lq, p.arrivalRate * m.Wq, 1e-12, 'Lq = λWq');
        expectRel(m.L, p.arrivalRate * m.W, 1e-12, 'L = λW');
        expectRel(m.W, m.Wq + 1 / p.serviceRate, 1e-12, 'W = Wq + 1/μ');
        expectRel(m.L, m.Lq + m.load, 1e-9, 'L = Lq + A');
        expectRel(m.pWait, erlangC(p.servers, p.arrivalRate / p.serviceRate), 1e-12, 'pWait = Erlang C');
      }),
      { seed: 201, numRuns: 200 },
    );
  });

  it('pools: one queue for c servers waits less than c separate queues at the same load', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        (c, rho) => {
          const pooled = mmc({ arrivalRate: rho * c, serviceRate: 1, servers: c });
          const split = mm1({ arrivalRate: rho, serviceRate: 1 });
          expect(pooled.Wq).toBeLessThan(split.Wq);
        },
      ),
      { seed: 202, numRuns: 100 },
    );
  });
});

describe('waiting-time distribution', () => {
  it('reproduces a published 911 call-answering example', () => {
    // An application note for the Footbridge "Call Calc" Erlang C tool (al911.org): 2 call-takers,
    // 30 calls an hour of 60 s → under 8 % of callers wait more than 10 s; with 20 s of extra work per
    // call (80 s) the share rises to 14 %.
    const t60 = mmcWaitTail({ arrivalRate: 30 / 3600, serviceRate: 1 / 60, servers: 2 }, 10);
    expect(t60).toBeLessThan(0.08);
    expectRel(t60, 0.1 * Math.exp(-0.25), 1e-12); // hand: C = 0.1, θ = 2/60 − 1/120 = 1/40 per s
    const t80 = mmcWaitTail({ arrivalRate: 30 / 3600, serviceRate: 1 / 80, servers: 2 }, 10);
    expect(Math.round(t80 * 100)).toBe(14);
  });

  it('P(Wq > 0) is the probability of waiting and the tail integrates to Wq', () => {
    fc.assert(
      // Fewer servers here: the integrals call the tails thousands of times, each O(servers).
      fc.property(stableMmcUpTo(60), (p) => {
        const m = mmc(p);
        expectRel(mmcWaitTail(p, 0), m.pWait, 1e-12);
        // ∫ C e^{−θt} dt = C/θ = Wq, by Simpson's rule over [0, 40/θ].
        const theta = p.servers * p.serviceRate - p.arrivalRate;
        expectRel(
          integrate((t) => mmcWaitTail(p, t), 0, 40 / theta),
          m.Wq,
          1e-8,
          '∫ P(Wq > t) dt',
        );
        // Two rates (θ and μ) may differ by decades: integrate the fast part on its own grid first.
        const fast = 40 / Math.max(theta, p.serviceRate);
        const slow = 40 / Math.min(theta, p.serviceRate);
        const sojourn = (t: number) => mmcSojournTail(p, t);
        const area = integrate(sojourn, 0, fast) + (slow > fast ? integrate(sojourn, fast, slow) : 0);
        expectRel(area, m.W, 1e-8, '∫ P(W > t) dt');
      }),
      { seed: 203, numRuns: 30 },
    );
  });

  it('M/M/1 sojourn time is exponential with rate μ − λ', () => {
    for (const t of [0, 0.5, 5, 20, 200])
      expectRel(
        mmcSojournTail({ arrivalRate: 0.8, serviceRate: 1, servers: 1 }, t),
        Math.exp(-0.2 * t),
        1e-12,
      );
  });

  it('handles the case where the wait rate equals the service rate (c − 1 = A)', () => {
    // θ = cμ − λ = μ: P(W > t) = e^{−μt}(1 + C μ t).
    const p = { arrivalRate: 2, serviceRate: 1, servers: 3 };
    for (const t of [0.1, 1, 10]) expectRel(mmcSojournTail(p, t), Math.exp(-t) * (1 + (4 / 9) * t), 1e-12);
    // Nearby rates give nearby answers (no cancellation blow-up).
    const near = { arrivalRate: 2 + 1e-9, serviceRate: 1, servers: 3 };
    expectRel(mmcSojournTail(near, 1), mmcSojournTail(p, 1), 1e-7);
  });

  it('the wait quantile inverts the tail', () => {
    fc.assert(
      fc.property(stableMmc, fc.double({ min: 0, max: 0.999999, noNaN: true }), (p, q) => {
        const t = mmcWaitQuantile(p, q);
        const pWait = mmcWaitTail(p, 0);
        if (pWait <= 1 - q) expect(t).toBe(0);
        else expectRel(mmcWaitTail(p, t), 1 - q, 1e-9);
      }),
      { seed: 204, numRuns: 200 },
    );
    // M/M/1, λ = 0.8: P(Wq > t) = 0.8 e^{−0.2t} = 0.1 at t = 5 ln 8.
    expectRel(mmcWaitQuantile({ arrivalRate: 0.8, serviceRate: 1, servers: 1 }, 0.9), 5 * Math.log(8), 1e-13);
  });
});

describe('mmcStateProbabilities', () => {
  it('M/M/1 is geometric: P(N = n) = (1 − ρ)ρⁿ', () => {
    const probs = mmcStateProbabilities({ arrivalRate: 0.5, serviceRate: 1, servers: 1 }, 5);
    probs.forEach((pn, n) => {
      expectRel(pn, 0.5 * 0.5 ** n, 1e-14);
    });
  });

  it('M/M/3 with A = 2 matches the hand computation', () => {
    // P0 = 1/9, P1 = 2/9, P2 = 2/9, P3 = (8/6)/9 = 4/27, then × 2/3 each step.
    const probs = mmcStateProbabilities({ arrivalRate: 2, serviceRate: 1, servers: 3 }, 5);
    const expected = [1 / 9, 2 / 9, 2 / 9, 4 / 27, 8 / 81, 16 / 243];
    probs.forEach((pn, n) => {
      expectRel(pn, expected[n]!, 1e-13);
    });
  });

  it('sums to 1, has P(N ≥ c) = Erlang C and mean L, even for 1000 servers', () => {
    for (const p of [
      { arrivalRate: 0.9, serviceRate: 1, servers: 1 },
      { arrivalRate: 7, serviceRate: 1, servers: 10 },
      { arrivalRate: 950, serviceRate: 1, servers: 1000 },
      { arrivalRate: 1, serviceRate: 1, servers: 1000 }, // most states below c are vanishingly rare
    ]) {
      const m = mmc(p);
      // Far enough that the geometric tail beyond is below 1e-15.
      const rho = m.rho;
      const maxN = p.servers + Math.ceil(Math.log(1e-17) / Math.log(Math.max(rho, 1e-3)));
      const probs = mmcStateProbabilities(p, maxN);
      const total = probs.reduce((s, x) => s + x, 0);
      expectRel(total, 1, 1e-12);
      const busy = probs.slice(p.servers).reduce((s, x) => s + x, 0);
      expectRel(busy, m.pWait, 1e-10);
      const mean = probs.reduce((s, x, n) => s + n * x, 0);
      expectRel(mean, m.L, 1e-9);
    }
  });
});

/** Composite Simpson's rule on [a, b] with 4000 panels (error ~1e-10 relative for these integrands). */
function integrate(f: (t: number) => number, a: number, b: number): number {
  const n = 4000;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

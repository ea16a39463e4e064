/**
 * Pollaczek–Khinchine (M/G/1, M/D/1) and the two-moment approximations for general arrivals
 * (Kingman for G/G/1, Allen–Cunneen for G/G/c): textbook values and the cases where each must reduce
 * exactly to a known model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allenCunneen } from '../../src/analytic/allenCunneen.js';
import { kingman } from '../../src/analytic/kingman.js';
import { md1, mg1 } from '../../src/analytic/mg1.js';
import { mm1, mmc } from '../../src/analytic/mmc.js';
import { expectRel } from './helpers.js';

describe('mg1 and md1 (Pollaczek–Khinchine)', () => {
  it('M/D/1 at ρ = 0.8 has half the M/M/1 queue', () => {
    // Textbook P–K with zero service variance (Kleinrock, Queueing Systems vol. 1, the M/G/1 chapter):
    // Lq = ρ²/(2(1 − ρ)) = 0.64/0.4 = 1.6, Wq = 2, W = 3, L = 2.4 for λ = 0.8 and unit service.
    const m = md1({ arrivalRate: 0.8, serviceTime: 1 });
    expectRel(m.Lq, 1.6, 1e-14);
    expectRel(m.Wq, 2, 1e-14);
    expectRel(m.W, 3, 1e-14);
    expectRel(m.L, 2.4, 1e-14);
    expectRel(m.rho, 0.8, 1e-15);
    expectRel(m.pWait, 0.8, 1e-15);
    expectRel(m.Lq, mm1({ arrivalRate: 0.8, serviceRate: 1 }).Lq / 2, 1e-14);
  });

  it('M/E₂/1 (Erlang-2 service, cs² = 1/2) matches the hand computation', () => {
    // λ = 0.5, E[S] = 1: Lq = ρ²(1 + cs²)/(2(1 − ρ)) = 0.25 · 1.5 / 1 = 0.375.
    const m = mg1({ arrivalRate: 0.5, serviceMean: 1, serviceScv: 0.5 });
    expectRel(m.Lq, 0.375, 1e-14);
    expectRel(m.Wq, 0.75, 1e-14);
  });

  it('a service variance and the matching SCV give the same answer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (rho, mean, scv) => {
          const lambda = rho / mean;
          const a = mg1({ arrivalRate: lambda, serviceMean: mean, serviceScv: scv });
          const b = mg1({ arrivalRate: lambda, serviceMean: mean, serviceVariance: scv * mean * mean });
          expectRel(a.Wq, b.Wq, 1e-12);
          expectRel(a.Lq, lambda * a.Wq, 1e-12, 'Lq = λWq');
          expectRel(a.L, lambda * a.W, 1e-12, 'L = λW');
        },
      ),
      { seed: 401, numRuns: 200 },
    );
  });

  it('exponential service (cs² = 1) is M/M/1 and constant service is M/D/1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (rho, mean) => {
          const lambda = rho / mean;
          const m = mg1({ arrivalRate: lambda, serviceMean: mean, serviceScv: 1 });
          const e = mm1({ arrivalRate: lambda, serviceRate: 1 / mean });
          expectRel(m.Wq, e.Wq, 1e-12);
          expectRel(m.L, e.L, 1e-12);
          const d = md1({ arrivalRate: lambda, serviceTime: mean });
          expectRel(mg1({ arrivalRate: lambda, serviceMean: mean, serviceVariance: 0 }).Wq, d.Wq, 1e-12);
        },
      ),
      { seed: 402, numRuns: 200 },
    );
  });

  it('the mean wait grows linearly in the service SCV', () => {
    const w = [0, 1, 2, 3].map((scv) => mg1({ arrivalRate: 0.9, serviceMean: 1, serviceScv: scv }).Wq);
    // Wq = 4.5 (1 + cs²) at ρ = 0.9, E[S] = 1.
    w.forEach((x, scv) => {
      expectRel(x, 4.5 * (1 + scv), 1e-13);
    });
  });
});

describe('kingman (G/G/1)', () => {
  it('is Pollaczek–Khinchine for Poisson arrivals', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (rho, mean, cs2) => {
          const lambda = rho / mean;
          const k = kingman({ arrivalRate: lambda, serviceMean: mean, arrivalScv: 1, serviceScv: cs2 });
          const pk = mg1({ arrivalRate: lambda, serviceMean: mean, serviceScv: cs2 });
          expectRel(k.Wq, pk.Wq, 1e-12);
          expectRel(k.W, pk.W, 1e-12);
        },
      ),
      { seed: 403, numRuns: 200 },
    );
  });

  it('matches the VUT product by hand', () => {
    // ρ = 0.9, E[S] = 1, ca² = 0.5, cs² = 0: (0.5/2) · (0.9/0.1) · 1 = 2.25.
    expectRel(kingman({ arrivalRate: 0.9, serviceMean: 1, arrivalScv: 0.5, serviceScv: 0 }).Wq, 2.25, 1e-13);
    // Deterministic arrivals and service (D/D/1) never wait.
    expect(kingman({ arrivalRate: 0.9, serviceMean: 1, arrivalScv: 0, serviceScv: 0 }).Wq).toBe(0);
  });
});

describe('allenCunneen (G/G/c)', () => {
  it('is exact M/M/c when both SCVs are 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (c, rho) => {
          const mean = 40;
          const lambda = (rho * c) / mean;
          const ac = allenCunneen({
            arrivalRate: lambda,
            serviceMean: mean,
            servers: c,
            arrivalScv: 1,
            serviceScv: 1,
          });
          const exact = mmc({ arrivalRate: lambda, serviceRate: 1 / mean, servers: c });
          expectRel(ac.Wq, exact.Wq, 1e-10);
          expectRel(ac.pWait, exact.pWait, 1e-10);
          expectRel(ac.L, exact.L, 1e-10);
        },
      ),
      { seed: 404, numRuns: 150 },
    );
  });

  it('is Kingman with one server', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (rho, ca2, cs2) => {
          const p = { arrivalRate: rho / 3, serviceMean: 3, arrivalScv: ca2, serviceScv: cs2 };
          expectRel(allenCunneen({ ...p, servers: 1 }).Wq, kingman(p).Wq, 1e-12);
        },
      ),
      { seed: 405, numRuns: 150 },
    );
  });

  it('scales the M/M/c wait by (ca² + cs²)/2', () => {
    // M/D/c-like case at c = 3, A = 2 (Wq(M/M/3) = 4/9 per unit mean service): (1 + 0)/2 · 4/9 = 2/9.
    const m = allenCunneen({ arrivalRate: 2, serviceMean: 1, servers: 3, arrivalScv: 1, serviceScv: 0 });
    expectRel(m.Wq, 2 / 9, 1e-14);
    expectRel(m.Lq, 4 / 9, 1e-14);
    expectRel(m.W, 11 / 9, 1e-14);
  });
});

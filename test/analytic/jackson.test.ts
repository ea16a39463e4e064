/**
 * Open Jackson networks: tandem lines that must equal independent M/M/c queues, feedback loops solved
 * by hand, and for random networks the traffic equations, flow conservation and Little's law.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jackson } from '../../src/analytic/jackson.js';
import { mm1, mmc } from '../../src/analytic/mmc.js';
import { expectRel } from './helpers.js';

describe('jackson', () => {
  it('a two-node tandem equals two independent M/M/1 queues', () => {
    // Burke's theorem: the departures of a stable M/M/1 are Poisson, so the second node is M/M/1 too.
    const m = jackson({
      nodes: [
        { name: 'register', externalRate: 1, serviceRate: 2, servers: 1 },
        { name: 'swab', externalRate: 0, serviceRate: 4, servers: 1 },
      ],
      routing: [
        [0, 1],
        [0, 0],
      ],
    });
    const first = mm1({ arrivalRate: 1, serviceRate: 2 });
    const second = mm1({ arrivalRate: 1, serviceRate: 4 });
    expect(m.nodes[0]).toMatchObject({ name: 'register', externalRate: 1, visits: 1 });
    expect(m.nodes[1]).toMatchObject({ name: 'swab', externalRate: 0, visits: 1 });
    for (const key of ['rho', 'pWait', 'Lq', 'L', 'Wq', 'W'] as const) {
      expectRel(m.nodes[0]![key], first[key], 1e-14, key);
      expectRel(m.nodes[1]![key], second[key], 1e-14, key);
    }
    expectRel(m.nodes[1]!.arrivalRate, 1, 1e-14);
    expect(m.throughput).toBe(1);
    expectRel(m.L, first.L + second.L, 1e-14);
    expectRel(m.W, 1 / (2 - 1) + 1 / (4 - 1), 1e-14);
  });

  it('a tandem of multi-server stations equals the separate M/M/c queues', () => {
    const stations = [
      { externalRate: 0.5, serviceRate: 1 / 20, servers: 12 },
      { externalRate: 0, serviceRate: 1 / 40, servers: 25 },
      { externalRate: 0, serviceRate: 1 / 5, servers: 3 },
    ];
    const m = jackson({
      nodes: stations,
      routing: [
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
    });
    let w = 0;
    stations.forEach((s, i) => {
      {
        const alone = mmc({ arrivalRate: 0.5, serviceRate: s.serviceRate, servers: s.servers });
        expectRel(m.nodes[i]!.L, alone.L, 1e-13);
        expectRel(m.nodes[i]!.Wq, alone.Wq, 1e-13);
        w += alone.W;
      }
    });
    expectRel(m.W, w, 1e-13);
    expect(m.nodes.map((n) => n.name)).toEqual(['node 0', 'node 1', 'node 2']);
  });

  it('a single node with feedback is visited 1/(1 − p) times', () => {
    // γ = 1, p = 1/2 back to itself, μ = 3: λ = 2, so each visit is an M/M/1 with W = 1/(3 − 2) = 1,
    // and a customer makes 2 visits on average: W = 2 = L/γ with L = ρ/(1 − ρ) = 2.
    const m = jackson({ nodes: [{ externalRate: 1, serviceRate: 3, servers: 1 }], routing: [[0.5]] });
    expectRel(m.nodes[0]!.arrivalRate, 2, 1e-14);
    expectRel(m.nodes[0]!.visits, 2, 1e-14);
    expectRel(m.nodes[0]!.W, 1, 1e-14);
    expectRel(m.L, 2, 1e-14);
    expectRel(m.W, 2, 1e-14);
  });

  it('solves a three-node network with feedback as by hand', () => {
    // γ = (1, 0.5, 0); 0 → 1 (0.6), 0 → 2 (0.4); 1 → 2 (1); 2 → 0 (0.2), otherwise leave.
    // λ₂ = 0.4λ₀ + λ₁, λ₁ = 0.5 + 0.6λ₀, λ₀ = 1 + 0.2λ₂ ⇒ λ₀ = 1.375, λ₁ = 1.325, λ₂ = 1.875,
    // and λ₂ · 0.8 = 1.5 = Σγ leaves.
    const m = jackson({
      nodes: [
        { name: 'a', externalRate: 1, serviceRate: 2, servers: 1 },
        { name: 'b', externalRate: 0.5, serviceRate: 1, servers: 2 },
        { name: 'c', externalRate: 0, serviceRate: 1, servers: 3 },
      ],
      routing: [
        [0, 0.6, 0.4],
        [0, 0, 1],
        [0.2, 0, 0],
      ],
    });
    [1.375, 1.325, 1.875].forEach((l, i) => {
      expectRel(m.nodes[i]!.arrivalRate, l, 1e-13);
    });
    expectRel(m.throughput, 1.5, 1e-15);
    const perNode = [
      mm1({ arrivalRate: 1.375, serviceRate: 2 }),
      mmc({ arrivalRate: 1.325, serviceRate: 1, servers: 2 }),
      mmc({ arrivalRate: 1.875, serviceRate: 1, servers: 3 }),
    ];
    perNode.forEach((q, i) => {
      expectRel(m.nodes[i]!.L, q.L, 1e-12);
    });
    const L = perNode.reduce((s, q) => s + q.L, 0);
    expectRel(m.L, L, 1e-12);
    expectRel(m.W, L / 1.5, 1e-12);
  });

  it('random networks satisfy the traffic equations, flow conservation and Little’s law', () => {
    const network = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({
        gamma: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
        weights: fc.array(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          {
            minLength: n,
            maxLength: n,
          },
        ),
        stay: fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { minLength: n, maxLength: n }),
        servers: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: n, maxLength: n }),
        slack: fc.array(fc.double({ min: 1.01, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(network, ({ gamma, weights, stay, servers, slack }) => {
        const n = gamma.length;
        const g = gamma.map((x, i) => (i === 0 ? x + 0.1 : x)); // some traffic enters
        // Row i routes a share stay[i] onward, split by the weights; the rest leaves.
        const routing = weights.map((row, i) => {
          const total = row.reduce((s, x) => s + x, 0);
          return row.map((x) => (total > 0 ? (x / total) * stay[i]! : 0));
        });
        // Σλ ≤ Σγ/(1 − max stay), so this capacity keeps every node stable.
        const bound = g.reduce((s, x) => s + x, 0) / (1 - Math.max(...stay));
        const nodes = g.map((x, i) => ({
          externalRate: x,
          servers: servers[i]!,
          serviceRate: (bound * slack[i]!) / servers[i]!,
        }));
        const m = jackson({ nodes, routing });
        const lambda = m.nodes.map((node) => node.arrivalRate);
        const scale = Math.max(...lambda);
        for (let j = 0; j < n; j++) {
          const inflow = g[j]! + lambda.reduce((s, l, i) => s + l * (routing[i]?.[j] ?? 0), 0);
          expect(Math.abs(lambda[j]! - inflow)).toBeLessThanOrEqual(1e-12 * scale);
        }
        const leaving = lambda.reduce((s, l, i) => s + l * (1 - routing[i]!.reduce((a, b) => a + b, 0)), 0);
        expectRel(leaving, m.throughput, 1e-9, 'flow out = flow in');
        expectRel(
          m.W,
          m.nodes.reduce((s, node) => s + node.visits * node.W, 0),
          1e-9,
          'W = Σ visits·W',
        );
        expectRel(m.L, m.throughput * m.W, 1e-12, 'L = ΛW');
      }),
      { seed: 501, numRuns: 150 },
    );
  });

  it('a node nobody reaches has zero traffic and a plain service time', () => {
    const m = jackson({
      nodes: [
        { externalRate: 1, serviceRate: 2, servers: 1 },
        { name: 'idle', externalRate: 0, serviceRate: 5, servers: 1 },
      ],
      routing: [
        [0, 0],
        [1, 0],
      ],
    });
    expect(m.nodes[1]).toMatchObject({ arrivalRate: 0, visits: 0, L: 0, Lq: 0, Wq: 0, W: 0.2 });
  });
});

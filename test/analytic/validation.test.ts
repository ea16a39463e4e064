/**
 * Bad input: every public function rejects invalid parameters before computing anything, with a
 * ParameterError whose message names the parameter path and shows the offending value. Instability
 * errors name the parameters that conflict.
 */
import { describe, expect, it } from 'vitest';
import {
  allenCunneen,
  erlangB,
  erlangC,
  halfinWhittBeta,
  halfinWhittWaitProbability,
  jackson,
  kingman,
  md1,
  mg1,
  minimumServers,
  mm1,
  mm1k,
  mmc,
  mmck,
  mmcSojournTail,
  mmcStateProbabilities,
  mmcWaitQuantile,
  mmcWaitTail,
  squareRootStaffing,
} from '../../src/analytic/index.js';
import { ParameterError } from '../../src/kernel/errors.js';

/** Call `f`, expect a ParameterError at `path` whose message contains every fragment. */
function rejects(f: () => unknown, path: string, ...fragments: string[]): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a ParameterError at ${path}`).toBeInstanceOf(ParameterError);
  const err = caught as ParameterError;
  expect(err.path).toBe(path);
  expect(err.message.startsWith(`${path}: expected `)).toBe(true);
  for (const fragment of fragments) expect(err.message).toContain(fragment);
}

const mmcOk = { arrivalRate: 2, serviceRate: 1, servers: 3 };
const bad = (x: unknown) => x as never;

describe('Erlang functions', () => {
  it('reject bad servers and loads', () => {
    rejects(() => erlangB(-1, 5), 'servers', 'got -1');
    rejects(() => erlangB(2.5, 5), 'servers', 'integer', 'got 2.5');
    rejects(() => erlangB(10, -0.1), 'load', 'got -0.1');
    rejects(() => erlangB(10, Number.NaN), 'load', 'got NaN');
    rejects(() => erlangB(10, Number.POSITIVE_INFINITY), 'load', 'got Infinity');
    rejects(() => erlangB(bad('10'), 5), 'servers', 'got "10"');
    rejects(() => erlangC(0, 0.5), 'servers', 'got 0');
    rejects(() => erlangC(10, 10), 'load', 'servers = 10', 'got 10');
    rejects(() => erlangC(10, 12, 'sites[2]'), 'sites[2].load', 'got 12');
  });
});

describe('M/M/c family', () => {
  it('reject bad fields with their paths', () => {
    rejects(() => mmc({ ...mmcOk, arrivalRate: -1 }), 'arrivalRate', 'got -1');
    rejects(() => mmc({ ...mmcOk, serviceRate: 0 }), 'serviceRate', '> 0', 'got 0');
    rejects(() => mmc({ ...mmcOk, servers: 0 }), 'servers', 'got 0');
    rejects(() => mmc({ ...mmcOk, servers: 1.5 }), 'servers', 'got 1.5');
    rejects(() => mmc({ arrivalRate: 2, serviceRate: 1 } as never), 'servers', 'got undefined');
    rejects(() => mmc({ ...mmcOk, severs: 3 } as never), 'severs', 'known parameter', 'servers', 'got 3');
    rejects(() => mmc(bad(null)), 'params', 'got null');
    rejects(() => mmc({ ...mmcOk, servers: -2 }, 'sites[0].desk'), 'sites[0].desk.servers', 'got -2');
    rejects(() => mm1({ arrivalRate: 1, serviceRate: Number.NaN }), 'serviceRate', 'got NaN');
  });

  it('reject unstable queues, naming arrival rate, servers and service rate', () => {
    rejects(
      () => mmc({ arrivalRate: 3, serviceRate: 1, servers: 3 }),
      'arrivalRate',
      'servers × serviceRate = 3 × 1 = 3',
      'got 3',
    );
    rejects(() => mm1({ arrivalRate: 1.2, serviceRate: 1 }), 'arrivalRate', 'serviceRate = 1', 'got 1.2');
    rejects(
      () => mmc({ arrivalRate: 5, serviceRate: 1, servers: 4 }, 'site'),
      'site.arrivalRate',
      '4 × 1 = 4',
    );
  });

  it('distribution functions reject bad times and probabilities', () => {
    rejects(() => mmcWaitTail(mmcOk, -1), 't', 'got -1');
    rejects(() => mmcSojournTail(mmcOk, Number.NaN, 'x'), 'x.t', 'got NaN');
    rejects(() => mmcWaitQuantile(mmcOk, 1), 'p', '[0, 1)', 'got 1');
    rejects(() => mmcWaitQuantile(mmcOk, -0.1), 'p', 'got -0.1');
    rejects(() => mmcStateProbabilities(mmcOk, -1), 'maxN', 'got -1');
    rejects(() => mmcStateProbabilities(mmcOk, 2.5), 'maxN', 'got 2.5');
    rejects(() => mmcWaitTail({ ...mmcOk, servers: 2 }, 1), 'arrivalRate', 'got 2');
  });

  it('finite-capacity models reject a capacity below the servers', () => {
    rejects(() => mmck({ ...mmcOk, capacity: 2 }), 'capacity', 'servers = 3', 'got 2');
    rejects(() => mmck({ ...mmcOk, capacity: 4.5 }), 'capacity', 'got 4.5');
    rejects(() => mmck({ ...mmcOk, capacity: 5, arrivalRate: -3 }), 'arrivalRate', 'got -3');
    rejects(() => mm1k({ arrivalRate: 1, serviceRate: 1, capacity: 0 }), 'capacity', 'got 0');
    rejects(
      () => mm1k({ arrivalRate: 1, serviceRate: 1, capacity: 3, servers: 1 } as never),
      'servers',
      'known parameter',
    );
  });
});

describe('M/G/1 and approximations', () => {
  it('reject bad moments and unstable loads', () => {
    rejects(() => mg1({ arrivalRate: 0.5, serviceMean: 0, serviceScv: 1 }), 'serviceMean', 'got 0');
    rejects(() => mg1({ arrivalRate: 0.5, serviceMean: 1, serviceScv: -1 }), 'serviceScv', 'got -1');
    rejects(
      () => mg1({ arrivalRate: 0.5, serviceMean: 1, serviceVariance: -2 }),
      'serviceVariance',
      'got -2',
    );
    rejects(() => mg1({ arrivalRate: 0.5, serviceMean: 1 } as never), 'params', 'exactly one of');
    rejects(
      () => mg1({ arrivalRate: 0.5, serviceMean: 1, serviceScv: 1, serviceVariance: 1 } as never, 'q'),
      'q',
      'exactly one of',
    );
    rejects(
      () => mg1({ arrivalRate: 2, serviceMean: 0.5, serviceScv: 1 }),
      'arrivalRate',
      '1 / serviceMean = 1 / 0.5 = 2',
      'got 2',
    );
    rejects(() => md1({ arrivalRate: 1, serviceTime: 1 }), 'arrivalRate', '1 / serviceTime', 'got 1');
    rejects(() => md1({ arrivalRate: 1, serviceTime: -1 }), 'serviceTime', 'got -1');
    rejects(
      () => kingman({ arrivalRate: 0.5, serviceMean: 1, arrivalScv: Number.NaN, serviceScv: 1 }),
      'arrivalScv',
      'got NaN',
    );
    rejects(
      () => allenCunneen({ arrivalRate: 3, serviceMean: 1, servers: 3, arrivalScv: 1, serviceScv: 1 }),
      'arrivalRate',
      'servers / serviceMean = 3 / 1 = 3',
    );
    rejects(
      () => allenCunneen({ arrivalRate: 1, serviceMean: 1, servers: 0, arrivalScv: 1, serviceScv: 1 }, 'g'),
      'g.servers',
      'got 0',
    );
  });
});

describe('jackson', () => {
  const node = { externalRate: 1, serviceRate: 3, servers: 1 };
  const ok = {
    nodes: [node, { ...node, externalRate: 0 }],
    routing: [
      [0, 0.5],
      [0, 0],
    ],
  };

  it('rejects malformed nodes', () => {
    rejects(() => jackson({ ...ok, nodes: [] }), 'nodes', 'non-empty', 'got []');
    rejects(() => jackson({ ...ok, nodes: [node, { ...node, servers: 0 }] }), 'nodes[1].servers', 'got 0');
    rejects(
      () => jackson({ ...ok, nodes: [node, { ...node, externalRate: -1 }] }),
      'nodes[1].externalRate',
      'got -1',
    );
    rejects(() => jackson({ ...ok, nodes: [node, { ...node, name: '' }] }), 'nodes[1].name', 'got ""');
    rejects(
      () => jackson({ ...ok, nodes: [node, { ...node, rate: 1 } as never] }),
      'nodes[1].rate',
      'known parameter',
    );
    rejects(
      () =>
        jackson({
          ...ok,
          nodes: [
            { ...node, externalRate: 0 },
            { ...node, externalRate: 0 },
          ],
        }),
      'nodes',
      'externalRate > 0',
    );
  });

  it('rejects malformed routing matrices with the cell path', () => {
    rejects(() => jackson({ ...ok, routing: [[0, 0.5]] }), 'routing', '2 × 2 matrix');
    rejects(() => jackson({ ...ok, routing: [[0, 0.5], [0]] }), 'routing[1]', 'a row of 2', 'got [0]');
    rejects(
      () =>
        jackson({
          ...ok,
          routing: [
            [0, 0.5],
            [1.5, 0],
          ],
        }),
      'routing[1][0]',
      'probability',
      'got 1.5',
    );
    rejects(
      () =>
        jackson({
          ...ok,
          routing: [
            [0, -0.1],
            [0, 0],
          ],
        }),
      'routing[0][1]',
      'got -0.1',
    );
    rejects(
      () =>
        jackson({
          ...ok,
          routing: [
            [0.7, 0.5],
            [0, 0],
          ],
        }),
      'routing[0]',
      'at most 1',
      'got 1.2',
    );
    rejects(
      () =>
        jackson({
          ...ok,
          routing: [
            [0, 0.5],
            [0, bad('x')],
          ],
        }),
      'routing[1][1]',
      'got "x"',
    );
  });

  it('rejects a node with no way out, naming it', () => {
    rejects(
      () =>
        jackson({
          nodes: [node, { ...node, name: 'loop' }],
          routing: [
            [0, 0.5],
            [0, 1],
          ],
        }),
      'routing[1]',
      'node 1 "loop"',
      'circulate forever',
    );
    // Node 0 sends everything into the loop, so it is trapped too; both are listed.
    rejects(
      () =>
        jackson({
          nodes: [node, { ...node, name: 'loop' }],
          routing: [
            [0, 1],
            [0, 1],
          ],
        }),
      'routing[0]',
      'from node 0 (',
      'reaching node 0, node 1 "loop" circulate forever',
    );
    // Two nodes sending everything to each other.
    rejects(
      () =>
        jackson({
          ...ok,
          routing: [
            [0, 1],
            [1, 0],
          ],
        }),
      'routing[0]',
      'route out',
    );
  });

  it('rejects an unstable node, naming it and showing its total arrival rate', () => {
    rejects(
      () =>
        jackson(
          {
            nodes: [node, { ...node, name: 'swab', externalRate: 0, serviceRate: 0.4 }],
            routing: [
              [0, 0.5],
              [0, 0],
            ],
          },
          'net',
        ),
      'net.nodes[1]',
      'node 1 "swab"',
      '1 × 0.4 = 0.4',
      'got 0.5',
    );
    // Feedback pushes a node over: γ = 1, p = 0.8 → λ = 5 > 3.
    rejects(() => jackson({ nodes: [node], routing: [[0.8]] }), 'nodes[0]', 'got 5');
  });
});

describe('staffing', () => {
  it('rejects bad rates, factors and targets', () => {
    rejects(() => squareRootStaffing({ arrivalRate: 0, serviceRate: 1, beta: 1 }), 'arrivalRate', 'got 0');
    rejects(() => squareRootStaffing({ arrivalRate: 1, serviceRate: 1, beta: -1 }), 'beta', 'got -1');
    rejects(() => halfinWhittWaitProbability(-0.5), 'beta', 'got -0.5');
    rejects(() => halfinWhittBeta(0), 'alpha', '(0, 1)', 'got 0');
    rejects(() => halfinWhittBeta(1), 'alpha', 'got 1');
    rejects(() => minimumServers({ arrivalRate: 1, serviceRate: 1 }), 'params', 'at least one target');
    rejects(
      () => minimumServers({ arrivalRate: 1, serviceRate: 1, maxWaitProbability: 1 }),
      'maxWaitProbability',
      'got 1',
    );
    rejects(() => minimumServers({ arrivalRate: 1, serviceRate: 1, maxMeanWait: 0 }), 'maxMeanWait', 'got 0');
    rejects(
      () => minimumServers({ arrivalRate: 1, serviceRate: 1, serviceLevel: { within: -1, fraction: 0.8 } }),
      'serviceLevel.within',
      'got -1',
    );
    rejects(
      () =>
        minimumServers({ arrivalRate: 1, serviceRate: 1, serviceLevel: { within: 1, fraction: 1 } }, 'staff'),
      'staff.serviceLevel.fraction',
      'got 1',
    );
    rejects(
      () =>
        minimumServers({ arrivalRate: 1, serviceRate: 1, serviceLevel: { within: 1, share: 0.8 } as never }),
      'serviceLevel.share',
      'known parameter',
    );
  });
});

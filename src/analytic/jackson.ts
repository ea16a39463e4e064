/**
 * Open Jackson networks: nodes that are M/M/c queues, Poisson arrivals from outside at rate γᵢ to node
 * i, and Markov routing — a customer finishing at node i goes next to node j with probability `P[i][j]`
 * and leaves with the remaining probability `1 − Σⱼ P[i][j]`.
 *
 * Jackson's theorem says that in steady state each node behaves as an independent M/M/cᵢ queue fed at
 * its total rate λᵢ, where λ solves the traffic equations `λ = γ + Pᵀλ`, i.e. `(I − Pᵀ)λ = γ`. The
 * system is solved by Gaussian elimination with partial pivoting (`linearSolve.ts`). It has a unique
 * solution exactly when every node has a route out of the network; that is checked first, so a closed
 * loop is reported by the node that traps customers rather than as a singular matrix. Each node must
 * then be stable, λᵢ < cᵢμᵢ.
 *
 * Network totals follow from Little's law: the mean number in the network is `Σ Lᵢ`, the throughput is
 * `Σ γᵢ`, and the mean time a customer spends in the network is `W = Σ Lᵢ / Σ γᵢ` (which also equals
 * `Σ vᵢ Wᵢ`, with `vᵢ = λᵢ / Σγ` the mean number of visits to node i).
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { nonEmptyString, nonNegative, positive, positiveInt } from '../kernel/validate.js';
import { solveLinear } from './linearSolve.js';
import { mmcUnchecked, type QueueMetrics } from './mmc.js';
import { at, readParams } from './params.js';

/**
 * One node of an open Jackson network.
 *
 * @example
 * ```ts
 * const swab: JacksonNode = { name: 'swab', externalRate: 0, serviceRate: 1 / 40, servers: 25 };
 * ```
 */
export interface JacksonNode {
  /** A label used in error messages and results; defaults to `node <index>`. */
  readonly name?: string;
  /** γ: arrivals per unit time from outside the network, ≥ 0. */
  readonly externalRate: number;
  /** μ: services per unit time of one busy server, > 0. */
  readonly serviceRate: number;
  /** c: number of servers, an integer ≥ 1. */
  readonly servers: number;
}

/**
 * An open Jackson network: its nodes and the routing matrix between them.
 *
 * @example
 * ```ts
 * // registration → swab, and 10 % of swabs are redone
 * const net: JacksonParams = {
 *   nodes: [
 *     { name: 'registration', externalRate: 0.5, serviceRate: 1 / 20, servers: 12 },
 *     { name: 'swab', externalRate: 0, serviceRate: 1 / 40, servers: 25 },
 *   ],
 *   routing: [
 *     [0, 1],
 *     [0, 0.1],
 *   ],
 * };
 * ```
 */
export interface JacksonParams {
  /** The nodes, at least one; node i is row and column i of `routing`. */
  readonly nodes: readonly JacksonNode[];
  /**
   * `routing[i][j]`: probability that a customer leaving node i goes next to node j. Entries lie in
   * [0, 1], each row sums to at most 1, and the rest of the row is the probability of leaving.
   */
  readonly routing: readonly (readonly number[])[];
}

/**
 * Steady-state measures of one node of a Jackson network.
 *
 * @example
 * ```ts
 * const swab: JacksonNodeMetrics = jackson(net).nodes[1]!;
 * swab.arrivalRate; // external plus routed arrivals per unit time
 * ```
 */
export interface JacksonNodeMetrics extends QueueMetrics {
  /** The node's name. */
  readonly name: string;
  /** γ: arrivals from outside, as given. */
  readonly externalRate: number;
  /** λ: total arrival rate at the node (external plus routed), from the traffic equations. */
  readonly arrivalRate: number;
  /** Mean number of visits a customer entering the network pays to this node, λ / Σγ. */
  readonly visits: number;
}

/**
 * Steady-state measures of an open Jackson network.
 *
 * @example
 * ```ts
 * const m: JacksonMetrics = jackson(net);
 * m.W; // mean time from entering to leaving the network
 * ```
 */
export interface JacksonMetrics {
  /** Customers entering (and, in steady state, leaving) the network per unit time, Σγ. */
  readonly throughput: number;
  /** Mean number in the whole network. */
  readonly L: number;
  /** Mean number waiting anywhere in the network. */
  readonly Lq: number;
  /** Mean time in the network per customer, L / throughput. */
  readonly W: number;
  /** Mean total time spent waiting per customer, Lq / throughput. */
  readonly Wq: number;
  /** Per-node measures, in the order of the input nodes. */
  readonly nodes: JacksonNodeMetrics[];
}

/** Row sums may exceed 1 by this much (rounding in hand-typed data); a row leaks if below 1 − EXIT_EPS. */
const ROW_SUM_SLACK = 1e-9;
const EXIT_EPS = 1e-12;

interface NodeInput {
  readonly name: string;
  readonly label: string;
  readonly gamma: number;
  readonly mu: number;
  readonly c: number;
}

function readNodes(value: unknown, path: string): NodeInput[] {
  const nodesPath = at(path, 'nodes');
  if (!Array.isArray(value) || value.length === 0)
    throw new ParameterError(nodesPath, 'a non-empty array of nodes', value);
  return value.map((node: unknown, i) => {
    const np = at(nodesPath, i);
    const p = readParams(node, np, 'a Jackson network node', [
      'name',
      'externalRate',
      'serviceRate',
      'servers',
    ]);
    const name = p.name === undefined ? `node ${i}` : nonEmptyString(p.name, at(np, 'name'));
    return {
      name,
      label: p.name === undefined ? `node ${i}` : `node ${i} ${JSON.stringify(name)}`,
      gamma: nonNegative(p.externalRate, at(np, 'externalRate')),
      mu: positive(p.serviceRate, at(np, 'serviceRate')),
      c: positiveInt(p.servers, at(np, 'servers')),
    };
  });
}

function readRouting(value: unknown, n: number, path: string): number[][] {
  const rPath = at(path, 'routing');
  const shape = `a ${n} × ${n} matrix (one row and one column per node)`;
  if (!Array.isArray(value) || value.length !== n) throw new ParameterError(rPath, shape, value);
  return value.map((row: unknown, i) => {
    const rowPath = at(rPath, i);
    if (!Array.isArray(row) || row.length !== n)
      throw new ParameterError(rowPath, `a row of ${n} probabilities (${shape})`, row);
    let sum = 0;
    const out = row.map((x: unknown, j) => {
      if (typeof x !== 'number' || !(x >= 0 && x <= 1))
        throw new ParameterError(at(rowPath, j), 'a probability in [0, 1]', x);
      sum += x;
      return x;
    });
    if (sum > 1 + ROW_SUM_SLACK)
      throw new ParameterError(rowPath, 'a row summing to at most 1 (the remainder leaves the network)', sum);
    return out;
  });
}

/**
 * Throw, naming the first such node, unless every node has a route out of the network: otherwise
 * customers reaching it circulate forever and `I − Pᵀ` is singular.
 */
function requireExits(routing: number[][], nodes: NodeInput[], path: string): void {
  const n = nodes.length;
  const canExit = routing.map((row) => row.reduce((s, x) => s + x, 0) < 1 - EXIT_EPS);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (canExit[i]) continue;
      if (routing[i]!.some((p, j) => p > 0 && canExit[j])) {
        canExit[i] = true;
        changed = true;
      }
    }
  }
  const trapped = nodes.filter((_, i) => !canExit[i]);
  const first = canExit.indexOf(false);
  if (first >= 0)
    throw new ParameterError(
      at(at(path, 'routing'), first),
      `a route out of the network from ${nodes[first]!.label} (as given, customers reaching ` +
        `${trapped.map((node) => node.label).join(', ')} circulate forever)`,
      routing[first],
    );
}

/**
 * Solve the traffic equations `(I − Pᵀ)λ = γ` by Gaussian elimination.
 *
 * @example
 * ```ts
 * trafficRates([1, 0], [[0, 1], [0.5, 0]]); // [2, 2]
 * ```
 * @internal
 */
export function trafficRates(gamma: readonly number[], routing: readonly (readonly number[])[]): number[] {
  const n = gamma.length;
  // A = I − Pᵀ: row i holds what flows into node i, A[i][j] = δᵢⱼ − P[j][i].
  const a = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - (routing[j]?.[i] ?? 0)),
  );
  // Tiny negative rates are rounding residue of a true zero.
  return solveLinear(a, gamma).map((x) => Math.max(0, x));
}

/**
 * Steady-state measures of an open Jackson network of M/M/c nodes.
 *
 * @param params - the nodes (external rate, service rate, servers) and the routing matrix
 * @param path - prefix for error paths, e.g. `network`
 * @throws ParameterError for a malformed node or matrix (`routing[2][1]`, `nodes[0].servers`), a node
 *   with no route out, no external arrivals at all, or a node whose total arrival rate reaches its
 *   capacity (the message names the node and shows λ and cμ).
 *
 * @example
 * ```ts
 * // Tandem: every customer visits node 0 then node 1, then leaves.
 * const m = jackson({
 *   nodes: [
 *     { name: 'register', externalRate: 1, serviceRate: 2, servers: 1 },
 *     { name: 'swab', externalRate: 0, serviceRate: 4, servers: 1 },
 *   ],
 *   routing: [[0, 1], [0, 0]],
 * });
 * m.nodes[1]!.arrivalRate; // 1
 * m.W;                     // 1/(2−1) + 1/(4−1) ≈ 1.333
 * ```
 */
export function jackson(params: JacksonParams, path = ''): JacksonMetrics {
  const p = readParams(params, path, 'an open Jackson network', ['nodes', 'routing']);
  const nodes = readNodes(p.nodes, path);
  const routing = readRouting(p.routing, nodes.length, path);
  const gamma = nodes.map((node) => node.gamma);
  const throughput = gamma.reduce((s, g) => s + g, 0);
  if (!(throughput > 0))
    throw new ParameterError(at(path, 'nodes'), 'at least one node with externalRate > 0', gamma);
  requireExits(routing, nodes, path);
  const lambda = trafficRates(gamma, routing);
  const metrics = nodes.map((node, i): JacksonNodeMetrics => {
    const rate = lambda[i]!;
    const capacity = node.c * node.mu;
    if (!(rate < capacity))
      throw new ParameterError(
        at(at(path, 'nodes'), i),
        `a total arrival rate (external plus routed) < servers × serviceRate = ${node.c} × ${node.mu} = ` +
          `${capacity}, for ${node.label} to be stable`,
        rate,
      );
    return {
      name: node.name,
      externalRate: node.gamma,
      arrivalRate: rate,
      visits: rate / throughput,
      ...mmcUnchecked(rate, node.mu, node.c),
    };
  });
  const L = metrics.reduce((s, m) => s + m.L, 0);
  const Lq = metrics.reduce((s, m) => s + m.Lq, 0);
  return { throughput, L, Lq, W: L / throughput, Wq: Lq / throughput, nodes: metrics };
}

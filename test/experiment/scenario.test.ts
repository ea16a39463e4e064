import { describe, expect, it } from 'vitest';
import {
  checkScenario,
  combineOverrides,
  compareScenarios,
  defineScenario,
  exponential,
  formatComparisonTable,
  formatScenarioTable,
  mergeParameters,
  overrideFromAssignment,
  ParameterError,
  Resource,
  runScenario,
  Simulation,
} from '../../src/index.js';

/** An M/M/c desk serving a fixed crowd: finish time and people served by a deadline. */
const desk = defineScenario({
  name: 'desk',
  title: 'A desk',
  epoch: '2022-04-13T19:00+08:00',
  defaults: { people: 200, servers: 2, service: { mean: 60 }, deadline: 3600 },
  validate: (p) => {
    if (!(Number.isInteger(p.servers) && p.servers >= 1))
      throw new ParameterError('servers', 'an integer ≥ 1', p.servers);
  },
  run: (p, ctx) => {
    const sim = new Simulation({ seed: ctx.seed, monitors: false });
    const desks = new Resource(sim, { capacity: p.servers });
    const service = exponential({ mean: p.service.mean });
    const rng = sim.stream('service');
    let served = 0;
    let byDeadline = 0;
    const finish = () => {
      served++;
      if (sim.now <= p.deadline) byDeadline++;
      desks.free();
    };
    const start = () => sim.schedule(service.sample(rng), finish);
    for (let i = 0; i < p.people; i++) desks.seize(start, i);
    sim.run();
    return { finish: sim.now, served, byDeadline };
  },
  figures: [
    {
      id: 'finish',
      label: 'Last person served',
      unit: 'clock',
      value: (r) => r.finish,
      reported: 6000,
      source: 'F0',
      tolerance: 0.1,
    },
    {
      id: 'byDeadline',
      label: 'Served in an hour',
      unit: 'count',
      value: (r) => r.byDeadline,
      reported: 120,
      fitted: 'servers',
    },
  ],
  metrics: [{ id: 'served', label: 'Served', unit: 'count', value: (r) => r.served }],
});

describe('runScenario', () => {
  it('summarises every figure over replications, reproducibly', () => {
    const a = runScenario(desk, { replications: 8, seed: 3 });
    const b = runScenario(desk, { replications: 8, seed: 3 });
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    const finish = a.figures[0]!;
    // 200 people, 2 servers, mean 60 s: about 6000 s.
    expect(finish.median).toBeGreaterThan(4500);
    expect(finish.median).toBeLessThan(7500);
    expect(finish.lower!).toBeLessThanOrEqual(finish.median!);
    expect(finish.upper!).toBeGreaterThanOrEqual(finish.median!);
    expect(finish.withinTolerance).toBe(Math.abs(finish.median! / 6000 - 1) <= 0.1);
    expect(a.figures[1]!.fitted).toBe('servers');
    expect(a.metrics[0]!.median).toBe(200); // everyone is served: nothing lost
    expect(a.values.finish).toHaveLength(8);
  });

  it('moves with the parameters', () => {
    const two = runScenario(desk, { replications: 5, seed: 3 });
    const four = runScenario(desk, { replications: 5, seed: 3, overrides: { servers: 4 } });
    expect(four.figures.at(0)?.median ?? 0).toBeLessThan(two.figures.at(0)?.median ?? 0);
    expect(four.parameters.servers).toBe(4);
  });

  it('rejects bad options and parameters before running', () => {
    expect(() => runScenario(desk, { replications: 0 })).toThrow(/options.replications/);
    expect(() => runScenario(desk, { overrides: { servers: 0 } })).toThrow(
      /servers: expected an integer ≥ 1, got 0/,
    );
    expect(() => runScenario(desk, { overrides: { sevrers: 3 } as never })).toThrow(/parameters.sevrers/);
    expect(() => runScenario(desk, { interval: 1 })).toThrow(/options.interval/);
  });

  it('reports progress', () => {
    const seen: number[] = [];
    runScenario(desk, { replications: 3, seed: 1, onProgress: (d, t) => seen.push(d / t) });
    expect(seen).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('prints clock times and the fitted column', () => {
    const text = formatScenarioTable(runScenario(desk, { replications: 4, seed: 3 }));
    expect(text).toMatch(/Last person served\s+20:40 \(F0\)/); // 6000 s after 19:00
    expect(text).toMatch(/fitted/);
    expect(text).toMatch(/prediction/);
  });
});

describe('compareScenarios', () => {
  it('pairs replications with common random numbers', () => {
    const more = defineScenario({ ...desk, name: 'desk-3', defaults: { ...desk.defaults, servers: 3 } });
    const c = compareScenarios(desk, more, { replications: 10, seed: 5 });
    const finish = c.differences.find((d) => d.id === 'finish')!;
    expect(finish.mean!).toBeLessThan(0);
    expect(finish.significant).toBe(true);
    expect(c.resultA.seed).toBe(c.resultB.seed);
    expect(formatComparisonTable(c)).toMatch(/desk-3 vs desk/);
    // Same scenario on both sides: every difference is exactly zero.
    const same = compareScenarios(desk, desk, { replications: 4, seed: 5 });
    expect(same.differences.every((d) => d.mean === 0)).toBe(true);
  });
});

describe('scenario shape and overrides', () => {
  it('names the bad field', () => {
    expect(() => checkScenario({ ...desk, name: 'a b' })).toThrow(/scenario.name/);
    expect(() => checkScenario({ ...desk, run: 1 })).toThrow(/scenario.run/);
    expect(() => checkScenario({ ...desk, figures: [{ ...desk.figures[0], unit: 'parsecs' }] })).toThrow(
      /scenario.figures\[0\].unit/,
    );
    expect(() => checkScenario({ ...desk, metrics: [desk.figures[0]] })).toThrow(/metrics\[0\].reported/);
    expect(() => checkScenario({ ...desk, metrics: [{ ...desk.metrics?.[0], id: 'finish' }] })).toThrow(
      /used once/,
    );
    expect(() => checkScenario(null)).toThrow(/scenario/);
  });

  it('merges overrides by path and rejects unknown or mistyped ones', () => {
    const d = { a: { b: 1, c: '40 s' }, list: [1, 2] };
    expect(mergeParameters(d, { a: { b: 2 } })).toEqual({ a: { b: 2, c: '40 s' }, list: [1, 2] });
    expect(mergeParameters(d, { a: { c: 30 as never } })).toEqual({ a: { b: 1, c: 30 }, list: [1, 2] });
    expect(() => mergeParameters(d, { a: { x: 1 } as never })).toThrow(/parameters.a.x/);
    expect(() => mergeParameters(d, { a: 3 as never })).toThrow(/parameters.a: expected an object/);
    expect(() => mergeParameters(d, { list: 3 as never })).toThrow(/parameters.list/);
    expect(mergeParameters(d, undefined)).not.toBe(d);
  });

  it('parses --set assignments', () => {
    expect(overrideFromAssignment('hedong.swabbers=1200')).toEqual({ hedong: { swabbers: 1200 } });
    expect(overrideFromAssignment('reg.mean=40 s')).toEqual({ reg: { mean: '40 s' } });
    expect(overrideFromAssignment('x=[1,2]')).toEqual({ x: [1, 2] });
    expect(() => overrideFromAssignment('nothing')).toThrow(/--set/);
    expect(combineOverrides([{ a: { b: 1 } }, { a: { c: 2 } }, { a: { b: 3 } }])).toEqual({
      a: { b: 3, c: 2 },
    });
  });
});

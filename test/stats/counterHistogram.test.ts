/**
 * Counter and Histogram: deterministic inputs with exact counts, accounting that adds up, reset, and
 * errors naming the parameter.
 */
import { describe, expect, test } from 'vitest';
import { Counter, Histogram } from '../../src/stats/index.js';
import { message } from './helpers.js';

describe('Counter', () => {
  test('counts by label; declared labels appear with 0; total adds up', () => {
    const c = new Counter('outcome', { labels: ['served', 'reneged', 'balked'] });
    c.increment('served');
    c.increment('served');
    c.increment('rejected');
    c.increment('served', 3);
    expect(c.summary()).toEqual({
      kind: 'counter',
      name: 'outcome',
      since: 0,
      total: 6,
      counts: { served: 5, reneged: 0, balked: 0, rejected: 1 },
    });
    expect([c.get('served'), c.get('nobody'), c.labels]).toEqual([
      5,
      0,
      ['served', 'reneged', 'balked', 'rejected'],
    ]);
  });

  test('reset(time) zeroes the counts and keeps only the declared labels', () => {
    const c = new Counter('outcome', { labels: ['served'] });
    c.increment('served');
    c.increment('balked');
    c.reset(60);
    expect(c.summary()).toEqual({
      kind: 'counter',
      name: 'outcome',
      since: 60,
      total: 0,
      counts: { served: 0 },
    });
  });

  test('bad input names the parameter and value', () => {
    const c = new Counter('outcome');
    expect(message(() => c.increment('served', Number.NaN))).toBe(
      'ParameterError: outcome.increment(by): expected a finite number, got NaN',
    );
    expect(message(() => new Counter('x', { labels: ['a', 3 as unknown as string] }))).toBe(
      'ParameterError: Counter("x").labels[1]: expected a string, got 3',
    );
    expect(c.total).toBe(0);
  });
});

describe('Histogram', () => {
  test('bins are left-closed, right-open; under- and overflow catch the rest', () => {
    const h = new Histogram('wait', [0, 900, 1800, 3600]);
    for (const x of [-1, 0, 899.9, 900, 1800, 3599, 3600, 1e9]) h.observe(x);
    expect(h.summary()).toEqual({
      kind: 'histogram',
      name: 'wait',
      since: 0,
      edges: [0, 900, 1800, 3600],
      counts: [2, 1, 2],
      underflow: 1,
      overflow: 2,
      total: 8,
    });
  });

  test('weights (time spent at a level) and ±Infinity', () => {
    const h = new Histogram('queue', [0, 5, 10]);
    h.observe(3, 2.5);
    h.observe(7, 0.5);
    h.observe(Number.NEGATIVE_INFINITY);
    h.observe(Number.POSITIVE_INFINITY);
    const s = h.summary();
    expect([s.counts, s.underflow, s.overflow, s.total]).toEqual([[2.5, 0.5], 1, 1, 5]);
  });

  test('linear(min, max, bins) builds equal-width bins ending exactly at max', () => {
    const h = Histogram.linear('q', 0, 1, 10);
    const edges = h.summary().edges;
    expect([edges.length, edges[0], edges[10], edges[3]]).toEqual([11, 0, 1, 0.3]);
    h.observe(0.3);
    expect(h.summary().counts[3]).toBe(1);
  });

  test('reset(time) zeroes every count', () => {
    const h = new Histogram('w', [0, 1]);
    h.observe(0.5);
    h.observe(-2);
    h.reset(10);
    const s = h.summary();
    expect([s.since, s.counts, s.underflow, s.total]).toEqual([10, [0], 0, 0]);
  });

  test('every observation lands in exactly one place (counts add up to the total)', () => {
    const h = Histogram.linear('x', -5, 5, 7);
    for (let i = -100; i <= 100; i++) h.observe(i / 7);
    const s = h.summary();
    expect(s.counts.reduce((a, b) => a + b, 0) + s.underflow + s.overflow).toBe(201);
  });

  test('bad edges and observations name the parameter and value', () => {
    expect(message(() => new Histogram('w', [0, 900, 900]))).toBe(
      'ParameterError: Histogram("w").edges[2]: expected a number > 900, got 900',
    );
    expect(message(() => new Histogram('w', [0]))).toBe(
      'ParameterError: Histogram("w").edges: expected an array of at least 2 increasing numbers, got [0]',
    );
    expect(message(() => new Histogram('w', [0, Number.NaN]))).toBe(
      'ParameterError: Histogram("w").edges[1]: expected a finite number, got NaN',
    );
    expect(message(() => Histogram.linear('w', 0, 10, 0))).toBe(
      'ParameterError: Histogram.linear("w").bins: expected an integer ≥ 1, got 0',
    );
    const h = new Histogram('w', [0, 1]);
    expect(message(() => h.observe(Number.NaN))).toBe(
      'ParameterError: w.observe(x): expected a number, got NaN',
    );
    expect(message(() => h.observe(1, -1))).toBe(
      'ParameterError: w.observe(weight): expected a finite number ≥ 0, got -1',
    );
  });
});

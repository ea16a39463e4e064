import { describe, expect, it } from 'vitest';
import { marginalStaff, tornado } from '../../src/planning/index.js';
import { seededRng } from '../../src/random/index.js';

describe('marginalStaff', () => {
  // Finish time of a two-stage line where each stage's time is work / staff with shared noise;
  // stage b is the slow one, so one more person in b buys the most.
  const figure = (p: Readonly<Record<string, number>>, seed: number): number => {
    const u = seededRng(seed, 'work').next();
    return Math.max((100 * (1 + u)) / (p.a ?? 1), (300 * (1 + u)) / (p.b ?? 1));
  };
  it('ranks the bottleneck role first and the other role at zero effect', () => {
    const r = marginalStaff({ plan: { a: 2, b: 2 }, figure, replications: 10, seed: 1 });
    expect(r[0]?.role).toBe('b');
    expect(r[0]?.effect.upper).toBeLessThan(0);
    expect(r[1]?.effect.mean).toBe(0);
  });
  it('names a figure that is not a finite number, with its seed', () => {
    expect(() =>
      marginalStaff({
        plan: { a: 1 },
        figure: (p) => (p.a === 2 ? Number.NaN : 1),
        replications: 2,
        seed: 1,
      }),
    ).toThrow(/^figure\(…, \d+\): expected a finite number, got NaN/);
  });
  it('rejects an empty plan', () => {
    expect(() => marginalStaff({ plan: {}, figure, replications: 10, seed: 1 })).toThrow(
      /plan: expected at least one role/,
    );
  });
});

describe('tornado', () => {
  it('sorts by swing and brackets the exact effects', () => {
    const rows = tornado({
      base: { x: 1, y: 1 },
      parameters: [
        { name: 'x', low: (b) => ({ ...b, x: 0.9 }), high: (b) => ({ ...b, x: 1.1 }) },
        { name: 'y', low: (b) => ({ ...b, y: 0.5 }), high: (b) => ({ ...b, y: 2 }) },
      ],
      figure: (p, seed) => 10 * p.x + 5 * p.y + seededRng(seed, 'n').next(),
      replications: 5,
      seed: 1,
    });
    expect(rows.map((r) => r.name)).toEqual(['y', 'x']);
    expect(rows[0]?.swing).toBeCloseTo(7.5, 9);
    expect(rows[1]?.low.mean).toBeCloseTo(-1, 9);
  });
  it('rejects an empty parameter list', () => {
    expect(() => tornado({ base: 1, parameters: [], figure: () => 0, replications: 2, seed: 1 })).toThrow(
      /parameters: expected a non-empty list/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/kernel/errors.js';
import { leastStaffRoles } from '../../src/planning/index.js';
import { seededRng } from '../../src/random/index.js';

describe('leastStaffRoles', () => {
  // Two stages in series; a replication meets the deadline when both stages' capacities exceed a
  // noisy demand. The least plan is known: clerks 3, swabbers 5 (demand at most 2.9 and 4.9).
  const trial = (p: Readonly<Record<string, number>>, seed: number): boolean => {
    const u = seededRng(seed, 'demand').next();
    return (p.clerks ?? 0) >= 2 + u * 0.9 && (p.swabbers ?? 0) >= 4 + u * 0.9;
  };
  it('finds the least plan role by role', () => {
    const r = leastStaffRoles({
      roles: [
        { role: 'clerks', min: 1, max: 10 },
        { role: 'swabbers', min: 1, max: 10, start: 2 },
      ],
      trial,
      target: 0.9,
      seed: 1,
    });
    expect(r.feasible).toBe(true);
    expect(r.plan).toEqual({ clerks: 3, swabbers: 5 });
    expect(r.simulations).toBe(r.searches.reduce((a, s) => a + s.result.simulations, 0));
  });
  it('reports a target no plan within the bounds meets', () => {
    const r = leastStaffRoles({
      roles: [
        { role: 'clerks', min: 1, max: 10 },
        { role: 'swabbers', min: 1, max: 4 },
      ],
      trial,
      target: 0.9,
      seed: 1,
    });
    expect(r.feasible).toBe(false);
    expect(r.plan).toBeNull();
    // The failing role first, its own search's verdict, then where the other roles stood.
    expect(r.message).toMatch(
      /^(clerks|swabbers): no staffing within the bounds \[\d+, \d+\] meets the target 0.9: .*, with (clerks|swabbers) at \d+$/,
    );
  });
  it('rejects empty role lists and bad bounds by path', () => {
    expect(() => leastStaffRoles({ roles: [], trial, target: 0.9, seed: 1 })).toThrow(ParameterError);
    expect(() => leastStaffRoles({ roles: [], trial, target: 0.9, seed: 1 })).toThrow(
      /roles: expected a non-empty list/,
    );
    expect(() =>
      leastStaffRoles({ roles: [{ role: 'clerks', min: 5, max: 2 }], trial, target: 0.9, seed: 1 }),
    ).toThrow(/roles\[0\]\.max: expected an integer ≥ min \(5\), got 2/);
    expect(() =>
      leastStaffRoles({
        roles: [
          { role: 'a', min: 1, max: 2 },
          { role: 'a', min: 1, max: 2 },
        ],
        trial,
        target: 0.9,
        seed: 1,
      }),
    ).toThrow(/roles\[1\]\.role/);
  });
});

/**
 * Shared pieces of the theory tests: exponential draws by inversion from a named stream, the
 * relaxation time that sets warm-up and run length, and the check that a theoretical value lies in a
 * replication confidence interval (with a message that says by how much it missed).
 */
import { expect } from 'vitest';
import type { FieldSummary } from '../../src/experiment/summary.js';
import type { Rng } from '../../src/random/rng.js';

/** An exponential draw with the given rate, by inversion (one uniform per draw: CRN-friendly). */
export function expDraw(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/**
 * Relaxation time of an M/M/c queue, τ = 1 / (cμ(1 − √ρ)²): the time scale on which it forgets its
 * initial state (Morse; used for M/M/1 and, conservatively, for M/D/1, whose queue relaxes faster).
 */
export function relaxationTime(lambda: number, mu: number, servers: number): number {
  const rho = lambda / (servers * mu);
  return 1 / (servers * mu * (1 - Math.sqrt(rho)) ** 2);
}

/**
 * `theory` must lie in the summary's interval, and the interval must be narrow enough for the check
 * to mean something (relative half-width at most `maxRelativeHalfWidth`).
 */
export function expectCovers(
  summary: FieldSummary | undefined,
  theory: number,
  maxRelativeHalfWidth: number,
): void {
  expect(summary, 'field missing from the summary').toBeDefined();
  const s = summary!;
  const where = `${s.field}: theory ${theory}, simulated ${s.mean} ± ${s.halfWidth} (${s.level * 100} %, n = ${s.n})`;
  expect(s.lower!, where).toBeLessThanOrEqual(theory);
  expect(s.upper!, where).toBeGreaterThanOrEqual(theory);
  expect(s.halfWidth! / Math.abs(theory), `${where}: interval too wide to test anything`).toBeLessThanOrEqual(
    maxRelativeHalfWidth,
  );
}

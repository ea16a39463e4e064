/**
 * Helpers for the closed-form tests: a relative-error assertion, and independent reference
 * implementations of Erlang B and C written straight from their defining sums (in log space), so the
 * library's recursions are checked against a different computation rather than against themselves.
 */
import { expect } from 'vitest';

/**
 * `|actual − expected| ≤ tol·|expected|` (or `≤ tol` when expected is 0), with both numbers in the
 * failure message.
 */
export function expectRel(actual: number, expected: number, tol: number, what = ''): void {
  const err = Math.abs(actual - expected);
  const bound = expected === 0 ? tol : tol * Math.abs(expected);
  expect(err <= bound, `${what} actual ${actual} vs expected ${expected} (rel tol ${tol})`).toBe(true);
}

/** `ln Σ_{k=0..c} A^k/k!` and `ln(A^c/c!)`, summed with a running maximum. */
function logPoissonHead(c: number, load: number): { logSum: number; logLast: number } {
  const logs: number[] = [0];
  let acc = 0;
  for (let k = 1; k <= c; k++) {
    acc += Math.log(load) - Math.log(k);
    logs.push(acc);
  }
  const max = Math.max(...logs);
  const sum = logs.reduce((s, x) => s + Math.exp(x - max), 0);
  return { logSum: max + Math.log(sum), logLast: acc };
}

/** Erlang B from its definition: (A^c/c!) / Σ_{k≤c} A^k/k!. */
export function erlangBDefinition(c: number, load: number): number {
  const { logSum, logLast } = logPoissonHead(c, load);
  return Math.exp(logLast - logSum);
}

/**
 * Erlang C from its definition: (A^c/c! · c/(c−A)) / (Σ_{k<c} A^k/k! + A^c/c! · c/(c−A)).
 */
export function erlangCDefinition(c: number, load: number): number {
  const { logSum, logLast } = logPoissonHead(c, load);
  const logTail = logLast + Math.log(c / (c - load));
  // Σ_{k<c} = Σ_{k≤c} − A^c/c!
  const logHead = logSum + Math.log1p(-Math.exp(logLast - logSum));
  const max = Math.max(logHead, logTail);
  return Math.exp(logTail - (max + Math.log(Math.exp(logHead - max) + Math.exp(logTail - max))));
}

/**
 * mathjs for the page and its workers, fetched only for a spec that has an expression
 * (`"=19:00 + 90 min"`). In a browser the library cannot load mathjs on first use (it needs
 * `await loadExpressions()` first), and loading it for every spec would make a page that opens
 * Qingxu (no expressions) fetch a large chunk it never uses; so each caller asks here first,
 * before the spec is checked, planned or run.
 *
 * `isExpression` and `expressionsLoaded` come from the expressions module itself (browser-safe; the
 * `surgesim/models` entry exports only `loadExpressions`), so "an expression" means exactly what the
 * library reads as one, and "loaded" is the library's own state.
 *
 * @module
 */
import { expressionsLoaded, isExpression } from '../../models/campaign/expressions.js';
import { loadExpressions } from '../../models/index.js';

/** Whether an expression appears anywhere in a value (a spec, or any part of one). */
export function hasExpression(value: unknown): boolean {
  if (isExpression(value)) return true;
  return value !== null && typeof value === 'object' && Object.values(value).some(hasExpression);
}

/** Whether the spec has an expression and mathjs is not loaded yet: checking it now would fail. */
export function needsExpressions(spec: unknown): boolean {
  return !expressionsLoaded() && hasExpression(spec);
}

/** Load mathjs if the spec needs it (resolves at once otherwise). */
export async function expressionsFor(spec: unknown): Promise<void> {
  if (needsExpressions(spec)) await loadExpressions();
}

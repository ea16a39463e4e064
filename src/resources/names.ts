/**
 * Default names (`batcher#1`, `staffed#2`) counted per environment and kind, so that a run's names,
 * and so its reports and error messages, do not depend on what else ran in the same JavaScript realm.
 *
 * @internal
 * @module
 */
import type { Environment } from '../kernel/environment.js';

const unnamed = new WeakMap<Environment, Map<string, number>>();

/** @internal `kind#N`, N counting the unnamed components of that kind in `env`. */
export function defaultName(env: Environment, kind: string): string {
  let counts = unnamed.get(env);
  if (counts === undefined) unnamed.set(env, (counts = new Map()));
  const n = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, n);
  return `${kind}#${n}`;
}

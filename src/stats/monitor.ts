/**
 * What every monitor shares: a name, a `reset(time)` for warm-up deletion, and a `summary()` that is
 * plain JSON-serialisable data.
 *
 * Monitors are *pure*: they never look at a simulation clock. Whoever feeds them passes the current
 * time (`queue.update(sim.now, q.length)`), so the same monitor works in the kernel's callback API, in
 * a process, in a resource, or over a table of recorded events after the run.
 *
 * @module
 */
import { nonEmptyString } from '../kernel/validate.js';

/**
 * The quantiles every summary reports, as `p50`, `p90`, `p95`, `p99`.
 *
 * @example
 * ```ts
 * SUMMARY_QUANTILES.map((p) => wait.quantile(p)); // p50, p90, p95, p99
 * ```
 */
export const SUMMARY_QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

/**
 * The common face of {@link Tally}, {@link TimeWeighted}, {@link Counter} and {@link Histogram}.
 *
 * @example
 * ```ts
 * const monitors: Monitor<MonitorSummary>[] = [wait, queue, outcome];
 * for (const m of monitors) m.reset(warmUp);
 * ```
 */
export interface Monitor<S extends { readonly kind: string; readonly name: string }> {
  /** The monitor's name, as it appears in summaries and tables. */
  readonly name: string;
  /**
   * Forget everything observed so far and start a new observation window at `time` (warm-up deletion).
   */
  reset(time: number): void;
  /** A plain, JSON-serialisable summary of the current window. */
  summary(): S;
}

/**
 * Check a monitor name (a non-empty string), naming the constructor in the error.
 *
 * @internal
 * @example
 * ```ts
 * monitorName('queue', 'Tally'); // 'queue'
 * monitorName('', 'Tally');      // throws "Tally(name): expected a non-empty string, got """
 * ```
 */
export function monitorName(name: unknown, kind: string): string {
  return nonEmptyString(name, `${kind}(name)`);
}

/**
 * `undefined` → `null`, so summaries survive `JSON.stringify` with every field present.
 *
 * @internal
 * @example
 * ```ts
 * orNull(undefined); // null
 * ```
 */
export function orNull(x: number | undefined): number | null {
  return x === undefined ? null : x;
}

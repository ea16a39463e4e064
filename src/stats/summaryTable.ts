/**
 * Monitor summaries as a tidy long table ({@link SUMMARY_COLUMNS}): one row per (monitor, statistic),
 * each carrying the run key, so summaries of many replications stack with `bindRows` and group by
 * `(monitor, statistic)` for confidence intervals.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import type { CounterSummary } from './counter.js';
import type { HistogramSummary } from './histogram.js';
import { SUMMARY_COLUMNS } from './schemas.js';
import { type Table, TableBuilder } from './table.js';
import type { TallySummary } from './tally.js';
import type { TimeWeightedSummary } from './timeWeighted.js';

/**
 * The key every row of a run carries: scenario, replication, seed.
 *
 * @example
 * ```ts
 * const key: RunKey = { scenario: 'qingxu', replication: 3, seed: 1234567 };
 * ```
 */
export interface RunKey {
  /** Scenario name. */
  readonly scenario: string;
  /** Replication index, from 0. */
  readonly replication: number;
  /** The replication's seed. */
  readonly seed: number;
}

/**
 * The summary of any standard monitor.
 *
 * @example
 * ```ts
 * const summaries: MonitorSummary[] = [wait.summary(), queue.summary(sim.now)];
 * ```
 */
export type MonitorSummary = TallySummary | TimeWeightedSummary | CounterSummary | HistogramSummary;

const TALLY_STATS = [
  'count',
  'sum',
  'mean',
  'variance',
  'sd',
  'min',
  'max',
  'p50',
  'p90',
  'p95',
  'p99',
] as const;
const LEVEL_STATS = [
  'duration',
  'mean',
  'variance',
  'sd',
  'min',
  'max',
  'timeOfMax',
  'integral',
  'level',
  'p50',
  'p90',
  'p95',
  'p99',
] as const;

/**
 * Flatten monitor summaries into {@link SUMMARY_COLUMNS} rows under `key`. Statistics per kind:
 *
 * - tally: count, sum, mean, variance, sd, min, max, p50, p90, p95, p99;
 * - time-weighted: duration, mean, variance, sd, min, max, timeOfMax, integral, level, p50 … p99;
 * - counter: total, and `count:<label>` per label;
 * - histogram: total, underflow, overflow, and `bin:[lo,hi)` per bin.
 *
 * @throws {@link ParameterError} for a bad key or an unknown summary kind, naming it.
 * @example
 * ```ts
 * const t = summaryTable({ scenario: 'base', replication: 0, seed: 42 },
 *                        [wait.summary(), queue.summary(sim.now), outcome.summary()]);
 * rows(t).find((r) => r.monitor === 'wait' && r.statistic === 'p90')?.value;
 * ```
 */
export function summaryTable(
  key: RunKey,
  summaries: readonly MonitorSummary[],
): Table<typeof SUMMARY_COLUMNS> {
  const builder = new TableBuilder(SUMMARY_COLUMNS, {
    name: 'summary',
    constants: { scenario: key.scenario, replication: key.replication, seed: key.seed },
  });
  const put = (s: MonitorSummary, statistic: string, value: number | null) => {
    builder.append({ monitor: s.name, kind: s.kind, statistic, value });
  };
  summaries.forEach((s, i) => {
    switch (s?.kind) {
      case 'tally':
        for (const stat of TALLY_STATS) put(s, stat, s[stat]);
        break;
      case 'time-weighted':
        for (const stat of LEVEL_STATS) put(s, stat, s[stat]);
        break;
      case 'counter':
        put(s, 'total', s.total);
        for (const [label, n] of Object.entries(s.counts)) put(s, `count:${label}`, n);
        break;
      case 'histogram':
        put(s, 'total', s.total);
        put(s, 'underflow', s.underflow);
        put(s, 'overflow', s.overflow);
        s.counts.forEach((n, b) => {
          put(s, `bin:[${s.edges[b]},${s.edges[b + 1]})`, n);
        });
        break;
      default:
        throw new ParameterError(
          `summaryTable(summaries)[${i}].kind`,
          '"tally", "time-weighted", "counter" or "histogram"',
          (s as { kind?: unknown } | undefined)?.kind,
        );
    }
  });
  return builder.build();
}

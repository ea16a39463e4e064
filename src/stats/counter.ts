/**
 * Counter: how many times each outcome happened — served, reneged, balked, rejected — in a map from
 * label to count. Memory grows with the number of distinct labels only.
 *
 * Declaring the labels up front makes them appear (with 0) in every summary, so an accounting table
 * ("finished + queued + reneged + balked = arrived") never has a missing column because nobody
 * reneged in one replication.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { finite } from '../kernel/validate.js';
import { type Monitor, monitorName } from './monitor.js';

/**
 * Options of a {@link Counter}.
 *
 * @example
 * ```ts
 * new Counter('outcome', { labels: ['served', 'reneged', 'balked'], time: 0 });
 * ```
 */
export interface CounterOptions {
  /** Labels that always appear in the summary, in this order (others follow in first-seen order). */
  readonly labels?: readonly string[];
  /** Start of the first window (reported as `since`); default 0. */
  readonly time?: number;
}

/**
 * The summary of a {@link Counter}: plain JSON.
 *
 * @example
 * ```ts
 * const { total, counts } = outcome.summary();
 * ```
 */
export interface CounterSummary {
  /** Always `'counter'`. */
  readonly kind: 'counter';
  /** The monitor's name. */
  readonly name: string;
  /** Start of the counting window. */
  readonly since: number;
  /** Sum of all counts. */
  readonly total: number;
  /** Count per label: declared labels first, then others in the order first seen. */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Counts by label.
 *
 * @example
 * ```ts
 * const outcome = new Counter('outcome', { labels: ['served', 'reneged', 'balked'] });
 * outcome.increment('served');
 * outcome.increment('served');
 * outcome.get('served');  // 2
 * outcome.summary();      // { kind: 'counter', name: 'outcome', since: 0, total: 2,
 *                         //   counts: { served: 2, reneged: 0, balked: 0 } }
 * ```
 */
export class Counter implements Monitor<CounterSummary> {
  /** The monitor's name. */
  readonly name: string;
  private readonly counts = new Map<string, number>();
  private readonly declared: readonly string[];
  private since: number;
  private sum = 0;

  /**
   * @param name - the monitor's name (non-empty).
   * @param options - declared labels and start time.
   * @throws {@link ParameterError} for a bad name, label or time.
   */
  constructor(name: string, options: CounterOptions = {}) {
    this.name = monitorName(name, 'Counter');
    const path = `Counter(${JSON.stringify(this.name)})`;
    this.since = finite(options.time ?? 0, `${path}.time`);
    const labels = options.labels ?? [];
    labels.forEach((label, i) => {
      if (typeof label !== 'string') throw new ParameterError(`${path}.labels[${i}]`, 'a string', label);
    });
    this.declared = [...labels];
    for (const label of this.declared) this.counts.set(label, 0);
  }

  /**
   * Add `by` (default 1) to `label`'s count.
   *
   * @throws {@link ParameterError} when `by` is not a finite number or `label` not a string.
   * @example
   * ```ts
   * outcome.increment('reneged');
   * outcome.increment('served', 12);
   * ```
   */
  increment(label: string, by = 1): void {
    if (typeof by !== 'number' || !Number.isFinite(by))
      throw new ParameterError(`${this.name}.increment(by)`, 'a finite number', by);
    if (typeof label !== 'string')
      throw new ParameterError(`${this.name}.increment(label)`, 'a string', label);
    this.counts.set(label, (this.counts.get(label) ?? 0) + by);
    this.sum += by;
  }

  /**
   * The count of `label` (0 if never counted).
   *
   * @example
   * ```ts
   * outcome.get('balked'); // 0
   * ```
   */
  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }

  /** Sum of all counts. */
  get total(): number {
    return this.sum;
  }

  /** The labels, declared ones first, then others in the order first seen. */
  get labels(): string[] {
    return [...this.counts.keys()];
  }

  /**
   * Set every count to 0 (declared labels stay, others are dropped) and start a new window at `time`.
   *
   * @example
   * ```ts
   * outcome.reset(3600);
   * ```
   */
  reset(time: number): void {
    this.since = finite(time, `${this.name}.reset(time)`);
    this.counts.clear();
    for (const label of this.declared) this.counts.set(label, 0);
    this.sum = 0;
  }

  /**
   * Plain JSON summary (see {@link CounterSummary}).
   *
   * @example
   * ```ts
   * outcome.summary().counts.served;
   * ```
   */
  summary(): CounterSummary {
    const counts: Record<string, number> = {};
    for (const [label, n] of this.counts) counts[label] = n;
    return { kind: 'counter', name: this.name, since: this.since, total: this.sum, counts };
  }
}

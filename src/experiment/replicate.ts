/**
 * Independent replications of a model, with confidence intervals for every output.
 *
 * A model is a function of a {@link ReplicationContext}: it builds a fresh simulation with the
 * context's seed (or draws from the context's named streams), runs it and returns plain data. Run n
 * times with seeds `replicationSeed(seed, i)`, its outputs become n independent observations of each
 * output field, and a Student-t interval across them is the honest measure of precision.
 *
 * - **Reproducible**: replication i's seed depends only on `(seed, i)`, so a result can be replayed in
 *   full or one replication at a time (`replicationSeed(result.seed, 7)`), and the first 10 of 20
 *   replications are the 10 of a 10-replication run.
 * - **Sequential stopping**: with a precision `target`, replications continue one at a time until the
 *   half-width of every target field is small enough, or `maxReplications` is reached. The rule looks
 *   only at outputs in replication order, so it is as deterministic as the seed. (Stopping on the data
 *   makes the final interval's coverage slightly below nominal; start from at least 10 replications
 *   to keep that small.)
 * - **Results are data**: every result carries the base seed, the number of replications, the fully
 *   resolved options and the library version.
 *
 * @module
 */
import { ParameterError, SurgesimError } from '../kernel/errors.js';
import { replicationSeed } from '../random/seed.js';
import { RandomStreams } from '../random/streams.js';
import { version } from '../version.js';
import { checkOutput, forEachField } from './fields.js';
import { type ReplicateOptions, type ResolvedReplicateOptions, resolveReplicateOptions } from './options.js';
import { type FieldSummary, summarise, summariseValues, summaryOf, targetMet } from './summary.js';

/**
 * What a model receives for one replication.
 *
 * @example
 * ```ts
 * const model = (ctx: ReplicationContext) => {
 *   const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
 *   // ... build and run
 *   return { wait: meanWait };
 * };
 * ```
 */
export interface ReplicationContext {
  /** This replication's seed: `replicationSeed(baseSeed, replication)`. */
  readonly seed: number;
  /** Replication index, from 0. */
  readonly replication: number;
  /** Named streams of this seed (the same numbers a `Simulation` with this seed would give). */
  readonly streams: RandomStreams;
}

/**
 * A model for {@link replicate}: one replication in, plain data out. It must be synchronous and take
 * all its randomness from the context (its seed or streams), never from `Math.random`.
 *
 * @example
 * ```ts
 * const coin: Model<{ heads: number }> = (ctx) => ({ heads: ctx.streams.stream('coin').next() < 0.5 ? 1 : 0 });
 * ```
 */
export type Model<R> = (ctx: ReplicationContext) => R;

/**
 * One replication's output with its index and seed.
 *
 * @example
 * ```ts
 * const run: ReplicationRun<{ wait: number }> = result.runs[0]!;
 * run.seed === replicationSeed(result.seed, 0); // true
 * ```
 */
export interface ReplicationRun<R> {
  /** Replication index, from 0. */
  readonly replication: number;
  /** This replication's seed: `replicationSeed(baseSeed, replication)`. */
  readonly seed: number;
  /** What the model returned for this replication. */
  readonly output: R;
}

/**
 * Why the replications stopped: a fixed count, or the precision rule (met, or capped).
 *
 * @example
 * ```ts
 * if (result.stopping.rule === 'precision' && !result.stopping.met) console.warn('target not reached');
 * ```
 */
export interface StoppingReport {
  /** `'fixed'` without a target, `'precision'` with one. */
  readonly rule: 'fixed' | 'precision';
  /** With a target: whether it was reached; null for a fixed count. */
  readonly met: boolean | null;
}

/**
 * The result of {@link replicate}: plain JSON.
 *
 * @example
 * ```ts
 * const r = replicate(model, { replications: 20, seed: 42 });
 * r.summary.wait!.mean; r.summary.wait!.halfWidth; r.runs[3]!.output; r.version;
 * ```
 */
export interface ReplicateResult<R> {
  /** Base seed. */
  readonly seed: number;
  /** Replications run. */
  readonly replications: number;
  /** The options, every default filled in. */
  readonly options: ResolvedReplicateOptions;
  /** Library version that produced the result. */
  readonly version: string;
  /** Per-replication outputs, in replication order. */
  readonly runs: ReplicationRun<R>[];
  /** Summary per numeric output field, in order of first appearance. */
  readonly summary: Record<string, FieldSummary>;
  /** Why the replications stopped. */
  readonly stopping: StoppingReport;
}

/**
 * A model failed in one replication. The message names the replication and its seed, so the failure
 * can be replayed alone: `model({ seed, replication, streams: new RandomStreams(seed) })`.
 *
 * @example
 * ```ts
 * try { replicate(model, { replications: 10, seed: 1 }); }
 * catch (e) { if (e instanceof ReplicationError) console.error(e.replication, e.seed, e.cause); }
 * ```
 */
export class ReplicationError extends SurgesimError {
  /** Error name shown in stack traces and `String(error)`: always `'ReplicationError'`. */
  override name = 'ReplicationError';
  constructor(
    /** Replication index. */
    readonly replication: number,
    /** The replication's seed. */
    readonly seed: number,
    cause: unknown,
  ) {
    super(
      `replication ${replication} (seed ${seed}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Run replication `index` of `model` under base seed `baseSeed`.
 *
 * @param model - the model.
 * @param baseSeed - the experiment's base seed.
 * @param index - replication index.
 * @param path - name of the model in messages (e.g. `compare.b`).
 * @throws {@link ReplicationError} when the model throws; {@link ParameterError} when it returns
 *   something other than plain data.
 * @example
 * ```ts
 * const run = runReplication(model, 42, 3); // { replication: 3, seed: replicationSeed(42, 3), output }
 * ```
 */
export function runReplication<R>(
  model: Model<R>,
  baseSeed: number,
  index: number,
  path = 'model',
): ReplicationRun<R> {
  const seed = replicationSeed(baseSeed, index);
  let output: R;
  try {
    output = model({ seed, replication: index, streams: new RandomStreams(seed) });
  } catch (e) {
    throw new ReplicationError(index, seed, e);
  }
  checkOutput(output, `${path} output (replication ${index}, seed ${seed})`);
  return { replication: index, seed, output };
}

/**
 * Tracks the target fields as replications arrive, in order, and says when the precision target is
 * met. Shared by the serial and the parallel runner, so both stop at exactly the same replication.
 *
 * @example
 * ```ts
 * const rule = new PrecisionRule(resolved);
 * for (const run of runs) rule.add(run.output);
 * rule.met();
 * ```
 */
export class PrecisionRule {
  private readonly columns = new Map<string, number[]>();
  private count = 0;

  constructor(private readonly options: ResolvedReplicateOptions) {
    for (const f of options.target?.fields ?? []) this.columns.set(f, []);
  }

  /** Record the next replication's output. */
  add(output: unknown): void {
    this.count++;
    for (const col of this.columns.values()) col.push(Number.NaN);
    forEachField(output, (path, value) => {
      const col = this.columns.get(path);
      if (col !== undefined) col[col.length - 1] = value;
    });
  }

  /** True once every target field's half-width meets the target (always false without a target). */
  met(): boolean {
    const target = this.options.target;
    if (target === null) return false;
    const summary: Record<string, FieldSummary> = {};
    for (const [field, values] of this.columns)
      summary[field] = summariseValues(field, values, this.options.level);
    return targetMet(summary, target);
  }

  /** Whether another replication should run now. */
  wantsMore(): boolean {
    if (this.count < this.options.replications) return true;
    if (this.options.target === null) return false;
    return this.count < this.options.maxReplications! && !this.met();
  }

  /**
   * After the first replications: every target field must exist in the outputs.
   *
   * @throws {@link ParameterError} naming `path.target.fields[i]` and the fields there are.
   */
  checkFields(summary: Readonly<Record<string, FieldSummary>>, path: string): void {
    this.options.target?.fields.forEach((f, i) => {
      summaryOf(summary, f, `${path}.target.fields[${i}]`);
    });
  }
}

/**
 * Assemble a result from runs in replication order (shared by the serial and parallel runners, so
 * equal runs give equal results).
 *
 * @example
 * ```ts
 * const result = replicateResult(runs, resolvedOptions);
 * ```
 */
export function replicateResult<R>(
  runs: ReplicationRun<R>[],
  options: ResolvedReplicateOptions,
): ReplicateResult<R> {
  const summary = summarise(
    runs.map((r) => r.output),
    options.level,
  );
  const stopping: StoppingReport =
    options.target === null
      ? { rule: 'fixed', met: null }
      : { rule: 'precision', met: targetMet(summary, options.target) };
  return { seed: options.seed, replications: runs.length, options, version, runs, summary, stopping };
}

/**
 * Run `model` in independent replications and summarise every numeric output field.
 *
 * @param model - `(ctx) => plain data`; see {@link Model}.
 * @param options - replications (≥ 2), seed, level, optional precision target; see {@link ReplicateOptions}.
 * @returns per-replication outputs and per-field summaries, with seed, options and version.
 * @throws {@link ParameterError} for bad options (before any replication runs) or a bad output;
 *   {@link ReplicationError} when the model throws.
 * @example
 * ```ts
 * const result = replicate(
 *   (ctx) => {
 *     const sim = new Simulation({ seed: ctx.seed, replication: ctx.replication });
 *     // ... build the model, sim.run(8 * 3600)
 *     return { served, meanWait };
 *   },
 *   { replications: 30, seed: 42 },
 * );
 * result.summary.meanWait; // { mean, sd, n: 30, halfWidth, lower, upper, min, max, level: 0.95, ... }
 *
 * // keep going until the mean wait is known to ±2 %, at most 500 replications
 * replicate(model, { replications: 10, seed: 42, target: { fields: ['meanWait'], relativeHalfWidth: 0.02 }, maxReplications: 500 });
 * ```
 */
export function replicate<R>(model: Model<R>, options: ReplicateOptions): ReplicateResult<R> {
  return replicateResolved(model, resolveReplicateOptions(options, 'replicate.options'), 'replicate');
}

/**
 * {@link replicate} with options already checked (for sweeps and comparisons).
 *
 * @internal
 * @example
 * ```ts
 * replicateResolved(model, resolveReplicateOptions(opts, 'sweep.options'), 'sweep');
 * ```
 */
export function replicateResolved<R>(
  model: Model<R>,
  options: ResolvedReplicateOptions,
  path: string,
): ReplicateResult<R> {
  if (typeof model !== 'function')
    throw new ParameterError(`${path}.model`, 'a function (ctx) => plain data', model);
  const runs: ReplicationRun<R>[] = [];
  const rule = new PrecisionRule(options);
  while (rule.wantsMore()) {
    const run = runReplication(model, options.seed, runs.length, `${path}.model`);
    runs.push(run);
    rule.add(run.output);
    if (runs.length === options.replications && options.target !== null)
      rule.checkFields(
        summarise(
          runs.map((r) => r.output),
          options.level,
        ),
        `${path}.options`,
      );
  }
  return replicateResult(runs, options);
}

/**
 * Runs of one testing area of a campaign spec, by the batch (Node only): each run is the spec with
 * overrides (`{ testing: { hedong: { staff: { clerks: 250 } } } }`, as `--set` gives them) and a seed,
 * and returns the area's figures a staffing question reads. A batch is data (a spec, overrides and
 * seeds), so it can run on this thread, on worker threads ({@link threadSpecRuns}) or on any other
 * runner that answers `(runs) => Promise<AreaFigures[]>` with the same {@link runSpecArea} — the
 * answer of a run depends on its spec, overrides and seed only, never on where it ran.
 *
 * Only the area's component runs (`campaignSubset(plan, ['testing.<area>'])`): its seed is the one it
 * has in the whole campaign, so its figures are those of a full run of the day.
 *
 * @module
 */
import {
  type AreaResult,
  campaignSubset,
  checkSpec,
  overrideSpec,
  planCampaign,
  runCampaign,
} from '../../models/campaign/index.js';
import type { RedisRunner } from '../distributed/runner.js';
import type { ReplicationContext } from '../experiment/replicate.js';
import { WorkerPool } from '../experiment/workerPool.js';
import { ParameterError } from '../kernel/errors.js';

/**
 * One run: changes to the spec (nested objects, as `--set` gives them) and the replication's seed.
 *
 * @example
 * ```ts
 * const run: SpecRun = { overrides: { testing: { hedong: { staff: { clerks: 250 } } } }, seed: 42 };
 * ```
 */
export interface SpecRun {
  /** Changes merged into the spec with `overrideSpec`. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** The replication's seed (the campaign's; the area's own seed derives from it). */
  readonly seed: number;
}

/**
 * What a staffing question reads of one area in one run; times in seconds after the epoch.
 *
 * @example
 * ```ts
 * const met = f.tested === f.population && f.finish !== null && f.finish - f.opensAt <= 6 * 3600;
 * ```
 */
export interface AreaFigures {
  /** People who came. */
  readonly population: number;
  /** People tested by the end of the run. */
  readonly tested: number;
  /** People tested by the area's deadline. */
  readonly testedAtDeadline: number;
  /** Last person tested, or null. */
  readonly finish: number | null;
  /** The opening. */
  readonly opensAt: number;
  /** Sampling points of the area. */
  readonly points: number;
  /** People tested in each hour after the opening (index 0: the first hour). */
  readonly perHour: readonly number[];
  /** People queued before each stage over all points, every 5 minutes (seconds after the opening). */
  readonly queues: readonly { readonly time: number; readonly queues: Readonly<Record<string, number>> }[];
}

/**
 * The batch runner: answers every run of a batch, in order.
 *
 * @example
 * ```ts
 * const figures = await runs([{ overrides: {}, seed: 1 }, { overrides: {}, seed: 2 }]);
 * ```
 */
export type SpecRuns = (batch: readonly SpecRun[]) => Promise<readonly AreaFigures[]>;

const plans = new Map<string, ReturnType<typeof planCampaign>['plan']>();
const PLAN_CACHE = 64;

/**
 * One run of an area of a spec (the worker threads run exactly this). The spec with its overrides is
 * checked and planned once per thread and kept (a search runs the same plans many times).
 *
 * @throws SpecError / ParameterError naming the path and value of a bad spec or override.
 * @example
 * ```ts
 * runSpecArea(spec, 'hedong', { overrides: {}, seed: 1 }).finish;
 * ```
 */
export function runSpecArea(spec: unknown, area: string, run: SpecRun): AreaFigures {
  const key = `${area}\n${JSON.stringify(run.overrides)}\n${JSON.stringify(spec)}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const merged = overrideSpec(spec, run.overrides);
    checkSpec(merged);
    plan = campaignSubset(planCampaign(merged).plan, [`testing.${area}`]);
    if (plans.size >= PLAN_CACHE) plans.clear();
    plans.set(key, plan);
  }
  const r = runCampaign(plan, run.seed).testing[area] as AreaResult;
  return figuresOf(r);
}

function figuresOf(r: AreaResult): AreaFigures {
  const perHour: number[] = [];
  for (const b of r.series) {
    const k = Math.floor((b.start - r.opensAt) / 3600);
    if (k >= 0) perHour[k] = (perHour[k] ?? 0) + b.tested;
  }
  return {
    population: r.population,
    tested: r.tested,
    testedAtDeadline: r.testedAtDeadline,
    finish: r.finish,
    opensAt: r.opensAt,
    points: r.points,
    perHour: Array.from(perHour, (x) => x ?? 0),
    queues: r.queues.map(({ time, ...queues }) => ({ time: time - r.opensAt, queues })),
  };
}

/**
 * The worker threads' entry: runs `params.runs[ctx.replication]` (the task's range indexes the
 * batch; each run carries its own seed, so the context's seed is not used).
 *
 * @internal
 * @example
 * ```ts
 * specAreaTask({ spec, area: 'hedong', runs: [{ overrides: {}, seed: 1 }] }, ctx);
 * ```
 */
export function specAreaTask(
  params: { readonly spec: unknown; readonly area: string; readonly runs: readonly SpecRun[] },
  ctx: ReplicationContext,
): AreaFigures {
  return runSpecArea(params.spec, params.area, params.runs[ctx.replication] as SpecRun);
}

/**
 * A batch runner on `workers` threads (1: on this thread, one run after another), and how to stop
 * its threads. Runs come back in batch order, whatever thread ran them.
 *
 * @example
 * ```ts
 * const { runs, close } = threadSpecRuns(spec, 'hedong', 2);
 * try { await runs(batch); } finally { await close(); }
 * ```
 */
export function threadSpecRuns(
  spec: unknown,
  area: string,
  workers: number,
): { readonly runs: SpecRuns; readonly close: () => Promise<void> } {
  if (workers <= 1)
    return {
      runs: async (batch) => batch.map((run) => runSpecArea(spec, area, run)),
      close: async () => {},
    };
  const pool = new WorkerPool(workers);
  const moduleUrl = import.meta.url;
  return {
    runs: (batch) =>
      pool.run<AreaFigures>(0, batch.length, {
        task: (from, to) => ({
          kind: 'model',
          moduleUrl,
          exportName: 'specAreaTask',
          params: { spec, area, runs: batch.slice(from, to) },
          seed: 0,
          from: 0,
          to: to - from,
        }),
        local: null,
        loadError: (failure) =>
          new ParameterError('worker', `a thread that loads the spec runner (${failure.message})`, moduleUrl),
      }),
    close: () => pool.close(),
  };
}

/**
 * The same batch runner on `surgesim worker` processes through a {@link RedisRunner}: a batch is one
 * run of {@link specAreaTask} whose replications index the batch, each run carrying its own seed, so
 * the answers are those {@link threadSpecRuns} gives. Closing closes the runner.
 *
 * @example
 * ```ts
 * const { runs, close } = queueSpecRuns(new RedisRunner({ redis: 'redis://127.0.0.1:6379' }), spec, 'hedong');
 * ```
 */
export function queueSpecRuns(
  runner: RedisRunner,
  spec: unknown,
  area: string,
): { readonly runs: SpecRuns; readonly close: () => Promise<void> } {
  return {
    runs: (batch) =>
      runner.runModel<AreaFigures>(
        import.meta.url,
        'specAreaTask',
        { spec, area, runs: batch },
        {
          replications: batch.length,
          seed: 0,
        },
      ),
    close: () => runner.close(),
  };
}

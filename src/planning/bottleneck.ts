/**
 * Bottlenecks by the hour from sampled queue lengths before each stage. In a line of stages the one
 * that limits throughput is where work piles up: its queue grows (or stays long) while the stages
 * after it starve. For each hour this takes, per stage, the queue at the hour's start and end, its
 * growth and its mean over the samples, and names as the bottleneck the stage with the longest mean
 * queue (ties broken by growth); an hour with every queue empty has no bottleneck.
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { positive } from '../kernel/validate.js';

/**
 * One sample: the time and the number queued before each stage.
 *
 * @example
 * ```ts
 * const s: QueueSample = { time: 300, queues: { registration: 120, swab: 4 } };
 * ```
 */
export interface QueueSample {
  /** Time of the sample, in the unit of `period` (seconds for the default hour); samples come in time order. */
  readonly time: number;
  /** People queued before each stage, by stage name; every sample names the same stages. */
  readonly queues: Readonly<Record<string, number>>;
}

/**
 * One hour's queues per stage and its bottleneck.
 *
 * @example
 * ```ts
 * const h: HourBottleneck = { start: 0, end: 3600, bottleneck: 'registration', stages: {} };
 * ```
 */
export interface HourBottleneck {
  /** Start of the bin: k × period, in the samples' time unit. */
  readonly start: number;
  /** End of the bin: (k + 1) × period. */
  readonly end: number;
  /** The stage with the longest mean queue, or null when every queue was empty. */
  readonly bottleneck: string | null;
  /** Per stage: the queue at the bin's first and last sample, `growth` = last − first, and the mean over the bin's samples. */
  readonly stages: Readonly<
    Record<
      string,
      { readonly first: number; readonly last: number; readonly growth: number; readonly mean: number }
    >
  >;
}

/**
 * Per-hour queue summary and bottleneck stage.
 *
 * @param samples - queue samples in time order (at least one), every sample naming the same stages
 * @param period - bin length in the samples' time unit, default 3600
 * @throws ParameterError for an empty list, times out of order or a stage missing from a sample
 *
 * @example
 * ```ts
 * bottlenecksByHour([{ time: 0, queues: { a: 0, b: 5 } }, { time: 1800, queues: { a: 1, b: 9 } }])[0]?.bottleneck; // 'b'
 * ```
 */
export function bottlenecksByHour(samples: readonly QueueSample[], period = 3600): HourBottleneck[] {
  if (!Array.isArray(samples) || samples.length === 0)
    throw new ParameterError('samples', 'a non-empty list of queue samples', samples);
  positive(period, 'period');
  const stages = Object.keys(samples[0]?.queues ?? {});
  if (stages.length === 0)
    throw new ParameterError('samples[0].queues', 'at least one stage', samples[0]?.queues);
  const bins = new Map<number, QueueSample[]>();
  let previous = Number.NEGATIVE_INFINITY;
  samples.forEach((s, i) => {
    if (!(typeof s.time === 'number' && Number.isFinite(s.time) && s.time >= previous)) {
      throw new ParameterError(
        `samples[${i}].time`,
        `a finite time ≥ the previous sample's (${previous})`,
        s.time,
      );
    }
    previous = s.time;
    for (const st of stages) {
      const q = s.queues[st];
      if (!(typeof q === 'number' && q >= 0))
        throw new ParameterError(`samples[${i}].queues.${st}`, 'a count ≥ 0', q);
    }
    const k = Math.floor(s.time / period);
    const list = bins.get(k) ?? [];
    list.push(s);
    bins.set(k, list);
  });
  return [...bins.entries()].map(([k, list]) => {
    const per: Record<string, { first: number; last: number; growth: number; mean: number }> = {};
    let best: string | null = null;
    for (const st of stages) {
      const values = list.map((s) => s.queues[st] as number);
      const first = values[0] as number;
      const last = values[values.length - 1] as number;
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      per[st] = { first, last, growth: last - first, mean };
      const b = best === null ? undefined : per[best];
      if (mean > 0 && (b === undefined || mean > b.mean || (mean === b.mean && last - first > b.growth)))
        best = st;
    }
    return { start: k * period, end: (k + 1) * period, bottleneck: best, stages: per };
  });
}

/**
 * Charts of a campaign run, for every component the spec has: per testing area the people tested
 * over time (against a reported count by the deadline, when a figure gives one) and the queues before
 * each stage; per isolation site the beds ready; per transfer its bus trips; per unloading the items
 * stored; per checkpoint the first posts' roster. Drawn from one representative replication — the
 * median of the first figure — and the caption says which.
 *
 * @module
 */
import type { ScenarioChart, ScenarioResult } from '../../src/index.js';
import {
  bedsReadySpec,
  busTripsSpec,
  queueLengthSpec,
  staffRosterSpec,
  testedOverTimeSpec,
  unloadingSpec,
} from '../../src/report/index.js';
import type { CampaignPlan, CampaignResult } from './run.js';

/**
 * The replication whose value is the median of `values` (the lower middle for an even count); a
 * replication where the figure did not happen counts as lowest.
 *
 * @example
 * ```ts
 * representativeReplication([5, 1, 3]); // 2 (the replication with 3)
 * ```
 */
export function representativeReplication(values: readonly (number | null)[]): number {
  const order = values
    .map((v, i) => [v ?? Number.NEGATIVE_INFINITY, i] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return order[Math.floor((order.length - 1) / 2)]?.[1] ?? 0;
}

/**
 * The charts of a campaign run (needs `result.runs`: the runner keeps them when charts are wanted).
 *
 * @example
 * ```ts
 * const r = runScenario(campaignScenario(spec), { replications: 5, seed: 1, keepRuns: true });
 * campaignCharts(plan, r).map((c) => c.name); // ['hedong-tested', 'hedong-queues', ...]
 * ```
 */
export function campaignCharts(
  plan: CampaignPlan,
  result: ScenarioResult<unknown, CampaignResult>,
): ScenarioChart[] {
  const runs = result.runs;
  if (!runs || runs.length === 0) return [];
  const first = plan.figures[0] ?? plan.metrics[0];
  const k = first ? representativeReplication(result.values[first.id] ?? []) : 0;
  const r = runs[k] ?? runs[0]!;
  const note = `replication ${k + 1} of ${runs.length}${first ? ` (median of “${first.label}”)` : ''}, seed ${result.seed}`;
  const epoch = plan.epoch;
  const charts: ScenarioChart[] = [];
  for (const [name, area] of Object.entries(r.testing)) {
    const bin = plan.testing[name]!.bin;
    const target = [...plan.figures].find(
      (f) => f.read === `testing.${name}.testedAtDeadline` && f.reported !== null,
    );
    charts.push({
      name: `${name}-tested`,
      title: `${name}: people tested over time`,
      caption: `Cumulative swabs over all ${area.points} points${target ? `; the target is ${target.source ?? 'the reported'} count by the deadline` : ''}. ${note}.`,
      spec: testedOverTimeSpec({
        title: `${name}: people tested over time`,
        epoch,
        rows: [
          { time: area.opensAt, tested: 0 },
          ...area.series.map((s) => ({ time: s.start + bin, tested: s.cumulative })),
        ],
        ...(target && { target: { count: target.reported!, by: area.deadline } }),
      }),
    });
    const stages = Object.keys(area.stages);
    if (area.queues.length > 1)
      charts.push({
        name: `${name}-queues`,
        title: `${name}: people queuing before each stage`,
        caption: `People waiting before each stage, summed over all ${area.points} points, sampled every 5 minutes. ${note}.`,
        spec: queueLengthSpec({
          title: `${name}: people queuing before each stage (all points)`,
          epoch,
          rows: area.queues.flatMap((q) =>
            stages.map((stage) => ({ time: q.time, stage, length: q[stage] ?? 0 })),
          ),
          stages,
        }),
      });
  }
  for (const [name, site] of Object.entries(r.isolation)) {
    const gated = Object.entries(plan.transfers).filter(([, t]) => t.gate?.site === name);
    const needed = gated.reduce((a, [, t]) => a + t.people, 0);
    charts.push({
      name: `${name}-beds`,
      title: `${name}: beds ready`,
      caption: `${gated.length > 0 ? `${needed} beds needed for the transfers it gates. ` : ''}${note}.`,
      spec: bedsReadySpec({
        title: `${name}: beds ready`,
        epoch,
        rows: [{ time: site.start, ready: 0 }, ...site.curve],
      }),
    });
  }
  for (const [name, t] of Object.entries(r.transfers))
    if (t.trips.length > 0)
      charts.push({
        name: `${name}-trips`,
        title: `${name}: bus trips`,
        caption: `Each bar is one trip from the pick-up point to the destination. ${note}.`,
        spec: busTripsSpec({
          title: `${name}: bus trips`,
          epoch,
          rows: t.trips.map((x) => ({
            bus: x.bus,
            departure: x.departedAt,
            arrival: x.arrivedAt,
            passengers: x.load,
          })),
        }),
      });
  for (const [name, u] of Object.entries(r.unloading)) {
    const w = u.throughput.length > 1 ? u.throughput[1]!.start - u.throughput[0]!.start : 0;
    let sum = 0;
    charts.push({
      name: `${name}-unloading`,
      title: `${name}: items stored`,
      caption: `Cumulative items stored, all chains together. ${note}.`,
      spec: unloadingSpec({
        title: `${name}: items stored`,
        epoch,
        rows: [
          { time: u.start, chain: 'all chains', unloaded: 0 },
          ...u.throughput.map((b) => {
            sum += b.items;
            return {
              time: Math.min(b.start + w, u.finishedAt ?? b.start + w),
              chain: 'all chains',
              unloaded: sum,
            };
          }),
        ],
      }),
    });
  }
  for (const [name, c] of Object.entries(r.checkpoints))
    charts.push({
      name: `${name}-roster`,
      title: `${name}: the first posts’ roster`,
      caption: 'Shifts of the keepers of the first three posts.',
      spec: staffRosterSpec({
        title: `${name}: roster of the first three posts`,
        epoch,
        shifts: c.shifts.map((s) => ({ ...s, role: 'keeper' })),
      }),
    });
  return charts;
}

/**
 * Charts of a campaign run, for every component the spec has: per testing area the people tested
 * over time (against a reported count by the deadline, when a figure gives one) and the queues before
 * each stage; per isolation site the beds ready; per transfer its bus trips; per unloading the items
 * stored; per checkpoint the first posts' roster. Drawn from one representative replication — the
 * median of the first figure — and the caption says which.
 *
 * @module
 */
import { Epoch, type ScenarioChart, type ScenarioResult } from '../../src/index.js';
import {
  bedsReadySpec,
  busTripsSpec,
  queueLengthSpec,
  staffRosterSpec,
  testedOverTimeSpec,
  unloadingSpec,
} from '../../src/report/index.js';
import { BINDING_RULE, type BindingResult } from './binding.js';
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
    if (area.binding.hours.length > 0)
      charts.push({
        name: `${name}-binding`,
        title: `${name}: which constraint bound, hour by hour`,
        caption: `Top: each hour capacity-bound (people queue, staff busy: more staff would help), demand-bound (staff wait for people: more staff would not) or idle. Bottom: per role, the share of 5-minute samples at its points in which at least as many people waited as were on duty; a role binds at 50 %. ${note}.`,
        spec: bindingSpec(`${name}: which constraint bound, hour by hour`, epoch, area.binding),
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

const STATE_COLOURS = { capacity: '#c0392b', demand: '#2e86c1', idle: '#bdc3c7' } as const;

/**
 * A vega-lite spec of an area's binding constraint: a strip of the hours coloured by state (with the
 * binding role), over a line per role of the share of point-samples saturated, with the rule's
 * threshold drawn in.
 *
 * @example
 * ```ts
 * const spec = bindingSpec('hedong', '2022-04-13T01:30+08:00', result.testing.hedong.binding);
 * ```
 */
export function bindingSpec(title: string, epoch: string, binding: BindingResult) {
  const e = new Epoch(epoch);
  const hour = (t: number) => `${e.toClock(t)}–${e.toClock(t + BINDING_RULE.period)}`;
  const order = binding.hours.map((h) => hour(h.start));
  const states = binding.hours.map((h) => ({
    hour: hour(h.start),
    state: h.state,
    role: h.role ?? '',
    arrived: h.arrived,
  }));
  const roles = binding.hours.flatMap((h) =>
    Object.entries(h.roles).map(([role, x]) => ({
      hour: hour(h.start),
      role,
      saturated: x.saturated,
      utilisation: x.utilisation,
      waiting: Math.round(x.waiting),
    })),
  );
  const x = { field: 'hour', type: 'ordinal', sort: order, title: 'hour (local time)' } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    vconcat: [
      {
        width: 640,
        height: 40,
        data: { values: states },
        layer: [
          {
            mark: { type: 'rect', stroke: 'white' },
            encoding: {
              x: { ...x, axis: null },
              color: {
                field: 'state',
                type: 'nominal',
                title: 'bound by',
                scale: { domain: Object.keys(STATE_COLOURS), range: Object.values(STATE_COLOURS) },
              },
              tooltip: [{ field: 'hour' }, { field: 'state' }, { field: 'role' }, { field: 'arrived' }],
            },
          },
          {
            mark: { type: 'text', color: 'white', fontSize: 10 },
            encoding: { x: { ...x, axis: null }, text: { field: 'role' } },
          },
        ],
      },
      {
        width: 640,
        height: 220,
        layer: [
          {
            data: { values: roles },
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: {
                field: 'saturated',
                type: 'quantitative',
                title: 'share of point-samples saturated',
                scale: { domain: [0, 1] },
              },
              stroke: { field: 'role', type: 'nominal', title: 'role' },
              tooltip: [
                { field: 'hour' },
                { field: 'role' },
                { field: 'saturated', format: '.0%' },
                { field: 'utilisation', format: '.0%' },
                { field: 'waiting', title: 'mean waiting (all points)' },
              ],
            },
          },
          {
            data: { values: [{ y: BINDING_RULE.share }] },
            mark: { type: 'rule', strokeDash: [4, 4], color: '#555' },
            encoding: { y: { field: 'y', type: 'quantitative' } },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/**
 * resourceUsageSpec: one call from a simulation's resources table to a chart of a resource's usage and
 * queue. The spec carries exactly the table's levels for that resource, compiles without a warning,
 * renders through the Node renderer with its title, legend and axis, and refuses what it cannot chart.
 */
import { describe, expect, it } from 'vitest';
import { bindRows, ParameterError, Resource, Simulation } from '../../src/index.js';
import { resourceUsageSpec } from '../../src/report/index.js';
import { compileSpec, renderSvg } from '../../src/report/node.js';

/** Two customers of one desk: c1 at 0 for 3, c2 at 1 for 2 (waits until 3); the run stops at 6. */
function deskRun(replication = 0, epoch?: string) {
  const sim = new Simulation({ seed: 3, replication, tables: true, ...(epoch && { epoch }) });
  const desk = new Resource(sim, { name: 'desk', capacity: 1 });
  new Resource(sim, { name: 'lab', capacity: 2 });
  const customer = function* (at: number, service: number) {
    yield* sim.delay(at);
    const req = yield* desk.request();
    yield* sim.delay(service);
    desk.release(req);
  };
  sim.process(customer(0, 3), { name: 'c1' });
  sim.process(customer(1, 2), { name: 'c2' });
  sim.run(6);
  return sim;
}

const texts = (svg: string) =>
  [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)]
    .filter((m) => !/opacity="0"/.test(m[1]!))
    .map((m) => m[2]!);

describe('resourceUsageSpec', () => {
  it('draws the resource rows of the table as levels, held on to `until`', () => {
    const sim = deskRun();
    const spec = resourceUsageSpec(sim.resourcesTable(), { resource: 'desk', until: sim.now });
    const values = (spec.data as { values: { x: number; series: string; value: number }[] }).values;
    const at = (series: string) => values.filter((v) => v.series === series).map((v) => [v.x, v.value]);
    // desk: created idle at 0, c1 at 0, c2 queues at 1, c1 leaves and c2 takes over at 3, c2 leaves at 5.
    expect(at('in use')).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
      [3, 1],
      [5, 0],
      [6, 0],
    ]);
    expect(at('queue')).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
      [3, 0],
      [5, 0],
      [6, 0],
    ]);
    expect(at('capacity').every(([, v]) => v === 1)).toBe(true);
    expect(compileSpec(spec).warnings).toEqual([]);
  });

  it('renders to SVG with its title, legend and a clock axis when given an epoch', async () => {
    const sim = deskRun(0, '2022-04-13T19:00+08:00');
    const spec = resourceUsageSpec(sim.resourcesTable(), {
      resource: 'desk',
      epoch: sim.epoch!,
      until: 3600,
      title: '清徐 — registration desk',
    });
    const t = texts(await renderSvg(spec));
    expect(t).toContain('清徐 — registration desk');
    for (const label of [
      'in use',
      'queue',
      'capacity',
      'desk',
      'Clock time (UTC+08:00)',
      'Units or requests',
    ])
      expect(t).toContain(label);
  });

  it('leaves unlimited capacity out and uses seconds without an epoch', () => {
    const sim = new Simulation({ seed: 1, tables: true });
    new Resource(sim, { name: 'hall', capacity: Number.POSITIVE_INFINITY });
    const spec = resourceUsageSpec(sim.resourcesTable(), { resource: 'hall' });
    const values = (spec.data as { values: { series: string }[] }).values;
    expect(values.map((v) => v.series)).toEqual(['in use', 'queue']);
    expect((spec as { encoding: { x: { title: string } } }).encoding.x.title).toBe('Simulated time (s)');
  });

  it('picks one replication from stacked tables, and says what it cannot chart', () => {
    const stacked = bindRows([deskRun(0).resourcesTable(), deskRun(1).resourcesTable()]);
    const one = resourceUsageSpec(stacked, { resource: 'desk', replication: 1 });
    expect((one.data as { values: unknown[] }).values).toHaveLength(5 * 3);
    expect(() => resourceUsageSpec(stacked, { resource: 'desk' })).toThrow(
      new ParameterError('options.replication', 'one of the replications in the table (0, 1)', undefined),
    );
    expect(() => resourceUsageSpec(stacked, { resource: 'dsk', replication: 0 })).toThrow(
      new ParameterError('options.resource', 'a resource in the table for replication 0 (desk, lab)', 'dsk'),
    );
    expect(() => resourceUsageSpec(stacked, { resource: 'desk', replication: 0, until: 2 })).toThrow(
      /^options\.until: expected a time ≥ the last change \(5\), got 2/,
    );
  });
});

/**
 * Campaign specs end to end: the made-up example county runs from its spec with every person and
 * every component accounted for, a spec change moves what it should (and nothing else: common random
 * numbers component by component), and the command line runs specs by file and by shipped name.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignScenario, overrideSpec, planCampaign, runCampaign } from '../../models/campaign/index.js';
import { ParameterError, runScenario } from '../../src/index.js';
import { surgesimHere } from '../cli/helpers.js';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../campaigns/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const COUNTY = read('example-county');

describe('campaigns/example-county.json', () => {
  const { plan } = planCampaign(COUNTY);
  const r = runCampaign(plan, 1);

  it('tests everyone who comes in each of the three towns, accounting for everyone', () => {
    expect(Object.keys(r.testing)).toEqual(['riverside', 'hillside', 'old-town']);
    for (const [name, area] of Object.entries(r.testing)) {
      const a = area.accounting;
      const left = Object.values(a.left).reduce((x, y) => x + y, 0);
      expect(a.notArrived + a.queued + a.inService + left).toBe(a.population);
      expect(area.tested).toBe(area.population);
      expect(area.population).toBe(Math.round(area.residents * (plan.testing[name]?.turnout ?? Number.NaN)));
      expect(area.tubes.delivered).toBe(area.tubes.sealed);
      expect(area.lab.resulted).toBe(area.tubes.sealed);
    }
    const people = Object.values(r.testing).reduce((a, t) => a + t.population, 0);
    expect(people).toBeGreaterThan(45_000);
    expect(people).toBeLessThan(55_000);
  });

  it('sends the assisted people of the town with a lane to the helpers, and nobody else', () => {
    const hill = r.testing.hillside!;
    expect(hill.waits.registration?.assisted?.count).toBeGreaterThan(0);
    // The lane's helpers serve exactly the assisted people (each served once).
    expect(hill.roles.helpers!.people).toBe(24);
    const riverside = r.testing.riverside!;
    expect(Object.keys(riverside.roles).sort()).toEqual(['clerks', 'marshals', 'swabbers']);
  });

  it("moves both routes' people to the one isolation site once its beds are ready", () => {
    const site = r.isolation['school-gym']!;
    for (const name of ['north-route', 'south-route']) {
      const t = r.transfers[name]!;
      expect(t.counts.atSite).toBe(t.people);
      expect(t.startedAt!).toBeGreaterThanOrEqual(t.gateReady! + 30 * 60 - 1e-6);
      expect(t.gateReady!).toBeLessThanOrEqual(site.allReady!);
    }
  });

  it("changing one town's staff changes only that town (common random numbers by component)", () => {
    const more = planCampaign(
      overrideSpec(COUNTY, { testing: { riverside: { staff: { clerks: 54 } } } }),
    ).plan;
    const r2 = runCampaign(more, 1);
    expect(r2.testing.hillside).toEqual(r.testing.hillside);
    expect(r2.transfers).toEqual(r.transfers);
    const finish = (x: typeof r) => x.testing.riverside?.finish ?? Number.NaN;
    expect(finish(r2)).toBeLessThan(finish(r));
  });

  it('drops the annotation of a value that is set, so a changed fitted parameter makes a prediction', () => {
    const q = read('qingxu-2022-04-13');
    const s = campaignScenario(overrideSpec(q, { testing: { hedong: { staff: { clerks: 250 } } } }));
    expect(s.figures.find((f) => f.id === 'hedong.complete')!.fitted).toBeUndefined();
    expect(campaignScenario(q).figures.find((f) => f.id === 'hedong.complete')!.fitted).toContain(
      'testing.hedong.staff.clerks',
    );
  });

  it('refuses a misspelt key of an override, naming its path', () => {
    expect(() => overrideSpec(COUNTY, { transfers: { 'north-route': { bus: 3 } } })).toThrow(ParameterError);
    expect(() => overrideSpec(COUNTY, { transfers: { 'north-route': { bus: 3 } } })).toThrow(
      /transfers\.north-route\.bus: expected one of the spec's keys here/,
    );
  });

  it('runs as a scenario with intervals over replications', () => {
    const res = runScenario(campaignScenario(COUNTY), { replications: 2, seed: 3 });
    expect(res.metrics.map((m) => m.id)).toContain('riverside.tested');
    expect(res.metrics.every((m) => m.n + m.missing === 2)).toBe(true);
  });
});

describe('a spec on worker threads', () => {
  it('gives the serial result bit for bit (workers rebuild the scenario from the spec)', async () => {
    const { runScenarioParallel } = await import('../../src/experiment/scenarioParallel.js');
    const { campaignWorkerTarget } = await import('../../src/cli/campaign.js');
    const scenario = campaignScenario(COUNTY);
    const options = { replications: 4, seed: 5 };
    const serial = runScenario(scenario, options);
    const parallel = await runScenarioParallel(scenario, {
      ...options,
      ...campaignWorkerTarget(),
      workers: 2,
      serialBelowMs: 0,
    });
    expect(parallel.values).toEqual(serial.values);
    expect(parallel.metrics).toEqual(serial.metrics);
  }, 300_000);
});

describe('surgesim run / compare on specs', () => {
  it('runs a shipped spec by name, as JSON', async () => {
    const ran = await surgesimHere('run', 'example', '-n', '1', '--seed', '1', '--json', '--quiet');
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.out) as { scenario: string; metrics: { id: string }[] };
    expect(json.scenario).toBe('example-county');
  });

  it('refuses a misspelt role before running, with exit code 2', async () => {
    const ran = await surgesimHere(
      'run',
      'campaigns/example-county.json',
      '-n',
      '1',
      '--set',
      'testing.riverside.staff.clerk=3',
    );
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('testing.riverside.staff.clerk: expected a role the flow uses');
    expect(ran.err).toContain('did you mean "clerks"');
  });

  it('compares one spec with a change, labelling B with what changed', async () => {
    const ran = await surgesimHere(
      'compare',
      'example-county',
      '--set-b',
      'transfers.north-route.doors=2',
      '-n',
      '2',
      '--seed',
      '1',
      '--quiet',
    );
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('B: transfers.north-route.doors=2 vs A: as written');
  });

  it('writes a report folder for a spec', async () => {
    // One town of the county, its own metrics only: the report renders a chart per component, so
    // the whole county would rasterise over three times the PNGs for the same check.
    const riverside = {
      ...COUNTY,
      testing: { riverside: (COUNTY.testing as Record<string, unknown>).riverside },
      isolation: {},
      transfers: {},
      metrics: (COUNTY.metrics as { read: string }[]).filter((m) => m.read.startsWith('testing.riverside.')),
    };
    const dir = mkdtempSync(join(tmpdir(), 'surgesim-spec-'));
    try {
      const spec = join(dir, 'riverside.json');
      writeFileSync(spec, JSON.stringify(riverside));
      const out = join(dir, 'report');
      const ran = await surgesimHere('run', spec, '-n', '1', '--seed', '1', '--out', out, '--quiet');
      expect(ran.err).toBe('');
      expect(ran.code).toBe(0);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('riverside: people tested over time');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

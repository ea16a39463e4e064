/**
 * Alternatives as changes of a spec (campaigns/alternatives/qingxu-2022-04-13.json): the file is
 * checked against its schema and its base spec before anything runs; each alternative changes what
 * it names and nothing else; the comparison pairs each with the base on common random numbers (an
 * alternative that changes nothing differs by exactly zero); the command line prints the table or
 * JSON and refuses bad arguments with exit code 2.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overrideSpec } from '../../models/campaign/index.js';
import {
  type AlternativesComparison,
  applyAlternative,
  checkAlternative,
  compareAlternatives,
  formatAlternativesTable,
  parseAlternatives,
  QINGXU_ALTERNATIVES_FILE,
  readAlternatives,
  runAlternativesScript,
  type SpecAlternative,
  selectAlternatives,
} from '../../scenarios/qingxu-alternatives.js';
import { ParameterError } from '../../src/index.js';
import { capture } from '../cli/helpers.js';

const SET = readAlternatives(QINGXU_ALTERNATIVES_FILE);
const DOC = JSON.parse(readFileSync(QINGXU_ALTERNATIVES_FILE, 'utf8')) as Record<string, unknown>;
const alternative = (changes: Partial<SpecAlternative>): SpecAlternative => ({
  name: 'x',
  changed: 'x',
  basis: 'x',
  set: {},
  replace: {},
  ...changes,
});

/** The plain value at a dotted path (through annotations' values). */
function read(spec: unknown, path: string): unknown {
  let v = spec;
  for (const k of path.split('.')) {
    while (v !== null && typeof v === 'object' && 'basis' in v && 'value' in v && !(k in v))
      v = (v as { value: unknown }).value;
    v = (v as Record<string, unknown>)[k];
  }
  while (v !== null && typeof v === 'object' && 'basis' in v && 'value' in v)
    v = (v as { value: unknown }).value;
  return v;
}

describe('the alternatives file', () => {
  it('holds the thirteen alternatives, each with a one-line change and a basis', () => {
    expect(SET.alternatives.map((a) => a.name)).toEqual([
      'qr-prereg',
      'qr-cards',
      'assisted-lane',
      'lane-same-staff',
      'pool-20',
      'swabbers+20%',
      'village-slots',
      'suit-4h',
      'suit-2h',
      'setup-14:30',
      'buses-34',
      'doors-2',
      'chains-3',
    ]);
    for (const a of SET.alternatives) {
      expect(a.changed).not.toContain('\n');
      expect(a.basis.length).toBeGreaterThan(5);
    }
  });

  it('each alternative sets what it names, and leaves every other part of the spec as it was', () => {
    const parts = ['testing', 'times', 'checkpoints', 'musters', 'isolation', 'transfers', 'unloading'];
    for (const a of SET.alternatives) {
      const changed = applyAlternative(SET.spec, a) as Record<string, unknown>;
      for (const [path, value] of Object.entries(a.set))
        expect(read(changed, path), `${a.name} ${path}`).toEqual(value);
      for (const [path, value] of Object.entries(a.replace))
        expect(read(changed, path), `${a.name} ${path}`).toEqual(value);
      const touched = new Set([...Object.keys(a.set), ...Object.keys(a.replace)].map((p) => p.split('.')[0]));
      for (const part of parts.filter((p) => !touched.has(p)))
        expect(changed[part], `${a.name} leaves ${part}`).toEqual(
          (SET.spec as Record<string, unknown>)[part],
        );
      expect(changed.figures).toEqual((SET.spec as Record<string, unknown>).figures);
    }
  });

  it('refuses a path the spec does not have, naming the alternative and the path', () => {
    const typo = alternative({ name: 'typo', set: { 'testing.hedong.staff.swabers': 216 } });
    // A new role is a legitimate change of staff; the plan refuses one the flow does not use.
    expect(() => checkAlternative(SET.spec, typo)).toThrow(
      /alternatives\.typo: testing\.hedong\.staff\.swabers/,
    );
    const key = alternative({ name: 'key', set: { 'transfers.park-workers.bus': 3 } });
    expect(() => checkAlternative(SET.spec, key)).toThrow(ParameterError);
    expect(() => checkAlternative(SET.spec, key)).toThrow(/alternatives\.key: transfers\.park-workers\.bus:/);
    const slip = alternative({ name: 'slip', set: { 'transfers.park-workers.busses': 34 } });
    expect(() => checkAlternative(SET.spec, slip)).toThrow(/did you mean "buses"\?/);
    const index = alternative({ name: 'index', set: { 'testing.hedong.flow.9.size': 20 } });
    expect(() => checkAlternative(SET.spec, index)).toThrow(
      /testing\.hedong\.flow\.9: expected an index of the list here \(0 to 6\)/,
    );
    const replace = alternative({ name: 'gone', replace: { 'testing.hedong.calling.slots': [] } });
    expect(() => checkAlternative(SET.spec, replace)).toThrow(
      /alternatives\.gone: testing\.hedong\.calling\.slots/,
    );
  });

  it('refuses a changed spec that is not valid, with every problem', () => {
    const bad = alternative({ name: 'bad', set: { 'testing.hedong.people.type.qr': 0.9 } });
    expect(() => checkAlternative(SET.spec, bad)).toThrow(
      /^alternatives\.bad: testing\.hedong\.people\.type: expected shares that sum to 1 \(these sum to 1\.4\)/,
    );
    const points = alternative({ name: 'points', set: { 'testing.hedong.points': 0 } });
    expect(() => checkAlternative(SET.spec, points)).toThrow(
      /alternatives\.points: testing\.hedong\.points: expected/,
    );
  });

  it('refuses a malformed file with the path and value of every problem, before anything runs', () => {
    const load = () => SET.spec;
    const doc = structuredClone(DOC) as { alternatives: Record<string, Record<string, unknown>> };
    delete doc.alternatives['pool-20']!.changed;
    doc.alternatives['doors-2']!.sett = {};
    let error: unknown;
    try {
      parseAlternatives(doc, load);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    const message = (error as Error).message;
    expect(message).toContain('alternatives.pool-20.changed');
    expect(message).toContain('alternatives.doors-2.sett');
    expect(() => parseAlternatives({ ...DOC, keyFigures: [{ id: 'nope', heading: 'n' }] }, load)).toThrow(
      /keyFigures\[0\]\.id: expected a figure or metric of the base spec/,
    );
    expect(() =>
      parseAlternatives({ ...DOC, alternatives: { empty: { changed: 'x', basis: 'x' } } }, load),
    ).toThrow(/at least one change/);
    // Read from a file, the errors name it before the alternative and the path.
    const typo = {
      ...DOC,
      alternatives: { typo: { changed: 'x', basis: 'x', set: { 'testing.hedong.turnot': 1 } } },
    };
    expect(() => parseAlternatives(typo, load, 'alt.json')).toThrow(
      /^alt\.json: alternatives\.typo: testing\.hedong\.turnot: expected .*did you mean "turnout"\?/,
    );
    expect(() => parseAlternatives({ ...DOC, alternative: {} }, load, 'alt.json')).toThrow(/^alt\.json: /);
  });

  it('--only selects by name and rejects an unknown one', () => {
    expect(selectAlternatives(SET.alternatives, ['pool-20', 'chains-3']).map((a) => a.name)).toEqual([
      'pool-20',
      'chains-3',
    ]);
    expect(() => selectAlternatives(SET.alternatives, ['nope'])).toThrow(/--only/);
  });
});

describe('a list in a spec is changed by index', () => {
  it('sets the pool size of the flow’s fifth step and nothing else', () => {
    const out = overrideSpec(SET.spec, { testing: { hedong: { flow: { 4: { size: 20 } } } } }) as {
      testing: { hedong: { flow: unknown[] } };
    };
    const before = (SET.spec as typeof out).testing.hedong.flow;
    expect(out.testing.hedong.flow[4]).toEqual({ ...(before[4] as object), size: 20 });
    expect(out.testing.hedong.flow.filter((_, i) => i !== 4)).toEqual(before.filter((_, i) => i !== 4));
  });

  it('refuses an index past the end, or a key that is not an index', () => {
    expect(() => overrideSpec(SET.spec, { testing: { hedong: { flow: { 7: {} } } } })).toThrow(
      /testing\.hedong\.flow\.7: expected an index of the list here/,
    );
    expect(() => overrideSpec(SET.spec, { testing: { hedong: { flow: { first: {} } } } })).toThrow(
      /testing\.hedong\.flow\.first/,
    );
  });
});

describe('the comparison on common random numbers (Hedong and the supplies at a tenth)', () => {
  // Hedong at a tenth (5 points, the same staff a point) and a tenth of the supplies, so every
  // alternative runs in a fraction of a second; the rest is the spec's.
  const SMALL = {
    'testing.hedong.residents': 12_635,
    'testing.hedong.points': 5,
    'testing.hedong.staff': { marshals: 10, clerks: 20, swabbers: 18 },
    'unloading.supplies.trucks': 3,
    'unloading.supplies.items': 1000,
  };
  const N = 3;
  const SEED = 11;
  const same = alternative({ name: 'same', changed: 'nothing changed', basis: 'control' });
  const c = compareAlternatives(SET, {
    only: [same, ...SET.alternatives],
    replications: N,
    seed: SEED,
    base: SMALL,
  });
  const effect = (name: string, id: string) => {
    const e = c.rows.find((r) => r.name === name)?.effects.find((x) => x.id === id);
    if (e === undefined) throw new Error(`no effect ${id} of ${name}`);
    return e;
  };

  it('has the documented shape', () => {
    expect(c).toMatchObject({ scenario: 'qingxu-2022-04-13', seed: SEED, replications: N, level: 0.95 });
    expect(c.rows.map((r) => r.name)).toEqual(['same', ...SET.alternatives.map((a) => a.name)]);
    for (const k of SET.keyFigures) expect(c.baseline).toHaveProperty([k.id]);
    for (const r of c.rows)
      for (const k of SET.keyFigures)
        expect(r.effects.find((e) => e.id === k.id)?.n, `${r.name} ${k.id}`).toBe(N);
    const again = JSON.parse(JSON.stringify(c)) as AlternativesComparison;
    expect(again.rows.length).toBe(c.rows.length);
    const text = formatAlternativesTable(c);
    for (const a of SET.alternatives) expect(text).toContain(a.changed);
    for (const k of SET.keyFigures) expect(text).toContain(k.heading);
  });

  it('the alternative that changes nothing differs by exactly zero', () => {
    for (const e of c.rows[0]!.effects) {
      expect(e.mean, e.id).toBe(0);
      expect(e.sd, e.id).toBe(0);
      expect(e.significant, e.id).toBe(false);
    }
  });

  it('three chains shorten the unloading; a second door brings the transfer forward', () => {
    expect(effect('chains-3', 'unloading.finish').upper!).toBeLessThan(0);
    expect(effect('doors-2', 'transfer.finish').upper!).toBeLessThan(0);
  });

  it('an earlier set-up moves the 327th bed by exactly the 90 min and lowers the exposure', () => {
    // The set-up draws from its own streams: on common random numbers it moves as a whole.
    expect(effect('setup-14:30', 'siteSetup.neededReady').mean!).toBeCloseTo(-5400, 3);
    expect(effect('setup-14:30', 'transfer.exposure').upper!).toBeLessThan(0);
  });

  it('20-in-1 pooling halves the tubes and barely changes the count tested', () => {
    const tubes = effect('pool-20', 'hedong.tubes');
    expect(tubes.meanB! / tubes.meanA!).toBeGreaterThan(0.45);
    expect(tubes.meanB! / tubes.meanA!).toBeLessThan(0.55);
    const tested = effect('pool-20', 'hedong.tested6h');
    expect(Math.abs(tested.mean!)).toBeLessThan(0.01 * tested.meanA!);
  });

  it('QR cards, an assisted lane and village slots shorten the elders’ time in the point', () => {
    for (const name of ['qr-cards', 'assisted-lane', 'village-slots'])
      expect(effect(name, 'hedong.p95.timeInPoint.assisted').upper!, name).toBeLessThan(0);
  });

  it('an alternative leaves the components it does not touch exactly as they were', () => {
    for (const id of ['unloading.finish', 'transfer.finish', 'siteSetup.neededReady'])
      expect(effect('pool-20', id).mean, id).toBe(0);
    for (const id of ['hedong.tested6h', 'hedong.finish', 'unloading.finish'])
      expect(effect('buses-34', id).mean, id).toBe(0);
  });
});

describe('the command line', () => {
  const alternatives = (args: string[]) => {
    const c = capture();
    const code = runAlternativesScript(args, c.io);
    return { code, out: c.out(), err: c.err() };
  };

  it('--json prints the comparison with the alternative’s changes of the spec', () => {
    const p = alternatives(['--only', 'setup-14:30', '-n', '2', '--seed', '3', '--json']);
    expect(p.code, p.err).toBe(0);
    const json = JSON.parse(p.out) as AlternativesComparison;
    expect(json.seed).toBe(3);
    expect(json.replications).toBe(2);
    expect(json.keyFigures.map((k) => k.id)).toEqual(SET.keyFigures.map((k) => k.id));
    expect(json.rows.map((r) => r.name)).toEqual(['setup-14:30']);
    expect(json.rows[0]!.set).toEqual({ 'isolation.isolation-site.start': '14:30' });
  }, 120_000);

  it('a bad --only or --alternatives exits 2 before running', () => {
    const only = alternatives(['--only', 'nope']);
    expect(only.code).toBe(2);
    expect(only.err).toContain('--only');
    expect(only.out).toBe('');
    const file = alternatives(['--alternatives', 'campaigns/nope.json']);
    expect(file.code).toBe(2);
    expect(file.err).toContain('campaigns/nope.json');
  });
});

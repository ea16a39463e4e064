import { describe, expect, it } from 'vitest';
import { scenario } from '../../scenarios/qingxu-2022-04-13.js';
import {
  type AlternativesComparison,
  checkAlternative,
  compareAlternatives,
  formatAlternativesTable,
  KEY_FIGURES,
  QINGXU_ALTERNATIVES,
  runAlternativesScript,
  selectAlternatives,
} from '../../scenarios/qingxu-alternatives.js';
import { runScenario } from '../../src/experiment/index.js';
import { ParameterError } from '../../src/kernel/errors.js';

// Hedong at a tenth of its size (5 points with the same staff per point) and a tenth of the
// supplies, so that every alternative runs in a fraction of a second; the rest is the replay's.
const SMALL = {
  hedong: { population: 12_635, points: 5, staff: { marshals: 10, clerks: 20, swabbers: 18 } },
  unloading: { trucks: 3, items: 1000 },
} as const;
const SEED = 11;
const N = 3;

const byName = (c: AlternativesComparison, name: string) => {
  const row = c.rows.find((r) => r.name === name);
  if (row === undefined) throw new Error(`no row ${name}`);
  return (id: string) => {
    const e = row.effects.find((x) => x.id === id);
    if (e === undefined) throw new Error(`no effect ${id} in ${name}`);
    return e;
  };
};

describe('the alternatives as data', () => {
  it('every alternative has a distinct name, a one-line change and a basis, and valid overrides', () => {
    const names = QINGXU_ALTERNATIVES.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const a of QINGXU_ALTERNATIVES) {
      expect(a.name).toMatch(/^[a-z0-9:+%-]+$/);
      expect(a.changed.length).toBeGreaterThan(10);
      expect(a.changed).not.toContain('\n');
      expect(a.basis.length).toBeGreaterThan(5);
      // mergeParameters rejects unknown paths and the replay's checks reject bad values.
      expect(() => checkAlternative(a)).not.toThrow();
      expect(() => checkAlternative(a, SMALL)).not.toThrow();
    }
  });

  it('a renamed parameter fails, naming its path', () => {
    const bad = { name: 'bad', changed: 'x', basis: 'x', overrides: { hedong: { swabers: 216 } } as never };
    expect(() => checkAlternative(bad)).toThrow(ParameterError);
    expect(() => checkAlternative(bad)).toThrow(/alternatives\.bad\.hedong\.swabers/);
  });

  it('--only selects by name and rejects an unknown one', () => {
    expect(selectAlternatives(QINGXU_ALTERNATIVES, ['pool-20', 'chains-3']).map((a) => a.name)).toEqual([
      'pool-20',
      'chains-3',
    ]);
    expect(() => selectAlternatives(QINGXU_ALTERNATIVES, ['nope'])).toThrow(/--only/);
  });

  it('every key figure is a figure or metric of the replay', () => {
    const ids = new Set([...scenario.figures, ...(scenario.metrics ?? [])].map((f) => f.id));
    for (const k of KEY_FIGURES) expect(ids.has(k.id), k.id).toBe(true);
  });
});

describe('the comparison on common random numbers (Hedong and supplies at a tenth)', () => {
  const identity = { name: 'same', changed: 'nothing changed', basis: 'control', overrides: {} };
  const c = compareAlternatives([identity, ...QINGXU_ALTERNATIVES], {
    replications: N,
    seed: SEED,
    base: SMALL,
  });

  it('has the documented shape', () => {
    expect(c).toMatchObject({ scenario: scenario.name, seed: SEED, replications: N, level: 0.95 });
    expect(c.rows.map((r) => r.name)).toEqual(['same', ...QINGXU_ALTERNATIVES.map((a) => a.name)]);
    for (const k of KEY_FIGURES) expect(c.baseline).toHaveProperty([k.id]);
    for (const r of c.rows) {
      for (const k of KEY_FIGURES)
        expect(
          r.effects.some((e) => e.id === k.id),
          `${r.name} ${k.id}`,
        ).toBe(true);
      for (const e of r.effects) expect(e.n).toBe(N);
    }
    const again = JSON.parse(JSON.stringify(c)) as AlternativesComparison;
    expect(again.rows.length).toBe(c.rows.length);
    const text = formatAlternativesTable(c);
    for (const a of QINGXU_ALTERNATIVES) expect(text).toContain(a.changed);
    for (const k of KEY_FIGURES) expect(text).toContain(k.heading);
  });

  it('the alternative identical to the baseline differs by exactly zero', () => {
    const same = c.rows[0]!;
    for (const e of same.effects) {
      expect(e.mean, e.id).toBe(0);
      expect(e.sd, e.id).toBe(0);
      expect(e.significant, e.id).toBe(false);
    }
  });

  it('three chains shorten the unloading', () => {
    expect(byName(c, 'chains-3')('unloading.finish').upper!).toBeLessThan(0);
  });

  it('an earlier set-up shifts the 327th bed by the 90 min and lowers the exposure', () => {
    const e = byName(c, 'setup-14:30');
    // The set-up draws its work from its own streams: on common random numbers it moves as a whole.
    expect(e('siteSetup.neededReady').mean!).toBeCloseTo(-5400, 3);
    expect(e('transfer.exposure').upper!).toBeLessThan(0);
  });

  it('20-in-1 pooling halves the tubes and barely changes the count tested', () => {
    const e = byName(c, 'pool-20');
    const tubes = e('hedong.tubes');
    expect(tubes.meanB! / tubes.meanA!).toBeGreaterThan(0.45);
    expect(tubes.meanB! / tubes.meanA!).toBeLessThan(0.55);
    const tested = e('hedong.tested6h');
    expect(Math.abs(tested.mean!)).toBeLessThan(0.01 * tested.meanA!);
  });

  it('printed QR cards shorten the elders’ time in the point', () => {
    expect(byName(c, 'qr-cards')('hedong.p95.timeInPoint.assisted').mean!).toBeLessThan(0);
  });

  it('a second boarding door brings the transfer forward', () => {
    expect(byName(c, 'doors-2')('transfer.finish').upper!).toBeLessThan(0);
  });

  it('20 % more swabbers never lower the 6-hour count in any pair', () => {
    const base = runScenario(scenario, { replications: N, seed: SEED, overrides: SMALL as never });
    const more = runScenario(scenario, {
      replications: N,
      seed: SEED,
      overrides: { hedong: { ...SMALL.hedong, staff: { ...SMALL.hedong.staff, swabbers: 22 } } } as never,
    });
    const a = base.values['hedong.tested6h']!;
    const b = more.values['hedong.tested6h']!;
    expect(a.length).toBe(N);
    for (let i = 0; i < N; i++) expect(b[i]!).toBeGreaterThanOrEqual(a[i]!);
  });
});

describe('the command line', () => {
  it('--json prints the comparison; a bad --only exits 2 before running', () => {
    let out = '';
    let err = '';
    const io = {
      out: (s: string) => (out += s),
      err: (s: string) => (err += s),
      errStream: process.stderr,
      errIsTTY: false,
    };
    expect(runAlternativesScript(['--only', 'setup-14:30', '-n', '2', '--seed', '3', '--json'], io)).toBe(0);
    const json = JSON.parse(out) as AlternativesComparison & { keyFigures: string[] };
    expect(json.seed).toBe(3);
    expect(json.replications).toBe(2);
    expect(json.keyFigures).toEqual(KEY_FIGURES.map((k) => k.id));
    expect(json.rows.map((r) => r.name)).toEqual(['setup-14:30']);
    expect(json.rows[0]!.overrides).toEqual({ siteSetup: { start: '14:30' } });
    out = '';
    expect(runAlternativesScript(['--only', 'nope'], io)).toBe(2);
    expect(err).toContain('--only');
    expect(out).toBe('');
  });
});

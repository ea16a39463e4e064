import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overrideSpec } from '../../models/campaign/index.js';
import { QINGXU_EFFECTS, QINGXU_STAFFING } from '../../scenarios/qingxu-staffing.js';
import { checkStaffInputs } from '../../src/cli/staff.js';
import { combineOverrides } from '../../src/index.js';
import { surgesimHere } from './helpers.js';

/** Hedong reduced to 2 of its 50 points and their share of the 119,246 people. */
const SMALL = [
  'qingxu',
  '--area',
  'hedong',
  '--set',
  'testing.hedong.points=2',
  '--set',
  'testing.hedong.residents=4770',
  '--set',
  'testing.hedong.turnout=1',
  '--set',
  'testing.hedong.staff.marshals=4',
  '--set',
  'testing.hedong.staff.clerks=8',
  '--set',
  'testing.hedong.staff.swabbers=8',
];

const staff = (...args: string[]) => surgesimHere('staff', ...args);

describe('surgesim staff: bad input is refused with exit code 2 before anything runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staff-'));
  /** A variants file with one entry `x`, written to the folder. */
  const variantsFile = (name: string, entry: Record<string, unknown>): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ variants: { x: { changed: 'x', basis: 'test', ...entry } } }));
    return file;
  };
  const badPath = variantsFile('path.json', { set: { 'testing.hedong.staf.clerks': 3 } });
  const badValue = variantsFile('value.json', { set: { 'testing.hedong.points': 0 } });
  const unknownKey = variantsFile('key.json', { sett: { 'testing.hedong.points': 3 } });
  // A uniform swab time in place of the lognormal: merging would keep the lognormal's mean and sd.
  const drops = variantsFile('drops.json', {
    replace: { 'times.swab': { dist: 'uniform', min: '5 s', max: '20 s' } },
  });
  const reserved = join(dir, 'reserved.json');
  writeFileSync(
    reserved,
    JSON.stringify({
      variants: { 'as-written': { changed: 'x', basis: 'x', set: { 'testing.hedong.points': 3 } } },
    }),
  );
  const topKey = join(dir, 'top.json');
  writeFileSync(topKey, JSON.stringify({ variant: {} }));
  const badTornado = join(dir, 'tornado.json');
  writeFileSync(
    badTornado,
    JSON.stringify({
      parameters: {
        'swab time': {
          range: 'r',
          basis: 'b',
          low: { set: { 'testing.hedong.turnout': 0.85 } },
          high: { set: { 'testing.hedong.turnot': 0.98 } },
        },
      },
    }),
  );
  const cases: [string[], RegExp][] = [
    [['qingxu', '--roles', 'clerks'], /needs --area NAME/],
    [['qingxu', '--area', 'hedong'], /needs --roles a,b/],
    [
      ['qingxu', '--area', 'hedon', '--roles', 'clerks'],
      /--area: expected a testing area of the spec \(yunda, hedong\), got "hedon"/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerk'],
      /--roles: expected roles of hedong's staff \(marshals, clerks, swabbers\), got "clerk"/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--target', '1'],
      /--target: expected a number in \(0, 1\)/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--max-replications', '20'],
      /--max-replications: expected at least 63/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--deadline', '6 kg'],
      /--deadline: expected a duration/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', join(dir, 'none.json')],
      /--variants: expected a readable JSON file/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', badPath],
      /path\.json: variants\.x: testing\.hedong\.staf: expected one of the spec's keys here .*did you mean "staff"\?/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', badValue],
      /value\.json: variants\.x: testing\.hedong\.points: expected/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', unknownKey],
      /key\.json: \d problems?\n {2}variants\.x\.sett: expected no key "sett" here \(did you mean "set"\?\)/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', drops],
      /drops\.json: variants\.x\.replace: expected changes the runs can merge/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', reserved],
      /reserved\.json: variants\.as-written: expected an id other than "as-written"/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', topKey],
      /variant: expected no key "variant" here \(did you mean "variants"\?\); known keys: description, variants/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--tornado', badTornado],
      /tornado\.json: parameters\["swab time"\]\.high: testing\.hedong\.turnot: expected .*did you mean "turnout"\?/,
    ],
    [
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--marginal', '1'],
      /--marginal: expected 0 \(none\) or a whole number ≥ 2/,
    ],
    [['qingxu', '--area', 'hedong', '--roles', 'clerks', '--force'], /--force needs --out DIR/],
    [['qingxu', '--area', 'hedong', '--roles', 'clerks', '--frob'], /Unknown option '--frob'/],
    [['qingxu', '--area', 'hedong', '--roles', 'clerks', '--set', 'testing.hedong.staff.clerks=1'], /clerks/],
  ];
  for (const [args, message] of cases)
    it(args.slice(1).join(' '), async () => {
      const r = await staff(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  it('prints its help', async () => {
    const r = await staff('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: surgesim staff <spec> --area NAME --roles a,b/);
  });
});

/** The plain value at a dotted path (through annotations' values). */
function read(spec: unknown, path: string): unknown {
  const plain = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && 'basis' in v && 'value' in v ? plain(v.value) : v;
  return path.split('.').reduce((v, k) => plain((plain(v) as Record<string, unknown>)[k]), spec);
}

describe('the shipped staffing files, in the alternatives format', () => {
  it('read as variants and tornado ends that change what they name and nothing else', async () => {
    const inputs = await checkStaffInputs([...QINGXU_STAFFING, ...QINGXU_EFFECTS]);
    const written = overrideSpec(inputs.spec, inputs.overrides) as Record<string, unknown>;
    expect(inputs.variants.map((v) => v.id)).toEqual(['as-written', 'qr', 'slots', 'slots-early']);
    expect(inputs.tornado.map((t) => t.name)).toEqual([
      'turnout',
      'assisted share',
      'assisted registration',
      'ID registration',
      'QR registration',
      'swab time',
      'clerks per point',
      'swab tables',
    ]);
    const ends = [
      ...inputs.variants.map((v) => ({ changes: v.changes, overrides: v.overrides })),
      ...inputs.tornado.flatMap((t) => [
        { changes: t.low, overrides: combineOverrides([inputs.overrides, t.lowOverrides]) },
        { changes: t.high, overrides: combineOverrides([inputs.overrides, t.highOverrides]) },
      ]),
    ];
    for (const { changes, overrides } of ends) {
      const changed = overrideSpec(inputs.spec, overrides) as Record<string, unknown>;
      const paths = [...Object.keys(changes.replace), ...Object.keys(changes.set)];
      for (const path of paths) {
        expect(read(changed, path), path).toEqual(changes.set[path] ?? changes.replace[path]);
      }
      const touched = new Set(paths.map((p) => p.split('.')[0]));
      for (const part of Object.keys(written).filter((p) => !touched.has(p)))
        expect(changed[part], part).toEqual(written[part]);
    }
  });
});

describe('surgesim staff on a reduced Hedong', () => {
  it('gives the same answer, bit for bit, on one thread and on two', async () => {
    const args = [...SMALL, '--roles', 'clerks,swabbers', '--marginal', '2', '--json'];
    const one = await staff(...args, '--workers', '1');
    const two = await staff(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.out).toBe(one.out);
    const report = JSON.parse(one.out);
    expect(report.plans[0].result.feasible).toBe(true);
    // The path says how each plan was decided; the plan itself met its own test.
    expect(report.plans[0].result.probability.lower).toBeGreaterThanOrEqual(0.95);
    expect(report.simulations).toBeGreaterThan(report.plans[0].result.simulations);
  }, 300_000);
});

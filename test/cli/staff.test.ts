import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

function capture(): CliIo & { readonly text: () => { out: string; err: string } } {
  let out = '';
  let err = '';
  return {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    errStream: process.stderr,
    errIsTTY: false,
    text: () => ({ out, err }),
  };
}

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

async function staff(...args: string[]) {
  const io = capture();
  const code = await main(['staff', ...args], io);
  return { code, ...io.text() };
}

describe('surgesim staff: bad input is refused with exit code 2 before anything runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staff-'));
  const badVariant = join(dir, 'variants.json');
  writeFileSync(
    badVariant,
    JSON.stringify([{ id: 'x', label: 'x', set: { 'testing.hedong.staf.clerks': 3 } }]),
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
      ['qingxu', '--area', 'hedong', '--roles', 'clerks', '--variants', badVariant],
      /--variants\[0\]: expected changes that give a valid spec .*staf/,
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

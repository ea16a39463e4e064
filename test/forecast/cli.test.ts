import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { surgesimHere } from '../cli/helpers.js';

const SPEC = 'test/forecast/fixtures/tiny-town.json';
const SNAP = 'test/forecast/fixtures/tiny-town-09-30.csv';

const forecast = (...args: string[]) => surgesimHere('forecast', ...args);

describe('surgesim forecast: flags and input checked before any run (exit 2)', () => {
  it.each([
    [[SPEC], /needs --snapshot FILE/],
    [[SPEC, '--snapshot', 'nope.csv'], /--snapshot: expected an existing CSV or JSON file, got "nope.csv"/],
    [[SPEC, '--snapshot', SNAP, '-n', '1'], /--replications: expected a whole number ≥ 2/],
    [
      [SPEC, '--snapshot', SNAP, '--move', '3 clerks to nowhere at 10:00'],
      /--move\[0\]\.to: expected a testing area/,
    ],
    [[SPEC, '--snapshot', SNAP, '--set', 'testing.town.staf.clerks=3'], /testing\.town\.staf/],
    [[SPEC, '--snapshot', SNAP, '--bogus'], /bogus/],
    [[SPEC, '--snapshot', SPEC], /snapshot: .*problem/],
  ])('%j', async (args, message) => {
    const r = await forecast(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });
});

describe('surgesim forecast: a run', () => {
  it('prints the table and the variant; --json and --out write the forecast and its fan chart', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'forecast-')), 'out');
    const r = await forecast(
      SPEC,
      '--snapshot',
      SNAP,
      '-n',
      '4',
      '--particles',
      '10',
      '--move',
      '1 clerks to town at 09:40',
      '--out',
      dir,
      '-q',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Forecast from the snapshot at 09:30 \(4 replications, seed 1, 90 % intervals\)/);
    expect(r.out).toMatch(/^town\s+300\s+\d\d:\d\d/m);
    expect(r.out).toMatch(/1 clerks to town at 09:40 − no change/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/town: people tested, forecast/);
    const j = await forecast(SPEC, '--snapshot', SNAP, '-n', '3', '--particles', '10', '--json');
    const parsed = JSON.parse(j.out);
    expect(parsed.areas.town.values.finish).toHaveLength(3);
    expect(parsed.at).toBe(9.5 * 3600);
  }, 120_000);
});

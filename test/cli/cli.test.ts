/**
 * The `surgesim` command and the scenario-script entry, run as separate processes the way a planner
 * runs them (`node --import tsx src/cli/main.ts …`): the text table, JSON that parses and equals the
 * in-process result for the same seed, the report folder with SVG and PNG charts whose text is really
 * drawn, paired comparisons, and clear one-paragraph errors with the right exit codes. stderr is a
 * pipe here, so no progress bar may appear on it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareScenarios,
  formatComparisonTable,
  formatScenarioTable,
  runScenario,
} from '../../src/index.js';
import { svgToPng } from '../../src/report/node.js';
import { scenarioResultJson } from '../../src/report/scenarioReport.js';
import { scenario as desk } from './fixtures/desk.js';
import { decodePng, diffRows, fixture, node, root, surgesim } from './helpers.js';

const DESK = fixture('desk.ts');
const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const tmp = mkdtempSync(join(tmpdir(), 'surgesim-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A stack trace line, which must not appear without --debug. */
const STACK = /\n\s+at /;

describe.concurrent('surgesim run', () => {
  it('prints the reported-vs-simulated table and the planner metrics; nothing on stderr', async () => {
    const p = await surgesim('run', DESK, '--replications', '5', '--seed', '1');
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toBe('');
    const expected = formatScenarioTable(runScenario(desk, { replications: 5, seed: 1 }));
    expect(p.stdout).toBe(`${expected}\n`);
    expect(p.stdout).toMatch(/^A registration desk — 5 replications, seed 1, surgesim /);
    expect(p.stdout).toContain('Last person served');
    expect(p.stdout).toContain('planner metric');
  });

  it('--json prints only the result, equal to runScenario with the same seed, without runs', async () => {
    const p = await surgesim('run', DESK, '-n', '4', '--seed', '7', '--json', '--set', 'servers=3');
    expect(p.code, p.stderr).toBe(0);
    const json = JSON.parse(p.stdout);
    const expected = runScenario(desk, { replications: 4, seed: 7, overrides: { servers: 3 } });
    expect(json).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(json).toMatchObject({ scenario: 'desk', seed: 7, replications: 4, version: packageVersion });
    expect(json.parameters).toEqual({ people: 100, servers: 3, service: { mean: 60 }, deadline: 1800 });
    for (const f of json.figures)
      for (const key of ['id', 'label', 'unit', 'reported', 'source', 'median', 'lower', 'upper', 'fitted'])
        expect(f).toHaveProperty(key);
    expect(json.figures.map((f: { fitted: string | null }) => f.fitted)).toEqual([null, 'servers']);
    expect(json.metrics[0]).toMatchObject({ id: 'served', median: 100, lower: 100, upper: 100 });
    expect(json.runs).toBeUndefined();
    expect(p.stderr).toBe('');
  });

  it('--set values merge (repeatable, nested paths); a string value stays a string', async () => {
    const p = await surgesim(
      'run',
      DESK,
      '-n',
      '2',
      '--seed',
      '1',
      '--json',
      '--set',
      'service.mean=30',
      '--set',
      'people=50',
    );
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout).parameters).toEqual({
      people: 50,
      servers: 2,
      service: { mean: 30 },
      deadline: 1800,
    });
  });

  it('the scenario script itself (isMain + runScenarioScript) prints what surgesim run prints', async () => {
    const viaScript = await node(DESK, ['-n', '3', '--seed', '11', '--json']);
    expect(viaScript.code, viaScript.stderr).toBe(0);
    expect(viaScript.stdout).toBe(scenarioResultJson(runScenario(desk, { replications: 3, seed: 11 })));
  });

  it('--out writes report.html, result.json and each chart as SVG and PNG with drawn text', async () => {
    const out = join(tmp, 'desk');
    const p = await surgesim('run', DESK, '-n', '4', '--seed', '3', '--json', '--out', out);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/^wrote 6 files to /);
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'))).toEqual(JSON.parse(p.stdout));
    for (const name of ['figures', 'finish-by-replication']) {
      expect(existsSync(join(out, `${name}.svg`)), name).toBe(true);
      expect(existsSync(join(out, `${name}.png`)), name).toBe(true);
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const text of [
      'A registration desk',
      'Reported vs simulated',
      'Planner metrics',
      'Last person served',
      'service.mean',
      'fitted: servers',
      'finish-by-replication',
    ])
      expect(html).toContain(text);
    expect(html).toMatch(/<td[^>]*>seed<\/td><td[^>]*>3<\/td>/);
    expect(html).toContain(`>${packageVersion}<`);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);

    // The PNG on disk really has text: blanking the title's glyphs in its SVG and rendering again
    // changes pixels only in the title band.
    const svg = readFileSync(join(out, 'figures.svg'), 'utf8');
    const title = 'A registration desk: simulated vs reported';
    expect(svg).toContain(`>${title}<`);
    const file = decodePng(readFileSync(join(out, 'figures.png')));
    const blank = svgToPng(svg.replace(`>${title}<`, '><'), { scale: 2 });
    expect([blank.width, blank.height]).toEqual([file.width, file.height]);
    let ink = 0;
    for (let i = 0; i < file.pixels.length; i += 4) if (file.pixels[i]! < 200) ink++;
    expect(ink / (file.width * file.height)).toBeGreaterThan(0.005);
    const rows = diffRows(file.pixels, blank.pixels, file.width);
    expect(rows.length).toBeGreaterThan(300);
    expect(Math.max(...rows)).toBeLessThan(70); // the title band, at scale 2
  });

  it('a plain .mjs scenario (default export, metrics only) loads by plain import and runs', async () => {
    const p = await surgesim('run', fixture('metrics-only.mjs'), '-n', '3', '--seed', '2', '--json');
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toBe('');
    expect(JSON.parse(p.stdout)).toMatchObject({ scenario: 'coin', seed: 2, replications: 3, figures: [] });
  });
});

describe.concurrent('surgesim compare', () => {
  it('prints the paired differences of every shared figure, as compareScenarios does', async () => {
    const p = await surgesim('compare', DESK, DESK, '-n', '6', '--seed', '1', '--set-b', 'servers=3');
    expect(p.code, p.stderr).toBe(0);
    const c = compareScenarios(desk, desk, { replications: 6, seed: 1, overridesB: { servers: 3 } });
    expect(p.stdout).toBe(`${formatComparisonTable(c)}\n`);
    expect(p.stdout).toContain('6 paired replications (common random numbers), seed 1');
  });

  it('--json: differences per shared figure; an unchanged figure differs by exactly zero', async () => {
    const p = await surgesim(
      'compare',
      DESK,
      DESK,
      '-n',
      '4',
      '--seed',
      '5',
      '--json',
      '--set-a',
      'servers=1',
      '--set-b',
      'servers=1',
    );
    expect(p.code, p.stderr).toBe(0);
    const json = JSON.parse(p.stdout);
    expect(json.differences.map((d: { id: string }) => d.id)).toEqual(['finish', 'byDeadline', 'served']);
    // Same scenario, same parameters, same seeds (common random numbers): identical replications.
    for (const d of json.differences) expect([d.mean, d.lower, d.upper]).toEqual([0, 0, 0]);
    expect(json.resultA.parameters.servers).toBe(1);
  });
});

describe.concurrent('help and version', () => {
  it('--help lists the commands', async () => {
    const p = await surgesim('--help');
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/surgesim run <scenario file>[\s\S]*surgesim compare <a> <b>/);
  });
});

describe.concurrent('bad input: a message saying what to fix, exit 2, nothing run', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a module without a scenario',
      ['run', fixture('no-scenario.ts')],
      /no-scenario\.ts: expected a module exporting `scenario`.*exports \[answer\]/,
    ],
    [
      'a misspelt --set path',
      ['run', DESK, '--set', 'servrs=3'],
      /^surgesim run: parameters\.servrs: expected one of the known parameters \(people, servers, service, deadline\), got 3\n$/,
    ],
  ];
  for (const [what, args, message] of cases)
    it(what, async () => {
      const p = await surgesim(...args);
      expect(p.code, p.stderr).toBe(2);
      expect(p.stderr).toMatch(message);
      expect(p.stderr).not.toMatch(STACK);
      expect(p.stdout).toBe('');
    });
});

describe.concurrent('a failure inside a run', () => {
  it('exits 1 with the message naming the replication, its seed and the simulated time', async () => {
    const p = await surgesim('run', fixture('failing.ts'), '-n', '4', '--seed', '1');
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(
      /^surgesim run: replication 2 \(seed \d+\) failed: desk#1 at t=1234\.50: the desk caught fire\n$/,
    );
    expect(p.stdout).toBe('');
  });
});

describe('the Qingxu replay through surgesim run', () => {
  it.skipIf(!existsSync(join(root, 'scenarios/qingxu-2022-04-13.ts')))(
    '--replications 2 --json gives a parseable result of that scenario',
    async () => {
      const p = await surgesim(
        'run',
        'scenarios/qingxu-2022-04-13.ts',
        '--replications',
        '2',
        '--seed',
        '1',
        '--json',
      );
      expect(p.code, p.stderr).toBe(0);
      const json = JSON.parse(p.stdout);
      expect(json).toMatchObject({ scenario: 'qingxu-2022-04-13', replications: 2, seed: 1 });
      expect(json.figures.length).toBeGreaterThan(0);
    },
    60_000,
  );
});

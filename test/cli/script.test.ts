/**
 * The command line in process (fast; the spawned tests in cli.test.ts cover the real processes):
 * `runScenarioScript` and `main` with captured output — `--set` merging, `--workers`, the `--out`
 * report folder with charts whose text is really drawn, `compare --json`, flag errors that name the
 * flag or parameter path and exit 2 before anything runs, a failed replication exits 1, `--debug`
 * adds the stack, help texts list the options — and the progress bar: drawn only on a terminal, only
 * for runs projected to last longer than a second, never with --json or --quiet.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgress, main, runScenarioScript } from '../../src/cli/index.js';
import {
  compareScenarios,
  formatComparisonTable,
  formatScenarioTable,
  runScenario,
} from '../../src/index.js';
import { svgToPng } from '../../src/report/node.js';
import { scenario as desk } from './fixtures/desk.js';
import { scenario as failing } from './fixtures/failing.js';
import { capture as captured, decodePng, diffRows, fixture, root } from './helpers.js';

const DESK = fixture('desk.ts');
const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const tmp = mkdtempSync(join(tmpdir(), 'surgesim-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A terminal-like stream that records what is written to it. */
function terminal(): { stream: Writable & { isTTY: boolean; columns: number }; text: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY: true, columns: 120 },
  );
  return { stream, text: () => chunks.join('') };
}

function capture(errIsTTY = false) {
  const tty = terminal();
  return { ...captured({ errStream: tty.stream, errIsTTY }), bar: tty.text };
}

describe('runScenarioScript', () => {
  it('prints the table for the given seed, exit 0', async () => {
    const c = capture();
    expect(await runScenarioScript(desk, ['-n', '3', '--seed', '4'], c.io)).toBe(0);
    expect(c.out()).toBe(`${formatScenarioTable(runScenario(desk, { replications: 3, seed: 4 }))}\n`);
    expect(c.err()).toBe('');
  });

  it('--help shows the title, description and every option', async () => {
    const c = capture();
    expect(await runScenarioScript(desk, ['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('A registration desk');
    expect(c.out()).toContain('People queue at a desk');
    for (const flag of [
      '--replications',
      '--seed',
      '--set',
      '--workers',
      '--json',
      '--out',
      '--quiet',
      '--debug',
    ])
      expect(c.out()).toContain(flag);
  });

  it('--set values merge (repeatable, nested paths)', async () => {
    const c = capture();
    const argv = ['-n', '2', '--seed', '1', '--json', '--set', 'service.mean=30', '--set', 'people=50'];
    expect(await runScenarioScript(desk, argv, c.io)).toBe(0);
    expect(JSON.parse(c.out()).parameters).toEqual({
      people: 50,
      servers: 2,
      service: { mean: 30 },
      deadline: 1800,
    });
  });

  it('--workers gives the serial result (a run this short stays on the calling thread)', async () => {
    const c = capture();
    const argv = ['-n', '3', '--seed', '4', '--json'];
    expect(await runScenarioScript(desk, [...argv, '-w', '2'], c.io, { module: DESK })).toBe(0);
    const serial = capture();
    expect(await runScenarioScript(desk, [...argv, '--workers', '1'], serial.io, { module: null })).toBe(0);
    expect(c.out()).toBe(serial.out());
  });

  it('--out writes report.html, result.json and each chart as SVG and PNG with drawn text', async () => {
    const out = join(tmp, 'desk');
    const c = capture();
    expect(await runScenarioScript(desk, ['-n', '4', '--seed', '3', '--json', '--out', out], c.io)).toBe(0);
    expect(c.err()).toMatch(/^wrote 6 files to /);
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'))).toEqual(JSON.parse(c.out()));
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

  const bad: [string, string[], string][] = [
    [
      'a value the scenario rejects',
      ['--set', 'servers=0'],
      'desk: parameters.servers: expected an integer ≥ 1, got 0\n',
    ],
    [
      'a --set without =',
      ['--set', 'servers'],
      'desk: --set: expected path=value (e.g. hedong.swabbers=1200), got "servers"\n',
    ],
    [
      'a nested path under a number',
      ['--set', 'servers.count=3'],
      'desk: parameters.servers: expected a value like the default (2), got {"count":3}\n',
    ],
    ['a bad --replications', ['-n', 'x'], 'desk: --replications: expected a whole number ≥ 1, got "x"\n'],
    ['zero replications', ['-n', '0'], 'desk: --replications: expected a whole number ≥ 1, got "0"\n'],
    ['a bad --seed', ['--seed', '1.5'], 'desk: --seed: expected a whole number, got "1.5"\n'],
    ['zero workers', ['-w', '0'], 'desk: --workers: expected a whole number ≥ 1, got "0"\n'],
    ['an empty --out', ['--out', ''], 'desk: --out: expected a folder to write to, got ""\n'],
    ['a positional argument', ['extra'], "desk: Unexpected argument 'extra' (see --help)\n"],
  ];
  for (const [what, argv, message] of bad)
    it(`${what}: exit 2, the message names it, nothing printed on stdout`, async () => {
      const c = capture();
      expect(await runScenarioScript(desk, argv, c.io)).toBe(2);
      expect(c.err()).toBe(message);
      expect(c.out()).toBe('');
    });

  it('a failed replication: exit 1 with replication, seed and simulated time; --debug adds the stack', async () => {
    const c = capture();
    expect(await runScenarioScript(failing, ['-n', '3', '--seed', '1'], c.io)).toBe(1);
    expect(c.err()).toMatch(
      /^failing: replication 2 \(seed \d+\) failed: desk#1 at t=1234\.50: the desk caught fire\n$/,
    );
    const d = capture();
    expect(await runScenarioScript(failing, ['-n', '3', '--seed', '1', '--debug'], d.io)).toBe(1);
    expect(d.err()).toMatch(/\n\s+at /);
  });
});

describe('main', () => {
  it('compare --json: one difference per shared figure; unchanged parameters differ by exactly zero', async () => {
    const c = capture();
    const argv = ['compare', DESK, DESK, '-n', '4', '--seed', '5', '--json', '--set-a', 'servers=1'];
    expect(await main([...argv, '--set-b', 'servers=1'], c.io)).toBe(0);
    const json = JSON.parse(c.out());
    expect(json.differences.map((d: { id: string }) => d.id)).toEqual(['finish', 'byDeadline', 'served']);
    // Same scenario, same parameters, same seeds (common random numbers): identical replications.
    for (const d of json.differences) expect([d.mean, d.lower, d.upper]).toEqual([0, 0, 0]);
    expect(json.resultA.parameters.servers).toBe(1);
    expect(c.err()).toBe('');
  });

  it('compare prints the paired differences of every shared figure, as compareScenarios does', async () => {
    const c = capture();
    expect(await main(['compare', DESK, DESK, '-n', '6', '--seed', '1', '--set-b', 'servers=3'], c.io)).toBe(
      0,
    );
    const expected = compareScenarios(desk, desk, { replications: 6, seed: 1, overridesB: { servers: 3 } });
    // One file twice: the columns say what differs between A and B.
    const labelled = { ...expected, a: 'A: as written', b: 'B: servers=3' };
    expect(c.out()).toBe(`${formatComparisonTable(labelled)}\n`);
    expect(c.out()).toContain('6 paired replications (common random numbers), seed 1');
  });

  it('a plain .mjs scenario (default export, metrics only) loads by plain import and runs', async () => {
    const c = capture();
    expect(await main(['run', fixture('metrics-only.mjs'), '-n', '3', '--seed', '2', '--json'], c.io)).toBe(
      0,
    );
    expect(c.err()).toBe('');
    expect(JSON.parse(c.out())).toMatchObject({ scenario: 'coin', seed: 2, replications: 3, figures: [] });
  });

  it('a failed run: exit 1 with the replication, its seed and the simulated time', async () => {
    const c = capture();
    expect(await main(['run', fixture('failing.ts'), '-n', '4', '--seed', '1'], c.io)).toBe(1);
    expect(c.err()).toMatch(
      /^surgesim run: replication 2 \(seed \d+\) failed: desk#1 at t=1234\.50: the desk caught fire\n$/,
    );
    expect(c.out()).toBe('');
  });

  it('a module without a scenario: exit 2, naming the file and what it exports', async () => {
    const c = capture();
    expect(await main(['run', fixture('no-scenario.ts')], c.io)).toBe(2);
    expect(c.err()).toMatch(/no-scenario\.ts: expected a module exporting `scenario`.*exports \[answer\]/);
    expect(c.err()).not.toMatch(/\n\s+at /);
    expect(c.out()).toBe('');
  });

  it('usage errors, a missing file and an invalid scenario: exit 2 and what to fix', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['run'],
        /^surgesim run: run needs a scenario file, e\.g\. surgesim run scenarios\/desk\.ts \(see 'surgesim run --help'\)\n$/,
      ],
      [['run', 'a.ts', 'b.ts'], /run takes one scenario file, got 2: a\.ts b\.ts/],
      [
        ['frob'],
        /^surgesim: unknown command 'frob': use 'run', 'compare', 'sweep', 'staff', 'forecast' or 'worker' \(see 'surgesim --help'\)\n$/,
      ],
      [['--frob'], /^surgesim: Unknown option '--frob' \(see 'surgesim --help'\)\n$/],
      [
        ['compare'],
        /compare needs one scenario or spec \(A and B differ by --set-a\/--set-b\) or two \(A and B\), got 0/,
      ],
      [
        ['compare', 'a.ts', 'b.ts', '-n', '1'],
        /^surgesim compare: --replications: expected a whole number ≥ 2, got "1"\n$/,
      ],
      [
        ['run', 'a.ts', '--bogus'],
        /^surgesim run: Unknown option '--bogus' \(see 'surgesim run --help'\)\n$/,
      ],
    ];
    for (const [argv, message] of cases) {
      const c = capture();
      expect(await main(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.err()).toMatch(message);
      expect(c.out()).toBe('');
    }
  });

  it('run --help and compare --help list their options; no arguments prints help and exits 2', async () => {
    const run = capture();
    expect(await main(['run', '--help'], run.io)).toBe(0);
    for (const flag of ['--replications', '--seed', '--set', '--workers', '--json', '--out'])
      expect(run.out()).toContain(flag);
    const compare = capture();
    expect(await main(['compare', '--help'], compare.io)).toBe(0);
    for (const flag of ['--set-a', '--set-b', '--level', '--workers', '--json'])
      expect(compare.out()).toContain(flag);
    const version = capture();
    expect(await main(['--version'], version.io)).toBe(0);
    expect(version.out()).toBe(
      `${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}\n`,
    );
    const none = capture();
    expect(await main([], none.io)).toBe(2);
    expect(none.out()).toContain('usage:');
    const help = capture();
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out()).toMatch(/surgesim run <scenario file>[\s\S]*surgesim compare <a> <b>/);
  });
});

describe('progress bar', () => {
  /** A clock that advances `step` ms each time it is read after an update. */
  const run = (options: { enabled: boolean; msPerReplication: number; total: number }) => {
    const tty = terminal();
    let t = 0;
    const p = createProgress({ label: 'desk', stream: tty.stream, enabled: options.enabled, now: () => t });
    for (let done = 1; done <= options.total; done++) {
      t += options.msPerReplication;
      p.update(done, options.total);
    }
    p.stop();
    return { shown: p.shown(), text: tty.text() };
  };

  it('a run projected past a second shows replications done, rate and time left', () => {
    const r = run({ enabled: true, msPerReplication: 200, total: 20 });
    expect(r.shown).toBe(true);
    expect(r.text).toMatch(/desk .* 1\/20 replications \| 5\.0\/s \| 4 s left/);
  });

  it('a short run shows nothing', () => {
    expect(run({ enabled: true, msPerReplication: 40, total: 20 })).toEqual({ shown: false, text: '' });
  });

  it('disabled (not a terminal, --json or --quiet) shows nothing, however long', () => {
    expect(run({ enabled: false, msPerReplication: 1000, total: 20 })).toEqual({ shown: false, text: '' });
  });

  it('runScenarioScript draws no bar with --json or --quiet, even on a terminal', async () => {
    for (const flag of ['--json', '--quiet']) {
      const c = capture(true);
      expect(await runScenarioScript(desk, ['-n', '2', '--seed', '1', flag], c.io)).toBe(0);
      expect(c.bar()).toBe('');
    }
  });
});

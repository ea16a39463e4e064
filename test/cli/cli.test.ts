/**
 * The `surgesim` command and the scenario-script entry, run as separate processes the way a planner
 * runs them (`node --import tsx src/cli/main.ts …`): the text table, JSON that parses and equals the
 * in-process result for the same seed, a script run as the program (isMain), and a bad flag's
 * one-paragraph error with exit code 2. stderr is a pipe here, so no progress bar may appear on it.
 *
 * Only what needs a real process is here (each spawn loads the sources through tsx: ≈ 1 s of CPU
 * or more); flag handling, --out, compare, a .mjs scenario, help and a
 * failed run (exit 1) run in process in script.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScenarioTable, runScenario } from '../../src/index.js';
import { scenarioResultJson } from '../../src/report/scenarioReport.js';
import { scenario as desk } from './fixtures/desk.js';
import { fixture, node, root, surgesim } from './helpers.js';

const DESK = fixture('desk.ts');
const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;

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

  it('the scenario script itself (isMain + runScenarioScript) prints what surgesim run prints', async () => {
    const viaScript = await node(DESK, ['-n', '3', '--seed', '11', '--json']);
    expect(viaScript.code, viaScript.stderr).toBe(0);
    expect(viaScript.stdout).toBe(scenarioResultJson(runScenario(desk, { replications: 3, seed: 11 })));
  });
});

describe.concurrent('bad input: a message saying what to fix, exit 2, nothing run', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a misspelt --set path',
      ['run', DESK, '--set', 'servrs=3'],
      /^surgesim run: parameters\.servrs: expected one of the known parameters — did you mean "servers"\? \(people, servers, service, deadline\), got 3\n$/,
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

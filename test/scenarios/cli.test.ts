/**
 * The replay's command line, as a planner runs it: `npx tsx scenarios/qingxu-2022-04-13.ts` prints
 * parseable JSON with `--json` (one spawned process, the whole day at two replications); bad flags
 * and parameters give a clear error and exit 2 before any replication runs (in process: the spawned
 * exit codes are tested on the desk in test/cli).
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../scenarios/qingxu-2022-04-13.js';
import { runScenarioScript } from '../../src/cli/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = 'scenarios/qingxu-2022-04-13.ts';
const run = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('npx tsx scenarios/qingxu-2022-04-13.ts', () => {
  it('--replications 2 --seed 1 --json prints the result as JSON with every reported figure', () => {
    const p = run('npx', ['tsx', script, '--replications', '2', '--seed', '1', '--json']);
    expect(p.status, p.stderr).toBe(0);
    const json = JSON.parse(p.stdout);
    expect(json.scenario).toBe('qingxu-2022-04-13');
    expect(json.seed).toBe(1);
    expect(json.replications).toBe(2);
    expect(typeof json.version).toBe('string');
    expect(json.parameters.hedong.population).toBe(126_351);
    const reported = json.figures.filter((f: { reported: number | null }) => f.reported !== null);
    expect(reported.length).toBe(10);
    for (const f of reported) {
      for (const key of ['id', 'label', 'unit', 'reported', 'source', 'median', 'lower', 'upper', 'fitted'])
        expect(f, `${f.id} has ${key}`).toHaveProperty(key);
      expect(typeof f.median).toBe('number');
    }
    const hedong = reported.find((f: { id: string }) => f.id === 'hedong.tested6h');
    expect(hedong.reported).toBe(119_246);
    expect(json.runs).toBeUndefined();
  });
});

describe('the shared scenario-script entry on the replay (in process)', () => {
  const capture = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runScenarioScript(scenario, args, {
      out: (s: string) => {
        out += s;
      },
      err: (s: string) => {
        err += s;
      },
      errStream: new PassThrough(),
      errIsTTY: false,
    });
    return { code, out, err };
  };

  it('a misspelt --set path is an error naming the path, with exit code 2', async () => {
    const p = await capture(['--replications', '1', '--set', 'hedong.staff.clarks=3']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/parameters\.hedong\.staff\.clarks: expected one of the known parameters/);
    expect(p.out).toBe('');
  });

  it('a bad --set value is an error naming the parameter, with exit code 2', async () => {
    const p = await capture(['--replications', '1', '--set', 'transfer.buses=-1']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/transfer\.buses: expected/);
    expect(p.out).toBe('');
  });

  it('an unknown flag or a non-integer count is a usage error with exit code 2', async () => {
    expect((await capture(['--replicates', '3'])).err).toMatch(/--replicates/);
    const p = await capture(['--replications', 'many']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/--replications: expected a whole number/);
  });

  it('--help prints the flags', async () => {
    const p = await capture(['--help']);
    expect(p.code).toBe(0);
    for (const flag of ['--replications', '--seed', '--set', '--workers', '--json', '--out'])
      expect(p.out).toContain(flag);
  });
});

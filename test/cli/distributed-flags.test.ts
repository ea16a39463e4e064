/**
 * The command line's queue flags, checked before anything runs or connects: `--redis` must be a
 * Redis URL, `--prefix` needs `--redis`, `--workers` and `--redis` exclude each other, and `worker`
 * needs `--redis`. Each is a usage or parameter error (exit 2) naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { surgesimHere as cli } from './helpers.js';

describe('queue flags', () => {
  it('--redis must be a redis:// or rediss:// URL', async () => {
    for (const bad of ['localhost:6379', 'http://h:6379', 'redis://', 'redis://h:6379/x']) {
      const r = await cli('run', 'test/cli/fixtures/desk.ts', '-n', '2', '--redis', bad);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^surgesim run: --redis: expected a Redis URL such as redis:\/\/host:6379/);
    }
  });

  it('--prefix without --redis, and --workers with --redis, are usage errors', async () => {
    const a = await cli('run', 'test/cli/fixtures/desk.ts', '--prefix', 'x');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--prefix names the keys of a --redis run, so it needs --redis URL/);
    const b = await cli('compare', 'test/cli/fixtures/desk.ts', '--redis', 'redis://127.0.0.1:1', '-w', '2');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--workers sets threads on this machine/);
  });

  it('a bad --prefix is refused naming it', async () => {
    const r = await cli(
      'sweep',
      'test/cli/fixtures/desk.ts',
      '--vary',
      'servers=1,2',
      '--redis',
      'redis://127.0.0.1:1',
      '--prefix',
      'a:b',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--prefix: expected a key prefix of 1–64 letters, digits, _, - or \., got "a:b"/);
  });

  it('worker needs --redis and takes no file', async () => {
    expect((await cli('worker')).err).toMatch(/worker needs --redis URL/);
    expect((await cli('worker', 'x.ts', '--redis', 'redis://h:1')).err).toMatch(/worker takes no file/);
  });

  it('an unreachable Redis fails the run naming it, not a hang', async () => {
    // Port 1 on loopback: nothing listens there.
    const r = await cli(
      'run',
      'test/cli/fixtures/desk.ts',
      '-n',
      '3',
      '--seed',
      '1',
      '--redis',
      'redis://127.0.0.1:1',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 within 10 s/);
  }, 30_000);
});

describe('surgesim sweep on threads', () => {
  it('each point equals surgesim run with the same --set, and the points share the seed', async () => {
    const sweep = await cli(
      'sweep',
      'test/cli/fixtures/desk.ts',
      '--vary',
      'servers=2,3',
      '--set',
      'people=50',
      '-n',
      '4',
      '--seed',
      '9',
      '--workers',
      '1',
      '--json',
    );
    expect(sweep.code).toBe(0);
    const s = JSON.parse(sweep.out);
    expect(s.points.map((p: { values: unknown }) => p.values)).toEqual([{ servers: 2 }, { servers: 3 }]);
    for (const [i, servers] of [2, 3].entries()) {
      const run = await cli(
        'run',
        'test/cli/fixtures/desk.ts',
        '--set',
        'people=50',
        '--set',
        `servers=${servers}`,
        '-n',
        '4',
        '--seed',
        '9',
        '--workers',
        '1',
        '--json',
      );
      expect(JSON.stringify(s.points[i].result, null, 2)).toBe(run.out.trimEnd());
    }
    // Tidy rows: one per point and figure, with the point's value as a column.
    expect(
      s.rows.filter((r: { id: string }) => r.id === 'finish').map((r: { servers: number }) => r.servers),
    ).toEqual([2, 3]);
  });

  it('a bad --vary is refused before anything runs', async () => {
    const r = await cli('sweep', 'test/cli/fixtures/desk.ts', '--vary', 'servers=2,{"a":1}');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--vary servers\[1\]: expected a number, true\/false or text/);
    const p = await cli('sweep', 'test/cli/fixtures/desk.ts', '--vary', 'servers=2,0', '-n', '2');
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/point 1 \(servers=0\): parameters\.servers: expected an integer ≥ 1/);
  });
});

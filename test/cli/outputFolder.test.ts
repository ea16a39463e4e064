/**
 * The output folder is written whole or not at all: checked before anything runs (a file in the
 * way, a folder that cannot be written, a folder that already holds files without --force, --force
 * over a folder surgesim did not write), written to a temporary folder next to it and moved into
 * place at the end. A writer killed (SIGKILL) at any point leaves the earlier folder exactly as it
 * was, or the new one complete — never a mix; a run that fails leaves the earlier folder untouched.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenarioScript } from '../../src/cli/index.js';
import { defineScenario } from '../../src/experiment/scenario.js';
import { ParameterError } from '../../src/kernel/errors.js';
import { OUTPUT_MARKER, prepareOutputFolder } from '../../src/report/outputFolder-node.js';
import { scenario as failing } from './fixtures/failing.js';
import { capture, fixture, root } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'surgesim-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(tmp, `case-${n++}`);

/** Every file of a folder with its content (the marker too). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** A committed earlier output with the given files. */
async function earlier(dir: string, files: Record<string, string>): Promise<Record<string, string>> {
  const folder = await prepareOutputFolder(dir);
  for (const [name, text] of Object.entries(files)) await folder.write(name, text);
  await folder.commit();
  return snapshot(dir);
}

/** Whatever is in `parent` besides the given names (left-over temporary folders). */
const leftovers = (parent: string, keep: readonly string[]) =>
  readdirSync(parent).filter((f) => !keep.includes(f));

describe('prepareOutputFolder', () => {
  it('writes into a new folder at commit, with the marker; nothing is left beside it', async () => {
    const parent = fresh();
    const dir = join(parent, 'report');
    const folder = await prepareOutputFolder(dir);
    expect(await folder.write('a.txt', 'A')).toBe(join(dir, 'a.txt'));
    await folder.write('b.bin', new Uint8Array([1, 2, 3]));
    expect(existsSync(dir)).toBe(false); // nothing in place before the commit
    expect(await folder.commit()).toEqual([join(dir, 'a.txt'), join(dir, 'b.bin')]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin', OUTPUT_MARKER].sort());
    expect(JSON.parse(readFileSync(join(dir, OUTPUT_MARKER), 'utf8')).files).toEqual(['a.txt', 'b.bin']);
    expect(leftovers(parent, ['report'])).toEqual([]);
  });

  it('refuses a folder that holds files, naming it and what is in it, and leaves it as it was', async () => {
    const dir = fresh();
    const before = await earlier(dir, { 'report.html': 'old', 'result.json': '{}' });
    const e = await prepareOutputFolder(dir, { flag: '--out' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ParameterError);
    expect((e as ParameterError).path).toBe('--out');
    expect((e as Error).message).toContain(dir);
    expect((e as Error).message).toContain('report.html, result.json');
    expect((e as Error).message).toContain('--force');
    expect(snapshot(dir)).toEqual(before);
  });

  it('an empty folder is fine without --force', async () => {
    const dir = fresh();
    mkdirSync(dir);
    const folder = await prepareOutputFolder(dir);
    await folder.write('x.txt', 'x');
    await folder.commit();
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'x.txt'].sort());
  });

  it('--force replaces an earlier output as a whole: no file of the old one survives', async () => {
    const parent = fresh();
    const dir = join(parent, 'out');
    await earlier(dir, { 'report.html': 'old', 'old-chart.svg': 'old' });
    const folder = await prepareOutputFolder(dir, { force: true });
    await folder.write('report.html', 'new');
    await folder.commit();
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'report.html'].sort());
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('new');
    expect(leftovers(parent, ['out'])).toEqual([]);
  });

  it('--force never replaces a folder surgesim did not write', async () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.tex'), 'mine');
    await expect(prepareOutputFolder(dir, { force: true })).rejects.toThrow(
      /not written by surgesim.*thesis\.tex/,
    );
    expect(snapshot(dir)).toEqual({ 'thesis.tex': 'mine' });
  });

  it('refuses a file, a path below a file, the root and an empty path', async () => {
    const file = join(fresh());
    writeFileSync(file, 'x');
    await expect(prepareOutputFolder(file)).rejects.toThrow(/this path is a file/);
    await expect(prepareOutputFolder(join(file, 'sub'))).rejects.toThrow(/a file is in the way/);
    await expect(prepareOutputFolder('/')).rejects.toThrow(/below the file-system root/);
    await expect(prepareOutputFolder(' ')).rejects.toThrow(/a folder to write to/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a folder filled by someone else during the run is not overwritten; the run keeps its files', async () => {
    const parent = fresh();
    const dir = join(parent, 'out');
    const folder = await prepareOutputFolder(dir);
    await folder.write('mine.txt', 'run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'theirs.txt'), 'other');
    const e = (await folder.commit().catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(ParameterError);
    const kept = /kept in ([^,\s]+)/.exec(e.message)?.[1];
    expect(kept).toBeDefined();
    expect(readFileSync(join(kept!, 'mine.txt'), 'utf8')).toBe('run');
    expect(snapshot(dir)).toEqual({ 'theirs.txt': 'other' });
  });

  it('abort removes the temporary folder and leaves the target alone', async () => {
    const parent = fresh();
    const dir = join(parent, 'out');
    const before = await earlier(dir, { 'a.txt': 'old' });
    const folder = await prepareOutputFolder(dir, { force: true });
    await folder.write('a.txt', 'new');
    await folder.abort();
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(parent, ['out'])).toEqual([]);
    await expect(folder.write('b.txt', 'late')).rejects.toThrow(/after it was aborted/);
  });

  it('file names are plain: no folders, no dot-files, not the marker', async () => {
    const folder = await prepareOutputFolder(fresh());
    for (const bad of ['../x', 'a/b', '.hidden', OUTPUT_MARKER, ''])
      await expect(folder.write(bad, 'x')).rejects.toThrow(ParameterError);
    await folder.abort();
  });
});

describe('a folder this user cannot write to', () => {
  // Root may write anywhere, so the check is run as an unprivileged user when the tests run as root.
  const asRoot = process.getuid?.() === 0;
  it('is refused before anything runs, exit 2, naming it', async () => {
    const dir = fresh();
    mkdirSync(dir);
    const home = join(tmp, 'home');
    mkdirSync(home, { mode: 0o777 });
    chmodSync(home, 0o777);
    chmodSync(tmp, 0o755);
    chmodSync(dir, 0o555);
    const args = ['--import', 'tsx', fixture('desk.ts'), '-n', '2', '--seed', '1', '--out', dir];
    const p = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, args, {
        cwd: root,
        ...(asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: home, TMPDIR: home } } : {}),
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ code, stderr, stdout }));
    });
    expect(p.stderr).toBe(
      `desk: --out: expected a folder this user can write to, got ${JSON.stringify(dir)}\n`,
    );
    expect(p.code).toBe(2);
    expect(p.stdout).toBe(''); // nothing ran
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the command line', () => {
  it('checks --out before the run: a file in the way is exit 2 and no replication runs', async () => {
    const file = fresh();
    writeFileSync(file, 'x');
    let runs = 0;
    const counted = defineScenario({
      name: 'counted',
      title: 'Counts its runs',
      defaults: {},
      run: () => ({ x: ++runs }),
      figures: [],
      metrics: [{ id: 'x', label: 'X', unit: 'count', value: (r) => r.x }],
    });
    const c = capture();
    expect(await runScenarioScript(counted, ['-n', '3', '--out', file], c.io, { module: null })).toBe(2);
    expect(c.err()).toBe(
      `counted: --out: expected a folder (this path is a file), got ${JSON.stringify(file)}\n`,
    );
    expect(runs).toBe(0);
    const again = capture();
    expect(await runScenarioScript(counted, ['-n', '3', '--force'], again.io, { module: null })).toBe(2);
    expect(again.err()).toMatch(/--force replaces an earlier report folder, so it needs --out DIR/);
    expect(runs).toBe(0);
  });

  it('a failed run leaves the earlier report as it was, and no temporary folder', async () => {
    const parent = fresh();
    const dir = join(parent, 'out');
    const before = await earlier(dir, { 'report.html': 'old', 'result.json': '{"old":true}' });
    const c = capture();
    const code = await runScenarioScript(failing, ['-n', '4', '--out', dir, '--force'], c.io, {
      module: null,
    });
    expect(code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(parent, ['out'])).toEqual([]);
  });
});

describe('a writer killed mid-write (SIGKILL)', () => {
  /** Start the slow writer over `dir` and kill it when it prints `at`; resolves when it is gone. */
  function killAt(dir: string, count: number, at: string): Promise<string> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fixture('slow-writer.ts'), dir, String(count), 'new'],
        {
          cwd: root,
        },
      );
      let seen = '';
      child.stdout.on('data', (d) => {
        seen += d;
        if (seen.includes(`${at}\n`)) child.kill('SIGKILL');
      });
      child.on('close', () => resolve(seen));
    });
  }

  it('leaves the earlier folder exactly as it was, or the new one complete — never a mix', async () => {
    const parent = fresh();
    const dir = join(parent, 'out');
    const count = 12;
    const old = await earlier(
      dir,
      Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`part-${k}.txt`, `old ${k}\n`])),
    );
    const outcomes = new Set<string>();
    // Killed after each of several writes, and as it starts to commit (either outcome is allowed there).
    for (const at of ['wrote 0', 'wrote 5', 'wrote 11', 'commit', 'commit', 'commit']) {
      const seen = await killAt(dir, count, at);
      expect(seen).toContain(at);
      const now = existsSync(dir) ? snapshot(dir) : null;
      if (now === null) {
        // Only between the two renames of a replacement: the earlier folder is kept aside whole.
        const aside = readdirSync(parent).find((f) => f.startsWith('.out.old-'));
        expect(aside, 'the earlier folder must survive').toBeDefined();
        expect(snapshot(join(parent, aside!, 'out'))).toEqual(old);
        outcomes.add('aside');
        continue;
      }
      const complete =
        Object.keys(now).length === count + 1 &&
        Array.from({ length: count }, (_, k) => now[`part-${k}.txt`] === `new ${k}\n`.repeat(6000)).every(
          Boolean,
        );
      if (complete) outcomes.add('new');
      else {
        expect(now).toEqual(old);
        outcomes.add('old');
      }
      // Start each round from the earlier folder again.
      rmSync(dir, { recursive: true, force: true });
      for (const f of readdirSync(parent)) rmSync(join(parent, f), { recursive: true, force: true });
      await earlier(
        dir,
        Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`part-${k}.txt`, `old ${k}\n`])),
      );
    }
    expect(outcomes.has('old')).toBe(true);
  }, 120_000);

  it('a writer left to finish replaces the earlier folder with the complete new one', async () => {
    const dir = join(fresh(), 'out');
    await earlier(dir, { 'part-0.txt': 'old' });
    const seen = await killAt(dir, 3, 'never');
    expect(seen).toContain('done');
    expect(Object.keys(snapshot(dir)).sort()).toEqual(
      [OUTPUT_MARKER, 'part-0.txt', 'part-1.txt', 'part-2.txt'].sort(),
    );
  }, 60_000);
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStaffingScript } from '../../scenarios/qingxu-staffing.js';

function capture() {
  const io = {
    text: '',
    error: '',
    out(s: string) {
      io.text += s;
    },
    err(s: string) {
      io.error += s;
    },
    errStream: process.stderr,
    errIsTTY: false,
  };
  return io;
}

describe('qingxu-staffing command line', () => {
  // Every one of these is refused before the first simulation, with exit code 2.
  it.each([
    [['--scale', '0'], /--scale: expected a number in \(0, 1\], got "0"/],
    [['--scale', '1.5'], /--scale: expected a number in \(0, 1\]/],
    [['--scale', 'half'], /--scale: expected a number in \(0, 1\], got "half"/],
    [['--only', 'slots,nope'], /--only: unknown variant nope \(known: as-it-was, qr, slots, slots-early\)/],
    [['--only', ','], /--only needs at least one of/],
    [['--target', '1'], /--target: expected a probability in \(0, 1\)/],
    [['--target', '0.99'], /--target 0.99 cannot be shown with --max-replications 100/],
    [['--max-replications', '10'], /--max-replications: expected a whole number ≥ 20/],
    [['--marginal-replications', '1'], /--marginal-replications: expected 0 \(skip\) or a whole number ≥ 2/],
    [['--seed=-1'], /--seed: expected a whole number ≥ 0/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('%o', async (argv, message) => {
    const io = capture();
    expect(await runStaffingScript(argv, io)).toBe(2);
    expect(io.error).toMatch(/^qingxu-staffing: /);
    expect(io.error).toMatch(message);
    expect(io.text).toBe('');
  });

  it('--help lists every option and runs nothing', async () => {
    const io = capture();
    expect(await runStaffingScript(['--help'], io)).toBe(0);
    for (const flag of ['--only', '--target', '--scale', '--marginal-replications', '--out'])
      expect(io.text).toContain(flag);
    expect(io.text).toContain('slots-early');
  });

  it('runs a reduced area and writes the JSON and tornado charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staffing-'));
    try {
      const io = capture();
      const code = await runStaffingScript(
        [
          ...['--scale', '0.04', '--only', 'qr', '--target', '0.8', '--max-replications', '20'],
          ...['--marginal-replications', '2', '--sensitivity-replications', '2', '--out', dir],
        ],
        io,
      );
      expect(io.error).not.toMatch(/qingxu-staffing:/);
      expect(code).toBe(0);
      expect(io.text).toMatch(
        /QR pre-registration .*P\(done by 6 h\) = 1\.000 \[0\.83\d, 1\.000\] from 20 replications/,
      );
      expect(io.text).toMatch(/\+2 clerks \(one per point\): swabbed by 6 h /);
      expect(io.text).toMatch(/clerks per point +3–5 /);
      const json = JSON.parse(readFileSync(join(dir, 'staffing.json'), 'utf8'));
      expect(json.sensitivity.lastSwab.rows).toHaveLength(8);
      expect(readFileSync(join(dir, 'tornado-last-swab.svg'), 'utf8')).toMatch(/^<svg/);
      expect(readFileSync(join(dir, 'tornado-at-deadline.png')).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}, 30_000);

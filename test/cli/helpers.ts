/**
 * Helpers for the command-line tests: run the CLI (or a scenario script) as a separate process
 * through tsx, exactly as a planner would, or in this process with its output captured; and decode a
 * PNG file's pixels to check what was drawn.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import type { CliIo } from '../../src/cli/index.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (name: string) => `test/cli/fixtures/${name}`;

/** What a finished process printed, and its exit code. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `node --import tsx <file> ...args` from the repository root (stderr is a pipe: not a TTY). */
export function node(file: string, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file, ...args],
      { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * A command's output captured in process. By default stderr is not a terminal (no progress bar); a
 * test of the bar passes a terminal-like stream and `errIsTTY: true`.
 */
export function capture(
  tty: Pick<CliIo, 'errStream' | 'errIsTTY'> = { errStream: process.stderr, errIsTTY: false },
): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    ...tty,
  };
  return { io, out: () => out, err: () => err };
}

/**
 * Run `surgesim <args>` in this process, through `main` as the bin runs it, with its output captured:
 * no start-up of its own, so the checks that need no separate process stay cheap.
 */
export async function surgesimHere(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  // Imported on first use: the tests that only spawn the command need not load the whole CLI.
  const { main } = await import('../../src/cli/main.js');
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** Run the `surgesim` command from source. */
export const surgesim = (...args: string[]) => node('src/cli/main.ts', args);

/**
 * Decode an 8-bit RGBA, non-interlaced PNG (what resvg writes) to its pixels: enough to check a
 * written file's content without another dependency.
 */
export function decodePng(png: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const buf = Buffer.from(png);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('not an 8-bit RGBA PNG');
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** Rows (y) of pixels that differ between two RGBA images of the same size. */
export function diffRows(a: Uint8Array, b: Uint8Array, width: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < a.length; i += 4)
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) rows.push(Math.floor(i / 4 / width));
  return rows;
}

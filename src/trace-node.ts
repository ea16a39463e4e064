/**
 * Node-only: the kernel trace written to a file as NDJSON. Import from `surgesim/report/node`; the
 * browser-safe hook and writer ({@link ndjsonTrace}) are in the main entry.
 *
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SurgesimError } from './kernel/errors.js';
import { ndjsonTrace, type TraceHook } from './kernel/trace.js';

/** A trace hook that writes to a file, and the way to finish the file. */
export interface TraceFile {
  /** Pass as the `trace` option of an `Environment` or a `Simulation`. */
  readonly trace: TraceHook;
  /** Write what is buffered and close the file. Call it once the run is over (also after a failed run). */
  close(): void;
}

/** Lines are written in chunks of about this many characters: one system call per chunk, not per line. */
const CHUNK = 1 << 16;

/**
 * Trace every calendar entry to `path` as NDJSON (one JSON record per line), replacing the file.
 *
 * @example
 * ```ts
 * const file = traceFile('trace.ndjson');
 * const sim = new Simulation({ seed: 1, trace: file.trace });
 * try { sim.run(); } finally { file.close(); }
 * ```
 */
export function traceFile(path: string): TraceFile {
  const fd = openSync(path, 'w');
  let buffer: string[] = [];
  let size = 0;
  let open = true;
  const flush = () => {
    if (buffer.length > 0) writeSync(fd, buffer.join(''));
    buffer = [];
    size = 0;
  };
  return {
    trace: ndjsonTrace((line) => {
      if (!open)
        throw new SurgesimError(
          `trace file ${path} is closed, but the run goes on: close() it after the run`,
        );
      buffer.push(line);
      size += line.length;
      if (size >= CHUNK) flush();
    }),
    close() {
      if (!open) return;
      open = false;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

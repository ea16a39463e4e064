/**
 * The replication progress bar (Node only): on stderr, only for runs that last longer than about a
 * second, and only when stderr is a terminal — never with `--json` or `--quiet`, so piped or
 * captured output stays clean. Replications run synchronously, so the bar is drawn from the
 * progress callback (cli-progress's synchronous update), not from a timer.
 *
 * @module
 */
import { SingleBar } from 'cli-progress';
import { formatDuration } from '../time/format.js';

/**
 * A progress reporter: call `update` after each replication and `stop` when done (or on failure).
 *
 * @example
 * ```ts
 * const p = createProgress({ label: 'desk', stream: process.stderr, enabled: true });
 * runScenario(scenario, { onProgress: p.update }); p.stop();
 * ```
 */
export interface Progress {
  /** Record that `done` of `total` replications are finished. */
  readonly update: (done: number, total: number) => void;
  /** Remove the bar, if one was drawn; safe to call more than once. */
  readonly stop: () => void;
  /** Whether the bar was ever drawn. */
  readonly shown: () => boolean;
}

/**
 * Options of {@link createProgress}.
 *
 * @example
 * ```ts
 * const o: ProgressOptions = { label: 'qingxu', stream: process.stderr, enabled: process.stderr.isTTY };
 * ```
 */
export interface ProgressOptions {
  /** Shown before the bar (the scenario name). */
  readonly label: string;
  /** Where to draw (stderr). */
  readonly stream: NodeJS.WritableStream;
  /** False: never draw (not a terminal, `--json`, `--quiet`). */
  readonly enabled: boolean;
  /** Draw only when the run is projected to last longer than this (ms); default 1000. */
  readonly afterMs?: number;
  /** Clock in ms (for tests); default `performance.now`. */
  readonly now?: () => number;
}

/**
 * A progress reporter that shows a bar (replications done, rate, time left) once the run is
 * projected to take longer than `afterMs`, judged from the replications done so far.
 *
 * @example
 * ```ts
 * const progress = createProgress({ label: scenario.name, stream: process.stderr, enabled: !!process.stderr.isTTY });
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const afterMs = options.afterMs ?? 1000;
  const start = now();
  let bar: SingleBar | undefined;
  let shown = false;
  // Rate and time left from the whole run so far (replications take similar times), rather than
  // cli-progress's own estimate, which starts from a single sample when the bar appears mid-run.
  const payload = (done: number, total: number) => {
    const seconds = (now() - start) / 1000;
    const left = done > 0 ? (seconds / done) * (total - done) : Number.NaN;
    return {
      rate: seconds > 0 ? (done / seconds).toFixed(1) : '–',
      left: Number.isFinite(left) ? formatDuration(Math.round(left)) : '–',
    };
  };
  return {
    update(done, total) {
      if (!options.enabled) return;
      if (bar === undefined) {
        const elapsed = now() - start;
        // Projected duration from the replications so far; a short run never shows a bar.
        if (done >= total || done === 0 || (elapsed * total) / done <= afterMs) return;
        bar = new SingleBar({
          stream: options.stream,
          format: `${options.label} {bar} {value}/{total} replications | {rate}/s | {left} left`,
          barsize: 24,
          hideCursor: true,
          clearOnComplete: true,
          fps: 10,
        });
        bar.start(total, done, payload(done, total));
        shown = true;
        return;
      }
      bar.update(done, payload(done, total));
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
    shown: () => shown,
  };
}

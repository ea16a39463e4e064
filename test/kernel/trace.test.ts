/**
 * The kernel trace: one record per calendar entry, in the order the entries are carried out. The
 * first test is a log test (one assertion on the whole trace of a small model, worked out by hand);
 * the others check that tracing changes nothing and that the NDJSON writers give the same records.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  Environment,
  type EnvironmentOptions,
  ndjsonTrace,
  type TraceRecord,
} from '../../src/kernel/index.js';
import { traceFile } from '../../src/report/node.js';

/** A small model touching every kind of entry; returns its own log of what happened. */
function model(options: EnvironmentOptions): { env: Environment; log: unknown[][] } {
  const env = new Environment(options);
  const log: unknown[][] = [];
  const beds = env.event<number>();
  const nurse = env.process(
    (function* () {
      env.activeProcess!.step = 'prepare';
      yield* env.delay(2);
      log.push(['nurse', env.now]);
      return 'ready';
    })(),
    { name: 'nurse' },
  );
  const resident = env.process(
    (function* () {
      const n = yield* beds;
      log.push(['resident', env.now, n]);
      try {
        yield* env.timeout(10);
      } catch {
        log.push(['resident interrupted', env.now]);
      }
      log.push(['resident', env.now, yield* nurse]);
    })(),
    { name: 'resident' },
  );
  env.schedule(1, function openWard() {
    beds.succeed(40);
  });
  env.schedule(3, () => resident.interrupt('called away'));
  const cancelled = env.schedule(2, () => log.push(['never']));
  env.cancel(cancelled);
  return { env, log };
}

describe('kernel trace', () => {
  test('every calendar entry is traced in order: time, kind, entity, step', () => {
    const trace: TraceRecord[] = [];
    model({ trace: (r) => trace.push(r) }).env.run();
    // t=0: both processes start (URGENT; the nurse labels its step only once started). t=1: openWard
    // runs, then the beds event wakes resident, which starts a timeout(10). t=2: the nurse's delay
    // ends (the cancelled callback is not traced); the nurse returns and its completion (no waiter
    // yet) is processed. t=3: the anonymous callback calls interrupt(), whose delivery (URGENT) comes
    // next; resident then finds the nurse finished and ends; its completion follows. t=11: the
    // abandoned timeout still falls due, waking nobody.
    expect(trace.map((r) => [r.time, r.kind, r.entity, r.step])).toEqual([
      [0, 'start', 'nurse', 'start'],
      [0, 'start', 'resident', 'start'],
      [1, 'callback', 'openWard', 'openWard'],
      [1, 'succeed', 'resident', 'event'],
      [2, 'resume', 'nurse', 'prepare'],
      [2, 'end', 'nurse', 'returned'],
      [3, 'callback', 'callback', 'callback'],
      [3, 'interrupt', 'resident', 'waiting on timeout(10) due t=11'],
      [3, 'end', 'resident', 'returned'],
      [11, 'succeed', '', 'timeout(10) due t=11'],
    ]);
  });

  test('tracing changes nothing: the same log, time and calendar, with and without a trace', () => {
    const plain = model({});
    plain.env.run();
    const traced = model({ trace: () => {} });
    traced.env.run();
    const stepped = model({ trace: () => {} });
    while (stepped.env.peek() < Number.POSITIVE_INFINITY) stepped.env.step();
    expect([traced.log, traced.env.now, stepped.log]).toEqual([plain.log, plain.env.now, plain.log]);
  });

  test('ndjsonTrace writes one JSON line per record, with the clock time when there is one', () => {
    const records: TraceRecord[] = [];
    const lines: string[] = [];
    const clock = (t: number) => `19:00:${String(t).padStart(2, '0')}`;
    model({ clock, trace: (r) => records.push(r) }).env.run();
    model({ clock, trace: ndjsonTrace((line) => lines.push(line)) }).env.run();
    expect([lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')), lines[2]]).toEqual([
      true,
      '{"time":1,"clock":"19:00:01","kind":"callback","entity":"openWard","step":"openWard"}\n',
    ]);
    expect(lines.map((l) => JSON.parse(l))).toEqual(records);
  });

  test('the Node file sink writes the same lines, across its chunks, and refuses records after close()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'surgesim-trace-'));
    try {
      const path = join(dir, 'trace.ndjson');
      const file = traceFile(path);
      const lines: string[] = [];
      // Enough entries (≈ 6 000 lines, ≈ 400 kB) for several 64 kB chunks.
      const busy = (trace: EnvironmentOptions['trace']) => {
        const env = new Environment({ ...(trace && { trace }) });
        for (let i = 0; i < 3000; i++)
          env.process(
            (function* () {
              yield* env.timeout(i % 7);
            })(),
            { name: `p${i}` },
          );
        return env;
      };
      busy(file.trace).run();
      file.close();
      file.close(); // a second close does nothing
      busy(ndjsonTrace((l) => lines.push(l))).run();
      const late = busy(file.trace);
      expect([readFileSync(path, 'utf8') === lines.join(''), lines.length > 6000]).toEqual([true, true]);
      expect(() => late.run()).toThrow(/trace file .* is closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a trace that is not a function is refused before the run', () => {
    expect(() => new Environment({ trace: 'verbose' as never })).toThrow(
      'trace: expected a function, got "verbose"',
    );
  });
});

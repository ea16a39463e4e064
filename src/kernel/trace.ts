/**
 * The kernel trace: one record per calendar entry, as it is carried out, like simmer's verbose mode.
 *
 * ```ts
 * const env = new Environment({ trace: (r) => console.log(r.time, r.kind, r.entity, r.step) });
 * ```
 *
 * Off by default, and then free: the environment picks a run loop with no trace call in it. With a
 * trace every entry builds a small object, so a traced run is slower; use it on small runs, to see
 * what happens and in which order. {@link ndjsonTrace} turns records into NDJSON lines for any sink
 * (a browser download, a worker message); a Node file sink lives in `surgesim/report/node`.
 *
 * @module
 */
import type { Environment } from './environment.js';
import { SimEvent } from './event.js';
import { deliverInterrupt, endDelay, Process, startProcess } from './process.js';

/**
 * What a calendar entry does:
 * - `start`: a process starts;
 * - `resume`: a process's `env.delay()` ends and it resumes;
 * - `interrupt`: an interrupt is delivered to a process;
 * - `end`: a process's completion is processed (its waiters resume);
 * - `succeed` / `fail`: any other event is processed with success or failure (its waiters resume);
 * - `callback`: a callback scheduled with `schedule` or `at` runs.
 */
export type TraceKind = 'start' | 'resume' | 'interrupt' | 'end' | 'succeed' | 'fail' | 'callback';

/** One calendar entry, as the trace reports it. */
export interface TraceRecord {
  /** Simulated time of the entry. */
  readonly time: number;
  /** Clock time of the entry, when the environment has a clock (a {@link Simulation} with an epoch). */
  readonly clock?: string;
  /** What the entry does. */
  readonly kind: TraceKind;
  /**
   * Who: the process concerned (started, resumed, interrupted, ended), the processes an event wakes
   * (comma-separated, empty when none), or for a callback the process it is given, else its name.
   */
  readonly entity: string;
  /**
   * What: the process's step label (`start` and `delay` when it has none; for an interrupt, what it
   * was waiting on), `returned` or `failed` for a process's end, the event's description, the
   * callback's name.
   */
  readonly step: string;
}

/** A function that receives every trace record. */
export type TraceHook = (record: TraceRecord) => void;

/** @internal The record of the entry `(payload, arg)` about to be carried out at `env.now`. */
export function traceRecord(env: Environment, payload: unknown, arg: unknown): TraceRecord {
  const time = env.now;
  const clock = env.clockOf(time);
  const at = clock === undefined ? { time } : { time, clock };
  if (payload instanceof Process) {
    const step = payload.ok ? 'returned' : 'failed';
    return { ...at, kind: 'end', entity: payload.name, step };
  }
  if (payload instanceof SimEvent) {
    const entity = [...wokenBy(payload)].map((p) => p.name).join(', ');
    return { ...at, kind: payload.ok ? 'succeed' : 'fail', entity, step: payload.describe() };
  }
  if (payload === startProcess) {
    const p = arg as Process<any>;
    return { ...at, kind: 'start', entity: p.name, step: p.step ?? 'start' };
  }
  if (payload === endDelay) {
    const p = arg as Process<any>;
    return { ...at, kind: 'resume', entity: p.name, step: p.step ?? 'delay' };
  }
  if (payload === deliverInterrupt) {
    const p = (arg as { process: Process<any> }).process;
    return { ...at, kind: 'interrupt', entity: p.name, step: p.describeState() };
  }
  const name = (payload as { name?: string }).name || 'callback';
  return { ...at, kind: 'callback', entity: arg instanceof Process ? arg.name : name, step: name };
}

/** @internal The processes an event's processing wakes, directly or through conditions waiting on it. */
export function* wokenBy(ev: SimEvent<any>): Generator<Process<any>> {
  if (ev._cb === null) return;
  for (const w of [ev._cb, ...(ev._cbs ?? [])]) {
    if (w instanceof Process) yield w;
    else if (w instanceof SimEvent) yield* wokenBy(w);
  }
}

/**
 * A trace hook that writes each record as one line of NDJSON (JSON and a newline) to `write`.
 * Browser-safe: `write` decides where the lines go.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const env = new Environment({ trace: ndjsonTrace((line) => lines.push(line)) });
 * env.process(function* () { yield* env.timeout(5); }(), { name: 'swab' });
 * env.run();
 * // lines[0] === '{"time":0,"kind":"start","entity":"swab","step":"start"}\n'
 * ```
 */
export function ndjsonTrace(write: (line: string) => void): TraceHook {
  return (record) => write(`${JSON.stringify(record)}\n`);
}

/**
 * What every benchmark row shares: the bare-loop yardstick measured in the same process, median
 * timing, and the process's peak resident memory.
 *
 * Peak memory is the kernel's high-water mark of the process's resident set
 * (`process.resourceUsage().maxRSS`, getrusage), not a sampled figure: it cannot miss a short peak,
 * and because worker threads live in the same process it already sums the main thread and every
 * worker. Each row runs in its own child process (see run.ts), so a row's peak is its own and not a
 * leftover of an earlier row.
 */
import { bareLoop, type MmcParams } from './mm10.js';

/** One measured figure. `ratio` is a speed relative to the bare loop measured in the same process. */
export interface Measure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Work per second ÷ bare-loop customers per second (higher is better). */
  readonly ratio?: number;
  readonly target?: string;
  readonly met?: boolean;
  /** The bare-loop speed (customers/s) the ratio was taken against, when the row measured its own. */
  readonly bare?: number;
  /** Extra facts about the run (sizes, checks, cold figures). */
  readonly details?: Readonly<Record<string, number | string | boolean | null>>;
}

/** A row's result as the child process prints it. */
export interface RowResult {
  readonly row: string;
  readonly measures: readonly Measure[];
  /** Bare M/M/10 loop (ρ = 0.9) in this process, customers per second. */
  readonly bareCustomersPerSecond: number;
  /** Resident memory when the row started (Node, tsx and the loaded modules), MiB. */
  readonly startRssMiB: number;
  /** Peak resident memory of the whole process (main thread + worker threads), MiB. */
  readonly peakRssMiB: number;
  /** Wall time of the whole row including calibration, seconds. */
  readonly wallSeconds: number;
  /**
   * True when earlier rows ran in the same process (bench:ci runs all its rows in one process to fit
   * its time budget), so the peak may be an earlier row's.
   */
  readonly peakShared: boolean;
}

export const gc = (globalThis as { gc?: () => void }).gc;

/**
 * The clock of the single-threaded rows: CPU time of this process (user + system, all its threads),
 * in ms. On the shared machine wall time also counts the time other jobs held the core (load
 * averages of 5–12 on 2 cores while other work ran), and paired wall-time ratios spread from 0.7 to
 * 1.6 for the same code; CPU time spread 1.0–1.2. The garbage collector's helper threads are
 * included, so a model that allocates more still pays for it. Rows on worker threads use wall time.
 *
 * @example
 * ```ts
 * const t0 = cpuMs(); work(); const ms = cpuMs() - t0;
 * ```
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Median CPU time (ms, see {@link cpuMs}) of `repeats` runs after one warm-up run, with a full collection before each
 * run when `--expose-gc` is on, and the last run's value.
 *
 * @example
 * ```ts
 * const { ms } = medianMs(() => bareLoop(p), 3);
 * ```
 */
export function medianMs<T>(
  fn: () => T,
  repeats: number,
  warmUp = true,
): { ms: number; value: T; times: number[] } {
  let value = warmUp ? fn() : (undefined as T);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    gc?.();
    const t0 = cpuMs();
    value = fn();
    times.push(cpuMs() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, value, times };
}

/**
 * The yardstick's parameters: M/M/10 at ρ = 0.9.
 *
 * @example
 * ```ts
 * bareLoop(yardstick(300_000)).meanWait;
 * ```
 */
export const yardstick = (customers: number): MmcParams => ({ customers, servers: 10, rho: 0.9, seed: 1 });

/**
 * Bare-loop customers per second in this process (median of `repeats` after a warm-up).
 *
 * @example
 * ```ts
 * const bare = bareRate(300_000, 3); // ≈ 5e6 on the shared 2-core machine
 * ```
 */
export function bareRate(customers: number, repeats: number): number {
  const { ms } = medianMs(() => bareLoop(yardstick(customers)), repeats);
  return (customers / ms) * 1000;
}

/**
 * Peak resident set of this process so far, MiB (getrusage reports kilobytes on Linux).
 *
 * @example
 * ```ts
 * peakRssMiB(); // ≈ 200 after loading Node, tsx and the models
 * ```
 */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Time `fn` (doing `work` units) and the bare loop (`bareCustomers` customers) in alternation, after
 * one warm-up of each (of `fn` only when `warmUp`, for a run that is already warm); the ratio is the median of the paired ratios (work/s ÷ bare customers/s), so
 * a burst of load from another process on the shared machine lands in one pair, not in the figure.
 *
 * @example
 * ```ts
 * const r = pairedWithBare(() => callbackModel(p), p.customers, 5, p.customers);
 * r.ratio; // ≈ 0.7
 * ```
 */
export function pairedWithBare<T>(
  fn: () => T,
  work: number,
  repeats: number,
  bareCustomers: number,
  warmUp = true,
): { ms: number; value: T; ratio: number; bare: number } {
  const p = yardstick(bareCustomers);
  bareLoop(p);
  let value = warmUp ? fn() : (undefined as T);
  const ratios: number[] = [];
  const times: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < repeats; i++) {
    gc?.();
    const t0 = cpuMs();
    bareLoop(p);
    const t1 = cpuMs();
    gc?.();
    const t2 = cpuMs();
    value = fn();
    const t3 = cpuMs();
    const bare = (bareCustomers / (t1 - t0)) * 1000;
    times.push(t3 - t2);
    bares.push(bare);
    ratios.push(((work / (t3 - t2)) * 1000) / bare);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: median(times), value, ratio: median(ratios), bare: median(bares) };
}

/**
 * What the worker-thread runners share (Node only): where a worker's entry file is, whether surgesim
 * runs from its TypeScript sources or from the compiled dist/, how a worker imports a user's module
 * (a model or a scenario) by URL, and how many threads to use by default.
 *
 * @module
 */
import { availableParallelism, loadavg } from 'node:os';

const here = import.meta.url;
/** Running from the TypeScript sources (tsx, vitest) rather than the compiled dist/. */
const fromSource = /\.ts$/.test(new URL(here).pathname);
const TS_MODULE = /\.[cm]?tsx?$/;

/**
 * Piscina's `filename` and `workerData` for a worker module next to this file.
 *
 * @internal
 * @param name - the worker module's name without extension, e.g. `parallel-worker`.
 * @example
 * ```ts
 * new Piscina({ ...workerEntry('parallel-worker'), maxThreads: 2 });
 * ```
 */
export function workerEntry(name: string): { filename: string; workerData: { worker: string } } {
  const worker = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, here).href;
  // From source, a worker thread cannot load .ts itself (tsx hooks the main thread only on Node 20):
  // go through the plain-JS bootstrap. Compiled, the worker is JavaScript and loads directly.
  const filename = fromSource ? new URL('./parallel-worker-bootstrap.mjs', here).href : worker;
  return { filename, workerData: { worker } };
}

/**
 * Import a module by URL inside a worker thread: TypeScript (`.ts`, `.mts`, `.cts`) through tsx's
 * `tsImport` (on Node 20 tsx's loader hooks apply only to the main thread), anything else by plain
 * `import()`.
 *
 * @internal
 * @throws when the module fails to load, or when it is TypeScript and tsx is not installed.
 * @example
 * ```ts
 * const mod = await importInWorker('file:///work/scenarios/desk.ts');
 * ```
 */
export async function importInWorker(url: string): Promise<Record<string, unknown>> {
  if (TS_MODULE.test(new URL(url).pathname)) {
    let tsImport: (specifier: string, parent: string) => Promise<unknown>;
    try {
      ({ tsImport } = (await import('tsx/esm/api')) as {
        tsImport: (specifier: string, parent: string) => Promise<unknown>;
      });
    } catch (e) {
      throw new Error(
        `a TypeScript module in a worker thread needs tsx (npm i -D tsx), or compile it to .js (${(e as Error).message})`,
      );
    }
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

const loaded = new Map<string, Promise<Record<string, unknown>>>();

/**
 * {@link importInWorker}, once per module URL in this thread: every later task for the same module
 * gets the same (already evaluated) module.
 *
 * @internal
 * @example
 * ```ts
 * const mod = await importOnce(task.moduleUrl);
 * ```
 */
export function importOnce(url: string): Promise<Record<string, unknown>> {
  let m = loaded.get(url);
  if (m === undefined) {
    m = importInWorker(url);
    loaded.set(url, m);
  }
  return m;
}

/**
 * The default number of threads for replications: the cores not already busy — cores minus the
 * whole part of the 1-minute load average, at least 1 and at most the cores. On a machine other jobs
 * keep busy, extra threads only compete with them for the same cores and add their start-up (see
 * bench/README.md), while on an idle machine this is every core. Only whole busy cores count: the
 * average trails by a minute, so a command that has just ended (often the user's own previous run)
 * still shows as a fraction of a core. Where the load average is not known (Windows reports 0),
 * every core.
 *
 * @internal
 * @example
 * ```ts
 * const workers = idleCores(); // 2 on a 2-core machine at a load of 0.9, 1 from a load of 1
 * ```
 */
export function idleCores(): number {
  const cores = availableParallelism();
  return Math.max(1, Math.min(cores, cores - Math.floor(loadavg()[0]!)));
}

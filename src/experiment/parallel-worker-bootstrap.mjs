/**
 * Plain-JavaScript entry of the worker threads (parallel-worker.ts) when
 * surgesim runs from its TypeScript sources (under tsx or vitest). On Node 20, tsx registers its
 * loader only in the main thread, so a worker thread cannot import a `.ts` worker module directly;
 * this file loads it through tsx's `tsImport`. A worker module that is already JavaScript (the
 * compiled dist/) is imported plainly, so tsx (a development dependency) is never needed there. The
 * compiled package does not use this file at all: piscina is pointed at the compiled worker module.
 *
 * workerData: { worker: URL of the worker module, .ts or .js }.
 */
import { workerData } from 'node:worker_threads';

const worker = workerData.worker;
const isTypeScript = /\.[cm]?tsx?$/.test(new URL(worker).pathname);
const mod = isTypeScript
  ? await (await import('tsx/esm/api')).tsImport(worker, import.meta.url)
  : await import(worker);

export default mod.default;

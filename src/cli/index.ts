/**
 * The command line (Node only): the `surgesim` command and the shared entry of scenario scripts.
 * Not part of the browser-safe library entry; import from `surgesim/cli` paths only in Node.
 *
 * @module surgesim/cli
 */
export { type CliIo, parseDecimal, parseInteger, processIo, reportError, UsageError } from './io.js';
export { loadScenario } from './load.js';
export { main } from './main.js';
export { createProgress, type Progress, type ProgressOptions } from './progress.js';
export { isMain, runScenarioScript, type ScenarioScriptOptions } from './script.js';

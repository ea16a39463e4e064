/**
 * The shared command line of scenario scripts (Node only). A scenario file ends with
 * ```ts
 * if (isMain(import.meta)) process.exitCode = await runScenarioScript(scenario);
 * ```
 * and then `npx tsx scenarios/desk.ts --replications 30 --out report/` runs it, exactly as
 * `surgesim run scenarios/desk.ts --replications 30 --out report/` does.
 *
 * Flags: `--replications N`, `--seed S`, `--set path=value` (repeatable), `--workers N`, `--json`,
 * `--out DIR`, `--quiet`, `--debug`, `--help`.
 *
 * Replications run on worker threads (`--workers`, default one per idle core) when the scenario's module
 * is known: the file given to `surgesim run`, or the script that called {@link isMain} and found
 * itself to be the program. Each worker imports that module, which must export the scenario as
 * `scenario` or as its default export. The result is the same as a serial run with the same seed.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { combineOverrides, overrideFromAssignment, type Scenario } from '../experiment/scenario.js';
import { formatScenarioTable } from '../experiment/scenarioFormat.js';
import { runScenario } from '../experiment/scenarioRun.js';
import { idleCores } from '../experiment/workerModules.js';
import { ParameterError } from '../kernel/errors.js';
import { scenarioResultJson } from '../report/scenarioReport.js';
import { type CliIo, parseInteger, processIo, reportError } from './io.js';
import { createProgress } from './progress.js';

/**
 * The options of a scenario run, as `parseArgs` options (shared by scripts and `surgesim run`).
 *
 * @internal
 * @example
 * ```ts
 * parseArgs({ args: ['-n', '5'], options: RUN_OPTIONS }).values.replications; // '5'
 * ```
 */
export const RUN_OPTIONS = {
  replications: { type: 'string', short: 'n' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  workers: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * The run options' help lines.
 *
 * @internal
 * @example
 * ```ts
 * console.log(`options:\n${RUN_HELP}`);
 * ```
 */
export const RUN_HELP = `  -n, --replications N  replications (default 20)
  --seed S              base seed, a whole number (default: drawn, and printed with the result)
  --set path=value      change a parameter, e.g. --set site.clerks=6 or --set service="40 s"
                        (repeatable; a misspelt path is an error naming it)
  -w, --workers N       threads running replications, the main one included (default: one
                        per idle core, cores minus the load average, here now ${idleCores()}; 1: all on
                        the main thread). The result is the same for the same seed; a run
                        that would take under 4 s stays on the main thread
  --json                print the result as JSON on stdout (seed, parameters, version, figures,
                        metrics) and nothing else
  --out DIR             also write DIR/report.html, DIR/result.json and each chart as
                        DIR/<name>.svg and DIR/<name>.png
  -q, --quiet           no progress bar or notes on stderr
  --debug               print stack traces of errors
  -h, --help            this text`;

/**
 * Parsed run flags (the values of {@link RUN_OPTIONS}).
 *
 * @internal
 * @example
 * ```ts
 * const flags: RunFlags = { replications: '5', seed: '1', set: ['servers=3'], json: true };
 * ```
 */
export interface RunFlags {
  readonly replications?: string;
  readonly seed?: string;
  readonly set?: string[];
  readonly workers?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly quiet?: boolean;
  readonly debug?: boolean;
}

/**
 * Run a scenario with already parsed flags and print the result: the text table, or JSON with
 * `--json`; with `--out`, also the report folder. Throws on bad flags or a failed run.
 *
 * @internal
 * @param module - the module exporting the scenario, for worker threads; undefined: run serially.
 * @example
 * ```ts
 * await runWithFlags(scenario, { replications: '5', json: true }, processIo(), 'scenarios/desk.ts');
 * ```
 */
export async function runWithFlags<P, R>(
  scenario: Scenario<P, R>,
  flags: RunFlags,
  io: CliIo,
  module?: string | URL,
): Promise<void> {
  const replications =
    flags.replications === undefined ? 20 : parseInteger(flags.replications, '--replications', 1);
  const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, '--seed');
  const workers = parseWorkers(flags.workers);
  const overrides = combineOverrides((flags.set ?? []).map(overrideFromAssignment));
  if (flags.out !== undefined && flags.out.trim() === '')
    throw new ParameterError('--out', 'a folder to write the report to', flags.out);
  const progress = createProgress({
    label: scenario.name,
    stream: io.errStream,
    enabled: io.errIsTTY && !flags.json && !flags.quiet,
  });
  const options = {
    replications,
    ...(seed === undefined ? {} : { seed }),
    overrides: overrides as never,
    // The scenario's charts may need every replication's result; keep them only then.
    keepRuns: flags.out !== undefined && scenario.charts !== undefined,
    onProgress: progress.update,
  };
  let result: ReturnType<typeof runScenario<P, R>>;
  try {
    if (module === undefined || workers === 1 || replications === 1) result = runScenario(scenario, options);
    else {
      // Loaded only when needed: worker threads (piscina) are no part of a serial run.
      const { runScenarioParallel } = await import('../experiment/scenarioParallel.js');
      result = await runScenarioParallel(scenario, { ...options, module, workers });
    }
  } finally {
    progress.stop();
  }
  if (flags.out !== undefined) {
    // Loaded only for --out: the renderers (vega, resvg) take most of the start-up time.
    const { writeScenarioReport } = await import('../report/scenarioReport-node.js');
    const own = scenario.charts?.(result) ?? [];
    const general = result as never;
    let written: string[];
    let note = '';
    try {
      written = await writeScenarioReport(flags.out, general, own);
    } catch (e) {
      // Without the report fonts PNGs would have no text; keep the report (inline SVG) and say why.
      if (!(e instanceof Error && e.name === 'MissingFontError')) throw e;
      written = await writeScenarioReport(flags.out, general, own, { png: false });
      note = ` — no PNGs: ${e.message}`;
    }
    if (!flags.quiet || note !== '') io.err(`wrote ${written.length} files to ${flags.out}${note}\n`);
  }
  io.out(flags.json ? scenarioResultJson(result as never) : `${formatScenarioTable(result as never)}\n`);
}

/**
 * `--workers N`: an integer ≥ 1; default one per idle core.
 *
 * @internal
 * @example
 * ```ts
 * parseWorkers('2'); // 2
 * ```
 */
export function parseWorkers(value: string | undefined): number {
  return value === undefined ? idleCores() : parseInteger(value, '--workers', 1);
}

/**
 * Options of {@link runScenarioScript}.
 *
 * @example
 * ```ts
 * await runScenarioScript(scenario, process.argv.slice(2), processIo(), { module: import.meta.url });
 * ```
 */
export interface ScenarioScriptOptions {
  /**
   * The module exporting the scenario (as `scenario` or the default export), which worker threads
   * import to run replications; a URL or a file path. Default: the script that {@link isMain} found
   * to be the program, if any. `null`: every replication on this thread.
   */
  readonly module?: string | URL | null;
}

/**
 * Parse a scenario script's arguments, run it and print the result.
 *
 * @param scenario - the scenario the script defines.
 * @param argv - the arguments after the script name; default `process.argv.slice(2)`.
 * @param io - where to write; default the process's streams.
 * @param options - `module`: the module worker threads import the scenario from (a URL or file path;
 *   default the script {@link isMain} found to be the program; `null` runs every replication here).
 * @returns the exit code: 0 success, 2 bad arguments or parameters (nothing ran), 1 a failed run.
 * @example
 * ```ts
 * export const scenario = defineScenario({ ... });
 * if (isMain(import.meta)) process.exitCode = await runScenarioScript(scenario);
 * ```
 */
export async function runScenarioScript<P, R>(
  scenario: Scenario<P, R>,
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo(),
  options: ScenarioScriptOptions = {},
): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: RUN_OPTIONS,
      strict: true,
      allowPositionals: false,
    });
    debug = values.debug === true;
    if (values.help) {
      io.out(
        `${scenario.title}\n${scenario.description ? `\n${scenario.description}\n` : ''}\noptions:\n${RUN_HELP}\n`,
      );
      return 0;
    }
    const module = options.module === undefined ? mainModule : (options.module ?? undefined);
    await runWithFlags(scenario, values, io, module);
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: scenario.name, help: 'see --help', debug });
  }
}

/** The URL of the module that {@link isMain} found to be the program (the script being run). */
let mainModule: string | undefined;

/**
 * Whether the module with this `import.meta` is the program being run (`node file`, `tsx file`, or
 * a bin symlink to it), not a module imported by another one. Compares real paths, so symlinks
 * (npm's `.bin` links) and relative invocations agree. A module found to be the program is
 * remembered: {@link runScenarioScript} has its worker threads import it. (In a worker thread there
 * is no program file, so a script imported there never runs itself.)
 *
 * @param meta - the calling module's `import.meta`.
 * @example
 * ```ts
 * if (isMain(import.meta)) process.exitCode = await runScenarioScript(scenario);
 * ```
 */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1];
  if (entry === undefined || !meta.url.startsWith('file:')) return false;
  try {
    const main = realpathSync(entry) === realpathSync(fileURLToPath(meta.url));
    if (main) mainModule = meta.url;
    return main;
  } catch {
    return false;
  }
}

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
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  combineOverrides,
  overrideFromAssignment,
  resolveScenarioParameters,
  type Scenario,
  type ScenarioChart,
} from '../experiment/scenario.js';
import { formatScenarioTable } from '../experiment/scenarioFormat.js';
import { MAX_SCENARIO_REPLICATIONS, runScenario, type ScenarioResult } from '../experiment/scenarioRun.js';
import { idleCores } from '../experiment/workerModules.js';
import { ParameterError } from '../kernel/errors.js';
import { type OutputFolder, prepareOutputFolder } from '../report/outputFolder-node.js';
import { scenarioResultJson } from '../report/scenarioReport.js';
import { type CliIo, parseInteger, processIo, reportError, UsageError } from './io.js';
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
  redis: { type: 'string' },
  prefix: { type: 'string' },
  'allow-large': { type: 'boolean' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Replications a run may ask for without `--allow-large`: far more than any interval needs, few
 * enough that a mistyped count (an extra zero or three) is refused instead of running for hours.
 *
 * @internal
 * @example
 * ```ts
 * parseReplications('20000', 20, 1, false); // throws: more than CLI_MAX_REPLICATIONS without --allow-large
 * ```
 */
export const CLI_MAX_REPLICATIONS = 10_000;

/**
 * The run options' help lines.
 *
 * @internal
 * @example
 * ```ts
 * console.log(`options:\n${RUN_HELP}`);
 * ```
 */
export const RUN_HELP = `  -n, --replications N  replications, a decimal whole number (default 20; at most
                        ${CLI_MAX_REPLICATIONS} unless --allow-large)
  --allow-large         allow up to ${MAX_SCENARIO_REPLICATIONS} replications
  --seed S              base seed, a whole number (default: drawn, and printed with the result)
  --set path=value      change a parameter, e.g. --set site.clerks=6 or --set service="40 s"
                        (repeatable; a misspelt path is an error naming it)
  -w, --workers N       threads running replications, the main one included (default: one
                        per idle core, cores minus the load average, here now ${idleCores()}; 1: all on
                        the main thread; at most the ${availableParallelism()} cores). The result is the same
                        for the same seed; a run that would take under 4 s stays on the main thread
  --redis URL           run the replications on 'surgesim worker' processes serving this Redis
                        (redis://host:6379) instead of threads here; the result is the same
  --prefix P            with --redis: the key prefix the workers serve (default surgesim)
  --json                print the result as JSON on stdout (seed, parameters, version, figures,
                        metrics) and nothing else
  --out DIR             also write DIR/report.html, DIR/result.json and each chart as
                        DIR/<name>.svg and DIR/<name>.png; DIR must be new or empty, it is
                        checked before the run and written whole at the end (never a mix)
  --force               with --out: replace an earlier surgesim report folder
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
  readonly redis?: string;
  readonly prefix?: string;
  readonly 'allow-large'?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly force?: boolean;
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
  module?: string | URL | { readonly module: string | URL; readonly exportName: string },
): Promise<void> {
  const replications = parseReplications(flags.replications, 20, 1, flags['allow-large'] === true);
  const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, '--seed');
  const workers = parseWorkers(flags.workers, flags.quiet ? undefined : io);
  const queue = await queueFlags(flags, io);
  if (queue !== null && module === undefined)
    throw new UsageError(
      "--redis needs the scenario's module, which the workers import (run it with 'surgesim run <file>')",
    );
  const overrides = combineOverrides((flags.set ?? []).map(overrideFromAssignment));
  if (flags.force && flags.out === undefined)
    throw new UsageError('--force replaces an earlier report folder, so it needs --out DIR');
  // Everything that can be wrong with the input is found before the folder is opened and the run starts.
  resolveScenarioParameters(scenario, overrides as never);
  const folder =
    flags.out === undefined
      ? undefined
      : await prepareOutputFolder(flags.out, { force: flags.force === true, flag: '--out' });
  try {
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
      keepRuns: folder !== undefined && scenario.charts !== undefined,
      onProgress: progress.update,
    };
    let result: ReturnType<typeof runScenario<P, R>>;
    try {
      if (queue !== null) {
        const target = typeof module === 'object' && 'exportName' in module ? module : { module: module! };
        result = await queue.runScenario(scenario, { ...options, ...target });
      } else if (module === undefined || workers === 1 || replications === 1)
        result = runScenario(scenario, options);
      else {
        // Loaded only when needed: worker threads (piscina) are no part of a serial run.
        const { runScenarioParallel } = await import('../experiment/scenarioParallel.js');
        const target = typeof module === 'object' && 'exportName' in module ? module : { module };
        result = await runScenarioParallel(scenario, { ...options, ...target, workers });
      }
    } finally {
      progress.stop();
    }
    if (folder !== undefined) {
      const note = await writeReport(folder, scenario.charts?.(result) ?? [], result as never);
      const written = await folder.commit();
      if (!flags.quiet || note !== '') io.err(`wrote ${written.length} files to ${flags.out}${note}\n`);
    }
    io.out(flags.json ? scenarioResultJson(result as never) : `${formatScenarioTable(result as never)}\n`);
  } finally {
    await folder?.abort();
  }
}

/** The report files into an open folder; returns a note when the PNGs had to be left out. */
async function writeReport(
  folder: OutputFolder,
  charts: readonly ScenarioChart[],
  result: ScenarioResult<unknown, unknown>,
): Promise<string> {
  // Loaded only for --out: the renderers (vega, resvg) take most of the start-up time.
  const { writeScenarioReport } = await import('../report/scenarioReport-node.js');
  try {
    await writeScenarioReport(folder, result, charts);
    return '';
  } catch (e) {
    // Without the report fonts PNGs would have no text; keep the report (inline SVG) and say why.
    if (!(e instanceof Error && e.name === 'MissingFontError')) throw e;
    await writeScenarioReport(folder, result, charts, { png: false });
    return ` — no PNGs: ${e.message}`;
  }
}

/**
 * `--redis URL` and `--prefix P`: the queue runner they ask for (checked, before the run), or null
 * without `--redis`. The distributed code (BullMQ) is loaded only then.
 *
 * @internal
 * @example
 * ```ts
 * const runner = await queueFlags({ redis: 'redis://127.0.0.1:6379' }, processIo());
 * ```
 */
export async function queueFlags(
  flags: {
    readonly redis?: string;
    readonly prefix?: string;
    readonly workers?: string;
    readonly quiet?: boolean;
  },
  io: CliIo,
): Promise<import('../distributed/runner.js').RedisRunner | null> {
  if (flags.redis === undefined) {
    if (flags.prefix !== undefined)
      throw new UsageError('--prefix names the keys of a --redis run, so it needs --redis URL');
    return null;
  }
  if (flags.workers !== undefined)
    throw new UsageError(
      "--workers sets threads on this machine; with --redis the workers' own --concurrency does",
    );
  const { redisPrefix, redisUrl } = await import('../distributed/connection.js');
  const { RedisRunner } = await import('../distributed/runner.js');
  return new RedisRunner({
    redis: redisUrl(flags.redis, '--redis'),
    prefix: redisPrefix(flags.prefix, '--prefix'),
    note: flags.quiet ? () => {} : (text) => io.err(`${text}\n`),
  });
}

/**
 * `--replications N`: a decimal whole number ≥ `min`; above {@link CLI_MAX_REPLICATIONS} only with
 * `--allow-large` (and never above the library's `MAX_SCENARIO_REPLICATIONS`).
 *
 * @internal
 * @example
 * ```ts
 * parseReplications(undefined, 20, 1, false); // 20
 * ```
 */
export function parseReplications(
  text: string | undefined,
  fallback: number,
  min: number,
  allowLarge: boolean,
): number {
  if (text === undefined) return fallback;
  const n = parseInteger(text, '--replications', min);
  const max = allowLarge ? MAX_SCENARIO_REPLICATIONS : CLI_MAX_REPLICATIONS;
  if (n > max)
    throw new ParameterError(
      '--replications',
      allowLarge
        ? `a whole number ≤ ${max}`
        : `a whole number ≤ ${max} (the run's time and memory grow with it: add --allow-large to run up to ${MAX_SCENARIO_REPLICATIONS} deliberately)`,
      text,
    );
  return n;
}

/**
 * `--workers N`: a whole number ≥ 1, default one per idle core, and never more than the machine's
 * cores: more threads than cores only compete for them (and each holds its own copy of the model),
 * so a larger request is capped with a notice on `notice`'s stderr.
 *
 * @internal
 * @example
 * ```ts
 * parseWorkers('2'); // 2 (on a machine with at least 2 cores)
 * ```
 */
export function parseWorkers(value: string | undefined, notice?: CliIo): number {
  if (value === undefined) return idleCores();
  const asked = parseInteger(value, '--workers', 1);
  const cores = availableParallelism();
  if (asked <= cores) return asked;
  notice?.err(`--workers ${asked}: this machine has ${cores} cores; running on ${cores} threads\n`);
  return cores;
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

/**
 * The shared command line of scenario scripts (Node only). A scenario file ends with
 * ```ts
 * if (isMain(import.meta)) process.exitCode = await runScenarioScript(scenario);
 * ```
 * and then `npx tsx scenarios/desk.ts --replications 30 --out report/` runs it, exactly as
 * `surgesim run scenarios/desk.ts --replications 30 --out report/` does.
 *
 * Flags: `--replications N`, `--seed S`, `--set path=value` (repeatable), `--json`, `--out DIR`,
 * `--quiet`, `--debug`, `--help`.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { combineOverrides, overrideFromAssignment, type Scenario } from '../experiment/scenario.js';
import { formatScenarioTable } from '../experiment/scenarioFormat.js';
import { runScenario } from '../experiment/scenarioRun.js';
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
 * @example
 * ```ts
 * await runWithFlags(scenario, { replications: '5', json: true }, processIo());
 * ```
 */
export async function runWithFlags<P, R>(
  scenario: Scenario<P, R>,
  flags: RunFlags,
  io: CliIo,
): Promise<void> {
  const replications =
    flags.replications === undefined ? 20 : parseInteger(flags.replications, '--replications', 1);
  const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, '--seed');
  const overrides = combineOverrides((flags.set ?? []).map(overrideFromAssignment));
  if (flags.out !== undefined && flags.out.trim() === '')
    throw new ParameterError('--out', 'a folder to write the report to', flags.out);
  const progress = createProgress({
    label: scenario.name,
    stream: io.errStream,
    enabled: io.errIsTTY && !flags.json && !flags.quiet,
  });
  let result: ReturnType<typeof runScenario<P, R>>;
  try {
    result = runScenario(scenario, {
      replications,
      ...(seed === undefined ? {} : { seed }),
      overrides: overrides as never,
      // The scenario's charts may need every replication's result; keep them only then.
      keepRuns: flags.out !== undefined && scenario.charts !== undefined,
      onProgress: progress.update,
    });
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
 * Parse a scenario script's arguments, run it and print the result.
 *
 * @param scenario - the scenario the script defines.
 * @param argv - the arguments after the script name; default `process.argv.slice(2)`.
 * @param io - where to write; default the process's streams.
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
    await runWithFlags(scenario, values, io);
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: scenario.name, help: 'see --help', debug });
  }
}

/**
 * Whether the module with this `import.meta` is the program being run (`node file`, `tsx file`, or
 * a bin symlink to it), not a module imported by another one. Compares real paths, so symlinks
 * (npm's `.bin` links) and relative invocations agree.
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
    return realpathSync(entry) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}

#!/usr/bin/env node
/**
 * The `surgesim` command (the package's bin; Node only).
 *
 * ```text
 * surgesim run <scenario file> [--replications N] [--seed S] [--set path=value]… [--workers N] [--json] [--out DIR]
 * surgesim compare <a> <b> [--replications N] [--seed S] [--set-a path=value]… [--set-b path=value]… [--workers N] [--json]
 * surgesim staff <spec> --area A --roles r,s [--deadline D] [--target P] [--confidence C] [--set path=value]… (see staff.ts)
 * surgesim forecast <spec> --snapshot FILE [--set path=value]… [--move "N role from A to B at T"]… (see forecast.ts)
 * surgesim sweep <scenario> --vary path=v1,v2… [--vary …] [run options]
 * surgesim worker --redis URL [--concurrency N] [--prefix P]
 * surgesim --help | --version
 * ```
 *
 * A scenario file is any module exporting `scenario` (or a default export) made with
 * `defineScenario`; TypeScript files load through tsx, so no build step is needed. `compare` runs
 * both scenarios with the same replication seeds (common random numbers) and prints, for every
 * figure they share, B − A with a paired confidence interval. Replications run on worker threads
 * (`--workers`, default one per idle core), each importing the scenario file (or, for a spec,
 * rebuilding its scenario from the spec); the result is the same as a serial run with the same seed. With `--redis URL` they run on `surgesim worker` processes
 * instead, on any number of machines (docs/distributed.md), with the same result.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { combineOverrides, overrideFromAssignment } from '../experiment/scenario.js';
import { formatComparisonTable } from '../experiment/scenarioFormat.js';
import { compareScenarios, MAX_SCENARIO_REPLICATIONS } from '../experiment/scenarioRun.js';
import { idleCores } from '../experiment/workerModules.js';
import { ParameterError } from '../kernel/errors.js';
import { version } from '../version.js';
import { campaignWorkerTarget, isCampaignArgument, scenarioWorkerTarget } from './campaign.js';
import {
  type CliIo,
  parseDecimal,
  parseInteger,
  processIo,
  reportError,
  runCommand,
  UsageError,
} from './io.js';
import { loadScenario } from './load.js';
import { createProgress } from './progress.js';
import {
  CLI_MAX_REPLICATIONS,
  isMain,
  parseReplications,
  parseWorkers,
  queueFlags,
  RUN_HELP,
  RUN_OPTIONS,
  runWithFlags,
} from './script.js';
import { sweepCommand } from './sweep.js';
import { workerCommand } from './worker.js';

const MAIN_HELP = `surgesim ${version} — discrete-event simulation for mass testing, transfers and supply

usage:
  surgesim run <scenario file> [options]      run a scenario and print reported vs simulated
  surgesim compare <a> <b> [options]          compare two scenarios with common random numbers
  surgesim staff <spec> --area A --roles r,s  least staff per point to finish an area by a deadline
  surgesim forecast <spec> --snapshot FILE    the rest of the day from a snapshot taken during it
  surgesim sweep <scenario> --vary p=v1,v2    run a scenario at every point of a grid of changes
  surgesim worker --redis URL                 compute replications for --redis runs
  surgesim --help | --version

A scenario file (.ts, .mts, .js, .mjs) exports \`scenario\` (or a default export) made with
defineScenario from 'surgesim'. 'surgesim <command> --help' lists a command's options.

exit codes: 0 success; 2 bad arguments, parameters or scenario (nothing ran); 1 a run failed.`;

const RUN_USAGE = `usage: surgesim run <scenario file> [options]

options:
${RUN_HELP}`;

// The run's flags with one set of changes per side, and no report folder.
const { set: _set, out: _out, force: _force, ...COMPARE_RUN_OPTIONS } = RUN_OPTIONS;
const COMPARE_OPTIONS = {
  ...COMPARE_RUN_OPTIONS,
  level: { type: 'string' },
  'set-a': { type: 'string', multiple: true },
  'set-b': { type: 'string', multiple: true },
} as const;

const COMPARE_USAGE = `usage: surgesim compare <a> <b> [options]

Runs both scenarios with the same replication seeds (common random numbers) and prints, for each
figure they share by id, the means and the paired difference B − A with its confidence interval.
A and B may be the same file with different --set-a/--set-b changes.

options:
  -n, --replications N  paired replications, at least 2 (default 20; at most
                        ${CLI_MAX_REPLICATIONS} unless --allow-large)
  --allow-large         allow up to ${MAX_SCENARIO_REPLICATIONS} replications
  --seed S              base seed, a whole number (default: drawn, and printed)
  --level L             confidence level of the paired intervals (default 0.95)
  --set-a path=value    change a parameter of A (repeatable)
  --set-b path=value    change a parameter of B (repeatable)
  -w, --workers N       threads running replications, the main one included (default: one
                        per idle core, cores minus the load average, here now ${idleCores()}; 1: all on
                        the main thread; at most the ${availableParallelism()} cores). The result is the same
                        for the same seed; a run that would take under 4 s stays on the main thread
  --redis URL           run the replications on 'surgesim worker' processes serving this Redis
  --prefix P            with --redis: the key prefix the workers serve (default surgesim)
  --json                print the comparison as JSON on stdout and nothing else
  -q, --quiet           no progress bar on stderr
  --debug               print stack traces of errors
  -h, --help            this text`;

/**
 * Run the `surgesim` command.
 *
 * @param argv - the arguments after `surgesim`.
 * @param io - where to write; default the process's streams.
 * @returns the exit code: 0 success, 2 bad arguments/parameters/scenario, 1 a failed run.
 * @example
 * ```ts
 * process.exitCode = await main(['run', 'scenarios/desk.ts', '--replications', '5']);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (command === 'run') return run(rest, io);
  if (command === 'compare') return compare(rest, io);
  if (command === 'staff') return (await import('./staff.js')).staffCommand(rest, io);
  if (command === 'forecast') return (await import('./forecast.js')).forecastCommand(rest, io);
  if (command === 'sweep') return sweepCommand(rest, io);
  if (command === 'worker') return workerCommand(rest, io);
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        debug: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.version) {
      io.out(`${version}\n`);
      return 0;
    }
    if (values.help || argv.length === 0) {
      io.out(`${MAIN_HELP}\n`);
      return values.help ? 0 : 2;
    }
    throw new UsageError(
      `unknown command '${positionals[0] ?? ''}': use 'run', 'compare', 'sweep', 'staff', 'forecast' or 'worker'`,
    );
  } catch (e) {
    return reportError(e, io, { prefix: 'surgesim', help: "see 'surgesim --help'", debug });
  }
}

const RUN_LINE = {
  options: RUN_OPTIONS,
  usage: RUN_USAGE,
  prefix: 'surgesim run',
  help: "see 'surgesim run --help'",
} as const;

function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(argv, io, RUN_LINE, async (values, positionals) => {
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0
          ? 'run needs a scenario file, e.g. surgesim run scenarios/desk.ts'
          : `run takes one scenario file, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    const scenario = await loadScenario(positionals[0]!);
    // A spec is data: worker threads rebuild its scenario from the spec with campaignScenario.
    await runWithFlags(
      scenario,
      values,
      io,
      isCampaignArgument(positionals[0]!) ? campaignWorkerTarget() : positionals[0]!,
    );
  });
}

const COMPARE_LINE = {
  options: COMPARE_OPTIONS,
  usage: COMPARE_USAGE,
  prefix: 'surgesim compare',
  help: "see 'surgesim compare --help'",
} as const;

function compare(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(argv, io, COMPARE_LINE, async (values, positionals) => {
    if (positionals.length !== 1 && positionals.length !== 2)
      throw new UsageError(
        `compare needs one scenario or spec (A and B differ by --set-a/--set-b) or two (A and B), got ${positionals.length}`,
      );
    const [fileA, fileB = fileA] = positionals as [string, string?];
    const replications = parseReplications(values.replications, 20, 2, values['allow-large'] === true);
    const seed = values.seed === undefined ? undefined : parseInteger(values.seed, '--seed');
    const level = values.level === undefined ? undefined : parseDecimal(values.level, '--level');
    if (level !== undefined && !(level > 0 && level < 1))
      throw new ParameterError('--level', 'a confidence level in (0, 1)', values.level);
    const workers = parseWorkers(values.workers, values.quiet ? undefined : io);
    const queue = await queueFlags(values, io);
    const overridesA = combineOverrides((values['set-a'] ?? []).map(overrideFromAssignment));
    const overridesB = combineOverrides((values['set-b'] ?? []).map(overrideFromAssignment));
    const a = await loadScenario(fileA);
    const b = fileB === fileA ? a : await loadScenario(fileB!);
    const progress = createProgress({
      label: `${a.name} vs ${b.name}`,
      stream: io.errStream,
      enabled: io.errIsTTY && !values.json && !values.quiet,
    });
    let comparison: ReturnType<typeof compareScenarios>;
    try {
      const options = {
        replications,
        ...(seed === undefined ? {} : { seed }),
        ...(level === undefined ? {} : { level }),
        overridesA,
        overridesB,
        onProgress: progress.update,
      };
      if (queue !== null)
        comparison = await queue.compareScenarios(a, b, {
          ...options,
          ...(isCampaignArgument(fileA) ? {} : { moduleA: fileA }),
          ...(isCampaignArgument(fileB!) ? {} : { moduleB: fileB! }),
        });
      else if (workers === 1) comparison = compareScenarios(a, b, options);
      else {
        // Loaded only when needed: worker threads (piscina) are no part of a serial run.
        const { compareScenariosParallel } = await import('../experiment/scenarioParallel.js');
        const targetA = scenarioWorkerTarget(fileA);
        const targetB = scenarioWorkerTarget(fileB!);
        comparison = await compareScenariosParallel(a, b, {
          ...options,
          moduleA: targetA.module,
          moduleB: targetB.module,
          ...(targetA.exportName !== undefined && { exportNameA: targetA.exportName }),
          ...(targetB.exportName !== undefined && { exportNameB: targetB.exportName }),
          workers,
        });
      }
    } finally {
      progress.stop();
    }
    // Columns say what changed, so a table of one file with two settings reads on its own.
    const label = (side: 'A' | 'B', file: string, sets: readonly string[]) =>
      `${side}: ${fileA === fileB ? '' : `${file} `}${sets.length ? sets.join(', ') : 'as written'}`;
    comparison = {
      ...comparison,
      a: label('A', fileA, values['set-a'] ?? []),
      b: label('B', fileB!, values['set-b'] ?? []),
    };
    io.out(
      values.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatComparisonTable(comparison)}\n`,
    );
  });
}

// No top-level await: a scenario module that imports the cli barrel (and so this module) must not
// wait on the command that is importing it.
if (isMain(import.meta))
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });

/**
 * The command line of a scenario script: `--replications N`, `--seed S`, `--json`, `--set path=value`
 * (repeatable), `--out DIR`, `--help`. A stop-gap until the shared scenario entry point in `src/cli/`
 * lands; it uses only the scenario layer (`runScenario`, `formatScenarioTable`, the override helpers),
 * so switching is a one-line change in the scenario file.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  combineOverrides,
  formatScenarioTable,
  overrideFromAssignment,
  runScenario,
  type Scenario,
} from '../../src/experiment/index.js';
import { ParameterError, SurgesimError } from '../../src/index.js';

const USAGE = `options:
  --replications N   replications (default 20)
  --seed S           base seed (default: drawn and printed)
  --set path=value   change a parameter, e.g. --set hedong.staff.swabbers=216 (repeatable)
  --json             print the result as JSON (seed, parameters, version, figures, metrics)
  --out DIR          write result.json, table.txt and the charts' vega-lite specs to DIR
  --help             this text`;

/**
 * Parse the arguments, run the scenario and print (or write) the result.
 *
 * @param scenario - the scenario.
 * @param argv - the arguments after the script name.
 * @param io - where to write (default: the process's streams).
 * @returns the exit code: 0 on success, 2 for bad arguments or parameters, 1 for a failed run.
 * @example
 * ```ts
 * process.exitCode = await runScenarioCli(scenario, process.argv.slice(2));
 * ```
 */
export async function runScenarioCli<P, R>(
  scenario: Scenario<P, R>,
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.err(`${scenario.name}: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${scenario.title}\n\n${USAGE}\n`);
    return 0;
  }
  try {
    const replications =
      args.replications === undefined ? 20 : toInteger(args.replications, '--replications');
    const seed = args.seed === undefined ? undefined : toInteger(args.seed, '--seed');
    const overrides = combineOverrides((args.set ?? []).map(overrideFromAssignment));
    const wantCharts = args.out !== undefined && scenario.charts !== undefined;
    const progress =
      !args.json && process.stderr.isTTY
        ? (done: number, total: number) => io.err(`\r${scenario.name}: ${done}/${total} replications`)
        : undefined;
    const result = runScenario(scenario, {
      replications,
      ...(seed !== undefined && { seed }),
      overrides: overrides as never,
      keepRuns: wantCharts,
      ...(progress && { onProgress: progress }),
    });
    if (progress) io.err('\n');
    const { runs: _runs, ...data } = result;
    if (args.out !== undefined) {
      mkdirSync(args.out, { recursive: true });
      writeFileSync(join(args.out, 'result.json'), `${JSON.stringify(data, null, 2)}\n`);
      writeFileSync(join(args.out, 'table.txt'), `${formatScenarioTable(result)}\n`);
      const charts = wantCharts ? (scenario.charts?.(result) ?? []) : [];
      for (const c of charts)
        writeFileSync(join(args.out, `${c.name}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
      io.err(`wrote result.json, table.txt and ${charts.length} chart specs to ${args.out}\n`);
    }
    io.out(args.json ? `${JSON.stringify(data, null, 2)}\n` : `${formatScenarioTable(result)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ParameterError) {
      io.err(`${scenario.name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof SurgesimError) {
      io.err(`${scenario.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      replications: { type: 'string', short: 'n' },
      seed: { type: 'string' },
      set: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function toInteger(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n)) throw new ParameterError(flag, 'an integer', text);
  return n;
}

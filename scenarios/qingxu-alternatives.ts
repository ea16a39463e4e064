/**
 * Alternatives to the Qingxu day (13 April 2022), each compared with the day as its spec has it on
 * common random numbers: QR pre-registration, printed QR cards for elders, a separate assisted lane,
 * 20-in-1 pooling, 20 % more swabbers, village time slots, protective-suit rotation every 4 h and
 * 2 h, the isolation-site set-up from 14:30, twice the buses, a second door, three unloading chains.
 * The alternatives are data, changes of the spec: `campaigns/alternatives/qingxu-2022-04-13.json`
 * (`--alternatives FILE` runs another such file, for another spec).
 *
 * ```sh
 * npx tsx scenarios/qingxu-alternatives.ts                        # the table, 3 paired replications
 * npx tsx scenarios/qingxu-alternatives.ts --replications 10 --seed 7
 * npx tsx scenarios/qingxu-alternatives.ts --only pool-20,chains-3
 * npx tsx scenarios/qingxu-alternatives.ts --json > alternatives.json
 * ```
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { type CliIo, isMain, parseInteger, processIo, reportError } from '../src/cli/index.js';
import {
  QINGXU_ALTERNATIVES_FILE,
  readAlternatives,
  selectAlternatives,
} from './alternatives/alternatives.js';
import { compareAlternatives } from './alternatives/compare.js';
import { formatAlternativesTable } from './alternatives/format.js';

export {
  type AlternativeSet,
  applyAlternative,
  checkAlternative,
  parseAlternatives,
  QINGXU_ALTERNATIVES_FILE,
  readAlternatives,
  type SpecAlternative,
  selectAlternatives,
} from './alternatives/alternatives.js';
export {
  type AlternativeRow,
  type AlternativesComparison,
  type CompareAlternativesOptions,
  compareAlternatives,
  type FigureEffect,
} from './alternatives/compare.js';
export { formatAlternativesTable, formatEffect } from './alternatives/format.js';

const HELP = `Qingxu 13 April 2022 — alternatives compared with the day as its spec has it (common random numbers)

options:
  -n, --replications N  paired replications of the base and of each alternative (default 3, ≥ 2)
  --seed S              base seed shared by all runs (default 1)
  --only a,b            only these alternatives (names in the file)
  --alternatives FILE   another file of alternatives (default campaigns/alternatives/qingxu-2022-04-13.json)
  --json                the comparison as JSON on stdout: seed, replications, base means, and per
                        alternative its changes of the spec and the paired difference of every figure
  -h, --help            this text`;

/**
 * Run the alternatives' command line.
 *
 * @param argv - the arguments after the script name.
 * @param io - where to write.
 * @returns the exit code: 0 success, 2 bad arguments (nothing ran), 1 a failed run.
 * @example
 * ```ts
 * process.exitCode = runAlternativesScript(['--only', 'pool-20', '--json']);
 * ```
 */
export function runAlternativesScript(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo(),
): number {
  let debug = false;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        replications: { type: 'string', short: 'n' },
        seed: { type: 'string' },
        only: { type: 'string' },
        alternatives: { type: 'string' },
        json: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    debug = values.debug === true;
    if (values.help) {
      io.out(`${HELP}\n`);
      return 0;
    }
    const replications =
      values.replications === undefined ? 3 : parseInteger(values.replications, '--replications', 2);
    const seed = values.seed === undefined ? 1 : parseInteger(values.seed, '--seed');
    const only = values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const set = readAlternatives(values.alternatives ?? QINGXU_ALTERNATIVES_FILE);
    const c = compareAlternatives(set, {
      only: selectAlternatives(set.alternatives, only),
      replications,
      seed,
      ...(values.json ? {} : { onProgress: (done: number, total: number) => progress(io, done, total) }),
    });
    if (values.json) io.out(`${JSON.stringify(c, null, 2)}\n`);
    else io.out(`${formatAlternativesTable(c)}\n`);
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: 'qingxu-alternatives', help: 'see --help', debug });
  }
}

function progress(io: CliIo, done: number, total: number): void {
  if (io.errIsTTY) io.err(`\r${done}/${total} runs${done === total ? '\n' : ''}`);
}

if (isMain(import.meta)) process.exitCode = runAlternativesScript();

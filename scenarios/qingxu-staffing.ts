/**
 * The least registration clerks and swabbers per point that finish Hedong's 119,246 people in six
 * hours with 95 % confidence — as it was, with QR pre-registration, and with village time slots —
 * the hour-by-hour bottleneck of the replayed evening, what one more person in each role buys, and
 * how sensitive the evening is to its uncertain parameters (tornado). A thin script over
 * `surgesim staff` on the campaign spec `campaigns/qingxu-2022-04-13.json`: the variants and the
 * tornado's ranges are spec changes by path, in `staffing/qingxu-variants.json` and
 * `staffing/qingxu-tornado.json`.
 *
 * ```sh
 * npx tsx scenarios/qingxu-staffing.ts                          # everything, on one thread per idle core
 * npx tsx scenarios/qingxu-staffing.ts --workers 2 --seed 3
 * npx tsx scenarios/qingxu-staffing.ts --marginal 0 --json      # the searches only, as JSON
 * npx tsx scenarios/qingxu-staffing.ts --out out/staffing       # staffing.json, tornado charts (SVG, PNG)
 * ```
 *
 * Any flag of `surgesim staff` may follow and overrides the script's own (the last one given wins).
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { type CliIo, isMain, processIo } from '../src/cli/index.js';
import { staffCommand } from '../src/cli/staff.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * The staffing question's flags: Hedong with the 119,246 people the report names (residents 119,246,
 * everyone comes), the deadline 6 h after the 19:00 opening, clerks searched before swabbers.
 *
 * @example
 * ```ts
 * await staffCommand([...QINGXU_STAFFING, '--marginal', '0'], processIo());
 * ```
 */
export const QINGXU_STAFFING: readonly string[] = [
  'qingxu',
  '--area',
  'hedong',
  '--roles',
  'clerks,swabbers',
  '--deadline',
  '6 h',
  '--set',
  'testing.hedong.residents=119246',
  '--set',
  'testing.hedong.turnout=1',
  '--variants',
  here('./staffing/qingxu-variants.json'),
];

/**
 * What one more person per point buys (10 paired replications) and the tornado over the ranges of
 * `staffing/qingxu-tornado.json` (6 paired replications per end), on the replayed evening.
 *
 * @example
 * ```ts
 * await staffCommand([...QINGXU_STAFFING, ...QINGXU_EFFECTS], processIo());
 * ```
 */
export const QINGXU_EFFECTS: readonly string[] = [
  '--marginal',
  '10',
  '--tornado',
  here('./staffing/qingxu-tornado.json'),
  '--tornado-replications',
  '6',
];

/**
 * Run the staffing question; flags after the script's own override them.
 *
 * @param argv - extra flags of `surgesim staff`
 * @param io - where to write
 * @returns the exit code: 0 success, 2 bad arguments (nothing ran), 1 a failed run
 * @example
 * ```ts
 * process.exitCode = await runStaffingScript(['--workers', '2']);
 * ```
 */
export function runStaffingScript(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo(),
): Promise<number> {
  return staffCommand([...QINGXU_STAFFING, ...QINGXU_EFFECTS, ...argv], io);
}

if (isMain(import.meta)) process.exitCode = await runStaffingScript();

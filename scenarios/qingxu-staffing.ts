/**
 * The least registration clerks and swabbers that finish Hedong's 119,246 people in six hours with
 * 95 % confidence — as it was, with QR pre-registration, and with village time slots — the
 * hour-by-hour bottleneck of the replayed evening, what one more person in each role buys, and how
 * sensitive the evening is to its uncertain parameters (tornado).
 *
 * ```sh
 * npx tsx scenarios/qingxu-staffing.ts                 # everything, a few minutes
 * npx tsx scenarios/qingxu-staffing.ts --only qr --seed 3 --max-replications 120
 * npx tsx scenarios/qingxu-staffing.ts --scale 0.1     # a tenth of Hedong, quick
 * npx tsx scenarios/qingxu-staffing.ts --json --out out/staffing   # JSON, tornado charts (SVG, PNG)
 * ```
 *
 * @module
 */
import { parseArgs } from 'node:util';
import {
  type CliIo,
  isMain,
  parseDecimal,
  parseInteger,
  processIo,
  reportError,
  UsageError,
} from '../src/cli/index.js';
import { type PairedDifference, ParameterError, wilsonInterval } from '../src/index.js';
import { tornadoSpec } from '../src/report/index.js';
import { type OutputFolder, prepareOutputFolder } from '../src/report/outputFolder-node.js';
import {
  type EveningTornado,
  FIGURES,
  HedongRuns,
  type MarginalResult,
  marginalEvening,
  sensitivityEvening,
} from './staffing/effects.js';
import { planHedongStaffing, STAFFING_VARIANTS, type StaffingPlanResult } from './staffing/plan.js';

export {
  type EveningTornado,
  eveningParameters,
  FIGURES,
  HedongRuns,
  type MarginalResult,
  marginalEvening,
  type RoleEffect,
  sensitivityEvening,
} from './staffing/effects.js';
export { planHedongStaffing, STAFFING_VARIANTS, staffingBase } from './staffing/plan.js';

/**
 * Everything the command answers.
 *
 * @example
 * ```ts
 * const r: StaffingReport = { ...planHedongStaffing({ seed: 1, scale: 0.1 }), marginal: null, sensitivity: null };
 * ```
 */
export interface StaffingReport extends StaffingPlanResult {
  readonly marginal: MarginalResult | null;
  readonly sensitivity: ReturnType<typeof sensitivityEvening> | null;
}

const clock = (s: number): string => {
  const t = 19 * 3600 + s;
  return `${String(Math.floor(t / 3600) % 24).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`;
};

const signed = (x: number, digits: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** A paired effect as "+1.2 [+0.9, +1.5]", multiplied by `scale` (60: hours to minutes). */
function effect(e: PairedDifference, digits: number, scale = 1): string {
  const at = (x: number | null): string => (x === null ? '–' : signed(x * scale, digits));
  return `${at(e.mean)} [${at(e.lower)}, ${at(e.upper)}]`;
}

function formatTornado(t: EveningTornado, digits: number, scale: number, unit: string): string[] {
  const lines = [
    `  ${FIGURES[t.figure].label} (base ${(t.base * scale).toFixed(digits)} ${unit}); change at the low | high end, 95 % paired intervals:`,
  ];
  for (const r of t.rows)
    lines.push(
      `    ${r.name.padEnd(22)} ${r.range.padEnd(40)} ${effect(r.low, digits, scale)} | ${effect(r.high, digits, scale)}`,
    );
  return lines;
}

/**
 * The result as text.
 *
 * @example
 * ```ts
 * console.log(formatStaffing({ ...planHedongStaffing({ seed: 1, scale: 0.1 }), marginal: null, sensitivity: null }));
 * ```
 */
export function formatStaffing(r: StaffingReport): string {
  const lines: string[] = [
    `Least staff to finish Hedong in ${r.deadline / 3600} h with P ≥ ${r.target} (95 % Wilson interval must clear it)`,
  ];
  for (const p of r.plans) {
    const i = p.result.probability;
    lines.push(
      p.totals
        ? `  ${p.label}: ${p.result.plan?.clerks} clerks + ${p.result.plan?.swabbers} swabbers per point × ${p.points} points = ${p.totals.clerks} clerks, ${p.totals.swabbers} swabbers; P(done by 6 h) = ${i.estimate.toFixed(3)} [${i.lower.toFixed(3)}, ${i.upper.toFixed(3)}] from ${i.trials} replications; ${p.result.simulations} simulations (start ${p.estimate.clerks}/${p.estimate.swabbers} per point)`
        : `  ${p.label}: ${p.result.message}; ${p.result.simulations} simulations`,
    );
  }
  lines.push('Replayed evening, bottleneck by the hour (mean people queued before each stage):');
  for (const h of r.bottlenecks) {
    const s = Object.entries(h.stages)
      .map(([k, v]) => `${k} ${v.mean.toFixed(0)}`)
      .join(', ');
    lines.push(`  ${clock(h.start)}–${clock(h.end)}: ${h.bottleneck ?? 'none'} (${s})`);
  }
  const m = r.marginal;
  if (m) {
    lines.push(
      `What one more person per point buys on the replayed evening (${m.staff.clerks} clerks, ${m.staff.swabbers} swabbers, ${m.points} points; ${m.replications} paired replications, 95 % intervals):`,
    );
    for (const e of m.roles) {
      lines.push(
        `  +${e.added} ${e.role} (one per point): swabbed by 6 h ${effect(e.atDeadline, 0)} (base ${e.base.atDeadline.toFixed(0)}); last swab ${effect(e.lastSwab, 1, 60)} min (base ${clock(e.base.lastSwab * 3600)})`,
      );
      lines.push(
        `    swabbed per hour: ${e.perHour.map((h) => `${clock(h.start)} ${effect(h.effect, 0)}`).join('; ')}`,
      );
    }
  }
  const s = r.sensitivity;
  if (s) {
    lines.push(
      `Sensitivity of the replayed evening (${s.replications} paired replications per end; ranges and their basis in --json):`,
    );
    lines.push(...formatTornado(s.atDeadline, 0, 1, 'people'));
    lines.push(...formatTornado(s.lastSwab, 1, 60, 'min after 19:00'));
  }
  lines.push(`Simulations in all: ${r.simulations}`);
  return lines.join('\n');
}

const HELP = `Hedong, 13 April 2022 — least staff to finish in 6 h, bottlenecks, marginal staff, sensitivity

options:
  --seed S                        base seed (default 1)
  --only a,b                      variants to plan (${STAFFING_VARIANTS.map((v) => v.id).join(', ')}; default all)
  --target P                      probability to reach, in (0, 1) (default 0.95)
  --max-replications N            cap per staffing for the sequential rule (default 100)
  --batch N                       replications added at a time (default 20)
  --scale X                       share of Hedong's points and people kept, in (0, 1] (default 1)
  --marginal-replications N       paired replications for one more person per role (default 10; 0 skips)
  --sensitivity-replications N    paired replications per tornado end (default 6; 0 skips)
  --out DIR                       write staffing.json and the tornado charts (SVG and PNG) to DIR
                                  (new or empty; checked before the run, written whole at the end)
  --force                         with --out: replace an earlier surgesim output folder
  --json                          the result as JSON on stdout
  -h, --help                      this text`;

function parseNumber(text: string, flag: string, ok: (x: number) => boolean, expected: string): number {
  let x: number;
  try {
    x = parseDecimal(text, flag);
  } catch {
    throw new ParameterError(flag, expected, text);
  }
  if (!ok(x)) throw new ParameterError(flag, expected, text);
  return x;
}

/**
 * Run the staffing command line.
 *
 * @param argv - the arguments after the script name
 * @param io - where to write
 * @returns the exit code: 0 success, 2 bad arguments (nothing ran), 1 a failed run
 * @example
 * ```ts
 * process.exitCode = await runStaffingScript(['--scale', '0.1', '--only', 'qr']);
 * ```
 */
export async function runStaffingScript(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo(),
): Promise<number> {
  let debug = false;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        seed: { type: 'string' },
        only: { type: 'string' },
        target: { type: 'string' },
        'max-replications': { type: 'string' },
        batch: { type: 'string' },
        scale: { type: 'string' },
        'marginal-replications': { type: 'string' },
        'sensitivity-replications': { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
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
    // Every input is checked here, before the first simulation.
    const seed = values.seed === undefined ? 1 : parseInteger(values.seed, '--seed', 0);
    const scale =
      values.scale === undefined
        ? 1
        : parseNumber(values.scale, '--scale', (x) => x > 0 && x <= 1, 'a number in (0, 1]');
    const target =
      values.target === undefined
        ? 0.95
        : parseNumber(values.target, '--target', (x) => x > 0 && x < 1, 'a probability in (0, 1)');
    const batch = values.batch === undefined ? 20 : parseInteger(values.batch, '--batch', 1);
    const maxReplications =
      values['max-replications'] === undefined
        ? 100
        : parseInteger(values['max-replications'], '--max-replications', batch);
    const reachable = wilsonInterval(maxReplications, maxReplications).lower;
    if (target > reachable)
      throw new UsageError(
        `--target ${target} cannot be shown with --max-replications ${maxReplications}: even ${maxReplications} successes out of ${maxReplications} give a 95 % lower bound of ${reachable.toFixed(4)}`,
      );
    const known = STAFFING_VARIANTS.map((v) => v.id);
    const only = values.only
      ?.split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
    if (only !== undefined) {
      if (only.length === 0) throw new UsageError(`--only needs at least one of ${known.join(', ')}`);
      const unknown = only.filter((x) => !known.includes(x));
      if (unknown.length > 0)
        throw new UsageError(`--only: unknown variant ${unknown.join(', ')} (known: ${known.join(', ')})`);
    }
    const replications = (flag: string, text: string | undefined, fallback: number): number => {
      const n = text === undefined ? fallback : parseInteger(text, flag, 0);
      if (n === 1) throw new ParameterError(flag, '0 (skip) or a whole number ≥ 2', text);
      return n;
    };
    const marginalN = replications('--marginal-replications', values['marginal-replications'], 10);
    const sensitivityN = replications('--sensitivity-replications', values['sensitivity-replications'], 6);
    if (values.force && values.out === undefined)
      throw new UsageError('--force replaces an earlier output folder, so it needs --out DIR');
    const folder =
      values.out === undefined
        ? undefined
        : await prepareOutputFolder(values.out, { force: values.force === true, flag: '--out' });
    try {
      await runAndReport(io, values.json === true, folder, {
        seed,
        target,
        scale,
        batch,
        maxReplications,
        only,
        marginalN,
        sensitivityN,
      });
    } finally {
      await folder?.abort();
    }
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: 'qingxu-staffing', help: 'see --help', debug });
  }
}

/** The checked inputs of the command. */
interface StaffingInputs {
  readonly seed: number;
  readonly target: number;
  readonly scale: number;
  readonly batch: number;
  readonly maxReplications: number;
  readonly only: readonly string[] | undefined;
  readonly marginalN: number;
  readonly sensitivityN: number;
}

async function runAndReport(
  io: CliIo,
  json: boolean,
  folder: OutputFolder | undefined,
  { seed, target, scale, batch, maxReplications, only, marginalN, sensitivityN }: StaffingInputs,
): Promise<void> {
  const plan = planHedongStaffing({
    seed,
    target,
    scale,
    batch,
    maxReplications,
    ...(only !== undefined && { variants: only }),
  });
  // One cache: the tornado's base and its "5 clerks per point" end are the marginal runs.
  const runs = new HedongRuns();
  const marginal = marginalN > 0 ? marginalEvening({ seed, replications: marginalN, scale, runs }) : null;
  const sensitivity =
    sensitivityN > 0 ? sensitivityEvening({ seed, replications: sensitivityN, scale, runs }) : null;
  const report: StaffingReport = {
    ...plan,
    marginal,
    sensitivity,
    simulations: plan.simulations + runs.simulations,
  };
  io.out(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatStaffing(report)}\n`);
  if (folder !== undefined) {
    await writeOutputs(folder, report);
    for (const f of await folder.commit()) io.err(`wrote ${f}\n`);
  }
}

/** staffing.json and, when the sensitivity ran, a tornado chart per figure as SVG and PNG. */
async function writeOutputs(folder: OutputFolder, report: StaffingReport): Promise<void> {
  await folder.write('staffing.json', `${JSON.stringify(report, null, 2)}\n`);
  if (report.sensitivity) {
    // The renderer (vega, fonts) is loaded only when a chart is asked for.
    const { renderSvg, svgToPng } = await import('../src/report/node.js');
    const charts = [
      {
        t: report.sensitivity.atDeadline,
        title: 'change in people swabbed by 6 h',
        name: 'tornado-at-deadline',
      },
      { t: report.sensitivity.lastSwab, title: 'change in the last swab (h)', name: 'tornado-last-swab' },
    ];
    for (const c of charts) {
      const svg = await renderSvg(tornadoSpec(c.t.rows, c.title));
      await folder.write(`${c.name}.svg`, svg);
      await folder.write(`${c.name}.png`, svgToPng(svg).png);
    }
  }
}

if (isMain(import.meta)) process.exitCode = await runStaffingScript();

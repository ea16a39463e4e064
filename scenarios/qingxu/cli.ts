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
  type FigureSummary,
  formatFigure,
  formatScenarioTable,
  overrideFromAssignment,
  runScenario,
  type Scenario,
  type ScenarioChart,
  type ScenarioResult,
} from '../../src/experiment/index.js';
import { Epoch, ParameterError, SurgesimError } from '../../src/index.js';
import type { HtmlReport, ReportTable } from '../../src/report/index.js';
import { MissingFontError, writeHtmlReport } from '../../src/report/node.js';

const USAGE = `options:
  --replications N   replications (default 20)
  --seed S           base seed (default: drawn and printed)
  --set path=value   change a parameter, e.g. --set hedong.staff.swabbers=216 (repeatable)
  --json             print the result as JSON (seed, parameters, version, figures, metrics)
  --out DIR          write result.json, table.txt, the charts' vega-lite specs and report.html
                     (charts as SVG and PNG) to DIR
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
      const report = htmlReport(result as ScenarioResult<unknown, unknown>, charts);
      let note = '';
      try {
        await writeHtmlReport(args.out, report);
      } catch (e) {
        // Without the report fonts, PNGs cannot be drawn; the HTML keeps its inline SVG charts.
        if (!(e instanceof MissingFontError)) throw e;
        await writeHtmlReport(args.out, report, { png: false });
        note = ' (no PNGs: report fonts missing)';
      }
      io.err(`wrote result.json, table.txt, report.html and ${charts.length} charts to ${args.out}${note}\n`);
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

/**
 * The result as an HTML report: the reported-vs-simulated table, the planner metrics, the fitted
 * parameters and the assumptions, then the charts.
 *
 * @example
 * ```ts
 * await writeHtmlReport('out', htmlReport(result, scenario.charts?.(result) ?? []));
 * ```
 */
export function htmlReport(
  result: ScenarioResult<unknown, unknown>,
  charts: readonly ScenarioChart[],
): HtmlReport {
  const epoch = result.epoch ? new Epoch(result.epoch) : undefined;
  const pct = Math.round(result.interval * 100);
  const fmt = (f: FigureSummary, v: number | null) => formatFigure(v, f.unit, epoch);
  const interval = (f: FigureSummary) => (f.lower === null ? '–' : `${fmt(f, f.lower)} – ${fmt(f, f.upper)}`);
  const figures: ReportTable = {
    title: 'Reported figures against the simulation',
    columns: [
      'figure',
      'reported',
      'source',
      'simulated median',
      `${pct} % interval`,
      'median vs reported',
      'status',
    ],
    rows: result.figures.map((f) => [
      f.label,
      f.reported === null ? '–' : fmt(f, f.reported),
      f.source ?? '–',
      fmt(f, f.median),
      interval(f),
      f.relativeError === null
        ? '–'
        : `${f.relativeError >= 0 ? '+' : ''}${(100 * f.relativeError).toFixed(1)} %`,
      f.fitted ? `fitted: ${f.fitted}` : 'prediction',
    ]),
    note: 'fitted: a parameter was fitted to the figure (or the figure is an input read back), so it checks the fit rather than the model. Clock percentages are relative to the time since the scenario epoch.',
  };
  const metrics: ReportTable = {
    title: 'Planner metrics',
    columns: ['metric', 'median', `${pct} % interval`],
    rows: result.metrics.map((f) => [f.label, fmt(f, f.median), interval(f)]),
  };
  const fitted: ReportTable = {
    title: 'Fitted parameters',
    columns: ['parameter', 'fitted to, and how'],
    rows: Object.entries(result.fitted).map(([k, v]) => [k, v]),
  };
  const assumed: ReportTable = {
    title: 'Assumptions',
    columns: ['parameter', 'assumption and range considered'],
    rows: Object.entries(result.assumptions).map(([k, v]) => [k, v]),
  };
  return {
    title: result.title,
    subtitle: `${result.replications} replications, seed ${result.seed}, surgesim ${result.version}`,
    identity: {
      seed: result.seed,
      version: result.version,
      replications: result.replications,
      scenario: result.scenario,
    },
    parameters: result.parameters as Record<string, unknown>,
    tables: [figures, metrics, fitted, assumed],
    charts: charts.map((c) => ({ ...c })),
  };
}

/**
 * The benchmark suite. `npm run bench` runs the full suite; `npm run bench:ci` a short one that fails
 * when a ratio falls more than 30 % below the checked-in baseline (bench/baseline.json).
 *
 * Each row (bench/rows.ts) runs in its own child process (bench/row.ts), which measures the bare
 * hand-written loop first and divides every speed by it, and reports the process's peak resident
 * memory (getrusage maxRSS: main thread plus worker threads). Results: a table on stdout and one JSON
 * object per measure in `.bench-results/bench-{full,ci}.json`.
 *
 * Flags: `--ci` (short run + gate), `--json` (print the JSON instead of the table), `--only=a,b` (run
 * these rows), `--big-city-monitors` (sites' monitors on in the big-city day), `--update-baseline`
 * (write the measured ratios of the CI rows to bench/baseline.json; only on purpose, with the reason
 * in the commit).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measure, RowResult } from './harness.js';
import { CI_ROWS, ROWS } from './rows.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const args = new Set(argv);
const ci = args.has('--ci');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const rows = only ?? (ci ? CI_ROWS : Object.keys(ROWS));
const passOn = argv.filter((a) => a === '--ci' || a === '--big-city-monitors');

/** One line of the JSON output: a measure with its row's yardstick and memory. */
interface Line extends Measure {
  readonly row: string;
  readonly bareCustomersPerSecond: number;
  readonly peakRssMiB: number;
  /** The peak was measured in a process that ran earlier rows too (bench:ci). */
  readonly peakShared: boolean;
  readonly startRssMiB: number;
  readonly rowWallSeconds: number;
}

/** Run rows in one child process (one row per process unless `--ci`) and parse its JSON lines. */
function runRows(ids: readonly string[]): RowResult[] {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'row.ts'), ids.join(','), ...passOn],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 2 ** 24 },
  );
  if (child.status !== 0)
    throw new Error(`bench rows ${ids.join(',')} failed (exit ${child.status ?? child.signal})`);
  return child.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as RowResult);
}

const digits = (m: Measure) => (m.unit === '×' || m.unit === '%' || m.value < 100 ? 2 : 0);
const ratioText = (r: number | undefined) =>
  r === undefined ? '' : r >= 0.01 ? r.toFixed(3) : r.toExponential(2);
const fmt = (l: Line) =>
  `${l.name.padEnd(86)} ${l.value.toLocaleString('en-US', { maximumFractionDigits: digits(l) }).padStart(12)} ${l.unit.padEnd(14)} ${ratioText(l.ratio).padStart(9)} ${l.peakRssMiB.toFixed(0).padStart(7)}${l.target ? `  ${l.target}: ${l.met ? 'met' : 'NOT met'}` : ''}`;

if (!args.has('--json'))
  console.log(
    `${'measure'.padEnd(86)} ${'value'.padStart(12)} ${'unit'.padEnd(14)} ${'÷ bare'.padStart(9)} ${'RSS MiB'.padStart(7)}`,
  );
const lines: Line[] = [];
// A child process per row, so each row's peak memory is its own; bench:ci runs its rows in one child
// (about 2 s of start-up per child saved, within the one-minute budget; memory is not gated).
const batches = ci ? [rows] : rows.map((id) => [id]);
for (const batch of batches) {
  for (const r of runRows(batch))
    for (const m of r.measures) {
      const line: Line = {
        row: r.row,
        ...m,
        bareCustomersPerSecond: m.bare ?? r.bareCustomersPerSecond,
        peakRssMiB: r.peakRssMiB,
        peakShared: r.peakShared,
        startRssMiB: r.startRssMiB,
        rowWallSeconds: r.wallSeconds,
      };
      lines.push(line);
      if (!args.has('--json')) console.log(fmt(line));
    }
}
const result = {
  date: new Date().toISOString(),
  node: process.version,
  mode: ci ? 'ci' : 'full',
  measures: lines,
};
if (args.has('--json')) console.log(JSON.stringify(result, null, 2));
mkdirSync(join(here, '..', '.bench-results'), { recursive: true });
writeFileSync(
  join(here, '..', '.bench-results', `bench-${result.mode}.json`),
  JSON.stringify(result, null, 2),
);

// ------------------------------------------------------------------ regression gate on ratios
const baselinePath = join(here, 'baseline.json');
const ratios = Object.fromEntries(lines.filter((l) => l.ratio !== undefined).map((l) => [l.name, l.ratio!]));
if (args.has('--update-baseline')) {
  writeFileSync(
    baselinePath,
    `${JSON.stringify({ note: 'ratios to the bare loop (bench:ci sizes); update only on purpose', ratios }, null, 2)}\n`,
  );
  console.log(`baseline written to ${baselinePath}`);
} else if (ci && only === undefined) {
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as { ratios: Record<string, number> };
  const failures: string[] = [];
  for (const [name, ref] of Object.entries(baseline.ratios)) {
    const now = ratios[name];
    if (now === undefined) failures.push(`${name}: not measured`);
    else if (now < ref * 0.7)
      failures.push(
        `${name}: ratio ${ratioText(now)} is more than 30 % below the baseline ${ratioText(ref)}`,
      );
  }
  if (failures.length > 0) {
    console.error(`benchmark gate FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `benchmark gate: all ${Object.keys(baseline.ratios).length} ratios within 30 % of the baseline`,
  );
}

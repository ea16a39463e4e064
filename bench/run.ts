/**
 * The benchmark suite. `npm run bench` runs the full suite; `npm run bench:ci` a short one that fails
 * when a ratio falls more than 30 % below the checked-in baseline (bench/baseline.json).
 *
 * Every speed is also given as a ratio to the bare hand-written loop measured in the same process,
 * because absolute times on shared machines are noise; ratios travel across machines.
 *
 * Flags: `--ci` (short run + gate), `--json` (print the results as JSON), `--update-baseline` (write
 * the measured ratios to bench/baseline.json; do this only on purpose, and say why in the commit).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareLoop, callbackModel, generatorModel, type MmcOutcome, type MmcParams } from './mm10.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const ci = args.has('--ci');
const gc = (globalThis as { gc?: () => void }).gc;

interface Measure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Ratio to the bare loop (higher is better), when the measure is a speed. */
  readonly ratio?: number;
  readonly target?: string;
  readonly met?: boolean;
}

/** Median wall time (ms) of `repeats` runs after one warm-up run. */
function time(fn: () => MmcOutcome, repeats: number): { ms: number; outcome: MmcOutcome } {
  let outcome = fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    gc?.();
    const t0 = performance.now();
    outcome = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, outcome };
}

/** Heap bytes held per waiting customer, measured mid-run under overload. */
function memoryPerWaiting(model: (p: MmcParams) => MmcOutcome, p: MmcParams): number {
  if (!gc) return Number.NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const outcome = model(p);
  gc();
  const after = process.memoryUsage().heapUsed;
  const waiting = outcome.waitingAtStop ?? 0;
  // Keep the model alive until measured.
  if (outcome.state === undefined || waiting === 0) return Number.NaN;
  return (after - before) / waiting;
}

const customers = ci ? 300_000 : 2_000_000;
const repeats = ci ? 3 : 5;
const base: MmcParams = { customers, servers: 10, rho: 0.9, seed: 1 };
const overload: MmcParams = { ...base, rho: 1.1 };

const measures: Measure[] = [];
const rate = (ms: number) => (customers / ms) * 1000;

const bare = time(() => bareLoop(base), repeats);
const cb = time(() => callbackModel(base), repeats);
const gen = time(() => generatorModel(base), repeats);
if (Math.abs(bare.outcome.meanWait - gen.outcome.meanWait) > 1e-9 * Math.max(1, bare.outcome.meanWait))
  throw new Error(
    `bare loop and generator model disagree: ${bare.outcome.meanWait} vs ${gen.outcome.meanWait}`,
  );
const bareRate = rate(bare.ms);
measures.push({ name: 'M/M/10 ρ=0.9 bare loop', value: bareRate, unit: 'customers/s', ratio: 1 });
measures.push({
  name: 'M/M/10 ρ=0.9 callback API',
  value: rate(cb.ms),
  unit: 'customers/s',
  ratio: rate(cb.ms) / bareRate,
  target: '≥ 0.67 of bare',
  met: rate(cb.ms) / bareRate >= 2 / 3,
});
measures.push({
  name: 'M/M/10 ρ=0.9 generator API',
  value: rate(gen.ms),
  unit: 'customers/s',
  ratio: rate(gen.ms) / bareRate,
  target: '≥ 0.33 of bare',
  met: rate(gen.ms) / bareRate >= 1 / 3,
});

const cbOver = time(() => callbackModel(overload), repeats);
const genOver = time(() => generatorModel(overload), repeats);
const cbCost = cbOver.ms / cb.ms;
const genCost = genOver.ms / gen.ms;
measures.push({
  name: `M/M/10 ρ=1.1 callback cost per customer vs ρ=0.9 (peak queue ${cbOver.outcome.peakQueue})`,
  value: cbCost,
  unit: '×',
  target: '≤ 1.3',
  met: cbCost <= 1.3,
});
measures.push({
  name: `M/M/10 ρ=1.1 generator cost per customer vs ρ=0.9 (peak queue ${genOver.outcome.peakQueue})`,
  value: genCost,
  unit: '×',
  target: '≤ 1.3',
  met: genCost <= 1.3,
});
const stopAt = (customers / (overload.rho * overload.servers)) * 0.95;
const memCb = memoryPerWaiting(callbackModel, { ...overload, stopAt });
const memGen = memoryPerWaiting(generatorModel, { ...overload, stopAt });
measures.push({
  name: 'memory per waiting customer, callback API',
  value: memCb,
  unit: 'bytes',
  target: '≤ 300',
  met: memCb <= 300,
});
measures.push({ name: 'memory per waiting customer, generator API', value: memGen, unit: 'bytes' });

// Cost of the standard monitors: the same model in a Simulation with monitors on and off. The two are
// run in alternation and the overhead is the median of the paired ratios, so that a garbage collection
// or a deoptimisation landing in one run does not decide the figure (a run of all-on then all-off gave
// anything from -50 % to +270 % on the shared machine).
function monitorOverhead(model: (p: MmcParams) => MmcOutcome): number {
  const on = { ...base, monitors: true };
  const off = { ...base, monitors: false };
  model(on);
  model(off);
  const ratios: number[] = [];
  for (let i = 0; i < 2 * repeats + 1; i++) {
    const first = i % 2 === 0 ? on : off;
    const second = first === on ? off : on;
    gc?.();
    const t0 = performance.now();
    model(first);
    const t1 = performance.now();
    gc?.();
    const t2 = performance.now();
    model(second);
    const t3 = performance.now();
    const [tOn, tOff] = first === on ? [t1 - t0, t3 - t2] : [t3 - t2, t1 - t0];
    ratios.push(tOn / tOff);
  }
  ratios.sort((a, b) => a - b);
  return ratios[repeats]! - 1;
}
for (const [api, model] of [
  ['generator', generatorModel],
  ['callback', callbackModel],
] as const) {
  const overhead = monitorOverhead(model);
  measures.push({
    name: `M/M/10 ρ=0.9 ${api} API, overhead of the default monitors`,
    value: overhead * 100,
    unit: '%',
    target: '≤ 20 %',
    met: overhead <= 0.2,
  });
}

// ------------------------------------------------------------------ report
const fmt = (m: Measure) =>
  `${m.name.padEnd(72)} ${m.value.toLocaleString('en-US', { maximumFractionDigits: m.unit === '×' ? 2 : m.unit === '%' ? 1 : 0 }).padStart(12)} ${m.unit.padEnd(12)}${m.ratio !== undefined ? ` ratio ${m.ratio.toFixed(2)}` : '           '}${m.target ? `  target ${m.target}: ${m.met ? 'met' : 'NOT met'}` : ''}`;
const result = {
  date: new Date().toISOString(),
  node: process.version,
  mode: ci ? 'ci' : 'full',
  customers,
  measures,
};
if (args.has('--json')) console.log(JSON.stringify(result, null, 2));
else for (const m of measures) console.log(fmt(m));
mkdirSync(join(here, '..', '.bench-results'), { recursive: true });
writeFileSync(
  join(here, '..', '.bench-results', `bench-${result.mode}.json`),
  JSON.stringify(result, null, 2),
);

// ------------------------------------------------------------------ regression gate on ratios
const baselinePath = join(here, 'baseline.json');
const ratios = Object.fromEntries(
  measures.filter((m) => m.ratio !== undefined && m.ratio !== 1).map((m) => [m.name, m.ratio!]),
);
if (args.has('--update-baseline')) {
  writeFileSync(
    baselinePath,
    `${JSON.stringify({ note: 'ratios to the bare loop; update only on purpose', ratios }, null, 2)}\n`,
  );
  console.log(`baseline written to ${baselinePath}`);
} else if (ci) {
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as { ratios: Record<string, number> };
  const failures: string[] = [];
  for (const [name, ref] of Object.entries(baseline.ratios)) {
    const now = ratios[name];
    if (now === undefined) failures.push(`${name}: not measured`);
    else if (now < ref * 0.7)
      failures.push(
        `${name}: ratio ${now.toFixed(3)} is more than 30 % below the baseline ${ref.toFixed(3)}`,
      );
  }
  if (failures.length > 0) {
    console.error(`benchmark gate FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('benchmark gate: all ratios within 30 % of the baseline');
}

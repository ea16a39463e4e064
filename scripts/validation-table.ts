/**
 * The validation table of docs/validation.md: every spec in campaigns/validation run with the
 * Qingxu-derived rates as written (no refitting), `REPS` replications (default 20) at seed 1.
 * Prints one markdown row per spec (or per spec whose file name starts with an argument). Run:
 * `npx tsx scripts/validation-table.ts [hong-kong …]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { campaignScenario } from '../models/campaign/index.js';
import { runScenario } from '../src/index.js';

const dir = new URL('../campaigns/validation/', import.meta.url);
const reps = Number(process.env.REPS ?? 20);
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))]!;
};
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
console.log(
  '| spec | reported | predicted median [5–95 %] | error | capacity-limited | capacity ÷ reported | hours capacity / demand (median) |',
);
console.log('|---|---:|---:|---:|---:|---:|---|');
const only = process.argv.slice(2);
const wanted = (f: string) => only.length === 0 || only.some((o) => f.startsWith(o));
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.startsWith('qingxu') && wanted(f))
  .sort()) {
  const spec = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  const r = runScenario(campaignScenario(spec), { replications: reps, seed: 1 });
  const f = r.figures[0]!;
  const v = (r.values[f.id] ?? []).filter((x): x is number => x !== null);
  const cap = (r.values['capacity.tested'] ?? []).filter((x): x is number => x !== null);
  const ch = (r.values['sites.capacityHours'] ?? []).filter((x): x is number => x !== null);
  const dh = (r.values['sites.demandHours'] ?? []).filter((x): x is number => x !== null);
  const med = q(v, 0.5);
  const rep = f.reported!;
  console.log(
    `| ${file.replace('.json', '')} | ${fmt(rep)} | ${fmt(med)} [${fmt(q(v, 0.05))}–${fmt(q(v, 0.95))}] | ${(((med - rep) / rep) * 100).toFixed(1)} % | ${fmt(q(cap, 0.5))} | ${(q(cap, 0.5) / rep).toFixed(1)}× | ${q(ch, 0.5)} / ${q(dh, 0.5)} |`,
  );
}

/**
 * The Qingxu replay before and after the calling model: figure medians of both specs, Hedong's
 * binding constraint hour by hour, and the charts docs/validation-hedong-*.png (rendered with the
 * report code). Run: `npx tsx scripts/validation-hedong.ts` (REPS replications, default 5).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bindingSpec } from '../models/campaign/charts.js';
import { campaignScenario } from '../models/campaign/index.js';
import { runScenario } from '../src/index.js';
import { renderPng } from '../src/report/render-node.js';

const reps = Number(process.env.REPS ?? 5);
const specs = {
  before: '../campaigns/qingxu-2022-04-13.json',
  after: '../campaigns/validation/qingxu-2022-04-13-demand.json',
};
const med = (xs: readonly (number | null)[]) => {
  const s = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : null;
};
for (const [which, path] of Object.entries(specs)) {
  const spec = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
  const r = runScenario(campaignScenario(spec), { replications: reps, seed: 1, keepRuns: true });
  console.log(`## ${which}`);
  for (const f of [...r.figures, ...(r.metrics ?? [])])
    if (f.id.startsWith('hedong') || f.id.startsWith('binding.hedong') || f.id === 'staffHours.hedong')
      console.log(
        `${f.id}\t${med(r.values[f.id] ?? [])}\t${f.reported ?? ''}\t${f.fitted ? 'fitted/check' : ''}`,
      );
  const k = r.runs!.findIndex(
    (x) => x.testing.hedong!.testedAtDeadline === med(r.values['hedong.tested6h']!),
  );
  const run = r.runs[Math.max(0, k)]!;
  const hedong = run.testing.hedong!;
  for (const h of hedong.binding.hours)
    console.log(
      `hour ${new Date((h.start + 1.5 * 3600) * 1000).toISOString().slice(11, 16)}\t${h.state}\t${h.role ?? ''}\tarrived ${h.arrived}\t` +
        Object.entries(h.roles)
          .map(
            ([role, x]) =>
              `${role} sat ${(x.saturated * 100).toFixed(0)}% busy ${((x.utilisation ?? 0) * 100).toFixed(0)}% wait ${Math.round(x.waiting)}`,
          )
          .join('; '),
    );
  if (hedong.demand) console.log('demand', JSON.stringify(hedong.demand));
  const png = await renderPng(
    bindingSpec(
      `Hedong, ${which === 'before' ? 'one call at 19:00' : 'called in waves'}: which constraint bound`,
      spec.epoch,
      hedong.binding,
    ) as never,
  );
  writeFileSync(new URL(`../docs/validation-hedong-${which}.png`, import.meta.url), png.png);
}

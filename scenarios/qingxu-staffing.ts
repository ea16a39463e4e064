/**
 * The least registration clerks and swabbers that finish Hedong's 119,246 people in six hours with
 * 95 % confidence — as it was, with QR pre-registration, and with village time slots — and the
 * hour-by-hour bottleneck of the replayed evening.
 *
 * ```sh
 * npx tsx scenarios/qingxu-staffing.ts                 # all three variants
 * npx tsx scenarios/qingxu-staffing.ts --only qr --seed 3 --max-replications 120
 * npx tsx scenarios/qingxu-staffing.ts --scale 0.1     # a tenth of Hedong, quick
 * npx tsx scenarios/qingxu-staffing.ts --json
 * ```
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { isMain } from '../src/cli/index.js';
import { planHedongStaffing, type StaffingPlanResult } from './staffing/plan.js';

export { planHedongStaffing, STAFFING_VARIANTS, staffingBase } from './staffing/plan.js';

const clock = (s: number): string => {
  const t = 19 * 3600 + s;
  return `${String(Math.floor(t / 3600) % 24).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`;
};

/**
 * The result as text.
 *
 * @example
 * ```ts
 * console.log(formatStaffing(planHedongStaffing({ seed: 1, scale: 0.1 })));
 * ```
 */
export function formatStaffing(r: StaffingPlanResult): string {
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
  lines.push(`Simulations in all: ${r.simulations}`);
  return lines.join('\n');
}

if (isMain(import.meta)) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
      'max-replications': { type: 'string', default: '100' },
      batch: { type: 'string', default: '20' },
      scale: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const r = planHedongStaffing({
    seed: Number(values.seed),
    ...(values.only !== undefined && { variants: values.only.split(',') }),
    maxReplications: Number(values['max-replications']),
    batch: Number(values.batch),
    scale: Number(values.scale),
  });
  process.stdout.write(values.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatStaffing(r)}\n`);
}

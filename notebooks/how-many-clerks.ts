// Notebook source: `node scripts/notebooks.mjs build` turns this file into how-many-clerks.ipynb.

// %% [markdown]
// # How many registration clerks do we need?
//
// Hedong had to test 119,246 people at 50 sampling points within six hours (F14), and registration — a
// clerk checking each person's code or ID card, or filling in the form for those who cannot — was the
// hardest part (F13). The replay (`scenarios/qingxu-2022-04-13.ts`) fits 4 clerks per point to the
// reported finish "after 6 h". A planner asks the question the other way round: **what is the least
// number of clerks per point that finishes everyone within six hours with probability at least 0.95?**
// And does QR pre-registration change the answer?
//
// The method, from `src/planning`:
//
// 1. a throughput bound as the starting estimate: the registration work of one point's people divided by
//    six hours — fewer clerks than this cannot finish even if nobody ever waited;
// 2. `leastStaff`: each staffing level is decided by a sequential rule (batches of 20 replications until
//    the 95 % Wilson interval of P(finished in 6 h) lies wholly above or below 0.95), searching down
//    and up from the estimate. Every level uses the same replication seeds (common random numbers), so
//    levels differ by staff, not by luck.
//
// **Reduced size.** To execute in seconds, this notebook plans a tenth of Hedong (5 points, the same
// people per point). Points share no staff or queues, but "everyone finished" is the last swab over all
// points, and the slowest of 5 points is a little faster than the slowest of 50: the reduced answer can
// be optimistic near the boundary. The full-size search is `npx tsx scenarios/qingxu-staffing.ts`.

// %%
import { runHedong } from '../scenarios/qingxu/index.ts';
import { SIX_HOURS, STAFFING_VARIANTS, staffingBase } from '../scenarios/staffing/plan.ts';
import { type LeastStaffResult, leastStaff } from '../src/index.ts';
import { renderPng } from '../src/report/node.ts';

const base = staffingBase(0.1);
const perPoint = base.population / base.points;
`${base.points} points, ${base.population.toLocaleString('en')} people (${Math.round(perPoint)} per point), ${base.staff.swabbers} swabbers in all`;

// %% [markdown]
// ## The throughput bound
//
// Registration times (uniform, from the replay's parameters): QR code 5–8 s, ID card 20–40 s, assisted
// 60–180 s. The share of each person type gives the mean work per person; one point's people times that
// work, over six hours, is the least number of clerks that could possibly finish.

// %%
const seconds = (s: string): number => Number.parseFloat(s); // the replay writes these as '20 s'
const meanOf = (d: { min: string; max: string }): number => (seconds(d.min) + seconds(d.max)) / 2;
type Hedong = typeof base;
const registrationWork = (h: Hedong): number => {
  const r = h.registration as unknown as Record<'qr' | 'id' | 'assisted', { min: string; max: string }>;
  return h.mix.qr * meanOf(r.qr) + h.mix.id * meanOf(r.id) + h.mix.assisted * meanOf(r.assisted);
};
const variants = STAFFING_VARIANTS.filter((v) => v.id === 'as-it-was' || v.id === 'qr').map((v) => {
  const h = v.apply(base);
  const work = registrationWork(h);
  const bound = (perPoint * work) / SIX_HOURS;
  return { id: v.id, label: v.label, h, work, bound };
});
console.table(
  variants.map((v) => ({
    variant: v.label,
    'QR / ID / assisted': `${v.h.mix.qr} / ${v.h.mix.id.toFixed(3)} / ${v.h.mix.assisted}`,
    'mean registration, s': v.work.toFixed(1),
    'bound, clerks per point': v.bound.toFixed(2),
  })),
);

// %% [markdown]
// Assisted registration is a fifth of the people but about two thirds of the clerks' work, so moving
// the ID-card holders to QR codes lowers the bound by less than one might hope.
//
// ## The least clerks, by simulation
//
// One replication runs the reduced Hedong evening (people arriving within 3 h of 19:00, check →
// registration → swab at every point) with `clerks × points` clerks and the replay's swabbers, and
// succeeds when everyone is swabbed within six hours of the opening.

// %%
const plans: { id: string; label: string; bound: number; result: LeastStaffResult }[] = [];
for (const v of variants) {
  const result = leastStaff({
    trial: (clerks, seed) => {
      const r = runHedong(
        { ...v.h, staff: { ...v.h.staff, clerks: clerks * v.h.points } },
        { seed, monitors: false },
      );
      return r.tested === r.population && r.finish !== null && r.finish <= SIX_HOURS;
    },
    target: 0.95,
    min: 1,
    max: 12,
    start: Math.ceil(v.bound),
    seed: 1,
    batch: 20,
    maxReplications: 200,
  });
  plans.push({ id: v.id, label: v.label, bound: v.bound, result });
}
console.table(
  plans.flatMap((p) =>
    p.result.path.map((c) => ({
      variant: p.id,
      'clerks per point': c.staff,
      verdict: c.verdict,
      'P(done in 6 h)': c.probability.estimate.toFixed(3),
      '95% Wilson interval': `[${c.probability.lower.toFixed(3)}, ${c.probability.upper.toFixed(3)}]`,
      replications: c.probability.trials,
    })),
  ),
);
plans.map((p) => `${p.label}: ${p.result.message}`).join('\n');

// %% [markdown]
// Each row is one staffing level the search decided, in the order tried. A level **meets** the target
// when the whole interval is above 0.95 and **misses** when it is wholly below; the answer is the least
// level that meets it with the level below missing. The chart shows the same.

// %%
const points = plans.flatMap((p) =>
  p.result.path.map((c) => ({
    variant: p.label,
    clerks: c.staff,
    p: c.probability.estimate,
    lower: c.probability.lower,
    upper: c.probability.upper,
  })),
);
// Ordinal x so that the two variants sit side by side at each level (xOffset); the target line is a
// layer of its own, without these channels, so it spans the whole width.
const levels = {
  x: { field: 'clerks', type: 'ordinal', title: 'registration clerks per point', axis: { labelAngle: 0 } },
  xOffset: { field: 'variant' },
  color: { field: 'variant', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 320 } },
} as const;
const chart = await renderPng({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: {
    text: 'Hedong (a tenth): P(everyone swabbed within 6 h) by clerks per point',
    subtitle: 'points: estimate; whiskers: 95 % Wilson interval; dashed: the 0.95 target',
  },
  width: 420,
  height: 240,
  data: { values: points },
  layer: [
    {
      mark: { type: 'rule', strokeWidth: 2 },
      encoding: {
        ...levels,
        y: { field: 'lower', type: 'quantitative', title: 'probability' },
        y2: { field: 'upper' },
      },
    },
    {
      mark: { type: 'point', filled: true, size: 60 },
      encoding: { ...levels, y: { field: 'p', type: 'quantitative', scale: { domain: [0, 1] } } },
    },
    {
      data: { values: [{ target: 0.95 }] },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#b2182b' },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    },
  ],
});
Deno.jupyter.image(chart.png);

// %% [markdown]
// ## Checks
//
// The notebook fails (and CI with it) if a plan is infeasible within 1–12 clerks, if a plan is below
// its throughput bound (impossible: it would mean clerks working more than six hours each), or if QR
// pre-registration, which only shortens registrations, needs more clerks than the evening as it was.

// %%
const [asItWas, qr] = plans;
if (!asItWas || !qr) throw new Error('expected two plans');
for (const p of plans) {
  if (!p.result.feasible || p.result.staff === null) throw new Error(`${p.id}: ${p.result.message}`);
  if (p.result.staff < Math.ceil(p.bound))
    throw new Error(`${p.id}: ${p.result.staff} clerks is below the throughput bound ${p.bound.toFixed(2)}`);
}
if ((qr.result.staff ?? 0) > (asItWas.result.staff ?? 0))
  throw new Error(
    `QR pre-registration needs more clerks (${qr.result.staff}) than as it was (${asItWas.result.staff})`,
  );
Deno.jupyter.md`**Answer (a tenth of Hedong):** ${asItWas.result.staff} clerks per point as it was
(${(asItWas.result.staff ?? 0) * 50} for Hedong's 50 points; the replay had 4), ${qr.result.staff} with QR
pre-registration. ${plans.reduce((n, p) => n + p.result.simulations, 0)} simulated evenings.`;

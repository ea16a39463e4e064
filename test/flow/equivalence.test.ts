/**
 * The Qingxu sampling point written as a flow (bench/flow-site.ts) against the hand-written
 * `SamplingSiteModel` on the same input.
 *
 * - Exactly, on deterministic input (constant times, arrivals at fixed times with ties, one person
 *   type): the same waits at every stage, person by person in sum and maximum, the same tubes, and
 *   times in system that differ by exactly what the flow counts and the model does not — the filler
 *   of a tube leaves after sealing it (`hold`), while the model's sojourn ends with the swab.
 * - In distribution, on the default site with everyone arriving in one hour (random times, three
 *   person types): the flow draws from
 *   other streams, so runs differ, but over SEEDS seeds each the mean registration wait and the mean
 *   last swab must agree within a 99.9 % Welch interval of the difference, and that interval must be
 *   narrow (≤ 5 % of the mean for the last swab, ≤ 12 % for waits and times in system; a pilot of
 *   20 seeds gave 3 % and 10 %) for the check to mean anything. The last person swabbed fills the
 *   last tube (2,500 is a multiple of the pool), so the flow's last exit is the last swab plus one
 *   tube change: E[tubeChange] (25 s) is subtracted.
 */
import { describe, expect, it } from 'vitest';
import { installPointFlow } from '../../bench/flow-site.js';
import {
  PERSON_TYPES,
  resolveSite,
  type SamplingSiteInput,
  samplingSite,
} from '../../models/sampling-site.js';
import { Simulation, studentTQuantile, Tally } from '../../src/index.js';

const STAGES = ['check', 'registration', 'swab'] as const;

function both(input: SamplingSiteInput, seed: number) {
  const hand = new Simulation({ seed });
  const model = samplingSite(input).install(hand);
  hand.run();
  const sim = new Simulation({ seed });
  const tubes: [number, number][] = [];
  const flow = installPointFlow(sim, resolveSite(input), (t, size) => tubes.push([t, size]));
  sim.run();
  return { model, flow, tubes };
}

const merged = (ts: readonly Tally[]) => ts.reduce((all, t) => all.merge(t), new Tally('all'));

describe('the Qingxu point as a flow agrees with the hand-written site', () => {
  const times = Array.from({ length: 205 }, (_, k) => Math.floor(k / 4) * 7);
  const deterministic = (extra: SamplingSiteInput): SamplingSiteInput => ({
    population: 205,
    arrivals: { process: 'scheduled', times },
    checkTime: 5,
    registration: { qr: 6, id: 30, assisted: 40 },
    swabTime: 12,
    tubeChange: 25,
    pool: 10,
    marshals: 1,
    clerks: 2,
    swabbers: 1,
    ...extra,
  });

  for (const [label, extra, type] of [
    ['one lane, QR codes', { mix: { qr: 1, id: 0, assisted: 0 } }, 'qr'],
    [
      'an assisted lane (branch by type)',
      { mix: { qr: 0, id: 0, assisted: 1 }, assistedClerks: 1 },
      'assisted',
    ],
  ] as const) {
    it(`exactly on deterministic input: ${label}`, () => {
      const { model, flow, tubes } = both(deterministic(extra), 1);
      expect(model.tested).toBe(205);
      expect(flow.accounting().left.tested).toBe(205);
      for (const stage of STAGES) {
        const a = model.waits[stage][type];
        const b = flow.waits(stage);
        expect([b.count, b.sum, b.max], stage).toEqual([a.count, a.sum, a.max]);
        expect(flow.waitsBy(stage, 'type')[type]!.sum).toBe(a.sum);
      }
      // 20 full tubes and one of 5, flushed when the last person has left.
      expect(tubes.length).toBe(model.tubesSealed);
      expect(tubes.filter(([, size]) => size < 10).length).toBe(model.partialTubes);
      expect(tubes.at(-1)).toEqual([flow.lastExit('tested'), 5]);
      // Each filler's time in system includes its 25 s seal; the model's sojourn ends at the swab.
      const fillers = tubes.filter(([, size]) => size === 10).length;
      expect(flow.timeInSystem('tested').sum).toBeCloseTo(model.sojourn[type].sum + 25 * fillers, 6);
      // The 205th swab does not fill a tube: the last exit is the last swab.
      expect(flow.lastExit('tested')).toBe(model.lastSwab);
    });
  }

  const SEEDS = 20;
  const LEVEL = 0.999;
  it(`in distribution on a surge (${SEEDS} seeds each)`, () => {
    // Everyone within the first hour: registration is the queue (waits of half an hour), so its
    // mean varies little between seeds relative to its size and the check has power.
    const input: SamplingSiteInput = { population: 2500, arrivals: { kind: 'call', at: 0, within: 3600 } };
    const tubeChange = resolveSite(input).tubeChange.mean;
    const rows = Array.from({ length: SEEDS }, (_, k) => {
      const { model, flow } = both(input, 1000 + k);
      expect(flow.accounting().left.tested).toBe(2500);
      return {
        handLast: model.lastSwab,
        flowLast: flow.lastExit('tested')! - tubeChange,
        handReg: merged(PERSON_TYPES.map((t) => model.waits.registration[t])).mean!,
        flowReg: flow.waits('registration').mean!,
        handTis: merged(PERSON_TYPES.map((t) => model.sojourn[t])).mean!,
        flowTis: flow.timeInSystem('tested').mean!,
      };
    });
    const agree = (a: number[], b: number[], what: string, maxRelative: number) => {
      const ta = new Tally('a');
      const tb = new Tally('b');
      for (const x of a) ta.observe(x);
      for (const x of b) tb.observe(x);
      const se = Math.sqrt(ta.variance! / a.length + tb.variance! / b.length);
      const half = studentTQuantile(1 - (1 - LEVEL) / 2, a.length + b.length - 2) * se;
      const d = tb.mean! - ta.mean!;
      const where = `${what}: hand ${ta.mean}, flow ${tb.mean}, difference ${d} ± ${half}`;
      expect(Math.abs(d), where).toBeLessThanOrEqual(half);
      expect(half / ta.mean!, `${where}: interval too wide`).toBeLessThanOrEqual(maxRelative);
    };
    agree(
      rows.map((r) => r.handLast),
      rows.map((r) => r.flowLast),
      'last swab',
      0.05,
    );
    agree(
      rows.map((r) => r.handReg),
      rows.map((r) => r.flowReg),
      'mean registration wait',
      0.12,
    );
    // Time in system: the flow's includes the fillers' seals, one in `pool` people on average.
    agree(
      rows.map((r) => r.handTis + tubeChange / 10),
      rows.map((r) => r.flowTis),
      'mean time in system',
      0.12,
    );
  });
});

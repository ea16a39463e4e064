/**
 * What a planner may write about calling, people's shares and a flow's outcomes, and how it reads:
 * - `calling: { kind: "call", within: "0 s" }` is everyone arriving at the call (the limit of the
 *   uniform window), and a slot of no length likewise; slots may overlap or come in any order; a
 *   slot that ends before it starts, and slots whose shares do not sum to 1, are refused before the
 *   run;
 * - shares of an attribute of people that do not sum to 1 are refused naming
 *   `testing.<area>.people.<attribute>`, the sum and the shares, as is anything else the flow layer
 *   refuses of an attribute (not a path inside the flow);
 * - a flow in which nobody leaves `tested` (the outcome a testing area counts) is refused by
 *   `checkSpec`, with a did-you-mean for a misspelt outcome.
 */
import { describe, expect, it } from 'vitest';
import { campaignScenario, checkSpec, planCampaign, runCampaign } from '../../models/index.js';
import { ParameterError } from '../../src/index.js';
import { specIssues, village } from './helpers.js';

/** The area's result of one run of the spec. */
function runArea(spec: unknown, seed = 3) {
  checkSpec(spec);
  const { plan } = planCampaign(spec);
  return { plan: plan.testing.village!, result: runCampaign(plan, seed).testing.village! };
}

/** The ParameterError the spec is refused with before any run (campaignScenario checks and plans). */
function refusal(spec: unknown): ParameterError {
  try {
    campaignScenario(spec);
  } catch (e) {
    if (e instanceof ParameterError) return e;
    throw e;
  }
  throw new Error('the spec was accepted');
}

describe('calling within "0 s": everyone arrives at the call', () => {
  it('every arrival is in the bin of the call, and the last to leave spent finish − call in the point', () => {
    const spec = village();
    spec.testing.village.calling = { kind: 'call', at: '19:30', within: '0 s' };
    const { plan, result } = runArea(spec);
    const at = plan.arrivals.kind === 'call' ? plan.arrivals.at : Number.NaN;
    expect(plan.arrivals).toEqual({ kind: 'call', at, within: 0 });
    const arrived = result.series.filter((b) => b.arrived > 0);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.start).toBeLessThanOrEqual(at);
    expect(arrived[0]!.start + plan.bin).toBeGreaterThan(at);
    expect(arrived[0]!.arrived).toBe(result.population);
    // Everyone entered at `at`, so the longest stay ends with the last one tested.
    expect(result.timeInPoint.all!.max).toBe(result.finish! - at);
    const a = result.accounting;
    expect(a.notArrived + a.queued + a.inService + Object.values(a.left).reduce((x, y) => x + y, 0)).toBe(
      result.population,
    );
  });

  it('a slot of no length brings its people at its start; the others spread over theirs', () => {
    const spec = village();
    spec.testing.village.calling = {
      kind: 'slots',
      slots: [
        { start: '19:00', end: '19:00', share: 0.25 },
        { start: '20:00', end: '21:00', share: 0.75 },
      ],
    };
    const { plan, result } = runArea(spec);
    const [first, second] = plan.arrivals.kind === 'slots' ? plan.arrivals.slots : [];
    const inBin = (t: number) => result.series.find((b) => b.start <= t && t < b.start + plan.bin)!;
    const early = result.series.filter((b) => b.start < second!.start);
    expect(early.filter((b) => b.arrived > 0)).toEqual([inBin(first!.start)]);
    // Each point takes a quarter of its people (largest remainders) in the first slot.
    const perPoint = result.perPoint.map((p) => p.population);
    const quarter = perPoint.reduce((x, n) => x + Math.round(n * 0.25), 0);
    expect(inBin(first!.start).arrived).toBe(quarter);
    expect(result.series.reduce((x, b) => x + b.arrived, 0)).toBe(result.population);
  });

  it('overlapping slots, listed out of time order, run: each brings its share within its own hours', () => {
    const spec = village();
    spec.testing.village.calling = {
      kind: 'slots',
      slots: [
        { start: '20:00', end: '22:00', share: 0.5 },
        { start: '19:00', end: '21:00', share: 0.5 },
      ],
    };
    const { plan, result } = runArea(spec);
    const [late, early] = plan.arrivals.kind === 'slots' ? plan.arrivals.slots : [];
    const arrived = (from: number, to: number) =>
      result.series.filter((b) => b.start >= from && b.start < to).reduce((x, b) => x + b.arrived, 0);
    expect(arrived(early!.start, late!.end)).toBe(result.population);
    // Only the early slot brings people before 20:00, only the late one after 21:00: half each.
    const half = result.perPoint.reduce((x, p) => x + Math.round(p.population * 0.5), 0);
    expect(arrived(early!.start, late!.start)).toBeLessThanOrEqual(half);
    expect(arrived(early!.end, late!.end)).toBeLessThanOrEqual(result.population - half);
    expect(arrived(early!.start, late!.start)).toBeGreaterThan(0);
    expect(arrived(early!.end, late!.end)).toBeGreaterThan(0);
  });

  it('a slot that ends before it starts is refused before the run, naming its end', () => {
    const spec = village();
    spec.testing.village.calling = { kind: 'slots', slots: [{ start: '20:00', end: '19:30', share: 1 }] };
    const e = refusal(spec);
    expect(e.message).toBe(
      `testing.village.calling.slots[0].end: expected a clock time at or after the slot's start (20:00), got "19:30"`,
    );
  });

  it('slots whose shares do not sum to 1 are refused, with the sum (they used to be rescaled)', () => {
    const spec = village();
    spec.testing.village.calling = {
      kind: 'slots',
      slots: [
        { start: '19:00', end: '20:00', share: 0.5 },
        { start: '20:00', end: '21:00', share: '30%' },
      ],
    };
    expect(refusal(spec).message).toBe(
      'testing.village.calling.slots: expected shares that sum to 1 (these sum to 0.8), got [0.5,0.3]',
    );
  });
});

describe("shares of people's attribute values", () => {
  it('not summing to 1: one error naming testing.<area>.people.<attribute>, the sum and the shares', () => {
    const spec = village();
    spec.testing.village.people.type = { qr: '50%', id: 0.3, assisted: 0.1 };
    const e = refusal(spec);
    expect(e.path).toBe('testing.village.people.type');
    expect(e.message).toBe(
      'testing.village.people.type: expected shares that sum to 1 (these sum to 0.9), got {"qr":0.5,"id":0.3,"assisted":0.1}',
    );
  });

  it('an annotated set of shares is read through its annotation, and summing to 1 passes', () => {
    const spec = village();
    spec.testing.village.people.type = {
      value: { qr: 0.6, id: 0.3, assisted: 0.2 },
      basis: 'assumed',
    };
    expect(refusal(spec).message).toMatch(
      /^testing\.village\.people\.type: expected .* \(these sum to 1\.1\)/,
    );
    spec.testing.village.people.type.value.assisted = 0.1;
    expect(() => campaignScenario(spec)).not.toThrow();
  });
});

describe('what the flow layer refuses of an attribute is named under people', () => {
  it('256 values of one attribute (the flow layer takes at most 255): testing.<area>.people.<attribute>', () => {
    const spec = village();
    const names = ['qr', 'id', 'assisted', ...Array.from({ length: 253 }, (_, i) => `v${i}`)];
    spec.testing.village.people.type = Object.fromEntries(names.map((n) => [n, 1 / 256]));
    const e = refusal(spec);
    expect(e.path).toBe('testing.village.people.type');
    expect(e.expected).toMatch(/1 to 255/);
  });
});

describe('a flow in which nobody leaves "tested"', () => {
  it("a named flow without a leave: one issue at the area's flow, naming the flow", () => {
    const spec = village();
    spec.flows.point.pop();
    expect(specIssues(spec)).toEqual([
      {
        path: 'testing.village.flow',
        expected:
          'a flow with a step { "leave": "tested" }, the outcome a testing area counts (flow "point" has no leave step)',
        value: 'point',
      },
    ]);
  });

  it('a misspelt outcome is named at its step, with the suggestion', () => {
    for (const slip of ['tsted', 'Tested', 'test']) {
      const spec = village();
      spec.flows.point[6] = { leave: slip };
      expect(specIssues(spec), slip).toEqual([
        {
          path: 'flows.point[6].leave',
          expected: '"tested", the outcome a testing area counts (did you mean "tested"?)',
          value: slip,
        },
      ]);
    }
  });

  it('another outcome only: the outcomes the flow has, at each area that runs it', () => {
    const spec = village();
    const steps = [...spec.flows.point.slice(0, 6), { leave: 'swabbed' }, { leave: 'done' }];
    spec.testing.village.flow = steps;
    expect(specIssues(spec)).toEqual([
      {
        path: 'testing.village.flow',
        expected:
          'a flow with a step { "leave": "tested" }, the outcome a testing area counts (this flow leaves only "swabbed", "done")',
        value: steps,
      },
    ]);

    const two = village();
    two.flows.point[6] = { leave: 'swabbed' };
    two.testing.annex = structuredClone(two.testing.village);
    expect(specIssues(two).map((i) => [i.path, i.value])).toEqual([
      ['testing.village.flow', 'point'],
      ['testing.annex.flow', 'point'],
    ]);
  });

  it('a misspelt outcome in a flow two areas share is named once', () => {
    const two = village();
    two.flows.point[6] = { leave: 'tesed' };
    two.testing.annex = structuredClone(two.testing.village);
    expect(specIssues(two).map((i) => [i.path, i.value])).toEqual([['flows.point[6].leave', 'tesed']]);
  });

  it('"tested" inside a branch route is enough, and the area counts only those', () => {
    const spec = village();
    spec.flows.point.splice(6, 1, {
      branch: 'share',
      routes: [
        { share: 0.5, steps: [{ leave: 'tested' }] },
        { share: 0.5, steps: [{ leave: 'referred' }] },
      ],
    });
    expect(specIssues(spec)).toEqual([]);
    const { result } = runArea(spec);
    expect(result.tested).toBe(result.accounting.left.tested);
    expect(result.accounting.left.referred).toBeGreaterThan(0);
  });
});

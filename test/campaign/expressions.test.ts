// Expressions in campaign specs: values against hand arithmetic, results checked against the
// field's kind, every bad one reported with its path and text, random arithmetic against plain
// evaluation, and a spec written with expressions planned exactly as the same spec in plain values.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type ExpressionKind,
  type ExpressionScope,
  evaluateExpression,
  FACTORIES,
  rewritePer,
} from '../../models/campaign/expressions.js';
import * as mathjsParts from '../../models/campaign/mathjsParts.js';
import { planCampaign } from '../../models/campaign/plan.js';
import { Epoch } from '../../src/index.js';
import { specIssues, village } from './helpers.js';

const EPOCH = new Epoch('2022-04-13T08:00+08:00');
const scope: ExpressionScope = {
  epoch: EPOCH,
  time: (name) => (name === 'check' ? 5 : `one of the shared times (no #${name})`),
  symbol: (name) => (name === 'residents' ? 6000 : undefined),
  population: () => 5580,
};
const value = (text: string, kind: ExpressionKind, s: ExpressionScope = scope) => {
  const r = evaluateExpression(text, kind, s);
  return r.ok ? r.value : r.expected;
};

describe('evaluateExpression', () => {
  it('reads durations with the spec vocabulary, %, per and ratios per person', () => {
    expect(value('=(6 h) / 2', 'duration')).toBe(3 * 3600);
    expect(value('=2 h 30 min + 15 min', 'duration')).toBe(2.5 * 3600 + 15 * 60);
    expect(value('=1.5 d - 250 ms', 'duration')).toBe(1.5 * 86_400 - 0.25);
    expect(value('=min(3, 4) * 1 min', 'duration')).toBe(180);
    expect(value('=#check * 2', 'duration')).toBe(10);
    expect(value('=round(126351 * 93%)', 'count')).toBe(Math.round(126351 * 0.93));
    expect(value('=3000 people * 90%', 'count')).toBe(2700);
    expect(value('=residents * 50%', 'count')).toBe(3000);
    expect(value('=1 per 600 people', 'count')).toBe(Math.ceil(5580 / 600));
    expect(value('=1 per 600 people', 'count', { ...scope, population: () => 1200 })).toBe(2);
    expect(value('=331 per min', 'rate')).toBeCloseTo(331 / 60, 12);
    expect(value('=1 - 45%', 'share')).toBeCloseTo(0.55, 12);
    expect(rewritePer('ceil(1 per 600 people) + 2')).toBe('ceil((1) / (600 people)) + 2');
  });

  it('clock arithmetic: a clock moved by durations is a clock; a difference of clocks is a duration', () => {
    expect(value('=19:00 + 90 min', 'clock')).toBe(EPOCH.at('20:30'));
    expect(value('=+1d 01:00 - 30 min', 'clock')).toBe(EPOCH.at('+1d 00:30'));
    expect(value('=21:00 - 19:00', 'duration')).toBe(7200);
    expect(value('=(21:00 - 19:00) / 1 h', 'number')).toBe(2);
    expect(value('=90 min', 'clock')).toMatch(/write one in the expression/);
    expect(value('=19:00 + 21:00', 'clock')).toMatch(/not a sum or multiple of clock times/);
    expect(value('=19:00 + 90 min', 'duration')).toMatch(/clock times only as differences/);
    expect(value('=07:00 + 1 h', 'clock')).toMatch(/after the epoch/);
  });

  it('refuses, in plain words, a wrong unit, a fraction of a person, a bad expression', () => {
    expect(value('=3 people', 'duration')).toBe(
      'a duration (a time like "=(6 h) / 2") (the expression gives 3 people)',
    );
    expect(value('=6 h', 'count')).toMatch(/^a count .*gives 21600 s\)$/);
    expect(value('=126351 * 93%', 'count')).toMatch(/^a whole number: write round\(…\)/);
    expect(value('=1 per 600 people', 'count', { ...scope, population: () => 'no people here' })).toMatch(
      /needs no people here/,
    );
    expect(value('=2 +', 'count')).toMatch(/^an expression mathjs can evaluate \(Unexpected end/);
    expect(value('=nosuch * 2', 'count')).toMatch(/Undefined symbol nosuch/);
    expect(value('=1/0', 'duration')).toMatch(/gives Infinity/);
    expect(value('=#nope + 1 s', 'duration')).toBe('one of the shared times (no #nope)');
    expect(value('=[1, 2]', 'number')).toBe('a number (the expression gives [1, 2])');
    expect(value('=createUnit("x")', 'number')).toMatch(/Undefined function createUnit/);
  });

  // Random sums and multiples of durations with mixed units, against the same arithmetic in seconds.
  const UNITS = { s: 1, min: 60, h: 3600, d: 86_400 } as const;
  type Term = { text: string; seconds: number };
  const leaf = fc
    .tuple(
      fc.integer({ min: 0, max: 500 }),
      fc.constantFrom(...(Object.keys(UNITS) as (keyof typeof UNITS)[])),
    )
    .map(([n, u]): Term => ({ text: `${n} ${u}`, seconds: n * UNITS[u] }));
  const term: fc.Arbitrary<Term> = fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('t'), fc.constantFrom('+', '-'), tie('t')).map(([a, op, b]) => ({
        text: `(${a.text}) ${op} (${b.text})`,
        seconds: op === '+' ? a.seconds + b.seconds : a.seconds - b.seconds,
      })),
      fc.tuple(tie('t'), fc.constantFrom('*', '/'), fc.integer({ min: 1, max: 12 })).map(([a, op, k]) => ({
        text: `(${a.text}) ${op} ${k}`,
        seconds: op === '*' ? a.seconds * k : a.seconds / k,
      })),
      fc.tuple(tie('t'), fc.integer({ min: 0, max: 200 })).map(([a, p]) => ({
        text: `(${a.text}) * ${p}%`,
        seconds: (a.seconds * p) / 100,
      })),
    ),
  })).t;

  test.prop([term])('random arithmetic on durations agrees with the same arithmetic in seconds', (t) => {
    const r = evaluateExpression(`=${t.text}`, 'duration', scope);
    expect(r.ok, t.text).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(t.seconds, 6);
  });

  const KINDS: ExpressionKind[] = ['count', 'share', 'number', 'duration', 'clock', 'rate'];
  const junk = fc.stringMatching(/^[0-9a-z ()+\-*/%^:#.,=<>!?'"[\]{}]{0,24}$/);
  test.prop([junk, fc.constantFrom(...KINDS)])('a malformed expression never throws', (text, kind) => {
    const r = evaluateExpression(`=${text}`, kind, scope);
    if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
    else expect(r.expected.length).toBeGreaterThan(0);
  });
});

/** The village with some values written as expressions, and the same values written plain. */
function villages() {
  const withExpr = village();
  const plain = village();
  const t = withExpr.testing.village;
  t.residents = { value: '=2 * 3000', basis: 'derived', note: 'two hamlets' };
  t.deadline = '=19:00 + 6 h';
  plain.testing.village.deadline = '+1d 01:00';
  t.calling.within = '=(6 h) / 2';
  t.staff.marshals = '=1 per 930 people';
  plain.testing.village.staff.marshals = Math.ceil(5580 / 930);
  t.staff.swabbers.reserves = '=5% * 2';
  plain.testing.village.staff.swabbers.reserves = 0.1;
  t.lab.runTime = '=2 h 30 min';
  plain.testing.village.lab.runTime = '2.5 h';
  withExpr.times.swab.value.mean = '=12.91 s';
  withExpr.times.boarding = '=#twice / 2';
  withExpr.times.twice = '30 s';
  plain.times.twice = '30 s';
  withExpr.transfers.farm.gate.dispatch = '=#twice + 23 min';
  // Components take durations as written (their models read the units), so the plain side is in
  // seconds where an expression gives seconds.
  plain.transfers.farm.gate.dispatch = 1410;
  plain.times.boarding = 15;
  withExpr.isolation.school.beds = '=round(6000 / 150)';
  return { withExpr, plain };
}

describe('a spec with expressions', () => {
  it('plans exactly as the same spec written in plain values', () => {
    const { withExpr, plain } = villages();
    expect(specIssues(withExpr)).toEqual([]);
    expect(planCampaign(withExpr).plan).toEqual(planCampaign(plain).plan);
  });

  it('reports every bad expression with its path and text, with the other problems, at once', () => {
    const { withExpr: s } = villages();
    s.testing.village.points = '=2 h';
    s.testing.village.turnout = '=150%';
    s.musters.volunteers.travel = '=3 people';
    s.isolation.school.beds = '=1 per 10 people';
    s.transfers.farm.buses = 0;
    s.unloading.supplies.dockTime = '=5 min +';
    s.times.tubeChange.max = '=10 s';
    const found = specIssues(s).map((i) => [i.path, i.value]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['testing.village.points', '=2 h'],
        ['testing.village.turnout', '=150%'],
        ['musters.volunteers.travel', '=3 people'],
        ['isolation.school.beds', '=1 per 10 people'],
        ['transfers.farm.buses', 0],
        ['unloading.supplies.dockTime', '=5 min +'],
        ['times.tubeChange.max', '=10 s'],
      ]),
    );
    // The marshals' ratio needs the turnout, which is wrong: that is one problem, reported once.
    expect(found).toHaveLength(7);
    const beds = specIssues(s).find((i) => i.path === 'isolation.school.beds')!;
    expect(beds.expected).toMatch(/a ratio per person needs a testing area's people/);
  });

  it('checks what refers to what: a cycle, a distribution where a fixed time is needed', () => {
    const s = village();
    s.times.a = '=#b + 1 s';
    s.times.b = '=#a + 1 s';
    s.testing.village.bin = '#swab';
    s.testing.village.residents = '=residents + 1';
    const found = specIssues(s);
    expect(found.map((i) => i.path)).toEqual(
      expect.arrayContaining(['times.a', 'times.b', 'testing.village.bin', 'testing.village.residents']),
    );
    expect(found.find((i) => i.path === 'times.a')!.expected).toMatch(/does not depend on itself/);
    expect(found.find((i) => i.path === 'testing.village.bin')!.expected).toBe(
      'a fixed duration (#swab is a distribution)',
    );
    expect(found.find((i) => i.path === 'testing.village.residents')!.expected).toMatch(
      /Undefined symbol residents/,
    );
  });
});

describe('#name references in every duration field', () => {
  it('gate.dispatch, checkpoint step times, calling, courier, lab, bin and workLimit take references', () => {
    const a = village();
    const b = village();
    a.times.half = '30 min';
    b.times.half = '30 min';
    const t = a.testing.village;
    t.calling.within = '#half';
    b.testing.village.calling.within = '30 min';
    t.courier.every = '#half';
    t.courier.transport = '#swab';
    b.testing.village.courier.transport = b.times.swab.value;
    t.lab.runTime = '#half';
    b.testing.village.lab.runTime = '30 min';
    t.bin = '#half';
    b.testing.village.bin = '30 min';
    t.staff.swabbers.workLimit.rest = '#half';
    a.transfers.farm.gate.dispatch = '#half';
    b.transfers.farm.gate.dispatch = '30 min';
    a.checkpoints.entrance.steps[0].time = '#swab';
    b.checkpoints.entrance.steps[0].time = b.times.swab.value;
    a.checkpoints.entrance.handover = '#half';
    b.checkpoints.entrance.handover = '30 min';
    expect(specIssues(a)).toEqual([]);
    expect(planCampaign(a).plan).toEqual(planCampaign(b).plan);
  });

  it('a reference to a time per attribute is refused where one time is needed', () => {
    const s = village();
    s.musters.volunteers.delay = '#registration';
    expect(specIssues(s)).toEqual([
      {
        path: 'musters.volunteers.delay',
        expected: 'a duration or a distribution (#registration is one per attribute)',
        value: '#registration',
      },
    ]);
  });
});

describe('what a browser bundle keeps of mathjs', () => {
  it('mathjsParts brings exactly create and the factories expressions use', () => {
    expect(Object.keys(mathjsParts).sort()).toEqual(
      ['create', ...FACTORIES.map((f) => `${f}Dependencies`)].sort(),
    );
    for (const [name, part] of Object.entries(mathjsParts)) expect(part, name).toBeDefined();
  });
});

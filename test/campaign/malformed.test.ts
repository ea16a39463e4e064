// Malformed specs, generated: fast-check mutates one place of the valid village spec — a wrong type,
// a number out of range, an unknown or misspelt key, a bad unit, a bad clock time, a dangling
// `#name` reference, a bad fittedTo or gate.site, an unknown role or flow, an expression that has no
// value of the field's kind — and every mutant must be
// refused by the pipeline that runs before a simulation (`checkSpec`, then `planCampaign`) with a
// ParameterError (a SpecError listing every issue, or the plan's one), never another exception.
// Every issue names a path whose parent exists in the mutant and the value written there; a
// mutation in one place is reported at or around that place.
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SpecError, type SpecIssue } from '../../models/campaign/issues.js';
import { planCampaign } from '../../models/campaign/plan.js';
import { checkSpec } from '../../models/campaign/validate.js';
import { duration, ParameterError } from '../../src/index.js';
import { lookup, pathKeys, village } from './helpers.js';

type Key = string | number;
type Node = { keys: Key[]; value: unknown };

/** The issues the pipeline refuses a spec with (fails the test when it throws anything else or nothing). */
function refusal(spec: unknown): readonly SpecIssue[] {
  try {
    checkSpec(spec);
    planCampaign(spec);
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    if (e instanceof ParameterError) return [{ path: e.path, expected: e.expected, value: e.value }];
    throw e;
  }
  throw new Error('expected a ParameterError, but the spec was accepted');
}

/** Every node of a JSON value with its keys (the root excluded). */
function nodes(value: unknown, keys: Key[] = []): Node[] {
  const out: Node[] = keys.length ? [{ keys, value }] : [];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...nodes(v, [...keys, i]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...keys, k]));
  return out;
}

const base = village();
const all = nodes(base);
const last = (n: Node) => n.keys[n.keys.length - 1];
/** The key a value belongs to, looking through an annotation's `value`. */
const field = (n: Node) => (last(n) === 'value' ? n.keys[n.keys.length - 2] : last(n));
const PROSE = new Set([
  'title',
  'description',
  'note',
  'label',
  'read',
  'since',
  '$schema',
  'name',
  'source',
  'check',
  'id',
]);
const CLOCK_KEYS = new Set([
  'open',
  'deadline',
  'start',
  'end',
  'presentFrom',
  'exposureFrom',
  'earliest',
  'at',
  'call',
  'from',
]);
const RECORDS = new Set([
  'sources',
  'times',
  'flows',
  'testing',
  'checkpoints',
  'musters',
  'isolation',
  'transfers',
  'unloading',
  'staff',
  'people',
]);

/** Objects where any key is allowed (records): adding a key there is not a mistake. */
function isRecord(n: Node): boolean {
  const path = n.keys.join('.');
  return (
    RECORDS.has(last(n) as string) ||
    /\.people\.[^.]+(\.value)?$/.test(path) ||
    (typeof n.value === 'object' && n.value !== null && 'by' in n.value)
  );
}

const isDuration = (s: string) => {
  try {
    duration(s);
    return true;
  } catch {
    return false;
  }
};

const numbers = all.filter((n) => typeof n.value === 'number');
const objects = all.filter(
  (n) => n.value && typeof n.value === 'object' && !Array.isArray(n.value) && !isRecord(n),
);
const strings = all.filter((n) => typeof n.value === 'string' && !PROSE.has(field(n) as string));
const durations = strings.filter((n) => isDuration(n.value as string));
const clocks = strings.filter((n) => CLOCK_KEYS.has(field(n) as string));
const refs = strings.filter((n) => (n.value as string).startsWith('#'));
const references = strings.filter((n) => {
  const k = last(n) as string;
  return (
    (n.keys[0] === 'flows' && ['by', 'seize', 'release'].includes(k)) ||
    k === 'site' ||
    k === 'fittedTo' ||
    (k === 'flow' && n.keys[0] === 'testing')
  );
});

interface Mutation {
  readonly kind: string;
  /** Where the mistake is. */
  readonly keys: Key[];
  /** The value written there (`undefined`: the key is removed). */
  readonly value: unknown;
  /** Also remove this key of the same object (a renamed key). */
  readonly remove?: Key[];
}

const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  // a wrong type anywhere: nothing in a spec is true, null or a list of lists
  fc
    .record({ kind: fc.constant('type'), node: pick(all), value: pick([true, null, [[]]]) })
    .map(({ kind, node, value }) => ({ kind, keys: node.keys, value })),
  fc
    .record({ kind: fc.constant('range'), node: pick(numbers), value: pick([-1, -0.5, 1e12]) })
    .map(({ kind, node, value }) => ({ kind, keys: node.keys, value })),
  fc
    .record({ node: pick(objects), key: pick(['bogus', 'nmae', 'Time', 'staf', 'sd2']) })
    .map(({ node, key }) => ({ kind: 'unknown key', keys: [...node.keys, key], value: 1 })),
  fc.record({ node: pick(objects), i: fc.nat() }).map(({ node, i }) => {
    const keys = Object.keys(node.value as object);
    const key = keys[i % keys.length]!;
    const typo = key.length > 2 ? key.slice(0, -2) + key.slice(-1) : `${key}x`;
    return {
      kind: 'misspelt key',
      keys: [...node.keys, typo],
      value: (node.value as Record<string, unknown>)[key],
      remove: [...node.keys, key],
    };
  }),
  fc
    .record({
      node: pick(durations),
      value: pick(['40 m', '12', '40 parsecs', '-5 s', '1 month', '5 kg', '']),
    })
    .map(({ node, value }) => ({ kind: 'unit', keys: node.keys, value })),
  fc
    .record({
      node: pick(clocks),
      value: pick(['25:00', '7pm', '19h00', '07:00', '+1d 25:00', '31 Feb 10:00']),
    })
    .map(({ node, value }) => ({ kind: 'clock', keys: node.keys, value })),
  fc
    .record({ node: pick([...refs, ...durations]), value: pick(['#nope', '#swabs', '#Registration']) })
    .map(({ node, value }) => ({ kind: 'dangling', keys: node.keys, value })),
  fc
    .record({ node: pick(references), value: pick(['nowhere', 'swabber', 'scool']) })
    .map(({ node, value }) => ({ kind: 'reference', keys: node.keys, value })),
  // an expression that has no value of any kind: bad syntax, an unknown name, a wrong unit, an
  // infinity, a sum of clock times, a list
  fc
    .record({
      node: pick([...numbers, ...durations, ...clocks]),
      value: pick([
        '=2 +',
        '=(6 h',
        '=nosuch * 2',
        '=5 kg',
        '=1/0',
        '=19:00 + 21:00',
        '=[1, 2]',
        '=#nope * 2',
      ]),
    })
    .map(({ node, value }) => ({ kind: 'expression', keys: node.keys, value })),
);

function apply(m: Mutation): any {
  const spec = village();
  const set = (keys: Key[], value: unknown) => {
    const parent = lookup(spec, keys.slice(0, -1)).value as Record<Key, unknown>;
    if (value === undefined) delete parent[keys[keys.length - 1]!];
    else parent[keys[keys.length - 1]!] = value;
  };
  if (m.remove) set(m.remove, undefined);
  set(m.keys, m.value);
  return spec;
}

/** One path is the other or lies inside it. */
const related = (a: Key[], b: Key[]) => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((k, i) => k === b[i]);
};

/**
 * What an issue may name as the value at its path: the value written there, the value inside its
 * annotation, one of its fields (a step named by its path, its role as the value), or the key
 * itself (a misspelt role is a key of `staff`).
 */
function named(spec: unknown, keys: Key[]): unknown[] {
  const here = lookup(spec, keys).value;
  const out = [here, keys[keys.length - 1]];
  if (here && typeof here === 'object' && !Array.isArray(here)) {
    out.push(...Object.values(here));
    const inner = (here as { value?: unknown }).value;
    if (inner && typeof inner === 'object') out.push(...Object.values(inner));
  }
  return out;
}

describe('the shipped specs and the fixture', () => {
  for (const file of ['campaigns/qingxu-2022-04-13.json', 'campaigns/example-county.json']) {
    it(`${file} validates and plans`, () => {
      const spec = JSON.parse(readFileSync(file, 'utf8'));
      expect(() => checkSpec(spec)).not.toThrow();
      expect(Object.keys(planCampaign(spec).plan.testing).length).toBeGreaterThan(0);
    });
  }

  it('the village fixture uses every part of the spec, validates and plans', () => {
    expect(() => checkSpec(base)).not.toThrow();
    const { plan } = planCampaign(base);
    for (const part of ['testing', 'checkpoints', 'musters', 'isolation', 'transfers', 'unloading'] as const)
      expect(Object.keys(plan[part]).length, part).toBe(1);
    expect(plan.testing.village?.staff.helpers?.shifts).toHaveLength(2);
  });
});

describe('hand-written mistakes', () => {
  it('lists every problem at once, each with its path and value', () => {
    const spec = village();
    spec.testing.village.points = 0;
    spec.testing.village.turnout = '930%';
    spec.isolation.school.arrivalWithn = '30 min';
    spec.transfers.farm.gate.site = 'schol';
    spec.transfers.farm.board = '#bording';
    spec.isolation.school.workPerBed.fittedTo = 'bed';
    let e: unknown;
    try {
      checkSpec(spec);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(SpecError);
    const lines = (e as SpecError).issues.map((i) => `${i.path}: ${i.expected} | ${JSON.stringify(i.value)}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^testing\.village\.points: an integer in \[1, .* \| 0$/),
        expect.stringMatching(/^testing\.village\.turnout: a share.* \| "930%"$/),
        expect.stringMatching(
          /^isolation\.school\.arrivalWithn: no key "arrivalWithn" here \(did you mean "arrivalWithin"\?\).*/,
        ),
        expect.stringMatching(/^transfers\.farm\.gate\.site: an isolation site.*school.* \| "schol"$/),
        expect.stringMatching(
          /^transfers\.farm\.board: a reference to one of the shared times.*#boarding.* \| "#bording"$/,
        ),
        expect.stringMatching(
          /^isolation\.school\.workPerBed\.fittedTo: the id of a figure or metric.* \| "bed"$/,
        ),
      ]),
    );
    expect((e as SpecError).issues).toHaveLength(6);
    expect((e as SpecError).message).toContain('testing.village.points: expected an integer in [1, ');
  });

  it('lets a new role through the schema, for the plan to name it against the flow', () => {
    const spec = village();
    spec.testing.village.staff.clerk = 3;
    expect(() => checkSpec(spec)).not.toThrow();
    expect(refusal(spec)).toEqual([
      expect.objectContaining({ path: 'testing.village.staff.clerk', value: 'clerk' }),
    ]);
    expect(refusal(spec)[0]!.expected).toMatch(/^a role the flow uses/);
  });
});

describe('malformed specs (fast-check mutations of the village)', () => {
  it('the generator has places for every kind of mistake and draws each kind', () => {
    const places = { numbers, objects, durations, clocks, refs, references };
    for (const [name, list] of Object.entries(places)) expect(list.length, name).toBeGreaterThan(0);
    expect(references.map((n) => n.keys.join('.'))).toEqual(
      expect.arrayContaining([
        'flows.point.0.by',
        'flows.point.2.seize',
        'testing.village.flow',
        'testing.village.staff.clerks.fittedTo',
        'transfers.farm.gate.site',
      ]),
    );
    const kinds = new Set(fc.sample(mutations, { numRuns: 400, seed: 1 }).map((m) => m.kind));
    expect([...kinds].sort()).toEqual(
      [
        'clock',
        'dangling',
        'expression',
        'misspelt key',
        'range',
        'reference',
        'type',
        'unit',
        'unknown key',
      ].sort(),
    );
  });

  test.prop([mutations], { numRuns: 300 })(
    'each is refused with a ParameterError whose issues name paths and values of the input',
    (m) => {
      const spec = apply(m);
      const issues = refusal(spec);
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        const keys = pathKeys(issue.path);
        expect(lookup(spec, keys.slice(0, -1)).exists, `parent of ${issue.path} exists`).toBe(true);
        expect(named(spec, keys), `${issue.path}: ${issue.expected}`).toContainEqual(issue.value);
        expect(issue.expected.length).toBeGreaterThan(0);
      }
      // A role changed in a shared flow no longer matches the area's staff: reported on that side.
      const roleInFlow = m.kind === 'reference' && m.keys[0] === 'flows';
      expect(
        issues.some(
          (i) =>
            related(pathKeys(i.path), m.keys) ||
            (m.remove && related(pathKeys(i.path), m.remove)) ||
            (roleInFlow && /^testing\.[^.]+\.staff\./.test(i.path)),
        ),
        `an issue at or around ${m.keys.join('.')}: ${issues.map((i) => i.path).join(', ')}`,
      ).toBe(true);
    },
  );
});

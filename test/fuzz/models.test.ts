/**
 * Malformed inputs to the models' entry points — runBusTransfer, runUnloading, runSiteSetup,
 * runCheckpointFlow, runMuster, checkpointStaffing, runSamplingSite and runAreaTesting — and to a
 * scenario's overrides each end in a ParameterError naming the spoiled key and the value, before
 * anything runs: a misspelt key is never ignored (with a "did you mean" when it is a slip of a known
 * one), and null is never "the default". Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkpointStaffing,
  runAreaTesting,
  runBusTransfer,
  runCheckpointFlow,
  runMuster,
  runSamplingSite,
  runSiteSetup,
  runUnloading,
} from '../../models/index.js';
import { mergeParameters, resolveScenarioParameters } from '../../src/experiment/scenario.js';
import { ParameterError } from '../../src/kernel/errors.js';
import { closestName, knownKeys } from '../../src/kernel/validate.js';
import { scenario as desk } from '../cli/fixtures/desk.js';
import { NOT_A_VALUE, refused, SEED, spoiled, unknownKey } from './oracle.js';

/** Each entry point, the keys of its parameters and of its options, and a call that runs nothing long. */
const ENTRY_POINTS: readonly {
  readonly name: string;
  readonly keys: readonly string[];
  readonly options: readonly string[];
  readonly call: (params: never, options: never) => unknown;
  readonly until?: boolean;
  /** Keys whose value is an object of optional fields (or a list that may be empty): `{}` (or `[]`) is valid there. */
  readonly objects?: readonly string[];
}[] = [
  {
    name: 'runBusTransfer',
    keys: [
      'people',
      'presentFrom',
      'exposureFrom',
      'start',
      'buses',
      'seats',
      'loadCap',
      'loading',
      'doors',
      'board',
      'alight',
      'travel',
      'turnaround',
      'escort',
    ],
    options: ['seed', 'epoch', 'replication', 'gate', 'until'],
    call: (p, o) => runBusTransfer(p, o),
    until: true,
    objects: ['escort'],
  },
  {
    name: 'runUnloading',
    keys: [
      'start',
      'trucks',
      'items',
      'arrival',
      'bays',
      'dockTime',
      'handlers',
      'handlersPerTruck',
      'switchTime',
      'storage',
      'binWidth',
    ],
    options: ['seed', 'epoch', 'replication', 'until'],
    call: (p, o) => runUnloading(p, o),
    until: true,
  },
  {
    name: 'runSiteSetup',
    keys: ['start', 'beds', 'target', 'deadline', 'crew', 'tasks', 'materials', 'order'],
    options: ['seed', 'epoch', 'replication', 'until'],
    call: (p, o) => runSiteSetup(p, o),
    until: true,
    objects: ['crew', 'materials'],
  },
  {
    name: 'runCheckpointFlow',
    keys: ['arrivalRate', 'steps', 'positions', 'pattern', 'handover', 'period'],
    options: ['seed'],
    call: (p, o) => runCheckpointFlow(p, o),
  },
  {
    name: 'runMuster',
    keys: ['call', 'people', 'delay', 'villages', 'travel'],
    options: ['seed', 'epoch'],
    call: (p, o) => runMuster(p, o),
  },
  {
    name: 'checkpointStaffing',
    keys: ['posts', 'positionsPerPost', 'pattern', 'handover', 'days', 'start'],
    options: [],
    call: (p) => checkpointStaffing(p),
  },
  {
    name: 'runSamplingSite',
    keys: [
      'name',
      'population',
      'mix',
      'arrivals',
      'checkTime',
      'registration',
      'swabTime',
      'tubeChange',
      'pool',
      'marshals',
      'clerks',
      'assistedClerks',
      'swabbers',
      'courier',
      'deadline',
      'bin',
    ],
    options: [],
    call: (p) => runSamplingSite(p, { seed: 1 }),
    objects: ['registration', 'courier'],
  },
  {
    name: 'runAreaTesting',
    keys: ['population', 'sites', 'site', 'staff', 'lab'],
    options: [],
    call: (p) => runAreaTesting(p, { seed: 1 }),
    objects: ['site', 'staff', 'lab'],
  },
];

/** Small inputs, so that a bad value that slipped through would still end quickly (and fail the test). */
const SMALL: Readonly<Record<string, Record<string, unknown>>> = {
  runCheckpointFlow: { period: '1 h' },
  runMuster: { people: 5, villages: 1 },
  runSamplingSite: { population: 5 },
  runAreaTesting: { population: 5 },
};

describe('model entry points', () => {
  for (const entry of ENTRY_POINTS) {
    const options = { seed: 1, ...(entry.until ? { until: 0 } : {}) };
    it(`${entry.name}: 60 spoiled parameter objects, each refused before the run`, () => {
      const base = SMALL[entry.name] ?? {};
      const notEmpty = NOT_A_VALUE.filter(
        (v) => !(typeof v === 'object' && v !== null && Object.keys(v).length === 0),
      );
      const bad = Object.fromEntries((entry.objects ?? []).map((k) => [k, notEmpty]));
      fc.assert(
        fc.property(spoiled(base, entry.keys, bad), ({ input, key }) => {
          refused(() => entry.call(input as never, options as never), key, entry.keys);
        }),
        { seed: SEED, numRuns: 60 },
      );
    });
    if (entry.options.length > 0)
      it(`${entry.name}: an unknown option key is refused, with the closest known one suggested`, () => {
        fc.assert(
          fc.property(unknownKey(entry.options), (key) => {
            const e = refused(
              () => entry.call((SMALL[entry.name] ?? {}) as never, { ...options, [key]: 1 } as never),
              key,
            );
            expect(e.path).toBe(`options.${key}`);
            const near = closestName(key, entry.options);
            if (near !== undefined) expect(e.message).toContain(`did you mean "${near}"?`);
          }),
          { seed: SEED, numRuns: 15 },
        );
      });
  }

  it('the issue’s example: runBusTransfer({ buss: 30 }) is refused, suggesting buses', () => {
    expect(() => runBusTransfer({ buss: 30 } as never, { seed: 1 })).toThrow(
      /\n {2}buss: expected no key "buss" here \(did you mean "buses"\?\); known keys: people, .*, got 30$/,
    );
  });
});

describe('knownKeys', () => {
  it('a slip of one letter in a known key of 4 letters or more is always suggested back', () => {
    const known = ['population', 'swabbers', 'capacity', 'arrivalRate', 'handover', 'beds'];
    fc.assert(
      fc.property(
        fc.constantFrom(...known),
        fc.nat(),
        fc.constantFrom('drop', 'double', 'swap'),
        (k, i, how) => {
          const at = i % (k.length - 1);
          const typo =
            how === 'drop'
              ? k.slice(0, at) + k.slice(at + 1)
              : how === 'double'
                ? k.slice(0, at) + k[at] + k.slice(at)
                : k.slice(0, at) + k[at + 1] + k[at] + k.slice(at + 2);
          fc.pre(typo !== k && !known.includes(typo));
          let error: unknown;
          try {
            knownKeys({ [typo]: 1 }, 'p', known);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(ParameterError);
          expect((error as ParameterError).path).toBe(`p.${typo}`);
          expect((error as Error).message).toContain(`did you mean "${k}"?`);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('null is refused unless the key gives it a meaning', () => {
    expect(() => knownKeys({ a: null }, '', ['a'])).toThrow(/^a: expected a value \(leave the key out/);
    expect(() => knownKeys({ a: null }, '', ['a'], ['a'])).not.toThrow();
    expect(() => knownKeys({ a: undefined }, '', ['a'])).not.toThrow();
  });
});

/** Every leaf path of a parameter object, as dotted paths. */
function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** `{ a: { b: value } }` from `a.b`. */
function nested(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, k) => ({ [k]: inner }), value) as Record<
    string,
    unknown
  >;
}

describe('scenario overrides', () => {
  // The Qingxu day is a campaign spec now: its malformed values are fuzzed in test/campaign/malformed.test.ts.
  const scenarios = [['desk', desk, desk.defaults]] as const;
  for (const [name, scenario, defaults] of scenarios) {
    const paths = leaves(defaults);
    it(`${name}: a misspelt key anywhere in the parameters is refused, naming its path`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          fc.nat(),
          fc.constantFrom(...NOT_A_VALUE, 3, 'x'),
          (path, depth, value) => {
            const keys = path.split('.');
            const cut = depth % keys.length;
            const siblings = Object.keys(
              keys
                .slice(0, cut)
                .reduce<Record<string, unknown>>(
                  (o, k) => o[k] as Record<string, unknown>,
                  defaults as never,
                ),
            );
            const typo = `${keys[cut]}x`;
            fc.pre(!siblings.includes(typo));
            const spoilt = [...keys.slice(0, cut), typo].join('.');
            const e = refused(
              () => resolveScenarioParameters(scenario as never, nested(spoilt, value) as never),
              typo,
            );
            expect(e.path).toBe(`parameters.${spoilt}`);
            expect(e.message).toContain(`did you mean "${keys[cut]}"?`);
          },
        ),
        { seed: SEED, numRuns: 60 },
      );
    });
    it(`${name}: null for any parameter is refused (it is never the default)`, () => {
      for (const path of paths) refused(() => mergeParameters(defaults, nested(path, null) as never), path);
    });
  }
});

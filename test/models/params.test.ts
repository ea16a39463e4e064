/**
 * The models' parameters, read by their zod schemas (models/values.ts): for each model a table of bad
 * parameters and the problem each must be reported as (path and value, every problem at once, unknown
 * keys with a did-you-mean), and a property: any mutation of a valid parameter object is either
 * accepted or refused with a ParameterError whose every problem names a place that exists in the
 * input — never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../models/campaign/issues.js';
import { runCheckpointFlow } from '../../models/checkpoints/throughput.js';
import {
  checkpointStaffing,
  resolveBusTransfer,
  resolveLab,
  resolveMuster,
  resolveSite,
  resolveSiteSetup,
  resolveUnloading,
} from '../../models/index.js';
import { clockTime, pathKeys } from '../../models/values.js';
import { Epoch, ParameterError, Simulation } from '../../src/index.js';

const EPOCH = '2022-04-13T01:30+08:00';
const sim = () => new Simulation({ seed: 1, epoch: EPOCH });

type Resolve = (params: unknown) => unknown;

interface Model {
  readonly name: string;
  /** Reads the parameters (prefix `path`), throwing on bad ones. */
  readonly resolve: Resolve;
  /** Where its problems are reported, prefixed to every path. */
  readonly path: string;
  /** A valid parameter object using most of its forms. */
  readonly valid: Record<string, unknown>;
  /** Bad edits of `valid`: the path of the problem (under `path`) and the value it must name. */
  readonly bad: readonly (readonly [edit: Record<string, unknown>, path: string, value: unknown])[];
}

const MODELS: readonly Model[] = [
  {
    name: 'sampling site',
    resolve: (p) => resolveSite(p, 'site', new Epoch(EPOCH)),
    path: 'site',
    valid: {
      population: 500,
      mix: { qr: '50%', id: 0.3, assisted: 0.2 },
      clerks: 3,
      swabbers: { count: 2, reserves: 1, workLimit: { maxContinuous: '2 h', rest: '30 min' } },
      arrivals: { kind: 'call', at: '19:00', within: '2 h' },
      registration: { qr: '6 s', id: { dist: 'uniform', min: '20 s', max: '40 s' } },
      courier: { every: '20 min', boxSize: 20 },
      closing: { at: '23:00', policy: 'overtime' },
      deadline: '+1d 01:00',
    },
    bad: [
      [{ population: -1 }, 'population', -1],
      [{ clerks: 0 }, 'clerks', 0],
      [{ swabers: 3 }, 'swabers', 3],
      [{ arrivals: { kind: 'call', at: '19:00', within: '2 weeks' } }, 'arrivals.within', '2 weeks'],
      [{ arrivals: { kind: 'call', at: '25:00' } }, 'arrivals.at', '25:00'],
      [
        { registration: { qr: { dist: 'normal', mean: '6 s', sd: '3 s' } } },
        'registration.qr',
        { dist: 'normal', mean: '6 s', sd: '3 s' },
      ],
      [{ mix: { qr: 0.5, id: 0.6, assisted: 0 } }, 'mix', { qr: 0.5, id: 0.6, assisted: 0 }],
      [{ closing: { at: '18:00' } }, 'closing.at', '18:00'],
      [
        { arrivals: { kind: 'slots', slots: [{ start: '19:00', end: '18:00', share: 1 }] } },
        'arrivals.slots[0].end',
        '18:00',
      ],
      [{ courier: { every: 0.5 } }, 'courier.every', 0.5],
      // Expressions and references are a campaign spec's: a model's parameters take plain values.
      [{ clerks: '=1 + 2' }, 'clerks', '=1 + 2'],
      [{ deadline: '#deadline' }, 'deadline', '#deadline'],
    ],
  },
  {
    name: 'isolation-site setup',
    resolve: (p) => resolveSiteSetup(sim(), p as never, 'siteSetup'),
    path: 'siteSetup',
    valid: { start: '16:00', beds: 100, target: 80, crew: { size: 20, arrival: { within: '20 min' } } },
    bad: [
      [{ beds: 0 }, 'beds', 0],
      [{ target: 120 }, 'target', 120],
      [{ start: 'noon' }, 'start', 'noon'],
      [{ deadline: '15:00' }, 'deadline', '15:00'],
      [{ crew: { size: 20, arival: 'together' } }, 'crew.arival', 'together'],
      [{ order: 'random' }, 'order', 'random'],
    ],
  },
  {
    name: 'unloading',
    resolve: (p) => resolveUnloading(sim(), p as never),
    path: 'unloading',
    valid: {
      start: '22:00',
      trucks: 3,
      items: 900,
      arrival: { every: '10 min' },
      handlers: [{ kind: 'chain', links: 10, pass: { dist: 'lognormal', mean: '2 s', sd: '0.5 s' } }],
    },
    bad: [
      [{ trucks: 1.5 }, 'trucks', 1.5],
      [{ items: [1, 2] }, 'items', [1, 2]],
      [{ handlers: [{ kind: 'chain', links: 10, pass: '-2 s' }] }, 'handlers[0].pass', '-2 s'],
      [{ handlers: [{ kind: 'crane', links: 10 }] }, 'handlers[0].kind', 'crane'],
      [{ dockTime: '5 kg' }, 'dockTime', '5 kg'],
    ],
  },
  {
    name: 'bus transfer',
    resolve: (p) => resolveBusTransfer(sim(), p as never),
    path: '',
    valid: { people: 50, buses: 3, seats: 40, board: '10 s', escort: { staff: 10, perBus: 2 } },
    bad: [
      [{ buss: 3 }, 'buss', 3],
      [{ loadCap: 0 }, 'loadCap', 0],
      [{ escort: { staff: 1, perBus: 2 } }, 'escort.staff', 1],
      [{ start: '01:00' }, 'start', '01:00'],
      [{ loading: 'ful' }, 'loading', 'ful'],
    ],
  },
  {
    name: 'muster',
    resolve: (p) => resolveMuster(sim(), p as never),
    path: 'muster',
    valid: { call: '15:30', people: 20, villages: 2, delay: '20 min' },
    bad: [
      [{ call: 900 * 1e9 }, 'call', 900 * 1e9],
      [{ villages: 30 }, 'villages', 30],
      [{ travel: { dist: 'uniform', min: '5 min' } }, 'travel.max', undefined],
    ],
  },
  {
    name: 'lab',
    resolve: (p) => resolveLab(p, 'lab'),
    path: 'lab',
    valid: { machines: 2, batchSize: 94, runTime: '2 h' },
    bad: [
      [{ machines: 0 }, 'machines', 0],
      [{ runTime: 0 }, 'runTime', 0],
      [{ oven: 1 }, 'oven', 1],
    ],
  },
  {
    name: 'checkpoint staffing',
    resolve: (p) => checkpointStaffing(p as never),
    path: 'checkpoints',
    valid: { posts: 3, pattern: '3x8', handover: '10 min', days: 2 },
    bad: [
      [{ pattern: '4x6' }, 'pattern', '4x6'],
      [{ handover: '9 h' }, 'handover', '9 h'],
      [{ pattern: { shiftsPerDay: 25 } }, 'pattern.shiftsPerDay', 25],
      [{ handover: '9 zz' }, 'handover', '9 zz'],
    ],
  },
  {
    name: 'checkpoint flow',
    resolve: (p) => runCheckpointFlow(p as never, { seed: 1 }),
    path: 'checkpointFlow',
    valid: { arrivalRate: '20 per h', period: '2 h', steps: [{ name: 'register', time: '30 s' }] },
    bad: [
      [{ arrivalRate: '20 s' }, 'arrivalRate', '20 s'],
      [{ steps: [] }, 'steps', []],
      [{ period: '400 d' }, 'period', '400 d'],
    ],
  },
];

/** The error a call throws (undefined when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

const under = (m: Model, path: string) => (m.path ? `${m.path}.${path}` : path);

describe('model parameters: each bad value reported with its path and value', () => {
  for (const m of MODELS) {
    it(`${m.name}: the valid parameters are accepted`, () => {
      expect(() => m.resolve(m.valid)).not.toThrow();
    });
    it.each(
      m.bad.map(([edit, path, value]) => [JSON.stringify(edit), edit, path, value] as const),
    )(`${m.name}: %s → its path and value`, (_label, edit, path, value) => {
      const e = thrown(() => m.resolve({ ...m.valid, ...edit }));
      expect(e).toBeInstanceOf(ParameterError);
      const issues = (e as SpecError).issues;
      expect(issues.map((i) => i.path)).toContain(under(m, path));
      expect(issues.find((i) => i.path === under(m, path))!.value).toEqual(value);
      expect((e as Error).message).toContain(`${under(m, path)}: expected `);
    });
    // The first and last rows of each table are fields checked on their own (a rule across fields is
    // checked once the fields themselves are valid).
    it(`${m.name}: two bad fields are both reported, at once`, () => {
      const [[a, pa], [b, pb]] = [m.bad[0]!, m.bad[m.bad.length - 1]!];
      const e = thrown(() => m.resolve({ ...m.valid, ...a, ...b })) as SpecError;
      expect(e).toBeInstanceOf(SpecError);
      expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining([under(m, pa), under(m, pb)]));
      expect(e.message).toMatch(/: 2 problems\n/);
    });
  }

  it('an unknown key is refused with the keys known there and the closest one', () => {
    const e = thrown(() => resolveSiteSetup(sim(), { crew: { sise: 20 } } as never)) as SpecError;
    expect(e.issues).toEqual([
      {
        path: 'siteSetup.crew.sise',
        expected: 'no key "sise" here (did you mean "size"?); known keys: size, arrival',
        value: 20,
      },
    ]);
  });

  it('clock times: one reader, seconds or a clock placed by the epoch', () => {
    const epoch = new Epoch(EPOCH);
    expect(clockTime(epoch).parse('19:00')).toBe(63_000);
    expect(clockTime(epoch).parse(12)).toBe(12);
    expect(clockTime(epoch, 'next-day').parse('01:00')).toBe(86_400 - 1800);
    expect(clockTime(epoch).safeParse('01:00').success).toBe(false);
    expect(clockTime(undefined).safeParse('19:00').success).toBe(false);
    expect(clockTime(undefined).parse(3600)).toBe(3600);
  });
});

/** Every path inside a JSON value (objects and arrays), as key lists. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) for (const [i, x] of v.entries()) out.push(...paths(x, [...at, i]));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function get(v: unknown, keys: readonly (string | number)[]): unknown {
  let x = v;
  for (const k of keys) x = (x as Record<string | number, unknown>)?.[k];
  return x;
}

/** `keys` exists in `v`, or its parent is an object there (a missing required key is named so). */
function exists(v: unknown, keys: readonly (string | number)[]): boolean {
  if (keys.length === 0) return true;
  const parent = get(v, keys.slice(0, -1));
  return typeof parent === 'object' && parent !== null && exists(v, keys.slice(0, -1));
}

const mutation = fc.record({
  pick: fc.nat(),
  how: fc.constantFrom('replace', 'delete', 'unknown key'),
  value: fc.oneof(
    fc.anything({ maxDepth: 1 }),
    fc.constantFrom(0, -1, 1.5, 1e12, '', '19:00', '2 h', '50%', 'zzz', '=1 + 1', '#swab', null, [], {}),
    fc.constantFrom({ dist: 'lognormal', mean: '1 s', sd: '1 s' }, { dist: 'normal', mean: 1, sd: 1 }),
  ),
  key: fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/),
});

describe('model parameters: random mutations are accepted or refused naming a place that exists', () => {
  for (const m of MODELS.filter((x) => x.name !== 'checkpoint flow')) {
    it(m.name, () => {
      fc.assert(
        fc.property(mutation, ({ pick, how, value, key }) => {
          const input = structuredClone(m.valid);
          const all = paths(input);
          const at = all[pick % all.length]!;
          const parent = get(input, at.slice(0, -1)) as Record<string | number, unknown>;
          const target = get(input, at);
          if (
            how === 'unknown key' &&
            typeof target === 'object' &&
            target !== null &&
            !Array.isArray(target)
          )
            (target as Record<string, unknown>)[key] = value;
          else if (at.length === 0) return;
          else if (how === 'delete' && !Array.isArray(parent)) delete parent[at[at.length - 1]!];
          else parent[at[at.length - 1]!] = value;
          const e = thrown(() => m.resolve(input));
          if (e === undefined) return;
          expect(e).toBeInstanceOf(ParameterError);
          for (const i of (e as SpecError).issues) {
            const keys = pathKeys(i.path);
            const inside = m.path ? keys.slice(pathKeys(m.path).length) : keys;
            expect(exists(input, inside), `${i.path} in ${JSON.stringify(input)}`).toBe(true);
          }
        }),
        { seed: 20_261_204, numRuns: 150 },
      );
    });
  }
});

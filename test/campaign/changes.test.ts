/**
 * Spec changes as data (models/campaign/changes.ts), the one vocabulary of the alternatives, the
 * staffing variants and the tornado ranges: a file is checked against its schema with every problem
 * named under the file, every entry's changes against the spec with the file, the entry and the
 * path (a misspelt key with a "did you mean"), and the changes as one merged override give the spec
 * the changes give.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import spec from '../../campaigns/qingxu-2022-04-13.json' with { type: 'json' };
import {
  applySpecChanges,
  checkSpecChanges,
  overrideSpec,
  parseChangesFile,
  type SpecChanges,
  SpecError,
  specChanges,
  specChangesOverrides,
  withSpecChanges,
} from '../../models/campaign/index.js';
import { readChangesFile } from '../../src/cli/changesFile.js';
import { ParameterError } from '../../src/index.js';

const Entry = withSpecChanges({ changed: z.string().min(1) });
const File = z.strictObject({ entries: z.record(z.string(), Entry) });
const changes = (c: Partial<SpecChanges>): SpecChanges => ({ set: {}, replace: {}, ...c });

/** The error a call throws (the test fails when it throws none). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('a file of changes against its schema', () => {
  it('names the file and every problem with its entry and path: unknown key, bad path, no change', () => {
    const doc = {
      entries: {
        a: { changed: 'a', sett: { 'testing.hedong.turnout': 1 } },
        b: { changed: 'b', set: { 'testing..turnout': 1 } },
        c: { changed: 'c' },
        d: { changed: 'd', set: { 'testing.hedong.turnout': 1 } },
      },
    };
    const e = thrown(() => parseChangesFile(File, doc, 'my-variants.json'));
    expect(e).toBeInstanceOf(SpecError);
    const issues = (e as SpecError).issues.map((i) => i.path);
    expect(e.message).toMatch(/^my-variants\.json: \d+ problems/);
    expect(e.message).toContain(
      'entries.a.sett: expected no key "sett" here (did you mean "set"?); known keys: changed, set, replace',
    );
    expect(e.message).toContain('entries.b.set["testing..turnout"]: expected a dotted path into the spec');
    expect(issues).toContain('entries.c');
    expect(e.message).toContain('at least one change in "set" or "replace"');
    expect(issues.some((p) => p.startsWith('entries.d'))).toBe(false);
  });

  it('reads a file, and names the flag for an unreadable file and the file for one that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'changes-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ entries: { a: { changed: 'a', set: { 'testing.hedong.turnout': 1 } } } }),
    );
    expect(readChangesFile(File, good, '--variants').entries.a?.set).toEqual({ 'testing.hedong.turnout': 1 });
    expect(() => readChangesFile(File, join(dir, 'none.json'), '--variants')).toThrow(
      /^--variants: expected a readable JSON file/,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "entries": ');
    expect(() => readChangesFile(File, bad, '--variants')).toThrow(`${bad}: expected a JSON document`);
  });
});

describe('changes against the spec', () => {
  const where = 'v.json: variants.x';
  it('names the file, entry and path of a key the spec does not have, with a did-you-mean', () => {
    const set = thrown(() =>
      checkSpecChanges(spec, changes({ set: { 'transfers.park-workers.busses': 34 } }), where),
    );
    expect(set).toBeInstanceOf(ParameterError);
    expect(set.message).toMatch(
      /^v\.json: variants\.x: transfers\.park-workers\.busses: expected .*did you mean "buses"\?/,
    );
    const replace = thrown(() =>
      checkSpecChanges(spec, changes({ replace: { 'testing.hedong.callng': { kind: 'call' } } }), where),
    );
    expect(replace.message).toMatch(
      /^v\.json: variants\.x: testing\.hedong\.callng: expected .*did you mean "calling"\?/,
    );
    const index = thrown(() =>
      checkSpecChanges(spec, changes({ set: { 'testing.hedong.flow.9.size': 20 } }), where),
    );
    expect(index.message).toMatch(
      /^v\.json: variants\.x: testing\.hedong\.flow\.9: expected an index of the list here/,
    );
  });

  it('names the file, entry and path of a value the spec refuses', () => {
    const e = thrown(() => checkSpecChanges(spec, changes({ set: { 'testing.hedong.points': 0 } }), where));
    expect(e).toBeInstanceOf(ParameterError);
    expect(e.message).toMatch(/v\.json: variants\.x: testing\.hedong\.points: expected/);
    const shares = thrown(() =>
      checkSpecChanges(spec, changes({ set: { 'testing.hedong.people.type.qr': 0.9 } }), where),
    );
    expect(shares.message).toMatch(
      /v\.json: variants\.x: testing\.hedong\.people\.type: expected shares that sum to 1/,
    );
  });

  it('puts a replaced value as a whole and a set value merged, replace first', () => {
    const calling = { kind: 'call', at: '19:30', within: '3 h' };
    const out = applySpecChanges(
      spec,
      changes({
        replace: { 'testing.hedong.calling': calling },
        set: { 'testing.hedong.calling.at': '20:00' },
      }),
    ) as { testing: { hedong: { calling: unknown } } };
    expect(out.testing.hedong.calling).toEqual({ ...calling, at: '20:00' });
  });

  it('as one merged override gives the spec the changes give (set changes of numbers)', () => {
    const paths = [
      'testing.hedong.turnout',
      'testing.hedong.residents',
      'testing.hedong.points',
      'testing.yunda.residents',
      'testing.hedong.staff.clerks',
      'testing.hedong.staff.swabbers',
    ];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...paths), fc.integer({ min: 1, max: 500 }), { minKeys: 1 }),
        (set) => {
          const c = changes({ set });
          expect(overrideSpec(spec, specChangesOverrides(c))).toEqual(applySpecChanges(spec, c));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a replace that drops keys is not a merge: the two specs differ (the staff command refuses it)', () => {
    const path = 'times.registration';
    const c = changes({ replace: { [path]: { qr: { dist: 'uniform', min: '5 s', max: '8 s' } } } });
    expect(overrideSpec(spec, specChangesOverrides(c))).not.toEqual(applySpecChanges(spec, c));
  });

  it('specChanges fills absent fields', () => {
    expect(specChanges({ set: { a: 1 } })).toEqual({ set: { a: 1 }, replace: {} });
  });
});

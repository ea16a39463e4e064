/**
 * Malformed command lines, run in process through `main` with a captured io: every one ends with
 * exit code 2 and one paragraph on stderr naming the flag (or parameter path) and the value given,
 * with nothing on stdout — never a run, a crash or a silent default. Seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { capture, fixture } from '../cli/helpers.js';
import { SEED } from './oracle.js';

const DESK = fixture('desk.ts');

/** Not a decimal whole number (or out of range) for a count flag. */
const BAD_COUNT = fc.oneof(
  fc.constantFrom(
    '0x10',
    '1e3',
    '0b11',
    '0o7',
    '1.5',
    '-1',
    '0',
    '',
    ' ',
    'Infinity',
    'NaN',
    '٣',
    '1_000',
    '99999999999999999999',
  ),
  fc.stringMatching(/^[a-z]{1,6}$/),
  fc.integer({ min: 10_001, max: 1e9 }).map(String),
);

const BAD_SET = fc.oneof(
  fc.constantFrom('servers', '=3', 'servers', '.servers=3', 'servers..x=1', 'a b=1'),
  fc.constantFrom(
    'servers=null',
    'servers={}',
    'servers=[1]',
    'service=3',
    'service.mean=null',
    'servers=true',
  ),
  fc.stringMatching(/^[a-z]{3,8}$/).map((k) => `${k}q=1`),
);

describe('surgesim run: bad flags', () => {
  const cases: [string, fc.Arbitrary<string[]>, string][] = [
    ['--replications', BAD_COUNT.map((v) => ['--replications', v]), '--replications'],
    [
      '--seed',
      BAD_COUNT.filter((v) => !/^\d+$/.test(v) && v !== '-1' && v !== '0').map((v) => ['--seed', v]),
      '--seed',
    ],
    ['--workers', BAD_COUNT.filter((v) => !/^\d+$/.test(v)).map((v) => ['--workers', v]), '--workers'],
    ['--set', BAD_SET.map((v) => ['--set', v]), ''],
    [
      'an unknown flag',
      fc
        .constantFrom('--replicatons', '--sed', '--ouT', '--jsn', '-x', '--force=1', '--allow-larg')
        .map((f) => [f]),
      '',
    ],
  ];
  for (const [what, args, flag] of cases)
    it(`${what}: 60 malformed values, each exit 2 naming it, nothing run`, async () => {
      await fc.assert(
        fc.asyncProperty(args, async (extra) => {
          const c = capture();
          const code = await main(['run', DESK, '-n', '2', '--seed', '1', '-q', ...extra], c.io);
          expect(code, c.err()).toBe(2);
          expect(c.out()).toBe('');
          expect(c.err()).toMatch(/^surgesim run: [^\n]+\n$/);
          if (flag) expect(c.err()).toContain(flag);
          // The flag and the value given, quoted — unless the parser took a value starting with '-'
          // for a flag, which it says in its own words.
          const value = extra[1];
          if (value !== undefined && flag && !c.err().includes('is ambiguous')) {
            expect(c.err()).toContain(`${flag}: expected`);
            if (value.trim() !== '') expect(c.err()).toContain(JSON.stringify(value));
          }
        }),
        { seed: SEED, numRuns: 60 },
      );
    });

  it('compare: bad counts, levels and sides are exit 2 naming the flag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          BAD_COUNT.map((v) => ['--replications', v, '--replications']),
          fc.constantFrom('1e-2', '0x1', 'high', '', '1.5', '0').map((v) => ['--level', v, '--level']),
          BAD_SET.map((v) => ['--set-b', v, '']),
        ),
        async ([flag, value, named]) => {
          const c = capture();
          const code = await main(
            ['compare', DESK, DESK, '-n', '2', '--seed', '1', '-q', flag!, value!],
            c.io,
          );
          expect(code, c.err()).toBe(2);
          expect(c.out()).toBe('');
          if (named) expect(c.err()).toContain(`${named}`);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });
});

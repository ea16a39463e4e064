/**
 * `runCommand`, the one frame of every subcommand (run, compare, sweep): strict flags, `--help`
 * prints the usage without running anything, errors become one line with the command's prefix and
 * exit 2 (bad input) or 1 (a failed run), and `--debug` adds the stack.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/io.js';
import { ParameterError } from '../../src/index.js';
import { capture } from './helpers.js';

const LINE = {
  options: {
    n: { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  usage: 'usage: demo [options]',
  prefix: 'surgesim demo',
  help: "see 'surgesim demo --help'",
} as const;

describe('runCommand', () => {
  it('hands the flags and positionals to the body; exit 0', async () => {
    const c = capture();
    const seen: unknown[] = [];
    const code = await runCommand(['a.json', '--n', '3'], c.io, LINE, async (values, positionals) => {
      seen.push(values.n, positionals);
    });
    expect(code).toBe(0);
    expect(seen).toEqual(['3', ['a.json']]);
    expect(c.err()).toBe('');
  });

  it('--help prints the usage and runs nothing', async () => {
    const c = capture();
    let ran = false;
    expect(
      await runCommand(['-h', '--n', '3'], c.io, LINE, async () => {
        ran = true;
      }),
    ).toBe(0);
    expect(ran).toBe(false);
    expect(c.out()).toBe('usage: demo [options]\n');
  });

  it('an unknown flag: one line with the prefix and where to get help, exit 2', async () => {
    const c = capture();
    expect(await runCommand(['--frob'], c.io, LINE, async () => {})).toBe(2);
    expect(c.err()).toMatch(/^surgesim demo: Unknown option '--frob' \(see 'surgesim demo --help'\)\n$/);
  });

  it('a bad parameter exits 2, a failure while running exits 1; --debug adds the stack', async () => {
    const bad = capture();
    const throwBad = async () => {
      throw new ParameterError('--n', 'a whole number', 'x');
    };
    expect(await runCommand([], bad.io, LINE, throwBad)).toBe(2);
    expect(bad.err()).toBe('surgesim demo: --n: expected a whole number, got "x"\n');
    const failed = capture();
    expect(
      await runCommand(['--debug'], failed.io, LINE, async () => {
        throw new Error('boom');
      }),
    ).toBe(1);
    expect(failed.err()).toMatch(/^surgesim demo: boom\nError: boom\n\s+at /);
  });
});

/**
 * What the command line writes to, and how it reports failures (Node only). Commands take a
 * {@link CliIo} so tests and notebooks can run them in process and capture the output; the default
 * writes to the process's streams.
 *
 * Exit codes: 0 success; 2 bad arguments, parameters or scenario (nothing ran); 1 a failure while
 * running (the message names the replication, its seed and the simulated time).
 *
 * @module
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ParameterError, SurgesimError } from '../kernel/errors.js';

/** The flags of a command, as `parseArgs` options. */
type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Output of a command: text to stdout, text to stderr, and the stderr stream itself (for the
 * progress bar, which needs to know whether it is a terminal).
 *
 * @example
 * ```ts
 * let out = '';
 * const io: CliIo = { out: (s) => (out += s), err: () => {}, errStream: process.stderr, errIsTTY: false };
 * ```
 */
export interface CliIo {
  /** Write `text` to the command's standard output. */
  readonly out: (text: string) => void;
  /** Write `text` to the command's standard error. */
  readonly err: (text: string) => void;
  /** Where a progress bar is drawn. */
  readonly errStream: NodeJS.WritableStream;
  /** Whether `errStream` is a terminal (no bar otherwise). */
  readonly errIsTTY: boolean;
}

/**
 * The process's streams.
 *
 * @example
 * ```ts
 * const code = await runScenarioScript(scenario, process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): CliIo {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    errStream: process.stderr,
    errIsTTY: process.stderr.isTTY === true,
  };
}

/**
 * A mistake in how a command was called (unknown flag, missing file argument): exit code 2 and a
 * pointer to `--help`.
 *
 * @example
 * ```ts
 * throw new UsageError('compare needs two scenario files');
 * ```
 */
export class UsageError extends SurgesimError {
  override name = 'UsageError';
}

/**
 * Exit code for bad input (nothing ran).
 *
 * @internal
 * @example
 * ```ts
 * if (code === EXIT_USAGE) console.error('fix the arguments');
 * ```
 */
export const EXIT_USAGE = 2;
/**
 * Exit code for a failure while running.
 *
 * @internal
 * @example
 * ```ts
 * if (code === EXIT_FAILURE) console.error('a replication failed');
 * ```
 */
export const EXIT_FAILURE = 1;

/**
 * Report an error as one paragraph on stderr (the stack only with `debug`) and return its exit code:
 * 2 for usage and parameter errors, 1 for anything that failed while running.
 *
 * @param e - the error.
 * @param options.prefix - the command, e.g. `surgesim run` or the scenario name.
 * @param options.help - how to get help, added to usage errors.
 * @example
 * ```ts
 * catch (e) { return reportError(e, io, { prefix: 'surgesim run', help: "see 'surgesim run --help'", debug }); }
 * ```
 */
export function reportError(
  e: unknown,
  io: CliIo,
  options: { readonly prefix: string; readonly help: string; readonly debug: boolean },
): number {
  const parse = isParseArgsError(e);
  const usage = parse || e instanceof UsageError;
  const bad = usage || e instanceof ParameterError;
  const raw = e instanceof Error ? e.message : String(e);
  const message = parse ? firstSentence(raw) : raw;
  const text = usage ? `${message} (${options.help})` : message;
  io.err(`${options.prefix}: ${text}\n`);
  if (options.debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  else if (!bad && !(e instanceof SurgesimError) && e instanceof Error)
    io.err('(an unexpected error: run again with --debug for the stack trace)\n');
  return bad ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * What {@link runCommand} needs to know of a command: its flags (`parseArgs` options, which must
 * include `help` and `debug`), its `--help` text, and how its errors are introduced.
 *
 * @internal
 * @example
 * ```ts
 * const sweep: CommandLine<typeof SWEEP_OPTIONS> = {
 *   options: SWEEP_OPTIONS, usage: SWEEP_USAGE, prefix: 'surgesim sweep', help: "see 'surgesim sweep --help'",
 * };
 * ```
 */
export interface CommandLine<O extends Options> {
  /** The flags, as `parseArgs` options. */
  readonly options: O;
  /** Printed on stdout for `--help`. */
  readonly usage: string;
  /** Starts every error message, e.g. `surgesim run`. */
  readonly prefix: string;
  /** How to get help, added to usage errors. */
  readonly help: string;
}

/** The flags and positionals `parseArgs` gives for these options (strict, positionals allowed). */
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

/**
 * Run a subcommand: parse `argv` strictly against its flags, print its usage for `--help`, else
 * hand the flags and positionals to `body`; an error is reported as {@link reportError} does (the
 * stack with `--debug`, even when parsing failed). One frame for every subcommand, so they agree on
 * `--help`, `--debug` and exit codes.
 *
 * @internal
 * @returns the exit code: 0 success (or `--help`), 2 bad input, 1 a failed run.
 * @example
 * ```ts
 * return runCommand(argv, io, sweepLine, async (values, positionals) => { ... });
 * ```
 */
export async function runCommand<const O extends Options>(
  argv: readonly string[],
  io: CliIo,
  command: CommandLine<O>,
  body: (values: Parsed<O>['values'], positionals: string[]) => Promise<void>,
): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: command.options,
      strict: true,
      allowPositionals: true,
    });
    const flags = values as { readonly debug?: unknown; readonly help?: unknown };
    debug = flags.debug === true;
    if (flags.help === true) {
      io.out(`${command.usage}\n`);
      return 0;
    }
    await body(values as Parsed<O>['values'], positionals);
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: command.prefix, help: command.help, debug });
  }
}

/** node:util parseArgs errors carry a code starting with ERR_PARSE_ARGS. */
function isParseArgsError(e: unknown): boolean {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** parseArgs explains how to pass a positional starting with '-'; the first sentence is what matters. */
function firstSentence(message: string): string {
  const i = message.search(/\.\s/);
  return i < 0 ? message.replace(/\.$/, '') : message.slice(0, i);
}

/** A decimal whole number as people write it: digits, an optional sign, no exponent, no `0x`. */
const DECIMAL_INTEGER = /^[+-]?\d+$/;
/** A decimal number: digits with an optional fraction; no exponent, no `0x`, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Parse a whole number given on the command line: decimal digits only, so `0x10`, `1e3`, `0b1`,
 * `16.0` and `Infinity` are errors rather than numbers JavaScript happens to accept.
 *
 * @param text - the flag's value.
 * @param flag - the flag, for the message.
 * @param min - the smallest value allowed, if any.
 * @throws {@link surgesim!ParameterError} naming the flag.
 * @example
 * ```ts
 * parseInteger('30', '--replications'); // 30
 * parseInteger('0x10', '--replications'); // throws "--replications: expected a whole number, got "0x10""
 * ```
 */
export function parseInteger(text: string, flag: string, min?: number): number {
  const trimmed = text.trim();
  const n = Number(trimmed);
  const expected = min === undefined ? 'a whole number' : `a whole number ≥ ${min}`;
  if (!DECIMAL_INTEGER.test(trimmed) || !Number.isSafeInteger(n) || (min !== undefined && n < min))
    throw new ParameterError(flag, expected, text);
  return n;
}

/**
 * Parse a number given on the command line: decimal notation only (`0.95`, `-2`, `.5`), so `0x1`,
 * `1e-2` and `Infinity` are errors.
 *
 * @param text - the flag's value.
 * @param flag - the flag, for the message.
 * @throws {@link surgesim!ParameterError} naming the flag.
 * @example
 * ```ts
 * parseDecimal('0.95', '--level'); // 0.95
 * ```
 */
export function parseDecimal(text: string, flag: string): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw new ParameterError(flag, 'a decimal number', text);
  return Number(trimmed);
}

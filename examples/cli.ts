/**
 * A tiny flag reader shared by the examples: `--name value` or `--name=value`, with a typed default.
 * Unknown flags and bad values stop the example with a message that names the flag.
 */
const argv = process.argv.slice(2);

/** The value of `--name` (a number if the default is a number), or the default. */
export function flag<T extends number | string>(name: string, fallback: T): T {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) raw = argv[i + 1];
    else if (a.startsWith(`--${name}=`)) raw = a.slice(name.length + 3);
  }
  if (raw === undefined) return fallback;
  if (typeof fallback === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      console.error(`--${name}: expected a number, got ${JSON.stringify(raw)}`);
      process.exit(2);
    }
    return n as T;
  }
  return raw as T;
}

/** True if `--name` is present. */
export function has(name: string): boolean {
  return argv.includes(`--${name}`);
}

/**
 * Expressions in a campaign spec: a string starting with `=` is arithmetic that a planner writes
 * instead of a worked-out number — `"=round(126351 * 93%)"`, `"=1 per 600 people"`,
 * `"=(6 h) / 2"`, `"=2 h 30 min + 15 min"`, `"=19:00 + 90 min"` — evaluated by mathjs.
 *
 * The spec's own vocabulary is read before mathjs sees the text, so an expression means what the
 * same words mean elsewhere in the spec: every duration (`2 h 30 min`, `1.5 d`, `250 ms`) is read by
 * the library's `duration` and handed to mathjs in seconds; a clock time (`19:00`, `+1d 01:00`) is
 * placed with the spec's epoch; `#name` is a fixed duration of the spec's `times`; `A per B` is
 * `(A) / (B)`; `people` (also `person`, `persons`) is a unit, so a staffing ratio is a count per
 * person. mathjs adds the arithmetic, `%` (`93%` is 0.93; note that mathjs reads `100 + 3%` as
 * 103) and `round`, `ceil`, `floor`, `min`, `max`, `abs`.
 *
 * mathjs is built from the few factories those need (not `create(all)`): the language holds nothing
 * else a spec could reach (no matrices, no `createUnit`, no symbolic algebra), a browser bundle keeps
 * only those factories, and creating the instance is cheaper. It is loaded only when a spec has an
 * expression: synchronously under Node (`process.getBuiltinModule` gives `createRequire` without a
 * static import of a Node built-in, so this module stays browser-safe), which keeps `checkSpec`,
 * `planCampaign` and worker threads synchronous; in a browser, `await loadExpressions()` first.
 *
 * @module
 */
import type { FactoryFunctionMap, MathJsInstance, Unit } from 'mathjs';
import { duration, type Epoch, formatValue } from '../../src/index.js';

/**
 * The kind of value an expression stands for, which decides how its result is read:
 * `count` (a number, a number of people, or a ratio per person times the area's people, rounded
 * up), `share` and `number` (plain numbers), `duration` and `clock` (a time, in seconds; a clock
 * is a time after the epoch and must mention a clock time), `rate` (per time, in per second).
 *
 * @example
 * ```ts
 * const k: ExpressionKind = 'duration';
 * ```
 */
export type ExpressionKind = 'count' | 'share' | 'number' | 'duration' | 'clock' | 'rate';

/**
 * What an expression may refer to besides numbers and units.
 *
 * @example
 * ```ts
 * const scope: ExpressionScope = {
 *   epoch: new Epoch('2022-04-13T00:00+08:00'),
 *   time: () => 30,
 *   symbol: (name) => (name === 'residents' ? 6000 : undefined),
 * };
 * ```
 */
export interface ExpressionScope {
  /** The spec's epoch, to place clock times written in the expression. */
  readonly epoch: Epoch;
  /** The seconds of the shared time `#name`, or an explanation why it has none (unknown, a distribution, a cycle). */
  readonly time: (name: string) => number | string;
  /**
   * The value of a name the expression uses (e.g. `residents` of its testing area), why it has none,
   * or `undefined` when the name means nothing here. Asked only for names the expression uses.
   */
  readonly symbol?: (name: string) => number | string | undefined;
  /** The population a ratio per person is taken of (a testing area's people), or why there is none; asked only for a ratio. */
  readonly population?: () => number | string;
}

/**
 * An expression's value, or the reason it has none (said in plain words, to go in an issue's
 * `expected`).
 *
 * @example
 * ```ts
 * const r: ExpressionResult = { ok: false, expected: 'a duration (the expression gives 3 people)' };
 * ```
 */
export type ExpressionResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly expected: string };

/**
 * Whether a value is an expression: a string whose first non-blank character is `=`.
 *
 * @example
 * ```ts
 * isExpression('=1 per 600 people'); // true
 * isExpression('40 s');              // false
 * ```
 */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && /^\s*=/.test(value);
}

type MathModule = Pick<typeof import('mathjs'), 'create'>;

/**
 * The mathjs functions an expression may use, and what evaluating needs (`mathjsParts.ts` imports
 * exactly their factories).
 *
 * @internal
 * @example
 * ```ts
 * FACTORIES.includes('round'); // true
 * ```
 */
export const FACTORIES = [
  'evaluate',
  'add',
  'subtract',
  'multiply',
  'divide',
  'unaryMinus',
  'unaryPlus',
  'pow',
  'mod',
  'round',
  'ceil',
  'floor',
  'min',
  'max',
  'abs',
  'unit',
] as const;

let engine: MathJsInstance | undefined;

function install(mathjs: MathModule): MathJsInstance {
  if (engine) return engine;
  const lib = mathjs as unknown as Record<string, unknown>;
  const math = mathjs.create(
    Object.fromEntries(
      FACTORIES.map((f) => [`${f}Dependencies`, lib[`${f}Dependencies`]]),
    ) as FactoryFunctionMap,
  );
  math.Unit.createUnit({ person: { aliases: ['people', 'persons'] } });
  engine = math;
  return math;
}

/**
 * Load mathjs, which evaluates a spec's expressions (`"=19:00 + 90 min"`), with a dynamic `import()`.
 * In a browser (or a bundle without Node's `require`) call it before checking, planning or running
 * a spec that has expressions: there they cannot load it on first use, and say so. Under Node they
 * load it themselves on first use; call it there to pay that cost ahead of time (before timing a
 * run, or before a page of specs). Loading twice is harmless.
 *
 * @example
 * ```ts
 * import { checkSpec, loadExpressions } from 'surgesim/models';
 * await loadExpressions();
 * checkSpec(spec); // may now evaluate expressions anywhere
 * ```
 */
export async function loadExpressions(): Promise<void> {
  if (!engine) install(await import('./mathjsParts.js'));
}

/** The engine, loading mathjs synchronously under Node when it is not loaded yet. */
function mathEngine(): MathJsInstance | undefined {
  if (engine) return engine;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as
    | { createRequire(url: string): (id: string) => unknown }
    | undefined;
  if (!nodeModule) return undefined;
  return install(nodeModule.createRequire(import.meta.url)('mathjs') as MathModule);
}

/**
 * Whether mathjs has been loaded in this process (for tests and start-up measurements).
 *
 * @example
 * ```ts
 * expressionsLoaded(); // false until a spec with an expression is checked or planned
 * ```
 */
export function expressionsLoaded(): boolean {
  return engine !== undefined;
}

const NUMBER = String.raw`\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`;
/** A clock time inside an expression: `19:00`, `19:00:30`, `+1d 01:00`. */
const CLOCK_RE = /(\+\s*\d+\s*d\s+)?\b\d{1,2}:\d{2}(?::\d{2})?\b/g;
/** A run of quantities, `2 h 30 min`: numbers each followed by a word (not a function call). */
const QUANTITY_RE = new RegExp(
  String.raw`(?<![\w.])${NUMBER}\s*[A-Za-z]+(?:\s+${NUMBER}\s*[A-Za-z]+)*\b(?!\s*\()`,
  'g',
);
/** A word standing alone (`per h`), not a function call and not a symbol we made. */
const WORD_RE = /(?<![\w.])[A-Za-z]+\b(?!\s*\()/g;
const REF_RE = /#([A-Za-z0-9][A-Za-z0-9_-]*)/g;

/** The seconds a duration text stands for, or undefined when it is not one. */
function seconds(text: string): number | undefined {
  try {
    return duration(text);
  } catch {
    return undefined;
  }
}

/**
 * `A per B` is `(A) / (B)` within the parenthesised group (or function argument) it stands in.
 *
 * @example
 * ```ts
 * rewritePer('1 per 600 people'); // '(1) / (600 people)'
 * ```
 */
export function rewritePer(text: string): string {
  const m = /\bper\b/.exec(text);
  if (!m) return text;
  // The group around `per`: back to the unmatched "(" or "," before it, on to the unmatched ")" or "," after.
  let start = m.index;
  for (let depth = 0; start > 0; start--) {
    const c = text[start - 1]!;
    if (c === ')') depth++;
    else if (c === '(' || c === ',') {
      if (depth === 0) break;
      if (c === '(') depth--;
    }
  }
  let end = m.index + 3;
  for (let depth = 0; end < text.length; end++) {
    const c = text[end]!;
    if (c === '(') depth++;
    else if (c === ')' || c === ',') {
      if (depth === 0) break;
      if (c === ')') depth--;
    }
  }
  const left = text.slice(start, m.index).trim();
  const right = text.slice(m.index + 3, end).trim();
  return rewritePer(`${text.slice(0, start)}(${left}) / (${right})${text.slice(end)}`);
}

/** A value as mathjs prints it, for messages. */
function shown(math: MathJsInstance, v: unknown): string {
  if (math.isUnit(v)) {
    const u = v as Unit;
    return u.equalBase(math.unit('s')) ? `${u.toNumber('s')} s` : u.toString();
  }
  if (typeof v === 'number' || (v !== null && typeof v === 'object')) return String(v);
  return formatValue(v);
}

/** What each kind is, in the words of an issue's `expected`. */
const KIND_TEXT: Record<ExpressionKind, string> = {
  count: 'a count (a number, a number of people, or a ratio like "=1 per 600 people")',
  share: 'a share (a number like "=1 - 45%")',
  number: 'a number',
  duration: 'a duration (a time like "=(6 h) / 2")',
  clock: 'a clock time (a time like "=19:00 + 90 min")',
  rate: 'a rate (a number per time like "=331 per min")',
};

/**
 * Evaluate an expression (`text`, with its leading `=`) as a value of `kind`: a count, share or
 * number as a number; a duration or clock in seconds (a clock after the epoch); a rate per second.
 * A count must come out a whole number (write `round(…)`, `ceil(…)` or `floor(…)`), except a ratio
 * per person, which is multiplied by `scope.population` and rounded up ("one per 600 people" means
 * no more than 600 people each). Never throws: a bad expression, a wrong unit or a non-integer
 * count is a result that says why, in plain words.
 *
 * @example
 * ```ts
 * evaluateExpression('=2 h 30 min + 15 min', 'duration', scope); // { ok: true, value: 9900 }
 * evaluateExpression('=3 people', 'duration', scope).ok;        // false
 * ```
 */
export function evaluateExpression(
  text: string,
  kind: ExpressionKind,
  scope: ExpressionScope,
): ExpressionResult {
  const fail = (expected: string): ExpressionResult => ({ ok: false, expected });
  const math = mathEngine();
  if (!math) return fail('a value (expressions need mathjs: call await loadExpressions() first)');
  const values = new Map<string, unknown>();
  let body = text.replace(/^\s*=/, '');
  let problem: string | undefined;
  // `#name`: a shared time, in seconds.
  body = body.replace(REF_RE, (_, name: string) => {
    const t = scope.time(name);
    if (typeof t === 'string') problem ??= t;
    const sym = `__ref${values.size}`;
    values.set(sym, math.unit(typeof t === 'number' ? t : 0, 's'));
    return sym;
  });
  // Clock times: seconds after the epoch, shifted in a second evaluation to see how the result
  // depends on them (a clock must move with them once, a duration not at all).
  const clocks: string[] = [];
  const clockValues: number[] = [];
  body = body.replace(CLOCK_RE, (clock: string) => {
    try {
      clockValues.push(
        scope.epoch.at(clock.replace(/\s+/g, ' ').trim(), { path: 'expression', before: 'error' }),
      );
    } catch (e) {
      problem ??= `clock times after the epoch (${clock.trim()}: ${(e as { expected?: string }).expected ?? 'not a clock time'})`;
      clockValues.push(0);
    }
    const sym = `__clock${clocks.length}`;
    clocks.push(sym);
    return sym;
  });
  if (problem) return fail(problem);
  body = body.replace(QUANTITY_RE, (q: string) => {
    const s = seconds(q);
    return s === undefined ? q : `(${s} s)`;
  });
  body = rewritePer(body);
  body = body.replace(WORD_RE, (w: string) => {
    if (w === 's') return w;
    const v = scope.symbol?.(w);
    if (typeof v === 'string') problem ??= v;
    if (v !== undefined) {
      values.set(w, typeof v === 'number' ? v : 0);
      return w;
    }
    const s = seconds(`1 ${w}`);
    return s === undefined ? w : `(${s} s)`;
  });
  if (problem) return fail(problem);

  const run = (shift: number): unknown => {
    const vars = new Map<string, unknown>(values);
    for (const [i, sym] of clocks.entries()) vars.set(sym, math.unit(clockValues[i]! + shift, 's'));
    return math.evaluate(body, vars);
  };
  let result: unknown;
  let shifted: unknown;
  try {
    result = run(0);
    shifted = clocks.length > 0 ? run(SHIFT) : result;
  } catch (e) {
    return fail(`an expression mathjs can evaluate (${(e as Error).message})`);
  }
  const gives = ` (the expression gives ${shown(math, result)})`;
  const unit = math.isUnit(result) ? (result as Unit) : undefined;
  const inSeconds = (v: unknown) =>
    math.isUnit(v) && (v as Unit).equalBase(math.unit('s')) ? (v as Unit).toNumber('s') : undefined;

  let value: number | undefined;
  switch (kind) {
    case 'duration':
    case 'clock':
      value = inSeconds(result);
      break;
    case 'rate':
      value = unit?.equalBase(math.unit('Hz')) ? unit.toNumber('Hz') : undefined;
      break;
    case 'count':
      if (unit?.equalBase(math.evaluate('1 / person') as Unit)) {
        const population = scope.population?.() ?? 'a population';
        if (typeof population !== 'number')
          return fail(`${KIND_TEXT.count}; a ratio per person needs ${population}${gives}`);
        // `value` of a per-person unit is per one person; the tolerance keeps 1200 / 600 at 2, not 3.
        value = Math.ceil((unit.value as number) * population - 1e-9);
      } else if (unit?.equalBase(math.unit('person'))) value = unit.toNumber('person');
      else value = typeof result === 'number' ? result : undefined;
      break;
    default:
      value = typeof result === 'number' ? result : undefined;
  }
  if (value === undefined || !Number.isFinite(value)) return fail(`${KIND_TEXT[kind]}${gives}`);
  if (kind === 'count') {
    const whole = Math.round(value);
    if (Math.abs(value - whole) > 1e-9 * Math.max(1, Math.abs(value)))
      return fail(`a whole number: write round(…), ceil(…) or floor(…) around it${gives}`);
    value = whole;
  }
  // How the result moves with the clock times: once for a clock, not at all for anything else.
  const base = (v: unknown) => (math.isUnit(v) ? ((v as Unit).value as number) : Number(v));
  const degree = clocks.length === 0 ? 0 : (base(shifted) - base(result)) / SHIFT;
  if (kind === 'clock' && Math.abs(degree - 1) > 1e-9)
    return fail(
      clocks.length === 0
        ? 'a clock time: write one in the expression, like "=19:00 + 90 min"'
        : `a clock time: a clock plus or minus durations (not a sum or multiple of clock times)${gives}`,
    );
  if (kind !== 'clock' && Math.abs(degree) > 1e-9)
    return fail(`${KIND_TEXT[kind]}: clock times only as differences, like "=21:00 - 19:00"${gives}`);
  return { ok: true, value };
}

/** How far the second evaluation moves the clock times, seconds (a power of two: exact arithmetic). */
const SHIFT = 2 ** 20;

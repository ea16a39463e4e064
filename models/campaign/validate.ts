/**
 * Checking a spec against the campaign schema before anything runs: every problem at once, each
 * naming its path in the spec and the bad value.
 *
 * The zod schema (schema.ts) checks shapes, types, ranges, units and clock grammar; this module adds
 * the references between parts that a schema of one value cannot see — `"#name"` to an entry of
 * `times`, `fittedTo` to a figure or metric id, `gate.site` to an isolation site — and the values of
 * expressions and references (resolve.ts: mathjs is loaded only when the spec has an expression),
 * and reports all of them together in one `SpecError`.
 *
 * @module
 */
import { oneOfNames } from '../../src/index.js';
import { didYouMean, fromZodIssues, pathText, SpecError, type SpecIssue } from './issues.js';
import { needsResolving, resolveValues } from './resolve.js';
import { campaignSpec } from './schema.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const keysOf = (v: unknown): string[] => (isObj(v) ? Object.keys(v) : []);

/** Free-text fields: a `#` at their start is text, not a reference. */
const TEXT_KEYS = new Set([
  '$schema',
  'title',
  'description',
  'sources',
  'label',
  'note',
  'source',
  'check',
  'read',
  'since',
]);

const REF = /^#[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Every reference between parts of the spec that does not resolve. */
function referenceIssues(spec: unknown): SpecIssue[] {
  if (!isObj(spec)) return [];
  const issues: SpecIssue[] = [];
  const times = keysOf(spec.times);
  const ids = [spec.figures, spec.metrics].flatMap((list) =>
    Array.isArray(list)
      ? list.map((f) => (isObj(f) ? f.id : undefined)).filter((id) => typeof id === 'string')
      : [],
  ) as string[];

  const walk = (v: unknown, keys: (string | number)[]): void => {
    if (typeof v === 'string') {
      if (REF.test(v) && !times.includes(v.slice(1)))
        issues.push({
          path: pathText(keys),
          expected: oneOfNames(
            'a reference to one of the shared times',
            times.map((k) => `#${k}`),
            v,
          ),
          value: v,
        });
      return;
    }
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...keys, i]);
      return;
    }
    if (!isObj(v)) return;
    if (v.basis === 'fitted' && typeof v.fittedTo === 'string' && !ids.includes(v.fittedTo))
      issues.push({
        path: pathText([...keys, 'fittedTo']),
        expected: oneOfNames('the id of a figure or metric', ids, v.fittedTo),
        value: v.fittedTo,
      });
    for (const [k, x] of Object.entries(v)) if (!TEXT_KEYS.has(k)) walk(x, [...keys, k]);
  };
  walk(spec, []);

  const sites = keysOf(spec.isolation);
  if (isObj(spec.transfers))
    for (const [name, t] of Object.entries(spec.transfers)) {
      const gate = isObj(t) ? t.gate : undefined;
      if (isObj(gate) && typeof gate.site === 'string' && !sites.includes(gate.site))
        issues.push({
          path: pathText(['transfers', name, 'gate', 'site']),
          expected: oneOfNames('an isolation site', sites, gate.site),
          value: gate.site,
        });
    }
  return issues;
}

/** The outcome a testing area counts: its results (tested, by the deadline, the last swab) read it. */
const TESTED = 'tested';

/** Every `leave` step of a flow, branches' routes included, with its path. */
function leaves(
  steps: unknown,
  keys: (string | number)[],
  out: { keys: (string | number)[]; outcome: string }[],
) {
  if (!Array.isArray(steps)) return;
  for (const [i, step] of steps.entries()) {
    if (!isObj(step)) continue;
    if (typeof step.leave === 'string') out.push({ keys: [...keys, i, 'leave'], outcome: step.leave });
    if (Array.isArray(step.routes))
      for (const [k, r] of step.routes.entries())
        leaves(isObj(r) ? r.steps : undefined, [...keys, i, 'routes', k, 'steps'], out);
    else if (isObj(step.routes))
      for (const [value, route] of Object.entries(step.routes))
        leaves(route, [...keys, i, 'routes', value], out);
  }
}

/**
 * Every flow a testing area runs must let people leave `tested`: a flow without it would run and
 * leave the area's results nothing to count. A `leave` whose outcome is a slip of it is named at
 * the step, with the suggestion (once, however many areas share the flow); otherwise each area's
 * `flow`, with the outcomes its flow has.
 */
function flowIssues(spec: unknown): SpecIssue[] {
  if (!isObj(spec) || !isObj(spec.testing)) return [];
  const flows = isObj(spec.flows) ? spec.flows : {};
  const issues = new Map<string, SpecIssue>();
  for (const [area, a] of Object.entries(spec.testing)) {
    if (!isObj(a)) continue;
    const named = typeof a.flow === 'string';
    const steps = named ? flows[a.flow as string] : a.flow;
    if (!Array.isArray(steps)) continue;
    const found: { keys: (string | number)[]; outcome: string }[] = [];
    leaves(steps, named ? ['flows', a.flow as string] : ['testing', area, 'flow'], found);
    if (found.some((l) => l.outcome === TESTED)) continue;
    const slip = found.find((l) => didYouMean(l.outcome, [TESTED]) !== undefined);
    const issue: SpecIssue =
      slip !== undefined
        ? {
            path: pathText(slip.keys),
            expected: `"${TESTED}", the outcome a testing area counts (did you mean "${TESTED}"?)`,
            value: slip.outcome,
          }
        : {
            path: pathText(['testing', area, 'flow']),
            expected: `a flow with a step { "leave": "${TESTED}" }, the outcome a testing area counts (${named ? `flow "${a.flow}"` : 'this flow'} ${
              found.length === 0
                ? 'has no leave step'
                : `leaves only ${[...new Set(found.map((l) => `"${l.outcome}"`))].join(', ')}`
            })`,
            value: a.flow,
          };
    issues.set(issue.path, issue);
  }
  return [...issues.values()];
}

/**
 * Throw a `SpecError` listing every problem of `spec` — its shape against the campaign schema, its
 * references between parts, and expressions that have no value of their field's kind — before
 * anything runs — among them a testing area's flow in which nobody leaves `tested`. What needs the plan (roles a flow uses,
 * clock times after the epoch) is checked next by `planCampaign`.
 *
 * @throws SpecError (a ParameterError) with one issue per problem: path, expected, value.
 * @example
 * ```ts
 * checkSpec(JSON.parse(text));
 * ```
 */
export function checkSpec(spec: unknown): void {
  const parsed = campaignSpec.safeParse(spec);
  const issues = [
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues, spec)),
    ...referenceIssues(spec),
    ...flowIssues(spec),
    ...(needsResolving(spec) ? resolveValues(spec).issues : []),
  ];
  if (issues.length > 0) throw new SpecError(issues);
}

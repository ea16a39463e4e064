/**
 * A campaign spec as a runnable scenario, so everything that runs scenarios — `runScenario`,
 * `compareScenarios`, the `surgesim` command, reports, notebooks — runs a spec the same way as a
 * TypeScript scenario.
 *
 * The scenario's parameters are the spec itself (plain JSON, annotations and all), so a result
 * carries the exact document that produced it. Changes (`--set path=value`) are merged with
 * {@link overrideSpec}: a value you set replaces the annotated one, and its annotation goes with it —
 * a changed fitted parameter no longer makes its figure a check, it makes it a prediction.
 *
 * @module
 */
import {
  defineScenario,
  oneOfNames,
  ParameterError,
  type Scenario,
  type ScenarioFigure,
} from '../../src/index.js';
import { bindingMetrics } from './binding.js';
import { campaignCharts } from './charts.js';
import { type ProvenanceRow, planCampaign } from './plan.js';
import { type CampaignPlan, type CampaignResult, figureValue, runCampaign } from './run.js';
import { checkSpec } from './validate.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isAnnotation = (v: unknown): v is Obj & { value: unknown } =>
  isObject(v) && 'value' in v && 'basis' in v;

/**
 * Merge overrides (nested objects, as `--set a.b=1` gives) into a spec. Objects merge key by key
 * (through an annotation's value), lists item by item when the override's keys are indices
 * (`{ flow: { 4: { size: 20 } } }`), except an object whose `kind` changes, which is replaced whole;
 * anything else replaces the old value, and the annotation around a
 * replaced value is dropped. A key the spec does not have is an error naming its path — except inside
 * `testing.<area>.staff` and `people`, where a new role or attribute value is a legitimate change.
 *
 * @example
 * ```ts
 * overrideSpec(spec, { transfers: { 'park-workers': { buses: 34 } } });
 * ```
 */
export function overrideSpec(spec: unknown, overrides: unknown, path = ''): unknown {
  if (overrides === undefined) return structuredClone(spec);
  if (isAnnotation(spec)) {
    const inner = overrideSpec(spec.value, overrides, path);
    // Setting part of an annotated object keeps its annotation only when nothing inside changed.
    return JSON.stringify(inner) === JSON.stringify(spec.value) ? structuredClone(spec) : inner;
  }
  if (Array.isArray(spec) && isObject(overrides)) {
    // A list is changed item by item through its index (`--set testing.hedong.flow.4.size=20`).
    const out: unknown[] = structuredClone(spec);
    for (const [key, value] of Object.entries(overrides)) {
      const at = path ? `${path}.${key}` : key;
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= spec.length)
        throw new ParameterError(at, `an index of the list here (0 to ${spec.length - 1})`, value);
      out[Number(key)] = overrideSpec(spec[Number(key)], value, at);
    }
    return out;
  }
  // An object that changes its `kind` (calling by `call` → by `slots`) is another shape: replaced.
  const sameKind = !(
    isObject(overrides) &&
    'kind' in overrides &&
    isObject(spec) &&
    overrides.kind !== spec.kind
  );
  if (isObject(spec) && isObject(overrides) && sameKind) {
    const out: Obj = structuredClone(spec);
    const open = /(^|\.)(staff|people(\.[^.]+)?|times|sources)$/.test(path);
    for (const [key, value] of Object.entries(overrides)) {
      const at = path ? `${path}.${key}` : key;
      if (!Object.hasOwn(spec, key) && !open)
        throw new ParameterError(
          at,
          oneOfNames("one of the spec's keys here", Object.keys(spec), key),
          value,
        );
      out[key] = Object.hasOwn(spec, key) ? overrideSpec(spec[key], value, at) : structuredClone(value);
    }
    return out;
  }
  return structuredClone(overrides);
}

type Planned = ReturnType<typeof planCampaign>;
const plans = new WeakMap<object, Planned>();

/** The plan of a spec and its provenance, made once per spec object (every replication of a run shares it). */
function planOf(spec: unknown): Planned {
  if (isObject(spec)) {
    const known = plans.get(spec);
    if (known) return known;
  }
  checkSpec(spec);
  const planned = planCampaign(spec);
  if (isObject(spec)) plans.set(spec, planned);
  return planned;
}

function scenarioFigure(f: CampaignPlan['figures'][number]): ScenarioFigure<CampaignResult> {
  return {
    id: f.id,
    label: f.label,
    unit: f.unit,
    value: (r) => figureValue(f, r),
    ...(f.reported !== null && { reported: f.reported }),
    ...(f.source !== null && { source: f.source }),
    ...(f.fitted !== null && { fitted: f.fitted }),
    ...(f.tolerance !== null && { tolerance: f.tolerance }),
    ...(f.better !== null && { better: f.better }),
  };
}

function byBasis(rows: readonly ProvenanceRow[], basis: ProvenanceRow['basis']): Record<string, string> {
  return Object.fromEntries(
    rows
      .filter((r) => r.basis === basis)
      .map((r) => [r.path, [r.sources.join(', '), r.note].filter(Boolean).join(': ')]),
  );
}

/**
 * A spec as a scenario: the spec checked (all errors at once), planned, and its figures and metrics
 * read out of every replication.
 *
 * @throws SpecError / ParameterError naming the path and the value, before any run.
 * @example
 * ```ts
 * import { runScenario, formatScenarioTable } from 'surgesim';
 * const s = campaignScenario(JSON.parse(readFileSync('campaigns/example-county.json', 'utf8')));
 * console.log(formatScenarioTable(runScenario(s, { replications: 10, seed: 1 })));
 * ```
 */
export function campaignScenario(spec: unknown): Scenario<unknown, CampaignResult> {
  const { plan, provenance } = planOf(spec);
  return defineScenario<unknown, CampaignResult>({
    name: plan.name,
    title: plan.title,
    ...(plan.description !== null && { description: plan.description }),
    epoch: plan.epoch,
    defaults: spec,
    merge: (defaults, overrides) => overrideSpec(defaults, overrides),
    validate: (params) => {
      planOf(params);
    },
    run: (params, ctx) => runCampaign(planOf(params).plan, ctx.seed),
    figures: plan.figures.map(scenarioFigure),
    metrics: [...plan.metrics.map(scenarioFigure), ...bindingMetrics(plan)],
    fitted: byBasis(provenance, 'fitted'),
    assumptions: byBasis(provenance, 'assumed'),
    charts: (result) => campaignCharts(plan, result),
  });
}

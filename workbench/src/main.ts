/**
 * The planners' workbench: load a campaign spec, edit it in forms generated from its JSON Schema,
 * run replications on Web Workers, read the reported-vs-simulated table, planner metrics and
 * charts, compare two plans on common random numbers, ask the least-staff question, and export.
 *
 * Everything runs in this page and its workers; the specs, the schema and the charting library are
 * bundled, so nothing is fetched from elsewhere (a spec named by URL parameter is fetched from where
 * the planner points).
 *
 * @module
 */
import embed, { type Result as EmbedResult } from 'vega-embed';
import exampleCounty from '../../campaigns/example-county.json' with { type: 'json' };
import qingxu from '../../campaigns/qingxu-2022-04-13.json' with { type: 'json' };
import { type CampaignResult, campaignScenario, checkSpec, planCampaign } from '../../models/index.js';
import schemaJson from '../../schema/campaign.schema.json' with { type: 'json' };
import {
  bottlenecksByHour,
  Epoch,
  formatDifference,
  formatFigure,
  type ScenarioComparison,
  type ScenarioResult,
} from '../../src/index.js';
import {
  type HtmlReport,
  scenarioDefaultCharts,
  scenarioReport,
  scenarioResultJson,
} from '../../src/report/index.js';
import { download, htmlReport, resultCsv } from './exports.js';
import { expressionsFor, needsExpressions } from './expressions.js';
import { type SchemaNode, SpecForm } from './form.js';
import { LANGUAGES, type Language, type Strings } from './i18n.js';
import { type ErrorInfo, errorInfo } from './messages.js';
import { Cancelled, ReplicationPool, WorkerFailure } from './pool.js';
import { compareRuns, summariseRuns } from './replay.js';

type Obj = Record<string, unknown>;
type Issue = ErrorInfo['issues'][number];

const BUILT_IN: Readonly<Record<string, Obj>> = { qingxu, example: exampleCounty };
const FORM_SECTIONS = ['testing', 'isolation', 'transfers', 'checkpoints', 'musters', 'unloading', 'times'];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);

const state = {
  lang: (new URLSearchParams(location.search).get('lang') === 'zh' ? 'zh' : 'en') as Language,
  plans: [structuredClone(qingxu) as Obj] as Obj[],
  editing: 0,
  view: 'form' as 'form' | 'raw',
  result: null as ScenarioResult<unknown, CampaignResult> | null,
  comparison: null as ScenarioComparison | null,
  views: new Map<string, EmbedResult>(),
  report: null as HtmlReport | null,
};
const pool = new ReplicationPool();
const t = (): Strings => LANGUAGES[state.lang];
let form: SpecForm;

/** For the browser test and the timing in bench/README.md: the last run's per-replication times. */
(globalThis as { surgesimWorkbench?: unknown }).surgesimWorkbench = { timings: pool.timings };

// ---- language ----

function applyLanguage(): void {
  const s = t();
  document.documentElement.lang = s.lang;
  for (const e of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const v = s[e.dataset.t as keyof Strings];
    if (typeof v === 'string') e.textContent = v;
  }
  input('language').value = state.lang;
  $('progress').setAttribute('aria-label', s.progress);
  $('raw-json').setAttribute('aria-label', s.rawLabel);
  renderSpec();
  if (state.result) renderResult();
}

// ---- the spec ----

const plan = () => state.plans[state.editing]!;

/**
 * Set the value at `path` in the plan being edited. An annotated object on the way loses its
 * annotation (its value stands in its place), as `--set` does: the annotation described the old value.
 */
function setPlanAt(path: readonly (string | number)[], value: unknown): void {
  let node = plan() as Obj;
  const keys = [...path];
  while (keys.length > 1) {
    const k = keys.shift() as string;
    const next = node[k];
    if (isAnnotation(next) && keys[0] === 'value') {
      node[k] = next.value;
      keys.shift();
      if (keys.length === 0) {
        node[k] = value;
        return;
      }
    }
    node = node[k] as Obj;
  }
  node[keys[0] as string] = value;
}

const isAnnotation = (v: unknown): v is Obj & { value: unknown } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v && 'basis' in v;

/** The library's verdict on a spec: every schema issue at once, then the plan's first problem. */
function issuesOf(spec: unknown): Issue[] {
  try {
    checkSpec(spec);
    planCampaign(spec);
    return [];
  } catch (e) {
    const info = errorInfo(e);
    return info.issues.length > 0 ? [...info.issues] : [{ path: '', expected: info.message, value: spec }];
  }
}

/** Counts verdicts asked for, so a verdict that waited for mathjs is not shown over a newer one. */
let verdicts = 0;

/**
 * Show the library's verdict on the plan being edited. A spec with an expression needs mathjs
 * first: until it has loaded the page says so (the library would call every expression an error).
 */
function showVerdict(): void {
  const ticket = ++verdicts;
  const spec = plan();
  if (!needsExpressions(spec)) {
    showIssues(issuesOf(spec));
    return;
  }
  if (state.view === 'form') form.showIssues([]);
  $('validity').textContent = t().loadingExpressions;
  $('issues').replaceChildren();
  expressionsFor(spec).then(
    () => {
      if (ticket === verdicts) showIssues(issuesOf(plan()));
    },
    (e: unknown) => {
      if (ticket === verdicts) showIssues([{ path: '', expected: t().expressionsFailed, value: String(e) }]);
    },
  );
}

function showIssues(issues: readonly Issue[]): void {
  const s = t();
  const unplaced = state.view === 'form' ? form.showIssues(issues) : issues;
  $('validity').textContent = issues.length === 0 ? s.valid : s.problems(issues.length);
  $('issues').replaceChildren(
    ...unplaced.map((i) => {
      const li = document.createElement('li');
      li.textContent = `${i.path || '(spec)'}: ${s.expected} ${i.expected}, ${s.got} ${JSON.stringify(i.value)?.slice(0, 200)}`;
      return li;
    }),
  );
}

function renderSpec(): void {
  const s = t();
  const spec = plan();
  $('spec-title').textContent =
    `${String(spec.title ?? spec.name ?? '')}${state.plans.length > 1 ? ` — ${state.editing === 0 ? s.planA : s.planB}` : ''}`;
  form = new SpecForm(schemaJson as SchemaNode, s, onEdit, `plan${state.editing}`);
  $('form').dataset.form = `plan${state.editing}`;
  form.render($('form'), spec, FORM_SECTIONS);
  input('raw-json').value = JSON.stringify(spec, null, 2);
  $('form').hidden = state.view !== 'form';
  $('raw').hidden = state.view !== 'raw';
  $('view-form').setAttribute('aria-pressed', String(state.view === 'form'));
  $('view-raw').setAttribute('aria-pressed', String(state.view === 'raw'));
  $('edit-a').setAttribute('aria-pressed', String(state.editing === 0));
  $('edit-b').setAttribute('aria-pressed', String(state.editing === 1));
  ($('edit-b') as HTMLButtonElement).disabled = state.plans.length < 2;
  ($('compare') as HTMLButtonElement).disabled = state.plans.length < 2;
  fillStaffChoices();
  showVerdict();
}

function onEdit(path: readonly (string | number)[], value: unknown): void {
  setPlanAt(path, value);
  input('raw-json').value = JSON.stringify(plan(), null, 2);
  showVerdict();
}

function loadSpec(spec: unknown): void {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    showIssues([{ path: '', expected: 'a campaign spec (a JSON object)', value: spec }]);
    return;
  }
  pool.cancel();
  state.plans = [spec as Obj];
  state.editing = 0;
  state.result = null;
  state.comparison = null;
  clearResults();
  renderSpec();
}

async function loadFile(file: File): Promise<void> {
  try {
    loadSpec(JSON.parse(await file.text()));
  } catch (e) {
    showIssues([{ path: file.name, expected: t().badJson, value: String((e as Error).message) }]);
  }
}

// ---- runs ----

function setRunning(running: boolean): void {
  document.body.dataset.state = running ? 'running' : 'idle';
  ($('run') as HTMLButtonElement).disabled = running;
  ($('compare') as HTMLButtonElement).disabled = running || state.plans.length < 2;
  ($('ls-ask') as HTMLButtonElement).disabled = running;
  ($('cancel') as HTMLButtonElement).disabled = !running;
}

function runOptions(): { replications: number; seed: number } | null {
  const replications = Number(input('replications').value);
  const seed = Number(input('seed').value);
  if (!Number.isInteger(replications) || replications < 1 || !Number.isInteger(seed)) {
    $('run-status').textContent = `${t().replications}/${t().seed}: ${t().expected} integers`;
    return null;
  }
  return { replications, seed };
}

async function run(compare: boolean): Promise<void> {
  const options = runOptions();
  if (!options) return;
  const specs = compare ? state.plans.slice(0, 2) : [state.plans[0]!];
  if (specs.some(needsExpressions)) {
    setRunning(true);
    $('run-status').textContent = t().loadingExpressions;
    try {
      await Promise.all(specs.map(expressionsFor));
      $('run-status').textContent = '';
    } catch (e) {
      $('run-status').textContent = `${t().expected} ${t().expressionsFailed}, ${t().got} ${String(e)}`;
      return;
    } finally {
      setRunning(false);
    }
  }
  for (const [k, spec] of specs.entries()) {
    const issues = issuesOf(spec);
    if (issues.length > 0) {
      if (state.editing !== k) {
        state.editing = k;
        renderSpec();
      }
      showIssues(issues);
      return;
    }
  }
  const copies = specs.map((s) => structuredClone(s));
  setRunning(true);
  const started = performance.now();
  const bar = $<HTMLProgressElement>('progress');
  bar.value = 0;
  const progress = (done: number, total: number) => {
    bar.max = total;
    bar.value = done;
    $('run-status').textContent = t().running(done, total, Math.min(pool.size, total));
  };
  progress(0, options.replications * copies.length);
  try {
    const outputs = await pool.run(copies, options.replications, options.seed, progress);
    state.result = summariseRuns(copies[0], outputs[0]!, options.seed);
    state.comparison =
      compare && options.replications >= 2
        ? compareRuns(copies[0], outputs[0]!, copies[1], outputs[1]!, options.seed)
        : null;
    renderResult();
    $('run-status').textContent = t().finished(
      options.replications * copies.length,
      ((performance.now() - started) / 1000).toFixed(1),
    );
    document.body.dataset.state = 'done';
  } catch (e) {
    document.body.dataset.state = 'idle';
    if (e instanceof Cancelled) $('run-status').textContent = t().cancelled;
    else {
      const info = e instanceof WorkerFailure ? e.info : errorInfo(e);
      $('run-status').textContent = info.message;
      showIssues(info.issues);
    }
  } finally {
    ($('run') as HTMLButtonElement).disabled = false;
    ($('compare') as HTMLButtonElement).disabled = state.plans.length < 2;
    ($('ls-ask') as HTMLButtonElement).disabled = false;
    ($('cancel') as HTMLButtonElement).disabled = true;
  }
}

// ---- results ----

function clearResults(): void {
  for (const v of state.views.values()) v.finalize();
  state.views.clear();
  for (const id of ['comparison', 'tables', 'queues', 'charts']) $(id).replaceChildren();
  for (const id of ['export-json', 'export-csv', 'export-html']) ($(id) as HTMLButtonElement).disabled = true;
}

function table(
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  note?: string,
): HTMLElement {
  const wrap = document.createElement('div');
  const tab = document.createElement('table');
  const cap = tab.createCaption();
  cap.textContent = caption;
  const head = tab.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const body = tab.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const [i, c] of r.entries()) {
      const td = tr.insertCell();
      td.textContent = c === null || c === undefined ? '' : String(c);
      if (i > 0 && /^[-+−]?[\d,.:]/.test(td.textContent)) td.className = 'num';
    }
  }
  wrap.append(tab);
  if (note) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = note;
    wrap.append(p);
  }
  return wrap;
}

function renderResult(): void {
  const result = state.result;
  if (!result) return;
  clearResults();
  const s = t();
  const scenario = campaignScenario(result.parameters);
  const charts = scenarioDefaultCharts(result, scenario.charts?.(result) ?? []);
  const report = scenarioReport(result, charts);
  state.report = report;
  const titles: Readonly<Record<string, string>> = {
    'Reported vs simulated': s.reportedVsSimulated,
    'Planner metrics': s.plannerMetrics,
  };
  $('tables').append(
    ...report.tables.map((tab) =>
      table(
        titles[tab.title] ?? tab.title,
        tab.columns,
        tab.rows.map((r) => (Array.isArray(r) ? r : tab.columns.map((c) => (r as Obj)[c] ?? null))),
        tab.note,
      ),
    ),
  );
  renderQueues(result);
  if (state.comparison) renderComparison(state.comparison);
  for (const c of report.charts) {
    const box = document.createElement('figure');
    box.className = 'chart';
    const h = document.createElement('h4');
    h.textContent = c.title;
    const target = document.createElement('div');
    const png = document.createElement('button');
    png.type = 'button';
    png.textContent = s.pngOf(c.title);
    png.addEventListener('click', async () => {
      const view = state.views.get(c.name);
      if (view) download(`${c.name}.png`, await (await fetch(await view.view.toImageURL('png', 2))).blob());
    });
    const cap = document.createElement('figcaption');
    cap.className = 'note';
    cap.textContent = c.caption ?? '';
    box.append(h, target, cap, png);
    $('charts').append(box);
    embed(target, c.spec as never, { actions: false, renderer: 'svg' })
      .then((v) => state.views.set(c.name, v))
      .catch((e: unknown) => {
        target.textContent = String(e);
      });
  }
  for (const id of ['export-json', 'export-csv', 'export-html'])
    ($(id) as HTMLButtonElement).disabled = false;
}

/** Mean queue before each stage by hour, over all replications, for each testing area. */
function renderQueues(result: ScenarioResult<unknown, CampaignResult>): void {
  const s = t();
  const epoch = result.epoch ? new Epoch(result.epoch) : undefined;
  const runs = result.runs ?? [];
  const areas = Object.keys(runs[0]?.testing ?? {});
  for (const area of areas) {
    const hours = runs.map((r) => {
      const a = r.testing[area]!;
      const stages = Object.keys(a.stages);
      return bottlenecksByHour(
        a.queues.map((q) => ({
          time: q.time,
          queues: Object.fromEntries(stages.map((st) => [st, q[st] ?? 0])),
        })),
      );
    });
    const first = hours[0] ?? [];
    if (first.length === 0) continue;
    const stages = Object.keys(first[0]!.stages);
    const rows = first.map((h, i) => {
      const means = stages.map((st) => {
        const xs = hours.map((hs) => hs[i]?.stages[st]?.mean).filter((x): x is number => x !== undefined);
        return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      });
      const top = means.indexOf(Math.max(...means));
      return [
        `${formatFigure(h.start, 'clock', epoch)}–${formatFigure(h.end, 'clock', epoch)}`,
        ...means.map((m) => m.toFixed(1)),
        Math.max(...means) > 0 ? stages[top] : '–',
      ];
    });
    $('queues').append(table(`${area}: ${s.queuesByHour}`, [s.hour, ...stages, s.bottleneck], rows));
  }
}

function renderComparison(c: ScenarioComparison): void {
  const s = t();
  const epoch = c.resultA.epoch ? new Epoch(c.resultA.epoch) : undefined;
  const rows = c.differences.map((d) => [
    d.label,
    formatFigure(d.meanA, d.unit, epoch),
    formatFigure(d.meanB, d.unit, epoch),
    `${formatDifference(d.mean, d.unit)}${d.significant ? ' *' : ''}`,
    d.lower === null ? '–' : `${formatDifference(d.lower, d.unit)} … ${formatDifference(d.upper, d.unit)}`,
  ]);
  const changed = changedPaths(c.resultA.parameters, c.resultB.parameters);
  const note = `${s.comparisonNote(c.replications, c.seed)} ${s.changedInB}: ${changed.join('; ') || '–'}`;
  $('comparison').append(
    table(s.comparison, [s.figure, s.meanA, s.meanB, s.difference, s.interval], rows, note),
  );
}

/** The paths where two specs differ, with B's value. */
function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const obj = (v: unknown): v is Obj => v !== null && typeof v === 'object';
  if (!obj(a) || !obj(b)) return [`${path} = ${JSON.stringify(b)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => changedPaths((a as Obj)[k], (b as Obj)[k], path ? `${path}.${k}` : k));
}

// ---- least staff ----

function fillStaffChoices(): void {
  const testing = (plan().testing ?? {}) as Obj;
  const area = $<HTMLSelectElement>('ls-area');
  const keep = area.value;
  area.replaceChildren(...Object.keys(testing).map((k) => new Option(k, k)));
  if (keep in testing) area.value = keep;
  const staff = ((testing[area.value] as Obj | undefined)?.staff ?? {}) as Obj;
  const roles = 'value' in staff && 'basis' in staff ? (staff.value as Obj) : staff;
  const role = $<HTMLSelectElement>('ls-role');
  const keepRole = role.value;
  role.replaceChildren(...Object.keys(roles).map((k) => new Option(k, k)));
  if (keepRole in roles) role.value = keepRole;
}

async function askLeastStaff(): Promise<void> {
  const s = t();
  const status = $('ls-status');
  const question = {
    spec: structuredClone(plan()),
    area: input('ls-area').value,
    role: input('ls-role').value,
    target: Number(input('ls-target').value),
    min: Number(input('ls-min').value),
    max: Number(input('ls-max').value),
    seed: Number(input('seed').value),
    maxReplications: Number(input('ls-maxrep').value),
  };
  setRunning(true);
  status.textContent = s.simulations(0);
  try {
    const r = await pool.leastStaff(question, (n) => {
      status.textContent = s.simulations(n);
    });
    status.textContent = `${question.area}, ${question.role}: ${r.message} (${s.simulations(r.simulations)})`;
  } catch (e) {
    status.textContent =
      e instanceof Cancelled ? s.cancelled : e instanceof WorkerFailure ? e.info.message : String(e);
  } finally {
    setRunning(false);
  }
}

// ---- exports ----

async function exportHtml(): Promise<void> {
  if (!state.report) return;
  const svgs = new Map<string, string>();
  for (const [name, v] of state.views) svgs.set(name, await v.view.toSVG());
  download(
    `${state.result?.scenario ?? 'report'}-report.html`,
    htmlReport(state.report, svgs, t().lang),
    'text/html',
  );
}

// ---- wiring ----

function wire(): void {
  input('language').addEventListener('change', () => {
    state.lang = input('language').value as Language;
    applyLanguage();
  });
  input('builtin').addEventListener('change', () =>
    loadSpec(structuredClone(BUILT_IN[input('builtin').value])),
  );
  input('file').addEventListener('change', () => {
    const f = input('file').files?.[0];
    if (f) void loadFile(f);
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) void loadFile(f);
  });
  $('edit-a').addEventListener('click', () => {
    state.editing = 0;
    renderSpec();
  });
  $('edit-b').addEventListener('click', () => {
    state.editing = 1;
    renderSpec();
  });
  $('duplicate').addEventListener('click', () => {
    state.plans = [state.plans[0]!, structuredClone(state.plans[0]!)];
    state.editing = 1;
    renderSpec();
  });
  $('view-form').addEventListener('click', () => {
    state.view = 'form';
    renderSpec();
  });
  $('view-raw').addEventListener('click', () => {
    state.view = 'raw';
    renderSpec();
  });
  $('apply-json').addEventListener('click', () => {
    try {
      state.plans[state.editing] = JSON.parse(input('raw-json').value) as Obj;
      renderSpec();
    } catch (e) {
      showIssues([{ path: '', expected: t().badJson, value: String((e as Error).message) }]);
    }
  });
  $('ls-area').addEventListener('change', fillStaffChoices);
  $('run').addEventListener('click', () => void run(false));
  $('compare').addEventListener('click', () => void run(true));
  $('cancel').addEventListener('click', () => pool.cancel());
  $('ls-ask').addEventListener('click', () => void askLeastStaff());
  $('export-spec').addEventListener('click', () =>
    download(`${String(plan().name ?? 'spec')}.json`, `${JSON.stringify(plan(), null, 2)}\n`),
  );
  $('export-json').addEventListener('click', () => {
    if (state.result) download(`${state.result.scenario}-result.json`, scenarioResultJson(state.result));
  });
  $('export-csv').addEventListener('click', () => {
    if (state.result) download(`${state.result.scenario}-values.csv`, resultCsv(state.result), 'text/csv');
  });
  $('export-html').addEventListener('click', () => void exportHtml());
}

/** The spec named by `?spec=`: a built-in name or a URL (relative to the page). */
async function initialSpec(): Promise<Obj> {
  const named = new URLSearchParams(location.search).get('spec');
  if (!named) return structuredClone(qingxu) as Obj;
  if (named in BUILT_IN) {
    input('builtin').value = named;
    return structuredClone(BUILT_IN[named]!);
  }
  const response = await fetch(named);
  return (await response.json()) as Obj;
}

wire();
applyLanguage();
initialSpec()
  .then((spec) => {
    loadSpec(spec);
    setRunning(false);
    document.body.dataset.ready = 'true';
  })
  .catch((e: unknown) => {
    showIssues([{ path: 'spec', expected: 'a campaign spec at that URL', value: String(e) }]);
    setRunning(false);
    document.body.dataset.ready = 'true';
  });

/**
 * A snapshot: what a command post knows at one time of the day — per testing area and point the
 * people tested so far, the people queuing (when counted) and the staff on duty and on a break; for
 * the other components the buses dispatched, beds ready and trucks unloaded. Written as JSON or as a
 * CSV exported from a reporting sheet (one row per point or per component), checked with zod and
 * then against the campaign's plan, every problem reported at once as a {@link SnapshotError} whose
 * issues name the row and column (CSV) or the path (JSON) and the value.
 *
 * The format, field by field, is in models/forecast/README.md.
 *
 * @module
 */
import * as z from 'zod';
import { Epoch, ParameterError } from '../../src/index.js';
import {
  didYouMean,
  fromZodIssues,
  knownKeysMessage,
  SpecError,
  type SpecIssue,
} from '../campaign/issues.js';
import type { CampaignPlan } from '../campaign/run.js';

/**
 * A snapshot failed its checks: every problem, one per line (`row 4, column done: expected …, got …`).
 *
 * @example
 * ```ts
 * try { parseSnapshotCsv(text, plan); }
 * catch (e) { if (e instanceof SnapshotError) for (const i of e.issues) console.log(i.path); }
 * ```
 */
export class SnapshotError extends SpecError {
  /** Error name shown in stack traces: always `'SnapshotError'`. */
  override name = 'SnapshotError';

  constructor(issues: readonly SpecIssue[]) {
    super(issues);
    this.message = this.message.replace(/^campaign spec:/, 'snapshot:');
  }
}

const LIMIT = 10_000_000;
const count = z
  .number({ error: `an integer in [0, ${LIMIT}]` })
  .int(`an integer in [0, ${LIMIT}]`)
  .min(0)
  .max(LIMIT);
const clock = z.string({ error: 'a clock time such as "21:30" or "+1d 00:30"' }).min(1);

function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? knownKeysMessage(keys) : undefined),
  });
}

const staffEntry = z.union([
  count,
  strict({ onDuty: count, onBreak: count.optional(), back: clock.optional() }),
]);

const observation = {
  done: count.describe('people tested so far'),
  queued: count.optional().describe('people in the point not yet tested (queuing or being served)'),
  queuedAt: z.record(z.string(), count).optional().describe('people queuing, by the stage they wait for'),
  staff: z.record(z.string(), staffEntry).optional().describe('staff on duty (and on a break) by role'),
};

/** The JSON form of a snapshot (zod 4). */
export const snapshotSchema = strict({
  $schema: z.string().optional(),
  campaign: z.string().optional().describe("the spec's name, checked when given"),
  time: clock.describe('when the snapshot was taken, a clock time of the spec'),
  note: z.string().optional(),
  testing: z
    .record(
      z.string(),
      strict({
        points: z.array(strict({ point: count.min(1), ...observation })).optional(),
        area: strict(observation).optional(),
      }),
    )
    .optional(),
  transfers: z.record(z.string(), strict({ busesDispatched: count })).optional(),
  isolation: z.record(z.string(), strict({ bedsReady: count })).optional(),
  unloading: z.record(z.string(), strict({ trucksUnloaded: count })).optional(),
});

/** A snapshot as written (the JSON form). */
export type SnapshotInput = z.infer<typeof snapshotSchema>;

/**
 * Staff of one role at a point (or over an area) at the snapshot: on duty now, on a break, and when
 * those on a break come back (seconds after the epoch).
 *
 * @example
 * ```ts
 * const s: StaffObservation = { onDuty: 4, onBreak: 1, back: 75_600 };
 * ```
 */
export interface StaffObservation {
  /** On duty at the snapshot. */
  readonly onDuty: number;
  /** On a break at the snapshot. */
  readonly onBreak: number;
  /** When those on a break are back on duty. */
  readonly back: number;
}

/**
 * What is known of one point (or of a whole area) at the snapshot.
 *
 * @example
 * ```ts
 * const o: PointObservation = { done: 1200, queued: 300, queuedAt: null, staff: { clerks: { onDuty: 4, onBreak: 0, back: 0 } } };
 * ```
 */
export interface PointObservation {
  /** People tested so far. */
  readonly done: number;
  /** People in the point not yet tested, or null when not counted. */
  readonly queued: number | null;
  /** People queuing by stage, or null when not counted by stage (then `queued` is their sum). */
  readonly queuedAt: Readonly<Record<string, number>> | null;
  /** Staff by role; roles not named keep the plan's numbers. */
  readonly staff: Readonly<Record<string, StaffObservation>>;
}

/**
 * A testing area at the snapshot: one observation per point (in point order), or one for the whole
 * area.
 *
 * @example
 * ```ts
 * const a: AreaObservation = { scope: 'area', total: { done: 61_000, queued: null, queuedAt: null, staff: {} } };
 * ```
 */
export type AreaObservation =
  | { readonly scope: 'points'; readonly points: readonly PointObservation[] }
  | { readonly scope: 'area'; readonly total: PointObservation };

/**
 * A checked snapshot, in seconds after the campaign's epoch.
 *
 * @example
 * ```ts
 * const s = parseSnapshotCsv(text, plan);
 * s.at; s.testing.hedong?.scope;
 * ```
 */
export interface Snapshot {
  /** When it was taken. */
  readonly at: number;
  /** The note it carries ('' for none). */
  readonly note: string;
  /** Testing areas observed, by name. */
  readonly testing: Readonly<Record<string, AreaObservation>>;
  /** Buses dispatched so far, by transfer. */
  readonly transfers: Readonly<Record<string, { readonly busesDispatched: number }>>;
  /** Beds ready so far, by isolation site. */
  readonly isolation: Readonly<Record<string, { readonly bedsReady: number }>>;
  /** Trucks unloaded so far, by unloading operation. */
  readonly unloading: Readonly<Record<string, { readonly trucksUnloaded: number }>>;
}

/** How long staff on a break stay away when the snapshot does not say when they are back. */
export const DEFAULT_BREAK = 30 * 60;

/** Where a path of the JSON form came from in a CSV file. */
type Origins = Map<string, { readonly row: number; readonly column: string | null }>;

/**
 * Check a snapshot in its JSON form against the schema and the plan.
 *
 * @throws SnapshotError listing every problem, with its path and value.
 * @example
 * ```ts
 * const s = checkSnapshot({ time: '21:30', testing: { hedong: { area: { done: 61_000 } } } }, plan);
 * ```
 */
export function checkSnapshot(input: unknown, plan: CampaignPlan): Snapshot {
  return resolve(input, plan, null);
}

function resolve(input: unknown, plan: CampaignPlan, origins: Origins | null): Snapshot {
  const parsed = snapshotSchema.safeParse(input);
  if (!parsed.success) throw new SnapshotError(located(fromZodIssues(parsed.error.issues, input), origins));
  const s = parsed.data;
  const issues: SpecIssue[] = [];
  const bad = (path: string, expected: string, value: unknown) => issues.push({ path, expected, value });
  const epoch = new Epoch(plan.epoch);
  const at = (v: string, path: string): number => {
    try {
      return epoch.at(v, { path, before: 'error' });
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      bad(path, e.expected, v);
      return Number.NaN;
    }
  };
  if (s.campaign !== undefined && s.campaign !== plan.name)
    bad('campaign', `the spec's name "${plan.name}"`, s.campaign);
  const time = at(s.time, 'time');
  const testing: Record<string, AreaObservation> = {};
  for (const [name, a] of Object.entries(s.testing ?? {})) {
    const path = `testing.${name}`;
    const area = plan.testing[name];
    if (!area) {
      bad(path, known('a testing area of the spec', Object.keys(plan.testing), name), name);
      continue;
    }
    const stages = entryStagesOf(area.steps);
    const roles = Object.keys(area.staff);
    const obs = (o: z.infer<z.ZodObject<typeof observation>>, p: string): PointObservation => {
      const queuedAt = o.queuedAt ?? null;
      for (const st of Object.keys(queuedAt ?? {}))
        if (!stages.includes(st))
          bad(`${p}.queuedAt.${st}`, known('a stage people queue at', stages, st), st);
      const sum = queuedAt && Object.values(queuedAt).reduce((x, y) => x + y, 0);
      if (sum !== null && o.queued !== undefined && sum > o.queued)
        bad(`${p}.queued`, `at least the people queuing by stage (${sum})`, o.queued);
      const staff: Record<string, StaffObservation> = {};
      for (const [role, v] of Object.entries(o.staff ?? {})) {
        if (!roles.includes(role)) {
          bad(`${p}.staff.${role}`, known('a role of the area', roles, role), role);
          continue;
        }
        const st = area.staff[role]!;
        if (st.shifts || st.workLimit)
          bad(`${p}.staff.${role}`, 'a role staffed by a head count (a rostered role follows its roster)', v);
        const e = typeof v === 'number' ? { onDuty: v } : v;
        const back = e.back === undefined ? time + DEFAULT_BREAK : at(e.back, `${p}.staff.${role}.back`);
        if (back < time) bad(`${p}.staff.${role}.back`, 'a time at or after the snapshot', e.back);
        staff[role] = { onDuty: e.onDuty, onBreak: e.onBreak ?? 0, back };
      }
      return { done: o.done, queued: o.queued ?? sum ?? null, queuedAt, staff };
    };
    const pop = Math.round(area.residents * area.turnout);
    if (a.points && a.area) bad(path, 'either points or area, not both', Object.keys(a));
    else if (a.area) {
      if (a.area.done > area.residents)
        bad(`${path}.area.done`, `at most the residents (${area.residents})`, a.area.done);
      testing[name] = { scope: 'area', total: obs(a.area, `${path}.area`) };
    } else if (a.points) {
      const byPoint = new Map<number, PointObservation>();
      a.points.forEach((p, i) => {
        const pp = `${path}.points[${i}]`;
        if (p.point > area.points) bad(`${pp}.point`, `a point number in [1, ${area.points}]`, p.point);
        else if (byPoint.has(p.point)) bad(`${pp}.point`, 'each point once', p.point);
        if (p.done > Math.ceil(area.residents / area.points) * 2)
          bad(`${pp}.done`, `a count a point of ${Math.ceil(pop / area.points)} people can reach`, p.done);
        byPoint.set(p.point, obs(p, pp));
      });
      const missing = Array.from({ length: area.points }, (_, k) => k + 1).filter((k) => !byPoint.has(k));
      if (missing.length > 0 && byPoint.size > 0)
        bad(`${path}.points`, `every point of the area (1–${area.points}; missing ${compact(missing)})`, [
          ...byPoint.keys(),
        ]);
      else
        testing[name] = {
          scope: 'points',
          points: missing.length ? [] : Array.from({ length: area.points }, (_, k) => byPoint.get(k + 1)!),
        };
    } else bad(path, 'points or area', a);
  }
  const component = <K extends string>(
    kind: 'transfers' | 'isolation' | 'unloading',
    values: Record<string, Record<K, number>> | undefined,
    field: K,
    most: (name: string) => number,
  ): Record<string, Record<K, number>> => {
    const out: Record<string, Record<K, number>> = {};
    const names = Object.keys(plan[kind]);
    for (const [name, v] of Object.entries(values ?? {})) {
      if (!names.includes(name))
        bad(`${kind}.${name}`, known(`one of the spec's ${kind}`, names, name), name);
      else if (v[field] > most(name)) bad(`${kind}.${name}.${field}`, `at most ${most(name)}`, v[field]);
      else out[name] = v;
    }
    return out;
  };
  const transfers = component('transfers', s.transfers, 'busesDispatched', (n) => plan.transfers[n]!.buses);
  const isolation = component('isolation', s.isolation, 'bedsReady', (n) => plan.isolation[n]!.beds);
  const unloading = component('unloading', s.unloading, 'trucksUnloaded', (n) => plan.unloading[n]!.trucks);
  if (issues.length > 0) throw new SnapshotError(located(issues, origins));
  return { at: time, note: s.note ?? '', testing, transfers, isolation, unloading };
}

function known(what: string, names: readonly string[], word: string): string {
  const guess = didYouMean(word, names);
  return `${what} (${names.join(', ') || 'none'}${guess ? `; did you mean "${guess}"?` : ''})`;
}

function compact(xs: readonly number[]): string {
  return xs.length > 6 ? `${xs.slice(0, 6).join(', ')}, …` : xs.join(', ');
}

/** Stages a person can be placed at: the stages of the top-level seizes (see `Flow.enterAtStage`). */
export function entryStagesOf(steps: CampaignPlan['testing'][string]['steps']): string[] {
  const out: string[] = [];
  for (const s of steps) if (s.kind === 'seize' && !out.includes(s.stage)) out.push(s.stage);
  return out;
}

/** Issues of a CSV snapshot name the row and column they came from. */
function located(issues: readonly SpecIssue[], origins: Origins | null): SpecIssue[] {
  if (origins === null) return [...issues];
  return issues.map((i) => {
    let best = '';
    for (const k of origins.keys())
      if (
        (i.path === k || i.path.startsWith(`${k}.`) || i.path.startsWith(`${k}[`)) &&
        k.length > best.length
      )
        best = k;
    const o = origins.get(best);
    if (!o) return i;
    return { ...i, path: `row ${o.row}${o.column ? `, column ${o.column}` : ''} (${i.path})` };
  });
}

// ---------------------------------------------------------------------------------------------- CSV

/** Split CSV text into rows of fields (RFC 4180 quoting), with the line number each row starts on. */
function csvRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: start, fields });
  }
  return rows.filter(
    (r) =>
      !(r.fields.length === 1 && r.fields[0]!.trim() === '') && !r.fields[0]!.trimStart().startsWith('#'),
  );
}

const CSV_FIXED = [
  'time',
  'component',
  'name',
  'point',
  'done',
  'queued',
  'busesDispatched',
  'bedsReady',
  'trucksUnloaded',
  'note',
];
const CSV_PREFIXED = /^(queued|staff|break|back)\.(.+)$/;

/** A cell as a value: a number when it reads as one, else the text (which the checks then refuse). */
function cell(text: string): number | string {
  const t = text.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/**
 * Read a CSV snapshot and check it against the plan. One header row, then one row per testing point
 * (`component` testing or empty, `name` the area, `point` its number, or empty for the whole area)
 * or per other component; lines starting with `#` are comments. Columns: `time` (the same on every
 * row), `component`, `name`, `point`, `done`, `queued`, `queued.<stage>`, `staff.<role>`,
 * `break.<role>`, `back.<role>`, `busesDispatched`, `bedsReady`, `trucksUnloaded`, `note`.
 *
 * @throws SnapshotError whose issues name the row, the column and the value.
 * @example
 * ```ts
 * const s = parseSnapshotCsv('time,name,point,done\n21:30,hedong,,61000\n', plan);
 * ```
 */
export function parseSnapshotCsv(text: string, plan: CampaignPlan): Snapshot {
  const rows = csvRows(text);
  const issues: SpecIssue[] = [];
  if (rows.length === 0)
    throw new SnapshotError([
      { path: 'row 1', expected: 'a header row (time, name, point, done, …)', value: '' },
    ]);
  const header = rows[0]!.fields.map((h) => h.trim());
  header.forEach((h, j) => {
    if (!CSV_FIXED.includes(h) && !CSV_PREFIXED.test(h)) {
      const guess = didYouMean(h, CSV_FIXED);
      issues.push({
        path: `row ${rows[0]!.line}, column ${j + 1}`,
        expected: `a column of the snapshot format (${CSV_FIXED.join(', ')}, queued.<stage>, staff.<role>, break.<role>, back.<role>)${guess ? `; did you mean "${guess}"?` : ''}`,
        value: h,
      });
    }
  });
  for (const need of ['time', 'name'])
    if (!header.includes(need))
      issues.push({ path: `row ${rows[0]!.line}`, expected: `a column "${need}"`, value: header.join(',') });
  if (issues.length > 0) throw new SnapshotError(issues);
  const origins: Origins = new Map();
  const input: Record<string, unknown> = {};
  const testing: Record<string, { points?: Record<string, unknown>[]; area?: Record<string, unknown> }> = {};
  let time: string | null = null;
  const notes: string[] = [];
  for (const r of rows.slice(1)) {
    const get = (c: string) => {
      const j = header.indexOf(c);
      const v = j < 0 ? undefined : r.fields[j];
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    };
    if (r.fields.length > header.length)
      issues.push({
        path: `row ${r.line}`,
        expected: `at most ${header.length} fields (the header's)`,
        value: r.fields.length,
      });
    const t = get('time');
    if (t === undefined)
      issues.push({
        path: `row ${r.line}, column time`,
        expected: 'a clock time (it is required on every row)',
        value: undefined,
      });
    else if (time === null) time = t;
    else if (t !== time)
      issues.push({
        path: `row ${r.line}, column time`,
        expected: `the same time on every row (${time})`,
        value: t,
      });
    const note = get('note');
    if (note) notes.push(note);
    const kind = get('component') ?? 'testing';
    const name = get('name');
    if (name === undefined) {
      issues.push({
        path: `row ${r.line}, column name`,
        expected: 'the name of an area or component',
        value: undefined,
      });
      continue;
    }
    const fields: Record<string, unknown> = {};
    const columnOf: Record<string, string> = {};
    const put = (key: string, column: string, v: unknown) => {
      fields[key] = v;
      columnOf[key] = column;
    };
    if (kind === 'testing') {
      for (const c of ['done', 'queued']) if (get(c) !== undefined) put(c, c, cell(get(c)!));
      const queuedAt: Record<string, unknown> = {};
      const staff: Record<string, Record<string, unknown>> = {};
      header.forEach((h) => {
        const m = CSV_PREFIXED.exec(h);
        const v = get(h);
        if (!m || v === undefined) return;
        const [, what, key] = m as unknown as [string, string, string];
        if (what === 'queued') queuedAt[key] = cell(v);
        else {
          const e = (staff[key] ??= {});
          e[what === 'staff' ? 'onDuty' : what === 'break' ? 'onBreak' : 'back'] =
            what === 'back' ? v : cell(v);
        }
      });
      if (Object.keys(queuedAt).length) put('queuedAt', 'queued.<stage>', queuedAt);
      if (Object.keys(staff).length) put('staff', 'staff.<role>', staff);
      const a = (testing[name] ??= {});
      if (!origins.has(`testing.${name}`)) {
        origins.set(`testing.${name}`, { row: r.line, column: 'name' });
        origins.set(`testing.${name}.points`, { row: r.line, column: null });
      }
      const point = get('point');
      let base: string;
      if (point === undefined || point === 'all') {
        if (a.area)
          issues.push({
            path: `row ${r.line}, column point`,
            expected: `one whole-area row per area (${name} has one already)`,
            value: point ?? '',
          });
        a.area = fields;
        base = `testing.${name}.area`;
      } else {
        a.points ??= [];
        fields.point = cell(point);
        columnOf.point = 'point';
        base = `testing.${name}.points[${a.points.length}]`;
        a.points.push(fields);
      }
      origins.set(base, { row: r.line, column: null });
      for (const [k, c] of Object.entries(columnOf))
        origins.set(`${base}.${k}`, {
          row: r.line,
          column: c === 'queued.<stage>' || c === 'staff.<role>' ? null : c,
        });
      for (const [k] of Object.entries(fields.queuedAt ?? {}))
        origins.set(`${base}.queuedAt.${k}`, { row: r.line, column: `queued.${k}` });
      for (const [k, e] of Object.entries((fields.staff ?? {}) as Record<string, Record<string, unknown>>)) {
        origins.set(`${base}.staff.${k}`, { row: r.line, column: `staff.${k}` });
        for (const f of Object.keys(e))
          origins.set(`${base}.staff.${k}.${f}`, {
            row: r.line,
            column: `${f === 'onDuty' ? 'staff' : f === 'onBreak' ? 'break' : 'back'}.${k}`,
          });
      }
    } else {
      const column = { transfers: 'busesDispatched', isolation: 'bedsReady', unloading: 'trucksUnloaded' }[
        kind
      ];
      if (column === undefined) {
        issues.push({
          path: `row ${r.line}, column component`,
          expected: 'testing, transfers, isolation or unloading',
          value: kind,
        });
        continue;
      }
      const v = get(column);
      const section = (input[kind] ??= {}) as Record<string, unknown>;
      section[name] = v === undefined ? {} : { [column]: cell(v) };
      origins.set(`${kind}.${name}`, { row: r.line, column: null });
      origins.set(`${kind}.${name}.${column}`, { row: r.line, column });
    }
  }
  if (issues.length > 0) throw new SnapshotError(issues);
  input.time = time ?? '';
  if (notes.length) input.note = notes.join(' ');
  if (Object.keys(testing).length) input.testing = testing;
  return resolve(input, plan, origins);
}

/**
 * Read a snapshot from a file's text: JSON when it starts with `{`, else CSV.
 *
 * @throws SnapshotError listing every problem.
 * @example
 * ```ts
 * const s = parseSnapshot(readFileSync('campaigns/snapshots/qingxu-21-30.csv', 'utf8'), plan);
 * ```
 */
export function parseSnapshot(text: string, plan: CampaignPlan): Snapshot {
  if (text.trimStart().startsWith('{')) {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new SnapshotError([{ path: '', expected: 'a JSON document', value: (e as Error).message }]);
    }
    return checkSnapshot(input, plan);
  }
  return parseSnapshotCsv(text, plan);
}

/**
 * Forms generated from the spec's JSON Schema (schema/campaign.schema.json, itself generated from
 * the zod schema that validates). The form shows what the spec holds — each component, each field —
 * with an input chosen by the schema: numbers with their bounds, enumerations as choices, durations,
 * clock times, shares and rates as text with their unit; a value the form has no input for (a
 * distribution, a per-attribute time) as a small JSON field. Annotated values (`{ value, basis,
 * source }`) show the value and its basis; editing one drops the annotation, as `--set` does, so a
 * changed fitted value is no longer reported as fitted.
 *
 * Validation is the library's: every input carries its spec path (`testing.hedong.staff.swabbers`),
 * which is also its accessible name, and an issue `{ path, expected, value }` from `checkSpec` or
 * `planCampaign` is shown next to the input of that path (or of the nearest enclosing field).
 * Patterns and formats the form does not know are left to the library to judge.
 *
 * @module
 */
import type { Strings } from './i18n.js';

/** A JSON Schema node, as far as the form reads it. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
}

type Obj = Record<string, unknown>;
type Key = string | number;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isAnnotation = (v: unknown): v is Obj & { value: unknown } =>
  isObject(v) && 'value' in v && 'basis' in v;

/** A path as the library writes it in issues: keys joined with `.`, indices as `[i]`. */
export function pathText(keys: readonly Key[]): string {
  return keys.reduce<string>(
    (out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : k),
    '',
  );
}

/** The path a planner reads: annotation steps (`.value` of `{ value, basis }`) left out. */
export function plainPathText(keys: readonly Key[]): string {
  return pathText(keys).replace(/\.value(?=[.[]|$)/g, '');
}

/** Units and examples shown beside inputs, by the name of the schema definition. */
const UNIT_HINTS: Readonly<Record<string, keyof Strings['units']>> = {
  Clock: 'clock',
  Duration: 'duration',
  Share: 'share',
  Rate: 'rate',
  Count: 'count',
  PositiveCount: 'count',
  Varying: 'varying',
  TimeSpec: 'varying',
};

/** Called with the path and the new value when the planner edits a field. */
export type OnEdit = (path: readonly Key[], value: unknown) => void;

/** The generated form of one spec. */
export class SpecForm {
  private readonly inputs = new Map<string, HTMLElement>();
  private counter = 0;

  constructor(
    private readonly schema: SchemaNode,
    private readonly t: Strings,
    private readonly onEdit: OnEdit,
    private readonly idPrefix: string,
  ) {}

  /** Render the components of `spec` that the form covers into `host`. */
  render(host: HTMLElement, spec: Obj, sections: readonly string[]): void {
    host.replaceChildren();
    this.inputs.clear();
    const props = this.schema.properties ?? {};
    for (const section of sections) {
      const value = spec[section];
      const node = props[section];
      if (value === undefined || node === undefined) continue;
      const details = el('details', { class: 'section' });
      details.open = true;
      const summary = el('summary');
      summary.textContent = this.t.sections[section as keyof Strings['sections']] ?? section;
      details.append(summary, this.field(value, node, [section], section));
      host.append(details);
    }
  }

  /** Show the issues next to their fields; returns those with no field on the page. */
  showIssues(issues: readonly { path: string; expected: string; value: unknown }[]): typeof issues {
    for (const e of document.querySelectorAll(`[data-form="${this.idPrefix}"] .issue`)) e.remove();
    for (const input of this.inputs.values()) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    const unplaced: { path: string; expected: string; value: unknown }[] = [];
    for (const issue of issues) {
      const input = this.inputFor(issue.path);
      if (!input) {
        unplaced.push(issue);
        continue;
      }
      const note = el('p', { class: 'issue', id: `${input.id}-issue` });
      note.textContent = `${this.t.expected} ${issue.expected}, ${this.t.got} ${JSON.stringify(issue.value) ?? 'nothing'}`;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', note.id);
      (input.closest('.field') ?? input).after(note);
    }
    return unplaced;
  }

  /** The input of `path`, of the same path without annotation steps, or of the nearest enclosing path. */
  private inputFor(path: string): HTMLElement | undefined {
    let p = path;
    for (;;) {
      const hit = this.inputs.get(p) ?? this.byPlainPath(p);
      if (hit) return hit;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) return undefined;
      p = p.slice(0, cut);
    }
  }

  private byPlainPath(path: string): HTMLElement | undefined {
    const plain = path.replace(/\.value(?=[.[]|$)/g, '');
    for (const input of this.inputs.values()) if (input.getAttribute('aria-label') === plain) return input;
    return undefined;
  }

  private resolve(node: SchemaNode): { node: SchemaNode; ref: string | null } {
    let ref: string | null = null;
    let n = node;
    while (n.$ref) {
      ref ??= n.$ref.split('/').pop() ?? null;
      const target = this.schema.$defs?.[n.$ref.split('/').pop() ?? ''];
      if (!target) break;
      n = { ...target, ...(n.description && { description: n.description }) };
    }
    return { node: n, ref };
  }

  /** The field for `value` at `path`, by its schema node. */
  private field(
    value: unknown,
    schemaNode: SchemaNode,
    path: readonly Key[],
    label: string,
    ref: string | null = null,
  ): HTMLElement {
    const { node, ref: own } = this.resolve(schemaNode);
    const unit = own ?? ref;
    const branches = node.anyOf ?? node.oneOf;
    if (branches) {
      if (isAnnotation(value)) {
        const annotated = branches
          .map((b) => this.resolve(b).node)
          .find((b) => b.properties?.value && b.properties?.basis);
        if (annotated?.properties?.value)
          return this.annotated(value, annotated.properties.value, path, label, unit);
      }
      const scalar = (b: SchemaNode) => {
        const t = types(this.resolve(b).node);
        return t.length > 0 && t.every((x) => x !== 'object' && x !== 'array');
      };
      // A number-or-text value (duration, share, rate) is one text field that takes either.
      if (!isObject(value) && !Array.isArray(value) && branches.every(scalar))
        return this.scalar(value, node, path, label, unit, branches.length > 1);
      for (const b of branches) {
        const { node: r, ref: bref } = this.resolve(b);
        if (this.fits(value, r)) return this.field(value, b, path, label, bref ?? unit);
      }
      return this.json(value, path, label, unit);
    }
    const t = types(node);
    if (isObject(value) && t.includes('object')) return this.object(value, node, path, label);
    if (Array.isArray(value) && t.includes('array') && node.items)
      return this.array(value, node.items, path, label);
    if (!isObject(value) && !Array.isArray(value)) return this.scalar(value, node, path, label, unit, false);
    return this.json(value, path, label, unit);
  }

  /** Whether `value` has the shape of the (resolved) branch `node`. */
  private fits(value: unknown, node: SchemaNode): boolean {
    if (node.anyOf ?? node.oneOf)
      return (node.anyOf ?? node.oneOf)!.some((b) => this.fits(value, this.resolve(b).node));
    const t = types(node);
    if (Array.isArray(value)) return t.includes('array');
    if (isObject(value)) {
      if (!t.includes('object')) return false;
      if (!(node.required ?? []).every((k) => k in value)) return false;
      if (node.additionalProperties === false && node.properties)
        return Object.keys(value).every((k) => k in node.properties!);
      for (const [k, p] of Object.entries(node.properties ?? {})) {
        const c = this.resolve(p).node.const;
        if (c !== undefined && k in value && value[k] !== c) return false;
        const e = this.resolve(p).node.enum;
        if (e && k in value && typeof value[k] === 'string' && !e.includes(value[k])) return false;
      }
      return true;
    }
    if (typeof value === 'number') return t.includes('number') || t.includes('integer');
    if (typeof value === 'string') return t.includes('string');
    if (typeof value === 'boolean') return t.includes('boolean');
    return false;
  }

  private object(value: Obj, node: SchemaNode, path: readonly Key[], label: string): HTMLElement {
    const box = el('fieldset', { class: 'group' });
    if (path.length > 1) {
      const legend = el('legend');
      legend.textContent = label;
      box.append(legend);
    } else box.setAttribute('aria-label', label);
    if (node.description) box.title = node.description;
    const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : null;
    for (const [key, v] of Object.entries(value)) {
      const child = node.properties?.[key] ?? extra;
      box.append(child ? this.field(v, child, [...path, key], key) : this.json(v, [...path, key], key, null));
    }
    return box;
  }

  private array(
    value: readonly unknown[],
    items: SchemaNode,
    path: readonly Key[],
    label: string,
  ): HTMLElement {
    const box = el('fieldset', { class: 'group list' });
    const legend = el('legend');
    legend.textContent = label;
    box.append(legend);
    for (const [i, v] of value.entries()) box.append(this.field(v, items, [...path, i], `${label} ${i + 1}`));
    return box;
  }

  private annotated(
    value: Obj & { value: unknown },
    inner: SchemaNode,
    path: readonly Key[],
    label: string,
    unit: string | null,
  ): HTMLElement {
    const wrap = this.field(value.value, inner, [...path, 'value'], label, unit);
    const target = this.inputs.get(pathText([...path, 'value']));
    const sources = [value.source].flat().filter(Boolean).join(', ');
    const badge = el('span', { class: `basis basis-${String(value.basis)}` });
    badge.textContent = `${this.t.basis[value.basis as keyof Strings['basis']] ?? String(value.basis)}${sources ? ` · ${sources}` : ''}`;
    if (typeof value.note === 'string') badge.title = value.note;
    wrap.querySelector('.field, legend')?.append(badge);
    if (target) {
      // Once edited, the value stands at the plain path: the annotation went with the old value.
      this.inputs.delete(pathText([...path, 'value']));
      this.inputs.set(pathText(path), target);
      target.dataset.path = pathText(path);
      target.setAttribute('aria-label', plainPathText(path));
      target.addEventListener('change', () => badge.classList.add('edited'), { once: true });
    }
    return wrap;
  }

  private scalar(
    value: unknown,
    node: SchemaNode,
    path: readonly Key[],
    label: string,
    unit: string | null,
    mixed: boolean,
  ): HTMLElement {
    const id = `${this.idPrefix}-f${this.counter++}`;
    const name = pathText(path);
    const row = el('div', { class: 'field' });
    const lab = el('label', { for: id });
    lab.textContent = label;
    let input: HTMLInputElement | HTMLSelectElement;
    const t = types(node);
    if (node.enum && !mixed) {
      const select = el('select', { id });
      for (const option of node.enum) {
        const o = el('option', { value: String(option) });
        o.textContent = String(option);
        select.append(o);
      }
      select.value = String(value);
      input = select;
    } else {
      const numeric = !mixed && (t.includes('number') || t.includes('integer'));
      input = el('input', { id, type: numeric ? 'number' : 'text' });
      if (numeric) {
        if (node.minimum !== undefined) input.min = String(node.minimum);
        if (node.maximum !== undefined) input.max = String(node.maximum);
        input.step = t.includes('integer') ? '1' : 'any';
      }
      input.value = value === undefined || value === null ? '' : String(value);
    }
    input.dataset.path = name;
    input.setAttribute('aria-label', plainPathText(path));
    if (node.description) input.title = node.description;
    input.addEventListener('change', () =>
      this.onEdit(this.pathOf(input, path), parseScalar(input.value, t, mixed)),
    );
    return this.finishRow(row, lab, input, name, unit);
  }

  private json(value: unknown, path: readonly Key[], label: string, unit: string | null): HTMLElement {
    const id = `${this.idPrefix}-f${this.counter++}`;
    const name = pathText(path);
    const row = el('div', { class: 'field json' });
    const lab = el('label', { for: id });
    lab.textContent = label;
    const input = el('input', { id, type: 'text', class: 'json-value' });
    input.value = JSON.stringify(value);
    input.dataset.path = name;
    input.setAttribute('aria-label', plainPathText(path));
    input.addEventListener('change', () => {
      try {
        this.onEdit(this.pathOf(input, path), JSON.parse(input.value));
      } catch {
        this.showIssues([
          { path: input.dataset.path ?? name, expected: this.t.jsonValue, value: input.value },
        ]);
      }
    });
    return this.finishRow(row, lab, input, name, unit);
  }

  /** A field's row: its label, its input, the unit's hint if it has one; the input is kept by name. */
  private finishRow(
    row: HTMLElement,
    lab: HTMLElement,
    input: HTMLElement,
    name: string,
    unit: string | null,
  ): HTMLElement {
    row.append(lab, input);
    const hint = unit ? UNIT_HINTS[unit] : undefined;
    if (hint) {
      const u = el('span', { class: 'unit' });
      u.textContent = this.t.units[hint];
      row.append(u);
    }
    this.inputs.set(name, input);
    return row;
  }

  /** The path an input now edits (an annotated value's input edits the plain path once changed). */
  private pathOf(input: HTMLElement, original: readonly Key[]): readonly Key[] {
    return input.dataset.path === pathText(original) ? original : original.slice(0, -1);
  }
}

function types(node: SchemaNode): string[] {
  if (node.type) return [node.type].flat();
  if (node.enum) return [...new Set(node.enum.map((v) => typeof v))];
  if (node.properties || node.additionalProperties) return ['object'];
  return [];
}

/** A field's text as the spec value: a number where the schema wants one (or allows one and it is one). */
function parseScalar(text: string, t: readonly string[], mixed: boolean): unknown {
  const s = text.trim();
  if (t.includes('boolean') && (s === 'true' || s === 'false')) return s === 'true';
  const numberLike = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s);
  if (numberLike && (mixed || t.includes('number') || t.includes('integer'))) return Number(s);
  return s;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

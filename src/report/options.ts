/**
 * Options shared by every chart builder, and the parts of a spec they produce (title, size, theme).
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { ParameterError } from '../kernel/errors.js';
import { positive } from '../kernel/validate.js';
import { reportConfig } from './theme.js';

/**
 * Title and size of a chart. Titles may contain Chinese text (清徐县): the theme's fonts cover it.
 *
 * @example
 * ```ts
 * const opts: ChartOptions = { title: '清徐 — people tested', width: 720, height: 320 };
 * ```
 */
export interface ChartOptions {
  /** Chart title; each builder has a plain English default. */
  readonly title?: string;
  /** A second, smaller title line. */
  readonly subtitle?: string;
  /** Plot width in pixels (default 640). */
  readonly width?: number;
  /** Plot height in pixels (default 300, or per facet/row for some charts). */
  readonly height?: number;
}

/**
 * The part of a spec every builder shares: schema, title, size and theme.
 *
 * @internal
 * @example
 * ```ts
 * const spec = { ...frame({ title: 'Beds' }, 'Beds ready', 300), mark: 'line' };
 * ```
 */
export function frame(options: ChartOptions, defaultTitle: string, defaultHeight = 300) {
  const width = options.width === undefined ? 640 : positive(options.width, 'options.width');
  const height = options.height === undefined ? defaultHeight : positive(options.height, 'options.height');
  const text = options.title ?? defaultTitle;
  if (typeof text !== 'string') throw new ParameterError('options.title', 'a string', text);
  const title = options.subtitle === undefined ? { text } : { text, subtitle: options.subtitle };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width,
    height,
    config: reportConfig(),
  } satisfies Partial<TopLevelSpec>;
}

/**
 * One row of small charts per figure, labelled on top at the left, in the order of `values`: the
 * facet of the interval charts (a scenario's figures, a comparison's differences).
 *
 * @internal
 * @example
 * ```ts
 * const spec = { ...frame({}, 'Figures'), data: { values }, facet: figureRowFacet(values), spec: { layer } };
 * ```
 */
export function figureRowFacet(values: readonly { readonly figure: string }[]) {
  return {
    row: {
      field: 'figure',
      type: 'nominal' as const,
      title: null,
      sort: values.map((v) => v.figure),
      header: { labelAngle: 0, labelAlign: 'left' as const, labelOrient: 'top' as const },
    },
  };
}

/**
 * Check that `rows` is an array and map each row, naming `path[i]` in errors.
 *
 * @internal
 * @example
 * ```ts
 * const out = mapRows(rows, 'rows', (r, p) => ({ t: r.time }));
 * ```
 */
export function mapRows<R, T>(rows: readonly R[], path: string, f: (row: R, path: string) => T): T[] {
  if (!Array.isArray(rows)) throw new ParameterError(path, 'an array of rows', rows);
  return rows.map((row, i) => {
    const p = `${path}[${i}]`;
    if (row === null || typeof row !== 'object') throw new ParameterError(p, 'an object', row);
    return f(row, p);
  });
}

/**
 * A finite number from a row, or a `ParameterError` naming its path.
 *
 * @internal
 * @example
 * ```ts
 * num(row.tested, 'rows[3].tested');
 * ```
 */
export function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ParameterError(path, 'a finite number', value);
  return value;
}

/**
 * A label from a row (a non-empty string, or a number shown as text).
 *
 * @internal
 * @example
 * ```ts
 * label(row.stage, 'rows[0].stage'); // 'swab'
 * ```
 */
export function label(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length === 0)
    throw new ParameterError(path, 'a non-empty string', value);
  return value;
}

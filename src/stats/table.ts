/**
 * Tidy tables: results as data frames, one row per observation, columns fixed and documented.
 *
 * simmer returns its monitors as data frames with fixed columns; a planner then filters, groups and
 * plots them in any tool. surgesim does the same in TypeScript with a small, dependency-free type:
 *
 * - a **schema** is an ordered, readonly list of {@link ColumnSpec}s (name, type, nullable, unit,
 *   description). The standard schemas in `schemas.ts` (`ARRIVALS_COLUMNS`, `RESOURCE_COLUMNS`, …) are
 *   the documented contract between models, reports and users; models may define more the same way.
 * - a {@link Table} is **column-oriented**: `columns.wait` is one array, which is what charts and
 *   summaries want, and what costs least memory. Its row type follows from the schema at compile time
 *   ({@link RowOf}), so `rows(table)[0].wait` is a `number`.
 * - a {@link TableBuilder} appends rows column-wise and checks every cell against its column's type
 *   as it goes, so a bad value fails where it is produced, with the table, row and column in the
 *   message, not later in a chart. Cells are strings, finite numbers, safe integers, booleans, or
 *   `null` where the column is nullable; never `NaN`, `Infinity` or `undefined`, which neither JSON
 *   nor CSV can carry faithfully.
 *
 * `rows`, `bindRows` (stack replications), and the CSV/JSON/NDJSON exports in `csv.ts` and `json.ts`
 * work on any schema.
 *
 * @module
 */
import { formatValue, ParameterError } from '../kernel/errors.js';

/**
 * The type of a column's cells. `integer` cells are safe integers; `number` cells finite doubles.
 *
 * @example
 * ```ts
 * const t: ColumnType = 'integer';
 * ```
 */
export type ColumnType = 'string' | 'number' | 'integer' | 'boolean';

/**
 * One column of a schema.
 *
 * @example
 * ```ts
 * const wait: ColumnSpec = { name: 'wait', type: 'number', nullable: false, unit: 's', description: 'Time in queue.' };
 * ```
 */
export interface ColumnSpec {
  /** Column name, as in CSV headers and row objects. */
  readonly name: string;
  /** Cell type. */
  readonly type: ColumnType;
  /** Whether cells may be `null` (missing: the end time of an entity still queued). Default false. */
  readonly nullable?: boolean;
  /** Unit of numeric cells, e.g. `'s'`; informational. */
  readonly unit?: string;
  /** What the column means. */
  readonly description: string;
}

/**
 * An ordered list of columns; declare with `as const satisfies Schema` to get typed rows.
 *
 * @example
 * ```ts
 * const BUS_COLUMNS = [...KEY_COLUMNS, { name: 'bus', type: 'string', description: 'Bus id.' }] as const satisfies Schema;
 * ```
 */
export type Schema = readonly ColumnSpec[];

type BaseCell<T extends ColumnType> = T extends 'string' ? string : T extends 'boolean' ? boolean : number;

/**
 * The TypeScript type of one column's cells: `null` is included when the column is declared
 * `nullable: true`, and also for a general `ColumnSpec` (whose nullability is not known statically).
 *
 * @example
 * ```ts
 * type End = CellOf<(typeof ARRIVALS_COLUMNS)[5]>; // number | null
 * ```
 */
export type CellOf<C extends ColumnSpec> =
  | BaseCell<C['type']>
  | (C extends { readonly nullable: true } ? null : C extends { readonly nullable?: false } ? never : null);

/**
 * The row object type of a schema: `{ [name]: cell }`.
 *
 * @example
 * ```ts
 * type Arrival = RowOf<typeof ARRIVALS_COLUMNS>; // { scenario: string; …; end: number | null; … }
 * ```
 */
export type RowOf<S extends Schema> = { [C in S[number] as C['name']]: CellOf<C> };

/**
 * The column arrays of a schema: `{ [name]: cell[] }`.
 *
 * @example
 * ```ts
 * const waits: readonly number[] = arrivals.columns.wait;
 * ```
 */
export type ColumnsOf<S extends Schema> = { readonly [C in S[number] as C['name']]: readonly CellOf<C>[] };

/**
 * Names of a schema's columns.
 *
 * @example
 * ```ts
 * const c: ColumnName<typeof RESOURCE_COLUMNS> = 'queue';
 * ```
 */
export type ColumnName<S extends Schema> = S[number]['name'];

/**
 * A column-oriented table: its schema, its number of rows, and one array per column.
 *
 * @example
 * ```ts
 * const t: Table<typeof ARRIVALS_COLUMNS> = builder.build();
 * t.length;           // rows
 * t.columns.wait[0];  // first row's wait
 * ```
 */
export interface Table<S extends Schema = Schema> {
  /** The columns, in order. */
  readonly schema: S;
  /** Number of rows. */
  readonly length: number;
  /** One array per column, each `length` long. */
  readonly columns: ColumnsOf<S>;
}

/**
 * Options of a {@link TableBuilder}.
 *
 * @example
 * ```ts
 * new TableBuilder(ARRIVALS_COLUMNS, { name: 'arrivals', constants: { scenario: 'base', replication: 0, seed: 42 } });
 * ```
 */
export interface TableBuilderOptions<S extends Schema, C extends ColumnName<S>> {
  /** Name used in error messages (`arrivals[12].wait: …`); default `'table'`. */
  readonly name?: string;
  /**
   * Cells that are the same in every row — typically the run key `{ scenario, replication, seed }` —
   * checked once and filled in by `append`, which then takes only the other columns.
   */
  readonly constants?: { readonly [K in C]: RowOf<S>[K & keyof RowOf<S>] };
}

const TYPE_NAMES: Record<ColumnType, string> = {
  string: 'a string',
  number: 'a finite number',
  integer: 'a safe integer',
  boolean: 'a boolean',
};

/**
 * Check that `schema` is a list of columns with unique names and known types.
 *
 * @throws {@link ParameterError} naming the offending column (`schema[3].type: expected one of …`).
 * @example
 * ```ts
 * validateSchema(ARRIVALS_COLUMNS); // returns it unchanged
 * ```
 */
export function validateSchema<S extends Schema>(schema: S, path = 'schema'): S {
  if (!Array.isArray(schema) || schema.length === 0)
    throw new ParameterError(path, 'a non-empty array of columns', schema);
  const seen = new Set<string>();
  schema.forEach((c: ColumnSpec, i: number) => {
    if (typeof c !== 'object' || c === null) throw new ParameterError(`${path}[${i}]`, 'a column', c);
    if (typeof c.name !== 'string' || c.name.length === 0)
      throw new ParameterError(`${path}[${i}].name`, 'a non-empty string', c.name);
    if (seen.has(c.name)) throw new ParameterError(`${path}[${i}].name`, 'a name not used before', c.name);
    seen.add(c.name);
    if (!(c.type in TYPE_NAMES))
      throw new ParameterError(
        `${path}[${i}].type`,
        'one of "string", "number", "integer", "boolean"',
        c.type,
      );
    if (c.nullable !== undefined && typeof c.nullable !== 'boolean')
      throw new ParameterError(`${path}[${i}].nullable`, 'a boolean', c.nullable);
  });
  return schema;
}

/**
 * Check one cell against its column; return it, or throw naming `path`.
 *
 * @internal
 * @example
 * ```ts
 * checkCell({ name: 'wait', type: 'number', description: '' }, 3, 'arrivals[0].wait'); // 3
 * ```
 */
export function checkCell(
  column: ColumnSpec,
  value: unknown,
  path: string,
): string | number | boolean | null {
  if (value === null && column.nullable === true) return null;
  let ok: boolean;
  switch (column.type) {
    case 'string':
      ok = typeof value === 'string';
      break;
    case 'number':
      ok = typeof value === 'number' && Number.isFinite(value);
      break;
    case 'integer':
      ok = typeof value === 'number' && Number.isSafeInteger(value);
      break;
    case 'boolean':
      ok = typeof value === 'boolean';
      break;
  }
  if (!ok) {
    const expected = TYPE_NAMES[column.type] + (column.nullable === true ? ' or null' : '');
    throw new ParameterError(path, expected, value);
  }
  return value as string | number | boolean;
}

/**
 * Builds a {@link Table} row by row, storing column-wise and checking each cell.
 *
 * @example
 * ```ts
 * const arrivals = new TableBuilder(ARRIVALS_COLUMNS, {
 *   name: 'arrivals',
 *   constants: { scenario: 'qingxu', replication: 0, seed: 42 },
 * });
 * arrivals.append({ entity: 'resident#1', start: 0, end: 95, wait: 55, service: 40,
 *                   finished: true, outcome: 'finished' });
 * const table = arrivals.build();
 * ```
 */
export class TableBuilder<S extends Schema, C extends ColumnName<S> = never> {
  /** The schema rows are checked against. */
  readonly schema: S;
  /** Name used in error messages. */
  readonly name: string;
  private readonly data: unknown[][];
  private readonly fixed: (unknown | typeof FREE)[];
  private readonly index: Map<string, number>;
  private readonly scratch: unknown[] = [];
  private count = 0;

  /**
   * @param schema - the columns (checked with {@link validateSchema}).
   * @param options - table name for messages, constant cells.
   * @throws {@link ParameterError} for a bad schema, an unknown constant, or a constant of the wrong type.
   */
  constructor(schema: S, options: TableBuilderOptions<S, C> = {}) {
    this.name = options.name ?? 'table';
    this.schema = validateSchema(schema, `${this.name}.schema`);
    this.data = schema.map(() => []);
    this.index = new Map(schema.map((c, j) => [c.name, j]));
    const constants = (options.constants ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(constants))
      if (!this.index.has(key))
        throw new ParameterError(
          `${this.name}.constants.${key}`,
          `one of the columns ${this.columnList()}`,
          key,
        );
    this.fixed = schema.map((c) =>
      Object.hasOwn(constants, c.name)
        ? checkCell(c, constants[c.name], `${this.name}.constants.${c.name}`)
        : FREE,
    );
  }

  private columnList(): string {
    return this.schema.map((c) => c.name).join(', ');
  }

  /** Number of rows appended so far. */
  get length(): number {
    return this.count;
  }

  /**
   * Append one row (without the constant columns). Every cell is checked before any is stored, so a
   * failed append leaves the builder unchanged.
   *
   * @throws {@link ParameterError} `arrivals[12].wait: expected a finite number, got NaN`; also for a
   *   key that is not a column (a typo) or a missing column.
   * @example
   * ```ts
   * resources.append({ resource: 'swab', time: 60, busy: 4, queue: 11, capacity: 6 });
   * ```
   */
  append(row: Omit<RowOf<S>, C>): this {
    return this.appendAt(row, `${this.name}[${this.count}]`);
  }

  /**
   * `append` with a caller-chosen error path (parsers use `csv line 7`).
   *
   * @internal
   */
  appendAt(row: unknown, path: string): this {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new ParameterError(path, 'a row object', row);
    const r = row as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      const j = this.index.get(key);
      if (j === undefined)
        throw new ParameterError(`${path}.${key}`, `one of the columns ${this.columnList()}`, key);
      // A constant column may be repeated in the row, but only with its constant value.
      if (this.fixed[j] !== FREE && r[key] !== this.fixed[j])
        throw new ParameterError(
          `${path}.${key}`,
          `the constant ${formatValue(this.fixed[j])} or no value`,
          r[key],
        );
    }
    const schema = this.schema;
    const cells = this.scratch;
    for (let j = 0; j < schema.length; j++) {
      const fixed = this.fixed[j];
      if (fixed !== FREE) {
        cells[j] = fixed;
        continue;
      }
      const column = schema[j]!;
      if (!Object.hasOwn(r, column.name))
        throw new ParameterError(`${path}.${column.name}`, TYPE_NAMES[column.type], undefined);
      cells[j] = checkCell(column, r[column.name], `${path}.${column.name}`);
    }
    for (let j = 0; j < schema.length; j++) this.data[j]!.push(cells[j]);
    this.count++;
    return this;
  }

  /**
   * A table of the rows so far (copies: the builder can go on appending).
   *
   * @example
   * ```ts
   * const table = builder.build();
   * ```
   */
  build(): Table<S> {
    const columns: Record<string, readonly unknown[]> = {};
    this.schema.forEach((c, j) => {
      columns[c.name] = Object.freeze(this.data[j]!.slice());
    });
    return Object.freeze({
      schema: this.schema,
      length: this.count,
      columns: Object.freeze(columns) as unknown as ColumnsOf<S>,
    });
  }
}

/** Marks a column without a constant value. */
const FREE: unique symbol = Symbol('free');

/**
 * A table from an array of row objects (each checked).
 *
 * @throws {@link ParameterError} naming the first bad cell (`rows[3].wait: …`).
 * @example
 * ```ts
 * const t = tableFromRows(RESOURCE_COLUMNS, [
 *   { scenario: 'base', replication: 0, seed: 1, resource: 'swab', time: 0, busy: 0, queue: 0, capacity: 6 },
 * ]);
 * ```
 */
export function tableFromRows<S extends Schema>(
  schema: S,
  rows: Iterable<RowOf<S>>,
  name = 'rows',
): Table<S> {
  const builder = new TableBuilder(schema, { name });
  let i = 0;
  for (const row of rows) builder.appendAt(row, `${name}[${i++}]`);
  return builder.build();
}

/**
 * The rows of a table as plain objects, keys in schema order.
 *
 * @example
 * ```ts
 * for (const r of rows(arrivals)) if (!r.finished) console.log(r.entity, r.outcome);
 * ```
 */
export function rows<S extends Schema>(table: Table<S>): RowOf<S>[] {
  const names = table.schema.map((c) => c.name);
  const cols = names.map((n) => (table.columns as Record<string, readonly unknown[]>)[n]!);
  const out: RowOf<S>[] = new Array(table.length);
  for (let i = 0; i < table.length; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) row[names[j]!] = cols[j]![i];
    out[i] = row as RowOf<S>;
  }
  return out;
}

function describe(schema: Schema): string {
  return schema.map((c) => `${c.name}:${c.type}${c.nullable ? '?' : ''}`).join(', ');
}

function sameColumns(a: Schema, b: Schema): boolean {
  return (
    a.length === b.length &&
    a.every((c, j) => {
      const d = b[j]!;
      return c.name === d.name && c.type === d.type && (c.nullable ?? false) === (d.nullable ?? false);
    })
  );
}

/**
 * Stack tables with the same columns (e.g. one per replication) into one, in order — R's
 * `dplyr::bind_rows`. Give `schema` to bind a possibly empty list.
 *
 * @throws {@link ParameterError} when a table's columns differ from the first's (or from `schema`),
 *   naming its index, or when the list is empty and no schema is given.
 * @example
 * ```ts
 * const all = bindRows(replications.map((r) => r.arrivals));
 * ```
 */
export function bindRows<S extends Schema>(tables: readonly Table<S>[], schema?: S): Table<S> {
  if (!Array.isArray(tables)) throw new ParameterError('bindRows(tables)', 'an array of tables', tables);
  const first = schema ?? tables[0]?.schema;
  if (first === undefined)
    throw new ParameterError('bindRows(tables)', 'at least one table (or a schema)', tables);
  validateSchema(first, 'bindRows(schema)');
  tables.forEach((t, i) => {
    if (!sameColumns(first, t.schema))
      throw new ParameterError(
        `bindRows(tables)[${i}].schema`,
        `the columns ${describe(first)}`,
        describe(t.schema),
      );
  });
  const columns: Record<string, readonly unknown[]> = {};
  let length = 0;
  for (const t of tables) length += t.length;
  for (const c of first) {
    const out: unknown[] = [];
    for (const t of tables) {
      const col = (t.columns as Record<string, readonly unknown[]>)[c.name]!;
      for (let i = 0; i < col.length; i++) out.push(col[i]);
    }
    columns[c.name] = Object.freeze(out);
  }
  return Object.freeze({ schema: first, length, columns: Object.freeze(columns) as unknown as ColumnsOf<S> });
}

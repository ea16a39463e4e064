/**
 * JSON and NDJSON export and import of tidy tables.
 *
 * - {@link toJSON}: an array of row objects (`[{"scenario":"base","replication":0,…}, …]`), keys in
 *   schema order — the "records" orientation that `pandas.read_json(orient='records')`,
 *   `jsonlite::fromJSON` and vega-lite's `data.values` read directly.
 * - {@link toNDJSON}: one row object per line (newline-delimited JSON), for streaming and for
 *   appending replications to one file.
 *
 * Numbers use JSON's shortest round-trip form, so they read back bit for bit; cells are never `NaN`
 * or `Infinity` (the table type forbids them), which JSON cannot carry. Reading is schema-checked like
 * `fromCSV`.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { rows, type Schema, type Table, TableBuilder, validateSchema } from './table.js';

/**
 * Options of {@link toJSON}.
 *
 * @example
 * ```ts
 * toJSON(table, { space: 2 });
 * ```
 */
export interface JsonOptions {
  /** Indentation passed to `JSON.stringify`; default none. */
  readonly space?: number | string;
}

/**
 * The table as a JSON array of row objects.
 *
 * @example
 * ```ts
 * toJSON(table); // '[{"scenario":"base","replication":0,"seed":42,"resource":"swab",…}]'
 * ```
 */
export function toJSON(table: Table, options: JsonOptions = {}): string {
  return JSON.stringify(rows(table), null, options.space);
}

/**
 * The table as NDJSON: one JSON row object per line, each line ending in `\n` (empty table: `''`).
 *
 * @example
 * ```ts
 * await appendFile('arrivals.ndjson', toNDJSON(table));
 * ```
 */
export function toNDJSON(table: Table): string {
  let out = '';
  for (const row of rows(table)) out += `${JSON.stringify(row)}\n`;
  return out;
}

function parse(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ParameterError(path, `valid JSON (${(e as Error).message})`, text);
  }
}

/**
 * Read a JSON array of row objects into a table of `schema`, checking every cell.
 *
 * @throws {@link ParameterError} naming the first bad cell (`json[3].wait: expected a finite number,
 *   got null`) or invalid JSON.
 * @example
 * ```ts
 * const back = fromJSON(toJSON(table), ARRIVALS_COLUMNS);
 * ```
 */
export function fromJSON<S extends Schema>(text: string, schema: S): Table<S> {
  validateSchema(schema, 'fromJSON(schema)');
  const data = parse(text, 'json');
  if (!Array.isArray(data)) throw new ParameterError('json', 'an array of row objects', data);
  const builder = new TableBuilder(schema, { name: 'json' });
  data.forEach((row, i) => {
    builder.appendAt(row, `json[${i}]`);
  });
  return builder.build();
}

/**
 * Read NDJSON (one row object per line; blank lines ignored) into a table of `schema`.
 *
 * @throws {@link ParameterError} naming the line of the first bad row or cell
 *   (`ndjson line 4.wait: expected a finite number, got "12"`).
 * @example
 * ```ts
 * const back = fromNDJSON(await readFile('arrivals.ndjson', 'utf8'), ARRIVALS_COLUMNS);
 * ```
 */
export function fromNDJSON<S extends Schema>(text: string, schema: S): Table<S> {
  validateSchema(schema, 'fromNDJSON(schema)');
  if (typeof text !== 'string') throw new ParameterError('fromNDJSON(text)', 'a string', text);
  const builder = new TableBuilder(schema, { name: 'ndjson' });
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    builder.appendAt(parse(line, `ndjson line ${i + 1}`), `ndjson line ${i + 1}`);
  });
  return builder.build();
}

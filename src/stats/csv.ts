/**
 * CSV export and import of tidy tables (RFC 4180).
 *
 * Writing: a header row of the column names in schema order, then one record per row. A field is
 * quoted (`"…"`, inner quotes doubled) when it contains a comma, a quote, CR or LF, when it has
 * leading or trailing spaces, and when it is an empty *string* — so that an empty string (`""`) and a
 * missing value (nothing between the commas) stay distinct. Numbers are written with JavaScript's
 * shortest round-trip form (`String(x)`: `0.1`, `1e-7`, `123456789.123`), so reading them back gives the
 * same doubles bit for bit (except that −0 is written `0`). Booleans are `true`/`false`. Records end
 * with `\n` by default (`eol: '\r\n'` gives RFC 4180's CRLF); R's `read.csv`, pandas and spreadsheets
 * read either.
 *
 * Reading ({@link fromCSV}) is schema-driven: the header must name exactly the schema's columns (in
 * any order); each field is parsed and checked against its column's type, and a bad field throws
 * naming the line and column. `TRUE`/`True` and `FALSE`/`False` are accepted for booleans, as R and
 * pandas write them.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { type RowOf, type Schema, type Table, TableBuilder, validateSchema } from './table.js';

/**
 * Options of {@link toCSV}.
 *
 * @example
 * ```ts
 * toCSV(table, { eol: '\r\n' });
 * ```
 */
export interface CsvOptions {
  /** Record terminator; default `'\n'`. */
  readonly eol?: '\n' | '\r\n';
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function field(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = String(value);
  return s === '' || NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The table as CSV text: header plus one record per row, columns in schema order, every record
 * (including the last) terminated by `eol`.
 *
 * @example
 * ```ts
 * toCSV(table);
 * // scenario,replication,seed,resource,time,busy,queue,capacity
 * // base,0,42,swab,0,0,0,6
 * // base,0,42,"desk, north",12.5,1,0,
 * ```
 */
export function toCSV(table: Table, options: CsvOptions = {}): string {
  const eol = options.eol ?? '\n';
  if (eol !== '\n' && eol !== '\r\n')
    throw new ParameterError('toCSV(options.eol)', '"\\n" or "\\r\\n"', eol);
  const names = table.schema.map((c) => c.name);
  const cols = names.map((n) => (table.columns as Record<string, readonly unknown[]>)[n]!);
  const lines: string[] = [names.map(field).join(',')];
  for (let i = 0; i < table.length; i++) {
    let line = '';
    for (let j = 0; j < cols.length; j++) line += (j > 0 ? ',' : '') + field(cols[j]![i]);
    lines.push(line);
  }
  return lines.join(eol) + eol;
}

/** A parsed CSV field: its text and whether it was quoted. */
interface Field {
  readonly text: string;
  readonly quoted: boolean;
}

/** Split CSV text into records of fields (RFC 4180), with the line each record starts on. */
function parseRecords(text: string): { fields: Field[]; line: number }[] {
  const records: { fields: Field[]; line: number }[] = [];
  let fields: Field[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    // One field.
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= n) throw new ParameterError(`csv line ${recordLine}`, 'a closing quote', 'end of text');
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === '\n') line++;
        value += ch;
        i++;
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r')
        throw new ParameterError(`csv line ${line}`, 'a comma or line end after a closing quote', text[i]);
    } else {
      const start = i;
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"')
          throw new ParameterError(
            `csv line ${line}`,
            'no quote inside an unquoted field',
            text.slice(start, i + 1),
          );
        i++;
      }
      value = text.slice(start, i);
    }
    fields.push({ text: value, quoted });
    if (i >= n) {
      records.push({ fields, line: recordLine });
      return records;
    }
    const sep = text[i]!;
    if (sep === ',') {
      i++;
      continue;
    }
    // Record end: \n or \r\n (a lone \r also ends a record).
    i += sep === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    records.push({ fields, line: recordLine });
    fields = [];
    recordLine = line;
    if (i >= n) return records;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseField(f: Field, type: string, nullable: boolean, path: string): unknown {
  if (!f.quoted && f.text === '') {
    if (nullable) return null;
    if (type === 'string') return '';
  }
  switch (type) {
    case 'string':
      return f.text;
    case 'number':
    case 'integer':
      if (!NUMBER.test(f.text)) return f.text; // checkCell then reports the bad text
      return Number(f.text);
    case 'boolean': {
      const t = f.text.toLowerCase();
      return t === 'true' ? true : t === 'false' ? false : f.text;
    }
  }
  throw new ParameterError(path, 'a known column type', type);
}

/**
 * Read CSV text written by {@link toCSV} (or by R, pandas, a spreadsheet) into a table of `schema`.
 *
 * @throws {@link ParameterError} naming the line and column of the first bad field
 *   (`csv line 7, column wait: expected a finite number, got "n/a"`), or a header that does not match
 *   the schema.
 * @example
 * ```ts
 * const back = fromCSV(toCSV(table), RESOURCE_COLUMNS);
 * ```
 */
export function fromCSV<S extends Schema>(text: string, schema: S): Table<S> {
  if (typeof text !== 'string') throw new ParameterError('fromCSV(text)', 'a string', text);
  validateSchema(schema, 'fromCSV(schema)');
  const records = parseRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records[0];
  const expected = schema.map((c) => c.name);
  if (header === undefined) throw new ParameterError('csv line 1', `a header ${expected.join(',')}`, text);
  const names = header.fields.map((f) => f.text);
  const position = new Map<string, number>();
  names.forEach((name, j) => {
    if (!expected.includes(name) || position.has(name))
      throw new ParameterError(
        `csv line 1, column ${j + 1}`,
        `one of the columns ${expected.join(', ')} (once)`,
        name,
      );
    position.set(name, j);
  });
  for (const name of expected)
    if (!position.has(name))
      throw new ParameterError(
        'csv line 1',
        `a header with the column ${JSON.stringify(name)}`,
        names.join(','),
      );
  const builder = new TableBuilder(schema, { name: 'csv' });
  for (let r = 1; r < records.length; r++) {
    const { fields, line } = records[r]!;
    if (fields.length !== names.length)
      throw new ParameterError(`csv line ${line}`, `${names.length} fields`, fields.length);
    const row: Record<string, unknown> = {};
    for (const c of schema) {
      const path = `csv line ${line}, column ${c.name}`;
      row[c.name] = parseField(fields[position.get(c.name) ?? -1]!, c.type, c.nullable === true, path);
    }
    appendRow(builder, row, line);
  }
  return builder.build();
}

function appendRow<S extends Schema>(
  builder: TableBuilder<S>,
  row: Record<string, unknown>,
  line: number,
): void {
  try {
    builder.appendAt(row as RowOf<S>, `csv line ${line}`);
  } catch (e) {
    // Re-word "csv line 7.wait" as "csv line 7, column wait".
    if (e instanceof ParameterError) {
      const column = e.path.slice(`csv line ${line}.`.length);
      throw new ParameterError(`csv line ${line}, column ${column}`, e.expected, e.value);
    }
    throw e;
  }
}

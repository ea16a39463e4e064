/**
 * Tidy tables: building with checks, rows, bindRows, the standard schemas, and the exports — CSV
 * (RFC 4180 quoting, exact text) and JSON/NDJSON — shown to give back the same table, by a property
 * over generated tables with awkward strings and numbers.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  ARRIVALS_COLUMNS,
  bindRows,
  Counter,
  fromCSV,
  fromJSON,
  fromNDJSON,
  Histogram,
  KEY_COLUMNS,
  LEVEL_COLUMNS,
  levelTable,
  RESOURCE_COLUMNS,
  type RowOf,
  rows,
  type Schema,
  SUMMARY_COLUMNS,
  summaryTable,
  type Table,
  TableBuilder,
  Tally,
  TimeWeighted,
  tableFromRows,
  toCSV,
  toJSON,
  toNDJSON,
  validateSchema,
} from '../../src/stats/index.js';
import { fc, message, prop } from './helpers.js';

const KEY = { scenario: 'base', replication: 0, seed: 42 } as const;

const MIXED = [
  ...KEY_COLUMNS,
  { name: 'label', type: 'string', nullable: true, description: 'free text or missing' },
  { name: 'x', type: 'number', nullable: true, description: 'a double or missing' },
  { name: 'n', type: 'integer', nullable: false, description: 'a safe integer' },
  { name: 'ok', type: 'boolean', nullable: false, description: 'a flag' },
  { name: 'note', type: 'string', nullable: false, description: 'free text' },
] as const satisfies Schema;

function resources(): Table<typeof RESOURCE_COLUMNS> {
  const b = new TableBuilder(RESOURCE_COLUMNS, { name: 'resources', constants: KEY });
  b.append({ resource: 'swab', time: 0, busy: 0, queue: 0, capacity: 6 });
  b.append({ resource: 'desk, north', time: 12.5, busy: 1, queue: 0, capacity: null });
  b.append({ resource: 'say "ah"', time: 0.1, busy: 6, queue: 11, capacity: 6 });
  return b.build();
}

describe('TableBuilder and rows', () => {
  test('appends column-wise; rows() gives objects with keys in schema order', () => {
    const t = resources();
    expect(t.length).toBe(3);
    expect(t.columns.busy).toEqual([0, 1, 6]);
    expect(t.columns.scenario).toEqual(['base', 'base', 'base']);
    const r = rows(t);
    expect(Object.keys(r[1]!)).toEqual([
      'scenario',
      'replication',
      'seed',
      'resource',
      'time',
      'busy',
      'queue',
      'capacity',
    ]);
    expect(r[1]).toEqual({
      scenario: 'base',
      replication: 0,
      seed: 42,
      resource: 'desk, north',
      time: 12.5,
      busy: 1,
      queue: 0,
      capacity: null,
    });
    expectTypeOf(r[0]!.capacity).toEqualTypeOf<number | null>();
    expectTypeOf(r[0]!.resource).toEqualTypeOf<string>();
  });

  test('build() returns a frozen snapshot; the builder can go on', () => {
    const b = new TableBuilder(LEVEL_COLUMNS, { constants: KEY });
    b.append({ monitor: 'q', time: 0, level: 0 });
    const first = b.build();
    b.append({ monitor: 'q', time: 1, level: 2 });
    expect([first.length, b.build().length, Object.isFrozen(first.columns.time)]).toEqual([1, 2, true]);
  });

  test('a bad cell throws naming table, row and column; the builder is left unchanged', () => {
    const b = new TableBuilder(ARRIVALS_COLUMNS, { name: 'arrivals', constants: KEY });
    const good = {
      entity: 'r#1',
      start: 0,
      end: null,
      wait: 5,
      service: 0,
      finished: false,
      outcome: 'queued',
    };
    b.append(good);
    expect(message(() => b.append({ ...good, wait: Number.NaN }))).toBe(
      'ParameterError: arrivals[1].wait: expected a finite number, got NaN',
    );
    expect(message(() => b.append({ ...good, start: null as unknown as number }))).toBe(
      'ParameterError: arrivals[1].start: expected a finite number, got null',
    );
    expect(message(() => b.append({ ...good, wiat: 3 } as typeof good))).toBe(
      'ParameterError: arrivals[1].wiat: expected one of the columns scenario, replication, seed, entity, start, end, wait, service, finished, outcome, got "wiat"',
    );
    const { service: _omitted, ...missing } = good;
    expect(message(() => b.append(missing as typeof good))).toBe(
      'ParameterError: arrivals[1].service: expected a finite number, got undefined',
    );
    expect(message(() => b.append({ ...good, seed: 7 } as typeof good))).toBe(
      'ParameterError: arrivals[1].seed: expected the constant 42 or no value, got 7',
    );
    expect(b.length).toBe(1);
    expect(b.build().columns.wait).toEqual([5]);
  });

  test('constants are checked once, by name and type', () => {
    expect(
      message(() => new TableBuilder(RESOURCE_COLUMNS, { constants: { ...KEY, replication: 1.5 } })),
    ).toBe('ParameterError: table.constants.replication: expected a safe integer, got 1.5');
    expect(
      message(
        () => new TableBuilder(RESOURCE_COLUMNS, { constants: { scenery: 'x' } as unknown as typeof KEY }),
      ),
    ).toContain('table.constants.scenery: expected one of the columns');
  });

  test('validateSchema rejects duplicate names and unknown types, naming the column', () => {
    expect(
      message(() =>
        validateSchema([
          { name: 'a', type: 'string', description: '' },
          { name: 'a', type: 'number', description: '' },
        ]),
      ),
    ).toBe('ParameterError: schema[1].name: expected a name not used before, got "a"');
    expect(message(() => validateSchema([{ name: 'a', type: 'date' as 'string', description: '' }]))).toBe(
      'ParameterError: schema[0].type: expected one of "string", "number", "integer", "boolean", got "date"',
    );
  });

  test('every standard schema is valid and starts with the run key', () => {
    for (const schema of [ARRIVALS_COLUMNS, RESOURCE_COLUMNS, SUMMARY_COLUMNS, LEVEL_COLUMNS]) {
      validateSchema(schema);
      expect(schema.slice(0, 3).map((c) => c.name)).toEqual(['scenario', 'replication', 'seed']);
      for (const c of schema) expect(c.description.length).toBeGreaterThan(5);
    }
  });
});

describe('bindRows', () => {
  test('stacks replications in order', () => {
    const a = tableFromRows(LEVEL_COLUMNS, [{ ...KEY, monitor: 'q', time: 0, level: 1 }]);
    const b = tableFromRows(LEVEL_COLUMNS, [
      { ...KEY, replication: 1, monitor: 'q', time: 0, level: 2 },
      { ...KEY, replication: 1, monitor: 'q', time: 3, level: 0 },
    ]);
    const all = bindRows([a, b]);
    expect([all.length, all.columns.replication, all.columns.level]).toEqual([3, [0, 1, 1], [1, 2, 0]]);
  });

  test('an empty list needs a schema; mismatched columns are named', () => {
    expect(bindRows([], LEVEL_COLUMNS).length).toBe(0);
    expect(message(() => bindRows([]))).toBe(
      'ParameterError: bindRows(tables): expected at least one table (or a schema), got []',
    );
    const other = tableFromRows(KEY_COLUMNS, [KEY]);
    expect(message(() => bindRows([resources(), other as unknown as Table<typeof RESOURCE_COLUMNS>]))).toBe(
      'ParameterError: bindRows(tables)[1].schema: expected the columns scenario:string, replication:integer, seed:integer, resource:string, time:number, busy:integer, queue:integer, capacity:integer?, got "scenario:string, replication:integer, seed:integer"',
    );
  });
});

describe('CSV', () => {
  test('toCSV writes RFC 4180 quoting, stable column order and round-trippable numbers', () => {
    expect(toCSV(resources())).toBe(
      [
        'scenario,replication,seed,resource,time,busy,queue,capacity',
        'base,0,42,swab,0,0,0,6',
        'base,0,42,"desk, north",12.5,1,0,',
        'base,0,42,"say ""ah""",0.1,6,11,6',
        '',
      ].join('\n'),
    );
    expect(toCSV(resources(), { eol: '\r\n' }).split('\r\n').length).toBe(5);
  });

  test('empty strings are quoted so they differ from missing values; newlines and edge spaces are quoted', () => {
    const t = tableFromRows(MIXED, [
      { ...KEY, label: '', x: null, n: 1, ok: true, note: 'two\nlines' },
      { ...KEY, label: null, x: 1e-300, n: -3, ok: false, note: ' padded ' },
    ]);
    expect(toCSV(t).split('\n').slice(1)).toEqual([
      'base,0,42,"",,1,true,"two',
      'lines"',
      'base,0,42,,1e-300,-3,false," padded "',
      '',
    ]);
    expect(fromCSV(toCSV(t), MIXED)).toEqual(t);
  });

  test('fromCSV reads CRLF, a BOM, reordered columns and R/pandas booleans', () => {
    const text =
      '\uFEFFseed,scenario,replication,monitor,level,time\r\n7,"a,b",2,q,1.5,10\r\n7,"a,b",2,q,0,12';
    const t = fromCSV(text, LEVEL_COLUMNS);
    expect(rows(t)).toEqual([
      { scenario: 'a,b', replication: 2, seed: 7, monitor: 'q', time: 10, level: 1.5 },
      { scenario: 'a,b', replication: 2, seed: 7, monitor: 'q', time: 12, level: 0 },
    ]);
    const flags = fromCSV(
      'scenario,replication,seed,label,x,n,ok,note\ns,0,1,,,5,TRUE,x\ns,0,1,,,5,False,y\n',
      MIXED,
    );
    expect(flags.columns.ok).toEqual([true, false]);
  });

  test('fromCSV names the line and column of a bad field', () => {
    const header = 'scenario,replication,seed,monitor,time,level';
    expect(message(() => fromCSV(`${header}\ns,0,1,q,0,1\ns,0,1,q,n/a,1\n`, LEVEL_COLUMNS))).toBe(
      'ParameterError: csv line 3, column time: expected a finite number, got "n/a"',
    );
    expect(message(() => fromCSV(`${header}\ns,0.5,1,q,0,1\n`, LEVEL_COLUMNS))).toBe(
      'ParameterError: csv line 2, column replication: expected a safe integer, got 0.5',
    );
    expect(message(() => fromCSV(`${header}\ns,0,1,q,0\n`, LEVEL_COLUMNS))).toBe(
      'ParameterError: csv line 2: expected 6 fields, got 5',
    );
    expect(message(() => fromCSV('scenario,replication,seed,monitor,time\n', LEVEL_COLUMNS))).toBe(
      'ParameterError: csv line 1: expected a header with the column "level", got "scenario,replication,seed,monitor,time"',
    );
    expect(message(() => fromCSV(`${header}\n"s,0,1,q,0,1\n`, LEVEL_COLUMNS))).toBe(
      'ParameterError: csv line 2: expected a closing quote, got "end of text"',
    );
    expect(message(() => fromCSV(`${header}\ns,0,1,q, 3,1\n`, LEVEL_COLUMNS))).toBe(
      'ParameterError: csv line 2, column time: expected a finite number, got " 3"',
    );
  });

  test('−0 is written as 0 (documented)', () => {
    const t = tableFromRows(LEVEL_COLUMNS, [{ ...KEY, monitor: 'q', time: 0, level: -0 }]);
    expect(toCSV(t).split('\n')[1]).toBe('base,0,42,q,0,0');
  });
});

describe('JSON and NDJSON', () => {
  test('toJSON gives records in schema key order; toNDJSON one per line', () => {
    const t = resources();
    expect(toJSON(t)).toBe(JSON.stringify(rows(t)));
    expect(toNDJSON(t).split('\n')).toEqual([...rows(t).map((r) => JSON.stringify(r)), '']);
    expect(toNDJSON(bindRows([], RESOURCE_COLUMNS))).toBe('');
  });

  test('fromJSON/fromNDJSON check every cell, naming where', () => {
    expect(message(() => fromJSON('[{"scenario":"s"}]', KEY_COLUMNS))).toBe(
      'ParameterError: json[0].replication: expected a safe integer, got undefined',
    );
    expect(message(() => fromJSON('{"a":1}', KEY_COLUMNS))).toBe(
      'ParameterError: json: expected an array of row objects, got {"a":1}',
    );
    expect(
      message(() =>
        fromNDJSON(
          '{"scenario":"s","replication":0,"seed":1}\n\n{"scenario":"s","replication":"1","seed":1}\n',
          KEY_COLUMNS,
        ),
      ),
    ).toBe('ParameterError: ndjson line 3.replication: expected a safe integer, got "1"');
    expect(message(() => fromNDJSON('{oops}\n', KEY_COLUMNS))).toContain(
      'ndjson line 1: expected valid JSON',
    );
  });
});

/** Generated rows of MIXED with awkward strings (quotes, commas, newlines, spaces, unicode) and numbers. */
const awkwardString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    ',',
    '"',
    '""',
    '\n',
    '\r\n',
    'a,b',
    ' lead',
    'trail ',
    '清徐 站点',
    'x"y',
    'null',
    'NaN',
  ),
);
const mixedRow = fc.record({
  scenario: awkwardString,
  replication: fc.nat({ max: 1000 }),
  seed: fc.maxSafeNat(),
  label: fc.option(awkwardString, { nil: null }),
  x: fc.option(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
    { nil: null },
  ),
  n: fc.maxSafeInteger(),
  ok: fc.boolean(),
  note: awkwardString,
});

describe('exports round-trip', () => {
  prop([fc.array(mixedRow, { maxLength: 30 }), fc.constantFrom('\n', '\r\n' as const)], {
    seed: 501,
    numRuns: 300,
  })('CSV, JSON and NDJSON exports parse back to the same table', (data, eol) => {
    const table = tableFromRows(MIXED, data as RowOf<typeof MIXED>[]);
    const viaCsv = fromCSV(toCSV(table, { eol: eol as '\n' | '\r\n' }), MIXED);
    const viaJson = fromJSON(toJSON(table), MIXED);
    const viaNdjson = fromNDJSON(toNDJSON(table), MIXED);
    expect(viaCsv).toEqual(table);
    expect(viaJson).toEqual(table);
    expect(viaNdjson).toEqual(table);
    expect(viaCsv).toEqual(viaJson);
    // numbers come back bit for bit
    viaCsv.columns.x.forEach((v, i) => {
      expect(Object.is(v, table.columns.x[i])).toBe(true);
    });
  });
});

describe('summary and level tables', () => {
  test('summaryTable flattens every monitor kind into long rows under the run key', () => {
    const wait = new Tally('wait');
    for (const x of [10, 20, 30]) wait.observe(x);
    const queue = new TimeWeighted('queue');
    queue.update(2, 3);
    const outcome = new Counter('outcome', { labels: ['served', 'reneged'] });
    outcome.increment('served', 3);
    const hist = new Histogram('waitBins', [0, 15, 60]);
    hist.observe(10);
    const t = summaryTable(KEY, [wait.summary(), queue.summary(4), outcome.summary(), hist.summary()]);
    const get = (monitor: string, statistic: string) =>
      rows(t).find((r) => r.monitor === monitor && r.statistic === statistic)?.value;
    expect([get('wait', 'count'), get('wait', 'mean'), get('wait', 'variance')]).toEqual([3, 20, 100]);
    expect([get('queue', 'mean'), get('queue', 'integral'), get('queue', 'timeOfMax')]).toEqual([1.5, 6, 2]);
    expect([
      get('outcome', 'total'),
      get('outcome', 'count:served'),
      get('outcome', 'count:reneged'),
    ]).toEqual([3, 3, 0]);
    expect([
      get('waitBins', 'bin:[0,15)'),
      get('waitBins', 'bin:[15,60)'),
      get('waitBins', 'overflow'),
    ]).toEqual([1, 0, 0]);
    expect(t.columns.kind.slice(0, 1)).toEqual(['tally']);
    expect(new Set(t.columns.seed)).toEqual(new Set([42]));
    // undefined statistics are null, and the table survives CSV
    expect(get('queue', 'p50')).toBe(0);
    const empty = summaryTable(KEY, [new Tally('none').summary()]);
    expect(rows(empty).find((r) => r.statistic === 'mean')?.value).toBeNull();
    expect(fromCSV(toCSV(t), SUMMARY_COLUMNS)).toEqual(t);
  });

  test('summaryTable rejects an unknown summary kind, naming its index', () => {
    expect(message(() => summaryTable(KEY, [{ kind: 'gauge', name: 'x' } as never]))).toBe(
      'ParameterError: summaryTable(summaries)[0].kind: expected "tally", "time-weighted", "counter" or "histogram", got "gauge"',
    );
  });

  test('levelTable lists the traced changes of each monitor', () => {
    const q = new TimeWeighted('queue', { trace: true });
    q.update(1, 2);
    q.update(4, 0);
    const t = levelTable(KEY, [q]);
    expect([t.columns.time, t.columns.level, t.columns.monitor]).toEqual([
      [0, 1, 4],
      [0, 2, 0],
      ['queue', 'queue', 'queue'],
    ]);
    expect(message(() => levelTable(KEY, [new TimeWeighted('busy')]))).toBe(
      'ParameterError: levelTable(monitors)[0]: expected a TimeWeighted monitor with trace: true, got "busy"',
    );
  });
});

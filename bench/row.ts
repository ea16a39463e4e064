/**
 * Child-process entry: run benchmark rows and print each result as one line of JSON on stdout.
 *
 * `node --expose-gc --import tsx bench/row.ts <row>[,<row>...] [--ci] [--big-city-monitors]`
 *
 * The bare loop is measured first, in this process, so every speed can be divided by it (rows that
 * can also time it in alternation with their own runs, see `pairedWithBare`). The peak memory is
 * this process's high-water mark (main thread and any worker threads); with several rows in one
 * process it is shared, and marked so.
 */
import { bareRate, peakRssMiB, type RowResult } from './harness.js';
import { ROWS } from './rows.js';

const ids = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '').split(',');
const ci = process.argv.includes('--ci');
const unknown = ids.filter((id) => ROWS[id] === undefined);
if (unknown.length > 0) {
  console.error(`bench/row.ts: unknown row(s) ${unknown.join(', ')}; rows: ${Object.keys(ROWS).join(', ')}`);
  process.exit(2);
}
const customers = ci ? 300_000 : 2_000_000;
const repeats = 3;
for (const [i, id] of ids.entries()) {
  const t0 = performance.now();
  const startRssMiB = process.memoryUsage().rss / 2 ** 20;
  let measured: number | undefined;
  const bare = () => {
    measured ??= bareRate(customers, repeats);
    return measured;
  };
  const measures = await ROWS[id]!({ ci, bare, customers, repeats, pairs: ci ? 5 : 7 });
  const result: RowResult = {
    row: id,
    measures,
    bareCustomersPerSecond: measured ?? Number.NaN,
    startRssMiB,
    peakRssMiB: peakRssMiB(),
    wallSeconds: (performance.now() - t0) / 1000,
    peakShared: i > 0,
  };
  console.log(JSON.stringify(result));
}

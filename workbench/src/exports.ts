/**
 * What the page exports, all made on this machine: the spec, the result as JSON (the library's
 * `scenarioResultJson`, the same text as `surgesim run --json`'s result), the per-replication figure
 * values as a tidy CSV table (the library's `toCSV`), and an HTML report.
 *
 * The Node HTML report (src/report/html-node.ts) renders its charts with resvg and reads font
 * files, so it cannot run here; the page's report is built from the same browser-safe report data
 * (`scenarioReport`: identity, tables, charts) with the charts as the SVG vega draws in the page.
 *
 * @module
 */
import type { CampaignResult } from '../../models/index.js';
import { type ScenarioResult, type Schema, tableFromRows, toCSV } from '../../src/index.js';
import type { HtmlReport } from '../../src/report/index.js';

/** Offer `text` as a file download named `name`. */
export function download(name: string, text: string | Blob, type = 'application/json'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const VALUE_COLUMNS = [
  { name: 'scenario', type: 'string', description: 'The spec’s name.' },
  { name: 'seed', type: 'integer', description: 'Base seed of the run.' },
  { name: 'replication', type: 'integer', description: 'Replication index, from 0.' },
  { name: 'figure', type: 'string', description: 'Figure or metric id.' },
  { name: 'label', type: 'string', description: 'Its label.' },
  { name: 'unit', type: 'string', description: 'Its unit (clock: seconds after the epoch).' },
  {
    name: 'value',
    type: 'number',
    nullable: true,
    description: 'Its value in the replication (empty: did not happen).',
  },
] as const satisfies Schema;

/** Every figure's value in every replication, one row each, as CSV. */
export function resultCsv(result: ScenarioResult<unknown, CampaignResult>): string {
  const rows = [...result.figures, ...result.metrics].flatMap((f) =>
    (result.values[f.id] ?? []).map((value, replication) => ({
      scenario: result.scenario,
      seed: result.seed,
      replication,
      figure: f.id,
      label: f.label,
      unit: f.unit,
      value,
    })),
  );
  return toCSV(tableFromRows(VALUE_COLUMNS, rows, 'values'));
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** A self-contained HTML report of `report`, with each chart's SVG (by chart name). */
export function htmlReport(report: HtmlReport, svgs: ReadonlyMap<string, string>, lang: string): string {
  const cell = (c: unknown) => escapeHtml(c === null || c === undefined ? '' : String(c));
  const tables = report.tables
    .map((t) => {
      const rows = t.rows.map((r) =>
        Array.isArray(r) ? r : t.columns.map((c) => (r as Record<string, unknown>)[c] ?? null),
      );
      return `<h2>${escapeHtml(t.title)}</h2><table><thead><tr>${t.columns.map((c) => `<th>${cell(c)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''}`;
    })
    .join('\n');
  const charts = report.charts
    .map(
      (c) =>
        `<figure><h2>${escapeHtml(c.title)}</h2>${svgs.get(c.name) ?? ''}${c.caption ? `<figcaption>${escapeHtml(c.caption)}</figcaption>` : ''}</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}.note,figcaption{color:#555;font-size:.9rem}figure{margin:1.5rem 0}</style>
</head><body><h1>${escapeHtml(report.title)}</h1>${report.subtitle ? `<p>${escapeHtml(report.subtitle)}</p>` : ''}
${tables}
${charts}
</body></html>
`;
}

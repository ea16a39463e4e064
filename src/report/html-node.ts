/**
 * The self-contained HTML report (Node only): one `.html` file with inline CSS and every chart
 * inline (SVG by default, or base64 PNG), no script and no external URL, so it opens offline and can
 * be mailed or archived as one file. Each chart is also written next to it as `<name>.svg` and
 * `<name>.png` for slides and documents.
 *
 * Every value from the report data is HTML-escaped; the only markup not written here is vega's SVG.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { nonEmptyString } from '../kernel/validate.js';
import { checkFontFiles, DEFAULT_FONT_FILES, type FontFile } from './fonts-node.js';
import { type OutputFolder, prepareOutputFolder } from './outputFolder-node.js';
import { renderSvg, svgToPng } from './render-node.js';
import {
  flattenParameters,
  formatCell,
  type HtmlReport,
  type ReportCell,
  type ReportTable,
} from './reportData.js';

/**
 * Escape text for HTML content and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<b> & "q"'); // '&lt;b&gt; &amp; &quot;q&quot;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Options of {@link writeHtmlReport} and {@link renderHtmlReport}.
 *
 * @example
 * ```ts
 * const opts: HtmlReportOptions = { embed: 'png', scale: 2, fileName: 'qingxu.html' };
 * ```
 */
export interface HtmlReportOptions {
  /** How charts appear in the HTML: inline SVG (default) or base64 PNG. */
  readonly embed?: 'svg' | 'png';
  /** PNG pixel scale; default 2. */
  readonly scale?: number;
  /** Whether to write `<name>.png` files (and render PNGs at all when embedding SVG); default true. */
  readonly png?: boolean;
  /** Font files for the PNGs; default the report fonts. */
  readonly fontFiles?: readonly FontFile[];
  /** Name of the HTML file; default `report.html`. */
  readonly fileName?: string;
  /**
   * Replace an existing, non-empty earlier report folder (default false: a folder that holds files
   * is refused). Used only when the target is given as a path; see {@link prepareOutputFolder}.
   */
  readonly force?: boolean;
}

/**
 * A rendered report: the HTML text and the images of each chart.
 *
 * @example
 * ```ts
 * const { html, images } = await renderHtmlReport(report);
 * ```
 */
export interface RenderedHtmlReport {
  /** The self-contained HTML page. */
  readonly html: string;
  /** Each chart's SVG text and, unless `png: false`, its PNG bytes, by chart name. */
  readonly images: readonly { readonly name: string; readonly svg: string; readonly png?: Uint8Array }[];
}

const CSS = `
body{font-family:'Noto Sans CJK SC','DejaVu Sans',sans-serif;color:#222;max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.1em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}
.subtitle{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f3f3f3}
figure{margin:1.2em 0}figcaption{color:#444;font-size:.92em}
figure svg,figure img{max-width:100%;height:auto}
.note{color:#555;font-size:.88em}
`;

const NAME = /^[A-Za-z0-9_-]+$/;

function cellHtml(cell: ReportCell): string {
  const cls = typeof cell === 'number' ? ' class="num"' : '';
  return `<td${cls}>${escapeHtml(formatCell(cell))}</td>`;
}

function tableHtml(t: ReportTable, path: string): string {
  const columns = t.columns;
  const rows = t.rows.map((row, i) => {
    const cells: readonly ReportCell[] = Array.isArray(row)
      ? (row as readonly ReportCell[])
      : columns.map((c) => (row as Readonly<Record<string, ReportCell>>)[c] ?? null);
    if (cells.length !== columns.length)
      throw new ParameterError(`${path}.rows[${i}]`, `${columns.length} cells (one per column)`, row);
    return `<tr>${cells.map(cellHtml).join('')}</tr>`;
  });
  return [
    `<h2>${escapeHtml(t.title)}</h2>`,
    '<table>',
    `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    t.note === undefined ? '' : `<p class="note">${escapeHtml(t.note)}</p>`,
  ].join('\n');
}

function validate(report: HtmlReport): void {
  nonEmptyString(report.title, 'report.title');
  if (report.identity === null || typeof report.identity !== 'object')
    throw new ParameterError('report.identity', 'an object with seed and version', report.identity);
  nonEmptyString(report.identity.version, 'report.identity.version');
  if (typeof report.identity.seed !== 'number' && typeof report.identity.seed !== 'string')
    throw new ParameterError('report.identity.seed', 'a number or string', report.identity.seed);
  if (!Array.isArray(report.tables)) throw new ParameterError('report.tables', 'an array', report.tables);
  if (!Array.isArray(report.charts)) throw new ParameterError('report.charts', 'an array', report.charts);
  const names = new Set<string>();
  report.charts.forEach((c, i) => {
    if (typeof c.name !== 'string' || !NAME.test(c.name))
      throw new ParameterError(
        `report.charts[${i}].name`,
        'a file-safe name (letters, digits, - and _)',
        c.name,
      );
    if (names.has(c.name))
      throw new ParameterError(`report.charts[${i}].name`, 'a name not used by another chart', c.name);
    names.add(c.name);
  });
  report.tables.forEach((t, i) => {
    if (!Array.isArray(t.columns))
      throw new ParameterError(`report.tables[${i}].columns`, 'an array of headings', t.columns);
    if (!Array.isArray(t.rows))
      throw new ParameterError(`report.tables[${i}].rows`, 'an array of rows', t.rows);
  });
}

/**
 * Render a report to HTML text and chart images, without writing anything.
 *
 * @example
 * ```ts
 * const { html } = await renderHtmlReport(report, { png: false });
 * ```
 */
export async function renderHtmlReport(
  report: HtmlReport,
  options: HtmlReportOptions = {},
): Promise<RenderedHtmlReport> {
  validate(report);
  const embed = options.embed ?? 'svg';
  if (embed !== 'svg' && embed !== 'png') throw new ParameterError('options.embed', "'svg' or 'png'", embed);
  const wantPng = options.png ?? true;
  if (embed === 'png' && !wantPng)
    throw new ParameterError('options.png', 'true when embedding PNG', wantPng);
  const fontFiles = options.fontFiles ?? DEFAULT_FONT_FILES;
  if (wantPng) checkFontFiles(fontFiles);
  const images: { name: string; svg: string; png?: Uint8Array }[] = [];
  const figures: string[] = [];
  for (const chart of report.charts) {
    const svg = await renderSvg(chart.spec);
    const png = wantPng
      ? svgToPng(svg, { fontFiles, ...(options.scale === undefined ? {} : { scale: options.scale }) }).png
      : undefined;
    images.push(png === undefined ? { name: chart.name, svg } : { name: chart.name, svg, png });
    const body =
      embed === 'svg' || png === undefined
        ? svg.replace(/^<\?xml[^>]*>\s*/, '')
        : `<img alt="${escapeHtml(chart.title)}" src="data:image/png;base64,${Buffer.from(png).toString('base64')}">`;
    figures.push(
      [
        `<figure id="chart-${chart.name}">`,
        `<h3>${escapeHtml(chart.title)}</h3>`,
        body,
        chart.caption === undefined ? '' : `<figcaption>${escapeHtml(chart.caption)}</figcaption>`,
        '</figure>',
      ].join('\n'),
    );
  }
  const identity = Object.entries(report.identity).map(([k, v]) => [k, v] as const);
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    report.subtitle === undefined ? '' : `<p class="subtitle">${escapeHtml(report.subtitle)}</p>`,
    tableHtml(
      { title: 'Run', columns: ['', ''], rows: identity.map(([k, v]) => [k, v]) },
      'report.identity',
    ).replace('<thead><tr><th></th><th></th></tr></thead>', ''),
    tableHtml(
      { title: 'Parameters', columns: ['parameter', 'value'], rows: flattenParameters(report.parameters) },
      'report.parameters',
    ),
    ...report.tables.map((t, i) => tableHtml(t, `report.tables[${i}]`)),
    report.charts.length === 0 ? '' : '<h2>Charts</h2>',
    ...figures,
    '</body>',
    '</html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
  return { html, images };
}

/**
 * Write a self-contained HTML report, with `<name>.svg` and `<name>.png` for each chart next to it.
 * Given a path, the folder is checked, written to a temporary folder and moved into place at the end
 * (see {@link prepareOutputFolder}: a folder that already holds files is refused unless
 * `options.force` and it is an earlier report); given an open {@link OutputFolder}, the files are
 * added to it and the caller commits.
 *
 * @returns the paths written, the HTML file first.
 * @example
 * ```ts
 * const files = await writeHtmlReport('out/qingxu', report);
 * console.log(`report: ${files[0]}`);
 * ```
 */
export async function writeHtmlReport(
  target: string | OutputFolder,
  report: HtmlReport,
  options: HtmlReportOptions = {},
): Promise<string[]> {
  const fileName = options.fileName ?? 'report.html';
  if (!/^[A-Za-z0-9_.-]+\.html?$/.test(fileName))
    throw new ParameterError('options.fileName', 'a file name ending in .html', fileName);
  if (typeof target === 'string') {
    const folder = await prepareOutputFolder(target, { force: options.force ?? false });
    try {
      await writeHtmlReport(folder, report, options);
      return await folder.commit();
    } finally {
      await folder.abort();
    }
  }
  const { html, images } = await renderHtmlReport(report, options);
  const written = [await target.write(fileName, html)];
  for (const image of images) {
    written.push(await target.write(`${image.name}.svg`, image.svg));
    if (image.png !== undefined) written.push(await target.write(`${image.name}.png`, image.png));
  }
  return written;
}

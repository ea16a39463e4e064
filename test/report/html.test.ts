/**
 * The HTML report: one self-contained file (no external URL, no script), with the run identity,
 * parameters, tables and charts; every value escaped; image files written next to it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type HtmlReport, reportedVsSimulatedTable } from '../../src/report/index.js';
import { escapeHtml, renderHtmlReport, writeHtmlReport } from '../../src/report/node.js';
import { sampleSpecs } from './fixtures.js';

const EVIL = '<script>alert("x")</script> & \'q\'';

const report: HtmlReport = {
  title: '清徐 13 April 2022 — replay',
  subtitle: `subtitle ${EVIL}`,
  identity: { seed: 7, version: '0.1.0', replications: 30, note: EVIL },
  parameters: { sites: 176, swab: { perHour: 120, mode: EVIL }, shifts: [4, 4] },
  tables: [
    reportedVsSimulatedTable(
      [
        {
          figure: 'F1 tested by 01:00',
          unit: 'persons',
          reported: 119_246,
          median: 118_900,
          lower: 117_500,
          upper: 120_100,
          fitted: false,
        },
        { figure: EVIL, reported: null, median: 0.5, lower: null, upper: null, fitted: true },
      ],
      '90 % interval',
    ),
    {
      title: 'Planner metrics',
      columns: ['metric', 'value'],
      rows: [{ metric: 'peak queue', value: 412 }, ['last swab', '01:47 (+1 d)']],
      note: 'from 30 replications',
    },
  ],
  charts: [
    { name: 'tested', title: 'People tested', spec: sampleSpecs.tested(), caption: `caption ${EVIL}` },
    { name: 'beds', title: 'Beds ready', spec: sampleSpecs.beds() },
  ],
};

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Every http(s) URL in the text. */
const urls = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);

describe('renderHtmlReport', () => {
  it('is self-contained: no script, no stylesheet link, no URL other than XML namespaces', async () => {
    const { html } = await renderHtmlReport(report, { png: false });
    expect(urls(html).length).toBeGreaterThan(0); // the SVG namespaces
    expect(urls(html.replace(/\sxmlns(?::\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, ''))).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<iframe|src="(?!data:)/i);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('holds the identity, the flattened parameters, the tables and the charts inline', async () => {
    const { html } = await renderHtmlReport(report, { png: false });
    expect(html).toContain('<h1>清徐 13 April 2022 — replay</h1>');
    expect(html).toMatch(/<td>seed<\/td><td class="num">7<\/td>/);
    expect(html).toMatch(/<td>version<\/td><td>0\.1\.0<\/td>/);
    expect(html).toMatch(/<td>swab\.perHour<\/td><td class="num">120<\/td>/);
    expect(html).toMatch(/<td>shifts\[1\]<\/td><td class="num">4<\/td>/);
    expect(html).toContain('<th>simulated median</th>');
    expect(html).toContain('<td class="num">119,246</td>');
    expect(html).toContain('<td>117,500 – 120,100</td>');
    expect(html).toContain('<td>peak queue</td><td class="num">412</td>');
    expect(html).toContain('<p class="note">from 30 replications</p>');
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('>清徐县 — people tested</text>');
  });

  it('escapes every value from the report data', async () => {
    const { html } = await renderHtmlReport(report, { png: false });
    expect(html).not.toContain('<script>');
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;';
    for (const where of ['subtitle ', 'caption ', '<td>', '<td>swab.mode</td><td>'])
      expect(html).toContain(`${where}${escaped}`);
    expect(escapeHtml(EVIL)).toBe(escaped);
  });

  it('embeds PNG as base64 data when asked', async () => {
    const one: HtmlReport = { ...report, charts: [report.charts[1]!] };
    const { html, images } = await renderHtmlReport(one, { embed: 'png', scale: 1 });
    const m = html.match(/<img alt="Beds ready" src="data:image\/png;base64,([A-Za-z0-9+/=]+)">/);
    expect(m).not.toBeNull();
    const png = Buffer.from(m?.[1] ?? '', 'base64');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(Buffer.compare(png, Buffer.from(images[0]?.png ?? []))).toBe(0);
    expect(html).not.toContain('<svg');
  });

  it.each([
    [{ ...report, title: '' }, 'report.title:'],
    [{ ...report, identity: { version: '0.1.0' } as never }, 'report.identity.seed:'],
    [
      { ...report, charts: [{ ...report.charts[0]!, name: '../evil' }] },
      'report.charts[0].name: expected a file-safe name',
    ],
    [
      { ...report, charts: [report.charts[0]!, report.charts[0]!] },
      'report.charts[1].name: expected a name not used by another chart',
    ],
    [
      { ...report, tables: [{ title: 't', columns: ['a', 'b'], rows: [[1]] }] },
      'report.tables[0].rows[0]: expected 2 cells',
    ],
  ])('rejects bad report data (%#)', async (bad, message) => {
    await expect(renderHtmlReport(bad as HtmlReport, { png: false })).rejects.toThrow(message);
  });
});

describe('writeHtmlReport', () => {
  it('writes the HTML file with an SVG and a PNG per chart next to it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'surgesim-report-'));
    dirs.push(dir);
    const out = join(dir, 'nested');
    const one: HtmlReport = { ...report, charts: [report.charts[1]!] };
    const files = await writeHtmlReport(out, one, { scale: 1, fileName: 'qingxu.html' });
    expect(files).toEqual([join(out, 'qingxu.html'), join(out, 'beds.svg'), join(out, 'beds.png')]);
    const html = await readFile(files[0]!, 'utf8');
    expect(html).toContain('<h1>');
    expect((await readFile(files[1]!, 'utf8')).startsWith('<svg')).toBe(true);
    expect([...(await readFile(files[2]!)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('rejects a file name that is not a plain .html name', async () => {
    await expect(writeHtmlReport(tmpdir(), report, { fileName: '../x.html' })).rejects.toThrow(
      'options.fileName:',
    );
  });
});

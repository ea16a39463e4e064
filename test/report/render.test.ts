/**
 * The Node renderers: SVG carries the labels as text (Chinese included); the PNG is not blank and its
 * text is really drawn — the title's glyphs change exactly the title's pixels, and two different
 * Chinese characters give different pixels (so they are glyphs, not identical missing-glyph boxes);
 * a missing font file is a clear error, never a silently text-less image.
 */
import { describe, expect, it } from 'vitest';
import { unloadingSpec } from '../../src/report/index.js';
import {
  DEFAULT_FONT_FILES,
  MissingFontError,
  renderPng,
  renderSvg,
  svgToPng,
} from '../../src/report/node.js';
import { sampleSpecs } from './fixtures.js';

/** The visible text of an SVG: vega keeps labels it hid for overlap, with opacity 0, so skip those. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)]
    .filter((m) => !/opacity="0"/.test(m[1]!))
    .map((m) => m[2]!);

/** Pixels that differ (any channel) between two RGBA buffers of the same size, by row. */
function diffRows(a: Uint8Array, b: Uint8Array, width: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < a.length; i += 4)
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) rows.push(Math.floor(i / 4 / width));
  return rows;
}

describe('renderSvg', () => {
  it('writes an <svg> whose <text> elements hold the title, axis titles, target and clock ticks', async () => {
    const svg = await renderSvg(sampleSpecs.tested());
    expect(svg.startsWith('<svg')).toBe(true);
    const t = texts(svg);
    expect(t).toContain('清徐县 — people tested');
    expect(t).toContain('Clock time (UTC+08:00)');
    expect(t).toContain('People tested (cumulative, persons)');
    expect(t).toContain('Target 119,246 by 01:00');
    // 19:00 → 03:00 on 640 px: ticks every 2 h from 20:00; the first and the midnight tick carry the date
    expect(t).toContain('13 Apr 20:00');
    expect(t).toContain('14 Apr 00:00');
    expect(t).toContain('02:00');
  });

  it('keeps the midnight label when the axis starts on a dated tick just before it', async () => {
    // The replay's unloading chart: 22:00 → 07:00 next day, ticks every 2 h from 22:00. The first label is
    // drawn flush left and dated; the midnight label two hours later must still be drawn.
    const spec = unloadingSpec({
      epoch: '2022-04-13T22:00+08:00',
      rows: Array.from({ length: 19 }, (_, i) => ({
        time: i * 1800,
        chain: 'all chains',
        unloaded: i * 500,
      })),
    });
    const t = texts(await renderSvg(spec));
    expect(t).toContain('13 Apr 22:00');
    expect(t).toContain('14 Apr 00:00');
    expect(t).toContain('06:00');
  });

  it('renders the Gantt charts with their rows and Chinese legends', async () => {
    const t = texts(await renderSvg(sampleSpecs.buses()));
    expect(t).toEqual(expect.arrayContaining(['bus 1', 'bus 2', '河东', '清源', 'Bus trips']));
  });
});

describe('every sample chart renders', () => {
  for (const [name, build] of Object.entries(sampleSpecs)) {
    it(`${name}: renders to SVG with its title as text`, async () => {
      const spec = build();
      const svg = await renderSvg(spec);
      const title = (spec.title as { text: string }).text;
      expect(texts(svg)).toContain(title);
    });
  }
});

describe('renderPng', () => {
  it('every default font file exists on this machine (CI installs fonts-dejavu-core and fonts-noto-cjk)', () => {
    expect(DEFAULT_FONT_FILES.map((f) => f.path)).toHaveLength(4);
  });

  it('is a PNG, and not blank', async () => {
    const { png, width, height } = await renderPng(sampleSpecs.beds(), { scale: 1 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(300);
  });

  it('draws the title text: removing the glyphs changes only pixels in the title band', async () => {
    const svg = await renderSvg(sampleSpecs.tested());
    const title = '清徐县 — people tested';
    expect(svg).toContain(`>${title}<`);
    const blank = svg.replace(`>${title}<`, '><');
    const a = svgToPng(svg, { scale: 1 });
    const b = svgToPng(blank, { scale: 1 });
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    let ink = 0;
    for (let i = 0; i < a.pixels.length; i += 4) if (a.pixels[i]! < 200) ink++;
    expect(ink / (a.width * a.height)).toBeGreaterThan(0.01); // lines, axes and labels
    const rows = diffRows(a.pixels, b.pixels, a.width);
    expect(rows.length).toBeGreaterThan(200); // ~20 glyphs at 15 px
    expect(Math.max(...rows)).toBeLessThan(30); // the title sits in the top band
  });

  it('draws Chinese as glyphs: 清 and 徐 give different pixels', async () => {
    const svg = await renderSvg(sampleSpecs.tested());
    const one = svgToPng(svg.replace('>清徐县 — people tested<', '>清清清<'), { scale: 1 });
    const two = svgToPng(svg.replace('>清徐县 — people tested<', '>徐徐徐<'), { scale: 1 });
    expect(diffRows(one.pixels, two.pixels, one.width).length).toBeGreaterThan(50);
  });

  it('a missing font file is a clear error naming the file and its Debian package', async () => {
    const fontFiles = [
      ...DEFAULT_FONT_FILES,
      { path: '/nonexistent/fonts/Missing.ttf', package: 'fonts-missing' },
    ];
    const run = renderPng(sampleSpecs.beds(), { fontFiles });
    await expect(run).rejects.toThrow(MissingFontError);
    await expect(run).rejects.toThrow(
      'font file /nonexistent/fonts/Missing.ttf not found: install it with `apt-get install -y fonts-missing`',
    );
  });

  it('rejects a bad scale with its path', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { scale: 0 })).toThrow(
      'options.scale:',
    );
  });
});

/**
 * Rendering chart specs to SVG and PNG in Node, without a browser (Node only).
 *
 * SVG: vega-lite compiles the spec to vega, a vega `View` with the headless renderer `'none'` runs the
 * dataflow and writes SVG text, and the view is finalised so no timers or listeners leak. Without a
 * canvas package vega estimates text widths, which is close enough for layout.
 *
 * PNG: resvg rasterises that SVG with the report's font files loaded explicitly and the system's
 * fonts ignored, so a PNG looks the same on every machine (see `fonts-node.ts` for why a missing font
 * is an error rather than a blank).
 *
 * Vega-lite warnings (an encoding it dropped, a bad channel) are collected and returned, not printed,
 * so a caller or a test can treat them as failures.
 *
 * @module
 */
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { positive } from '../kernel/validate.js';
import { checkFontFiles, DEFAULT_FONT_FILES, type FontFile } from './fonts-node.js';

/**
 * Messages vega-lite logged while compiling a spec.
 *
 * @example
 * ```ts
 * const { vega, warnings } = compileSpec(spec);
 * if (warnings.length > 0) console.warn(warnings.join('\n'));
 * ```
 */
export interface CompiledSpec {
  /** The vega spec. */
  readonly vega: ReturnType<typeof compile>['spec'];
  /** Warnings (and errors) vega-lite logged, as text. */
  readonly warnings: readonly string[];
}

/**
 * Compile a vega-lite spec to vega, collecting vega-lite's warnings instead of printing them.
 *
 * @example
 * ```ts
 * const { warnings } = compileSpec(testedOverTimeSpec(input)); // [] when the spec is clean
 * ```
 */
export function compileSpec(spec: TopLevelSpec): CompiledSpec {
  const warnings: string[] = [];
  const text = (args: readonly unknown[]) => args.map(String).join(' ');
  let level = 0;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level as never;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      warnings.push(`error: ${text(args)}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(`warn: ${text(args)}`);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  const vega = compile(spec, { logger: logger as never }).spec;
  return { vega, warnings };
}

/**
 * Render a vega-lite spec to SVG text.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(testedOverTimeSpec(input));
 * await writeFile('tested.svg', svg);
 * ```
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = compileSpec(spec);
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Options of {@link renderPng} and {@link svgToPng}.
 *
 * @example
 * ```ts
 * const opts: PngOptions = { scale: 2 };
 * ```
 */
export interface PngOptions {
  /** Pixel scale (2 for sharp images on high-density screens and in print); default 2. */
  readonly scale?: number;
  /** Font files to load; default {@link DEFAULT_FONT_FILES}. Each must exist. */
  readonly fontFiles?: readonly FontFile[];
  /** Background colour; default white. */
  readonly background?: string;
}

/**
 * A rasterised image: PNG bytes and its size in pixels.
 *
 * @example
 * ```ts
 * const { png, width, height } = await renderPng(spec);
 * ```
 */
export interface PngImage {
  /** The PNG file's bytes. */
  readonly png: Uint8Array;
  /** Width in pixels: the SVG's width times the scale. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * Rasterise SVG text to PNG with the report fonts (and only those).
 *
 * @example
 * ```ts
 * const { png } = svgToPng(await renderSvg(spec), { scale: 1 });
 * ```
 */
export function svgToPng(svg: string, options: PngOptions = {}): PngImage & { readonly pixels: Uint8Array } {
  const scale = options.scale === undefined ? 2 : positive(options.scale, 'options.scale');
  const fontFiles = checkFontFiles(options.fontFiles ?? DEFAULT_FONT_FILES);
  const rendered = new Resvg(svg, {
    background: options.background ?? 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles,
      defaultFontFamily: 'Noto Sans CJK SC',
      sansSerifFamily: 'Noto Sans CJK SC',
    },
  }).render();
  return {
    png: new Uint8Array(rendered.asPng()),
    pixels: new Uint8Array(rendered.pixels),
    width: rendered.width,
    height: rendered.height,
  };
}

/**
 * Render a vega-lite spec to a PNG image (fonts are checked before any work).
 *
 * @example
 * ```ts
 * const { png } = await renderPng(busTripsSpec(input), { scale: 2 });
 * await writeFile('buses.png', png);
 * ```
 */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<PngImage> {
  checkFontFiles(options.fontFiles ?? DEFAULT_FONT_FILES);
  const { png, width, height } = svgToPng(await renderSvg(spec), options);
  return { png, width, height };
}

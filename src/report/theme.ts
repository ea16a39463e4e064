/**
 * The report theme: one vega-lite `config` shared by every chart, so that all figures of a report look
 * alike and the fonts vega asks for are the fonts the PNG renderer actually loads.
 *
 * The font family lists Noto Sans CJK SC first because chart titles carry Chinese place names (清徐,
 * 河东): a Latin-only font would draw them as empty boxes. DejaVu Sans follows for Latin text, then the
 * generic `sans-serif`, which a browser resolves on its own and the Node renderer maps to Noto.
 *
 * @module
 */
import type { Config } from 'vega-lite';

/**
 * The CSS font-family list used by every chart. The Node renderer loads exactly these fonts from
 * files, so SVG and PNG output match.
 *
 * @example
 * ```ts
 * import { REPORT_FONT_FAMILY } from 'surgesim';
 * document.body.style.fontFamily = REPORT_FONT_FAMILY;
 * ```
 */
export const REPORT_FONT_FAMILY = 'Noto Sans CJK SC, DejaVu Sans, sans-serif';

/** The ordinal palette: colour-blind-safe (Okabe–Ito), readable on white and in greyscale print. */
export const REPORT_PALETTE: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

/** Colour of targets and deadlines (a red that stays distinct from the palette's vermilion). */
export const TARGET_COLOR = '#B2182B';

/**
 * The vega-lite `config` of every report chart: fonts, sizes and a white background.
 *
 * @example
 * ```ts
 * const spec = { ...mySpec, config: reportConfig() };
 * ```
 */
export function reportConfig(): Config {
  return {
    font: REPORT_FONT_FAMILY,
    background: 'white',
    padding: 8,
    title: { fontSize: 15, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 12, subtitleColor: '#444' },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
    header: { labelFontSize: 12, titleFontSize: 12 },
    range: { category: [...REPORT_PALETTE] },
    view: { stroke: null },
  };
}

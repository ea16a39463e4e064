/**
 * Node-only report rendering: vega-lite specs to SVG and PNG (with explicit font files), the
 * self-contained HTML report, and the kernel trace written to an NDJSON file. Import from
 * `surgesim/report/node`; the browser-safe builders are in `./index.ts`.
 *
 * @module surgesim/report/node
 */

export { type TraceFile, traceFile } from '../trace-node.js';
export { checkFontFiles, DEFAULT_FONT_FILES, type FontFile, MissingFontError } from './fonts-node.js';
export {
  escapeHtml,
  type HtmlReportOptions,
  type RenderedHtmlReport,
  renderHtmlReport,
  writeHtmlReport,
} from './html-node.js';
export {
  OUTPUT_MARKER,
  type OutputFolder,
  type OutputFolderOptions,
  prepareOutputFolder,
} from './outputFolder-node.js';
export {
  type CompiledSpec,
  compileSpec,
  type PngImage,
  type PngOptions,
  renderPng,
  renderSvg,
  svgToPng,
} from './render-node.js';
export { writeScenarioReport } from './scenarioReport-node.js';

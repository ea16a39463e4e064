/**
 * The font files the PNG renderer loads (Node only).
 *
 * resvg draws no text at all, silently, when it finds no font, and draws boxes for Chinese when the
 * font lacks the glyphs. So the renderer never looks at the system's fonts: it loads these files
 * explicitly, and a missing file is an error naming the file and the Debian package that provides it.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { SurgesimError } from '../kernel/errors.js';

/**
 * A font file and the Debian package that installs it.
 *
 * @example
 * ```ts
 * const f: FontFile = { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', package: 'fonts-dejavu-core' };
 * ```
 */
export interface FontFile {
  /** Absolute path of the font file (.ttf, .otf or .ttc). */
  readonly path: string;
  /** The Debian package that installs it, named in the error when the file is missing. */
  readonly package: string;
}

/**
 * The default fonts: Noto Sans CJK (for Chinese and Latin) and DejaVu Sans, regular and bold.
 *
 * @example
 * ```ts
 * DEFAULT_FONT_FILES.map((f) => f.path);
 * ```
 */
export const DEFAULT_FONT_FILES: readonly FontFile[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', package: 'fonts-noto-cjk' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', package: 'fonts-noto-cjk' },
  { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', package: 'fonts-dejavu-core' },
  { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', package: 'fonts-dejavu-core' },
];

/**
 * Raised when a font file the renderer needs is missing.
 *
 * @example
 * ```ts
 * try { checkFontFiles(DEFAULT_FONT_FILES); } catch (e) { if (e instanceof MissingFontError) console.error(e.message); }
 * ```
 */
export class MissingFontError extends SurgesimError {
  /** Error name shown in stack traces and `String(error)`: always `'MissingFontError'`. */
  override name = 'MissingFontError';
  constructor(
    /** The missing file. */
    readonly path: string,
    /** The Debian package that provides it. */
    readonly packageName: string,
  ) {
    super(
      `font file ${path} not found: install it with \`apt-get install -y ${packageName}\` or pass other fontFiles; ` +
        'without fonts the PNG renderer would silently drop all text',
    );
  }
}

/**
 * Check that every font file exists; throws {@link MissingFontError} for the first that does not.
 *
 * @returns the paths, ready for resvg's `fontFiles`.
 * @example
 * ```ts
 * const paths = checkFontFiles(DEFAULT_FONT_FILES);
 * ```
 */
export function checkFontFiles(files: readonly FontFile[]): string[] {
  for (const f of files) if (!existsSync(f.path)) throw new MissingFontError(f.path, f.package);
  return files.map((f) => f.path);
}

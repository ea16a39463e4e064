/**
 * An output folder written all at once (Node only). A planner's report folder is the evidence for a
 * decision, so it must never be lost or mixed with another run's files:
 *
 * - {@link prepareOutputFolder} checks the folder **before** anything runs: a path that is a file, a
 *   folder that cannot be written to, or a folder that already holds files is refused with a
 *   {@link surgesim!ParameterError} naming the folder and what is in it (exit code 2 on the command line).
 * - Files go to a hidden temporary folder next to the target (`.NAME.tmp-XXXXXX`, same file system),
 *   and {@link OutputFolder.commit} moves it into place with one `rename`. An interrupted or failing
 *   write leaves the old folder as it was (or no folder), never a new `report.html` beside an old
 *   `result.json`; a killed process leaves at most its hidden temporary folder behind.
 * - A non-empty folder is replaced only with `force`, and only when it is an earlier output of this
 *   module (it holds the {@link OUTPUT_MARKER} file): `--out . --force` can never delete a folder of
 *   the user's own files. The old folder is first renamed aside, then the new one renamed into place,
 *   then the old one removed, so even a crash between the two renames loses nothing (the old folder
 *   survives as `.NAME.old-XXXXXX`).
 *
 * @module
 */
import { constants } from 'node:fs';
import { access, lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ParameterError } from '../kernel/errors.js';
import { version } from '../version.js';

/**
 * The file every committed output folder holds (the writer's version and the files written): what
 * marks a folder as one that `force` may replace.
 *
 * @example
 * ```ts
 * existsSync(join('out', OUTPUT_MARKER)); // true after a commit to 'out'
 * ```
 */
export const OUTPUT_MARKER = '.surgesim-output.json';

/**
 * Options of {@link prepareOutputFolder}.
 *
 * @example
 * ```ts
 * const options: OutputFolderOptions = { force: true, flag: '--out' };
 * ```
 */
export interface OutputFolderOptions {
  /** Replace an existing, non-empty earlier output folder (default false: refuse it). */
  readonly force?: boolean;
  /** The parameter or flag that named the folder, for error messages (default `dir`). */
  readonly flag?: string;
}

/**
 * A folder being written: files go to a temporary folder until {@link OutputFolder.commit}.
 *
 * @example
 * ```ts
 * const folder = await prepareOutputFolder('out/run-1');
 * await folder.write('result.json', '{}');
 * await folder.commit();
 * ```
 */
export interface OutputFolder {
  /** The target folder, as given. */
  readonly dir: string;
  /** Write one file (a plain name, no folders) into the temporary folder; returns its final path. */
  write(name: string, data: string | Uint8Array): Promise<string>;
  /** Move the written files into place as one folder; returns the final paths, in the order written. */
  commit(): Promise<string[]>;
  /** Remove the temporary folder without touching the target (after a failed run). */
  abort(): Promise<void>;
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** What a folder holds, for a message: a few names and the count. */
function describeEntries(entries: readonly string[]): string {
  const shown = entries.slice(0, 5).join(', ');
  return entries.length <= 5 ? shown : `${shown}, … (${entries.length} entries)`;
}

/** Whether `target` may become the output: absent, empty, or (with force) an earlier output. */
async function checkTarget(target: string, dir: string, flag: string, force: boolean): Promise<boolean> {
  let stat: Awaited<ReturnType<typeof lstat>>;
  try {
    stat = await lstat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') throw new ParameterError(flag, 'a folder path (a file is in the way)', dir);
    throw new ParameterError(flag, 'a folder that can be read', `${dir} (${(e as Error).message})`);
  }
  if (!stat.isDirectory()) throw new ParameterError(flag, 'a folder (this path is a file)', dir);
  try {
    await access(target, constants.W_OK | constants.X_OK);
  } catch {
    throw new ParameterError(flag, 'a folder this user can write to', dir);
  }
  const entries = (await readdir(target)).sort();
  if (entries.length === 0) return true;
  if (!force)
    throw new ParameterError(
      flag,
      'an empty or new folder (add --force to replace an earlier report)',
      `${dir} holding ${describeEntries(entries)}`,
    );
  if (!entries.includes(OUTPUT_MARKER))
    throw new ParameterError(
      flag,
      `an earlier surgesim output folder (with ${OUTPUT_MARKER}) for --force to replace; this folder was not written by surgesim, so choose a new one`,
      `${dir} holding ${describeEntries(entries)}`,
    );
  return true;
}

/**
 * Check an output folder and open a temporary folder next to it, before anything runs.
 *
 * @param dir - the folder to write (created with its parents if needed).
 * @param options - `force` to replace an earlier output; `flag` names the folder in errors.
 * @throws {@link surgesim!ParameterError} when the path is a file, cannot be written, or already holds files
 *   (without `force`, or with `force` when it is not an earlier output folder).
 * @example
 * ```ts
 * const folder = await prepareOutputFolder(flags.out, { force: flags.force, flag: '--out' });
 * const result = runScenario(scenario, options);                 // only after the check
 * await folder.write('result.json', scenarioResultJson(result));
 * await folder.commit();
 * ```
 */
export async function prepareOutputFolder(
  dir: string,
  options: OutputFolderOptions = {},
): Promise<OutputFolder> {
  const flag = options.flag ?? 'dir';
  const force = options.force ?? false;
  if (typeof dir !== 'string' || dir.trim() === '')
    throw new ParameterError(flag, 'a folder to write to', dir);
  const target = resolve(dir);
  const name = basename(target);
  if (name === '' || target === dirname(target))
    throw new ParameterError(flag, 'a folder below the file-system root', dir);
  await checkTarget(target, dir, flag, force);
  const parent = dirname(target);
  let temp: string;
  try {
    await mkdir(parent, { recursive: true });
    temp = await mkdtemp(join(parent, `.${name}.tmp-`));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way' : code;
    throw new ParameterError(flag, 'a folder whose parent can be written to', `${dir} (${why})`);
  }
  const written: string[] = [];
  let state: 'open' | 'committed' | 'aborted' = 'open';
  const open = (what: string) => {
    if (state !== 'open') throw new Error(`output folder ${dir}: ${what} after it was ${state}`);
  };
  return {
    dir,
    async write(file, data) {
      open('write');
      if (!FILE_NAME.test(file) || file === OUTPUT_MARKER)
        throw new ParameterError('file name', 'a plain file name (letters, digits, ., - and _)', file);
      await writeFile(join(temp, file), data);
      if (!written.includes(file)) written.push(file);
      return join(dir, file);
    },
    async commit() {
      open('commit');
      const marker = { writer: 'surgesim', version, files: written };
      await writeFile(join(temp, OUTPUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
      // Checked again: another run may have written there while this one ran. On refusal the
      // results stay in the temporary folder, named in the message.
      let replace: boolean;
      try {
        replace = await checkTarget(target, dir, flag, force);
      } catch (e) {
        state = 'aborted';
        throw new ParameterError(
          flag,
          `${(e as ParameterError).expected}; this run's files are kept in ${temp}`,
          (e as ParameterError).value,
        );
      }
      if (replace && (await readdir(target)).length > 0) {
        const old = await mkdtemp(join(parent, `.${name}.old-`));
        await rename(target, join(old, name));
        await rename(temp, target);
        await rm(old, { recursive: true, force: true });
      } else await rename(temp, target); // replaces an empty folder atomically, fails on a filled one
      state = 'committed';
      return written.map((f) => join(dir, f));
    },
    async abort() {
      if (state !== 'open') return;
      state = 'aborted';
      await rm(temp, { recursive: true, force: true });
    },
  };
}

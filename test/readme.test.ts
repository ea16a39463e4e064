/**
 * The README's fifteen-line example must run as printed (with `surgesim` pointed at the sources) and
 * produce a report whose counts add up; the quick-start commands, and every script or spec the
 * READMEs name by path, must name files that exist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('the fifteen-line example runs and serves everyone', () => {
    const section = readme.slice(readme.indexOf('## A model in fifteen lines'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    expect(code!.trim().split('\n').length).toBeLessThanOrEqual(16);
    const dir = mkdtempSync(join(root, '.readme-'));
    try {
      const file = join(dir, 'example.ts');
      const source = code!.replace(
        "from 'surgesim'",
        `from ${JSON.stringify(join(root, 'src', 'index.js'))}`,
      );
      writeFileSync(
        file,
        `${source.replace(/console\.log\(/, 'const printed = (')}\nconsole.log(JSON.stringify(printed));\n`,
      );
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' });
      const report = JSON.parse(out) as { name: string; accounting: { arrivals: number; releases: number } };
      expect(report.name).toBe('registration');
      expect(report.accounting.arrivals).toBe(1000);
      expect(report.accounting.releases).toBe(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the quick-start commands name files and shipped specs that exist', () => {
    const start = readme.indexOf('## Quick start');
    const quick = readme.slice(start, readme.indexOf('\n## ', start));
    const files = [...quick.matchAll(/npx tsx (\S+\.ts)/g)].map((m) => m[1]!);
    for (const f of files) expect(existsSync(join(root, f)), f).toBe(true);
    const specs = [...quick.matchAll(/npm run surgesim -- run (\S+)/g)].map((m) => m[1]!);
    expect(specs.length).toBeGreaterThan(0);
    for (const name of specs)
      expect(
        readdirSync(join(root, 'campaigns')).some((f) => f === `${name}.json` || f.startsWith(`${name}-`)),
        name,
      ).toBe(true);
    expect(quick).toContain('npm test');
  });

  it('every script and spec the READMEs name by path exists', () => {
    for (const file of ['README.md', 'scenarios/README.md']) {
      const text = readFileSync(join(root, file), 'utf8');
      const named = [
        ...[...text.matchAll(/npx tsx (\S+\.ts)/g)].map((m) => m[1]!),
        ...[
          ...text.matchAll(
            /(?<![\w/.])((?:scenarios|campaigns|notebooks|bench|examples)\/[\w./-]+\.(?:ts|json))/g,
          ),
        ].map((m) => m[1]!),
      ];
      expect(named.length, file).toBeGreaterThan(0);
      for (const path of named.filter((p) => !p.includes('<')))
        expect(existsSync(join(root, path)), `${file}: ${path}`).toBe(true);
    }
  });
});

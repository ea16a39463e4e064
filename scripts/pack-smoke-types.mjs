// Run by scripts/pack-smoke.sh inside the fresh project: writes consumer.ts, one import of every entry
// the installed package exports (read from its package.json, so a new entry is checked too), for
// `tsc --strict` to typecheck against the published declarations.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { exports } = createRequire(import.meta.url)('surgesim/package.json');
const entries = Object.keys(exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => `surgesim${subpath.slice(1)}`);
const lines = entries.map((entry, i) => `import * as entry${i} from '${entry}';`);
lines.push(`export const entries = [${entries.map((_, i) => `entry${i}`).join(', ')}];`);
writeFileSync('consumer.ts', `${lines.join('\n')}\n`);
console.log(`pack smoke test: typechecking ${entries.join(', ')}`);

// Reads vitest's output and prints "N passed, N failed" on a line of its own, the closing line CI
// understands. Exits non-zero if the numbers cannot be found (so a silent runner never looks green).
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const text = stripVTControlCharacters(readFileSync(process.argv[2], 'utf8'));
const line = text.split('\n').find((l) => /^\s*Tests\s+/.test(l));
if (!line) {
  console.error('test-summary: no "Tests" line in the vitest output');
  process.exit(1);
}
const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
const summary = `${count('passed')} passed, ${count('failed')} failed`;
const skipped = count('skipped');
console.log(skipped > 0 ? `${summary}, ${skipped} skipped` : summary);
if (count('failed') > 0 || count('passed') === 0) process.exit(1);

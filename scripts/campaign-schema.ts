// Write schema/campaign.schema.json from the zod schema of the campaign spec (models/campaign):
// `npm run schema`. The file is committed so that editors and the workbench find it without a
// build; test/campaign/json-schema.test.ts fails when it is out of date. It is formatted by the
// repository's formatter (biome) so that `npm run lint` accepts it as written.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignJsonSchemaText } from '../models/campaign/jsonSchema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schema', 'campaign.schema.json');
writeFileSync(out, campaignJsonSchemaText());
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', out], { stdio: 'ignore' });
console.log(`wrote ${out}`);

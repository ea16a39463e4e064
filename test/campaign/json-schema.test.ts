// The committed JSON Schema (schema/campaign.schema.json) is what `npm run schema` writes today, and
// it documents every field.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_SCHEMA_ID, campaignJsonSchema } from '../../models/campaign/jsonSchema.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '../../schema/campaign.schema.json');

/** Every property schema of a JSON Schema with its path, through $defs, anyOf and items. */
function properties(schema: any, path: string, out: [string, any][] = []): [string, any][] {
  if (!schema || typeof schema !== 'object') return out;
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    out.push([`${path}.${k}`, v]);
    properties(v, `${path}.${k}`, out);
  }
  for (const [i, v] of (schema.anyOf ?? schema.oneOf ?? []).entries()) properties(v, `${path}|${i}`, out);
  if (schema.items) properties(schema.items, `${path}[]`, out);
  if (typeof schema.additionalProperties === 'object')
    properties(schema.additionalProperties, `${path}{}`, out);
  return out;
}

describe('schema/campaign.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing models/campaign/schema.ts)', () => {
    const committed = JSON.parse(readFileSync(file, 'utf8'));
    expect(committed).toEqual(campaignJsonSchema());
  });

  it('is a strict draft 2020-12 schema with the shared kinds under $defs', () => {
    const s = campaignJsonSchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(CAMPAIGN_SCHEMA_ID);
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(['name', 'title', 'epoch']);
    for (const id of [
      'Duration',
      'Clock',
      'Share',
      'Count',
      'DistSpec',
      'Step',
      'TimeSpec',
      'AnnotatedDuration',
    ])
      expect(Object.keys(s.$defs), id).toContain(id);
    expect(s.$defs.DistSpec.properties.dist.enum).toContain('lognormal');
  });

  it('describes every property of the spec, its components and steps', () => {
    const s = campaignJsonSchema() as any;
    const all = [
      ...properties(s, ''),
      ...Object.entries(s.$defs).flatMap(([id, d]) => properties(d, `$defs.${id}`)),
    ];
    expect(all.length).toBeGreaterThan(150);
    const described = (v: any): boolean =>
      typeof v.description === 'string' ||
      (typeof v.$ref === 'string' &&
        typeof s.$defs[v.$ref.replace('#/$defs/', '')]?.description === 'string');
    const missing = all.filter(([, v]) => !described(v)).map(([p]) => p);
    expect(missing).toEqual([]);
  });
});

/**
 * The campaign spec as a JSON Schema (draft 2020-12), for editors (completion and checks while
 * typing a spec) and the workbench (forms).
 *
 * It comes from the zod schema (schema.ts) through zod's own `z.toJSONSchema` — one definition of
 * the spec, no second one to keep in step — in its *input* form (what a planner writes, before
 * normalising). The shared value kinds (`Duration`, `Clock`, `Share`, `Count`, `DistSpec`, `Step`
 * and their annotated forms) are written once under `$defs`. What JSON Schema cannot say — a unit
 * that exists, a clock time after the epoch, references between parts — is checked by
 * `checkSpec` and `planCampaign`; the schema's descriptions say so where it matters.
 *
 * `npm run schema` writes it to `schema/campaign.schema.json` (committed; a test fails when that
 * file is out of date).
 *
 * @module
 */
import * as z from 'zod';
import { campaignSpec } from './schema.js';

/**
 * The schema's `$id`: a name, not an address (the schema is not published at a URL; a spec's
 * `$schema` points at the file, e.g. `"../schema/campaign.schema.json"`).
 *
 * @example
 * ```ts
 * campaignJsonSchema().$id === CAMPAIGN_SCHEMA_ID; // true
 * ```
 */
export const CAMPAIGN_SCHEMA_ID = 'urn:surgesim:campaign-spec';

/**
 * The campaign spec's JSON Schema, as a plain object.
 *
 * @example
 * ```ts
 * const schema = campaignJsonSchema();
 * Object.keys(schema.properties); // ['$schema', 'name', 'title', …]
 * ```
 */
export function campaignJsonSchema(): Record<string, unknown> & { properties: Record<string, unknown> } {
  const schema = z.toJSONSchema(campaignSpec, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  > & {
    properties: Record<string, unknown>;
  };
  return { $schema: schema.$schema, $id: CAMPAIGN_SCHEMA_ID, title: 'surgesim campaign spec', ...schema };
}

/**
 * The JSON Schema as the text of `schema/campaign.schema.json`: two-space indented, ending in a
 * newline.
 *
 * @example
 * ```ts
 * writeFileSync('schema/campaign.schema.json', campaignJsonSchemaText());
 * ```
 */
export function campaignJsonSchemaText(): string {
  return `${JSON.stringify(campaignJsonSchema(), null, 2)}\n`;
}

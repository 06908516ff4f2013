import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The committed JSON Schemas of the CLI's `--json` output (apps/cli/schemas). */
const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object);
}

/** Why `value` does not match the published schema `schemaId` (a file name such as `task-get.json`), or null when it does. */
export function schemaErrors(schemaId: string, value: unknown): string | null {
  const validate = ajv.getSchema(schemaId);
  if (!validate) throw new Error(`no published schema ${schemaId}`);
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

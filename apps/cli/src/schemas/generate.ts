import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorBody } from '@maestro/schemas/errors';
import { z } from 'zod';
import { publishedSchemas, schemaFileName } from './registry.js';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** `--json` output of every command: `{"success":true,"data":…}` or `{"success":false,"error":…}`. */
export const envelope = z.union([z.object({ success: z.literal(true), data: z.unknown() }), z.object({ success: z.literal(false), error: errorBody })]);

/** A schema used more than once in a file (a task in every event) is written once under `$defs` and referenced. */
function toJsonSchema(schema: z.ZodType, id: string, description: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', reused: 'ref' });
  return { $id: id, description, ...json };
}

/** File name → JSON Schema, generated from the zod schemas the CLI and server share. */
export async function generateSchemas(): Promise<Record<string, Record<string, unknown>>> {
  const files: Record<string, Record<string, unknown>> = {
    'envelope.json': toJsonSchema(envelope, 'envelope.json', 'Every `maestro … --json` output (except `watch` lines).'),
  };
  for (const { command, schema, perLine } of await publishedSchemas()) {
    const name = schemaFileName(command);
    const what = perLine ? `One line of \`maestro ${command} --json\`` : `\`data\` of \`maestro ${command} --json\``;
    files[name] = toJsonSchema(schema, name, what);
  }
  return files;
}

export function serialize(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

async function main(): Promise<void> {
  const files = await generateSchemas();
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const old of readdirSync(SCHEMA_DIR)) if (old.endsWith('.json')) rmSync(join(SCHEMA_DIR, old));
  for (const [name, schema] of Object.entries(files)) writeFileSync(join(SCHEMA_DIR, name), serialize(schema));
  process.stdout.write(`wrote ${Object.keys(files).length} schemas to ${SCHEMA_DIR}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

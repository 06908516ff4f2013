import { describeProcedures, type ProcedureInfo } from '@maestro/api/docs';
import { maestroEvent } from '@maestro/schemas/events';
import { outputChunk, runnerCommand, session } from '@maestro/schemas/session';
import type { z } from 'zod';
import { ENTITIES, namedEntities } from './entities.js';
import { fieldDocs } from './field-docs.js';
import { slug, splice, table } from './markdown.js';
import { createSchemaText, type Field } from './schema-text.js';

/** What each subscription yields: tRPC keeps no output schema for them. */
const YIELDS: Record<string, { schema: z.ZodType; note: string }> = {
  'events.onEvent': { schema: maestroEvent, note: 'each tracked by its event id' },
  'session.onOutput': { schema: outputChunk, note: 'each tracked by its `seq`; ends after the session ends' },
  'runner.onSpawnRequest': { schema: session, note: 'spawn requests nobody has claimed yet, then new ones' },
  'runner.onCommand': { schema: runnerCommand, note: 'input, resize and stop for this runner’s sessions' },
};

const text = createSchemaText(namedEntities(''));

/** Fields as a table; the required, default and meaning columns only when some field needs them (entities are all required). */
function fieldTable(fields: Field[]): string {
  const columns: [string, (f: Field) => string][] = [
    ['field', (f) => `\`${f.name}\``],
    ['type', (f) => f.type],
  ];
  if (fields.some((f) => !f.required)) columns.push(['required', (f) => (f.required ? 'yes' : '')]);
  if (fields.some((f) => f.default !== undefined)) columns.push(['default', (f) => f.default ?? '']);
  if (fields.some((f) => f.description)) columns.push(['meaning', (f) => f.description ?? '']);
  return table(
    columns.map(([name]) => name),
    fields.map((f) => columns.map(([, cell]) => cell(f))),
  );
}

/** The schema's fields with the doc comments its source gives them. */
function documentedFields(schema: z.ZodType, io: 'input' | 'output'): Field[] | null {
  const docs = fieldDocs(schema);
  return text.fields(schema, io)?.map((f) => ({ ...f, description: f.description ?? docs.get(f.name) })) ?? null;
}

const sessionText = (p: ProcedureInfo) => (p.session === 'refused' ? 'refused' : p.session);

function procedureSection(p: ProcedureInfo): string {
  const access = `\`${p.type}\` · named-token roles: ${p.roles.join(', ')} · session token: ${sessionText(p)}`;
  const fields = p.input ? documentedFields(p.input, 'input') : null;
  const input = !p.input ? 'Input: none.' : fields ? `Input:\n\n${fieldTable(fields)}` : `Input: ${text.typeOf(p.input, 'input')}`;
  let output: string;
  if (p.type === 'subscription') {
    const yields = YIELDS[p.path];
    if (!yields) throw new Error(`say what ${p.path} yields in YIELDS (apps/cli/src/docs/api-doc.ts)`);
    output = `Yields: ${text.typeOf(yields.schema)}, ${yields.note}.`;
  } else output = `Output: ${p.output ? text.typeOf(p.output) : 'nothing'}`;
  return [`### ${p.path}`, access, input, output].join('\n\n');
}

function procedures(): string {
  const all = describeProcedures();
  const overview = table(
    ['procedure', 'type', 'named-token roles', 'session token'],
    all.map((p) => [`[\`${p.path}\`](#${slug(p.path)})`, p.type, p.roles.join(', '), sessionText(p)]),
  );
  return [overview, ...all.map(procedureSection)].join('\n\n');
}

function entities(): string {
  return ENTITIES.filter((e) => e.name !== 'MaestroEvent')
    .map((e) => {
      const fields = documentedFields(e.schema, 'output');
      return [`### ${e.name}`, e.about, fields ? fieldTable(fields) : text.typeOf(e.schema)].join('\n\n');
    })
    .join('\n\n');
}

function events(): string {
  const [first] = maestroEvent.options;
  const base = text.fields(first.omit({ type: true, payload: true }), 'output') ?? [];
  const rows = maestroEvent.options.map((option) => [`\`${option.shape.type.value}\``, text.typeOf(option.shape.payload)]);
  return ['Every event carries these fields, plus `type` and `payload`:', fieldTable(base), table(['type', 'payload'], rows)].join('\n\n');
}

/** docs/api.md with its generated sections rebuilt from the router and the zod schemas. */
export function renderApiDoc(current: string): string {
  let doc = splice(current, 'procedures', procedures());
  doc = splice(doc, 'entities', entities());
  return splice(doc, 'events', events());
}

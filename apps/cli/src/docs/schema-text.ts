import { z } from 'zod';

type Node = Record<string, unknown>;
type Io = 'input' | 'output';

/** A schema shown by name (and linked) wherever it appears inside another. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
  href: string;
}

/** One row of a field table. */
export interface Field {
  name: string;
  type: string;
  required: boolean;
  default: string | undefined;
  description: string | undefined;
}

/** Nested objects are spelled out inline this deep, then shown as `{…}`. */
const MAX_DEPTH = 4;

export function jsonSchemaOf(schema: z.ZodType, io: Io): Node {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Node;
  return json;
}

// References are compared as `#`: a recursive entity is `$ref: '#'` alone and `$ref: '#/$defs/…'` inside another.
const key = (node: unknown) => JSON.stringify(node, (name, value: unknown) => (name === '$ref' ? '#' : value));
const union = (parts: string[]) => [...new Set(parts)].join(' | ');

/**
 * Compact TypeScript-like text for zod schemas, for Markdown tables: named
 * entities become links, enums their quoted values, objects `{ a, b? }`.
 * Works on the JSON Schema zod generates, the same one the CLI publishes.
 */
export function createSchemaText(named: readonly NamedSchema[]) {
  const byShape = new Map<string, NamedSchema>();
  for (const entry of named) {
    for (const io of ['output', 'input'] as const) {
      const shape = key(jsonSchemaOf(entry.schema, io));
      if (!byShape.has(shape)) byShape.set(shape, entry);
    }
  }

  function scalar(type: string, node: Node): string {
    if (type === 'string' && node.format === 'date-time') return 'datetime';
    if (type === 'string' && node.contentEncoding === 'base64') return 'base64';
    return type;
  }

  function render(node: unknown, root: Node, depth: number): string {
    if (!node || typeof node !== 'object') return 'unknown';
    const n = node as Node;
    const entity = byShape.get(key(n));
    if (entity && depth > 0) return `[${entity.name}](${entity.href})`;
    if (typeof n.$ref === 'string') {
      const target = n.$ref === '#' ? root : ((root.$defs as Record<string, Node> | undefined)?.[n.$ref.replace('#/$defs/', '')] ?? {});
      const named = byShape.get(key(target));
      return named ? `[${named.name}](${named.href})` : 'recursive';
    }
    if ('const' in n) return JSON.stringify(n.const);
    if (Array.isArray(n.enum)) return union(n.enum.map((v) => JSON.stringify(v)));
    const options = (n.anyOf ?? n.oneOf) as unknown[] | undefined;
    if (options) return union(options.map((o) => render(o, root, depth + 1)));
    if (Array.isArray(n.type)) return union(n.type.map((t: string) => scalar(t, n)));
    if (n.type === 'array') {
      const item = render(n.items, root, depth + 1);
      return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
    }
    if (n.type === 'object') return objectText(n, root, depth);
    return typeof n.type === 'string' ? scalar(n.type, n) : 'unknown';
  }

  function objectText(n: Node, root: Node, depth: number): string {
    const props = n.properties as Record<string, Node> | undefined;
    if (!props) {
      const values = n.additionalProperties;
      return values && typeof values === 'object' ? `Record<string, ${render(values, root, depth)}>` : 'object';
    }
    if (depth >= MAX_DEPTH) return '{…}';
    const required = new Set((n.required as string[] | undefined) ?? []);
    const parts = Object.entries(props).map(([name, value]) => `${name}${required.has(name) ? '' : '?'}: ${render(value, root, depth + 1)}`);
    return `{ ${parts.join(', ')} }`;
  }

  return {
    /** The whole schema as one line of text (an entity by its link). */
    typeOf(schema: z.ZodType, io: Io = 'output'): string {
      const json = jsonSchemaOf(schema, io);
      const entity = byShape.get(key(json));
      return entity ? `[${entity.name}](${entity.href})` : render(json, json, 1);
    },
    /** The top-level fields of an object schema, or null when it is not one. */
    fields(schema: z.ZodType, io: Io = 'input'): Field[] | null {
      const json = jsonSchemaOf(schema, io);
      const props = json.properties as Record<string, Node> | undefined;
      if (json.type !== 'object' || !props) return null;
      const required = new Set((json.required as string[] | undefined) ?? []);
      return Object.entries(props).map(([name, value]) => ({
        name,
        type: render(value, json, 1),
        required: required.has(name),
        default: 'default' in value ? JSON.stringify(value.default) : undefined,
        description: typeof value.description === 'string' ? value.description : undefined,
      }));
    },
  };
}

export type SchemaText = ReturnType<typeof createSchemaText>;

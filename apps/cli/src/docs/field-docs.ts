import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schemas from '@maestro/schemas';
import ts from 'typescript';

/** The doc comments a schema variable gives its fields, and the schema it extends (`task.extend({…})`). */
interface Declared {
  base: string | undefined;
  docs: Map<string, string>;
}

const SCHEMA_SRC = fileURLToPath(new URL('../../../../packages/schemas/src/', import.meta.url));
const OBJECT_CALLS = new Set(['object', 'strictObject', 'looseObject', 'extend']);

/** Walks `z.object({…})`, `x.extend({…})` and the calls chained on them, keeping each field's `/** … *\/` text. */
function declared(initializer: ts.Expression): Declared {
  const docs = new Map<string, string>();
  let base: string | undefined;
  for (let expr: ts.Expression = initializer; ;) {
    if (ts.isIdentifier(expr)) base = expr.text;
    if (!ts.isCallExpression(expr)) break;
    const callee = expr.expression;
    const literal = expr.arguments[0];
    if (ts.isPropertyAccessExpression(callee) && OBJECT_CALLS.has(callee.name.text) && literal && ts.isObjectLiteralExpression(literal)) {
      for (const prop of literal.properties) {
        const text = ts
          .getJSDocCommentsAndTags(prop)
          .map((doc) => ts.getTextOfJSDocComment(doc.comment))
          .join(' ');
        if (prop.name && ts.isIdentifier(prop.name) && text) docs.set(prop.name.text, text.replace(/\s+/g, ' ').trim());
      }
    }
    expr = ts.isPropertyAccessExpression(callee) ? callee.expression : (expr.arguments[0] ?? callee);
  }
  return { base, docs };
}

function readDeclarations(): Map<string, Declared> {
  const found = new Map<string, Declared>();
  for (const file of readdirSync(SCHEMA_SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(SCHEMA_SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.initializer) found.set(decl.name.text, declared(decl.initializer));
      }
    }
  }
  return found;
}

let declarations: Map<string, Declared> | undefined;
const names = new Map<unknown, string>();
for (const [name, value] of Object.entries(schemas)) if (!names.has(value)) names.set(value, name);

/**
 * The doc comments of a shared schema's fields, read from packages/schemas'
 * source (zod keeps no comments); fields it inherits through `.extend` get
 * the base schema's. Empty for a schema that is not an exported variable.
 */
export function fieldDocs(schema: unknown): Map<string, string> {
  declarations ??= readDeclarations();
  const docs = new Map<string, string>();
  for (let name = names.get(schema), depth = 0; name && depth < 5; depth++) {
    const found = declarations.get(name);
    if (!found) break;
    for (const [field, text] of found.docs) if (!docs.has(field)) docs.set(field, text);
    name = found.base;
  }
  return docs;
}

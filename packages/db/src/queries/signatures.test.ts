import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const QUERIES_DIR = dirname(fileURLToPath(import.meta.url));

/** Array types are positional too: a list of ids is a named field (`{ ids }`), like any other argument. */
const ARRAY_NAMES = new Set(['Array', 'ReadonlyArray', 'Set', 'ReadonlySet', 'Map']);

/** Whether a parameter's declared type is one object (a literal, a named type, `typeof x.$inferInsert`, ...). */
function isObjectType(node: ts.TypeNode | undefined): boolean {
  if (!node) return false;
  if (ts.isTypeLiteralNode(node) || ts.isTypeQueryNode(node) || ts.isIndexedAccessTypeNode(node)) return true;
  if (ts.isIntersectionTypeNode(node)) return node.types.every(isObjectType);
  if (ts.isParenthesizedTypeNode(node)) return isObjectType(node.type);
  if (ts.isTypeReferenceNode(node)) return !ARRAY_NAMES.has(node.typeName.getText());
  return false;
}

interface Query {
  name: string;
  file: string;
  params: readonly ts.ParameterDeclaration[];
}

/** Every exported function of the query modules whose first parameter is `db`. */
function exportedQueries(): Query[] {
  const queries: Query[] = [];
  for (const file of readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(QUERIES_DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (name: string, fn: ts.SignatureDeclarationBase) => {
      if (fn.parameters[0]?.name.getText() === 'db') queries.push({ name, file, params: fn.parameters });
    };
    for (const statement of source.statements) {
      const exported = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      if (!exported) continue;
      if (ts.isFunctionDeclaration(statement) && statement.name) add(statement.name.text, statement);
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          const init = decl.initializer;
          if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) add(decl.name.getText(), init);
        }
      }
    }
  }
  return queries;
}

describe('query signatures', () => {
  const queries = exportedQueries();

  it('finds the queries', () => {
    expect(queries.map((q) => q.name)).toEqual(expect.arrayContaining(['insertDependency', 'listTasks', 'listEvents']));
  });

  // The convention (rows.ts): `(db)` or `(db, params)`, params one object with named fields.
  it('every query takes (db) or (db, params) with params one object', () => {
    const offenders = queries
      .filter((q) => q.params.length > 2 || (q.params.length === 2 && !isObjectType(q.params[1]!.type)))
      .map((q) => `${q.file}: ${q.name}(${q.params.map((p) => p.getText()).join(', ')})`);
    expect(offenders).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commandManifest } from '../manifest.js';
import { schemaErrors } from '../testing/published-schemas.js';
import { generateSchemas, SCHEMA_DIR, serialize } from './generate.js';
import { publishedSchemas, schemaFileName } from './registry.js';

describe('published JSON Schemas (apps/cli/schemas)', () => {
  test('are exactly what the zod schemas generate: run `npm run schemas -w @maestro/cli` after changing a schema', async () => {
    const generated = await generateSchemas();
    const committed = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
    expect(committed.sort()).toEqual(Object.keys(generated).sort());
    for (const [name, schema] of Object.entries(generated)) expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), name).toBe(serialize(schema));
  });

  test('there is one per published command', async () => {
    for (const { command } of await publishedSchemas()) expect(readdirSync(SCHEMA_DIR)).toContain(schemaFileName(command));
  });

  test('come from the command tree: every command but the interactive and long-running ones declares its --json data', async () => {
    const published = await publishedSchemas();
    const withData = new Set(published.filter((p) => !p.perLine).map((p) => p.path));
    const without = (await commandManifest()).map((c) => c.path).filter((path) => !withData.has(path));
    // watch prints only lines; attach, hook and runner print no JSON document.
    expect(without).toEqual(['watch', 'session attach', 'session hook', 'runner']);
    expect(published.filter((p) => p.perLine).map((p) => p.command)).toEqual(['watch', 'session logs --follow']);
    expect(new Set(published.map((p) => schemaFileName(p.command))).size).toBe(published.length);
  });

  test('they reject what the contract forbids', () => {
    const task = {
      id: 'tsk_0123456789',
      projectId: 'prj_0123456789',
      parentId: null,
      title: 'T',
      description: '',
      status: 'todo',
      priority: 'high',
      position: 0,
      blockedReason: null,
      assignee: null,
      worktree: false,
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      startedAt: null,
      completedAt: null,
    };
    expect(schemaErrors('task-get.json', task)).not.toBeNull();
    expect(schemaErrors('task-create.json', task)).toBeNull();
    expect(schemaErrors('task-create.json', { ...task, status: 'done' })).toMatch(/status/);
    expect(schemaErrors('task-create.json', { ...task, createdAt: 'yesterday' })).toMatch(/createdAt/);
    expect(schemaErrors('task-create.json', { ...task, worktree: 'yes' })).toMatch(/worktree/);
    expect(schemaErrors('envelope.json', { success: true })).not.toBeNull();
    expect(schemaErrors('envelope.json', { success: false, error: { code: 'OOPS', message: 'x' } })).not.toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject, rowCounts, unique } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('project', () => {
  test('create returns the project with defaults and writes project:created', async () => {
    const name = unique('alpha');
    const p = await h.caller.project.create({ name, workingDir: '/srv/alpha' });
    expect(p).toMatchObject({ name, workingDir: '/srv/alpha', description: '' });
    expect(p.id).toMatch(/^prj_[0-9a-z]{10}$/);
    const events = await allEvents(h, { projectId: p.id });
    expect(events.map((e) => e.type)).toEqual(['project:created']);
    expect(events[0]!.payload).toEqual({ project: p });
    expect(events[0]!.actor).toBe('user');
  });

  test('create trims the name, so a padded duplicate is ALREADY_EXISTS', async () => {
    const name = unique('dup');
    const first = await h.caller.project.create({ name, workingDir: '/tmp' });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.project.create({ name: `  ${name} `, workingDir: '/tmp/other' }), 'ALREADY_EXISTS');
    expect(body.details).toEqual({ id: first.id });
    expect(await rowCounts(h)).toEqual(before);
  });

  test('list includes created projects in creation order; get returns one', async () => {
    const a = await newProject(h);
    const b = await newProject(h);
    const { items } = await h.caller.project.list();
    const ids = items.map((p) => p.id);
    expect(ids).toContain(a.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(await h.caller.project.get({ id: b.id })).toEqual(b);
  });

  test('get of an unknown id is NOT_FOUND', async () => {
    const { body } = await expectCode(h.caller.project.get({ id: 'prj_0000000000' }), 'NOT_FOUND');
    expect(body.details).toEqual({ kind: 'project', id: 'prj_0000000000' });
  });

  test('update changes fields, records the diff, and a no-op writes nothing', async () => {
    const p = await newProject(h);
    const name = unique('renamed');
    const updated = await h.caller.project.update({ id: p.id, name, description: 'now described' });
    expect(updated).toMatchObject({ id: p.id, name, description: 'now described', workingDir: p.workingDir });
    expect(await h.caller.project.get({ id: p.id })).toEqual(updated);
    const events = await allEvents(h, { projectId: p.id, types: ['project:updated'] });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      project: updated,
      changes: { name: { from: p.name, to: name }, description: { from: '', to: 'now described' } },
    });
    const same = await h.caller.project.update({ id: p.id, name });
    expect(same).toEqual(updated);
    expect(await allEvents(h, { projectId: p.id, types: ['project:updated'] })).toHaveLength(1);
  });

  test('update to another project’s name is ALREADY_EXISTS; keeping its own name is fine', async () => {
    const a = await newProject(h);
    const b = await newProject(h);
    await expectCode(h.caller.project.update({ id: b.id, name: a.name }), 'ALREADY_EXISTS');
    expect((await h.caller.project.get({ id: b.id })).name).toBe(b.name);
    await expect(h.caller.project.update({ id: b.id, name: b.name, workingDir: '/x' })).resolves.toMatchObject({ workingDir: '/x' });
  });

  test('update of an unknown project is NOT_FOUND', async () => {
    await expectCode(h.caller.project.update({ id: 'prj_zzzzzzzzzz', name: 'x' }), 'NOT_FOUND');
  });

  test('delete of an empty project removes it and writes project:deleted', async () => {
    const p = await newProject(h);
    expect(await h.caller.project.delete({ id: p.id })).toEqual({ id: p.id, deletedTasks: 0 });
    await expectCode(h.caller.project.get({ id: p.id }), 'NOT_FOUND');
    expect((await h.caller.project.list()).items.map((x) => x.id)).not.toContain(p.id);
    const events = await allEvents(h, { projectId: p.id });
    expect(events.map((e) => e.type)).toEqual(['project:created', 'project:deleted']);
    expect(events[1]!.payload).toEqual({ projectId: p.id, name: p.name });
  });

  test('delete refuses a project with tasks (HAS_CHILDREN) unless cascade', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'parent' });
    await h.caller.subtask.create({ taskId: t.id, title: 'child' });
    const other = await h.caller.task.create({ projectId: p.id, title: 'other', dependsOn: [t.id] });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.project.delete({ id: p.id }), 'HAS_CHILDREN');
    expect(body.details).toEqual({ taskCount: 3 });
    expect(await rowCounts(h)).toEqual(before);
    expect(await h.caller.project.delete({ id: p.id, cascade: true })).toEqual({ id: p.id, deletedTasks: 3 });
    await expectCode(h.caller.task.get({ id: other.id }), 'NOT_FOUND');
    const after = await rowCounts(h);
    expect(after.tasks).toBe(before.tasks - 3);
    expect(after.deps).toBe(before.deps - 1);
    expect(after.projects).toBe(before.projects - 1);
    // The timeline outlives what it describes.
    expect((await allEvents(h, { projectId: p.id })).at(-1)!.type).toBe('project:deleted');
  });

  test('delete of an unknown project is NOT_FOUND', async () => {
    await expectCode(h.caller.project.delete({ id: 'prj_zzzzzzzzzz', cascade: true }), 'NOT_FOUND');
  });
});

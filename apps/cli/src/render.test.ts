import { inboxItem } from '@maestro/schemas/inbox';
import { project as projectSchema } from '@maestro/schemas/project';
import { taskDetail as taskDetailSchema, type Task, type TaskTreeNode } from '@maestro/schemas/task';
import { expect, test } from 'vitest';
import { age, attentionText, inboxTable } from './attention-text.js';
import { painter } from './output.js';
import { FIXTURE_AT, taskFixture } from './testing/fixtures.js';
import { projectSummary, projectTable, taskDetail, taskSummary, taskTable, taskTree } from './render.js';

const plain = painter(false);
const AT = FIXTURE_AT;
const task = taskFixture;
const ref = (id: string, status: Task['status']) => ({ id, title: `task ${id}`, status, priority: 'low' as const });

test('age is in the largest whole unit, never negative', () => {
  const now = Date.parse(AT);
  expect(age(AT, now + 45_000)).toBe('45s');
  expect(age(AT, now + 3 * 60_000)).toBe('3m');
  expect(age(AT, now + 2 * 3_600_000)).toBe('2h');
  expect(age(AT, now + 4 * 86_400_000)).toBe('4d');
  expect(age(AT, now - 10_000)).toBe('0s');
});

test('attention says the state, its age, its source and the message; none is "seen"', () => {
  expect(attentionText(null, plain)).toBe('seen');
  const since = new Date(Date.now() - 3 * 60_000).toISOString();
  expect(attentionText({ state: 'needs_input', since, source: 'agent', message: 'Which database?' }, plain)).toBe('needs_input 3m (agent): Which database?');
  expect(attentionText({ state: 'idle', since, source: 'heuristic', message: null }, plain)).toBe('idle 3m (heuristic)');
});

test('the inbox: nothing, or a row per item with the session or the task it is about', () => {
  expect(inboxTable([], plain)).toBe('Nothing needs you.');
  const base = { projectId: 'prj_0000000001', projectName: 'demo', since: AT, source: null, status: 'blocked' };
  const items = [
    inboxItem.parse({ ...base, kind: 'needs_input', sessionId: 'ses_0000000001', taskId: null, title: 'worker-1', detail: 'Which database?' }),
    inboxItem.parse({ ...base, kind: 'blocked', sessionId: null, taskId: 'tsk_0000000001', title: 'write the parser', detail: null }),
  ];
  const lines = inboxTable(items, plain).split('\n');
  expect(lines[0]).toMatch(/^KIND\s+WAITED\s+PROJECT\s+ID\s+TITLE\s+DETAIL/);
  expect(lines[1]).toMatch(/^needs_input .* demo\s+ses_0000000001\s+worker-1\s+Which database\?/);
  expect(lines[2]).toMatch(/^blocked .* demo\s+tsk_0000000001\s+write the parser\s*$/);
});

test('a task summary shows only the fields that are set', () => {
  expect(taskSummary(task(), plain)).not.toMatch(/parent|blocked|assignee|worktree|description/);
  const full = taskSummary(
    task({ parentId: 'tsk_0000000009', blockedReason: 'waiting on review', assignee: 'ses_0000000001', worktree: true, description: 'all of it' }),
    plain,
  );
  for (const line of ['parent', 'blocked', 'assignee', 'worktree', 'description']) expect(full).toMatch(new RegExp(`^${line}:`, 'm'));
  expect(full).toContain('waiting on review');
});

test('task detail: readiness only for todo, its subtasks and both directions of dependencies', () => {
  const detail = (fields: Partial<Task>, extra: object) =>
    taskDetail(taskDetailSchema.parse({ ...task(fields), subtasks: [], dependencies: [], dependents: [], ready: false, ...extra }), plain, 100);
  expect(detail({}, { ready: true })).toMatch(/ready:\s+yes/);
  expect(detail({}, { dependencies: [ref('tsk_0000000002', 'in_progress'), ref('tsk_0000000003', 'completed')] })).toMatch(
    /ready:\s+no: waits on tsk_0000000002\n/,
  );
  expect(detail({}, {})).toMatch(/ready:\s+no\n/);
  const done = detail({ status: 'completed' }, { subtasks: [task({ id: 'tsk_0000000004', title: 'lexer' })], dependents: [ref('tsk_0000000005', 'todo')] });
  expect(done).not.toContain('ready');
  expect(done).toContain('Subtasks');
  expect(done).toContain('lexer');
  expect(done).toContain('Needed by\n  tsk_0000000005  todo  task tsk_0000000005');
  expect(done).not.toContain('Depends on');
});

test('task tables cut titles to the terminal and keep them whole when piped; empty lists say so', () => {
  const long = task({ title: 'x'.repeat(200), assignee: 'ses_0000000001' });
  expect(taskTable([], plain, 80)).toBe('No tasks.');
  expect(taskTable([long], plain, 80)).not.toContain('x'.repeat(200));
  expect(taskTable([long], plain, Number.POSITIVE_INFINITY)).toContain('x'.repeat(200));
  expect(taskTable([long], plain, 80)).toContain('ses_0000000001');
});

test('projects: the current one starred, the description only when set', () => {
  const project = projectSchema.parse({ id: 'prj_0000000001', name: 'demo', description: '', workingDir: '/srv/demo', createdAt: AT, updatedAt: AT });
  expect(projectTable([], plain, null)).toMatch(/^No projects/);
  expect(projectTable([project], plain, 'prj_0000000001').split('\n')[1]).toMatch(/^\*\s+prj_0000000001\s+demo\s+\/srv\/demo/);
  expect(projectTable([project], plain, null).split('\n')[1]).toMatch(/^\s+prj_0000000001/);
  expect(projectSummary(project, plain)).not.toContain('description');
  expect(projectSummary({ ...project, description: 'the demo' }, plain)).toMatch(/description:\s+the demo/);
});

test('the task tree draws branches and the last child of each level', () => {
  const node = (id: string, children: TaskTreeNode[] = []): TaskTreeNode => ({ ...task({ id, title: id.slice(-1) }), children });
  expect(taskTree([], plain)).toBe('No tasks.');
  const tree = taskTree([node('tsk_000000000a', [node('tsk_000000000b', [node('tsk_000000000c')]), node('tsk_000000000d')])], plain);
  expect(tree.split('\n')).toEqual(['tsk_000000000a  todo  a', '├─ tsk_000000000b  todo  b', '│  └─ tsk_000000000c  todo  c', '└─ tsk_000000000d  todo  d']);
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Runner } from '@maestro/runner';
import { startStack, startTestRunner, waitForSession, type Stack } from '../harness/stack.js';
import { branchName, inspectWorktree, removeWorktree } from '@maestro/runner';

let stack: Stack;
let runner: Runner;
let repo: string;
let projectId: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

beforeAll(async () => {
  stack = await startStack();
  runner = (await startTestRunner({ url: stack.server.url, token: stack.server.token })).runner;
  repo = mkdtempSync(join(tmpdir(), 'maestro-repo-'));
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README.md'), '# demo\n');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  projectId = (await stack.client.trpc.project.create.mutate({ name: `repo-${Date.now()}`, workingDir: repo })).id;
});
afterAll(async () => {
  await runner?.stop();
  await stack?.server.stop();
});

async function spawnInWorktree(title: string, command: string) {
  const t = await stack.client.trpc.task.create.mutate({ projectId, title });
  const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command, worktree: true });
  return waitForSession(stack.client, session.id);
}

test('a worktree session runs on its own branch in its own directory', async () => {
  const out = join(repo, '..', `wt-${Date.now()}.txt`);
  const ended = await spawnInWorktree('Fix the login bug!', `git rev-parse --abbrev-ref HEAD > ${out}; pwd >> ${out}`);
  expect(ended.status).toBe('completed');
  expect(ended.branch).toBe(branchName('Fix the login bug!', ended.id));
  expect(ended.branch).toMatch(/^maestro\/fix-the-login-bug-[0-9a-z]{6}$/);
  const [branch, cwd] = readFileSync(out, 'utf8').trim().split('\n');
  expect(branch).toBe(ended.branch);
  expect(cwd).toBe(ended.workingDir);
  expect(cwd).not.toBe(repo);
  expect(git(repo, 'status', '--porcelain')).toBe('');
});

test('a task that opts in gets a worktree from a spawn that does not ask for one', async () => {
  const out = join(repo, '..', `wt-task-${Date.now()}.txt`);
  const t = await stack.client.trpc.task.create.mutate({ projectId, title: 'Opted in', worktree: true });
  const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: `pwd > ${out}` });
  expect(session.worktree).toBe(true);
  const ended = await waitForSession(stack.client, session.id);
  expect(ended).toMatchObject({ status: 'completed', branch: branchName('Opted in', session.id) });
  expect(readFileSync(out, 'utf8').trim()).toBe(ended.workingDir);
  expect(ended.workingDir).not.toBe(repo);
});

test('a clean worktree is safe to remove; one with uncommitted or unmerged work is not', async () => {
  const clean = await spawnInWorktree('clean', 'true');
  const dirty = await spawnInWorktree('dirty', 'echo wip > notes.txt');
  const committed = await spawnInWorktree('committed', 'echo x > f.txt && git add f.txt && git -c user.email=a@b -c user.name=a commit -qm work');
  const states = await Promise.all([clean, dirty, committed].map((s) => inspectWorktree(repo, s.workingDir!)));
  expect(states.map((s) => s.safe)).toEqual([true, false, false]);
  expect(states[1]!.why).toContain('uncommitted changes');
  expect(states[2]!.why.join()).toMatch(/1 commit\(s\) not merged/);
  await removeWorktree(repo, clean.workingDir!, states[0]!.branch);
  expect(existsSync(clean.workingDir!)).toBe(false);
  expect(git(repo, 'branch', '--list', clean.branch!)).toBe('');
  expect(existsSync(dirty.workingDir!)).toBe(true);
});

test('a project directory that is not a git repository fails the session with a clear error', async () => {
  const plain = (await stack.client.trpc.project.create.mutate({ name: `plain-${Date.now()}`, workingDir: mkdtempSync(join(tmpdir(), 'plain-')) })).id;
  const t = await stack.client.trpc.task.create.mutate({ projectId: plain, title: 'x' });
  const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'true', worktree: true });
  const ended = await waitForSession(stack.client, session.id);
  expect(ended.status).toBe('failed');
  expect(ended.error).toMatch(/Could not create a git worktree.*git repository/);
});

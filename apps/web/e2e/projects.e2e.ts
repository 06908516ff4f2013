import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, signIn, test } from './harness/fixtures';
import { runCli, startMaestro } from './harness/processes';

const LIVE = { timeout: 1_000 };

test('create a project on the projects page: it opens its board, and a second browser lists it within 1 s', async ({ browser, maestro }) => {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of [a!, b!]) {
    await signIn(page, maestro);
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  }
  const name = `Checkout ${Date.now() % 100_000}`;
  const dir = mkdtempSync(join(tmpdir(), 'maestro-e2e-projects-'));
  await a!.getByTestId('project-name').fill(name);
  await a!.getByTestId('project-dir').fill(dir);
  await a!.getByRole('button', { name: 'Create project' }).click();
  await expect(a!).toHaveURL(/\/p\/prj_[a-z0-9]{10}$/);
  await expect(b!.getByTestId('project-row').filter({ hasText: name })).toBeVisible(LIVE);
  await expect(b!.getByTestId('project-row').filter({ hasText: name })).toContainText(dir);

  // Its counts follow what happens in it.
  const { items } = await maestro.client.trpc.project.list.query();
  const project = items.find((p) => p.name === name)!;
  await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'first' });
  const row = b!.locator(`[data-project-id="${project.id}"]`);
  await expect(row.getByTestId('count-todo')).toHaveAttribute('data-value', '1');
  const blocked = await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'stuck' });
  await maestro.client.trpc.task.block.mutate({ id: blocked.id, reason: 'no access' });
  await expect(row.getByTestId('count-blocked')).toHaveAttribute('data-value', '1');
  await expect(row.getByTestId('count-blocked')).toHaveAttribute('title', /stuck: no access/);

  // Switch: the row opens the board.
  await row.getByTestId('project-link').click();
  await expect(b!).toHaveURL(new RegExp(`/p/${project.id}$`));
  await expect(b!.getByTestId('task-card')).toHaveCount(2);
  for (const c of contexts) await c.close();
});

test('a project made with the CLI appears without a reload (axe: nothing serious); the server’s refusals show under the field with the hint', async ({
  signedIn: page,
  maestro,
}) => {
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  const name = `From the CLI ${Date.now() % 100_000}`;
  await runCli(maestro, ['project', 'create', name, '--dir', mkdtempSync(join(tmpdir(), 'maestro-e2e-cli-'))]);
  await expect(page.getByTestId('project-row').filter({ hasText: name })).toBeVisible(LIVE);
  await expect(page.getByTestId('project-row').filter({ hasText: name }).getByTestId('count-todo')).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  await screenshot(page, 'projects', 'light');
  await screenshot(page, 'projects', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByTestId('project-name').fill('relative dir');
  await page.getByTestId('project-dir').fill('not/absolute');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.locator('#project-dir-error')).toContainText('absolute path');
  await expect(page.getByTestId('project-dir')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('create-project-error')).toContainText('Fix the fields');

  await page.getByTestId('project-name').fill(name);
  await page.getByTestId('project-dir').fill('/tmp');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.locator('#project-name-error')).toContainText('already exists');
  await expect(page).toHaveURL(`${maestro.url}/`);
});

test('with no project the page says how to make one', async ({ browser }) => {
  // A server of its own: the shared one has projects from other tests.
  const server = await startMaestro();
  try {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server);
    await expect(page.getByTestId('projects-empty')).toContainText('maestro project create');
    await expect(page.getByTestId('projects-empty')).toContainText('Create one above');
  } finally {
    await server.stop();
  }
});

test('counts follow every project, subtasks included, and are current again after a visit to another project’s board', async ({ signedIn: page, maestro }) => {
  const t = maestro.client.trpc;
  const made = async (name: string) =>
    t.project.create.mutate({ name: `${name} ${Date.now() % 100_000}`, workingDir: mkdtempSync(join(tmpdir(), 'maestro-e2e-counts-')) });
  const [open, other] = [await made('Visited'), await made('Elsewhere')];
  const parent = await t.task.create.mutate({ projectId: other.id, title: 'parent' });
  await page.goto(`${maestro.url}/`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  const row = page.locator(`[data-project-id="${other.id}"]`);
  await expect(row.getByTestId('count-todo')).toHaveAttribute('data-value', '1');

  // A subtask is a task to status.get: the count follows it.
  const sub = await t.subtask.create.mutate({ taskId: parent.id, title: 'child' });
  await expect(row.getByTestId('count-todo')).toHaveAttribute('data-value', '2');
  await t.subtask.complete.mutate({ taskId: parent.id, subtaskId: sub.id });
  await expect(row.getByTestId('count-completed')).toHaveAttribute('data-value', '1');

  // On another project's board (its stream sees only its own events), the other project changes; back on the list, the counts are current.
  await page.locator(`[data-project-id="${open.id}"]`).getByTestId('project-link').click();
  await expect(page.getByTestId('board-empty')).toBeVisible();
  await t.task.create.mutate({ projectId: open.id, title: 'here' });
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await t.task.create.mutate({ projectId: other.id, title: 'meanwhile' });
  await t.task.block.mutate({ id: parent.id, reason: 'waiting' });
  await page.getByRole('link', { name: 'Maestro: all projects' }).click();
  await expect(row.getByTestId('count-todo')).toHaveAttribute('data-value', '1');
  await expect(row.getByTestId('count-blocked')).toHaveAttribute('data-value', '1');
  await expect(page.locator(`[data-project-id="${open.id}"]`).getByTestId('count-todo')).toHaveAttribute('data-value', '1');
});

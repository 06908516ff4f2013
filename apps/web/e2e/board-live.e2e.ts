import type { Page } from '@playwright/test';
import { expect, signIn, test } from './harness/fixtures';
import { runCli } from './harness/processes';

/** Live means within a second of the change, without a reload. */
const LIVE = { timeout: 1_000 };

function column(page: Page, status: string) {
  return page.locator(`[data-testid="board-column"][data-status="${status}"]`);
}
function card(page: Page, title: string) {
  return page.getByTestId('task-card').filter({ hasText: title });
}

test('two browsers on one board: a create or a move in either shows in the other within 1 s; so does a task made with the CLI', async ({
  browser,
  maestro,
  project,
}) => {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of [a!, b!]) {
    await signIn(page, maestro);
    await page.goto(`${maestro.url}/p/${project.id}`);
    await expect(page.getByTestId('board-empty')).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  }
  const A = a!;
  const B = b!;

  // Create in A.
  await A.locator('body').press('c');
  await A.getByLabel('New task title').fill('Made in A');
  await A.getByLabel('New task title').press('Enter');
  await expect(card(A, 'Made in A')).toBeVisible();
  await expect(card(B, 'Made in A')).toBeVisible(LIVE);

  // Move in B (keyboard): A sees it.
  await card(B, 'Made in A').focus();
  await B.keyboard.press('Shift+ArrowRight');
  await expect(column(B, 'in_progress').getByTestId('task-card')).toHaveText(/Made in A/);
  const [task] = (await maestro.client.trpc.task.list.query({ projectId: project.id })).items;
  await expect.poll(async () => (await maestro.client.trpc.task.get.query({ id: task!.id })).status).toBe('in_progress');
  await expect(column(A, 'in_progress').getByTestId('task-card')).toHaveText(/Made in A/, LIVE);

  // Create in B: A sees it.
  await B.keyboard.press('Escape');
  await B.getByTestId('new-task').click();
  await B.getByLabel('New task title').fill('Made in B');
  await B.getByLabel('New task title').press('Enter');
  await expect(card(B, 'Made in B')).toBeVisible();
  await expect(card(A, 'Made in B')).toBeVisible(LIVE);

  // Drag in A: B sees it.
  const from = await card(A, 'Made in B').boundingBox();
  const to = await column(A, 'completed').boundingBox();
  await A.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await A.mouse.down();
  await A.mouse.move(from!.x + from!.width / 2 + 10, from!.y + 20, { steps: 4 });
  await A.mouse.move(to!.x + to!.width / 2, to!.y + 200, { steps: 12 });
  await A.mouse.up();
  await expect(column(A, 'completed').getByTestId('task-card')).toHaveText(/Made in B/);
  await expect.poll(async () => (await maestro.client.trpc.task.list.query({ projectId: project.id, status: ['completed'] })).total).toBe(1);
  await expect(column(B, 'completed').getByTestId('task-card')).toHaveText(/Made in B/, LIVE);

  // The CLI: both boards.
  await runCli(maestro, ['task', 'create', 'Made with the CLI', '--priority', 'urgent', '--project', project.id]);
  await expect(card(A, 'Made with the CLI')).toBeVisible(LIVE);
  await expect(card(B, 'Made with the CLI')).toBeVisible(LIVE);
  await expect(card(A, 'Made with the CLI').locator('[data-priority="urgent"]')).toBeVisible();

  for (const c of contexts) await c.close();
});

test('dependencies stay live: adding one takes the ready badge away, completing the other task brings it back', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const t = maestro.client.trpc.task;
  const waiting = await t.create.mutate({ projectId: project.id, title: 'Waiting task' });
  const other = await t.create.mutate({ projectId: project.id, title: 'Prerequisite' });
  await page.goto(`${maestro.url}/p/${project.id}`);
  const badge = card(page, 'Waiting task').getByTestId('card-ready');
  await expect(badge).toBeVisible();

  await t.dependency.add.mutate({ id: waiting.id, dependsOnId: other.id });
  await expect(badge).toHaveCount(0, LIVE);
  await expect(card(page, 'Waiting task').getByTestId('card-deps')).toContainText('1');

  await t.complete.mutate({ id: other.id });
  await expect(badge).toBeVisible(LIVE);

  await t.dependency.remove.mutate({ id: waiting.id, dependsOnId: other.id });
  await expect(card(page, 'Waiting task').getByTestId('card-deps')).toHaveCount(0, LIVE);
});

test('the live session working on a task shows as a dot on its card, and goes when the session ends', async ({ signedIn: page, maestro, project }) => {
  const task = await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'Agent on it' });
  await page.goto(`${maestro.url}/p/${project.id}`);
  await expect(card(page, 'Agent on it')).toBeVisible();
  await expect(card(page, 'Agent on it').getByTestId('card-session')).toHaveCount(0);

  // No runner here: the spawn request waits, `spawning`.
  const session = await maestro.client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'true', name: 'worker-1' });
  const dot = card(page, 'Agent on it').getByTestId('card-session');
  await expect(dot).toHaveAttribute('data-status', 'spawning', LIVE);
  await expect(dot).toHaveAttribute('title', /worker-1: spawning/);

  await maestro.client.trpc.session.stop.mutate({ id: session.id });
  await expect(page.getByTestId('card-session')).toHaveCount(0, LIVE);
});

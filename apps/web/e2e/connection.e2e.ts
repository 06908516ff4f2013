import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './harness/fixtures';
import { startMaestro, type MaestroServer } from './harness/processes';

/**
 * The connection from the browser's side, against a server of the test's own
 * that it kills, restarts and freezes (the shared one stays healthy for others).
 */

// Each test starts a server of its own and restarts it: on this shared 2-core machine one start can take a minute.
test.describe.configure({ timeout: 300_000 });

let server: MaestroServer;
test.beforeEach(async () => {
  server = await startMaestro();
});
test.afterEach(async () => {
  await server.stop();
});

async function newProject(name: string) {
  return server.client.trpc.project.create.mutate({ name, workingDir: mkdtempSync(join(tmpdir(), 'maestro-e2e-conn-')) });
}

async function openOverview(page: Page, projectId: string): Promise<void> {
  await signIn(page, server);
  await page.goto(`${server.url}/p/${projectId}/overview`);
  await expect(page.getByTestId('overview-total')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
}

/** Ctrl-K, the title, Enter: the palette's "Create task" (its first row when nothing matches the title). */
async function createTaskFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(title);
  await expect(page.locator('[data-entry="action:create-task"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
}

/** The task:created events naming this title (exactly one when a change was applied exactly once). */
async function tasksCreatedWithTitle(projectId: string, title: string): Promise<number> {
  const { items } = await server.client.trpc.events.list.query({ projectId, types: ['task:created'], limit: 500 });
  return items.filter((e) => e.type === 'task:created' && e.payload.task.title === title).length;
}

test('killing the server: reconnecting with a toast; a task created offline waits as "1 pending" and is applied exactly once after the restart; changes by others then appear', async ({
  page,
}) => {
  const project = await newProject('Kill and restart');
  await openOverview(page, project.id);
  const badge = page.getByTestId('connection-status');

  await server.kill();
  await expect(badge).toHaveAttribute('data-state', 'reconnecting');
  await expect(page.getByTestId('toast-connection-lost')).toBeVisible();

  const title = `Written offline ${Date.now()}`;
  await createTaskFromPalette(page, title);
  await expect(badge).toHaveAttribute('data-pending', '1');
  await expect(page.getByTestId('connection-pending')).toHaveText('1 pending');

  await server.restart();
  // The backoff may be up to 10 s between attempts by now.
  await expect(badge).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('toast-connection-restored')).toBeVisible();
  await expect(badge).toHaveAttribute('data-pending', '0');

  const { items } = await server.client.trpc.task.list.query({ projectId: project.id, text: title });
  expect(items.map((t) => t.title)).toEqual([title]);
  expect(await tasksCreatedWithTitle(project.id, title)).toBe(1);
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '1');

  // Someone else's change reaches the page over the resumed stream.
  const other = await server.client.trpc.task.create.mutate({ projectId: project.id, title: 'Made by someone else' });
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '2');
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('someone else');
  await expect(page.locator(`[data-entry="task:${other.id}"]`)).toBeVisible();
});

test('after the maximum attempts: disconnected with a Retry button; nothing is tried until Retry; Retry reconnects and what changed meanwhile arrives', async ({
  page,
}) => {
  // A small cap keeps the test short; the mechanism is the same as the default 12.
  await page.addInitScript(() => window.localStorage.setItem('maestro.maxReconnectAttempts', '2'));
  const project = await newProject('Max attempts');
  await openOverview(page, project.id);
  const badge = page.getByTestId('connection-status');

  await server.kill();
  await expect(badge).toHaveAttribute('data-state', 'disconnected');
  await expect(page.getByTestId('toast-connection-disconnected')).toBeVisible();
  await expect(page.getByTestId('connection-retry')).toBeVisible();

  await server.restart();
  const meanwhile = await server.client.trpc.task.create.mutate({ projectId: project.id, title: 'Created while the page had given up' });
  // The page has stopped trying: the server is back, yet it stays disconnected until asked.
  await expect(badge).toHaveAttribute('data-state', 'disconnected');

  await page.getByTestId('connection-retry').click();
  await expect(badge).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('connection-retry')).toBeHidden();
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '1');
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('given up');
  await expect(page.locator(`[data-entry="task:${meanwhile.id}"]`)).toBeVisible();
});

test('a frozen server (SIGSTOP) is noticed by the heartbeat within 10 s; thawed, the badge returns to connected', async ({ page }) => {
  const project = await newProject('Frozen');
  await openOverview(page, project.id);
  const badge = page.getByTestId('connection-status');

  server.freeze();
  // The requirement itself (issue 9: a dead connection is detected within 10 s), measured from the freeze.
  await expect(badge).not.toHaveAttribute('data-state', 'connected', { timeout: 10_000 });
  await expect(badge).toHaveAttribute('data-state', 'reconnecting');

  server.thaw();
  await expect(badge).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  // Live again: a change made now shows up.
  await server.client.trpc.task.create.mutate({ projectId: project.id, title: 'After the thaw' });
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '1');
});

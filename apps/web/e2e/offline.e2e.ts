import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './harness/fixtures';
import { startMaestro, type MaestroServer } from './harness/processes';

/** The offline queue: persisted, ordered, bounded, replayed once; refusals shown. Each test has a server of its own to kill. */

// Each test starts a server of its own and restarts it: on this shared 2-core machine one start can take a minute.
test.describe.configure({ timeout: 300_000 });

let server: MaestroServer;
test.beforeEach(async () => {
  server = await startMaestro();
});
test.afterEach(async () => {
  await server.stop();
});

async function openOverview(page: Page, name: string): Promise<string> {
  const project = await server.client.trpc.project.create.mutate({ name, workingDir: mkdtempSync(join(tmpdir(), 'maestro-e2e-offline-')) });
  await signIn(page, server);
  await page.goto(`${server.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  return project.id;
}

async function createTaskFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(title);
  await expect(page.locator('[data-entry="action:create-task"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
}

/** The task:created events naming this title (exactly one when a change was applied exactly once). */
async function createdEvents(projectId: string, title: string): Promise<number> {
  const { items } = await server.client.trpc.events.list.query({ projectId, types: ['task:created'], limit: 500 });
  return items.filter((e) => e.type === 'task:created' && e.payload.task.title === title).length;
}

const isTaskCreate = (url: URL) => url.pathname.includes('task.create');

test('a change queued offline survives a reload and is applied exactly once when it can be sent', async ({ page }) => {
  const projectId = await openOverview(page, 'Reload while pending');
  const badge = page.getByTestId('connection-status');

  await server.kill();
  await expect(badge).toHaveAttribute('data-state', 'reconnecting');
  const title = `Queued before a reload ${Date.now()}`;
  await createTaskFromPalette(page, title);
  await expect(badge).toHaveAttribute('data-pending', '1');

  // The page itself comes from the server, so it can only be reloaded once the server is back; until the reload
  // is done, sending the change fails as on a dead network, so it is still the queue (localStorage) that carries it.
  await page.route(isTaskCreate, (route) => route.abort('internetdisconnected'));
  await server.restart();
  await page.reload();
  await expect(badge).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(badge).toHaveAttribute('data-pending', '1');
  await badge.getByTestId('connection-badge').click();
  await expect(page.getByTestId('offline-pending-item')).toHaveText([new RegExp(title)]);
  expect(await createdEvents(projectId, title)).toBe(0);

  await page.unroute(isTaskCreate);
  await expect(badge).toHaveAttribute('data-pending', '0', { timeout: 45_000 });
  await expect(page.getByTestId('offline-pending-item')).toHaveCount(0);
  expect(await createdEvents(projectId, title)).toBe(1);
  const { items } = await server.client.trpc.task.list.query({ projectId, text: title });
  expect(items).toHaveLength(1);
});

test('replayed in order; a change the server refuses on replay is listed under "not applied" (never dropped) until dismissed', async ({ page }) => {
  const projectId = await openOverview(page, 'Refused on replay');
  const badge = page.getByTestId('connection-status');

  await server.kill();
  await expect(badge).toHaveAttribute('data-state', 'reconnecting');
  // Longer than the 200 characters a title may have: the server refuses it (VALIDATION) when it is replayed.
  const tooLong = `Too long ${'x'.repeat(220)}`;
  const fine = `Fine after a refused one ${Date.now()}`;
  await createTaskFromPalette(page, tooLong);
  await createTaskFromPalette(page, fine);
  await expect(badge).toHaveAttribute('data-pending', '2');

  await server.restart();
  await expect(badge).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(badge).toHaveAttribute('data-pending', '0');
  await expect(badge).toHaveAttribute('data-refused', '1');
  await expect(page.getByTestId('toast-change-refused')).toBeVisible();
  await expect(page.getByTestId('connection-refused')).toHaveText('1 not applied');
  expect(await createdEvents(projectId, fine)).toBe(1);
  expect((await server.client.trpc.task.list.query({ projectId })).items.map((t) => t.title)).toEqual([fine]);

  await badge.getByTestId('connection-badge').click();
  const refused = page.getByTestId('offline-refused-item');
  await expect(refused).toHaveCount(1);
  await expect(refused).toHaveAttribute('data-code', 'VALIDATION');
  await expect(refused).toContainText(tooLong.slice(0, 30));

  // Still there after a reload: only the person dismisses it.
  await page.reload();
  await expect(badge).toHaveAttribute('data-refused', '1');
  await badge.getByTestId('connection-badge').click();
  await page.getByRole('button', { name: /^Dismiss: / }).click();
  await expect(badge).toHaveAttribute('data-refused', '0');
  await expect(page.getByTestId('offline-refused-item')).toHaveCount(0);
});

test('the queue is bounded: with 200 changes waiting, a new one is refused with a message and none is dropped', async ({ page }) => {
  const projectId = await openOverview(page, 'Bounded queue');
  const badge = page.getByTestId('connection-status');
  // Nothing can be sent (as on a dead network), so what waits keeps waiting.
  await page.route(isTaskCreate, (route) => route.abort('internetdisconnected'));
  // 200 waiting changes, as 200 offline edits leave them in storage; the next page load reads them.
  await page.evaluate((pid) => {
    const pending = Array.from({ length: 200 }, (_, i) => ({
      id: `seed-${i}`,
      path: 'task.create',
      input: { idempotencyKey: crypto.randomUUID(), projectId: pid, title: `Seeded ${i}` },
      label: `Create task “Seeded ${i}”`,
      enqueuedAt: new Date().toISOString(),
    }));
    window.localStorage.setItem('maestro.offline-queue.v1', JSON.stringify({ pending, refused: [] }));
  }, projectId);
  await page.reload();
  await expect(badge).toHaveAttribute('data-pending', '200');

  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('One too many');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette-error')).toContainText('200 changes are already waiting to be sent');
  await expect(badge).toHaveAttribute('data-pending', '200');
  expect(await createdEvents(projectId, 'One too many')).toBe(0);
});

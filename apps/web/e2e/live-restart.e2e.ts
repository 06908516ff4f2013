import type { Page } from '@playwright/test';
import { expect, signIn, test } from './harness/fixtures';

/** What a tRPC WebSocket frame holds, as far as these tests look. */
interface Frame {
  id?: number | string;
  method?: string;
  params?: { path?: string; input?: { projectId?: string; types?: string[] } };
}

function frames(raw: string | Buffer): Frame[] {
  try {
    const parsed = JSON.parse(String(raw)) as Frame | Frame[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return []; // keep-alive PING/PONG
  }
}

/**
 * Puts the page's WebSocket through a proxy to the real server that remembers
 * the event subscriptions the page opens, so a test can answer one of them with
 * an error frame (the server's stream failing) while the socket stays up.
 */
async function proxyEventStreams(page: Page, wanted: (f: Frame) => boolean): Promise<{ fail(): number; opened(): number }> {
  const streams: { id: Frame['id']; send: (s: string) => void }[] = [];
  await page.routeWebSocket(/\/trpc/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      server.send(raw);
      for (const f of frames(raw))
        if (f.method === 'subscription' && f.params?.path === 'events.onEvent' && wanted(f)) streams.push({ id: f.id, send: (s) => ws.send(s) });
    });
    server.onMessage((raw) => ws.send(raw));
  });
  return {
    fail() {
      const last = streams.at(-1);
      if (!last) throw new Error('the page opened no event stream yet');
      last.send(
        JSON.stringify({
          id: last.id,
          error: { message: 'stream broke (injected by the test)', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } },
        }),
      );
      return streams.length;
    },
    opened: () => streams.length,
  };
}

test('a project stream that fails while the socket stays up restarts from its last event: later changes still reach the board, once', async ({
  page,
  maestro,
  project,
}) => {
  const proxy = await proxyEventStreams(page, (f) => f.params?.input?.projectId === project.id);
  await signIn(page, maestro);
  await page.goto(`${maestro.url}/p/${project.id}`);
  await expect(page.getByTestId('board-empty')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'Before the failure' });
  await expect(page.getByTestId('task-card').filter({ hasText: 'Before the failure' })).toBeVisible();

  const before = proxy.fail();
  await expect.poll(() => proxy.opened(), { timeout: 5_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'After the failure' });
  await expect(page.getByTestId('task-card').filter({ hasText: 'After the failure' })).toHaveCount(1, { timeout: 2_000 });
  await expect(page.getByTestId('task-card').filter({ hasText: 'Before the failure' })).toHaveCount(1);
});

test('the projects page’s stream restarts the same way after a failure: counts of any project keep following', async ({ page, maestro, project }) => {
  const proxy = await proxyEventStreams(page, (f) => !f.params?.input?.projectId && (f.params?.input?.types ?? []).includes('project:created'));
  await signIn(page, maestro);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  const row = page.locator(`[data-project-id="${project.id}"]`);
  await expect(row.getByTestId('count-todo')).toHaveAttribute('data-value', '0');
  await expect.poll(() => proxy.opened()).toBeGreaterThan(0);

  const before = proxy.fail();
  await expect.poll(() => proxy.opened(), { timeout: 5_000 }).toBeGreaterThan(before);
  await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'counted' });
  await expect(row.getByTestId('count-todo')).toHaveAttribute('data-value', '1', { timeout: 2_000 });
});

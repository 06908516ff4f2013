import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness/fixtures';
import { startRunner } from './harness/processes';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).include('[data-testid="task-detail"]').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('a realistic task detail (description, subtasks, dependencies, timeline, a live session): no serious axe violation; screenshots light and dark', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  // A runner, a live session and axe over a full page: more than the default budget on a loaded two-core machine.
  test.setTimeout(360_000);
  const trpc = maestro.client.trpc;
  const schema = await trpc.task.create.mutate({ projectId: project.id, title: 'Design the events schema', priority: 'high' });
  const auth = await trpc.task.create.mutate({ projectId: project.id, title: 'Token auth for the CLI' });
  const task = await trpc.task.create.mutate({
    projectId: project.id,
    title: 'Stream task events to the dashboard',
    priority: 'urgent',
    description:
      'One events.onEvent subscription per open project feeds the query cache.\nResume from the last event id after a reconnect: nothing missed, nothing twice.\n\nAcceptance: two browsers see each other’s changes within a second.',
    dependsOn: [schema.id, auth.id],
  });
  await trpc.task.start.mutate({ id: schema.id });
  await trpc.task.complete.mutate({ id: schema.id });
  const subs = [];
  for (const title of ['Subscribe from asOfEventId', 'Batch events per frame', 'Invalidate detail queries', 'Reconnect test with a killed server']) {
    subs.push(await trpc.subtask.create.mutate({ taskId: task.id, title }));
  }
  await trpc.subtask.complete.mutate({ taskId: task.id, subtaskId: subs[0]!.id });
  await trpc.subtask.complete.mutate({ taskId: task.id, subtaskId: subs[1]!.id });
  await trpc.task.comment.mutate({ id: task.id, body: 'Keep the batching at one frame: 16 ms is plenty.' });
  await trpc.task.block.mutate({ id: task.id, reason: 'Waiting for the token auth decision' });
  await trpc.task.unblock.mutate({ id: task.id });

  const runner = startRunner(maestro);
  try {
    const session = await trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'echo working; sleep 600', name: 'worker-events' });
    await expect.poll(async () => (await trpc.session.get.query({ id: session.id })).status, { timeout: 60_000 }).toBe('active');

    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${maestro.url}/p/${project.id}/t/${task.id}`);
    await expect(page.getByTestId('subtask')).toHaveCount(4);
    await expect(page.getByTestId('dependency')).toHaveCount(2);
    await expect(page.getByTestId('task-session')).toHaveAttribute('data-status', 'active');
    await expect(page.getByTestId('timeline-entry').filter({ hasText: 'commented' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'task-detail', 'light');
    await screenshot(page, 'task-detail', 'dark');

    // The same detail as the board's side panel.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${maestro.url}/p/${project.id}?task=${task.id}`);
    await expect(page.getByTestId('task-panel').getByTestId('subtask')).toHaveCount(4);
    // The card names the session that claimed the task, not its id.
    await expect(page.locator(`[data-testid="task-card"][data-task-id="${task.id}"]`).getByTestId('card-assignee')).toHaveText('worker-events');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'task-panel', 'light');
    await screenshot(page, 'task-panel', 'dark');
    await trpc.session.stop.mutate({ id: session.id });
  } finally {
    await runner.stop();
  }
});

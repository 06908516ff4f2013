import AxeBuilder from '@axe-core/playwright';
import { expect, screenshot, test } from './harness/fixtures';

test('the overview shows the status summary (counts, ready, active sessions, blocked and why), every item linked, and stays live', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const api = maestro.client.trpc;
  const first = await api.task.create.mutate({ projectId: project.id, title: 'Lay the foundation', priority: 'high' });
  const second = await api.task.create.mutate({ projectId: project.id, title: 'Build the walls', dependsOn: [first.id] });
  const stuck = await api.task.create.mutate({ projectId: project.id, title: 'Order the windows' });
  await api.task.block.mutate({ id: stuck.id, reason: 'Supplier closed until Monday' });
  const running = await api.task.create.mutate({ projectId: project.id, title: 'Survey the site' });
  await api.task.start.mutate({ id: running.id });
  // No runner here: the session stays `spawning`, which counts as live.
  const session = await api.session.spawn.mutate({ taskIds: [running.id], name: 'surveyor', agent: 'custom', command: 'sleep 60' });

  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const count = (status: string) => page.locator(`[data-testid="overview-status-count"][data-status="${status}"]`);
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '4');
  await expect(count('todo')).toHaveAttribute('data-count', '2');
  await expect(count('blocked')).toHaveAttribute('data-count', '1');
  await expect(count('in_progress')).toHaveAttribute('data-count', '1');
  await expect(count('blocked')).toHaveAttribute('href', `/p/${project.id}?status=blocked`);

  // Ready: the first task only (the second waits on it).
  const ready = page.getByTestId('overview-ready-item');
  await expect(ready).toHaveCount(1);
  await expect(ready).toHaveAttribute('data-task-id', first.id);
  await expect(ready).toHaveAttribute('href', `/p/${project.id}?task=${first.id}`);

  // Blocked, with why.
  const blocked = page.getByTestId('overview-blocked-item');
  await expect(blocked).toHaveCount(1);
  await expect(blocked).toContainText('Order the windows');
  await expect(blocked).toContainText('Supplier closed until Monday');
  await expect(blocked).toHaveAttribute('href', `/p/${project.id}?task=${stuck.id}`);

  // Active sessions, linked to the session.
  const live = page.getByTestId('overview-session-item');
  await expect(live).toHaveCount(1);
  await expect(live).toHaveAttribute('href', `/p/${project.id}/sessions/${session.id}`);
  // Its name stays readable in the narrow column (it was squeezed to nothing by the details once).
  await expect(live.getByText('surveyor', { exact: true })).toBeVisible();
  await expect(page.getByTestId('overview-sessions-count')).toHaveText('1');

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await screenshot(page, 'overview', 'light');
  await screenshot(page, 'overview', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Live, without reload: completing the first task makes the second ready; unblocking empties Blocked; stopping the session removes it.
  await api.task.start.mutate({ id: first.id });
  await api.task.complete.mutate({ id: first.id });
  await expect(ready).toHaveCount(1);
  await expect(ready).toHaveAttribute('data-task-id', second.id);
  await expect(count('completed')).toHaveAttribute('data-count', '1');
  await api.task.unblock.mutate({ id: stuck.id });
  await expect(blocked).toHaveCount(0);
  await expect(page.getByTestId('overview-blocked')).toContainText('Nothing is blocked');
  await expect(ready).toHaveCount(2);
  await api.session.stop.mutate({ id: session.id });
  await expect(live).toHaveCount(0);

  // A link opens the task on its board.
  await ready.filter({ hasText: 'Build the walls' }).click();
  await expect(page).toHaveURL(`${maestro.url}/p/${project.id}?task=${second.id}`);
});

test("an empty project's overview says what to do next", async ({ signedIn: page, maestro, project }) => {
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('overview-ready')).toContainText('Create one with Ctrl K');
  await expect(page.getByTestId('overview-sessions')).toContainText('maestro runner');
  await expect(page.getByTestId('overview-blocked')).toContainText('Nothing is blocked');
});

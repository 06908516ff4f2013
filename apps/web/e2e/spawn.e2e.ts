import { expect, signIn, test } from './harness/fixtures';
import { startMaestro, startRunner } from './harness/processes';
import { newTask } from './session-helpers';

test('the spawn dialog checks its fields inline and shows a server refusal with its hint', async ({ signedIn: page, maestro, project }) => {
  const taskId = await newTask(maestro, project.id, 'Soon deleted');
  await page.goto(`${maestro.url}/p/${project.id}/sessions`);
  await page.getByRole('button', { name: 'Spawn session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Spawn a session' });

  // No task, and a custom agent without a command: both said next to their fields, nothing sent.
  await dialog.getByLabel('Agent').selectOption('custom');
  await dialog.getByRole('textbox', { name: 'Command' }).press('Control+Enter');
  await expect(dialog.getByText('Choose at least one task')).toBeVisible();
  await expect(dialog.getByText('Give the command to run')).toBeVisible();
  expect((await maestro.client.trpc.session.list.query({ projectId: project.id })).items).toHaveLength(0);

  // The task disappears before the request is sent: the server's refusal and its hint show in the dialog.
  await dialog.getByTestId('spawn-task-option').filter({ hasText: 'Soon deleted' }).getByRole('checkbox').check();
  await dialog.getByRole('textbox', { name: 'Command' }).fill('echo hi');
  await maestro.client.trpc.task.delete.mutate({ id: taskId });
  await dialog.getByRole('button', { name: 'Spawn', exact: true }).click();
  const error = dialog.getByTestId('spawn-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(taskId);
  await expect(page).toHaveURL(/\/sessions$/);
});

test('the spawn dialog warns when no runner is connected, and stops warning once one is', async ({ browser }) => {
  // A server of its own: a runner another test stopped still counts as live until its lease runs out.
  const server = await startMaestro();
  const context = await browser.newContext();
  let runner: ReturnType<typeof startRunner> | null = null;
  try {
    const project = await server.client.trpc.project.create.mutate({ name: 'No runner', workingDir: server.dataDir });
    await newTask(server, project.id, 'Waiting for a runner');
    const page = await context.newPage();
    await signIn(page, server);
    await page.goto(`${server.url}/p/${project.id}/sessions`);
    await page.getByRole('button', { name: 'Spawn session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Spawn a session' });
    const state = dialog.getByTestId('runner-state');
    await expect(state).toHaveAttribute('data-state', 'none');
    await expect(state).toContainText('No runner connected: run maestro runner');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    runner = startRunner(server, 'late-runner');
    await expect.poll(async () => (await server.client.trpc.runner.list.query()).items.some((r) => r.live), { timeout: 60_000 }).toBe(true);
    // Opening the dialog again asks again (runners have no events to push).
    await page.getByRole('button', { name: 'Spawn session' }).click();
    await expect(state).toHaveAttribute('data-state', 'live');
    await expect(state).toContainText('late-runner');
  } finally {
    await context.close();
    await runner?.stop();
    await server.stop();
  }
});

test('the sessions list is empty with a next step, then lists a spawned session live with its task and agent', async ({ signedIn: page, maestro, project }) => {
  await page.goto(`${maestro.url}/p/${project.id}/sessions`);
  await expect(page.getByText('No sessions yet')).toBeVisible();
  await expect(page.getByText('maestro session spawn')).toBeVisible();

  const taskId = await newTask(maestro, project.id, 'Listed task');
  // It appears without a reload (spawning, or already active if a runner is around).
  const session = await maestro.client.trpc.session.spawn.mutate({ taskIds: [taskId], agent: 'custom', command: 'sleep 600', name: 'listed' });
  const row = page.getByTestId('session-row').filter({ hasText: 'listed' });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('session-status')).toHaveAttribute('data-status', /^(spawning|active)$/);
  await expect(row.getByRole('link', { name: 'Listed task' })).toHaveAttribute('href', `/p/${project.id}/t/${taskId}`);
  await expect(row).toContainText('Custom · worker');
  await maestro.client.trpc.session.stop.mutate({ id: session.id });
  await expect(row.getByTestId('session-status')).toHaveAttribute('data-status', 'stopped');
});

import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';

/** The task detail as a page of its own. */
async function openTask(page: Page, url: string, projectId: string, taskId: string): Promise<void> {
  await page.goto(`${url}/p/${projectId}/t/${taskId}`);
  await expect(page.getByTestId('task-detail')).toHaveAttribute('data-task-id', taskId);
  await expect(page.getByTestId('task-title')).toBeVisible();
}

const subtaskTitles = (page: Page) => page.getByTestId('subtask').locator('a');

test('subtasks added in the task detail: completing one shows 1/3 in the detail and on the board card, and after a reload', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const task = await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'Ship the importer' });
  await openTask(page, maestro.url, project.id, task.id);

  const add = page.getByTestId('subtask-add');
  for (const title of ['Parse the CSV', 'Map the columns', 'Write the rows']) {
    await add.fill(title);
    await add.press('Enter');
    await expect(subtaskTitles(page).filter({ hasText: title })).toBeVisible();
  }
  await expect(add).toHaveValue('');
  await expect(subtaskTitles(page)).toHaveText(['Parse the CSV', 'Map the columns', 'Write the rows']);

  await page.getByRole('checkbox', { name: 'Done: Parse the CSV' }).check();
  await expect(page.getByTestId('subtask-progress')).toHaveText('1/3');
  await expect(page.getByTestId('subtask').first()).toHaveAttribute('data-status', 'completed');
  const subs = await maestro.client.trpc.subtask.list.query({ taskId: task.id });
  expect(subs.map((s) => [s.title, s.status])).toEqual([
    ['Parse the CSV', 'completed'],
    ['Map the columns', 'todo'],
    ['Write the rows', 'todo'],
  ]);

  await page.reload();
  await expect(page.getByTestId('subtask-progress')).toHaveText('1/3');
  await expect(page.getByRole('checkbox', { name: 'Done: Parse the CSV' })).toBeChecked();

  // The board shows the same progress on the card, and the same detail as a side panel (?task=).
  await page.goto(`${maestro.url}/p/${project.id}`);
  const card = page.getByTestId('task-card').filter({ hasText: 'Ship the importer' });
  await expect(card.getByTestId('card-progress')).toHaveText('1/3');
  await page.reload();
  await expect(card.getByTestId('card-progress')).toHaveText('1/3');
  await page.goto(`${maestro.url}/p/${project.id}?task=${task.id}`);
  const panel = page.getByTestId('task-panel');
  await expect(panel.getByTestId('subtask-progress')).toHaveText('1/3');
  await panel.getByRole('link', { name: 'Open as a full page' }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${project.id}/t/${task.id}$`));
  await expect(page.getByTestId('subtask-progress')).toHaveText('1/3');
});

test('subtasks reordered with Alt+Up/Down keep their order after a reload', async ({ signedIn: page, maestro, project }) => {
  const trpc = maestro.client.trpc;
  const task = await trpc.task.create.mutate({ projectId: project.id, title: 'Reorder me' });
  for (const title of ['First', 'Second', 'Third']) await trpc.subtask.create.mutate({ taskId: task.id, title });
  await openTask(page, maestro.url, project.id, task.id);
  await expect(subtaskTitles(page)).toHaveText(['First', 'Second', 'Third']);

  const handle = page.getByRole('button', { name: /Reorder “Third”/ });
  await handle.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(subtaskTitles(page)).toHaveText(['First', 'Third', 'Second']);
  // Focus stays on the moved row, so the next press moves it again.
  await expect(handle).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(subtaskTitles(page)).toHaveText(['Third', 'First', 'Second']);
  await page.getByRole('button', { name: /Reorder “Second”/ }).focus();
  await page.keyboard.press('Alt+ArrowDown'); // already last: nothing to do
  await expect.poll(async () => (await trpc.subtask.list.query({ taskId: task.id })).map((s) => s.title)).toEqual(['Third', 'First', 'Second']);

  await page.reload();
  await expect(subtaskTitles(page)).toHaveText(['Third', 'First', 'Second']);
});

test('blocking with a reason: the timeline shows the reason and who did it', async ({ signedIn: page, maestro, project }) => {
  const task = await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'Migrate the billing tables' });
  await openTask(page, maestro.url, project.id, task.id);

  const status = page.getByTestId('task-status');
  await status.selectOption('blocked');
  const reason = page.getByLabel('Block reason');
  await expect(reason).toBeFocused();
  await page.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Say why it is blocked' })).toBeVisible();
  await reason.fill('Waiting for the staging database');
  await page.getByRole('button', { name: 'Block', exact: true }).click();

  await expect(status).toHaveAttribute('data-status', 'blocked');
  await expect(page.getByTestId('blocked-reason')).toHaveText('Waiting for the staging database');
  const entry = page.getByTestId('timeline-entry').filter({ hasText: 'blocked the task' });
  await expect(entry.getByTestId('timeline-quote')).toHaveText('Waiting for the staging database');
  await expect(entry.getByTestId('timeline-actor')).toHaveText('user');
  expect(await maestro.client.trpc.task.get.query({ id: task.id })).toMatchObject({ status: 'blocked', blockedReason: 'Waiting for the staging database' });

  // Unblocking goes through task.unblock: back to todo, on the timeline too.
  await status.selectOption('todo');
  await expect(status).toHaveAttribute('data-status', 'todo');
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'unblocked the task' })).toBeVisible();
});

test('a dependency that would close a cycle is refused under the field with its path, and nothing changes', async ({ signedIn: page, maestro, project }) => {
  const trpc = maestro.client.trpc;
  const [alpha, beta, gamma, delta] = await Promise.all(
    ['Alpha service', 'Beta service', 'Gamma service', 'Delta service'].map((title) => trpc.task.create.mutate({ projectId: project.id, title })),
  );
  await trpc.task.dependency.add.mutate({ id: alpha!.id, dependsOnId: beta!.id });
  await trpc.task.dependency.add.mutate({ id: beta!.id, dependsOnId: gamma!.id });
  await openTask(page, maestro.url, project.id, gamma!.id);

  const search = page.getByTestId('dependency-search');
  await search.fill('alpha');
  await expect(page.getByTestId('dependency-option')).toHaveText([/Alpha service/]);
  await search.press('Enter');
  const error = page.getByTestId('dependency-error');
  await expect(error).toContainText('would make a cycle');
  await expect(error.getByTestId('cycle-path')).toHaveText('Gamma service→Alpha service→Beta service→Gamma service');
  await expect(search).toHaveAttribute('aria-describedby', /.+/);
  await expect(page.getByTestId('dependency')).toHaveCount(0);
  expect((await trpc.task.get.query({ id: gamma!.id })).dependencies).toEqual([]);

  // A legal one is added, listed with its status, and clears the error; removing it works too.
  await search.fill('delta');
  await search.press('Enter');
  await expect(page.getByTestId('dependency')).toHaveText([/Delta service.*Todo/]);
  await expect(error).toHaveCount(0);
  expect((await trpc.task.get.query({ id: gamma!.id })).dependencies.map((d) => d.id)).toEqual([delta!.id]);
  await page.getByRole('button', { name: 'Remove dependency on “Delta service”' }).click();
  await expect(page.getByTestId('dependency')).toHaveCount(0);
  expect((await trpc.task.get.query({ id: gamma!.id })).dependencies).toEqual([]);
});

test('[ and ] step through the column; comments land on the timeline, from this page and live from elsewhere', async ({ signedIn: page, maestro, project }) => {
  const trpc = maestro.client.trpc;
  const [one, two, three] = [
    await trpc.task.create.mutate({ projectId: project.id, title: 'Step one' }),
    await trpc.task.create.mutate({ projectId: project.id, title: 'Step two' }),
    await trpc.task.create.mutate({ projectId: project.id, title: 'Step three' }),
  ];
  await openTask(page, maestro.url, project.id, two.id);
  await page.keyboard.press(']');
  await expect(page).toHaveURL(new RegExp(`/t/${three.id}$`));
  await expect(page.getByTestId('task-title')).toHaveValue('Step three');
  await page.keyboard.press('[');
  await expect(page.getByTestId('task-title')).toHaveValue('Step two');
  await page.keyboard.press('[');
  await expect(page).toHaveURL(new RegExp(`/t/${one.id}$`));
  await expect(page.getByTestId('task-title')).toHaveValue('Step one');

  const box = page.getByTestId('comment-input');
  await box.fill('Looks good to me');
  await box.press('Control+Enter');
  await expect(box).toHaveValue('');
  const comments = page.getByTestId('timeline-entry').filter({ hasText: 'commented' });
  await expect(comments.getByTestId('timeline-quote')).toHaveText(['Looks good to me']);
  await trpc.task.comment.mutate({ id: one.id, body: 'Written by the CLI' });
  await expect(comments.getByTestId('timeline-quote')).toHaveText(['Looks good to me', 'Written by the CLI']);
});

test('subtasks reordered by dragging the handle keep their order after a reload', async ({ signedIn: page, maestro, project }) => {
  const trpc = maestro.client.trpc;
  const task = await trpc.task.create.mutate({ projectId: project.id, title: 'Drag me' });
  for (const title of ['First', 'Second', 'Third']) await trpc.subtask.create.mutate({ taskId: task.id, title });
  await openTask(page, maestro.url, project.id, task.id);
  await expect(subtaskTitles(page)).toHaveText(['First', 'Second', 'Third']);

  const from = await page.getByRole('button', { name: /Reorder “First”/ }).boundingBox();
  const to = await page.getByRole('button', { name: /Reorder “Third”/ }).boundingBox();
  if (!from || !to) throw new Error('subtask handles are not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // Past the activation distance first, then onto the last row, in steps so the sortable sees the moves.
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 6, { steps: 10 });
  await page.mouse.up();

  await expect(subtaskTitles(page)).toHaveText(['Second', 'Third', 'First']);
  await expect.poll(async () => (await trpc.subtask.list.query({ taskId: task.id })).map((s) => s.title)).toEqual(['Second', 'Third', 'First']);
  await page.reload();
  await expect(subtaskTitles(page)).toHaveText(['Second', 'Third', 'First']);
});

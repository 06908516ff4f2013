import { expect, test } from './harness/fixtures';

/** More than two of the API's 500-task pages. */
const TASKS = 1_100;

test('a board larger than one page shows every task: it renders from the first page and fills in, then stays live', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  test.slow();
  const t = maestro.client.trpc;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < TASKS; i = next++) {
      const task = await t.task.create.mutate({ projectId: project.id, title: `Paged ${i}`, priority: i % 2 === 0 ? 'high' : 'low' });
      if (i % 10 === 0) await t.task.start.mutate({ id: task.id });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  await page.goto(`${maestro.url}/p/${project.id}`);
  const board = page.getByTestId('board');
  await expect(board).toHaveAttribute('data-loading', 'false', { timeout: 30_000 });
  const count = (status: string) => page.locator(`[data-testid="board-column"][data-status="${status}"] [data-testid="column-count"]`);
  await expect(count('todo')).toHaveText('990');
  await expect(count('in_progress')).toHaveText('110');

  // The stream started after the last page: a change now arrives once.
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await t.task.create.mutate({ projectId: project.id, title: 'After the pages', priority: 'urgent' });
  await expect(page.getByTestId('task-card').filter({ hasText: 'After the pages' })).toHaveCount(1);
  await expect(count('todo')).toHaveText('991');
});

import AxeBuilder from '@axe-core/playwright';
import type { MaestroClient } from '@maestro/client/node';
import type { Task } from '@maestro/schemas';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness/fixtures';

/**
 * A board that looks like a real week: ~20 tasks over every status, all
 * priorities, subtasks (progress on the parent's card), a blocked reason, and
 * dependencies (counts and the ready badge).
 */
async function seedBoard(client: MaestroClient, projectId: string): Promise<Record<string, Task>> {
  const t = client.trpc;
  const make = (title: string, priority: Task['priority'] = 'medium', dependsOn: string[] = []) =>
    t.task.create.mutate({ projectId, title, priority, dependsOn });
  const schema = await make('Design the sessions table schema', 'high');
  const api = await make('Expose session.list over tRPC', 'high', [schema.id]);
  const login = await make('Login page with token cookie', 'urgent');
  const board = await make('Virtualized board columns', 'high');
  const dnd = await make('Drag cards between columns', 'medium', [board.id]);
  const docs = await make('Write the CLI reference', 'low');
  const flaky = await make('Fix flaky reconnect test', 'urgent');
  const tasks: Record<string, Task> = { schema, api, login, board, dnd, docs, flaky };
  for (const [title, p] of [
    ['Dark mode tokens', 'low'],
    ['Command palette (Ctrl-K)', 'medium'],
    ['Spawn dialog: runner warning', 'medium'],
    ['Heap benchmark for 10 min of events', 'low'],
    ['Keyboard shortcuts sheet', 'low'],
    ['Offline queue badge', 'high'],
  ] as const) {
    tasks[title] = await make(title, p);
  }
  // In progress, with subtasks 2/4 done.
  await t.task.start.mutate({ id: board.id });
  const subs = [];
  for (const title of ['One virtualizer per column', 'Stable keys', 'Memoised cards', 'Bench 5k tasks'])
    subs.push(await t.subtask.create.mutate({ taskId: board.id, title }));
  await t.subtask.complete.mutate({ taskId: board.id, subtaskId: subs[0]!.id });
  await t.subtask.complete.mutate({ taskId: board.id, subtaskId: subs[1]!.id });
  await t.task.start.mutate({ id: login.id });
  await t.task.start.mutate({ id: tasks['Offline queue badge']!.id });
  // Blocked with a reason.
  await t.task.start.mutate({ id: flaky.id });
  await t.task.block.mutate({ id: flaky.id, reason: 'Needs the SIGSTOP harness from the connection work' });
  await t.task.block.mutate({ id: tasks['Heap benchmark for 10 min of events']!.id, reason: 'Waiting for a quiet machine' });
  // In review and done.
  await t.task.start.mutate({ id: schema.id });
  await t.task.update.mutate({ id: schema.id, status: 'in_review' });
  await t.task.start.mutate({ id: tasks['Command palette (Ctrl-K)']!.id });
  await t.task.update.mutate({ id: tasks['Command palette (Ctrl-K)']!.id, status: 'in_review' });
  for (const title of ['Dark mode tokens', 'Keyboard shortcuts sheet']) await t.task.complete.mutate({ id: tasks[title]!.id });
  await t.task.update.mutate({ id: tasks['Spawn dialog: runner warning']!.id, status: 'cancelled' });
  const done = await make('Sign-in with printed URL', 'high');
  await t.task.complete.mutate({ id: done.id });
  // Ready: its dependency is completed.
  tasks.ready = await make('Sessions list page', 'medium', [done.id]);
  for (const title of ['Session terminal view', 'Task detail side panel', 'Projects page counts']) tasks[title] = await make(title, 'medium');
  return tasks;
}

function column(page: Page, status: string) {
  return page.locator(`[data-testid="board-column"][data-status="${status}"]`);
}

function card(page: Page, title: string) {
  return page.getByTestId('task-card').filter({ hasText: title });
}

test('a realistic board: columns with counts, progress, blocked reason, dependencies, ready; axe finds nothing serious; screenshots light and dark', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const tasks = await seedBoard(maestro.client, project.id);
  // The screenshots go into the README: a project name a person would choose.
  await maestro.client.trpc.project.update.mutate({ id: project.id, name: 'maestro-web' });
  await page.goto(`${maestro.url}/p/${project.id}`);
  await expect(card(page, 'Virtualized board columns')).toBeVisible();

  await expect(column(page, 'in_progress').getByTestId('column-count')).toHaveText('3');
  const board = card(page, 'Virtualized board columns');
  await expect(board.getByTestId('card-progress')).toContainText('2/4');
  await expect(column(page, 'blocked').getByTestId('task-card')).toHaveCount(2);
  await expect(card(page, 'Fix flaky reconnect test').getByTestId('card-blocked')).toHaveAttribute(
    'title',
    'Needs the SIGSTOP harness from the connection work',
  );
  await expect(card(page, 'Expose session.list over tRPC').getByTestId('card-deps')).toContainText('1');
  await expect(card(page, 'Expose session.list over tRPC').getByTestId('card-ready')).toHaveCount(0);
  await expect(card(page, 'Sessions list page').getByTestId('card-ready')).toBeVisible();
  // Subtasks are not cards of their own.
  await expect(card(page, 'Stable keys')).toHaveCount(0);
  expect(tasks.board).toBeDefined();

  const axe = await new AxeBuilder({ page }).include('[data-testid="board"]').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await screenshot(page, 'board', 'light');
  await screenshot(page, 'board', 'dark');
  await page.emulateMedia({ colorScheme: 'dark' });
  const darkAxe = await new AxeBuilder({ page }).include('[data-testid="board"]').analyze();
  expect(darkAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

/** Drags a card onto a column with the mouse, in small steps as a person would (dnd-kit starts after 5 px). */
async function drag(page: Page, title: string, status: string) {
  const from = await card(page, title).boundingBox();
  const to = await column(page, status).boundingBox();
  if (!from || !to) throw new Error('card or column not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await expect(page.getByTestId('drag-overlay')).toBeVisible();
  await page.mouse.move(to.x + to.width / 2, to.y + 200, { steps: 12 });
  await expect(column(page, status)).toHaveAttribute('data-over', 'true');
  await page.mouse.up();
}

test('a move the server refuses snaps back and says why, on the card', async ({ signedIn: page, maestro, project }) => {
  const task = await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'Straight to review' });
  await page.goto(`${maestro.url}/p/${project.id}`);
  await expect(column(page, 'todo').getByTestId('task-card')).toHaveCount(1);

  // todo → in_review is not a transition the server allows.
  await drag(page, 'Straight to review', 'in_review');
  const error = column(page, 'todo').getByTestId('move-error');
  await expect(error).toContainText('cannot move to in_review');
  await expect(error).toContainText('From todo it can move to: in_progress, completed, blocked, cancelled');
  await expect(column(page, 'todo').getByTestId('task-card')).toHaveAttribute('data-state', 'refused');
  await expect(column(page, 'in_review').getByTestId('task-card')).toHaveCount(0);
  expect((await maestro.client.trpc.task.get.query({ id: task.id })).status).toBe('todo');

  // An allowed drag is applied by the server; the error is gone.
  await drag(page, 'Straight to review', 'in_progress');
  await expect(column(page, 'in_progress').getByTestId('task-card')).toHaveCount(1);
  await expect(page.getByTestId('move-error')).toHaveCount(0);
  await expect.poll(async () => (await maestro.client.trpc.task.get.query({ id: task.id })).status).toBe('in_progress');
});

test('keyboard: j/k/h/l move the focus, Shift+→ moves the card (Blocked asks why), Enter opens it', async ({ signedIn: page, maestro, project }) => {
  const t = maestro.client.trpc.task;
  const first = await t.create.mutate({ projectId: project.id, title: 'First card', priority: 'high' });
  const second = await t.create.mutate({ projectId: project.id, title: 'Second card', priority: 'low' });
  await page.goto(`${maestro.url}/p/${project.id}`);
  await card(page, 'First card').focus();
  await page.keyboard.press('j');
  await expect(card(page, 'Second card')).toBeFocused();
  await page.keyboard.press('k');
  await expect(card(page, 'First card')).toBeFocused();

  await page.keyboard.press('Shift+ArrowRight');
  await expect(column(page, 'in_progress').getByTestId('task-card')).toHaveText(/First card/);
  await expect(card(page, 'First card')).toBeFocused();
  await expect.poll(async () => (await t.get.query({ id: first.id })).status).toBe('in_progress');

  await page.keyboard.press('h');
  await expect(card(page, 'Second card')).toBeFocused();
  await page.keyboard.press('l');
  await expect(card(page, 'First card')).toBeFocused();

  // In progress → Blocked needs a reason.
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByTestId('block-reason').fill('Waiting for the API key');
  await page.keyboard.press('Enter');
  await expect(column(page, 'blocked').getByTestId('card-blocked')).toHaveAttribute('title', 'Waiting for the API key');
  await expect.poll(async () => (await t.get.query({ id: first.id })).blockedReason).toBe('Waiting for the API key');
  await expect(card(page, 'First card')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]task=${first.id}`));
  expect(second.status).toBe('todo');
});

test('c opens the inline form; Enter creates the task and the form stays for the next one', async ({ signedIn: page, maestro, project }) => {
  await page.goto(`${maestro.url}/p/${project.id}`);
  await expect(page.getByTestId('board-empty')).toContainText('maestro task create');
  await page.locator('body').press('c');
  const input = page.getByLabel('New task title');
  await expect(input).toBeFocused();
  await input.fill('Made on the board');
  await input.press('Enter');
  await expect(card(page, 'Made on the board')).toBeVisible();
  await expect(input).toHaveValue('');
  await input.fill('   ');
  await input.press('Enter');
  await expect(page.locator('#inline-create-error')).toContainText('title');
  await input.press('Escape');
  await expect(page.getByTestId('inline-create')).toHaveCount(0);
  const { items } = await maestro.client.trpc.task.list.query({ projectId: project.id });
  expect(items.map((i) => i.title)).toEqual(['Made on the board']);
});

test('filters live in the URL and survive a reload', async ({ signedIn: page, maestro, project }) => {
  const t = maestro.client.trpc.task;
  await t.create.mutate({ projectId: project.id, title: 'Parser rewrite', priority: 'high' });
  await t.create.mutate({ projectId: project.id, title: 'Parser docs', priority: 'low' });
  await t.create.mutate({ projectId: project.id, title: 'Unrelated chore', priority: 'high' });
  await page.goto(`${maestro.url}/p/${project.id}`);
  await expect(page.getByTestId('task-card')).toHaveCount(3);

  await page.getByTestId('board-search').fill('parser');
  await page.getByTestId('filter-priority-high').click();
  await expect(page).toHaveURL(/[?&]q=parser/);
  await expect(page).toHaveURL(/[?&]priority=high/);
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Parser rewrite')).toBeVisible();
  await expect(column(page, 'todo').getByTestId('column-count')).toHaveText('1 / 3');

  await page.reload();
  await expect(page.getByTestId('board-search')).toHaveValue('parser');
  await expect(page.getByTestId('filter-priority-high')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  await expect(card(page, 'Parser rewrite')).toBeVisible();

  await page.getByTestId('filter-status-todo').click();
  await expect(page).toHaveURL(/[?&]status=todo/);
  await expect(page.getByTestId('board-column')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('task-card')).toHaveCount(3);
  await expect(page).not.toHaveURL(/q=|priority=|status=/);
});

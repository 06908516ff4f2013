import { expect, test } from './harness/fixtures';

test('Ctrl-K, keyboard only: jump to a task, a session and another project; create a task; open the spawn dialog', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const api = maestro.client.trpc;
  const task = await api.task.create.mutate({ projectId: project.id, title: 'Tune the piano' });
  const session = await api.session.spawn.mutate({ taskIds: [task.id], name: 'tuner', agent: 'custom', command: 'sleep 60' });
  const elsewhere = await api.project.create.mutate({ name: `Elsewhere ${Date.now() % 100_000}`, workingDir: project.workingDir });
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '1');
  const palette = page.getByTestId('palette');
  const input = page.getByTestId('palette-input');

  // A task: type part of its title, Enter opens it on the board.
  await page.keyboard.press('Control+k');
  await expect(input).toBeFocused();
  await page.keyboard.type('piano');
  await expect(page.locator(`[data-entry="task:${task.id}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${maestro.url}/p/${project.id}?task=${task.id}`);
  await expect(palette).toBeHidden();

  // A session.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('tuner');
  await expect(page.locator(`[data-entry="session:${session.id}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${maestro.url}/p/${project.id}/sessions/${session.id}`);

  // Another project.
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Elsewhere');
  await expect(page.locator(`[data-entry="project:${elsewhere.id}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${maestro.url}/p/${elsewhere.id}`);

  // Create a task in the current project: "Create task…", then the title, then Enter.
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '1');
  await page.keyboard.press('Control+k');
  await expect(page.locator('[data-entry="action:create-mode"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Polish the keys');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '2');
  const created = await api.task.list.query({ projectId: project.id, text: 'Polish the keys' });
  expect(created.items.map((t) => t.title)).toEqual(['Polish the keys']);

  // A title the server refuses: the error is shown in the palette, which stays open.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('x'.repeat(201));
  await expect(page.locator('[data-entry="action:create-task"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette-error')).toBeVisible();
  await expect(palette).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // Spawn: the arrow keys from the first action ("Create task…") to "Spawn a session…".
  await page.keyboard.press('Control+k');
  await expect(page.locator('[data-entry="action:create-mode"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-entry="action:spawn"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('dialog', { name: /spawn/i })).toBeVisible();
});

test('the header button opens the palette too; outside a project it lists projects and navigation', async ({ signedIn: page, maestro, project }) => {
  await page.goto(`${maestro.url}/`);
  await page.getByTestId('palette-open').click();
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type(project.name);
  await expect(page.locator(`[data-entry="project:${project.id}"]`)).toBeVisible();
  await expect(page.locator('[data-entry="action:create-mode"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette')).toBeHidden();
  await expect(page.getByTestId('palette-open')).toBeFocused();
});

test('Escape then Ctrl-K at once, again and again: the palette opens fresh every time', async ({ signedIn: page, maestro, project }) => {
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toBeVisible();
  const palette = page.getByTestId('palette');
  for (let round = 0; round < 15; round++) {
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`round ${round}`);
    // No wait between closing and opening: the second key must open a palette the first one closed.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await expect(page.getByTestId('palette-input')).toHaveValue('');
    await expect(page.locator('[data-entry="action:create-mode"]')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
  }
});

import { expect, signIn, test } from './harness/fixtures';

test('editing a task another context has just changed shows both values; Keep mine and Take theirs each do what they say', async ({
  signedIn: page,
  browser,
  maestro,
  project,
}) => {
  const trpc = maestro.client.trpc;
  const task = await trpc.task.create.mutate({ projectId: project.id, title: 'Original title' });
  const url = `${maestro.url}/p/${project.id}/t/${task.id}`;
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs, maestro);
  await Promise.all([page.goto(url), theirs.goto(url)]);
  const mine = page.getByTestId('task-title');
  const their = theirs.getByTestId('task-title');
  await expect(mine).toHaveValue('Original title');
  await expect(their).toHaveValue('Original title');

  // I start editing; meanwhile the other context renames it.
  await mine.fill('Mine: a clearer title');
  await their.fill('Theirs: renamed elsewhere');
  await their.press('Enter');
  await expect.poll(async () => (await trpc.task.get.query({ id: task.id })).title).toBe('Theirs: renamed elsewhere');
  await expect(page.getByText('Changed elsewhere while you edit')).toBeVisible();

  await mine.press('Enter');
  const conflict = page.getByTestId('conflict-title');
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('Mine: a clearer title');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Theirs: renamed elsewhere');
  // Nothing was overwritten: the server still has theirs.
  expect(await trpc.task.get.query({ id: task.id })).toMatchObject({ title: 'Theirs: renamed elsewhere', version: 2 });

  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(mine).toHaveValue('Mine: a clearer title');
  await expect(their).toHaveValue('Mine: a clearer title');
  expect(await trpc.task.get.query({ id: task.id })).toMatchObject({ title: 'Mine: a clearer title', version: 3 });

  // Again, and this time the other version stays.
  await mine.fill('Mine, second try');
  await their.fill('Theirs, second round');
  await their.press('Enter');
  await expect.poll(async () => (await trpc.task.get.query({ id: task.id })).version).toBe(4);
  await mine.press('Enter');
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('Mine, second try');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Theirs, second round');
  await conflict.getByRole('button', { name: 'Take theirs' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(mine).toHaveValue('Theirs, second round');
  expect(await trpc.task.get.query({ id: task.id })).toMatchObject({ title: 'Theirs, second round', version: 4 });

  // The description conflicts the same way (saved on blur).
  const desc = page.getByTestId('task-description');
  await desc.fill('My notes');
  const theirDesc = theirs.getByTestId('task-description');
  await theirDesc.fill('Their notes');
  await theirDesc.blur();
  await expect.poll(async () => (await trpc.task.get.query({ id: task.id })).description).toBe('Their notes');
  await desc.blur();
  const descConflict = page.getByTestId('conflict-description');
  await expect(descConflict.getByTestId('conflict-mine')).toHaveText('My notes');
  await expect(descConflict.getByTestId('conflict-theirs')).toHaveText('Their notes');
  await descConflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(async () => (await trpc.task.get.query({ id: task.id })).description).toBe('My notes');
  await other.close();
});

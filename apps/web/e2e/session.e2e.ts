import AxeBuilder from '@axe-core/playwright';
import { expect, signIn, test } from './harness/fixtures';
import { startRunner, type MaestroRunner } from './harness/processes';
import { expectTerminalLine, newTask, sessionIdFromUrl, spawnShell, terminalLines, waitForStatus } from './session-helpers';

let runner: MaestroRunner | null = null;
test.beforeEach(({ maestro }) => {
  runner = startRunner(maestro);
});
test.afterEach(async () => {
  await runner?.stop();
  runner = null;
});

test('spawn a shell agent on a task from the UI: its output shows, typing reaches it, the badge goes active → completed', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const taskId = await newTask(maestro, project.id, 'Terminal round trip');
  await page.goto(`${maestro.url}/p/${project.id}/sessions`);
  await page.getByRole('button', { name: 'Spawn session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Spawn a session' });
  await dialog.getByTestId('spawn-task-option').filter({ hasText: 'Terminal round trip' }).getByRole('checkbox').check();
  await dialog.getByLabel('Agent').selectOption('custom');
  // Prints, then runs one line typed into the terminal, then exits 0.
  await dialog.getByRole('textbox', { name: 'Command' }).fill('echo START-MARK; read -r line; eval "$line"; echo END-MARK');
  await dialog.getByRole('button', { name: 'Spawn', exact: true }).click();

  await expect(page).toHaveURL(/\/sessions\/ses_/);
  const sessionId = sessionIdFromUrl(page);
  const badge = page.getByTestId('session-status');
  await expect(badge).toHaveAttribute('data-status', 'active');
  await expectTerminalLine(page, sessionId, 'START-MARK');
  await expect(page.getByTestId('session-task-link')).toHaveAttribute('href', `/p/${project.id}/t/${taskId}`);

  await page.getByTestId('terminal').click();
  await page.keyboard.type('echo typed-$((6*7))');
  await page.keyboard.press('Enter');
  // The PTY echoes what was typed, and the shell's answer proves it ran there.
  await expectTerminalLine(page, sessionId, 'echo typed-$((6*7))');
  await expectTerminalLine(page, sessionId, /^typed-42$/);
  await expectTerminalLine(page, sessionId, 'END-MARK');
  await expect(badge).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('session-end')).toContainText('exit code 0');
});

test('a finished session opened in a new browser context replays its whole output once, read-only', async ({ browser, maestro, project }) => {
  const taskId = await newTask(maestro, project.id, 'Replay me');
  const sessionId = await spawnShell(maestro, taskId, 'echo FIRST-MARK; for i in $(seq 1 2000); do echo "row-$i"; done; echo LAST-MARK', 'replay');
  await waitForStatus(maestro, sessionId, ['completed']);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, maestro);
  await page.goto(`${maestro.url}/p/${project.id}/sessions/${sessionId}`);
  await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'completed');
  await expectTerminalLine(page, sessionId, 'LAST-MARK');
  const lines = await terminalLines(page, sessionId);
  const rows = lines.filter((l) => /^row-\d+$/.test(l));
  expect(lines.filter((l) => l === 'FIRST-MARK')).toHaveLength(1);
  expect(lines.filter((l) => l === 'LAST-MARK')).toHaveLength(1);
  expect(rows).toHaveLength(2000);
  expect(new Set(rows).size).toBe(2000);
  expect(rows[0]).toBe('row-1');
  expect(rows.at(-1)).toBe('row-2000');
  // Read-only: no Stop for an ended session, no input box that reaches a PTY.
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await context.close();
});

test('a command that cannot start: the session fails and says why in the terminal area', async ({ signedIn: page, maestro, project }) => {
  await newTask(maestro, project.id, 'Doomed');
  await page.goto(`${maestro.url}/p/${project.id}/sessions`);
  await page.getByRole('button', { name: 'Spawn session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Spawn a session' });
  await dialog.getByTestId('spawn-task-option').filter({ hasText: 'Doomed' }).getByRole('checkbox').check();
  await dialog.getByLabel('Agent').selectOption('custom');
  await dialog.getByRole('textbox', { name: 'Command' }).fill('definitely-not-a-command-xyz --flag');
  await dialog.getByRole('textbox', { name: 'Command' }).press('Control+Enter');

  await expect(page).toHaveURL(/\/sessions\/ses_/);
  await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'failed');
  const error = page.getByTestId('session-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Command not found: definitely-not-a-command-xyz');
  await expect(error).toContainText('exit code 127');
});

test('two viewers of a live session: one sets the size, the other can take control', async ({ browser, maestro, project }) => {
  // Two more browser contexts on a shared two-core machine.
  test.slow();
  const taskId = await newTask(maestro, project.id, 'Shared terminal');
  const sessionId = await spawnShell(maestro, taskId, 'echo shared; sleep 600', 'shared');
  await waitForStatus(maestro, sessionId, ['active']);
  const url = `${maestro.url}/p/${project.id}/sessions/${sessionId}`;
  const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const pageA = await a.newPage();
    await signIn(pageA, maestro);
    await pageA.goto(url);
    await expect(pageA.getByTestId('terminal-frame')).toHaveAttribute('data-size-control', 'this', { timeout: 60_000 });
    await expect.poll(async () => (await maestro.client.trpc.session.get.query({ id: sessionId })).sizeController).not.toBeNull();
    const colsOfA = (await maestro.client.trpc.session.get.query({ id: sessionId })).cols;

    const pageB = await b.newPage();
    await pageB.setViewportSize({ width: 1000, height: 700 });
    await signIn(pageB, maestro);
    await pageB.goto(url);
    await expect(pageB.getByTestId('terminal-frame')).toHaveAttribute('data-size-control', 'other', { timeout: 60_000 });
    await pageB.getByTestId('take-control').click();
    await expect(pageB.getByTestId('terminal-frame')).toHaveAttribute('data-size-control', 'this');
    await expect(pageA.getByTestId('take-control')).toBeVisible();
    // The PTY now has B's size (its window is narrower).
    await expect.poll(async () => (await maestro.client.trpc.session.get.query({ id: sessionId })).cols).toBeLessThan(colsOfA);
  } finally {
    await maestro.client.trpc.session.stop.mutate({ id: sessionId });
    await a.close();
    await b.close();
  }
});

test('the session view has no serious or critical accessibility violation', async ({ signedIn: page, maestro, project }) => {
  const taskId = await newTask(maestro, project.id, 'Accessible');
  const sessionId = await spawnShell(maestro, taskId, 'echo hello; sleep 600', 'a11y');
  try {
    await page.goto(`${maestro.url}/p/${project.id}/sessions/${sessionId}`);
    await expectTerminalLine(page, sessionId, 'hello');
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  } finally {
    await maestro.client.trpc.session.stop.mutate({ id: sessionId });
  }
});

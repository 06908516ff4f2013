import AxeBuilder from '@axe-core/playwright';
import type { InboxItem } from '@maestro/schemas';
import { expect, test } from './harness/fixtures';
import { runCli, startRunner, type MaestroRunner } from './harness/processes';
import { expectTerminalLine, newTask, spawnShell, waitForStatus } from './session-helpers';

/**
 * The inbox: a session that asks for input shows up in it and in the header's
 * count on every page; one click opens its terminal ready for typing; typing
 * the answer clears it. The page lists exactly what `maestro inbox --json`
 * lists, in the same order.
 */

let runner: MaestroRunner | null = null;
test.beforeEach(({ maestro }) => {
  runner = startRunner(maestro);
});
test.afterEach(async () => {
  await runner?.stop();
  runner = null;
});

const itemKey = (i: InboxItem) => `${i.kind}:${i.sessionId ?? i.taskId ?? ''}`;

test('a session asking for input: in the inbox and the header count; one click opens its terminal; typing the answer clears it', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  await page.goto(`${maestro.url}/p/${project.id}`);
  const count = page.getByTestId('inbox-count');
  // Items other tests on this server left behind count too: start from what the header shows once loaded.
  await expect(count).toHaveAttribute('data-loaded', 'true');
  const before = Number(await count.textContent());

  const taskId = await newTask(maestro, project.id, 'Pick a database');
  const script = 'echo READY; maestro session needs-input "Which database?" > /dev/null; read -r answer; echo "ANSWER=$answer"; sleep 60';
  const sessionId = await spawnShell(maestro, taskId, script, 'db-chooser');

  // Live, on a page that is not the inbox: the header's count, the tab's title and its icon.
  await expect(count).toHaveText(String(before + 1), { timeout: 30_000 });
  await expect(count).toHaveAttribute('data-asking', /^[1-9]/);
  await expect(page).toHaveTitle(new RegExp(`^\\[${before + 1}\\] `));
  await expect.poll(() => page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '')).toMatch(/^data:image\/png/);

  // The project's overview lists it too, with the question.
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.locator(`[data-testid="overview-needs-input-item"][data-session-id="${sessionId}"]`)).toContainText('Which database?');
  await page.getByTestId('inbox-link').click();
  await expect(page).toHaveURL(/\/inbox$/);
  const item = page.locator(`[data-testid="inbox-item"][data-key="needs_input:${sessionId}"]`);
  await expect(item).toContainText('Which database?');
  await expect(item).toContainText('db-chooser');
  await expect(item).toContainText('waiting since');

  await item.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(page.getByTestId('session-attention')).toHaveAttribute('data-state', 'needs_input');
  await expectTerminalLine(page, sessionId, 'READY');
  // Ready for typing: no click into the terminal first.
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
  await page.keyboard.type('Postgres');
  await page.keyboard.press('Enter');
  await expectTerminalLine(page, sessionId, 'ANSWER=Postgres');

  await expect(page.getByTestId('session-attention')).toHaveAttribute('data-state', 'working');
  await expect(count).toHaveText(String(before));
  const after = await maestro.client.trpc.inbox.list.query({});
  expect(after.items.some((i) => i.sessionId === sessionId)).toBe(false);
  await maestro.client.trpc.session.stop.mutate({ id: sessionId });
});

test('the inbox page and `maestro inbox --json` list the same items in the same order', async ({ signedIn: page, maestro, project }) => {
  const trpc = maestro.client.trpc;
  const blocked = await newTask(maestro, project.id, 'Decide the API version');
  await trpc.task.block.mutate({ id: blocked, reason: 'v1 or v2?' });
  const failed = await spawnShell(maestro, await newTask(maestro, project.id, 'Crash'), 'echo boom; exit 3', 'crasher');
  const finished = await spawnShell(maestro, await newTask(maestro, project.id, 'Finish'), 'echo done', 'finisher');
  const asking = await spawnShell(
    maestro,
    await newTask(maestro, project.id, 'Ask'),
    'maestro session needs-input "Deploy now?" > /dev/null; sleep 60',
    'asker',
  );
  await waitForStatus(maestro, failed, ['failed']);
  await waitForStatus(maestro, finished, ['completed']);
  await expect.poll(async () => (await trpc.session.get.query({ id: asking })).attention?.state, { timeout: 30_000 }).toBe('needs_input');

  await page.goto(`${maestro.url}/inbox`);
  const pageKeys = () => page.getByTestId('inbox-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  const cliKeys = async () => (JSON.parse(await runCli(maestro, ['inbox', '--json'])) as { data: { items: InboxItem[] } }).data.items.map(itemKey);
  // Both read the same server list; compare once the page has caught up with the latest change.
  await expect.poll(async () => JSON.stringify(await pageKeys()) === JSON.stringify(await cliKeys()), { timeout: 30_000 }).toBe(true);
  const keys = await pageKeys();
  expect(keys).toEqual(expect.arrayContaining([`needs_input:${asking}`, `failed:${failed}`, `blocked:${blocked}`, `finished:${finished}`]));
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  // Most urgent first: questions, then failures, blocked tasks, finished sessions.
  const rank = (k: string | null) => ['needs_input', 'failed', 'blocked', 'finished'].indexOf(k?.split(':')[0] ?? '');
  expect(keys.map(rank)).toEqual([...keys.map(rank)].sort((a, b) => a - b));

  // Opening the finished session marks it seen: it leaves the inbox here and for the CLI.
  await page.locator(`[data-testid="inbox-item"][data-key="finished:${finished}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${finished}$`));
  await expect.poll(async () => (await cliKeys()).includes(`finished:${finished}`), { timeout: 15_000 }).toBe(false);
  await trpc.session.stop.mutate({ id: asking });
});

import { expect, screenshot, test } from './harness/fixtures';
import { startRunner, type MaestroRunner } from './harness/processes';
import { colourfulAgent, expectTerminalLine, liveTerminals, newTask, spawnShell, terminalLines, waitForStatus } from './session-helpers';

let runner: MaestroRunner | null = null;
const started: string[] = [];
test.beforeEach(({ maestro }) => {
  runner = startRunner(maestro);
});
test.afterEach(async ({ maestro }) => {
  await Promise.all(started.splice(0).map((id) => maestro.client.trpc.session.stop.mutate({ id })));
  await runner?.stop();
  runner = null;
});

test('a hidden terminal is disposed and, shown again, re-joins from its last chunk: nothing lost, nothing twice', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  const taskId = await newTask(maestro, project.id, 'Ticker');
  const sessionId = await spawnShell(maestro, taskId, 'for i in $(seq 1 600); do echo "tick-$i"; sleep 0.2; done', 'ticker');
  started.push(sessionId);
  await page.goto(`${maestro.url}/p/${project.id}/sessions/${sessionId}`);
  await expectTerminalLine(page, sessionId, /^tick-3$/);

  await page.getByRole('link', { name: 'All sessions' }).click();
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  expect(await liveTerminals(page)).toBe(0);
  // The session keeps printing while nobody shows it.
  const seqWhenHidden = (await maestro.client.trpc.session.output.query({ id: sessionId, tail: true, limit: 1 })).lastSeq ?? 0;
  await expect
    .poll(async () => (await maestro.client.trpc.session.output.query({ id: sessionId, tail: true, limit: 1 })).lastSeq ?? 0)
    .toBeGreaterThan(seqWhenHidden + 5);

  await page.getByTestId('session-tab').filter({ hasText: 'ticker' }).getByRole('link').click();
  const lastPrinted = async () => {
    const stored = await maestro.client.trpc.session.output.query({ id: sessionId, limit: 10_000 });
    const text = stored.chunks.map((c) => Buffer.from(c.data, 'base64').toString('utf8')).join('');
    return Number([...text.matchAll(/tick-(\d+)/g)].at(-1)?.[1] ?? 0);
  };
  const target = await lastPrinted();
  await expectTerminalLine(page, sessionId, new RegExp(`^tick-${target}$`));
  const ticks = (await terminalLines(page, sessionId)).filter((l) => /^tick-\d+$/.test(l)).map((l) => Number(l.slice(5)));
  expect(ticks[0]).toBe(1);
  expect(ticks).toEqual(Array.from({ length: ticks.length }, (_, i) => i + 1));
  expect(await liveTerminals(page)).toBe(1);
});

test('the grid shows at most six live terminals at once; screenshots of a live session and of the grid', async ({ signedIn: page, maestro, project }) => {
  // Seven agents and six terminals on a shared two-core machine.
  test.slow();
  // The screenshots go into the README: a project name a person would choose.
  await maestro.client.trpc.project.update.mutate({ id: project.id, name: 'maestro-agents' });
  const names = ['api-worker', 'web-worker', 'db-migrations', 'runner-fixes', 'docs', 'bench', 'overflow'];
  for (const name of names) {
    const taskId = await newTask(maestro, project.id, `Task for ${name}`);
    started.push(await spawnShell(maestro, taskId, colourfulAgent(name), name));
  }
  for (const id of started) await waitForStatus(maestro, id, ['active']);

  await page.goto(`${maestro.url}/p/${project.id}/sessions/${started[0]}`);
  await expectTerminalLine(page, started[0]!, 'waiting for input');
  await screenshot(page, 'session', 'light');
  await screenshot(page, 'session', 'dark');

  await page.getByRole('link', { name: 'Grid' }).click();
  const cells = page.getByTestId('grid-cell');
  await expect(cells).toHaveCount(6);
  await expect.poll(() => liveTerminals(page)).toBe(6);
  for (const id of await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id') ?? ''))) {
    await expectTerminalLine(page, id, 'waiting for input');
  }
  await screenshot(page, 'sessions-grid', 'light');
  await screenshot(page, 'sessions-grid', 'dark');

  // Leaving the grid disposes every terminal in it.
  await page.getByRole('link', { name: 'All sessions' }).click();
  await expect(page.getByTestId('session-row')).toHaveCount(names.length);
  expect(await liveTerminals(page)).toBe(0);
});

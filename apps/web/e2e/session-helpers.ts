import type { Page } from '@playwright/test';
import type { MaestroServer } from './harness/processes';
import { expect } from './harness/fixtures';

interface Probe {
  text(): string[];
  caughtUp(): boolean;
  bytesWritten(): number;
  renderer(): string;
}

/** The lines of a mounted terminal's buffer (through the dashboard's test hook: WebGL draws text on a canvas). */
export async function terminalLines(page: Page, sessionId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const registry = (window as unknown as { __maestroTerminals?: Record<string, Probe> }).__maestroTerminals;
    return registry?.[id]?.text() ?? [];
  }, sessionId);
}

/** How many xterm instances the page holds right now. */
export async function liveTerminals(page: Page): Promise<number> {
  return page.locator('.xterm').count();
}

/** Waits until the terminal of `sessionId` shows a line containing `text`. */
export async function expectTerminalLine(page: Page, sessionId: string, text: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await terminalLines(page, sessionId)).some((l) => (typeof text === 'string' ? l.includes(text) : text.test(l))), { timeout: 30_000 })
    .toBe(true);
}

/** The session id in a session page's URL. */
export function sessionIdFromUrl(page: Page): string {
  const match = /\/sessions\/(ses_[0-9a-z]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not a session page: ${page.url()}`);
  return match[1];
}

export async function newTask(server: MaestroServer, projectId: string, title: string): Promise<string> {
  const task = await server.client.trpc.task.create.mutate({ projectId, title });
  return task.id;
}

/** Spawns a custom-command session through the API (the UI path has its own test). */
export async function spawnShell(server: MaestroServer, taskId: string, command: string, name?: string): Promise<string> {
  const session = await server.client.trpc.session.spawn.mutate({ taskIds: [taskId], agent: 'custom', command, ...(name ? { name } : {}) });
  return session.id;
}

export async function waitForStatus(server: MaestroServer, sessionId: string, statuses: string[]): Promise<void> {
  await expect
    .poll(async () => (await server.client.trpc.session.get.query({ id: sessionId })).status, { timeout: 60_000 })
    .toMatch(new RegExp(`^(${statuses.join('|')})$`));
}

/** A shell command that prints an agent-like, colourful log and then stays alive (for screenshots). */
export function colourfulAgent(label: string): string {
  const lines = [
    `\\033[1;35m● maestro worker\\033[0m  \\033[2m${label}\\033[0m`,
    `\\033[32m✔\\033[0m Read the task and its 3 subtasks`,
    `\\033[32m✔\\033[0m maestro task start \\033[36m--json\\033[0m`,
    `\\033[1;34m❯\\033[0m npm test -- --filter api`,
    ...Array.from({ length: 6 }, (_, i) => ` \\033[42;30m PASS \\033[0m src/routers/module-${i + 1}.test.ts \\033[2m(${12 + i * 7} ms)\\033[0m`),
    ` \\033[41;97m FAIL \\033[0m src/routers/session.test.ts \\033[2m› resize keeps the controller\\033[0m`,
    `   \\033[31mExpected\\033[0m 120  \\033[32mReceived\\033[0m 96`,
    `\\033[33m⚠\\033[0m 2 tests skipped · \\033[1m47 passed\\033[0m, \\033[31m1 failed\\033[0m`,
    `\\033[1;34m❯\\033[0m editing \\033[4mpackages/api/src/services/sessions/resize.ts\\033[0m`,
    `\\033[36m…\\033[0m waiting for input`,
  ];
  return `${lines.map((l) => `printf '${l}\\n'`).join('; ')}; sleep 600`;
}

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Project } from '@maestro/schemas';
import { SCREENSHOT_DIR } from './paths';
import { startMaestro, type MaestroServer } from './processes';

interface WorkerFixtures {
  /** One server per worker, shared by the tests of a file that do not break it. */
  maestro: MaestroServer;
}

interface TestFixtures {
  /** A fresh project on the shared server (its working directory a temp folder). */
  project: Project;
  /** The page, signed in through the printed URL. */
  signedIn: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  maestro: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startMaestro();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  project: async ({ maestro }, use, info) => {
    const project = await maestro.client.trpc.project.create.mutate({
      name: `${info.title.slice(0, 60)} ${Date.now() % 100_000}`,
      workingDir: mkdtempSync(join(tmpdir(), 'maestro-e2e-project-')),
    });
    await use(project);
  },
  signedIn: async ({ page, maestro }, use) => {
    await signIn(page, maestro);
    await use(page);
  },
});

export { expect };

/** Opens the printed URL: the server swaps the token for an HttpOnly cookie and drops it from the address bar. */
export async function signIn(page: Page, server: MaestroServer): Promise<void> {
  await page.goto(server.signInUrl);
  await expect(page).not.toHaveURL(/token=/);
}

/** Saves a screenshot where CI keeps it (see SCREENSHOT_DIR), in the given colour scheme. */
export async function screenshot(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.emulateMedia({ colorScheme: scheme });
  // Switching the scheme starts colour transitions (cards have transition-colors): finish them, or the shot catches them halfway.
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: false, animations: 'disabled' });
}

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe: no serious or critical violation on the projects page, the overview and the shell (header, palette, offline panel), light and dark', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  // Eight full axe runs; each takes many seconds on this shared 2-core machine.
  test.setTimeout(300_000);
  await maestro.client.trpc.task.create.mutate({ projectId: project.id, title: 'Something to list' });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${maestro.url}/`);
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    expect(await seriousViolations(page), `projects page, ${scheme}`).toEqual([]);

    await page.goto(`${maestro.url}/p/${project.id}/overview`);
    await expect(page.getByTestId('overview-total')).toHaveAttribute('data-count', '1');
    expect(await seriousViolations(page), `overview, ${scheme}`).toEqual([]);

    await page.getByTestId('connection-badge').click();
    await expect(page.getByTestId('offline-panel')).toBeVisible();
    expect(await seriousViolations(page, 'header'), `header with the offline panel, ${scheme}`).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('offline-panel')).toBeHidden();
    await expect(page.getByTestId('connection-badge')).toBeFocused();

    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette')).toBeVisible();
    expect(await seriousViolations(page), `palette, ${scheme}`).toEqual([]);
    await page.keyboard.press('Escape');
  }
});

test('the shell is keyboard-reachable: skip link, navigation, palette, connection badge, sign-out in tab order', async ({
  signedIn: page,
  maestro,
  project,
}) => {
  await page.goto(`${maestro.url}/p/${project.id}/overview`);
  await expect(page.getByTestId('overview-total')).toBeVisible();
  const reached: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.getAttribute('data-testid') ?? el?.textContent?.trim() ?? '';
      }),
    );
  }
  expect(reached[0]).toBe('Skip to content');
  for (const stop of ['Overview', 'Board', 'Sessions', 'palette-open', 'connection-badge', 'Sign out']) expect(reached).toContain(stop);
});

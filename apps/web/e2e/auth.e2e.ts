import WebSocket from 'ws';
import { expect, signIn, test } from './harness/fixtures';

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

test('the printed URL signs in: the token leaves the address bar and lives only in an HttpOnly cookie', async ({ page, context, maestro }) => {
  await signIn(page, maestro);
  expect(page.url()).toBe(`${maestro.url}/`);
  const cookies = await context.cookies();
  const cookie = cookies.find((c) => c.name === 'maestro_token');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain(maestro.token);
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
});

test('without the cookie every page is the sign-in form; a wrong token says so; the right one gets in', async ({ page, maestro }) => {
  await page.goto(`${maestro.url}/p/prj_0123456789`);
  await expect(page.getByRole('heading', { name: 'Sign in to Maestro' })).toBeVisible();
  await expect(page.getByText(maestro.dataDir)).toBeVisible();

  await page.goto(`${maestro.url}/?token=not-the-token`);
  await expect(page).not.toHaveURL(/not-the-token/);
  await expect(page.locator('#signin-error')).toContainText('not valid');

  await page.getByLabel('Token').fill(maestro.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
});

test('sign-out clears the cookie', async ({ page, context, maestro }) => {
  await signIn(page, maestro);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Maestro' })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'maestro_token')).toBeUndefined();
});

test('a WebSocket from another origin is refused even with the cookie; the same origin is let in', async ({ maestro }) => {
  const wsUrl = `${maestro.url.replace('http', 'ws')}/trpc`;
  const cookie = `maestro_token=${encodeURIComponent(maestro.token)}`;
  expect(await upgradeStatus(wsUrl, { origin: 'http://evil.example', cookie })).toBe(403);
  expect(await upgradeStatus(wsUrl, { origin: 'http://127.0.0.1:1', cookie })).toBe(403);
  expect(await upgradeStatus(wsUrl, { origin: maestro.url })).toBe(401);
  expect(await upgradeStatus(wsUrl, { origin: maestro.url, cookie })).toBe('open');
});

test('an HTTP call carrying the cookie from another origin is refused', async ({ maestro }) => {
  const res = await fetch(`${maestro.url}/trpc/project.list`, {
    headers: { origin: 'http://localhost:3000', cookie: `maestro_token=${encodeURIComponent(maestro.token)}` },
  });
  expect(res.status).toBe(401);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { waitForServer, waitForTokenFile } from './wait.js';

describe('waitForTokenFile', () => {
  test('returns at once, saying nothing, when the token file is there', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'maestro-wait-')), 'token');
    writeFileSync(file, 'mst_x\n');
    const said: string[] = [];
    await waitForTokenFile(file, (m) => said.push(m));
    expect(said).toEqual([]);
  });

  test('says once what it waits for, and returns when the server writes the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'maestro-wait-')), 'token');
    const said: string[] = [];
    let done = false;
    const waiting = waitForTokenFile(file, (m) => said.push(m)).then(() => (done = true));
    while (said.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    writeFileSync(file, 'mst_x\n');
    await waiting;
    expect(said).toEqual([`waiting for the server to create its token at ${file} (set MAESTRO_TOKEN to use another server's token)`]);
  });

  test('gives up waiting when stopped (a signal before the file exists)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'maestro-wait-')), 'never');
    const stop = new AbortController();
    const waiting = waitForTokenFile(file, () => {}, stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('waitForServer', () => {
  test('gives up waiting when stopped, having said once what it waits for', async () => {
    // Port 9 on loopback: nothing listens there (discard), so every attempt is refused.
    const said: string[] = [];
    const stop = new AbortController();
    const waiting = waitForServer('http://127.0.0.1:9', (m) => said.push(m), stop.signal);
    while (said.length === 0) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    await waiting;
    expect(said).toEqual(['waiting for the server at http://127.0.0.1:9; start it with npm start or npm run dev']);
  });
});

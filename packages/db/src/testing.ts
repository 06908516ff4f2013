import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from './client.js';

/**
 * A real, migrated, throwaway database for one test file: a fresh database on
 * the server named by DATABASE_URL when set, otherwise an in-memory PGlite.
 * `close()` drops what it created.
 */
export async function createTestDb(options: { url?: string | undefined } = {}): Promise<DbHandle & { url: string | null }> {
  const baseUrl = options.url ?? process.env.DATABASE_URL;
  if (!baseUrl) {
    const handle = createDb();
    await handle.migrate();
    return { ...handle, url: null };
  }
  const name = `maestro_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = createDb({ url: url.toString(), max: 40 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

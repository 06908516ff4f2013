import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import postgres from 'postgres';
import { describe, expect, test } from 'vitest';

/**
 * postgres.js 3.4.9 wrote a transaction's next statement (or its ROLLBACK) to
 * a connection PostgreSQL had already closed: an uncatchable TypeError from a
 * setImmediate ended the process. scripts/patch-postgres.mjs (npm postinstall)
 * fixes it; these fail when an install skipped or outgrew the patch.
 */

test('the installed postgres.js carries the closed-connection patch (npm postinstall: scripts/patch-postgres.mjs)', () => {
  const entry = createRequire(import.meta.url).resolve('postgres');
  const connection = readFileSync(entry.replace(/index\.js$/, 'connection.js'), 'utf8');
  expect(connection).toContain('maestro: closed-connection patch');
});

describe.runIf(Boolean(process.env.DATABASE_URL))('a connection PostgreSQL ends inside a transaction', () => {
  test('the transaction fails with CONNECTION_CLOSED, the process lives, and the pool connects again', async () => {
    const url = process.env.DATABASE_URL!;
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const tx = sql.begin(async (t) => {
        const [row] = await t<{ pid: number }[]>`select pg_backend_pid() as pid`;
        // As idle_in_transaction_session_timeout does to a paused server's transaction.
        await admin`select pg_terminate_backend(${row!.pid})`;
        await new Promise((r) => setTimeout(r, 200));
        await t`select 1`;
      });
      await expect(tx).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      // The crash came from a setImmediate after the rejection: give it the chance.
      await new Promise((r) => setTimeout(r, 300));
      const [again] = await sql<{ one: number }[]>`select 1 as one`;
      expect(again!.one).toBe(1);
    } finally {
      await sql.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
    }
  });
});

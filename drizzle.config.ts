import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes SQL migrations that the server applies at start. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/index.ts',
  out: './packages/db/drizzle',
  casing: 'snake_case',
});

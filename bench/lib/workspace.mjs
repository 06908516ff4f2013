/**
 * Workspace packages are TypeScript sources: register tsx before importing
 * them, so a bench runs as plain `node bench/<name>.bench.mjs` (and still works
 * under `node --import tsx`).
 */
import { register } from 'tsx/esm/api';

if (!process.execArgv.some((arg) => /(^|[=/\s])tsx\b/.test(arg))) register();

export const api = await import('@maestro/api');
export const db = await import('@maestro/db');
export const client = await import('@maestro/client/node');
export const serverTesting = await import('@maestro/server/testing');

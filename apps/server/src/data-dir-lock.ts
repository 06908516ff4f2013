import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Embedded PGlite is one process's database: a second server on the same data
 * directory would corrupt it. Refuse clearly instead; a stale lock from a
 * crashed server is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  // The directory may not exist yet whatever the token source (MAESTRO_TOKEN set skips the token file).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new Error(
          `Another Maestro server (pid ${pid}) is using ${dataDir}. Stop it, or set MAESTRO_DATA_DIR to another directory (or DATABASE_URL to share a Postgres).`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

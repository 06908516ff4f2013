/**
 * Preload that CPU-profiles a process which cannot take `--cpu-prof` (it is
 * refused in NODE_OPTIONS): `NODE_OPTIONS="--import <this file>"` with
 * BENCH_CPU_PROFILE_DIR set. The profile is written when the process exits;
 * open it in Chrome DevTools or summarise it by self time.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // A same-thread inspector session answers synchronously, so this works inside 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

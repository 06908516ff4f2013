import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * CPU time from /proc, so a benchmark can report milliseconds of CPU per
 * operation: on a two-core machine throughput says little once both cores are
 * busy, CPU per operation still shows what each change costs.
 */

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), fields: text.slice(text.lastIndexOf(')') + 2).split(' ') };
  } catch {
    return null; // exited
  }
}

/** utime + stime of one process, and cutime + cstime (its reaped children), in ms. */
function processCpu(pid) {
  const stat = statFields(pid);
  if (!stat) return null;
  // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(stat.fields[i]));
  const ms = (ticks) => (ticks * 1000) / TICKS_PER_SECOND;
  return { comm: stat.comm, ppid: Number(stat.fields[1]), self: ms(utime + stime), children: ms(cutime + cstime) };
}

/** CPU ms used so far by one process (0 once it is gone). */
export function pidCpuMs(pid) {
  return processCpu(pid)?.self ?? 0;
}

/**
 * CPU ms used so far by the local PostgreSQL: every live `postgres` process,
 * plus what the postmaster has reaped from backends that already exited.
 */
export function postgresCpuMs() {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cpu = processCpu(Number(name));
    if (!cpu || cpu.comm !== 'postgres') continue;
    total += cpu.self;
    // The postmaster's parent is not postgres; only it reaps backends.
    if (processCpu(cpu.ppid)?.comm !== 'postgres') total += cpu.children;
  }
  return total;
}

/** Starts a CPU meter over the given sources; `stop()` returns ms spent per source since the start. */
export function cpuMeter(sources) {
  const start = Object.fromEntries(Object.entries(sources).map(([k, read]) => [k, read()]));
  return {
    stop: () => Object.fromEntries(Object.entries(sources).map(([k, read]) => [k, read() - start[k]])),
  };
}

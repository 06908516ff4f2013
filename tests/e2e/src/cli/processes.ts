import { readdirSync, readFileSync } from 'node:fs';

/** `[pid, ppid, state]` of every process, from /proc (Linux). */
function table(): { pid: number; ppid: number; state: string; cmdline: string }[] {
  const rows = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      rows.push({ pid: Number(name), ppid: Number(fields[1]), state: fields[0] ?? '?', cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return rows;
}

/** Every process below `pid`, whose command line matches `pattern`. */
export function descendants(pid: number, pattern: RegExp): number[] {
  const all = table();
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const p of all.filter((r) => r.ppid === parent)) {
      if (pattern.test(p.cmdline)) found.push(p.pid);
      walk(p.pid);
    }
  };
  walk(pid);
  return found;
}

/** Running (not exited, not a zombie left for a parent that never reaps it). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

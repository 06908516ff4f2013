import type { RunnerInfo } from '@maestro/schemas';
import { table, type Paint } from './output.js';

/** `12 s ago`, `4 min ago`, `2 h ago`, `3 d ago`. */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/**
 * The connected runners (name, host, last heartbeat, live sessions), or what
 * to do when none is: a spawn waits until one connects.
 */
export function runnersText(runners: RunnerInfo[], paint: Paint): string {
  const live = runners.filter((r) => r.live);
  const gone = runners.length - live.length;
  const lines = [paint('bold', `Runners (${live.length} connected)`)];
  if (live.length === 0) {
    lines.push(paint('yellow', 'No runner connected: spawned sessions wait until one is. `npm start` runs one; `maestro runner` starts more.'));
  } else {
    lines.push(
      table(
        ['NAME', 'HOST', 'HEARTBEAT', 'SESSIONS', 'ID'],
        live.map((r) => [r.name, r.hostname, ago(r.lastHeartbeatAt), String(r.sessions), r.id]),
        paint,
      ),
    );
  }
  if (gone > 0) lines.push(paint('dim', `${gone} more no longer connected.`));
  return lines.join('\n');
}

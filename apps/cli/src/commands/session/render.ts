import type { Session } from '@maestro/schemas';
import { keyValues, table, type Paint } from '../../output.js';

const STYLE: Record<Session['status'], Parameters<Paint>[0]> = {
  spawning: 'yellow',
  active: 'cyan',
  completed: 'green',
  failed: 'red',
  stopped: 'dim',
  lost: 'red',
};

export const sessionStatus = (paint: Paint, s: Session['status']) => paint(STYLE[s], s);

export function sessionTable(sessions: Session[], paint: Paint): string {
  if (sessions.length === 0) return 'No sessions.';
  return table(
    ['ID', 'STATUS', 'AGENT', 'ROLE', 'TASKS', 'NAME'],
    sessions.map((s) => [s.id, sessionStatus(paint, s.status), s.agent, s.role, s.taskIds.join(','), s.name]),
    paint,
  );
}

export function sessionSummary(s: Session, paint: Paint): string {
  const pairs: [string, string][] = [
    ['id', s.id],
    ['status', sessionStatus(paint, s.status)],
    ['name', s.name],
    ['agent', s.command ? `${s.agent}: ${s.command}` : s.agent],
    ['role', `${s.role}${s.skill ? ` (skill ${s.skill})` : ''}`],
    ['tasks', s.taskIds.join(', ')],
  ];
  if (s.workingDir) pairs.push(['directory', s.workingDir]);
  if (s.branch) pairs.push(['branch', s.branch]);
  if (s.pid !== null) pairs.push(['pid', String(s.pid)]);
  if (s.exitCode !== null || s.signal) pairs.push(['exit', s.signal ?? String(s.exitCode)]);
  if (s.error) pairs.push(['error', paint('red', s.error)]);
  return keyValues(pairs, paint);
}

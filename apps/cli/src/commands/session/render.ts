import type { Session } from '@maestro/schemas';
import { attentionText } from '../../attention-text.js';
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

/** The status as a person reads it: a live session whose stop was asked for is `stopping`. */
function shownStatus(paint: Paint, s: Session): string {
  return s.stopRequestedAt && (s.status === 'active' || s.status === 'spawning') ? paint('yellow', 'stopping') : sessionStatus(paint, s.status);
}

export function sessionTable(sessions: Session[], paint: Paint): string {
  if (sessions.length === 0) return 'No sessions.';
  return table(
    ['ID', 'STATUS', 'AGENT', 'ROLE', 'TASKS', 'NAME'],
    sessions.map((s) => [s.id, shownStatus(paint, s), s.agent, s.role, s.taskIds.join(','), s.name]),
    paint,
  );
}

export function sessionSummary(s: Session, paint: Paint): string {
  const pairs: [string, string][] = [
    ['id', s.id],
    ['status', shownStatus(paint, s)],
    ['attention', attentionText(s.attention, paint)],
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

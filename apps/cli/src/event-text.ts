import type { RouterOutputs } from '@maestro/client';
import type { Session } from '@maestro/schemas';
import { table, truncate, type Paint } from './output.js';

/** An event as it arrives over the wire. */
export type WireEvent = RouterOutputs['events']['list']['items'][number];

/** Longest free text (a reason, an error, a comment) shown on one event line. */
const TEXT_MAX = 160;

const json = (value: unknown) => truncate(JSON.stringify(value) ?? 'null', 60);

function changesText(changes: Record<string, { from?: unknown; to?: unknown }>): string {
  return Object.entries(changes)
    .map(([field, c]) => `${field} ${json(c.from)} → ${json(c.to)}`)
    .join(', ');
}

/** `subject: detail`, without a dangling colon when there is no detail. */
const said = (subject: string, detail: string) => (detail ? `${subject}: ${detail}` : subject);

/** Who did it, in words: a person (`user`), `system` (sweeps), a runner or an agent's session. */
export function actorText(actor: string): string {
  if (actor.startsWith('ses_')) return `session ${actor}`;
  if (actor.startsWith('run_')) return `runner ${actor}`;
  return actor;
}

function sessionUpdate(session: Session, changes: Record<string, { from?: unknown; to?: unknown }>, reason: string | undefined): string {
  const id = session.id;
  const status = changes.status;
  if (status) {
    if (session.status === 'active') return `${id} active${session.pid === null ? '' : ` (pid ${session.pid})`}`;
    if (session.status === 'completed') return `${id} completed (exit ${session.exitCode ?? 0})`;
    const how = session.error ?? (session.signal ? `signal ${session.signal}` : session.exitCode !== null ? `exit ${session.exitCode}` : '');
    return said(`${id} ${String(status.from)} → ${session.status}`, truncate(how, TEXT_MAX));
  }
  if (changes.runnerId) return `${id} claimed by runner ${session.runnerId ?? '?'}`;
  if (changes.stopRequestedAt) return `${id} stop requested`;
  if (changes.cols || changes.rows) return `${id} resized to ${session.cols}x${session.rows}`;
  const fields = Object.keys(changes);
  return said(`${id} updated`, fields.length > 0 ? fields.join(', ') : truncate(reason ?? '', TEXT_MAX));
}

/** What happened, in one short line of plain text (never a raw payload). */
export function eventText(event: WireEvent): string {
  switch (event.type) {
    case 'task:created':
      return `${event.payload.task.id} "${event.payload.task.title}"`;
    case 'task:updated': {
      const p = event.payload;
      // The reason is said once: not again as the blockedReason change it caused.
      const changes = p.reason ? Object.fromEntries(Object.entries(p.changes).filter(([field]) => field !== 'blockedReason')) : p.changes;
      const reason = p.reason ? ` (${truncate(p.reason, TEXT_MAX)})` : '';
      return `${said(`${p.task.id} ${p.action}`, changesText(changes))}${reason}`;
    }
    case 'task:deleted':
      return `${event.payload.taskId} "${event.payload.title}"`;
    case 'task:commented':
      return said(event.payload.taskId, truncate(event.payload.body.replace(/\s+/g, ' '), TEXT_MAX));
    case 'task:dependency_added':
    case 'task:dependency_removed':
      return `${event.payload.taskId} → ${event.payload.dependsOnId}`;
    case 'subtask:created':
      return `${event.payload.subtask.id} "${event.payload.subtask.title}" under ${event.payload.subtask.parentId ?? '?'}`;
    case 'subtask:updated':
      return said(event.payload.subtask.id, changesText(event.payload.changes));
    case 'subtask:deleted':
      return `${event.payload.subtaskId} "${event.payload.title}"`;
    case 'project:created':
      return `${event.payload.project.id} "${event.payload.project.name}"`;
    case 'project:updated':
      return said(event.payload.project.id, changesText(event.payload.changes));
    case 'project:deleted':
      return `${event.payload.projectId} "${event.payload.name}"`;
    case 'session:spawn_requested': {
      const s = event.payload.session;
      const what = s.command ? `${s.agent}: ${truncate(s.command, 60)}` : s.agent;
      return `${s.id} ${s.role} on ${s.taskIds.join(', ')} (${what})`;
    }
    case 'session:updated':
      return sessionUpdate(event.payload.session, event.payload.changes, event.payload.reason);
    case 'session:attention': {
      const a = event.payload.session.attention;
      const before = event.payload.previous;
      // Opening a live session records that it was seen without changing what it needs.
      if (!a || (before && before.state === a.state && before.since === a.since)) return `${event.payload.session.id} seen`;
      const message = a.message ? `: ${truncate(a.message, TEXT_MAX)}` : '';
      return `${event.payload.session.id} ${before?.state ?? 'none'} → ${a.state} (${a.source})${message}`;
    }
    case 'session:output':
      return `${event.payload.sessionId} wrote ${event.payload.bytes} bytes`;
    default: {
      const e = event as { sessionId: string | null; taskId: string | null; projectId: string };
      return e.sessionId ?? e.taskId ?? e.projectId;
    }
  }
}

/** One event as one line: time, id, type, what happened, who did it. */
export function eventLine(event: WireEvent, paint: Paint): string {
  const time = event.createdAt.slice(11, 19);
  const head = `${paint('dim', time)}  ${paint('dim', `#${event.id}`)}  ${paint('cyan', event.type)}`;
  return `${head}  ${eventText(event)}  ${paint('dim', `by ${actorText(event.actor)}`)}`;
}

/** Events as aligned columns (a task's timeline). */
export function eventTable(events: WireEvent[], paint: Paint): string {
  return table(
    ['TIME', 'EVENT', 'TYPE', 'WHAT', 'BY'],
    events.map((e) => [e.createdAt.slice(0, 19).replace('T', ' '), `#${e.id}`, paint('cyan', e.type), eventText(e), actorText(e.actor)]),
    paint,
  );
}

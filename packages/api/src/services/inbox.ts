import { attentionOf, inboxBlockedTasks, inboxSessions, type Queryable } from '@maestro/db';
import { INBOX_KINDS, type InboxItem, type InboxKind, type InboxListOutput } from '@maestro/schemas';
import { eventHead } from './events.js';

const RANK = Object.fromEntries(INBOX_KINDS.map((k, i) => [k, i])) as Record<InboxKind, number>;

/** Within a kind: the longest wait first for questions; the newest first for everything else. */
function compare(a: InboxItem, b: InboxItem): number {
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  const byTime = a.kind === 'needs_input' ? a.since.localeCompare(b.since) : b.since.localeCompare(a.since);
  if (byTime !== 0) return byTime;
  return (a.sessionId ?? a.taskId ?? '').localeCompare(b.sessionId ?? b.taskId ?? '');
}

async function sessionItems(db: Queryable, projectId: string | undefined): Promise<InboxItem[]> {
  const rows = await inboxSessions(db, { projectId });
  return rows.flatMap(({ session: s, projectName }) => {
    const a = attentionOf(s);
    if (!a) return [];
    const failed = s.status === 'failed' || s.status === 'lost';
    const kind: InboxKind = a.state === 'needs_input' ? 'needs_input' : failed ? 'failed' : 'finished';
    const since = kind === 'needs_input' ? a.since : (s.endedAt?.toISOString() ?? a.since);
    const detail = kind === 'failed' ? (s.error ?? a.message) : a.message;
    return [{ kind, projectId: s.projectId, projectName, sessionId: s.id, taskId: null, title: s.name, detail, since, source: a.source, status: s.status }];
  });
}

async function taskItems(db: Queryable, projectId: string | undefined): Promise<InboxItem[]> {
  const rows = await inboxBlockedTasks(db, { projectId });
  return rows.map(({ task: t, projectName }) => ({
    kind: 'blocked' as const,
    projectId: t.projectId,
    projectName,
    sessionId: null,
    taskId: t.id,
    title: t.title,
    detail: t.blockedReason,
    since: t.updatedAt.toISOString(),
    source: null,
    status: t.status,
  }));
}

/** What needs a person, across projects (or in one), most urgent first. */
export async function listInbox(db: Queryable, input: { projectId?: string | undefined; limit: number }): Promise<InboxListOutput> {
  const asOfEventId = await eventHead(db, input.projectId);
  const [sessions, tasks] = await Promise.all([sessionItems(db, input.projectId), taskItems(db, input.projectId)]);
  const all = [...sessions, ...tasks].sort(compare);
  const counts = Object.fromEntries(INBOX_KINDS.map((k) => [k, 0])) as Record<InboxKind, number>;
  for (const item of all) counts[item.kind] += 1;
  return { items: all.slice(0, input.limit), counts, total: all.length, asOfEventId };
}

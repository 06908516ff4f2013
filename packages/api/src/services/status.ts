import { attentionCounts, attentionOf, countLiveSessions, countReady, countsBy, listTasks, needsInputSessions, type Queryable } from '@maestro/db';
import { ATTENTION_STATES, TASK_PRIORITIES, TASK_STATUSES, type StatusOutput } from '@maestro/schemas';
import { eventHead } from './events.js';
import { requireProject } from './projects.js';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function projectStatus(db: Queryable, projectId: string): Promise<StatusOutput> {
  await requireProject(db, projectId);
  // Before the counts: see eventHead.
  const asOfEventId = await eventHead(db, projectId);
  const [counts, ready, activeSessions, blocked, byAttention, asking] = await Promise.all([
    countsBy(db, { projectId }),
    countReady(db, { projectId }),
    countLiveSessions(db, { projectId }),
    listTasks(db, { projectId, status: ['blocked'], limit: 50, offset: 0 }),
    attentionCounts(db, { projectId }),
    needsInputSessions(db, { projectId }),
  ]);
  const attention = zeros(ATTENTION_STATES);
  for (const c of byAttention) attention[c.state] += c.n;
  const byStatus = zeros(TASK_STATUSES);
  const byPriority = zeros(TASK_PRIORITIES);
  let total = 0;
  for (const c of counts) {
    byStatus[c.status] += c.n;
    byPriority[c.priority] += c.n;
    total += c.n;
  }
  return {
    projectId,
    total,
    byStatus,
    byPriority,
    ready,
    activeSessions,
    attention,
    needsInput: asking.flatMap((s) => {
      const a = attentionOf(s);
      return a ? [{ id: s.id, name: s.name, attention: a }] : [];
    }),
    blocked: blocked.tasks.map((t) => ({ id: t.id, title: t.title, blockedReason: t.blockedReason, assignee: t.assignee })),
    asOfEventId,
  };
}

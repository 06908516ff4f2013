import { z } from 'zod';
import { pageInput, timestamp } from './common.js';
import { INBOX_KINDS } from './enums.js';
import { attentionSource } from './attention.js';
import { projectId, sessionId, taskId } from './ids.js';
import { asOfEventId } from './snapshot.js';

export const inboxKind = z.enum(INBOX_KINDS);

/**
 * One thing that needs a person: a session asking a question (needs_input), a
 * session that failed or was lost and nobody has looked at, a blocked task, or
 * a session that finished unseen.
 */
export const inboxItem = z.object({
  kind: inboxKind,
  projectId,
  projectName: z.string(),
  sessionId: sessionId.nullable(),
  taskId: taskId.nullable(),
  /** The session's or the task's name. */
  title: z.string(),
  /** The question, the error, the blocked reason or how the session ended. */
  detail: z.string().nullable(),
  /** Since when it has waited (needs_input), ended (sessions) or been blocked (tasks). */
  since: timestamp,
  /** Where a session's state came from; null for tasks. */
  source: attentionSource.nullable(),
  /** The session's lifecycle status, or the task's status. */
  status: z.string(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxListInput = z.object({
  /** One project; omitted: every project (a session token: its own). */
  projectId: projectId.optional(),
  limit: pageInput.limit,
});

/** Most urgent first: needs_input (longest wait first), failed or lost, blocked tasks, finished unseen (newest first). */
export const inboxListOutput = z.object({
  items: z.array(inboxItem),
  counts: z.object(Object.fromEntries(INBOX_KINDS.map((k) => [k, z.number().int()])) as Record<(typeof INBOX_KINDS)[number], z.ZodNumber>),
  /** Every item across kinds, before `limit`. */
  total: z.number().int(),
  asOfEventId,
});
export type InboxListOutput = z.infer<typeof inboxListOutput>;

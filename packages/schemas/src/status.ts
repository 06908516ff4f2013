import { z } from 'zod';
import { attention } from './attention.js';
import { ATTENTION_STATES, TASK_PRIORITIES, TASK_STATUSES } from './enums.js';
import { projectId, sessionId } from './ids.js';
import { asOfEventId } from './snapshot.js';
import { task } from './task.js';

export const statusInput = z.object({ projectId });

function countsOf<const T extends readonly string[]>(keys: T) {
  return z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);
}

export const statusOutput = z.object({
  projectId,
  total: z.number().int(),
  byStatus: countsOf(TASK_STATUSES),
  byPriority: countsOf(TASK_PRIORITIES),
  ready: z.number().int(),
  activeSessions: z.number().int(),
  /** Sessions by attention state (live ones, and ended ones nobody has seen). */
  attention: countsOf(ATTENTION_STATES),
  /** Sessions asking a question, longest wait first. */
  needsInput: z.array(z.object({ id: sessionId, name: z.string(), attention })),
  blocked: z.array(task.pick({ id: true, title: true, blockedReason: true, assignee: true })),
  asOfEventId,
});
export type StatusOutput = z.infer<typeof statusOutput>;

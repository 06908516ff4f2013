import { z } from 'zod';
import { LIMITS, timestamp } from './common.js';
import { ROLES, SESSION_STATUSES } from './enums.js';
import { projectId, sessionId, taskId } from './ids.js';

export const sessionStatus = z.enum(SESSION_STATUSES);
export const role = z.enum(ROLES);

export const session = z.object({
  id: sessionId,
  projectId,
  name: z.string().max(LIMITS.name),
  role,
  skill: z.string().nullable(),
  agent: z.string().nullable(),
  status: sessionStatus,
  runnerId: z.string().nullable(),
  pid: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
  error: z.string().nullable(),
  parentSessionId: sessionId.nullable(),
  spawnedBy: z.string().nullable(),
  taskIds: z.array(taskId),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  lastHeartbeatAt: timestamp.nullable(),
});
export type Session = z.infer<typeof session>;

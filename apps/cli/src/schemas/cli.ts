import { maestroEvent, project, projectId, sessionId, statusOutput, task, taskId } from '@maestro/schemas';
import { z } from 'zod';
import { configFile } from '../config.js';

/**
 * Shapes of `data` that only the CLI produces. Everything else a command
 * prints is a procedure's output schema from @maestro/schemas, unchanged.
 */
export const whoamiData = z.object({
  inSession: z.boolean(),
  sessionId: sessionId.nullable(),
  projectId: projectId.nullable(),
  taskIds: z.array(taskId),
  role: z.string().nullable(),
  skill: z.string().nullable(),
});
export type WhoamiData = z.infer<typeof whoamiData>;

/** `status`: the server's project summary plus the ready tasks themselves. */
export const statusData = statusOutput.extend({ readyTasks: z.array(task) });
export type StatusData = z.infer<typeof statusData>;

export const configEntry = z.object({ path: z.string(), key: z.string(), value: z.unknown() });
export const configList = z.object({ path: z.string(), values: configFile });
export const configData = z.union([configEntry, configList]);

export const timelineData = z.array(maestroEvent);

export const projectUseData = z.object({ project, path: z.string() });

export const commentData = z.object({ taskId: z.string(), body: z.string() });

import { maestroEvent } from '@maestro/schemas/events';
import { project } from '@maestro/schemas/project';
import { projectId, sessionId, taskId } from '@maestro/schemas/ids';
import { runnerInfo } from '@maestro/schemas/runner';
import { statusOutput } from '@maestro/schemas/status';
import { task } from '@maestro/schemas/task';
import { z } from 'zod';

/**
 * Shapes of `data` that only the CLI produces (`config`'s is in config-data.ts, which loads
 * less). Everything else a command prints is a procedure's output schema from
 * @maestro/schemas, unchanged.
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

/** `status`: the server's project summary plus the ready tasks themselves and every runner it knows (live ones first). */
export const statusData = statusOutput.extend({ readyTasks: z.array(task), runners: z.array(runnerInfo) });
export type StatusData = z.infer<typeof statusData>;

export const timelineData = z.array(maestroEvent);

export const projectUseData = z.object({ project, path: z.string() });

/** `session logs --json`: the whole stored output so far, decoded as UTF-8. */
export const sessionLogsData = z.object({
  sessionId,
  ended: z.boolean(),
  bytes: z.number().int(),
  lastSeq: z.number().int(),
  output: z.string(),
});

/** `session logs --follow --json`: one chunk per line. */
export const outputChunkLine = z.object({ seq: z.number().int(), data: z.string() });

export const cleanupData = z.array(
  z.object({ sessionId: z.string(), dir: z.string(), branch: z.string().nullable(), removed: z.boolean(), kept: z.string().nullable() }),
);

const skillProblem = z.object({ file: z.string(), field: z.string().optional(), message: z.string() }).passthrough();
export const skillListData = z.object({
  skills: z.array(z.object({ name: z.string(), version: z.string(), role: z.string(), source: z.string(), description: z.string(), dir: z.string() })),
  problems: z.array(skillProblem),
});
export const skillShowData = z.object({ manifest: z.record(z.string(), z.unknown()), source: z.string(), dir: z.string(), body: z.string() });
export const skillValidateData = z.object({ dir: z.string(), valid: z.array(z.string()) });
export const promptData = z.object({ role: z.string(), taskIds: z.array(taskId), skills: z.array(z.string()), text: z.string() });

import { z } from 'zod';
import { LIMITS, description, mutationMeta, text, timestamp } from './common.js';
import { projectId } from './ids.js';
import { asOfEventId } from './snapshot.js';

const name = text().trim().min(1, 'must not be empty').max(LIMITS.name);
const workingDir = text()
  .trim()
  .min(1)
  .max(LIMITS.path)
  .refine((p) => p.startsWith('/'), 'must be an absolute path');

export const project = z.object({
  id: projectId,
  name: z.string(),
  description: z.string(),
  workingDir: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Project = z.infer<typeof project>;

export const projectCreateInput = z.object({
  name,
  workingDir,
  description: description.default(''),
  ...mutationMeta,
});

/** Every project (a session token: its own), oldest first. */
export const projectListOutput = z.object({ items: z.array(project), asOfEventId });

export const projectGetInput = z.object({ id: projectId });

export const projectUpdateInput = z.object({
  id: projectId,
  name: name.optional(),
  workingDir: workingDir.optional(),
  description: description.optional(),
  ...mutationMeta,
});

export const projectDeleteInput = z.object({
  id: projectId,
  /** Without it a project that still has tasks is refused. */
  cascade: z.boolean().default(false),
  ...mutationMeta,
});

export const projectDeleteOutput = z.object({ id: projectId, deletedTasks: z.number().int() });

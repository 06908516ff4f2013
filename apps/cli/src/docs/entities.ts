import { apiToken } from '@maestro/schemas/token';
import { attention } from '@maestro/schemas/attention';
import { inboxItem } from '@maestro/schemas/inbox';
import { maestroEvent } from '@maestro/schemas/events';
import { outputChunk, session } from '@maestro/schemas/session';
import { project } from '@maestro/schemas/project';
import { runnerInfo } from '@maestro/schemas/runner';
import { task, taskDetail, taskTreeNode } from '@maestro/schemas/task';
import type { z } from 'zod';
import { slug } from './markdown.js';
import type { NamedSchema } from './schema-text.js';

/** The shapes docs/api.md describes once, in its "Entities" section, and every other table links to. */
export const ENTITIES: readonly { name: string; schema: z.ZodType; about: string }[] = [
  { name: 'Project', schema: project, about: 'A project: a working directory agents run in.' },
  { name: 'Task', schema: task, about: 'A task or subtask (a subtask is a task with `parentId`).' },
  { name: 'TaskDetail', schema: taskDetail, about: 'A task with its subtasks, dependencies, dependents and whether it is ready.' },
  { name: 'TaskTreeNode', schema: taskTreeNode, about: 'A task with its subtasks as `children`, recursively.' },
  { name: 'Session', schema: session, about: 'An agent in a terminal, hosted by a runner.' },
  { name: 'Attention', schema: attention, about: 'What a session needs from a person, and who said so.' },
  { name: 'OutputChunk', schema: outputChunk, about: 'Up to 64 KiB of terminal output, base64; `seq` counts chunks from 0.' },
  { name: 'RunnerInfo', schema: runnerInfo, about: 'A runner (a session host) as `runner.list` shows it.' },
  { name: 'ApiToken', schema: apiToken, about: 'A named token as listed: never its secret.' },
  { name: 'InboxItem', schema: inboxItem, about: 'One thing that needs a person, as the inbox lists it.' },
  { name: 'MaestroEvent', schema: maestroEvent, about: 'Any event: see the event catalogue.' },
];

/** The entities as link targets, from a document at `base` (`''` for api.md itself, `'api.md'` beside it). */
export function namedEntities(base: string): NamedSchema[] {
  return ENTITIES.map(({ name, schema }) => ({
    name,
    schema,
    href: name === 'MaestroEvent' ? `${base}#event-catalogue` : `${base}#${slug(name)}`,
  }));
}

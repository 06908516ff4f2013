import { apiToken, tokenCreateOutput, tokenListOutput } from '@maestro/schemas/token';
import { inboxListOutput } from '@maestro/schemas/inbox';
import { maestroEvent } from '@maestro/schemas/events';
import { project } from '@maestro/schemas/project';
import { session, sessionListOutput } from '@maestro/schemas/session';
import { task, taskCommentOutput, taskDeleteOutput, taskDependencyOutput, taskDetail, taskListOutput, taskTreeNodes } from '@maestro/schemas/task';
import { z } from 'zod';
import {
  cleanupData,
  configData,
  outputChunkLine,
  projectUseData,
  promptData,
  sessionLogsData,
  skillListData,
  skillShowData,
  skillValidateData,
  statusData,
  timelineData,
  whoamiData,
} from './cli.js';

/**
 * The published contract: for each command, the schema of `data` in its
 * `--json` output (`watch` prints one event per line instead). The JSON
 * Schemas in apps/cli/schemas/ are generated from this table.
 */
export const COMMAND_DATA = {
  status: statusData,
  whoami: whoamiData,
  config: configData,
  watch: maestroEvent,
  'project create': project,
  'project list': z.array(project),
  'project get': project,
  'project use': projectUseData,
  'task create': task,
  'task list': taskListOutput,
  'task get': taskDetail,
  'task update': task,
  'task start': task,
  'task complete': task,
  'task block': task,
  'task unblock': task,
  'task claim': task,
  'task ready': taskListOutput,
  'task tree': taskTreeNodes,
  'task timeline': timelineData,
  'task comment': taskCommentOutput,
  'task deps add': taskDependencyOutput,
  'task deps remove': taskDependencyOutput,
  'task delete': taskDeleteOutput,
  'subtask create': task,
  'subtask list': z.array(task),
  'subtask update': task,
  'subtask complete': task,
  'subtask delete': taskDeleteOutput,
} as const satisfies Record<string, z.ZodType>;

/** Sessions, skills and prompts: exercised against a server with a real runner (tests/e2e/src/cli/session.test.ts). */
export const SESSION_COMMAND_DATA = {
  'session spawn': session,
  'session list': sessionListOutput,
  'session get': session,
  'session stop': session,
  'session logs': sessionLogsData,
  'session logs --follow': outputChunkLine,
  'session cleanup': cleanupData,
  'skill list': skillListData,
  'skill show': skillShowData,
  'skill validate': skillValidateData,
  prompt: promptData,
} as const satisfies Record<string, z.ZodType>;

/** Attention: signals, answers and the inbox; exercised against a server with a real runner (tests/e2e/src/cli/attention.test.ts). */
export const ATTENTION_COMMAND_DATA = {
  inbox: inboxListOutput,
  'session needs-input': session,
  'session working': session,
  'session idle': session,
  'session send': z.object({ delivered: z.boolean(), session }),
} as const satisfies Record<string, z.ZodType>;

/** Named tokens: exercised against a real server (tests/e2e/src/cli/token.test.ts). */
export const TOKEN_COMMAND_DATA = {
  'token create': tokenCreateOutput,
  'token list': tokenListOutput,
  'token revoke': apiToken,
} as const satisfies Record<string, z.ZodType>;

/** Every published command schema. */
export const PUBLISHED_DATA = { ...COMMAND_DATA, ...SESSION_COMMAND_DATA, ...ATTENTION_COMMAND_DATA, ...TOKEN_COMMAND_DATA };

export type CommandName = keyof typeof COMMAND_DATA;

/** File name of a command's schema: `task deps add` → `task-deps-add.json`. */
export const schemaFileName = (command: string) => `${command.replace(/ --/g, '-').replace(/ /g, '-')}.json`;

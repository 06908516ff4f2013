import {
  maestroEvent,
  project,
  task,
  taskDeleteOutput,
  taskDependencyOutput,
  taskDetail,
  taskListOutput,
  taskTreeOutput,
} from '@maestro/schemas';
import { z } from 'zod';
import { commentData, configData, projectUseData, statusData, timelineData, whoamiData } from './cli.js';

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
  'task tree': taskTreeOutput,
  'task timeline': timelineData,
  'task comment': commentData,
  'task deps add': taskDependencyOutput,
  'task deps remove': taskDependencyOutput,
  'task delete': taskDeleteOutput,
  'subtask create': task,
  'subtask list': z.array(task),
  'subtask update': task,
  'subtask complete': task,
  'subtask delete': taskDeleteOutput,
} as const satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof COMMAND_DATA;

/** File name of a command's schema: `task deps add` → `task-deps-add.json`. */
export const schemaFileName = (command: string) => `${command.replace(/ /g, '-')}.json`;

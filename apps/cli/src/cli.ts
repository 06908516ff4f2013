import { defineCommand } from 'citty';
import pkg from '../package.json' with { type: 'json' };
import { globalArgs } from './args.js';

export const VERSION: string = pkg.version;

/** The root command; every subcommand module is loaded only when it runs (or its help is shown). */
export const root = defineCommand({
  meta: {
    name: 'maestro',
    version: VERSION,
    description: 'Run and track many AI coding agents: projects, tasks, subtasks, sessions and live events',
  },
  args: { ...globalArgs },
  subCommands: {
    status: () => import('./commands/status.js').then((m) => m.default),
    whoami: () => import('./commands/whoami.js').then((m) => m.default),
    project: () => import('./commands/project/index.js').then((m) => m.default),
    task: () => import('./commands/task/index.js').then((m) => m.default),
    subtask: () => import('./commands/subtask/index.js').then((m) => m.default),
    watch: () => import('./commands/watch.js').then((m) => m.default),
    inbox: () => import('./commands/inbox.js').then((m) => m.default),
    config: () => import('./commands/config.js').then((m) => m.default),
    session: () => import('./commands/session/index.js').then((m) => m.default),
    runner: () => import('./commands/runner.js').then((m) => m.default),
    token: () => import('./commands/token/index.js').then((m) => m.default),
    skill: () => import('./commands/skill/index.js').then((m) => m.default),
    prompt: () => import('./commands/prompt.js').then((m) => m.default),
  },
});

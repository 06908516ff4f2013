import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: { name: 'subtask', description: 'Subtasks: child tasks of a task, in order' },
  args: { ...globalArgs },
  subCommands: {
    create: () => import('./create.js').then((m) => m.default),
    list: () => import('./list.js').then((m) => m.default),
    update: () => import('./update.js').then((m) => m.default),
    complete: () => import('./complete.js').then((m) => m.default),
    delete: () => import('./delete.js').then((m) => m.default),
  },
});

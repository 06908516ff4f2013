import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: { name: 'project', description: 'Create, list, inspect and select projects' },
  args: { ...globalArgs },
  subCommands: {
    create: () => import('./create.js').then((m) => m.default),
    list: () => import('./list.js').then((m) => m.default),
    get: () => import('./get.js').then((m) => m.default),
    use: () => import('./use.js').then((m) => m.default),
  },
});

import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: { name: 'token', description: 'Named API tokens with roles, for remote runners, CI and teammates' },
  args: { ...globalArgs },
  subCommands: {
    create: () => import('./create.js').then((m) => m.default),
    list: () => import('./list.js').then((m) => m.default),
    revoke: () => import('./revoke.js').then((m) => m.default),
  },
});

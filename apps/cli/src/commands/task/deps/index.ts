import { defineCommand } from 'citty';
import { globalArgs } from '../../../args.js';

export default defineCommand({
  meta: { name: 'deps', description: 'Add or remove a dependency: <id> waits for <dependsOnId>' },
  args: { ...globalArgs },
  subCommands: {
    add: () => import('./add.js').then((m) => m.default),
    remove: () => import('./remove.js').then((m) => m.default),
  },
});

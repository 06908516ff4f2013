import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: { name: 'session', description: 'Spawn agents in real terminals, follow their output, stop them' },
  args: { ...globalArgs },
  subCommands: {
    spawn: () => import('./spawn.js').then((m) => m.default),
    list: () => import('./list.js').then((m) => m.default),
    get: () => import('./get.js').then((m) => m.default),
    logs: () => import('./logs.js').then((m) => m.default),
    attach: () => import('./attach.js').then((m) => m.default),
    stop: () => import('./stop.js').then((m) => m.default),
    cleanup: () => import('./cleanup.js').then((m) => m.default),
  },
});

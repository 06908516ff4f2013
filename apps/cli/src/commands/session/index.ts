import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: {
    name: 'session',
    description: 'Spawn agents in real terminals, follow their output, answer and stop them; signal what you need (needs-input, working, idle)',
  },
  args: { ...globalArgs },
  subCommands: {
    spawn: () => import('./spawn.js').then((m) => m.default),
    list: () => import('./list.js').then((m) => m.default),
    get: () => import('./get.js').then((m) => m.default),
    logs: () => import('./logs.js').then((m) => m.default),
    attach: () => import('./attach.js').then((m) => m.default),
    stop: () => import('./stop.js').then((m) => m.default),
    send: () => import('./send.js').then((m) => m.default),
    'needs-input': () => import('./needs-input.js').then((m) => m.default),
    working: () => import('./working.js').then((m) => m.default),
    idle: () => import('./idle.js').then((m) => m.default),
    hook: () => import('./hook.js').then((m) => m.default),
    cleanup: () => import('./cleanup.js').then((m) => m.default),
  },
});

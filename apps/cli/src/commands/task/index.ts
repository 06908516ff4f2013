import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: { name: 'task', description: 'Create, find, claim, move and inspect tasks' },
  args: { ...globalArgs },
  subCommands: {
    create: () => import('./create.js').then((m) => m.default),
    list: () => import('./list.js').then((m) => m.default),
    ready: () => import('./ready.js').then((m) => m.default),
    get: () => import('./get.js').then((m) => m.default),
    tree: () => import('./tree.js').then((m) => m.default),
    timeline: () => import('./timeline.js').then((m) => m.default),
    update: () => import('./update.js').then((m) => m.default),
    claim: () => import('./claim.js').then((m) => m.default),
    start: () => import('./start.js').then((m) => m.default),
    complete: () => import('./complete.js').then((m) => m.default),
    block: () => import('./block.js').then((m) => m.default),
    unblock: () => import('./unblock.js').then((m) => m.default),
    comment: () => import('./comment.js').then((m) => m.default),
    deps: () => import('./deps/index.js').then((m) => m.default),
    delete: () => import('./delete.js').then((m) => m.default),
  },
});

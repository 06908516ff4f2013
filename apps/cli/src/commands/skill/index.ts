import { defineCommand } from 'citty';
import { globalArgs } from '../../args.js';

export default defineCommand({
  meta: { name: 'skill', description: 'The skills that turn an agent into a Maestro worker or orchestrator' },
  args: { ...globalArgs },
  subCommands: {
    list: () => import('./list.js').then((m) => m.default),
    show: () => import('./show.js').then((m) => m.default),
    validate: () => import('./validate.js').then((m) => m.default),
  },
});

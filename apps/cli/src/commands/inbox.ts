import { inboxListInput, inboxListOutput } from '@maestro/schemas/inbox';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../args.js';
import { inboxTable } from '../attention-text.js';
import { useRuntime } from '../runtime.js';
import { toInt, validate } from '../validate.js';

export default defineCommand({
  meta: meta(
    'inbox',
    'What needs a person, across projects, most urgent first: sessions asking a question (and for how long), failed or lost sessions, blocked tasks, finished sessions nobody has seen',
    ['maestro inbox', 'maestro inbox --json', 'maestro inbox --project prj_0123456789'],
    { data: inboxListOutput },
  ),
  args: { ...globalArgs, limit: { type: 'string', valueHint: 'n', description: 'At most n items (1-500, default 100)' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    // Across projects unless --project is given: a selected default project does not narrow the inbox.
    const input = validate(inboxListInput, { projectId: args.project, limit: toInt(args.limit) }, { projectId: '--project', limit: '--limit' });
    const inbox = await rt.out.spin('Loading inbox', rt.trpc().inbox.list.query(input));
    rt.out.success(inbox, (d) => {
      const more = d.total > d.items.length ? `\n${rt.out.paint('dim', `… ${d.total - d.items.length} more: --limit`)}` : '';
      const hint =
        d.counts.needs_input > 0 ? `\n${rt.out.paint('dim', 'Answer: maestro session send <id> "<text>"  ·  open: maestro session attach <id>')}` : '';
      return `${inboxTable(d.items, rt.out.paint)}${more}${hint}`;
    });
  },
});

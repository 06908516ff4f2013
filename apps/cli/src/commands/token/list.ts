import { tokenListOutput } from '@maestro/schemas/token';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { tokenTable } from './render.js';

export default defineCommand({
  meta: meta(
    'list',
    'List named tokens: role, when each was last used, whether revoked (never their secrets)',
    ['maestro token list', 'maestro token list --json'],
    { data: tokenListOutput },
  ),
  args: { ...globalArgs },
  async run({ data }) {
    const rt = useRuntime(data);
    const list = await rt.out.spin('Loading tokens', rt.trpc().token.list.query());
    rt.out.success(list, (l) => tokenTable(l.items, rt.out.paint));
  },
});

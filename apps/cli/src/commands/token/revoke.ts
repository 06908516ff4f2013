import { tokenRevokeInput, apiToken } from '@maestro/schemas/token';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { tokenSummary } from './render.js';

export default defineCommand({
  meta: meta(
    'revoke',
    'Revoke a named token at once: new calls and its open connections are refused',
    ['maestro token revoke ci', 'maestro token revoke tok_0123456789 --json'],
    { data: apiToken },
  ),
  args: {
    ...globalArgs,
    token: { type: 'positional', required: true, description: 'The token id (tok_…) or name' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(tokenRevokeInput, { token: args.token }, { token: '<token>' });
    const token = await rt.out.spin('Revoking token', rt.trpc().token.revoke.mutate(input));
    rt.out.success(token, (t) => `${tokenSummary(t, rt.out.paint)}\n\nRevoked: calls with it are refused from now on.`);
  },
});

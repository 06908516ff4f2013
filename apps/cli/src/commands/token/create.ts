import { TOKEN_ROLES } from '@maestro/schemas/enums';
import { tokenCreateInput, tokenCreateOutput } from '@maestro/schemas/token';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { tokenSummary } from './render.js';

export default defineCommand({
  meta: meta(
    'create',
    'Create a named token with a role; its secret is shown once and never stored',
    ['maestro token create --name ci --role member', 'maestro token create --name box2 --role runner --json'],
    { data: tokenCreateOutput },
  ),
  args: {
    ...globalArgs,
    name: { type: 'string', required: true, valueHint: 'name', description: 'A unique name (letters, digits, . _ - @)' },
    role: {
      type: 'string',
      required: true,
      valueHint: TOKEN_ROLES.join('|'),
      description: 'admin: everything; member: tasks and sessions; runner: only a runner; readonly: only reads',
    },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(tokenCreateInput, { name: args.name, role: args.role }, { name: '--name', role: '--role' });
    const created = await rt.out.spin('Creating token', rt.trpc().token.create.mutate(input));
    rt.out.success(
      created,
      (c) =>
        `${tokenSummary(c.token, rt.out.paint)}\n\n${c.secret}\n\n` +
        'This is the only time the secret is shown: store it now (e.g. MAESTRO_TOKEN on the machine that uses it). Revoke it with `maestro token revoke ' +
        `${c.token.name}\`.`,
    );
  },
});

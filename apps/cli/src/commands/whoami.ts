import { defineCommand } from 'citty';
import { globalArgs, meta } from '../args.js';
import { keyValues } from '../output.js';
import { invocationOf } from '../invocation.js';
import type { WhoamiData } from '../schemas/cli.js';

export default defineCommand({
  meta: meta(
    'whoami',
    'Who this process is: the Maestro session it runs in (from its environment), or "not in a session"',
    ['maestro whoami', 'maestro whoami --json'],
    {
      agent: true,
      // Loaded only by the generators: this command loads no zod, and its start-up stays that way.
      data: () => import('../schemas/cli.js').then((m) => m.whoamiData),
    },
  ),
  args: { ...globalArgs },
  run({ data: invocation }) {
    const rt = invocationOf(invocation);
    const { env } = rt;
    const data: WhoamiData = {
      inSession: env.sessionId !== undefined,
      sessionId: env.sessionId ?? null,
      projectId: env.projectId ?? null,
      taskIds: env.taskIds,
      role: env.role ?? null,
      skill: env.skill ?? null,
    };
    rt.out.success(data, (d) => {
      if (!d.inSession) return `not in a session${d.projectId ? ` (project ${d.projectId} from MAESTRO_PROJECT_ID)` : ''}`;
      return keyValues(
        [
          ['session', d.sessionId ?? ''],
          ['project', d.projectId ?? '-'],
          ['tasks', d.taskIds.join(', ') || '-'],
          ['role', d.role ?? '-'],
          ['skill', d.skill ?? '-'],
        ],
        rt.out.paint,
      );
    });
  },
});

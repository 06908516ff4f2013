import { AGENTS, ROLES, sessionSpawnInput, type Session } from '@maestro/schemas';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { namedAgentCommand, readConfig } from '../../config.js';
import { CliError } from '../../errors.js';
import { useRuntime } from '../../runtime.js';
import { splitList, toInt, validate } from '../../validate.js';
import { sessionSummary } from './render.js';

const ENDED = ['completed', 'failed', 'stopped', 'lost'];
/** A command that cannot run (a typo run through the shell) exits at once: watch this long after it starts. */
const SETTLE_MS = 1_500;

async function waitUntilStarted(get: () => Promise<Session>, timeoutMs = 120_000): Promise<Session> {
  const deadline = Date.now() + timeoutMs;
  let activeSince: number | null = null;
  for (;;) {
    const session = await get();
    if (ENDED.includes(session.status)) return session;
    if (session.status === 'active') {
      activeSince ??= Date.now();
      if (Date.now() - activeSince >= SETTLE_MS) return session;
    }
    if (Date.now() > deadline) {
      throw new CliError('SPAWN_FAILED', `Session ${session.id} is still waiting for a runner after ${timeoutMs / 1000} s`, {
        hint: 'Is a runner connected? `npm start` starts one; `maestro runner` starts more.',
        details: { session },
      });
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

export default defineCommand({
  meta: meta('spawn', 'Start an agent on tasks in a real terminal (a runner picks it up); prints the session', [
    'maestro session spawn --task tsk_0123456789',
    'maestro session spawn --task tsk_0123456789 --agent codex --worktree --wait',
    'maestro session spawn --task tsk_0123456789 --agent custom --command "./scripts/agent.sh" --json',
  ]),
  args: {
    ...globalArgs,
    task: { type: 'string', required: true, valueHint: 'id[,id…]', description: 'Task(s) the agent works on; each must exist' },
    name: { type: 'string', valueHint: 'text', description: 'Session name (default: role and task title)' },
    role: { type: 'string', valueHint: ROLES.join('|'), description: 'worker (default) or orchestrator' },
    skill: { type: 'string', valueHint: 'name', description: 'Skill besides maestro-cli (default from the role)' },
    agent: { type: 'string', valueHint: AGENTS.join('|'), description: 'Agent to run (default claude), or a name from the config (agents.<name>.command)' },
    command: { type: 'string', valueHint: 'cmd', description: 'Command line for --agent custom (run through your shell)' },
    worktree: { type: 'boolean', description: 'Run in a new git worktree on branch maestro/<task-slug>-<short-id>' },
    cols: { type: 'string', valueHint: 'n', description: 'Terminal columns (default 120)' },
    rows: { type: 'string', valueHint: 'n', description: 'Terminal rows (default 32)' },
    wait: { type: 'boolean', description: 'Wait until it is running and survived its first moments (exit 0), or failed (exit 6)' },
  },
  async run({ args }) {
    const rt = useRuntime();
    const named = args.agent && !(AGENTS as readonly string[]).includes(args.agent) ? namedAgentCommand(readConfig(rt.env.configPath), args.agent) : null;
    if (args.agent && !(AGENTS as readonly string[]).includes(args.agent) && !named) {
      throw new CliError('VALIDATION', `Unknown agent "${args.agent}"`, {
        hint: `Use one of ${AGENTS.join(', ')}, or name one in the config: maestro config --set agents.${args.agent}.command="<command line>"`,
      });
    }
    const input = validate(
      sessionSpawnInput,
      {
        taskIds: splitList(args.task) ?? [],
        name: args.name,
        role: args.role,
        skill: args.skill,
        agent: named ? 'custom' : args.agent,
        command: named ?? args.command,
        worktree: args.worktree ?? false,
        cols: toInt(args.cols),
        rows: toInt(args.rows),
      },
      { taskIds: '--task', role: '--role', agent: '--agent', command: '--command', cols: '--cols', rows: '--rows', skill: '--skill' },
    );
    const trpc = rt.trpc();
    // Check the tasks first so a typo is "not found" (exit 2), not a half-made session.
    await Promise.all(input.taskIds.map((id) => trpc.task.get.query({ id })));
    let session = await rt.out.spin('Requesting session', trpc.session.spawn.mutate(input));
    if (args.wait) {
      session = await rt.out.spin('Waiting for a runner', waitUntilStarted(() => trpc.session.get.query({ id: session.id })));
      if (session.status !== 'active' && session.status !== 'completed') {
        throw new CliError('SPAWN_FAILED', `Session ${session.id} ${session.status}: ${session.error ?? `exit ${session.exitCode ?? session.signal}`}`, {
          hint: session.error ? undefined : `See its output: maestro session logs ${session.id}`,
          details: { session },
        });
      }
    }
    rt.out.success(session, (s) => (rt.out.json ? '' : `${sessionSummary(s, rt.out.paint)}`));
  },
});

import { AGENTS } from '@maestro/schemas/enums';
import { sessionSpawnInput, session } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { globalArgs, meta } from '../../args.js';
import { AGENT_ROLES, agentRoleArg } from '../../choices.js';
import { useRuntime } from '../../runtime.js';
import { splitList, toInt, validate } from '../../validate.js';
import { sessionSummary } from './render.js';
import { checkSkill, resolveAgent } from './spawn-checks.js';
import { spawnFailure, waitUntilStarted } from './spawn-wait.js';

const NO_RUNNER = 'No runner is connected: the session waits (spawning) until one is. `npm start` runs one; `maestro runner` starts more.';

export default defineCommand({
  meta: meta(
    'spawn',
    'Start an agent on tasks in a real terminal (a runner picks it up); prints the session',
    [
      'maestro session spawn --task tsk_0123456789',
      'maestro session spawn --task tsk_0123456789 --agent codex --worktree --wait',
      'maestro session spawn --task tsk_0123456789 --agent custom --command "./scripts/agent.sh" --json',
    ],
    { agent: true, data: session },
  ),
  args: {
    ...globalArgs,
    task: { type: 'string', required: true, valueHint: 'id[,id…]', description: 'Task(s) the agent works on; each must exist' },
    name: { type: 'string', valueHint: 'text', description: 'Session name (default: role and task title)' },
    role: agentRoleArg,
    skill: { type: 'string', valueHint: 'name', description: 'Skill besides maestro-cli (default from the role); must exist (maestro skill list)' },
    agent: { type: 'string', valueHint: AGENTS.join('|'), description: 'Agent to run (default claude), or a name from the config (agents.<name>.command)' },
    command: { type: 'string', valueHint: 'cmd', description: 'Command line for --agent custom (run through your shell)' },
    worktree: { type: 'boolean', description: 'Run in a new git worktree on branch maestro/<task-slug>-<short-id>' },
    cols: { type: 'string', valueHint: 'n', description: 'Terminal columns (default 120)' },
    rows: { type: 'string', valueHint: 'n', description: 'Terminal rows (default 32)' },
    wait: { type: 'boolean', description: 'Wait (progress on stderr) until it is running and survived its first moments (exit 0), or failed (exit 6)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const agent = resolveAgent(rt.env.configPath, args.agent, args.command);
    const input = validate(
      sessionSpawnInput.extend({ role: z.enum(AGENT_ROLES).default('worker') }),
      {
        taskIds: splitList(args.task) ?? [],
        name: args.name,
        role: args.role,
        skill: args.skill,
        agent: agent.agent,
        command: agent.command,
        worktree: args.worktree ?? false,
        cols: toInt(args.cols),
        rows: toInt(args.rows),
      },
      { taskIds: '--task', role: '--role', agent: '--agent', command: '--command', cols: '--cols', rows: '--rows', skill: '--skill' },
    );
    const trpc = rt.trpc();
    // Everything checkable is checked before anything is written: a typo in a
    // task id is "not found" (exit 2), an unknown skill a refusal, never a
    // session that fails later on a runner.
    const [tasks, runners] = await Promise.all([Promise.all(input.taskIds.map((id) => trpc.task.get.query({ id }))), trpc.runner.list.query()]);
    if (input.skill) await checkSkill(input.skill, (await trpc.project.get.query({ id: tasks[0]!.projectId })).workingDir);
    const noRunner = !runners.items.some((r) => r.live);
    let session = await rt.out.spin('Requesting session', trpc.session.spawn.mutate(input));
    if (noRunner) rt.out.info(`warning: ${NO_RUNNER}`);
    if (args.wait) {
      session = await waitUntilStarted(
        () => trpc.session.get.query({ id: session.id }),
        (line) => rt.out.info(line),
      );
      if (session.status !== 'active' && session.status !== 'completed') throw spawnFailure(session);
    }
    rt.out.success(session, (s) => sessionSummary(s, rt.out.paint));
  },
});

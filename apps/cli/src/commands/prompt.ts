import { composePrompt, formatProblem } from '@maestro/skills';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { globalArgs, meta } from '../args.js';
import { AGENT_ROLES, agentRoleArg } from '../choices.js';
import { useRuntime } from '../runtime.js';
import { promptData } from '../schemas/cli.js';
import { cliSkillSearch } from '../skills-dir.js';
import { splitList, validate } from '../validate.js';

export default defineCommand({
  meta: meta(
    'prompt',
    'Print the first prompt an agent would get for tasks: skills for the role, the tasks, how to report',
    ['maestro prompt --role worker --task tsk_0123456789', 'maestro prompt --role orchestrator --task tsk_0123456789 --json'],
    { data: promptData },
  ),
  args: {
    ...globalArgs,
    role: agentRoleArg,
    task: { type: 'string', valueHint: 'id[,id…]', description: 'Task(s) (default: MAESTRO_TASK_IDS)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { role } = validate(z.object({ role: z.enum(AGENT_ROLES) }), { role: args.role ?? 'worker' }, { role: '--role' });
    const ids = splitList(args.task) ?? (rt.env.taskIds.length ? rt.env.taskIds : [rt.taskId(undefined, '--task')]);
    const trpc = rt.trpc();
    const tasks = await Promise.all(ids.map((id) => trpc.task.get.query({ id })));
    const project = await trpc.project.get.query({ id: tasks[0]!.projectId });
    const composed = await composePrompt({ role, project, tasks, session: null }, { ...cliSkillSearch(), projectDir: project.workingDir });
    for (const p of composed.problems) rt.out.info(`warning: ${formatProblem(p)}`);
    rt.out.success({ role, taskIds: ids, skills: composed.skills.map((s) => s.manifest.name), text: composed.text }, (d) => d.text);
  },
});

import { statusInput } from '@maestro/schemas/status';
import { TASK_PRIORITIES, TASK_STATUSES } from '@maestro/schemas/enums';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../args.js';
import { table } from '../output.js';
import { priority, status, taskTable } from '../render.js';
import { age } from '../attention-text.js';
import { runnersText } from '../runners-text.js';
import { useRuntime, type Runtime } from '../runtime.js';
import type { StatusData } from '../schemas/cli.js';
import { statusData } from '../schemas/cli.js';
import { validate } from '../validate.js';
import { noProjectSelected } from './status-overview.js';

const READY_SHOWN = 20;

export default defineCommand({
  meta: meta(
    'status',
    'Project summary: counts by status and priority, ready tasks, active sessions, blocked tasks and why, connected runners. With no project selected: every project in short and how to pick one',
    ['maestro status', 'maestro status --project prj_0123456789 --json'],
    { agent: true, data: statusData },
  ),
  args: { ...globalArgs },
  async run({ data: invocation }) {
    const rt = useRuntime(invocation);
    if (!rt.settings().project) return noProjectSelected(rt);
    const { projectId } = validate(statusInput, { projectId: rt.project() });
    const trpc = rt.trpc();
    // Issued together, so the batch link sends them in one request.
    const [summary, ready, runners] = await rt.out.spin(
      'Loading status',
      Promise.all([trpc.status.get.query({ projectId }), trpc.task.list.query({ projectId, ready: true, limit: READY_SHOWN }), trpc.runner.list.query()]),
    );
    const data: StatusData = { ...summary, readyTasks: ready.items, runners: runners.items };
    rt.out.success(data, (d) => render(d, rt));
  },
});

function render(d: StatusData, rt: Runtime): string {
  const { paint, width } = rt.out;
  const counts = table(
    ['STATUS', 'COUNT'],
    TASK_STATUSES.map((s) => [status(paint, s), String(d.byStatus[s])]),
    paint,
  );
  const priorities = table(
    ['PRIORITY', 'COUNT'],
    TASK_PRIORITIES.map((p) => [priority(paint, p), String(d.byPriority[p])]),
    paint,
  );
  const lines = [
    `${paint('bold', 'Project')} ${d.projectId}: ${d.total} tasks, ${d.ready} ready, ${d.activeSessions} active sessions`,
    `Attention: ${d.attention.needs_input} need input, ${d.attention.working} working, ${d.attention.idle} idle, ${d.attention.unseen} ended unseen`,
    '',
    counts,
    '',
    priorities,
    '',
    ...needsInput(d, rt),
    paint('bold', `Ready (${d.ready})`),
    d.readyTasks.length > 0 ? taskTable(d.readyTasks, paint, width) : paint('dim', 'Nothing ready.'),
  ];
  if (d.ready > d.readyTasks.length) lines.push(paint('dim', `… and ${d.ready - d.readyTasks.length} more: maestro task ready`));
  lines.push('', paint('bold', `Blocked (${d.byStatus.blocked})`));
  if (d.blocked.length === 0) lines.push(paint('dim', 'Nothing blocked.'));
  else
    lines.push(
      table(
        ['ID', 'TITLE', 'REASON'],
        d.blocked.map((b) => [b.id, b.title, b.blockedReason ?? '']),
        paint,
      ),
    );
  lines.push('', runnersText(d.runners, paint));
  return lines.join('\n');
}

/** Sessions asking a question, longest wait first, and how to answer. */
function needsInput(d: StatusData, rt: Runtime): string[] {
  if (d.needsInput.length === 0) return [];
  const rows = d.needsInput.map((s) => [s.id, age(s.attention.since), s.name, s.attention.message ?? '']);
  return [
    rt.out.paint('bold', `Needs input (${d.needsInput.length})`),
    table(['ID', 'WAITED', 'NAME', 'QUESTION'], rows, rt.out.paint),
    rt.out.paint('dim', 'Answer: maestro session send <id> "<text>"'),
    '',
  ];
}

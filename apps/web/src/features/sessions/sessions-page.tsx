'use client';
import type { Session, Task } from '@maestro/schemas';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { useProjectTasks } from '../live/use-project-live';
import { useSpawnDialog } from '../spawn/spawn-dialog';
import { sessionHref, taskHref } from './links';
import { AttentionChip } from '../inbox/attention-chip';
import { isLive, SessionStatusBadge } from './session-status';
import { useRunners, useSessionList } from './use-sessions';

const AGENT_LABEL: Record<Session['agent'], string> = { claude: 'Claude', codex: 'Codex', gemini: 'Gemini', custom: 'Custom' };

function TaskLinks({ projectId, ids, tasks }: { projectId: string; ids: readonly string[]; tasks: ReadonlyMap<string, Task> | undefined }) {
  if (ids.length === 0) return <span className="text-muted">—</span>;
  return (
    <span className="flex flex-wrap gap-x-2">
      {ids.map((id) => (
        <Link key={id} href={taskHref(projectId, id)} className="max-w-56 truncate text-accent hover:underline">
          {tasks?.get(id)?.title ?? id}
        </Link>
      ))}
    </span>
  );
}

function Group({ projectId, title, sessions }: { projectId: string; title: string; sessions: Session[] }) {
  const tasks = useProjectTasks(projectId).data?.byId;
  const runners = useRunners().byId;
  if (sessions.length === 0) return null;
  return (
    <section aria-label={title} className="space-y-1">
      <h2 className="px-1 text-[12px] font-semibold tracking-wide text-muted uppercase">
        {title} <span className="font-normal">{sessions.length}</span>
      </h2>
      <table className="w-full table-fixed border-collapse text-[13px]">
        <thead className="sr-only">
          <tr>
            <th>Status</th>
            <th>Attention</th>
            <th>Name</th>
            <th>Agent and role</th>
            <th>Tasks</th>
            <th>Runner</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="session-row" data-session-id={s.id} className="border-b border-border hover:bg-panel">
              <td className="w-44 py-2 pl-1">
                <SessionStatusBadge session={s} />
              </td>
              <td className="py-2 pr-3">
                <AttentionChip attention={s.attention} />
              </td>
              <td className="truncate py-2 pr-3">
                <Link href={sessionHref(projectId, s.id)} className="font-medium hover:underline">
                  {s.name}
                </Link>
                {s.error && <span className="ml-2 text-danger">{s.error}</span>}
              </td>
              <td className="w-44 py-2 text-muted">
                {AGENT_LABEL[s.agent]} · {s.role}
              </td>
              <td className="py-2 pr-3">
                <TaskLinks projectId={projectId} ids={s.taskIds} tasks={tasks} />
              </td>
              <td className="w-40 truncate py-2 text-muted">{s.runnerId ? (runners.get(s.runnerId)?.name ?? s.runnerId) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every session of the project, live, grouped: running ones first, then ended ones; newest first in each. */
export function SessionsPage({ projectId }: { projectId: string }) {
  const sessions = useSessionList(projectId);
  const spawn = useSpawnDialog();
  const [live, ended] = useMemo(() => [sessions.filter(isLive), sessions.filter((s) => !isLive(s))], [sessions]);
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-5 p-5">
        <div className="flex items-center gap-3">
          <h1 className="text-lg font-semibold">Sessions</h1>
          <span className="text-muted">
            {live.length} running · {sessions.length} in all
          </span>
          <Button variant="primary" size="sm" className="ml-auto" onClick={() => spawn.open()}>
            <Plus aria-hidden size={14} /> Spawn session
          </Button>
        </div>
        {sessions.length === 0 ? (
          <EmptyState title="No sessions yet">
            Spawn a worker from a task, or run <code className="font-mono">maestro session spawn</code>.
          </EmptyState>
        ) : (
          <>
            <Group projectId={projectId} title="Running" sessions={live} />
            <Group projectId={projectId} title="Ended" sessions={ended} />
          </>
        )}
      </div>
    </div>
  );
}

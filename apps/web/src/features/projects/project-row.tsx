'use client';
import type { Project } from '@maestro/schemas';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { describeError } from '@/lib/errors';
import { TASK_STATUS_LABEL, TASK_STATUS_ORDER, TASK_STATUS_TONE } from '@/lib/status';
import { useTRPC } from '@/trpc/react';

function Count({ label, value, tone, testId }: { label: string; value: number; tone?: string; testId: string }) {
  return (
    <span className={`inline-flex items-center gap-1 ${value === 0 ? 'text-muted' : ''}`} title={label} data-testid={testId} data-value={value}>
      {tone && <span className={`size-1.5 rounded-full ${tone}`} aria-hidden />}
      <span className="tabular-nums">{value}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** One project: name, folder, and its counts (status.get, re-read when the projects feed says they changed). */
export function ProjectRow({ project }: { project: Project }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.status.get.queryOptions({ projectId: project.id }));
  const s = status.data;
  return (
    <li className="relative flex items-center gap-4 px-3 py-2.5 hover:bg-panel" data-testid="project-row" data-project-id={project.id}>
      <div className="min-w-0 flex-1">
        {/* The whole row is the link's hit area; the counts stay readable text. */}
        <Link href={`/p/${project.id}`} className="font-medium after:absolute after:inset-0 hover:underline" data-testid="project-link">
          {project.name}
        </Link>
        <div className="truncate font-mono text-[12px] text-muted">{project.workingDir}</div>
      </div>
      {status.error && <span className="text-[12px] text-danger">{describeError(status.error)}</span>}
      {s && (
        <div className="flex items-center gap-3 text-[12px]" aria-label={`${project.name}: counts`}>
          {TASK_STATUS_ORDER.filter((st) => st !== 'blocked' && st !== 'cancelled').map((st) => (
            <Count key={st} label={`${TASK_STATUS_LABEL[st]} tasks`} value={s.byStatus[st]} tone={TASK_STATUS_TONE[st]} testId={`count-${st}`} />
          ))}
          <span
            className={`rounded px-1.5 py-0.5 ${s.blocked.length > 0 ? 'bg-danger/10 text-danger' : 'text-muted'}`}
            title={s.blocked.map((b) => `${b.title}: ${b.blockedReason ?? ''}`).join('\n') || 'Nothing blocked'}
            data-testid="count-blocked"
            data-value={s.blocked.length}
          >
            {s.blocked.length} blocked
          </span>
          <span
            className={`rounded px-1.5 py-0.5 ${s.activeSessions > 0 ? 'bg-ok/10 text-fg ring-1 ring-ok/50' : 'text-muted'}`}
            data-testid="count-sessions"
            data-value={s.activeSessions}
          >
            {s.activeSessions} active session{s.activeSessions === 1 ? '' : 's'}
          </span>
        </div>
      )}
    </li>
  );
}

'use client';
import type { MaestroEvent, Session, Task } from '@maestro/schemas';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TimeAgo } from '@/components/ui/time-ago';
import { PRIORITY_LABEL, TASK_STATUS_LABEL } from '@/lib/status';
import type { TimelineItem } from './timeline-items';

type Lookup = { task: (id: string) => Task | undefined; session: (id: string) => Session | undefined; projectId: string };

const q = (text: string) => `“${text}”`;

function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return TASK_STATUS_LABEL[value as keyof typeof TASK_STATUS_LABEL] ?? value;
  if (field === 'priority' && typeof value === 'string') return PRIORITY_LABEL[value as keyof typeof PRIORITY_LABEL] ?? value;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "status Todo → In progress, priority Medium → High" for the fields a change touched. */
function Changes({ changes, look }: { changes: Record<string, { from: unknown; to: unknown }>; look: Lookup }) {
  const parts = Object.entries(changes).map(([field, { from, to }]) => {
    if (field === 'description') return <span key={field}>edited the description</span>;
    if (field === 'blockedReason') return null;
    if (field === 'assignee') {
      return <span key={field}>assignee → {typeof to === 'string' ? <Actor actor={to} look={look} /> : <span className="font-medium">nobody</span>}</span>;
    }
    return (
      <span key={field}>
        {field} <span className="text-muted line-through decoration-muted/60">{fieldValue(field, from)}</span> →{' '}
        <span className="font-medium">{fieldValue(field, to)}</span>
      </span>
    );
  });
  const shown = parts.filter(Boolean);
  if (shown.length === 0) return <span>updated it</span>;
  return <span className="space-x-2">{shown}</span>;
}

/** What happened, in words (with the block reason or comment as a quote). */
function describe(item: TimelineItem, look: Lookup): { what: ReactNode; quote?: string; tone?: string } {
  const e: MaestroEvent = item.event;
  switch (e.type) {
    case 'task:created':
      return { what: 'created the task' };
    case 'task:commented':
      return { what: 'commented', quote: e.payload.body };
    case 'task:deleted':
      return { what: 'deleted the task', tone: 'text-danger' };
    case 'task:dependency_added':
      return { what: <>now waits for {q(look.task(e.payload.dependsOnId)?.title ?? e.payload.dependsOnId)}</> };
    case 'task:dependency_removed':
      return { what: <>no longer waits for {q(look.task(e.payload.dependsOnId)?.title ?? e.payload.dependsOnId)}</> };
    case 'subtask:created':
      return { what: <>added subtask {q(e.payload.subtask.title)}</> };
    case 'subtask:deleted':
      return { what: <>deleted subtask {q(e.payload.title)}</> };
    case 'subtask:updated': {
      const title = q(e.payload.subtask.title);
      if (item.count > 1 || Object.keys(e.payload.changes).every((k) => k === 'position')) return { what: 'reordered the subtasks' };
      const status = e.payload.changes.status?.to;
      if (status === 'completed') return { what: <>completed subtask {title}</>, tone: 'text-ok' };
      return {
        what: (
          <>
            updated subtask {title}: <Changes changes={e.payload.changes} look={look} />
          </>
        ),
      };
    }
    case 'task:updated': {
      const { action, changes, reason } = e.payload;
      if (action === 'block') return { what: 'blocked the task', quote: reason ?? e.payload.task.blockedReason ?? undefined, tone: 'text-danger' };
      if (action === 'unblock') return { what: 'unblocked the task' };
      if (action === 'start') return { what: 'started the task', tone: 'text-info' };
      if (action === 'complete') return { what: 'completed the task', tone: 'text-ok' };
      if (action === 'claim') {
        const who = e.payload.task.assignee;
        return {
          what: (
            <>
              claimed the task
              {who && who !== e.actor ? (
                <>
                  {' '}
                  for <Actor actor={who} look={look} />
                </>
              ) : null}
            </>
          ),
        };
      }
      if (action === 'assign') {
        const to = changes.assignee?.to;
        return { what: <>assigned it to {typeof to === 'string' ? <Actor actor={to} look={look} /> : '—'}</> };
      }
      if (action === 'release') return { what: 'released the task' };
      if (Object.keys(changes).length === 1 && changes.position) return { what: 'moved it among its siblings' };
      return { what: <Changes changes={changes} look={look} /> };
    }
    case 'session:spawn_requested':
      return { what: <>asked for session {q(e.payload.session.name)}</> };
    case 'session:updated':
      return {
        what: (
          <>
            session {q(e.payload.session.name)} is {e.payload.session.status}
          </>
        ),
        quote: e.payload.reason,
      };
    default:
      return { what: e.type };
  }
}

/** Who did it: `user`, or an agent's session (linked to its terminal). */
export function Actor({ actor, look }: { actor: string; look: Lookup }) {
  if (actor.startsWith('ses_')) {
    return (
      <Link href={`/p/${look.projectId}/sessions/${actor}`} data-testid="timeline-actor" className="font-medium text-accent hover:underline">
        {look.session(actor)?.name ?? actor}
      </Link>
    );
  }
  return (
    <span data-testid="timeline-actor" className="font-medium">
      {actor}
    </span>
  );
}

export function TimelineEntry({ item, look }: { item: TimelineItem; look: Lookup }) {
  const { what, quote, tone } = describe(item, look);
  return (
    <div data-testid="timeline-entry" data-type={item.event.type} className="flex gap-2 py-1.5 text-[13px]">
      <span aria-hidden className={`mt-1.5 size-1.5 shrink-0 rounded-full bg-current ${tone ?? 'text-muted opacity-50'}`} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <p className="min-w-0 flex-1 break-words">
            <Actor actor={item.event.actor} look={look} /> <span className={tone ?? ''}>{what}</span>
          </p>
          <TimeAgo at={item.event.createdAt} className="shrink-0 text-[11px] text-muted" />
        </div>
        {quote && (
          <p data-testid="timeline-quote" className="mt-1 rounded-md border border-border bg-panel px-2 py-1 break-words whitespace-pre-wrap">
            {quote}
          </p>
        )}
      </div>
    </div>
  );
}

export type { Lookup };

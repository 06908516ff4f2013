'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { PRIORITY_LABEL } from '@/lib/status';
import { useTRPC } from '@/trpc/react';
import { links } from '../shell/links';
import { ROW, Section } from './section';

const SHOWN = 20;

/**
 * Tasks ready to start (todo, every dependency completed), as the server
 * decides. Refetched when the project summary moves to a newer event (the live
 * layer invalidates status.get on every change), so it is live without a
 * subscription or a timer of its own.
 */
export function ReadyList({ projectId, count, asOfEventId }: { projectId: string; count: number; asOfEventId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data, error } = useQuery(trpc.task.list.queryOptions({ projectId, ready: true, limit: SHOWN }));
  const seen = useRef(asOfEventId);
  useEffect(() => {
    if (seen.current === asOfEventId) return;
    seen.current = asOfEventId;
    void queryClient.invalidateQueries({ queryKey: trpc.task.list.queryKey({ projectId, ready: true, limit: SHOWN }) });
  }, [asOfEventId, projectId, queryClient, trpc]);
  return (
    <Section
      id="ready"
      title="Ready to start"
      count={count}
      empty="Nothing is ready: every todo task waits on a dependency, or there are none. Create one with Ctrl K."
    >
      {error ? (
        <p role="alert" className="px-3 py-2 text-[13px] text-danger">
          {error.message}
        </p>
      ) : (
        <ul className="divide-y divide-border overflow-auto">
          {(data?.items ?? []).map((t) => (
            <li key={t.id}>
              <Link href={links.task(projectId, t.id)} data-testid="overview-ready-item" data-task-id={t.id} className={ROW}>
                <span className="truncate">{t.title}</span>
                <span className="ml-auto shrink-0 text-[12px] text-muted">{PRIORITY_LABEL[t.priority]}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {count > SHOWN && <p className="px-3 py-2 text-[12px] text-muted">and {count - SHOWN} more</p>}
    </Section>
  );
}

'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { TaskDetail } from './task-detail';

/** Task detail as a side panel over the board; the task is the page's `?task=` so the panel has a URL. */
export function TaskPanel({ projectId, taskId, onClose }: { projectId: string; taskId: string; onClose: () => void }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const hrefFor = useCallback(
    (id: string) => {
      const next = new URLSearchParams(params.toString());
      next.set('task', id);
      return `${pathname}?${next.toString()}`;
    },
    [params, pathname],
  );
  const onNavigate = useCallback((id: string) => router.replace(hrefFor(id), { scroll: false }), [router, hrefFor]);
  return (
    <aside aria-label="Task detail" data-testid="task-panel" className="h-full w-[min(600px,100%)] shrink-0 border-l border-border shadow-xl">
      <TaskDetail projectId={projectId} taskId={taskId} variant="panel" hrefFor={hrefFor} onNavigate={onNavigate} onClose={onClose} />
    </aside>
  );
}

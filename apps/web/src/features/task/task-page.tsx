'use client';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { TaskDetail } from './task-detail';

/** Task detail as a page of its own (/p/[projectId]/t/[taskId]). */
export function TaskPage({ projectId, taskId }: { projectId: string; taskId: string }) {
  const router = useRouter();
  const hrefFor = useCallback((id: string) => `/p/${projectId}/t/${id}`, [projectId]);
  const onNavigate = useCallback((id: string) => router.push(hrefFor(id)), [router, hrefFor]);
  return <TaskDetail projectId={projectId} taskId={taskId} variant="page" hrefFor={hrefFor} onNavigate={onNavigate} />;
}

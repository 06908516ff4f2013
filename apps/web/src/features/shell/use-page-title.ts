'use client';
import { useParams, usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useInbox } from '../inbox/use-inbox';
import { useOfflineState } from '../offline/context';
import { useProjects } from '../projects/use-projects';

function section(pathname: string, projectId: string | undefined): string {
  if (pathname === '/inbox') return 'Inbox';
  if (!projectId) return 'Projects';
  const rest = pathname.split(`/p/${projectId}`)[1] ?? '';
  if (rest.startsWith('/overview')) return 'Overview';
  if (rest.startsWith('/sessions')) return 'Sessions';
  if (rest.startsWith('/t/')) return 'Task';
  return 'Board';
}

/**
 * The tab's title says how many inbox items wait, where you are and whether
 * changes wait to be sent ("[3] (2 pending) Board · api — Maestro"), so a
 * background tab shows it too.
 */
export function usePageTitle(): void {
  const pathname = usePathname();
  const { projectId } = useParams<{ projectId?: string }>();
  const projects = useProjects().data?.items;
  const pending = useOfflineState().pending.length;
  const waiting = useInbox().data?.total ?? 0;
  const projectName = projectId ? projects?.find((p) => p.id === projectId)?.name : undefined;
  useEffect(() => {
    const where = [section(pathname, projectId), projectName].filter(Boolean).join(' · ');
    document.title = `${waiting > 0 ? `[${waiting}] ` : ''}${pending > 0 ? `(${pending} pending) ` : ''}${where} — Maestro`;
  }, [pathname, projectId, projectName, pending, waiting]);
}

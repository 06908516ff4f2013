'use client';
import { useParams, usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useOfflineState } from '../offline/context';
import { useProjects } from '../projects/use-projects';

function section(pathname: string, projectId: string | undefined): string {
  if (!projectId) return 'Projects';
  const rest = pathname.split(`/p/${projectId}`)[1] ?? '';
  if (rest.startsWith('/overview')) return 'Overview';
  if (rest.startsWith('/sessions')) return 'Sessions';
  if (rest.startsWith('/t/')) return 'Task';
  return 'Board';
}

/**
 * The tab's title says where you are and whether changes wait to be sent
 * ("(2) Board · api — Maestro"), so a background tab shows it too.
 */
export function usePageTitle(): void {
  const pathname = usePathname();
  const { projectId } = useParams<{ projectId?: string }>();
  const projects = useProjects().data?.items;
  const pending = useOfflineState().pending.length;
  const projectName = projectId ? projects?.find((p) => p.id === projectId)?.name : undefined;
  useEffect(() => {
    const where = [section(pathname, projectId), projectName].filter(Boolean).join(' · ');
    document.title = `${pending > 0 ? `(${pending} pending) ` : ''}${where} — Maestro`;
  }, [pathname, projectId, projectName, pending]);
}

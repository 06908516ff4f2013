import type { ReactNode } from 'react';
import { ProjectLive } from '@/features/live/project-live';

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ProjectLive projectId={projectId}>{children}</ProjectLive>;
}

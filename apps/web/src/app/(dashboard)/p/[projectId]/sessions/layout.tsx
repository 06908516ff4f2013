import type { ReactNode } from 'react';
import { SessionsSection } from '@/features/sessions/sessions-section';

export default async function SessionsLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SessionsSection projectId={projectId}>{children}</SessionsSection>;
}

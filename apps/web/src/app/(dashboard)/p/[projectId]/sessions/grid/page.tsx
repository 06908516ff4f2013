import { SessionsGrid } from '@/features/sessions/sessions-grid';

export default async function SessionsGridPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SessionsGrid projectId={projectId} />;
}

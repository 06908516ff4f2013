import { SessionsPage } from '@/features/sessions/sessions-page';

export default async function Sessions({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SessionsPage projectId={projectId} />;
}

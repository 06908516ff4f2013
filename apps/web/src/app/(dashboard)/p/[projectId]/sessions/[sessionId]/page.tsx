import { SessionView } from '@/features/sessions/session-view';

export default async function SessionPage({ params }: { params: Promise<{ projectId: string; sessionId: string }> }) {
  const { projectId, sessionId } = await params;
  return <SessionView projectId={projectId} sessionId={sessionId} />;
}

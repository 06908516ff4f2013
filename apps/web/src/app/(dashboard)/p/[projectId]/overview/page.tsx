import { OverviewPage } from '@/features/overview/overview-page';

export default async function Overview({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <OverviewPage projectId={projectId} />;
}

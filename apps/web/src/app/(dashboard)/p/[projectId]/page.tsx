import { BoardPage } from '@/features/board/board-page';

export default async function Board({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <BoardPage projectId={projectId} />;
}

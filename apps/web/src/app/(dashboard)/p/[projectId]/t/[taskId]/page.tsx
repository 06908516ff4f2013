import { TaskPage } from '@/features/task/task-page';

export default async function Task({ params }: { params: Promise<{ projectId: string; taskId: string }> }) {
  const { projectId, taskId } = await params;
  return <TaskPage projectId={projectId} taskId={taskId} />;
}

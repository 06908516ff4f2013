'use client';
import { useProjectTasks } from '../live/use-project-live';

/** The project board. (Placeholder: the board screen replaces this.) */
export function BoardPage({ projectId }: { projectId: string }) {
  const { data } = useProjectTasks(projectId);
  const tasks = [...(data?.byId.values() ?? [])].filter((t) => t.parentId === null);
  return (
    <ul className="p-6" data-testid="board">
      {tasks.map((t) => (
        <li key={t.id} data-testid="task-card">
          {t.title} · {t.status}
        </li>
      ))}
    </ul>
  );
}

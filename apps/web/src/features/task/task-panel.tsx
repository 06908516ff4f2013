'use client';

/** Task detail as a side panel over the board (placeholder until the task detail screen lands). */
export function TaskPanel({ projectId, taskId, onClose }: { projectId: string; taskId: string; onClose: () => void }) {
  return (
    <aside aria-label="Task detail" data-project={projectId} className="w-[480px] border-l border-border bg-panel p-4">
      <button type="button" onClick={onClose}>
        Close
      </button>
      <p>{taskId}</p>
    </aside>
  );
}

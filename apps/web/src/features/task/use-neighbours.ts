'use client';
import type { Task } from '@maestro/schemas';
import { useEffect, useMemo } from 'react';
import { compareTasks } from '../board/model';

/** The tasks before and after this one in its board column (same status, same parent), in column order. */
export function useNeighbours(task: Task | undefined, byId: ReadonlyMap<string, Task>): { prev: Task | null; next: Task | null } {
  return useMemo(() => {
    if (!task) return { prev: null, next: null };
    const column = [...byId.values()]
      .filter((t) => t.status === task.status && t.parentId === task.parentId)
      // Top-level tasks in the board's own column order; subtasks by their position.
      .sort(task.parentId === null ? compareTasks : (a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
    const i = column.findIndex((t) => t.id === task.id);
    return { prev: column[i - 1] ?? null, next: column[i + 1] ?? null };
  }, [task, byId]);
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `[` and `]` go to the previous and next task of the column, unless the user is typing. */
export function useNeighbourKeys(prev: Task | null, next: Task | null, go: (taskId: string) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const target = e.key === '[' ? prev : e.key === ']' ? next : null;
      if (!target) return;
      e.preventDefault();
      go(target.id);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [prev, next, go]);
}

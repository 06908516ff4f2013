'use client';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Task } from '@maestro/schemas';
import { GripVertical, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { TASK_STATUS_LABEL, TASK_STATUS_TONE } from '@/lib/status';

export interface SubtaskRowProps {
  sub: Task;
  index: number;
  href: string;
  busy: boolean;
  /** Ticked (completed, or being completed). */
  done: boolean;
  onMove: (subtaskId: string, to: number) => void;
  onToggle: (sub: Task) => void;
  onDelete: (sub: Task) => void;
}

/** One subtask: drag handle (also Alt+↑/↓ anywhere in the row), done checkbox, title, delete. */
export function SubtaskRow({ sub, index, href, busy, done, onMove, onToggle, onDelete }: SubtaskRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: sub.id });
  const showStatus = sub.status !== 'todo' && sub.status !== 'completed';
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="subtask"
      data-subtask-id={sub.id}
      data-status={sub.status}
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        e.preventDefault();
        onMove(sub.id, index + (e.key === 'ArrowUp' ? -1 : 1));
      }}
      className={`group flex h-8 items-center gap-1.5 rounded-md px-1 hover:bg-panel ${isDragging ? 'relative z-10 bg-raised shadow-md' : ''}`}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={`Reorder “${sub.title}” (drag, or Alt+Up/Down)`}
        data-testid="subtask-handle"
        className="flex h-6 w-5 shrink-0 cursor-grab items-center justify-center rounded text-muted opacity-60 group-hover:opacity-100 focus-visible:opacity-100 active:cursor-grabbing"
      >
        <GripVertical size={14} aria-hidden />
      </button>
      <input
        type="checkbox"
        checked={done}
        disabled={busy}
        onChange={() => onToggle(sub)}
        aria-label={`Done: ${sub.title}`}
        data-testid="subtask-done"
        className="size-3.5 shrink-0 accent-[var(--color-accent)]"
      />
      <Link href={href} className={`min-w-0 flex-1 truncate text-[13px] hover:underline ${done ? 'text-muted line-through' : ''}`}>
        {sub.title}
      </Link>
      {showStatus && (
        <span className="flex shrink-0 items-center gap-1 text-[11px] text-muted">
          <span aria-hidden className={`size-1.5 rounded-full ${TASK_STATUS_TONE[sub.status]}`} />
          {TASK_STATUS_LABEL[sub.status]}
        </span>
      )}
      <button
        type="button"
        onClick={() => onDelete(sub)}
        aria-label={`Delete subtask “${sub.title}”`}
        className="flex size-6 shrink-0 items-center justify-center rounded text-muted opacity-0 group-hover:opacity-100 hover:bg-raised hover:text-danger focus-visible:opacity-100"
      >
        <Trash2 size={13} aria-hidden />
      </button>
    </li>
  );
}

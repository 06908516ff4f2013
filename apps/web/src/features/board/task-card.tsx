'use client';
import { useDraggable } from '@dnd-kit/core';
import { X } from 'lucide-react';
import { memo, useCallback, type CSSProperties } from 'react';
import type { ErrorInfo } from '@/lib/errors';
import { CardBody, type CardFacts } from './card-body';

export interface TaskCardProps extends CardFacts {
  /** The one card in the tab order (roving tabindex). */
  tabbable: boolean;
  /** A move of this card is on its way to the server. */
  moving: boolean;
  moveError: ErrorInfo | undefined;
  style: CSSProperties;
  index: number;
  measure: (el: HTMLElement | null) => void;
  register: (id: string, el: HTMLElement | null) => void;
  onOpen: (id: string) => void;
  onFocusCard: (id: string) => void;
  onDismissError: (id: string) => void;
}

function TaskCardImpl(props: TaskCardProps) {
  const { task, tabbable, moving, moveError, style, index, measure, register, onOpen, onFocusCard, onDismissError } = props;
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: task.id, data: { task } });
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      setNodeRef(el);
      register(task.id, el);
    },
    [setNodeRef, register, task.id],
  );
  return (
    // The row is what the virtualizer measures: the card and its error, if any.
    <div ref={measure} data-index={index} className="absolute top-0 left-0 w-full px-2 pb-2" style={style}>
      <div
        ref={ref}
        {...attributes}
        {...listeners}
        tabIndex={tabbable ? 0 : -1}
        role="button"
        aria-roledescription="task card"
        aria-keyshortcuts="Enter Shift+ArrowLeft Shift+ArrowRight"
        data-testid="task-card"
        data-task-id={task.id}
        data-status={task.status}
        data-state={moving ? 'moving' : moveError ? 'refused' : 'idle'}
        onClick={() => onOpen(task.id)}
        onFocus={() => onFocusCard(task.id)}
        className={`cursor-pointer rounded-md border bg-raised p-2 shadow-sm transition-colors hover:border-muted focus-visible:border-accent ${
          moveError ? 'border-danger' : 'border-border'
        } ${isDragging ? 'opacity-40' : ''} ${moving ? 'opacity-70' : ''}`}
      >
        <CardBody {...props} />
      </div>
      {moveError && (
        <div
          role="alert"
          data-testid="move-error"
          className="mt-1 flex gap-1 rounded-md border border-danger/40 bg-danger/10 px-2 py-1 text-[12px] text-danger"
        >
          <p className="min-w-0 flex-1">
            {moveError.message}
            {moveError.hint && <span className="block text-fg/80">{moveError.hint}</span>}
          </p>
          <button type="button" aria-label="Dismiss" className="self-start rounded hover:bg-danger/20" onClick={() => onDismissError(task.id)}>
            <X size={14} aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
}

/** Re-renders only when what it shows changed: the task's version, its facts, focus, or its row position. */
export const TaskCard = memo(TaskCardImpl, (a, b) => {
  return (
    a.task.id === b.task.id &&
    a.task.version === b.task.version &&
    a.progress?.done === b.progress?.done &&
    a.progress?.total === b.progress?.total &&
    a.deps.total === b.deps.total &&
    a.deps.open === b.deps.open &&
    a.deps.ready === b.deps.ready &&
    a.session?.id === b.session?.id &&
    a.session?.status === b.session?.status &&
    a.lastOutputAt === b.lastOutputAt &&
    a.tabbable === b.tabbable &&
    a.moving === b.moving &&
    a.moveError === b.moveError &&
    a.index === b.index &&
    a.style.transform === b.style.transform &&
    a.measure === b.measure &&
    a.onOpen === b.onOpen
  );
});

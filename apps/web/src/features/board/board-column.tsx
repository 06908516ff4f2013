'use client';
import { useDroppable } from '@dnd-kit/core';
import type { Session, Task, TaskStatus } from '@maestro/schemas';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { Plus } from 'lucide-react';
import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import { Kbd } from '@/components/ui/kbd';
import type { ErrorInfo } from '@/lib/errors';
import { TASK_STATUS_LABEL, TASK_STATUS_TONE } from '@/lib/status';
import { depInfoOf, type BoardModel } from './model';
import { TaskCard } from './task-card';
import type { PendingMove } from './use-moves';

/** A first guess at a card's height; each row is measured once it renders. */
const ESTIMATED_CARD_PX = 84;

export interface ColumnHandle {
  scrollToIndex(index: number): void;
}

export interface BoardColumnProps {
  status: TaskStatus;
  ids: string[];
  total: number;
  byId: ReadonlyMap<string, Task>;
  model: BoardModel;
  sessionsByTask: ReadonlyMap<string, Session>;
  lastOutput: (sessionId: string) => string | undefined;
  tabbableId: string | null;
  pending: ReadonlyMap<string, PendingMove>;
  errors: ReadonlyMap<string, ErrorInfo>;
  activeDragId: string | null;
  filtered: boolean;
  /** The rest of the project's tasks are still loading: the count is a floor. */
  loading: boolean;
  /** Shown above the cards (the inline create form in Todo). */
  top?: ReactNode;
  onAdd?: (() => void) | undefined;
  register: (status: TaskStatus, handle: ColumnHandle | null) => void;
  registerCard: (id: string, el: HTMLElement | null) => void;
  onOpen: (id: string) => void;
  onFocusCard: (id: string) => void;
  onDismissError: (id: string) => void;
}

function EmptyColumn({ status, filtered }: { status: TaskStatus; filtered: boolean }) {
  if (filtered) return <p className="px-3 py-4 text-[13px] text-muted">No task here matches the filter.</p>;
  if (status !== 'todo') return <p className="px-3 py-4 text-[13px] text-muted">Nothing {TASK_STATUS_LABEL[status].toLowerCase()}.</p>;
  return (
    <p className="px-3 py-4 text-[13px] text-muted" data-testid="board-empty">
      No tasks yet: press <Kbd>c</Kbd> or run <code className="font-mono text-[12px]">maestro task create</code>.
    </p>
  );
}

function BoardColumnImpl(props: BoardColumnProps) {
  const { status, ids, total, byId, model, sessionsByTask, lastOutput, tabbableId, pending, errors, activeDragId, filtered, loading, top, onAdd, register } =
    props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { setNodeRef, isOver } = useDroppable({ id: `column:${status}`, data: { status } });
  const activeIndex = activeDragId ? ids.indexOf(activeDragId) : -1;

  // The dragged card stays mounted even when scrolled out of view: dnd-kit loses a draggable that unmounts.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) return [...indexes, activeIndex].sort((a, b) => a - b);
      return indexes;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 8,
    rangeExtractor,
    // React 19: flushSync from the scroll handler warns inside lifecycles; a frame of lag is fine.
    useFlushSync: false,
  });

  useEffect(() => {
    register(status, { scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }) });
    return () => register(status, null);
  }, [register, status, virtualizer]);

  const label = TASK_STATUS_LABEL[status];
  return (
    <section
      ref={setNodeRef}
      aria-label={`${label}, ${ids.length} task${ids.length === 1 ? '' : 's'}`}
      data-testid="board-column"
      data-status={status}
      data-over={isOver ? 'true' : 'false'}
      className={`flex h-full min-w-[232px] max-w-[360px] flex-1 flex-col rounded-lg border bg-panel ${isOver ? 'border-accent' : 'border-transparent'}`}
    >
      <header className="flex h-9 shrink-0 items-center gap-2 px-3">
        <span className={`size-2 rounded-full ${TASK_STATUS_TONE[status]}`} aria-hidden />
        <h2 className="text-[13px] font-semibold">{label}</h2>
        <span className="text-[12px] text-muted tabular-nums" data-testid="column-count">
          {filtered && ids.length !== total ? `${ids.length} / ${total}` : ids.length}
          {loading && <span title="Loading the rest of the tasks">+</span>}
        </span>
        {onAdd && (
          <button
            type="button"
            onClick={onAdd}
            aria-label={`Create a task in ${label}`}
            title="Create a task (c)"
            className="ml-auto rounded p-0.5 text-muted hover:bg-raised hover:text-fg"
          >
            <Plus size={16} aria-hidden />
          </button>
        )}
      </header>
      {top}
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="column-scroll">
        {ids.length === 0 ? (
          <EmptyColumn status={status} filtered={filtered} />
        ) : (
          <div role="list" aria-label={label} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const id = ids[item.index];
              const task = id ? byId.get(id) : undefined;
              if (!task) return null;
              const session = sessionsByTask.get(task.id);
              return (
                <div role="listitem" key={item.key}>
                  <TaskCard
                    task={task}
                    progress={model.progress.get(task.id)}
                    deps={depInfoOf(model, task)}
                    session={session}
                    lastOutputAt={session ? lastOutput(session.id) : undefined}
                    tabbable={tabbableId === task.id}
                    moving={pending.has(task.id)}
                    moveError={errors.get(task.id)}
                    index={item.index}
                    style={{ transform: `translateY(${item.start}px)` }}
                    measure={virtualizer.measureElement}
                    register={props.registerCard}
                    onOpen={props.onOpen}
                    onFocusCard={props.onFocusCard}
                    onDismissError={props.onDismissError}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

export const BoardColumn = memo(BoardColumnImpl);

'use client';
import { DndContext, DragOverlay, PointerSensor, pointerWithin, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { isTaskStatus } from '@maestro/schemas';
import { Plus } from 'lucide-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Kbd } from '@/components/ui/kbd';
import { describeError } from '@/lib/errors';
import { TASK_STATUS_ORDER } from '@/lib/status';
import { TaskPanel } from '../task/task-panel';
import { BlockDialog } from './block-dialog';
import { BoardColumn } from './board-column';
import { CardBody } from './card-body';
import { FilterBar } from './filter-bar';
import { InlineCreate } from './inline-create';
import { depInfoOf } from './model';
import { useBoardData } from './use-board-data';
import { useBoardKeys } from './use-board-keys';
import { useBoardUrl } from './use-board-url';
import { useMoves } from './use-moves';

const SCREEN_READER_HELP =
  'Press Enter to open the task. Shift+Left or Shift+Right moves it to the previous or next column. j and k go to the next or previous card, h and l to the neighbouring column. Or drag it with the pointer.';

/**
 * The project board: one virtualized column per status (top-level tasks; a
 * subtask counts on its parent's card), filters in the URL, inline create, moves
 * by drag or keyboard decided by the server, and the open task beside it.
 */
export function BoardPage({ projectId }: { projectId: string }) {
  const { filters, openTaskId, setFilters, openTask } = useBoardUrl();
  const moves = useMoves(projectId);
  const { byId, model, sessionsByTask, activity, edgesError, loading } = useBoardData(projectId, filters, moves.pending);
  const [creating, setCreating] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [activeDragId, setActiveDragId] = useState<string | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);

  const statuses = useMemo(
    () => (filters.status.length > 0 ? TASK_STATUS_ORDER.filter((s) => filters.status.includes(s)) : TASK_STATUS_ORDER),
    [filters.status],
  );
  const filtered = filters.q !== '' || filters.priority.length > 0 || filters.assignee !== '';
  const allIds = useMemo(() => statuses.flatMap((s) => model.columns.get(s) ?? []), [statuses, model.columns]);
  const tabbableId = focusId && allIds.includes(focusId) ? focusId : (allIds[0] ?? null);

  const { move } = moves;
  const openCreate = useCallback(() => {
    if (filters.status.length > 0 && !filters.status.includes('todo')) setFilters({ status: [...filters.status, 'todo'] });
    setCreating(true);
  }, [filters.status, setFilters]);
  const keys = useBoardKeys({ statuses, columns: model.columns, byId, boardRef, setFocusId, onOpen: openTask, onMove: move, onCreate: openCreate });

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const onDragStart = useCallback((e: DragStartEvent) => setActiveDragId(String(e.active.id)), []);
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setActiveDragId(null);
      const task = byId.get(String(e.active.id));
      const to: unknown = e.over?.data.current?.status;
      if (task && isTaskStatus(to)) void move(task, to);
    },
    [byId, move],
  );
  const lastOutput = useCallback((sessionId: string) => activity.bySession.get(sessionId)?.at, [activity]);
  const dragged = activeDragId ? byId.get(activeDragId) : undefined;
  const draggedSession = dragged ? sessionsByTask.get(dragged.id) : undefined;

  return (
    <div className="flex h-full min-h-0">
      <div ref={boardRef} className="flex min-w-0 flex-1 flex-col" data-testid="board" aria-busy={loading} data-loading={loading ? 'true' : 'false'}>
        <FilterBar
          filters={filters}
          assignees={model.assignees}
          onChange={setFilters}
          actions={
            <Button size="sm" variant="primary" onClick={openCreate} data-testid="new-task">
              <Plus size={14} aria-hidden /> New task <Kbd>c</Kbd>
            </Button>
          }
        />
        {edgesError && (
          <p role="alert" className="border-b border-border px-3 py-1 text-[12px] text-danger">
            Dependencies could not be loaded: {describeError(edgesError)}
          </p>
        )}
        <DndContext
          sensors={sensors}
          collisionDetection={pointerWithin}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setActiveDragId(null)}
          accessibility={{ screenReaderInstructions: { draggable: SCREEN_READER_HELP } }}
        >
          <div className="flex min-h-0 flex-1 gap-2 overflow-x-auto p-2" onKeyDown={keys.onKeyDown}>
            {statuses.map((status) => (
              <BoardColumn
                key={status}
                status={status}
                ids={model.columns.get(status) ?? []}
                total={model.totals.get(status) ?? 0}
                byId={byId}
                model={model}
                sessionsByTask={sessionsByTask}
                lastOutput={lastOutput}
                tabbableId={tabbableId}
                pending={moves.pending}
                errors={moves.errors}
                activeDragId={activeDragId}
                filtered={filtered}
                loading={loading}
                onAdd={status === 'todo' ? openCreate : undefined}
                top={status === 'todo' && creating ? <InlineCreate projectId={projectId} onClose={() => setCreating(false)} /> : undefined}
                register={keys.registerColumn}
                registerCard={keys.registerCard}
                onOpen={openTask}
                onFocusCard={setFocusId}
                onDismissError={moves.dismissError}
              />
            ))}
          </div>
          <DragOverlay dropAnimation={null}>
            {dragged && (
              <div className="w-[240px] rotate-1 cursor-grabbing rounded-md border border-accent bg-raised p-2 shadow-lg" data-testid="drag-overlay">
                <CardBody
                  task={dragged}
                  progress={model.progress.get(dragged.id)}
                  deps={depInfoOf(model, dragged)}
                  session={draggedSession}
                  lastOutputAt={draggedSession ? activity.bySession.get(draggedSession.id)?.at : undefined}
                />
              </div>
            )}
          </DragOverlay>
        </DndContext>
      </div>
      {openTaskId && <TaskPanel key={openTaskId} projectId={projectId} taskId={openTaskId} onClose={() => openTask(null)} />}
      <BlockDialog
        task={moves.asking?.task ?? null}
        onCancel={moves.closeAsking}
        onBlock={(task, reason) => {
          moves.closeAsking();
          void move(task, 'blocked', reason).then(() => keys.refocus(task.id));
        }}
      />
    </div>
  );
}

'use client';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { DONE_STATUSES, type Task } from '@maestro/schemas';
import { useLayoutEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/field';
import { describeError } from '@/lib/errors';
import { useWrite } from '../offline/use-write';
import { SubtaskRow } from './subtask-row';
import { useUpsertTasks } from './use-task-data';

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

const DONE = new Set<string>(DONE_STATUSES);

/** `done/total` and a bar, counted as the board card counts it (completed or cancelled is done). */
export function SubtaskProgress({ subtasks }: { subtasks: readonly Task[] }) {
  const done = subtasks.filter((s) => DONE.has(s.status)).length;
  if (subtasks.length === 0) return null;
  return (
    <span className="flex items-center gap-2 text-[12px] text-muted">
      <span data-testid="subtask-progress">
        {done}/{subtasks.length}
      </span>
      <span aria-hidden className="h-1 w-16 overflow-hidden rounded-full bg-border">
        <span className="block h-full bg-ok" style={{ width: `${(done / subtasks.length) * 100}%` }} />
      </span>
    </span>
  );
}

/**
 * A task's subtasks, live from the project store, in their order: add, tick
 * off, delete (after a confirmation), and reorder by drag or Alt+↑/↓ through
 * `subtask.move`. A move shows at once and settles when the server answers.
 */
export function SubtaskList({ parent, subtasks, hrefFor }: { parent: Task; subtasks: readonly Task[]; hrefFor: (taskId: string) => string }) {
  const write = useWrite();
  const upsert = useUpsertTasks(parent.projectId);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  // A ticked box stays ticked while its write is on the way (a controlled checkbox would flick back).
  const [ticking, setTicking] = useState<{ id: string; done: boolean } | null>(null);
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState<Task | null>(null);
  const refocus = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const byId = new Map(subtasks.map((s) => [s.id, s]));
  const storeOrder = subtasks.map((s) => s.id);
  const livePending = pendingOrder && !sameOrder(pendingOrder, storeOrder) && pendingOrder.every((id) => byId.has(id)) ? pendingOrder : null;
  const order = livePending ?? storeOrder;
  const rows = order.map((id) => byId.get(id)).filter((s): s is Task => s !== undefined);

  // Reordering moves DOM nodes, which drops focus: give it back to the moved row's handle.
  useLayoutEffect(() => {
    const id = refocus.current;
    if (!id) return;
    const handle = listRef.current?.querySelector<HTMLElement>(`[data-subtask-id="${id}"] [data-testid="subtask-handle"]`);
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (handle && lost) handle.focus();
    if (!livePending) refocus.current = null;
  });

  const move = async (subtaskId: string, to: number) => {
    const from = order.indexOf(subtaskId);
    if (from < 0 || to < 0 || to >= order.length || to === from) return;
    refocus.current = subtaskId;
    setPendingOrder(arrayMove(order, from, to));
    setError(null);
    try {
      const r = await write('subtask.move', { taskId: parent.id, subtaskId, position: to }, 'Reorder subtasks');
      if (!r.queued) upsert(r.result);
    } catch (e) {
      setPendingOrder(null);
      setError(describeError(e));
    }
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    void move(String(active.id), order.indexOf(String(over.id)));
  };

  const guarded = async (id: string, action: () => Promise<void>) => {
    setBusyId(id);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusyId(null);
      setTicking(null);
    }
  };

  const toggle = (sub: Task) =>
    void guarded(sub.id, async () => {
      setTicking({ id: sub.id, done: sub.status !== 'completed' });
      const r =
        sub.status === 'completed'
          ? await write('subtask.update', { taskId: parent.id, subtaskId: sub.id, status: 'todo', expectedVersion: sub.version }, 'Reopen subtask')
          : await write('subtask.complete', { taskId: parent.id, subtaskId: sub.id }, 'Complete subtask');
      if (!r.queued) upsert([r.result]);
    });

  const remove = (sub: Task) =>
    void guarded(sub.id, async () => {
      setConfirming(null);
      await write('subtask.delete', { taskId: parent.id, subtaskId: sub.id }, 'Delete subtask');
    });

  const add = async () => {
    const text = title.trim();
    if (!text) return;
    setError(null);
    try {
      const r = await write('subtask.create', { taskId: parent.id, title: text }, 'Add subtask');
      if (!r.queued) upsert([r.result]);
      setTitle('');
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section aria-labelledby="subtasks-heading" className="space-y-1">
      <div className="flex h-6 items-center justify-between">
        <h3 id="subtasks-heading" className="text-[12px] font-semibold tracking-wide text-muted uppercase">
          Subtasks
        </h3>
        <SubtaskProgress subtasks={subtasks} />
      </div>
      {rows.length > 0 && (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={order} strategy={verticalListSortingStrategy}>
            <ul ref={listRef} data-testid="subtask-list" className="-mx-1">
              {rows.map((sub, index) => (
                <SubtaskRow
                  key={sub.id}
                  sub={sub}
                  index={index}
                  href={hrefFor(sub.id)}
                  busy={busyId === sub.id}
                  done={ticking?.id === sub.id ? ticking.done : sub.status === 'completed'}
                  onMove={(id, to) => void move(id, to)}
                  onToggle={toggle}
                  onDelete={setConfirming}
                />
              ))}
            </ul>
          </SortableContext>
        </DndContext>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Input
          aria-label="New subtask"
          data-testid="subtask-add"
          placeholder={rows.length === 0 ? 'No subtasks yet — type one and press Enter' : 'Add a subtask…'}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          className="h-7 border-dashed bg-transparent! py-0! text-[13px]"
        />
      </form>
      {error && (
        <p role="alert" className="text-[12px] text-danger">
          {error}
        </p>
      )}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)} title="Delete subtask?">
        <p className="text-[13px]">
          “{confirming?.title}” and its history on this task’s timeline stay recorded, but the subtask itself is deleted. This cannot be undone.
        </p>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirming(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => confirming && remove(confirming)}>
            Delete
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

'use client';
import type { Task, TaskStatus } from '@maestro/schemas';
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { ColumnHandle } from './board-column';

interface Options {
  statuses: readonly TaskStatus[];
  columns: ReadonlyMap<TaskStatus, string[]>;
  byId: ReadonlyMap<string, Task>;
  boardRef: RefObject<HTMLElement | null>;
  setFocusId: (id: string) => void;
  onOpen: (id: string) => void;
  onMove: (task: Task, to: TaskStatus) => void | Promise<void>;
  onCreate: () => void;
}

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"], dialog');
}

/**
 * Keyboard on the board. On a focused card: j/k (or ↓/↑) the next/previous
 * card, h/l (or ←/→) the neighbouring column, Enter opens it, Shift+←/→ moves
 * it a column (the same move as a drag). Anywhere on the page outside a field:
 * `c` creates a task. Focus follows a card across columns and into rows the
 * virtualizer has not mounted yet (it scrolls there, and the card focuses
 * itself when it mounts).
 */
export function useBoardKeys(o: Options) {
  const cards = useRef(new Map<string, HTMLElement>());
  const handles = useRef(new Map<TaskStatus, ColumnHandle>());
  const pendingFocus = useRef<string | null>(null);
  const latest = useRef(o);
  latest.current = o;

  const registerCard = useCallback((id: string, el: HTMLElement | null) => {
    if (!el) {
      cards.current.delete(id);
      return;
    }
    cards.current.set(id, el);
    if (pendingFocus.current === id) {
      pendingFocus.current = null;
      el.focus();
    }
  }, []);
  const registerColumn = useCallback((status: TaskStatus, handle: ColumnHandle | null) => {
    if (handle) handles.current.set(status, handle);
    else handles.current.delete(status);
  }, []);

  const focusCard = useCallback((status: TaskStatus, index: number) => {
    const id = latest.current.columns.get(status)?.[index];
    if (!id) return;
    latest.current.setFocusId(id);
    const el = cards.current.get(id);
    if (el) el.focus();
    else pendingFocus.current = id;
    handles.current.get(status)?.scrollToIndex(index);
  }, []);

  /** After a keyboard move settles (applied or snapped back), the card keeps the focus wherever it now is. */
  const refocus = useCallback((id: string) => {
    // The card may still be about to re-mount in its final column: it focuses itself when it does.
    pendingFocus.current = id;
    const el = cards.current.get(id);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (el?.isConnected && lost) el.focus();
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const card = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="task-card"]');
      const id = card?.dataset.taskId;
      if (!id || e.metaKey || e.ctrlKey || e.altKey) return;
      const { statuses, columns, byId, onOpen, onMove } = latest.current;
      const col = statuses.findIndex((s) => columns.get(s)?.includes(id));
      const status = statuses[col];
      if (status === undefined) return;
      const index = columns.get(status)?.indexOf(id) ?? 0;
      const neighbour = (step: number) => {
        for (let c = col + step; c >= 0 && c < statuses.length; c += step) {
          const s = statuses[c];
          if (s && (columns.get(s)?.length ?? 0) > 0) return s;
        }
        return undefined;
      };
      const key = e.key;
      let handled = true;
      if (e.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'H' || key === 'L')) {
        const to = statuses[col + (key === 'ArrowLeft' || key === 'H' ? -1 : 1)];
        const task = byId.get(id);
        if (to && task) {
          pendingFocus.current = id;
          void Promise.resolve(onMove(task, to)).then(() => refocus(id));
        }
      } else if (key === 'j' || key === 'ArrowDown') focusCard(status, Math.min(index + 1, (columns.get(status)?.length ?? 1) - 1));
      else if (key === 'k' || key === 'ArrowUp') focusCard(status, Math.max(index - 1, 0));
      else if (key === 'h' || key === 'ArrowLeft' || key === 'l' || key === 'ArrowRight') {
        const to = neighbour(key === 'h' || key === 'ArrowLeft' ? -1 : 1);
        if (to) focusCard(to, Math.min(index, (columns.get(to)?.length ?? 1) - 1));
      } else if (key === 'Enter' || key === ' ') onOpen(id);
      else handled = false;
      if (handled) e.preventDefault();
    },
    [focusCard, refocus],
  );

  useEffect(() => {
    const onDocKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'c' || e.metaKey || e.ctrlKey || e.altKey || e.shiftKey || isEditable(e.target)) return;
      const target = e.target as Node | null;
      const onBoard = target === document.body || (target && latest.current.boardRef.current?.contains(target));
      if (!onBoard) return;
      e.preventDefault();
      latest.current.onCreate();
    };
    document.addEventListener('keydown', onDocKey);
    return () => document.removeEventListener('keydown', onDocKey);
  }, []);

  return { onKeyDown, registerCard, registerColumn, refocus };
}

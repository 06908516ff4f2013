'use client';
import type { Task, TaskStatus } from '@maestro/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import { describeError, errorInfo, type ErrorInfo } from '@/lib/errors';
import { liveKeys } from '../live/keys';
import type { TaskIndex } from '../live/types';
import { useWrite } from '../offline/use-write';
import { moveCall, moveLabel } from './moves';

/** A move in flight: the card shows in `to` while the task is still at `version`. */
export interface PendingMove {
  to: TaskStatus;
  version: number;
}

type MapSetter<V> = (fn: (m: ReadonlyMap<string, V>) => ReadonlyMap<string, V>) => void;

/** Sets (or with undefined, removes) one entry of a map held in React state. */
function update<V>(set: MapSetter<V>, id: string, value: V | undefined): void {
  set((m) => {
    const next = new Map(m);
    if (value === undefined) next.delete(id);
    else next.set(id, value);
    return next;
  });
}

/**
 * Moving cards between columns. A move shows at once (the card sits in its new
 * column while the call is out); the server's answer decides. Accepted: the
 * returned task goes into the live store (version-gated, so the event that
 * follows changes nothing). Refused: the card snaps back and the reason, with
 * the server's hint, is shown on the card and in a toast. Offline: the change
 * is queued and the card stays where the server has it until it is applied.
 */
export function useMoves(projectId: string) {
  const write = useWrite();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<ReadonlyMap<string, PendingMove>>(new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, ErrorInfo>>(new Map());
  /** A move to Blocked waits for its reason. */
  const [asking, setAsking] = useState<{ task: Task } | null>(null);

  const dismissError = useCallback((id: string) => update(setErrors, id, undefined), []);

  const storeTask = useCallback(
    (task: Task) =>
      queryClient.setQueryData<TaskIndex>(liveKeys.tasks(projectId), (old) => {
        if (!old || (old.byId.get(task.id)?.version ?? -1) >= task.version) return old;
        return { ...old, byId: new Map(old.byId).set(task.id, task) };
      }),
    [queryClient, projectId],
  );

  const move = useCallback(
    async (task: Task, to: TaskStatus, reason?: string) => {
      if (to === task.status) return;
      if (to === 'blocked' && reason === undefined) {
        setAsking({ task });
        return;
      }
      update(setErrors, task.id, undefined);
      update(setPending, task.id, { to, version: task.version });
      const call = moveCall(task, to, reason);
      try {
        const outcome =
          call.path === 'task.block' ? await write(call.path, call.input, moveLabel(task, to)) : await write(call.path, call.input, moveLabel(task, to));
        if (outcome.queued) toast.info('Offline: the move is queued', { description: 'It is sent when the connection returns.' });
        else storeTask(outcome.result);
      } catch (error) {
        const info: ErrorInfo = errorInfo(error) ?? { code: 'ERROR', message: describeError(error) };
        update(setErrors, task.id, info);
        toast.error(`Not moved: ${task.title}`, { description: info.hint ? `${info.message} — ${info.hint}` : info.message });
      } finally {
        update(setPending, task.id, undefined);
      }
    },
    [write, storeTask],
  );

  return { move, pending, errors, dismissError, asking, closeAsking: () => setAsking(null) };
}

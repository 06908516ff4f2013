'use client';
import { isTaskStatus, TASK_TRANSITIONS, type Task, type TaskStatus } from '@maestro/schemas';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import { describeError } from '@/lib/errors';
import { TASK_STATUS_LABEL } from '@/lib/status';
import { useWrite } from '../offline/use-write';
import { ConflictNotice } from './conflict-notice';
import { useUpsertTasks } from './use-task-data';
import type { TaskEditor } from './use-task-edit';

/** Where `task.unblock` takes a blocked task: back to work if it had started, else to todo. */
function unblockTarget(task: Task): TaskStatus {
  return task.startedAt ? 'in_progress' : 'todo';
}

/**
 * The status as a select of the moves the state machine allows from here. Each
 * move uses the procedure that names it on the timeline (start, complete,
 * unblock); blocking asks for a reason first; any other move is
 * `task.update({ status, expectedVersion })`.
 */
export function StatusControl({ task, editor }: { task: Task; editor: TaskEditor }) {
  const write = useWrite();
  const upsert = useUpsertTasks(task.projectId);
  const [blocking, setBlocking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const options: TaskStatus[] = [task.status, ...TASK_TRANSITIONS[task.status]];

  const run = async (send: () => Promise<{ queued: true } | { queued: false; result: Task }>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await send();
      if (!r.queued) upsert([r.result]);
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const move = async (to: TaskStatus) => {
    if (to === task.status) return;
    if (to === 'blocked') {
      setBlocking(true);
      return;
    }
    const id = task.id;
    if (task.status === 'blocked' && to === unblockTarget(task)) await run(() => write('task.unblock', { id }, 'Unblock task'));
    else if (to === 'in_progress' && task.status === 'todo') await run(() => write('task.start', { id }, 'Start task'));
    else if (to === 'completed') await run(() => write('task.complete', { id }, 'Complete task'));
    else await editor.save('status', to, task.version);
  };

  const block = async () => {
    const text = reason.trim();
    if (!text) {
      setError('Say why it is blocked: the reason shows on the board and the timeline.');
      return;
    }
    if (await run(() => write('task.block', { id: task.id, reason: text }, 'Block task'))) {
      setBlocking(false);
      setReason('');
    }
  };

  const shownError = error ?? editor.errors.status;
  return (
    <div className="space-y-1.5">
      <Select
        aria-label="Status"
        data-testid="task-status"
        data-status={task.status}
        value={blocking ? 'blocked' : task.status}
        disabled={busy}
        onChange={(e) => {
          if (isTaskStatus(e.target.value)) void move(e.target.value);
        }}
        aria-describedby={shownError ? errorId : undefined}
        className="h-7 py-0! text-[13px]"
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {TASK_STATUS_LABEL[s]}
          </option>
        ))}
      </Select>
      {blocking && (
        <form
          className="space-y-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            void block();
          }}
        >
          <Input
            aria-label="Block reason"
            placeholder="Why is it blocked?"
            value={reason}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setBlocking(false);
                setError(null);
              }
            }}
            className="h-7 py-0! text-[13px]"
          />
          <div className="flex gap-1.5">
            <Button type="submit" size="sm" variant="danger" disabled={busy}>
              Block
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setBlocking(false);
                setError(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
      {shownError && (
        <p id={errorId} role="alert" className="text-[12px] text-danger">
          {shownError}
        </p>
      )}
      {editor.conflicts.status && (
        <ConflictNotice conflict={editor.conflicts.status} onKeepMine={() => editor.keepMine('status')} onTakeTheirs={() => editor.takeTheirs('status')} />
      )}
    </div>
  );
}

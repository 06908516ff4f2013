'use client';
import type { Session, Task } from '@maestro/schemas';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Select } from '@/components/ui/field';
import { TimeAgo } from '@/components/ui/time-ago';
import { PRIORITY_LABEL, PRIORITY_ORDER } from '@/lib/status';
import { ConflictNotice } from './conflict-notice';
import { StatusControl } from './status-control';
import type { TaskEditor } from './use-task-edit';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[88px_1fr] items-start gap-2 py-1">
      <dt className="pt-1 text-[12px] text-muted">{label}</dt>
      <dd className="min-w-0 text-[13px]">{children}</dd>
    </div>
  );
}

/** Who holds the task: a person's name, or the session of an agent (linked). */
function Assignee({ projectId, assignee, sessions }: { projectId: string; assignee: string | null; sessions: ReadonlyMap<string, Session> }) {
  if (!assignee) return <span className="pt-1 text-muted">Unassigned</span>;
  const session = sessions.get(assignee);
  if (assignee.startsWith('ses_')) {
    return (
      <Link href={`/p/${projectId}/sessions/${assignee}`} className="text-accent hover:underline">
        {session?.name ?? assignee}
      </Link>
    );
  }
  return <span>{assignee}</span>;
}

/** Status, priority, assignee, readiness and times of a task. */
export function TaskProperties({ task, editor, ready, sessions }: { task: Task; editor: TaskEditor; ready: boolean; sessions: ReadonlyMap<string, Session> }) {
  return (
    <dl data-testid="task-properties">
      <Row label="Status">
        <StatusControl task={task} editor={editor} />
      </Row>
      {task.status === 'blocked' && task.blockedReason && (
        <Row label="Blocked">
          <p data-testid="blocked-reason" className="rounded bg-panel px-2 py-1 text-danger">
            {task.blockedReason}
          </p>
        </Row>
      )}
      <Row label="Priority">
        <Select
          aria-label="Priority"
          data-testid="task-priority"
          value={task.priority}
          onChange={(e) => void editor.save('priority', e.target.value, task.version)}
          className="h-7 py-0! text-[13px]"
        >
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABEL[p]}
            </option>
          ))}
        </Select>
        {editor.errors.priority && (
          <p role="alert" className="mt-1 text-[12px] text-danger">
            {editor.errors.priority}
          </p>
        )}
        {editor.conflicts.priority && (
          <div className="mt-1.5">
            <ConflictNotice
              conflict={editor.conflicts.priority}
              onKeepMine={() => editor.keepMine('priority')}
              onTakeTheirs={() => editor.takeTheirs('priority')}
            />
          </div>
        )}
      </Row>
      <Row label="Assignee">
        <div className="pt-1">
          <Assignee projectId={task.projectId} assignee={task.assignee} sessions={sessions} />
        </div>
      </Row>
      <Row label="Ready">
        <div className="pt-1">
          {ready ? (
            <span data-testid="ready-badge" className="rounded border border-ok px-1.5 py-px text-[12px] font-medium text-ok">
              Ready
            </span>
          ) : (
            <span className="text-muted">{task.status === 'todo' ? 'Waiting for dependencies' : 'No (not todo)'}</span>
          )}
        </div>
      </Row>
      <Row label="Created">
        <TimeAgo at={task.createdAt} className="block pt-1 text-muted" />
      </Row>
      <Row label="Updated">
        <span className="block pt-1 text-muted">
          <TimeAgo at={task.updatedAt} /> · v{task.version}
        </span>
      </Row>
    </dl>
  );
}

'use client';
import type { Task } from '@maestro/schemas';
import { ConflictNotice } from './conflict-notice';
import type { TaskEditor } from './use-task-edit';
import { useDraft } from './use-draft';

/** The task's title as an input styled like a heading: Enter or leaving it saves, Escape restores. */
export function TitleField({ task, editor }: { task: Task; editor: TaskEditor }) {
  const draft = useDraft(task.title, task.version);
  const conflict = editor.conflicts.title;
  const error = editor.errors.title;
  const commit = () => {
    const change = draft.finish();
    if (!change) return;
    if (change.value.trim() === '') {
      editor.clearError('title');
      return;
    }
    void editor.save('title', change.value.trim(), change.baseVersion);
  };
  return (
    <div className="space-y-1.5">
      <input
        aria-label="Title"
        data-testid="task-title"
        value={draft.value}
        onFocus={draft.begin}
        onChange={(e) => {
          draft.begin();
          draft.change(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            draft.cancel();
          }
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'task-title-error' : undefined}
        className="-mx-1.5 w-[calc(100%+0.75rem)] rounded-md border border-transparent bg-transparent px-1.5 py-0.5 text-lg leading-snug font-semibold hover:border-border focus:border-border focus:bg-bg"
      />
      {draft.stale && <p className="text-[12px] text-warn">Changed elsewhere while you edit: saving will show both versions.</p>}
      {error && (
        <p id="task-title-error" role="alert" className="text-[13px] text-danger">
          {error}
        </p>
      )}
      {conflict && <ConflictNotice conflict={conflict} onKeepMine={() => editor.keepMine('title')} onTakeTheirs={() => editor.takeTheirs('title')} />}
    </div>
  );
}

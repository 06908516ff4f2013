'use client';
import type { Task } from '@maestro/schemas';
import { Textarea } from '@/components/ui/field';
import { ConflictNotice } from './conflict-notice';
import type { TaskEditor } from './use-task-edit';
import { useDraft } from './use-draft';

/** The description, edited in place: saved on leaving the field or Ctrl/Cmd-Enter; Escape restores it. */
export function DescriptionField({ task, editor }: { task: Task; editor: TaskEditor }) {
  const draft = useDraft(task.description, task.version);
  const conflict = editor.conflicts.description;
  const error = editor.errors.description;
  const commit = () => {
    const change = draft.finish();
    if (change) void editor.save('description', change.value, change.baseVersion);
  };
  const lines = draft.value.split('\n').length;
  return (
    <section aria-labelledby="task-description-heading" className="space-y-1.5">
      <h3 id="task-description-heading" className="sr-only">
        Description
      </h3>
      <Textarea
        aria-label="Description"
        data-testid="task-description"
        placeholder="Add a description… (Ctrl-Enter saves)"
        rows={Math.min(16, Math.max(3, lines + 1))}
        value={draft.value}
        onFocus={draft.begin}
        onChange={(e) => {
          draft.begin();
          draft.change(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            commit();
            e.currentTarget.blur();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            draft.cancel();
            e.currentTarget.blur();
          }
        }}
        aria-invalid={error ? true : undefined}
        className="resize-y border-transparent! bg-transparent! leading-relaxed hover:border-border focus:border-border focus:bg-bg"
      />
      {draft.stale && <p className="text-[12px] text-warn">Changed elsewhere while you edit: saving will show both versions.</p>}
      {error && (
        <p role="alert" className="text-[13px] text-danger">
          {error}
        </p>
      )}
      {conflict && (
        <ConflictNotice conflict={conflict} onKeepMine={() => editor.keepMine('description')} onTakeTheirs={() => editor.takeTheirs('description')} />
      )}
    </section>
  );
}

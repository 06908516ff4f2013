'use client';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { describeError } from '@/lib/errors';
import { useWrite } from '../offline/use-write';

/**
 * A one-line task form at the top of Todo: Enter creates and keeps the form
 * open for the next one, Escape closes. A refusal is shown under the field.
 */
export function InlineCreate({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const write = useWrite();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const outcome = await write('task.create', { projectId, title }, `Create “${title.trim()}”`);
      if (outcome.queued) toast.info('Offline: the new task is queued', { description: 'It is created when the connection returns.' });
      setTitle('');
      setError(null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      ref.current?.focus();
    }
  };

  return (
    <form
      className="mx-2 mb-2 rounded-md border border-accent bg-raised p-2"
      data-testid="inline-create"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="sr-only" htmlFor="inline-create-title">
        New task title
      </label>
      <input
        id="inline-create-title"
        ref={ref}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
        placeholder="Task title, Enter to create"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'inline-create-error' : undefined}
        className="w-full bg-transparent text-fg outline-none placeholder:text-muted"
        autoComplete="off"
      />
      {error && (
        <p id="inline-create-error" role="alert" className="mt-1 text-[12px] text-danger">
          {error}
        </p>
      )}
      <p className="mt-1 text-[11px] text-muted">Enter to create · Esc to close</p>
    </form>
  );
}

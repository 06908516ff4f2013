'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/field';
import { describeError } from '@/lib/errors';
import { useWrite } from '../offline/use-write';

/** A comment on the task's timeline (`task.comment`); Ctrl/Cmd-Enter sends. */
export function CommentBox({ taskId }: { taskId: string }) {
  const write = useWrite();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const text = body.trim();
    if (!text) return;
    setBusy(true);
    setError(null);
    try {
      await write('task.comment', { id: taskId, body: text }, 'Comment');
      setBody('');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="space-y-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Textarea
        aria-label="Comment"
        data-testid="comment-input"
        placeholder="Leave a comment… (Ctrl-Enter sends)"
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
        className="resize-y text-[13px]"
      />
      <div className="flex items-center justify-between gap-2">
        {error ? (
          <p role="alert" className="text-[12px] text-danger">
            {error}
          </p>
        ) : (
          <span />
        )}
        <Button type="submit" size="sm" disabled={busy || body.trim() === ''}>
          Comment
        </Button>
      </div>
    </form>
  );
}

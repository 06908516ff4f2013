'use client';
import type { Task } from '@maestro/schemas';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/field';

/** Moving a card to Blocked asks why: the reason shows on the card and in the timeline. */
export function BlockDialog({ task, onCancel, onBlock }: { task: Task | null; onCancel: () => void; onBlock: (task: Task, reason: string) => void }) {
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  return (
    <Dialog open={task !== null} onClose={onCancel} title={task ? `Block “${task.title}”` : 'Block task'}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!task || blank) return;
          onBlock(task, reason.trim());
          setReason('');
        }}
      >
        <Field label="Reason">
          <Input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder="What is it waiting for?" data-testid="block-reason" />
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={blank}>
            Block
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

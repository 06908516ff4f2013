'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { PRIORITY_LABEL, TASK_STATUS_LABEL } from '@/lib/status';
import type { VersionConflict } from './conflict';

const NAME = { title: 'title', description: 'description', priority: 'priority', status: 'status' } as const;

/** Status and priority read as the select shows them. */
function shown(field: VersionConflict['field'], value: string): string {
  if (field === 'status') return TASK_STATUS_LABEL[value as keyof typeof TASK_STATUS_LABEL] ?? value;
  if (field === 'priority') return PRIORITY_LABEL[value as keyof typeof PRIORITY_LABEL] ?? value;
  return value;
}

function Value({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="min-w-0">
      <div className="text-[11px] font-medium tracking-wide text-muted uppercase">{label}</div>
      <div data-testid={testId} className="mt-0.5 max-h-32 overflow-auto rounded border border-border bg-bg px-2 py-1 break-words whitespace-pre-wrap">
        {value === '' ? <span className="text-muted italic">empty</span> : value}
      </div>
    </div>
  );
}

/** Someone else changed this field first: both values side by side and the choice (nothing is overwritten or dropped until the user picks). */
export function ConflictNotice({
  conflict,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: VersionConflict;
  onKeepMine: () => Promise<void>;
  onTakeTheirs: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <div role="alert" data-testid={`conflict-${conflict.field}`} className="space-y-2 rounded-md border border-warn bg-panel p-2.5 text-[13px]">
      <p className="font-medium">Someone else changed the {NAME[conflict.field]} while you were editing. Which one should stay?</p>
      <div className="grid grid-cols-2 gap-2">
        <Value label="Yours" value={shown(conflict.field, conflict.mine)} testId="conflict-mine" />
        <Value label={`Theirs (version ${conflict.currentVersion})`} value={shown(conflict.field, conflict.theirs)} testId="conflict-theirs" />
      </div>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onKeepMine().finally(() => setBusy(false));
          }}
        >
          Keep mine
        </Button>
        <Button size="sm" onClick={onTakeTheirs} disabled={busy}>
          Take theirs
        </Button>
      </div>
    </div>
  );
}

'use client';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { TimeAgo } from '@/components/ui/time-ago';
import { useOfflineQueue, useOfflineState } from './context';
import { useOfflinePanel } from './panel-store';
import { OFFLINE_QUEUE_LIMIT } from './queue';

/**
 * What the badge opens: the changes waiting to be sent (in the order they will
 * be sent) and those the server refused when they were replayed, each with the
 * server's reason and hint, until the person dismisses them.
 */
export function OfflinePanel({ onClose }: { onClose: () => void }) {
  const queue = useOfflineQueue();
  const { pending, refused } = useOfflineState();
  const { stalled } = useOfflinePanel();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <section
      ref={ref}
      id="offline-panel"
      data-testid="offline-panel"
      tabIndex={-1}
      aria-label="Changes waiting to be sent"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      className="absolute top-full right-0 z-50 mt-2 max-h-[70vh] w-[26rem] overflow-auto rounded-lg border border-border bg-panel p-3 text-fg shadow-xl outline-none"
    >
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold">Changes</h2>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      </div>

      <h3 className="mb-1 text-[12px] font-medium text-muted uppercase">
        Waiting to be sent ({pending.length}/{OFFLINE_QUEUE_LIMIT})
      </h3>
      {pending.length === 0 ? (
        <p className="mb-3 text-muted">Nothing waiting: every change has reached the server.</p>
      ) : (
        <>
          {stalled && <p className="mb-1 text-[13px] text-warn">Last attempt got no answer ({stalled}); trying again shortly.</p>}
          <ol data-testid="offline-pending" className="mb-3 divide-y divide-border rounded-md border border-border">
            {pending.map((w) => (
              <li key={w.id} data-testid="offline-pending-item" className="flex items-center justify-between gap-2 px-2 py-1.5">
                <span className="truncate">{w.label}</span>
                <TimeAgo at={w.enqueuedAt} className="shrink-0 text-[12px] text-muted" />
              </li>
            ))}
          </ol>
        </>
      )}

      <div className="mb-1 flex items-center justify-between">
        <h3 className="text-[12px] font-medium text-muted uppercase">Not applied ({refused.length})</h3>
        {refused.length > 1 && (
          <Button variant="ghost" size="sm" onClick={() => queue.dismissAllRefused()}>
            Dismiss all
          </Button>
        )}
      </div>
      {refused.length === 0 ? (
        <p className="text-muted">None. A waiting change the server refuses when it is sent shows up here.</p>
      ) : (
        <ul data-testid="offline-refused" className="divide-y divide-border rounded-md border border-danger/50">
          {refused.map((w) => (
            <li key={w.id} data-testid="offline-refused-item" data-code={w.code} className="space-y-0.5 px-2 py-1.5">
              <div className="flex items-start justify-between gap-2">
                <span className="font-medium">{w.label}</span>
                <Button variant="ghost" size="sm" aria-label={`Dismiss: ${w.label}`} onClick={() => queue.dismissRefused(w.id)}>
                  Dismiss
                </Button>
              </div>
              <p className="text-[13px] text-danger">
                <span className="font-mono">{w.code}</span> · {w.message}
              </p>
              {w.hint && <p className="text-[13px] text-muted">{w.hint}</p>}
            </li>
          ))}
        </ul>
      )}
      {queue.storageError && (
        <p className="mt-2 text-[13px] text-warn">
          This browser would not store the queue ({queue.storageError}): waiting changes are lost if the page is closed.
        </p>
      )}
    </section>
  );
}

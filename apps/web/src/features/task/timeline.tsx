'use client';
import type { MaestroEvent, Session, Task } from '@maestro/schemas';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/errors';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import { CommentBox } from './comment-box';
import { TimelineEntry, type Lookup } from './timeline-entry';
import { timelineItems } from './timeline-items';

const PAGE = 200;

/**
 * Every event of the task, oldest first, read in pages by `afterId` and kept
 * live by the live layer (an event touching this task invalidates `events.list`
 * for it; the refetch reads only what came after the newest event held).
 * Rows are virtualized: a task with thousands of events keeps a small DOM.
 * It opens at the newest event and follows new ones while scrolled to the end.
 */
export function Timeline({ task, byId, sessions }: { task: Task; byId: ReadonlyMap<string, Task>; sessions: ReadonlyMap<string, Session> }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const taskId = task.id;
  // The procedure's own key (path + input), so the live layer's invalidation finds it.
  const queryKey: QueryKey = [...trpc.events.list.queryKey({ taskId, limit: PAGE })];
  const query = useQuery({
    queryKey,
    // Events never change once written: a refetch asks only for those after the newest one held.
    queryFn: async () => {
      let events = queryClient.getQueryData<MaestroEvent[]>(queryKey) ?? [];
      let afterId = events.at(-1)?.id;
      for (;;) {
        const page = await client.events.list.query({ taskId, limit: PAGE, ...(afterId !== undefined ? { afterId } : {}) });
        if (page.items.length > 0) events = [...events, ...(page.items as MaestroEvent[])];
        if (page.nextAfterId === null) return events;
        afterId = page.nextAfterId;
      }
    },
  });

  const items = useMemo(() => timelineItems(query.data ?? []), [query.data]);
  const look: Lookup = { task: (id) => byId.get(id), session: (id) => sessions.get(id), projectId: task.projectId };

  const scrollRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 34,
    overscan: 8,
    getItemKey: (i) => items[i]?.key ?? i,
    useFlushSync: false,
  });
  useEffect(() => {
    if (items.length > 0 && atEnd.current) virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }, [items.length, virtualizer]);

  return (
    <section aria-labelledby="timeline-heading" className="space-y-2">
      <h3 id="timeline-heading" className="text-[12px] font-semibold tracking-wide text-muted uppercase">
        Timeline
      </h3>
      {query.error ? (
        <div role="alert" className="flex items-center gap-2 text-[13px] text-danger">
          <span>Could not load the timeline: {describeError(query.error)}</span>
          <Button size="sm" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      ) : query.isPending ? (
        <p className="text-[13px] text-muted">Loading the timeline…</p>
      ) : items.length === 0 ? (
        <p className="text-[13px] text-muted">Nothing has happened to this task yet.</p>
      ) : (
        <div
          ref={scrollRef}
          data-testid="timeline"
          tabIndex={0}
          role="log"
          aria-label="Timeline events"
          onScroll={(e) => {
            const el = e.currentTarget;
            atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
          className="max-h-[26rem] overflow-auto rounded-md"
        >
          <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return (
                <div
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  className="absolute top-0 left-0 w-full pr-1"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <TimelineEntry item={item} look={look} />
                </div>
              );
            })}
          </div>
        </div>
      )}
      <CommentBox taskId={taskId} />
    </section>
  );
}

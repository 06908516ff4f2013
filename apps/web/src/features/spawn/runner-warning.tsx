'use client';
import { useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useTRPC } from '@/trpc/react';

/**
 * "No runner connected" instead of a spawn request that silently waits. The
 * list is fetched again each time the dialog opens (runners have no events of
 * their own), and the live layer refetches it on any project change meanwhile.
 */
export function RunnerWarning() {
  const trpc = useTRPC();
  const runners = useQuery({ ...trpc.runner.list.queryOptions(), refetchOnMount: 'always' });
  if (!runners.data) return null;
  const live = runners.data.items.filter((r) => r.live);
  if (live.length > 0) {
    return (
      <p className="text-[13px] text-muted" data-testid="runner-state" data-state="live">
        {live.length === 1 ? `Runner ${live[0]!.name} will start it.` : `${live.length} runners connected: the first to claim it starts it.`}
      </p>
    );
  }
  return (
    <p
      role="status"
      data-testid="runner-state"
      data-state="none"
      className="flex items-start gap-2 rounded-md border border-warn/50 bg-warn/10 px-3 py-2 text-[13px]"
    >
      <TriangleAlert aria-hidden size={15} className="mt-0.5 shrink-0 text-warn" />
      <span>
        No runner connected: run <code className="font-mono">maestro runner</code>. The request waits until one connects.
      </span>
    </p>
  );
}
